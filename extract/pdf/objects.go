package pdf

import (
	"bytes"
	"fmt"
	"io"
	"reflect"

	lpdf "github.com/ledongthuc/pdf"
)

// objKey identifies a PDF object for caching. ledongthuc/pdf does not
// export the object number of a Value, and it re-parses an indirect object
// every time it is resolved, so identity by Go pointer does not work. The
// Value keeps the number of the indirect object it was read from in an
// unexported field; reflection can read it (reading, not writing, unexported
// fields is allowed). When the field is not found (a future version of the
// library), objID returns ok=false and callers do not cache.
type objKey struct {
	id  uint32
	gen uint16
}

var ptrField = func() []int {
	t := reflect.TypeOf(lpdf.Value{})
	f, ok := t.FieldByName("ptr")
	if !ok || f.Type.Kind() != reflect.Struct || f.Type.NumField() < 2 {
		return nil
	}
	if f.Type.Field(0).Type.Kind() != reflect.Uint32 || f.Type.Field(1).Type.Kind() != reflect.Uint16 {
		return nil
	}
	return f.Index
}()

var dataField = func() []int {
	f, ok := reflect.TypeOf(lpdf.Value{}).FieldByName("data")
	if !ok || f.Type.Kind() != reflect.Interface {
		return nil
	}
	return f.Index
}()

// refOf returns the object number stored under key in the dictionary d when
// the entry is an indirect reference, without resolving it (resolving makes
// ledongthuc/pdf read and parse the object from the file again). ok is false
// when the entry is direct, absent, or the library's layout is not the
// expected one.
func refOf(d lpdf.Value, key string) (k objKey, ok bool) {
	if dataField == nil || d.Kind() != lpdf.Dict {
		return objKey{}, false
	}
	defer func() {
		if recover() != nil {
			k, ok = objKey{}, false
		}
	}()
	m := reflect.ValueOf(d).FieldByIndex(dataField).Elem()
	if m.Kind() != reflect.Map || m.Type().Key().Kind() != reflect.String {
		return objKey{}, false
	}
	e := m.MapIndex(reflect.ValueOf(key).Convert(m.Type().Key()))
	if !e.IsValid() || e.Kind() != reflect.Interface || e.IsNil() {
		return objKey{}, false
	}
	p := e.Elem()
	t := p.Type()
	if t.Name() != "objptr" || t.Kind() != reflect.Struct || t.NumField() != 2 ||
		t.Field(0).Type.Kind() != reflect.Uint32 || t.Field(1).Type.Kind() != reflect.Uint16 {
		return objKey{}, false
	}
	return objKey{id: uint32(p.Field(0).Uint()), gen: uint16(p.Field(1).Uint())}, true
}

// objID returns the number of the indirect object v was read from (for a
// direct object: the enclosing indirect object).
func objID(v lpdf.Value) (objKey, bool) {
	if ptrField == nil {
		return objKey{}, false
	}
	p := reflect.ValueOf(v).FieldByIndex(ptrField)
	return objKey{id: uint32(p.Field(0).Uint()), gen: uint16(p.Field(1).Uint())}, true
}

// indirectID returns the object number of child when it is an indirect
// object of its own (its number differs from its parent's); ok is false for
// direct objects, which have no identity of their own.
func indirectID(child, parent lpdf.Value) (objKey, bool) {
	c, ok := objID(child)
	if !ok || c.id == 0 {
		return objKey{}, false
	}
	p, _ := objID(parent)
	if c == p {
		return objKey{}, false
	}
	return c, true
}

// floats reads an array of numbers.
func floats(v lpdf.Value) []float64 {
	if v.Kind() != lpdf.Array {
		return nil
	}
	n := v.Len()
	out := make([]float64, n)
	for i := range n {
		out[i] = v.Index(i).Float64()
	}
	return out
}

const maxStreamBytes = 256 << 20

// streamBytes reads and decodes a stream (or an array of streams, joined by
// new lines, as page /Contents may be). Errors from the filters end the
// stream early: what was decoded so far is returned with the error.
func streamBytes(v lpdf.Value) (data []byte, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("流无法解码：%v", x)
		}
	}()
	switch v.Kind() {
	case lpdf.Stream:
		rc := v.Reader()
		defer rc.Close()
		hint := v.Key("Length").Int64() * 6
		hint = max(min(hint, 64<<20), 512)
		buf := bytes.NewBuffer(make([]byte, 0, hint))
		_, err = io.Copy(buf, io.LimitReader(rc, maxStreamBytes))
		return buf.Bytes(), err
	case lpdf.Array:
		var buf bytes.Buffer
		var firstErr error
		for i := range v.Len() {
			b, e := streamBytes(v.Index(i))
			if e != nil && firstErr == nil {
				firstErr = e
			}
			buf.Write(b)
			buf.WriteByte('\n')
		}
		return buf.Bytes(), firstErr
	case lpdf.Null:
		return nil, nil
	}
	return nil, fmt.Errorf("不是流对象（%v）", v.Kind())
}
