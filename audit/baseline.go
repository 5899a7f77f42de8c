package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/internal/errtext"
	"github.com/nianbao/nianbao/internal/utf8out"
)

// SchemaBaseline is the name of the baseline file a person edits.
const SchemaBaseline = "nianbao/baseline/v1"

// Waiver is one accepted finding: its fingerprint, optionally the file it
// belongs to (by path as given or by SHA-256; neither: every file), and why
// it was accepted.
type Waiver struct {
	Fingerprint string `json:"fingerprint"`
	Path        string `json:"path,omitempty"`
	SHA256      string `json:"sha256,omitempty"`
	Rule        string `json:"rule,omitempty"`    // for people; not matched
	Message     string `json:"message,omitempty"` // for people; not matched
	Reason      string `json:"reason"`
}

// Baseline holds findings accepted earlier, so that a re-run shows only
// what is new. It is read from a waiver file (nianbao/baseline/v1, written
// by `nianbao baseline add` or by hand, each waiver with its reason) or
// from a previous `nianbao audit --format json` output (every finding in it
// accepted, without a reason). A finding is waived when a waiver lists its
// fingerprint for the same file, the file being known by its path as given
// or by its SHA-256 (so a moved file keeps its waivers and a changed one is
// judged afresh only where its problems changed), or for any file.
//
// A baseline remembers which waivers matched and which files it saw, so
// that after a run Stale lists the waivers that no longer match anything.
// It is used by one run at a time.
type Baseline struct {
	Waivers []Waiver
	byPath  map[string]map[string][]int
	bySum   map[string]map[string][]int
	anyFile map[string][]int
	used    []bool
	seenP   map[string]bool
	seenS   map[string]bool
}

// baselineFile is the part of the audit JSON (spec/json.md) a baseline reads.
type baselineFile struct {
	Schema  string `json:"schema"`
	Reports []struct {
		Source struct {
			Path   string `json:"path"`
			SHA256 string `json:"sha256"`
		} `json:"source"`
		Findings []struct {
			Rule        string `json:"rule"`
			Message     string `json:"message"`
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
	} `json:"reports"`
	Waivers []Waiver `json:"waivers"`
}

// WaiverFile is the document of SchemaBaseline.
type WaiverFile struct {
	Schema  string   `json:"schema"`
	Waivers []Waiver `json:"waivers"`
}

// ReadWaivers reads a waiver file (nianbao/baseline/v1). Every waiver must
// have a fingerprint and a reason.
func ReadWaivers(data []byte) (*WaiverFile, error) {
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("不是有效的基线文件（%s）：%s", SchemaBaseline, errtext.JSON(err))
	}
	switch head.Schema {
	case SchemaBaseline:
	case "nianbao/audit/v1":
		return nil, fmt.Errorf("这是审核结果（nianbao/audit/v1），不是基线文件（%s）：audit --baseline 可直接使用它；"+
			"baseline add 请用 --file 指定一个新的基线文件", SchemaBaseline)
	default:
		return nil, fmt.Errorf("不是有效的基线文件（schema 应为 %s，实为“%s”）", SchemaBaseline, head.Schema)
	}
	var f WaiverFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("不是有效的基线文件（%s）：%s", SchemaBaseline, errtext.JSON(err))
	}
	for i, w := range f.Waivers {
		if strings.TrimSpace(w.Fingerprint) == "" {
			return nil, fmt.Errorf("第 %d 条豁免没有 fingerprint", i+1)
		}
		if strings.TrimSpace(w.Reason) == "" {
			return nil, fmt.Errorf("第 %d 条豁免（%s）没有写明理由（reason）", i+1, w.Fingerprint)
		}
	}
	return &f, nil
}

// Write writes the waiver file, waivers in a stable order (path, then
// fingerprint), indented for people and version control.
func (f *WaiverFile) Write(w io.Writer) error {
	f.Schema = SchemaBaseline
	if f.Waivers == nil {
		f.Waivers = []Waiver{}
	}
	sort.SliceStable(f.Waivers, func(i, j int) bool {
		a, b := f.Waivers[i], f.Waivers[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Fingerprint < b.Fingerprint
	})
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// ReadBaseline reads a baseline: a waiver file or an audit JSON document.
func ReadBaseline(r io.Reader) (*Baseline, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("不是 nianbao audit --format json 的输出，也不是基线文件（%s）：%s", SchemaBaseline, errtext.JSON(err))
	}
	switch head.Schema {
	case SchemaBaseline:
		f, err := ReadWaivers(data)
		if err != nil {
			return nil, err
		}
		return NewBaseline(f.Waivers), nil
	case "nianbao/audit/v1":
	default:
		return nil, fmt.Errorf("不是 nianbao audit --format json 的输出，也不是基线文件（schema 为“%s”）", head.Schema)
	}
	var f baselineFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("不是 nianbao audit --format json 的输出：%s", errtext.JSON(err))
	}
	var ws []Waiver
	for _, rep := range f.Reports {
		for _, fd := range rep.Findings {
			if fd.Fingerprint != "" && (rep.Source.Path != "" || rep.Source.SHA256 != "") {
				ws = append(ws, Waiver{Fingerprint: fd.Fingerprint, Path: rep.Source.Path, SHA256: rep.Source.SHA256,
					Rule: fd.Rule, Message: fd.Message, Reason: "上次审核结果中已有"})
			}
		}
	}
	return NewBaseline(ws), nil
}

// NewBaseline indexes waivers.
func NewBaseline(ws []Waiver) *Baseline {
	b := &Baseline{Waivers: ws, byPath: map[string]map[string][]int{}, bySum: map[string]map[string][]int{},
		anyFile: map[string][]int{}, used: make([]bool, len(ws)), seenP: map[string]bool{}, seenS: map[string]bool{}}
	add := func(m map[string]map[string][]int, key, fp string, i int) {
		if m[key] == nil {
			m[key] = map[string][]int{}
		}
		m[key][fp] = append(m[key][fp], i)
	}
	for i, w := range ws {
		switch {
		case w.Path == "" && w.SHA256 == "":
			b.anyFile[w.Fingerprint] = append(b.anyFile[w.Fingerprint], i)
		default:
			if w.Path != "" {
				add(b.byPath, utf8out.Show(w.Path), w.Fingerprint, i)
			}
			if w.SHA256 != "" {
				add(b.bySum, w.SHA256, w.Fingerprint, i)
			}
		}
	}
	return b
}

// seen records that the file at path with digest sum was audited, so that
// its waivers can be judged stale.
func (b *Baseline) seen(path, sum string) {
	b.seenP[utf8out.Show(path)] = true
	if sum != "" {
		b.seenS[sum] = true
	}
}

// waived reports whether a finding of the report at path with the given
// digest is in the baseline, and marks the waivers that match as used.
func (b *Baseline) waived(path, sum, fingerprint string) bool {
	hit := false
	mark := func(is []int) {
		for _, i := range is {
			b.used[i] = true
			hit = true
		}
	}
	mark(b.byPath[utf8out.Show(path)][fingerprint])
	if sum != "" {
		mark(b.bySum[sum][fingerprint])
	}
	mark(b.anyFile[fingerprint])
	return hit
}

// Stale lists the waivers that matched no finding although the run could
// have met them: the file they name (by path or digest) was audited, or
// they name no file. Waivers of files not in the run are not judged.
func (b *Baseline) Stale() []Waiver {
	var out []Waiver
	for i, w := range b.Waivers {
		if b.used[i] {
			continue
		}
		if (w.Path == "" && w.SHA256 == "") || b.seenP[utf8out.Show(w.Path)] || (w.SHA256 != "" && b.seenS[w.SHA256]) {
			out = append(out, w)
		}
	}
	return out
}

// apply removes the waived findings of a whole result and counts them per
// item.
func (b *Baseline) apply(res *Result) {
	for i := range res.Items {
		b.applyItem(&res.Items[i])
	}
}
