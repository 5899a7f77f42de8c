package audit

import (
	"errors"
	"fmt"
	"os"

	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

// spool keeps items that must wait for their turn in a temporary file, so
// that a run holds in memory only where each one is. The file is removed
// when the run ends. Only the orderer's goroutine uses it.
type spool struct {
	f     *os.File
	end   int64
	codec gobCodec
}

type spoolRef struct{ off, n int64 }

// spooled is an Item as written to the spool (an error is kept as its
// message, which is all the renderers show).
type spooled struct {
	Path     string
	Report   *recognise.Report
	Findings []spooledFinding
	Err      string
	Unread   Identity
	Waived   int
	Source   *manifest.Entry
}

// spooledFinding keeps Expected and Actual by value: gob leaves out a
// pointer to zero, which would turn "expected 0" into "no expected value".
type spooledFinding struct {
	F                      rules.Finding
	Expected, Actual       float64
	HasExpected, HasActual bool
}

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "nianbao-spool-*")
	if err != nil {
		return nil, fmt.Errorf("无法创建临时文件：%w", err)
	}
	os.Remove(f.Name()) // unlinked at once: nothing is left behind, even after a kill
	return &spool{f: f}, nil
}

func (s *spool) put(it Item) (spoolRef, error) {
	rec := spooled{Path: it.Path, Report: it.Report, Unread: it.Unread, Waived: it.Waived, Source: it.Source}
	for _, f := range it.Findings {
		sf := spooledFinding{F: f}
		if f.Expected != nil {
			sf.Expected, sf.HasExpected = *f.Expected, true
		}
		if f.Actual != nil {
			sf.Actual, sf.HasActual = *f.Actual, true
		}
		sf.F.Expected, sf.F.Actual = nil, nil
		rec.Findings = append(rec.Findings, sf)
	}
	if it.Err != nil {
		rec.Err = it.Err.Error()
	}
	b, err := s.codec.encode(&rec)
	if err != nil {
		return spoolRef{}, fmt.Errorf("%s: 无法写入临时文件：%w", it.Path, err)
	}
	ref, err := s.write(b)
	if err != nil {
		return spoolRef{}, fmt.Errorf("%s: %w", it.Path, err)
	}
	return ref, nil
}

func (s *spool) get(at spoolRef) (Item, error) {
	buf := make([]byte, at.n)
	if _, err := s.f.ReadAt(buf, at.off); err != nil {
		return Item{}, fmt.Errorf("无法读回临时文件：%w", err)
	}
	var rec spooled
	if err := s.codec.decode(buf, &rec); err != nil {
		return Item{}, fmt.Errorf("无法读回临时文件：%w", err)
	}
	it := Item{Path: rec.Path, Report: rec.Report, Unread: rec.Unread, Waived: rec.Waived, Source: rec.Source}
	for _, sf := range rec.Findings {
		f := sf.F
		if sf.HasExpected {
			f.Expected = &sf.Expected
		}
		if sf.HasActual {
			f.Actual = &sf.Actual
		}
		it.Findings = append(it.Findings, f)
	}
	if rec.Err != "" {
		it.Err = errors.New(rec.Err)
	}
	return it, nil
}

func (s *spool) close() { s.f.Close() }

// putValue keeps a value (a CONS-COPY-PEER document, a digest's report)
// until it is needed again.
func (s *spool) putValue(v any) (spoolRef, error) {
	b, err := s.codec.encode(v)
	if err != nil {
		return spoolRef{}, fmt.Errorf("无法写入临时文件：%w", err)
	}
	return s.write(b)
}

// getValue reads back into v (a pointer) what putValue kept at at.
func (s *spool) getValue(at spoolRef, v any) error {
	buf := make([]byte, at.n)
	if _, err := s.f.ReadAt(buf, at.off); err != nil {
		return fmt.Errorf("无法读回临时文件：%w", err)
	}
	if err := s.codec.decode(buf, v); err != nil {
		return fmt.Errorf("无法读回临时文件：%w", err)
	}
	return nil
}

func (s *spool) write(b []byte) (spoolRef, error) {
	if _, err := s.f.WriteAt(b, s.end); err != nil {
		return spoolRef{}, fmt.Errorf("无法写入临时文件：%w", err)
	}
	ref := spoolRef{s.end, int64(len(b))}
	s.end += ref.n
	return ref, nil
}
