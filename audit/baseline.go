package audit

import (
	"encoding/json"
	"fmt"
	"io"
)

// Baseline holds findings accepted earlier, so that a re-run shows only
// what is new. It is read from a previous `nianbao audit --format json`
// output: a finding is waived when its fingerprint was listed for the same
// file, the file being known by its path as given or by its SHA-256 (so a
// moved file keeps its waivers and a changed one is judged afresh only
// where its problems changed).
type Baseline struct {
	byPath map[string]map[string]bool
	bySum  map[string]map[string]bool
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
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
	} `json:"reports"`
}

// ReadBaseline reads a baseline from an audit JSON document.
func ReadBaseline(r io.Reader) (*Baseline, error) {
	var f baselineFile
	if err := json.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("不是 nianbao audit --format json 的输出：%w", err)
	}
	if f.Schema != "nianbao/audit/v1" {
		return nil, fmt.Errorf("不是 nianbao audit --format json 的输出（schema 为“%s”）", f.Schema)
	}
	b := &Baseline{byPath: map[string]map[string]bool{}, bySum: map[string]map[string]bool{}}
	add := func(m map[string]map[string]bool, key, fp string) {
		if key == "" || fp == "" {
			return
		}
		if m[key] == nil {
			m[key] = map[string]bool{}
		}
		m[key][fp] = true
	}
	for _, rep := range f.Reports {
		for _, fd := range rep.Findings {
			add(b.byPath, rep.Source.Path, fd.Fingerprint)
			add(b.bySum, rep.Source.SHA256, fd.Fingerprint)
		}
	}
	return b, nil
}

// waived reports whether a finding of the report at path with the given
// digest is in the baseline.
func (b *Baseline) waived(path, sum, fingerprint string) bool {
	return b.byPath[path][fingerprint] || sum != "" && b.bySum[sum][fingerprint]
}

// apply removes the waived findings and counts them per item.
func (b *Baseline) apply(res *Result) {
	for i := range res.Items {
		it := &res.Items[i]
		sum := ""
		if it.Report != nil {
			sum = it.Report.Source.SHA256
		}
		kept := it.Findings[:0]
		for _, f := range it.Findings {
			if b.waived(it.Path, sum, f.Fingerprint) {
				it.Waived++
				continue
			}
			kept = append(kept, f)
		}
		it.Findings = kept
	}
}
