package dataset

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/utf8out"
	"github.com/nianbao/nianbao/recognise"
)

// writer holds the prepared statements of one transaction.
type writer struct {
	ctx                                        context.Context
	tx                                         *sql.Tx
	report, cell, figure, finding, sectionStmt *sql.Stmt
}

func newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{ctx: ctx, tx: tx}
	for _, s := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&w.report, `INSERT INTO reports (id, path, source_url, source_page, source_published, source_kind, source_report, sha256, format, pages, title, issuer,
			issuer_normalized, year, template, published, published_from, readable, error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.cell, `INSERT INTO cells (report, key, tbl, row, column, value, text, status, alternatives, page, source, confidence)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.figure, `INSERT INTO figures (report, seq, subject, value, unit, approx, negated, cue, clause, text, page, section)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.finding, `INSERT INTO findings (report, seq, rule, category, status, severity, message, cells, expected, actual,
			page, section, responsibility, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.sectionStmt, `INSERT INTO sections (report, n, heading, present, page) VALUES (?, ?, ?, ?, ?)`},
	} {
		st, err := tx.PrepareContext(ctx, s.sql)
		if err != nil {
			w.close()
			return nil, err
		}
		*s.dst = st
	}
	return w, nil
}

func (w *writer) close() {
	for _, s := range []*sql.Stmt{w.report, w.cell, w.figure, w.finding, w.sectionStmt} {
		if s != nil {
			s.Close()
		}
	}
}

// replace writes one file's rows under id, removing what id had.
func (w *writer) replace(id int64, in input, it *audit.Item) error {
	for _, t := range []string{"cells", "figures", "findings", "sections"} {
		if _, err := w.tx.ExecContext(w.ctx, "DELETE FROM "+t+" WHERE report = ?", id); err != nil {
			return err
		}
	}
	if _, err := w.tx.ExecContext(w.ctx, "DELETE FROM reports WHERE id = ?", id); err != nil {
		return err
	}
	src := []any{nullStr(in.sourceURL), nullStr(in.sourcePage), nullStr(in.sourceDate), nullStr(in.sourceKind), nullStr(in.sourceReport)}
	if it.Err != nil {
		_, err := w.report.ExecContext(w.ctx, append(append([]any{id, pathArg(in.path)}, src...),
			in.sha256, nil, nil, nil, nil, nil, nil, nil, nil, nil, 0, utf8out.Show(it.Err.Error()))...)
		return err
	}
	r := it.Report
	sha := in.sha256
	if sha == "" {
		sha = r.Source.SHA256
	}
	var year any
	if r.Year > 0 {
		year = r.Year
	}
	publishedFrom := ""
	if r.Published != "" {
		publishedFrom = r.PublishedFrom
	}
	var pages any
	if r.Source.HasPages() {
		pages = r.Source.Pages
	}
	args := append(append([]any{id, pathArg(in.path)}, src...), sha, string(r.Source.Format), pages, nullStr(r.Title), nullStr(r.Issuer),
		nullStr(NormalizeIssuer(r.Issuer)), year, nullStr(string(r.Template)), nullStr(r.Published), nullStr(publishedFrom), 1, nil)
	if _, err := w.report.ExecContext(w.ctx, args...); err != nil {
		return err
	}
	page := func(p int) any {
		if p > 0 && r.Source.HasPages() {
			return p
		}
		return nil
	}
	for _, k := range cellKeys(r) {
		c := r.Cells[k]
		tbl, row, col := splitKey(k)
		var value, alts any
		if c.Value.Valid {
			value = c.Value.V
		}
		status := "certain"
		if c.Uncertain {
			status = "uncertain"
		}
		if len(c.Alternatives) > 0 {
			b, _ := json.Marshal(c.Alternatives)
			alts = string(b)
		}
		source, confidence := "text", any(nil)
		if c.Source != "" {
			source = c.Source
		}
		if c.Source == extract.SourceOCR {
			confidence = c.Confidence
		}
		if _, err := w.cell.ExecContext(w.ctx, id, k, tbl, row, col, value, nullStr(c.Text), status, alts, page(c.Page),
			source, confidence); err != nil {
			return err
		}
	}
	for i, f := range r.Figures {
		if _, err := w.figure.ExecContext(w.ctx, id, i+1, nullStr(f.Subject), f.Value, nullStr(f.Unit), f.Approx, f.Negated,
			nullStr(f.Cue), nullStr(f.Clause), nullStr(f.Text), page(f.Page), nullInt(f.Section)); err != nil {
			return err
		}
	}
	for i, n := range r.Negations { // 未收到…申请: a figure of 0 stated as a negation
		if _, err := w.figure.ExecContext(w.ctx, id, len(r.Figures)+i+1, nullStr(n.Subject), 0, nil, false, true,
			nullStr(n.Cue), nil, nullStr(n.Text), page(n.Page), nullInt(n.Section)); err != nil {
			return err
		}
	}
	for i, f := range it.Findings {
		if _, err := w.finding.ExecContext(w.ctx, id, i+1, f.Rule, string(f.Category), string(f.Status), string(f.Severity), f.Message,
			nullStr(strings.Join(f.Cells, " ")), f.Expected, f.Actual, page(f.Location.Page), nullInt(f.Location.Section),
			nullStr(string(f.Responsibility)), nullStr(f.Fingerprint)); err != nil {
			return err
		}
	}
	for _, s := range r.Sections {
		if _, err := w.sectionStmt.ExecContext(w.ctx, id, s.N, nullStr(s.Heading), s.Present, page(s.Page)); err != nil {
			return err
		}
	}
	return nil
}

// cellKeys lists a report's keys in template order (render.DatasetKeys),
// then any others sorted.
func cellKeys(r *recognise.Report) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range render.DatasetKeys() {
		if _, ok := r.Cells[k]; ok {
			out = append(out, k)
			seen[k] = true
		}
	}
	var rest []string
	for k := range r.Cells {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// splitKey splits a cell key into its table, row and column:
// t3.denied.state_secret.natural → t3, denied.state_secret, natural.
func splitKey(k string) (tbl, row, col string) {
	tbl, rest, _ := strings.Cut(k, ".")
	if i := strings.LastIndexByte(rest, '.'); i >= 0 {
		return tbl, rest[:i], rest[i+1:]
	}
	return tbl, rest, ""
}

// pathArg is a file's path as the dataset stores it: text, or — when it is
// not valid UTF-8 (a GBK file name from a Windows archive) — a BLOB of its
// bytes, exact for the next run's comparison, where text would make every
// query that reads the column fail in tools that decode TEXT as UTF-8
// (Python's sqlite3: "Could not decode to UTF-8 column 'path'").
func pathArg(p string) any {
	if utf8.ValidString(p) {
		return p
	}
	return []byte(p)
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}
