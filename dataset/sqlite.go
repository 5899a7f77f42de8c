// Package dataset writes the researchers' dataset of `nianbao dataset`: one
// SQLite file (tables reports, cells, figures, findings, sections and the
// cells_wide view; docs/dataset.md is the specification) or the wide CSV of
// `extract --format csv` with the source columns. It runs the whole pipeline
// (extraction, recognition and the audit rules) through package audit and
// only stores what that returns.
//
// A SQLite dataset grows: run again over a grown folder and only the files
// that are new, whose bytes changed, whose manifest entry changed, or that
// could not be read last time are processed; the others keep their rows
// and ids. Rows are written in input order, so the same inputs give the
// same rows and ids whatever the number of workers.
package dataset

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"modernc.org/sqlite" // the pure-Go SQLite driver "sqlite"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/internal/regular"
	"github.com/nianbao/nianbao/rules"
)

// Options of a dataset run.
type Options struct {
	// Audit runs the files (workers, time limit, profile, progress,
	// manifests). Rules is always on: the dataset holds the findings.
	Audit audit.Options
	// Rebuild starts the file over instead of updating it.
	Rebuild bool
	// Report, when set, sees each file processed, in input order (the
	// command tells the ones that could not be read).
	Report func(audit.Item)
}

// Stats says what a run did, for the message on stderr.
type Stats struct {
	New        int // files not in the dataset before
	Changed    int // files whose bytes or source changed, or unreadable last time
	Unchanged  int // files skipped: same path, SHA-256 and source
	Unreadable int // of the new and changed, files that could not be read
	Kept       int // reports in the dataset that were not among this run's files
	// Rechecked are unchanged reports stored again because the report of
	// the year before of the same body was new or changed (carry-over and
	// copied-text rules compare the two).
	Rechecked int
	// ProfileChanged: the audit profile differs from the one the dataset
	// was written with, so every file was processed again.
	ProfileChanged bool
	Reports        int // rows in reports after the run
	// Repeated counts the files after the run that hold a report whose
	// body (issuer_normalized) and year an earlier row holds too: the same
	// report as page and attachment, or twice (RepeatedQuery lists them).
	Repeated int
}

// RepeatedQuery lists, per body and year held by more than one file, the
// files: the query README and the dataset's summary line give researchers.
const RepeatedQuery = "SELECT issuer_normalized, year, group_concat(path, ' | ') FROM (SELECT * FROM reports ORDER BY id) GROUP BY 1, 2 HAVING COUNT(*) > 1 ORDER BY 1, 2"

// repeatedCount is Stats.Repeated: the files beyond the first of each body
// and year.
const repeatedCount = `SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM reports
  WHERE issuer_normalized IS NOT NULL AND year IS NOT NULL GROUP BY issuer_normalized, year)`

// ErrOldSchema: the file was written by another schema version.
var ErrOldSchema = errors.New("数据集文件的结构版本不同")

// input is one file given to a run, before it is processed.
type input struct {
	path, sha256                      string
	sourceURL, sourcePage, sourceDate string
	sourceKind, sourceReport          string
}

// known is what the dataset already holds about a path.
type known struct {
	id                        int64
	sha256, sourceURL, source string
	page, kind, report        string // the other source columns
	readable                  bool
}

// WriteSQLite creates or updates the dataset file dbPath from files.
// Items are written as they come (audit.Stream), so memory does not grow
// with the number of files; opt.Report, when set, sees each processed item
// (to tell the ones that could not be read).
func WriteSQLite(ctx context.Context, dbPath string, files []string, opt Options) (Stats, error) {
	var st Stats
	inputs := describe(files, opt.Audit.Manifests)
	_, statErr := os.Stat(dbPath)
	fresh := opt.Rebuild || errors.Is(statErr, os.ErrNotExist)
	target := dbPath
	if fresh {
		tmp, err := os.CreateTemp(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".*")
		if err != nil {
			return st, fmt.Errorf("无法创建数据集文件 %s：%w", dbPath, explain(err))
		}
		tmp.Close()
		target = tmp.Name()
		defer os.Remove(target) // a no-op after the rename
	}
	db, err := sql.Open("sqlite", target)
	if err != nil {
		return st, fmt.Errorf("无法打开数据集文件 %s：%w", dbPath, explain(err))
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if fresh {
		if err := create(ctx, db); err != nil {
			return st, fmt.Errorf("%s：%w", dbPath, explain(err))
		}
	} else if err := checkVersion(ctx, db); err != nil {
		return st, fmt.Errorf("%s：%w", dbPath, explain(err))
	}
	have, err := existing(ctx, db)
	if err != nil {
		return st, fmt.Errorf("%s：无法读取已有的数据：%w", dbPath, explain(err))
	}
	old, err := issuerYears(ctx, db)
	if err != nil {
		return st, fmt.Errorf("%s：无法读取已有的数据：%w", dbPath, explain(err))
	}
	// The findings depend on the audit profile: with another profile than
	// last time, every file is processed again.
	profile, err := profileKey(opt.Audit.Profile)
	if err != nil {
		return st, fmt.Errorf("审核配置：%w", err)
	}
	var stored string
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(value), '') FROM meta WHERE key = 'profile'").Scan(&stored); err != nil {
		return st, fmt.Errorf("%s：无法读取已有的数据：%w", dbPath, explain(err))
	}
	st.ProfileChanged = len(have) > 0 && stored != profile

	var todo, refresh []input
	given := map[string]bool{}
	for _, in := range inputs {
		given[in.path] = true
		k, ok := have[in.path]
		switch {
		case !ok:
			st.New++
		case !st.ProfileChanged && k.readable && in.sha256 != "" && k.sha256 == in.sha256 && k.sourceURL == in.sourceURL && k.source == in.sourceDate:
			st.Unchanged++
			if k.page != in.sourcePage || k.kind != in.sourceKind || k.report != in.sourceReport {
				refresh = append(refresh, in) // the manifest says more about the same file
			}
			continue
		default:
			st.Changed++
		}
		todo = append(todo, in)
	}
	for p := range have {
		if !given[p] {
			st.Kept++
		}
	}

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("写入数据集 %s：%w", dbPath, explain(err))
	}
	defer tx.Rollback()
	if len(todo) > 0 {
		if err := process(ctx, tx, inputs, todo, have, old, opt, &st); err != nil {
			return st, fmt.Errorf("%w；数据集 %s 未改动", err, dbPath)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO meta(key, value) VALUES ('profile', ?)", profile); err != nil {
		return st, fmt.Errorf("写入数据集 %s：%w", dbPath, explain(err))
	}
	if err := refreshSources(ctx, tx, refresh); err != nil {
		return st, fmt.Errorf("写入数据集 %s：%w", dbPath, explain(err))
	}
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM reports").Scan(&st.Reports); err != nil {
		return st, fmt.Errorf("%s：%w", dbPath, explain(err))
	}
	if err := tx.QueryRowContext(ctx, repeatedCount).Scan(&st.Repeated); err != nil {
		return st, fmt.Errorf("%s：%w", dbPath, explain(err))
	}
	if err := tx.Commit(); err != nil {
		return st, fmt.Errorf("写入数据集 %s：%w", dbPath, explain(err))
	}
	if err := db.Close(); err != nil {
		return st, fmt.Errorf("写入数据集 %s：%w", dbPath, explain(err))
	}
	if fresh {
		if err := os.Chmod(target, 0o644); err != nil {
			return st, fmt.Errorf("写入数据集 %s：%w", dbPath, explain(err))
		}
		if err := os.Rename(target, dbPath); err != nil {
			return st, fmt.Errorf("写入数据集 %s：%w", dbPath, explain(err))
		}
	}
	return st, nil
}

// process runs the files to do and writes their rows in tx: a file already
// in the dataset keeps its id and has its rows replaced; new files get the
// next ids in input order.
//
// The rules that compare a report with the same body's report of the year
// before need those reports in the same run: when some processed file has
// such neighbours among the unchanged ones, the processed files are run
// again together with them, and the unchanged reports of the year after
// are stored again (their findings depend on what changed).
func process(ctx context.Context, tx *sql.Tx, inputs, todo []input, have map[string]known, old map[string]issuerYear, opt Options, st *Stats) error {
	w, err := newWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	var next int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM reports").Scan(&next); err != nil {
		return err
	}
	ids := map[string]int64{}
	for p, k := range have {
		ids[p] = k.id
	}
	byPath := map[string]input{}
	for _, in := range todo {
		byPath[in.path] = in
	}
	done := map[string][]issuerYear{} // the processed reports' issuer and year, new and old
	for _, in := range todo {
		if k, ok := old[in.path]; ok {
			done[in.path] = append(done[in.path], k)
		}
	}
	aopt := opt.Audit
	aopt.Rules = true
	write := func(in input, it audit.Item) error {
		id, ok := ids[in.path]
		if !ok {
			next++
			id, ids[in.path] = next, next
		}
		if err := w.replace(id, in, &it); err != nil {
			return fmt.Errorf("%s：%w", in.path, err)
		}
		return nil
	}
	err = stream(ctx, todo, aopt, func(it audit.Item) error {
		in, ok := byPath[it.Path]
		if !ok {
			return fmt.Errorf("内部错误：结果中的 %s 不在输入中", it.Path)
		}
		if it.Err != nil {
			st.Unreadable++
		}
		if r := it.Report; r != nil && r.Issuer != "" && r.Year > 0 {
			done[it.Path] = append(done[it.Path], issuerYear{r.Issuer, r.Year})
		}
		if opt.Report != nil {
			opt.Report(it)
		}
		return write(in, it)
	})
	if err != nil {
		return err
	}
	again, successors := neighbours(inputs, todo, done, old)
	if len(again) == 0 {
		return nil
	}
	for _, in := range successors {
		byPath[in.path] = in
	}
	st.Rechecked = len(successors)
	return stream(ctx, again, aopt, func(it audit.Item) error {
		in, ok := byPath[it.Path]
		if !ok {
			return nil // a neighbour run only for the comparison
		}
		return write(in, it)
	})
}

// stream audits the inputs in order, handing each item to emit; an
// interrupted run is an error.
func stream(ctx context.Context, ins []input, opt audit.Options, emit func(audit.Item) error) error {
	paths := make([]string, len(ins))
	for i, in := range ins {
		paths[i] = in.path
	}
	o, err := audit.Stream(ctx, paths, opt, emit)
	if err != nil {
		return err
	}
	if ctx.Err() != nil || len(o.NotProcessed) > 0 {
		return fmt.Errorf("处理被中断（%d 个文件未处理）", len(o.NotProcessed))
	}
	return nil
}

// profileKey identifies an audit profile: the SHA-256 of its JSON.
func profileKey(p rules.Profile) (string, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// refreshSources updates the source columns that do not decide whether a
// file is processed again (the page it was found on, its kind, its report
// page) for skipped files whose manifest entry now says otherwise.
func refreshSources(ctx context.Context, tx *sql.Tx, ins []input) error {
	for _, in := range ins {
		if _, err := tx.ExecContext(ctx, "UPDATE reports SET source_page = ?, source_kind = ?, source_report = ? WHERE path = ?",
			nullStr(in.sourcePage), nullStr(in.sourceKind), nullStr(in.sourceReport), pathArg(in.path)); err != nil {
			return err
		}
	}
	return nil
}

// describe hashes each file and looks up its manifest entry. A file that
// cannot be read gets no hash; the run reports why.
func describe(files []string, finder *manifest.Finder) []input {
	out := make([]input, len(files))
	for i, f := range files {
		in := input{path: f}
		if h, err := hashFile(f); err == nil {
			in.sha256 = h
		}
		if finder != nil {
			if e, ok, _ := finder.Lookup(f); ok {
				in.sourceURL, in.sourcePage, in.sourceDate = sourceURL(&e), e.FoundOn, e.Published
				in.sourceKind, in.sourceReport = e.Kind, e.ReportURL
			}
		}
		out[i] = in
	}
	return out
}

// hashFile is the SHA-256 of a regular file. Anything else (a FIFO, whose
// opening alone blocks until something writes to it; a device) has none:
// the audit refuses it at once with its message.
func hashFile(path string) (string, error) {
	f, err := regular.Open(path, math.MaxInt64)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// sourceURL is where the file came from: the final URL after redirects, or
// the URL asked for.
func sourceURL(e *manifest.Entry) string {
	if e == nil {
		return ""
	}
	if e.FinalURL != "" {
		return e.FinalURL
	}
	return e.URL
}

func create(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, Schema()); err != nil {
		return fmt.Errorf("无法建立数据表：%w", explain(err))
	}
	_, err := db.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES ('schema_version', ?)", SchemaVersion)
	return err
}

func checkVersion(ctx context.Context, db *sql.DB) error {
	var v string
	if err := db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v); err != nil {
		why := explain(err).Error()
		var se *sqlite.Error
		if errors.As(err, &se) && se.Code()&0xff == 1 { // SQLITE_ERROR: no such table
			why = "其中没有 nianbao 的数据表"
		}
		return fmt.Errorf("不是 nianbao 数据集文件：%s；请换一个文件名，或用 --rebuild 重建", why)
	}
	if v != SchemaVersion {
		return fmt.Errorf("%w（文件为 %s，本程序为 %s）；请用 --rebuild 重建", ErrOldSchema, v, SchemaVersion)
	}
	return nil
}

func existing(ctx context.Context, db *sql.DB) (map[string]known, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, path, sha256, COALESCE(source_url, ''), COALESCE(source_published, ''),
		COALESCE(source_page, ''), COALESCE(source_kind, ''), COALESCE(source_report, ''), readable FROM reports`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]known{}
	for rows.Next() {
		var k known
		var p string
		if err := rows.Scan(&k.id, &p, &k.sha256, &k.sourceURL, &k.source, &k.page, &k.kind, &k.report, &k.readable); err != nil {
			return nil, err
		}
		out[p] = k
	}
	return out, rows.Err()
}
