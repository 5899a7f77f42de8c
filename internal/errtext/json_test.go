package errtext

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"testing"
)

func TestJSON(t *testing.T) {
	type waiver struct {
		Fingerprint string `json:"fingerprint"`
		Days        int    `json:"days"`
	}
	type level string
	type file struct {
		Waivers  []waiver         `json:"waivers"`
		Strict   bool             `json:"strict"`
		Severity map[string]level `json:"severity"`
	}
	strict := func(s string) error {
		dec := json.NewDecoder(bytes.NewReader([]byte(s)))
		dec.DisallowUnknownFields()
		var f file
		return dec.Decode(&f)
	}
	loose := func(s string) error {
		var f file
		return json.Unmarshal([]byte(s), &f)
	}
	for _, c := range []struct {
		err  error
		want string
	}{
		{loose(`{"waivers": [`), "JSON 不完整（在文件末尾中断）"},
		{strict(`{"waivers": [`), "JSON 不完整（在文件末尾中断）"},
		{loose(`{"waivers": x}`), "JSON 格式错误（第 13 个字节附近）"},
		{strict(`{"extra": 1}`), "未知字段“extra”"},
		{loose(`{"waivers": [{"fingerprint": 12}]}`), "字段“waivers.fingerprint”的值是数字，应为字符串"},
		{loose(`{"waivers": [{"days": "3"}]}`), "字段“waivers.days”的值是字符串，应为整数"},
		{loose(`{"strict": "yes"}`), "字段“strict”的值是字符串，应为布尔值（true 或 false）"},
		{loose(`{"waivers": {}}`), "字段“waivers”的值是对象，应为数组"},
		{loose(`[1]`), "顶层的值是数组，应为对象"},
		{loose(`{"severity": {"COMPL-FEE": 3}}`), "字段“severity”的值是数字，应为字符串"},
		{loose(`{"waivers": [{"days": 1.5}]}`), "字段“waivers.days”的值是数字 1.5，应为整数"},
	} {
		if got := JSON(c.err); got != c.want {
			t.Errorf("%v: got %q, want %q", c.err, got, c.want)
		}
	}
}

// An explained error reads its message alone and still unwraps to every
// error it explains.
func TestExplained(t *testing.T) {
	kind, lib := errors.New("kind"), io.ErrUnexpectedEOF
	err := Explained("文件不完整", kind, lib)
	if err.Error() != "文件不完整" || !errors.Is(err, kind) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("Explained: %q, Is kind %v, Is lib %v", err, errors.Is(err, kind), errors.Is(err, lib))
	}
}
