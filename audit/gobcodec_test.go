package audit

import (
	"reflect"
	"testing"
)

type codecA struct {
	Name string
	Ps   []*int
}

type codecB struct {
	N    int
	Kids []codecA
}

// TestGobCodecAnyOrder: values of several types written with one Encoder
// are read back equal in any order — also after a value that could not be
// encoded (whose type definitions the Encoder counted as sent) and after a
// read of damaged bytes.
func TestGobCodecAnyOrder(t *testing.T) {
	one, two := 1, 2
	var c gobCodec
	// a nil element cannot be encoded: the first value of codecA fails
	// after its type definition was written
	if _, err := c.encode(&codecA{Name: "bad", Ps: []*int{&one, nil}}); err == nil {
		t.Fatal("a nil element was encoded")
	}
	values := []any{
		&codecA{Name: "a1", Ps: []*int{&one}},
		&codecB{N: 7, Kids: []codecA{{Name: "k", Ps: []*int{&two}}}},
		&codecA{Name: "a2"},
		&codecB{N: 8},
	}
	var msgs [][]byte
	for _, v := range values {
		m, err := c.encode(v)
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, m)
	}
	if len(msgs[2]) >= len(msgs[0]) {
		t.Errorf("the second codecA (%d bytes) carried its type again (the first: %d)", len(msgs[2]), len(msgs[0]))
	}
	read := func(i int) {
		t.Helper()
		got := reflect.New(reflect.TypeOf(values[i]).Elem()).Interface()
		if err := c.decode(msgs[i], got); err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, values[i]) {
			t.Errorf("value %d: read %+v, wrote %+v", i, got, values[i])
		}
	}
	for _, i := range []int{3, 1, 0, 2, 1} {
		read(i)
	}
	if err := c.decode([]byte{5, 0xff, 1, 2, 3, 4}, &codecA{}); err == nil {
		t.Error("damaged bytes were decoded")
	}
	// more values after the damage, and the old ones still read
	m, err := c.encode(&codecA{Name: "a3", Ps: []*int{&two, &one}})
	if err != nil {
		t.Fatal(err)
	}
	values, msgs = append(values, &codecA{Name: "a3", Ps: []*int{&two, &one}}), append(msgs, m)
	for _, i := range []int{4, 2, 3, 0} {
		read(i)
	}
}
