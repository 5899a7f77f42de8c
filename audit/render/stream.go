package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/internal/utf8out"
)

// Sink receives the items of a run one by one, in input order, as they are
// ready (audit.Stream), and writes each at once; Close ends the output with
// the run's summary. A format whose output needs every item before its
// first byte (the summary table of text, a workbook) has no Sink and is
// written by Format.Write.
type Sink interface {
	Item(it audit.Item) error
	Close(s audit.Summary) error
}

// LateSink is a Sink that also writes findings about items it has already
// written: what the cross-report rules find later when the run does not
// wait for them (audit.Options.Late, `audit --stream`).
type LateSink interface {
	Sink
	Late(l audit.Late) error
}

// batch writes a whole result through a sink: the batch and the streamed
// forms of a format are one code path, so they are byte-identical.
func batch(s Sink, res *audit.Result) error {
	for _, it := range res.Items {
		if err := s.Item(it); err != nil {
			return err
		}
	}
	return s.Close(res.Summary())
}

// auditJSONSink writes the audit document (spec/json.md) as a stream:
// the head, each report object as it comes, then the summary. The bytes are
// those of encoding the whole document with two-space indentation.
type auditJSONSink struct {
	w   io.Writer
	jw  jsonWriter // its buffer is reused for every value
	n   int
	err error
	// late are the encoded entries of "cross_report", written after the
	// reports (the array is still open while they come).
	late [][]byte
}

// jsonLate is an entry of the audit document's "cross_report" list: the
// findings about a report already written that the cross-report rules made
// later (`audit --stream`). Report is the index in "reports".
type jsonLate struct {
	Report   int           `json:"report"`
	Path     string        `json:"path"`
	Findings []jsonFinding `json:"findings"`
}

// Late keeps the entry until the reports are closed.
func (s *auditJSONSink) Late(l audit.Late) error {
	e := jsonLate{Report: l.Index, Path: utf8out.Show(l.Item.Path), Findings: []jsonFinding{}}
	for _, f := range l.Item.Findings {
		e.Findings = append(e.Findings, findingJSON(f))
	}
	if b := s.encode("    ", l.Item.Path, func(w *jsonWriter) { w.late(e) }); s.err == nil {
		s.late = append(s.late, bytes.Clone(b))
	}
	return s.err
}

func (w *jsonWriter) late(l jsonLate) {
	w.openObject()
	w.key("report")
	w.int(l.Report)
	w.key("path")
	w.str(l.Path)
	w.key("findings")
	array(w, l.Findings, (*jsonWriter).finding)
	w.closeObject()
}

// NewAuditJSON starts an audit JSON document on w.
func NewAuditJSON(w io.Writer) Sink {
	return &auditJSONSink{w: w}
}

// encode writes one value of the document (about the file path), its lines
// after the first indented by prefix; the bytes are valid until the next call.
func (s *auditJSONSink) encode(prefix, path string, write func(*jsonWriter)) []byte {
	if s.jw.b == nil {
		s.jw.b = make([]byte, 0, jsonBufSize)
	}
	s.jw = jsonWriter{b: s.jw.b[:0], indent: true, prefix: prefix}
	write(&s.jw)
	if s.jw.err != nil {
		s.err = fmt.Errorf("%s: %w", path, s.jw.err)
		return nil
	}
	return s.jw.b
}

func (s *auditJSONSink) write(parts ...[]byte) {
	for _, p := range parts {
		if s.err == nil {
			_, s.err = s.w.Write(p)
		}
	}
}

func (s *auditJSONSink) head() {
	if s.n == 0 {
		s.write([]byte(`{` + "\n" + `  "schema": "` + SchemaAudit + `",` + "\n" + `  "reports": [`))
	}
}

func (s *auditJSONSink) Item(it audit.Item) error {
	s.head()
	sep := []byte(",\n    ")
	if s.n == 0 {
		sep = sep[1:]
	}
	s.n++
	r := reportJSON(it, true)
	if b := s.encode("    ", it.Path, func(w *jsonWriter) { w.report(r) }); s.err == nil {
		s.write(sep, b)
	}
	return s.err
}

func (s *auditJSONSink) Close(sum audit.Summary) error {
	if s.n == 0 {
		s.write([]byte(`{` + "\n" + `  "schema": "` + SchemaAudit + `",` + "\n" + `  "reports": [],` + "\n  "))
	} else {
		s.write([]byte("\n  ],\n  "))
	}
	if len(s.late) > 0 {
		s.write([]byte("\"cross_report\": [\n    "))
		for i, b := range s.late {
			if i > 0 {
				s.write([]byte(",\n    "))
			}
			s.write(b)
		}
		s.write([]byte("\n  ],\n  "))
	}
	writeList(s, "copies", copiesJSON(sum.Copies), func(c jsonCopy) string { return c.Path }, (*jsonWriter).copyOf)
	writeList(s, "unread_files", unreadJSON(sum.Unread), func(u jsonUnread) string { return u.Path }, (*jsonWriter).unread)
	s.write([]byte("\"summary\": "))
	js := summaryJSON(sum)
	if b := s.encode("  ", "汇总", func(w *jsonWriter) { w.summary(js) }); s.err == nil {
		s.write(b, []byte("\n}\n"))
	}
	return s.err
}

// writeList writes a member of the audit document that is a list after
// the reports ("copies", "unread_files"), nothing when it is empty; path
// names an element in an error.
func writeList[T any](s *auditJSONSink, name string, list []T, path func(T) string, write func(*jsonWriter, T)) {
	if len(list) == 0 {
		return
	}
	s.write([]byte("\"" + name + "\": [\n    "))
	for i, v := range list {
		if i > 0 {
			s.write([]byte(",\n    "))
		}
		if b := s.encode("    ", path(v), func(w *jsonWriter) { write(w, v) }); s.err == nil {
			s.write(b)
		}
	}
	s.write([]byte("\n  ],\n  "))
}

// extractJSONSink writes JSON Lines: one report object per line.
type extractJSONSink struct {
	w io.Writer
	b []byte // reused for every line
}

// NewExtractJSON starts the JSON Lines output of extract on w.
func NewExtractJSON(w io.Writer) Sink { return &extractJSONSink{w: w, b: make([]byte, 0, jsonBufSize)} }

func (s *extractJSONSink) Item(it audit.Item) error {
	w := jsonWriter{b: s.b[:0]}
	w.report(reportJSON(it, false))
	if w.err != nil {
		return fmt.Errorf("%s: %w", it.Path, w.err)
	}
	s.b = append(w.b, '\n')
	_, err := s.w.Write(s.b)
	return err
}
func (s *extractJSONSink) Close(audit.Summary) error { return nil }

// csvSink writes a CSV with a header and the rows of each item, flushed
// after every item so a reader sees the rows as they come.
type csvSink struct {
	cw     safeWriter
	header []string
	rows   func(it audit.Item) [][]string
	n      int
	err    error
}

func (s *csvSink) start() {
	if s.n > 0 || s.err != nil {
		return
	}
	s.n++
	if _, s.err = io.WriteString(s.cw.w, utf8BOM); s.err == nil {
		s.err = s.cw.Write(s.header)
	}
}

func (s *csvSink) Item(it audit.Item) error {
	s.start()
	for _, row := range s.rows(it) {
		if s.err == nil {
			s.err = s.cw.Write(row)
		}
	}
	if s.err == nil {
		s.cw.Flush()
		s.err = s.cw.Error()
	}
	return s.err
}

// Late writes the rows of the late findings: a row per finding, like
// the item's own.
func (s *csvSink) Late(l audit.Late) error { return s.Item(l.Item) }

func (s *csvSink) Close(audit.Summary) error {
	s.start()
	if s.err == nil {
		s.cw.Flush()
		s.err = s.cw.Error()
	}
	return s.err
}

func newCSVSink(w io.Writer, header []string, rows func(audit.Item) [][]string) *csvSink {
	return &csvSink{cw: safeWriter{csv.NewWriter(w), w}, header: header, rows: rows}
}

// extractTextSink prints each report as ExtractText does, a blank line
// between two.
type extractTextSink struct {
	w  io.Writer
	st Style
	n  int
}

// NewExtractText starts the text output of extract on w.
func NewExtractText(w io.Writer, st Style) Sink { return &extractTextSink{w: w, st: st} }

func (s *extractTextSink) Item(it audit.Item) error {
	if s.n > 0 {
		if _, err := fmt.Fprintln(s.w); err != nil {
			return err
		}
	}
	s.n++
	if it.Err != nil {
		_, err := fmt.Fprintf(s.w, "错误：%v\n", it.Err)
		return err
	}
	return extractOne(s.w, it.Report, s.st)
}

func (s *extractTextSink) Close(audit.Summary) error { return nil }
