package errtext

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestData(t *testing.T) {
	xmlErr := func(s string) error {
		d := xml.NewDecoder(strings.NewReader(s))
		for {
			if _, err := d.Token(); err != nil {
				return err
			}
		}
	}
	flateErr := func() error {
		_, err := io.ReadAll(flate.NewReader(bytes.NewReader([]byte{0xff, 0xff, 0xff, 0xff})))
		return err
	}
	zlibErr := func() error {
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		w.Write([]byte("一些文字"))
		w.Close()
		data := b.Bytes()
		data[len(data)-1] ^= 0xff // the checksum
		r, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return err
		}
		_, err = io.ReadAll(r)
		return err
	}
	deep := strings.Repeat("<div>", 600)
	_, htmlErr := html.Parse(strings.NewReader(deep))
	for _, c := range []struct {
		err  error
		want string
	}{
		{xmlErr("<w:document>\n<w:t>\xff</w:t>"), "第 2 行 XML 有误：含有不是 UTF-8 的字节"},
		{xmlErr("<w:document><w:body>"), "第 1 行 XML 有误：在中途结束"},
		{flateErr(), "压缩数据在第 1 字节处损坏"},
		{zlibErr(), "压缩数据的校验和不符"},
		{fmt.Errorf("read: %w", io.ErrUnexpectedEOF), "数据在中途结束"},
		{htmlErr, "元素嵌套超过 512 层"},
		{errors.New("other"), "other"},
	} {
		if c.err == nil {
			t.Errorf("no error for %q", c.want)
			continue
		}
		if got := Data(c.err); got != c.want {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
	}
}
