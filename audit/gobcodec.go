package audit

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
)

// gobCodec encodes the spool's values with one gob.Encoder and decodes them
// with one gob.Decoder for the whole run, in any order.
//
// A gob stream sends a type's definition once, before the first value of
// that type, and a Decoder compiles its decoding of a type once: with a new
// Encoder and Decoder per value (the spool reads values back in another
// order than it wrote them), every value carried its types again and every
// read compiled them again — more than half of a read's time. So encode
// splits what the Encoder writes into its messages (each a length, a type
// id and the payload; a negative id defines a type): the definitions are
// kept here, in the order written, and only the value's message is
// returned for the file. decode gives the Decoder the definitions it has not
// seen yet, then the value's message.
type gobCodec struct {
	enc  *gob.Encoder
	out  bytes.Buffer // what enc writes
	defs []byte       // every type definition message enc wrote, in order
	dec  *gob.Decoder
	in   feed // what dec reads
	fed  int  // bytes of defs dec has been given
}

// encode returns the gob message of v's value.
func (c *gobCodec) encode(v any) ([]byte, error) {
	if c.enc == nil {
		c.enc = gob.NewEncoder(&c.out)
	}
	c.out.Reset()
	encErr := c.enc.Encode(v)
	// The definitions are kept even when the value failed: the Encoder
	// counts them as sent.
	var val []byte
	for b := c.out.Bytes(); len(b) > 0; {
		n, w, ok := gobUint(b)
		if !ok || n == 0 || n > uint64(len(b)-w) {
			return nil, errors.New("gob 消息的长度不对")
		}
		msg := b[:w+int(n)]
		id, _, ok := gobUint(msg[w:])
		if !ok {
			return nil, errors.New("gob 消息的类型编号不对")
		}
		switch {
		case id&1 == 1: // a negative type id: a definition
			c.defs = append(c.defs, msg...)
		case val == nil:
			val = append([]byte(nil), msg...)
		default:
			return nil, errors.New("gob 一次写出了两个值")
		}
		b = b[len(msg):]
	}
	if encErr != nil {
		return nil, encErr
	}
	if val == nil {
		return nil, errors.New("gob 没有写出值")
	}
	return val, nil
}

// decode decodes into v (a pointer) a value message that encode returned.
func (c *gobCodec) decode(msg []byte, v any) error {
	if c.dec == nil {
		c.in = feed{}
		c.dec = gob.NewDecoder(&c.in)
		c.fed = 0
	}
	c.in.b = append(c.in.b[:0], c.defs[c.fed:]...)
	c.fed = len(c.defs)
	c.in.b = append(c.in.b, msg...)
	c.in.off = 0
	err := c.dec.Decode(v)
	if err == nil && c.in.off != len(c.in.b) {
		err = fmt.Errorf("gob 值之后还剩 %d 字节", len(c.in.b)-c.in.off)
	}
	if err != nil {
		c.dec = nil // start over with every definition at the next read
	}
	return err
}

// gobUint reads a gob unsigned integer: one byte below 128, else the negated
// byte count and that many big-endian bytes. It returns the value and the
// bytes it took.
func gobUint(b []byte) (uint64, int, bool) {
	if len(b) == 0 {
		return 0, 0, false
	}
	if b[0] < 0x80 {
		return uint64(b[0]), 1, true
	}
	n := -int(int8(b[0]))
	if n > 8 || len(b) < 1+n {
		return 0, 0, false
	}
	var x uint64
	for _, c := range b[1 : 1+n] {
		x = x<<8 | uint64(c)
	}
	return x, 1 + n, true
}

// feed is the Decoder's input: an io.ByteReader, so that the Decoder reads
// exactly one message at a time instead of buffering ahead.
type feed struct {
	b   []byte
	off int
}

func (f *feed) Read(p []byte) (int, error) {
	if f.off >= len(f.b) {
		return 0, io.EOF
	}
	n := copy(p, f.b[f.off:])
	f.off += n
	return n, nil
}

func (f *feed) ReadByte() (byte, error) {
	if f.off >= len(f.b) {
		return 0, io.EOF
	}
	c := f.b[f.off]
	f.off++
	return c, nil
}
