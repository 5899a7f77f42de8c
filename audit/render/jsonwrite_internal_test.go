package render

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"math/rand"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/template"
)

// newEncoder is the reference the JSON writer reproduces: encoding/json on
// the schema types, HTML characters not escaped.
func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// MarshalJSON is the reference for jsonWriter.cells: the cells in
// CellOrder, each key and value as json.Marshal writes it.
func (o orderedCells) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range CellOrder(o.version, o.cells) {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		if v := o.cells[k].Value; v.Valid {
			vb, err := json.Marshal(v.V)
			if err != nil {
				return nil, err
			}
			b.Write(vb)
		} else {
			b.WriteString("null")
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// referenceJSON encodes v with encoding/json: indented after prefix, or
// compact; without the final newline.
func referenceJSON(t *testing.T, v any, indent bool, prefix string) string {
	t.Helper()
	var b bytes.Buffer
	enc := newEncoder(&b)
	if indent {
		enc.SetIndent(prefix, "  ")
	}
	if err := enc.Encode(v); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// jsonStrings are the strings the random values are made of: every escape
// encoding/json makes (quotes, backslash, control bytes, a byte that is not
// UTF-8, U+2028/U+2029), HTML characters (escaped only in cell keys),
// Chinese, and empty.
var jsonStrings = []string{
	"", "t3.new.natural", "政府信息公开", `引号"与\反斜杠`, "换行\n回车\r制表\t", "\b\f\x00\x01\x1f\x7f",
	"<b>&amp;</b>", "坏字节\xff\xfe尾", "\u2028\u2029", "𠀀emoji😀", "a/b?c=d", "行政复议",
}

var jsonFloats = []float64{0, math.Copysign(0, -1), 1, -1.5, 0.1, 1e-6, 9.99e-7, 1e-7, 1.5e-300, 1e20, 1e21,
	-1e21, 123456789012, 5e-324, math.MaxFloat64, 3.14159, 1191, 0.30000000000000004}

// fill sets v to a random value: nil, empty and full slices, maps and
// pointers, and the strings and numbers above.
func fill(v reflect.Value, r *rand.Rand) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(jsonStrings[r.Intn(len(jsonStrings))])
	case reflect.Float64:
		v.SetFloat(jsonFloats[r.Intn(len(jsonFloats))])
	case reflect.Int:
		v.SetInt([]int64{0, 0, 1, 6, -3, 2024, 1 << 40}[r.Intn(7)])
	case reflect.Bool:
		v.SetBool(r.Intn(2) == 0)
	case reflect.Pointer:
		if r.Intn(3) > 0 {
			p := reflect.New(v.Type().Elem())
			fill(p.Elem(), r)
			v.Set(p)
		}
	case reflect.Slice:
		switch n := r.Intn(5); n {
		case 0: // nil
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			s := reflect.MakeSlice(v.Type(), n-1, n-1)
			for i := range n - 1 {
				fill(s.Index(i), r)
			}
			v.Set(s)
		}
	case reflect.Map:
		switch n := r.Intn(5); n {
		case 0: // nil
		default:
			m := reflect.MakeMap(v.Type())
			for range n - 1 {
				k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
				fill(k, r)
				fill(e, r)
				m.SetMapIndex(k, e)
			}
			v.Set(m)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[orderedCells]() {
			v.Set(reflect.ValueOf(randomCells(r)))
			return
		}
		for i := range v.NumField() {
			fill(v.Field(i), r)
		}
	}
}

// randomCells are template keys and stray ones, blank or with a number.
func randomCells(r *rand.Rand) orderedCells {
	versions := []template.Version{template.V2021, template.V2019, template.VUnknown}
	var keys []string
	for _, ks := range [][]string{template.T2Keys(template.V2021), template.T2Keys(template.V2019), template.T3Keys(template.T3Rows), template.T4Keys()} {
		keys = append(keys, ks...)
	}
	o := orderedCells{version: versions[r.Intn(len(versions))], cells: map[string]recognise.Cell{}}
	for range r.Intn(40) {
		k := keys[r.Intn(len(keys))]
		if r.Intn(8) == 0 {
			k = jsonStrings[r.Intn(len(jsonStrings))]
		}
		var c recognise.Cell
		c.Value.Valid = r.Intn(4) > 0
		c.Value.V = jsonFloats[r.Intn(len(jsonFloats))]
		o.cells[k] = c
	}
	return o
}

// TestJSONWriterEqualsEncodingJSON: every schema type the writer writes
// comes out byte for byte as encoding/json writes it (indented after each
// prefix the audit document uses, and compact for JSON Lines), on random
// values with every omitempty member both empty and set, nil and empty
// slices and maps, every string escape and both float formats. It fails
// when a field is added to a type and not to its writer.
func TestJSONWriterEqualsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	cases := []struct {
		name  string
		value func() any
		write func(*jsonWriter, any)
	}{
		{"report", func() any { var v jsonReport; fill(reflect.ValueOf(&v).Elem(), r); return v },
			func(w *jsonWriter, v any) { w.report(v.(jsonReport)) }},
		{"late", func() any { var v jsonLate; fill(reflect.ValueOf(&v).Elem(), r); return v },
			func(w *jsonWriter, v any) { w.late(v.(jsonLate)) }},
		{"summary", func() any { var v jsonSummary; fill(reflect.ValueOf(&v).Elem(), r); return v },
			func(w *jsonWriter, v any) { w.summary(v.(jsonSummary)) }},
		{"copy", func() any { var v jsonCopy; fill(reflect.ValueOf(&v).Elem(), r); return v },
			func(w *jsonWriter, v any) { w.copyOf(v.(jsonCopy)) }},
		{"unread", func() any { var v jsonUnread; fill(reflect.ValueOf(&v).Elem(), r); return v },
			func(w *jsonWriter, v any) { w.unread(v.(jsonUnread)) }},
	}
	for _, c := range cases {
		for i := range 400 {
			v := c.value()
			for _, mode := range []struct {
				indent bool
				prefix string
			}{{false, ""}, {true, ""}, {true, "  "}, {true, "    "}} {
				w := &jsonWriter{indent: mode.indent, prefix: mode.prefix}
				c.write(w, v)
				if w.err != nil {
					t.Fatalf("%s %d: %v", c.name, i, w.err)
				}
				if got, want := string(w.b), referenceJSON(t, v, mode.indent, mode.prefix); got != want {
					t.Fatalf("%s %d (indent %v, prefix %q):\nwriter:\n%s\nencoding/json:\n%s", c.name, i, mode.indent, mode.prefix, got, want)
				}
			}
		}
	}
}

// referenceCellOrder is CellOrder as first written: the template's key
// lists made and merged on every call.
func referenceCellOrder(v template.Version, cells map[string]recognise.Cell) []string {
	var order []string
	seen := map[string]bool{}
	take := func(keys []string) {
		for _, k := range keys {
			if _, ok := cells[k]; ok && !seen[k] {
				seen[k] = true
				order = append(order, k)
			}
		}
	}
	take(template.T2Keys(v))
	take(template.T2Keys(template.V2021))
	take(template.T2Keys(template.V2019))
	take(template.T3Keys(template.T3Rows))
	take(template.T4Keys())
	var rest []string
	for k := range cells {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(order, rest...)
}

// TestCellOrderEqualsReference: the cached key order gives the order the
// key lists give, for every version, with and without stray keys.
func TestCellOrderEqualsReference(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for i := range 2000 {
		o := randomCells(r)
		if got, want := CellOrder(o.version, o.cells), referenceCellOrder(o.version, o.cells); !slices.Equal(got, want) {
			t.Fatalf("%d (%s): got %q, want %q", i, o.version, got, want)
		}
	}
}

// TestJSONWriterRefusesNaN: a number JSON cannot hold is an error (as
// encoding/json's), not a document with NaN in it.
func TestJSONWriterRefusesNaN(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		w := &jsonWriter{indent: true}
		w.figure(jsonFigure{Value: f})
		if w.err == nil {
			t.Errorf("%v: no error; wrote %s", f, w.b)
		}
	}
}

// FuzzJSONWriter: any string (as a value, a member name and a cell key)
// and any number JSON can hold come out as encoding/json writes them.
func FuzzJSONWriter(f *testing.F) {
	for i, s := range jsonStrings {
		f.Add(s, jsonFloats[i%len(jsonFloats)])
	}
	f.Fuzz(func(t *testing.T, s string, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		cells := orderedCells{version: template.V2021, cells: map[string]recognise.Cell{s: {}, "t3.new.natural": {}}}
		c := cells.cells[s]
		c.Value.V, c.Value.Valid = v, true
		cells.cells[s] = c
		r := jsonReport{Schema: s, Title: &s, Template: s, Cells: cells,
			Tables:      map[string]jsonTable{s: {Sentence: s}, "t2": {}},
			CellSources: map[string]jsonCellSource{s: {Text: s, Alternatives: []float64{v}}},
			Figures:     []jsonFigure{{Value: v, Unit: s, About: []string{s}}}}
		for _, indent := range []bool{false, true} {
			w := &jsonWriter{indent: indent, prefix: "    "}
			w.report(r)
			if w.err != nil {
				t.Fatal(w.err)
			}
			if got, want := string(w.b), referenceJSON(t, r, indent, "    "); got != want {
				t.Fatalf("indent %v:\nwriter:\n%s\nencoding/json:\n%s", indent, got, want)
			}
		}
	})
}

// TestJSONNaNNamesFile: a report holding a number JSON cannot write stops
// the JSON output with an error that names the file (audit and extract).
func TestJSONNaNNamesFile(t *testing.T) {
	rep := &recognise.Report{Source: recognise.Source{Path: "报告.pdf"}, Cells: map[string]recognise.Cell{}}
	rep.Figures = append(rep.Figures, recognise.Figure{Value: math.NaN(), Unit: "件"})
	res := &audit.Result{Items: []audit.Item{{Path: "报告.pdf", Report: rep}}}
	for name, write := range map[string]func(io.Writer, *audit.Result) error{"audit": AuditJSON, "extract": ExtractJSON} {
		err := write(io.Discard, res)
		if err == nil || !strings.HasPrefix(err.Error(), "报告.pdf: ") || !strings.Contains(err.Error(), "NaN") {
			t.Errorf("%s: error %v, want one naming 报告.pdf and NaN", name, err)
		}
	}
}
