// Package errtext says in Chinese what a library's error means, for the
// messages users read: what encoding/json found wrong in a file a user
// wrote or edited (an audit profile, a baseline, a crawl manifest), and
// what an operating-system error is (no such file, permission, disk full).
package errtext

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// Explained is an error that reads msg alone — a message that already says
// in Chinese what errs say — while errors.Is and errors.As still see errs
// (a sentinel, the library's own error).
func Explained(msg string, errs ...error) error { return &explained{msg, errs} }

type explained struct {
	msg  string
	errs []error
}

func (e *explained) Error() string   { return e.msg }
func (e *explained) Unwrap() []error { return e.errs }

// JSON is err from json.Unmarshal or a json.Decoder in Chinese: where the
// syntax breaks, which field is unknown or holds the wrong kind of value.
// An error it does not know is returned as it is.
func JSON(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ):
		where := typ.Field
		if where == "" {
			where = "顶层"
		} else {
			where = "字段“" + where + "”"
		}
		return fmt.Sprintf("%s的值是%s，应为%s", where, jsonKind(typ.Value), goType(typ.Type))
	case errors.As(err, &syn):
		if strings.Contains(syn.Error(), "unexpected end of JSON input") {
			return "JSON 不完整（在文件末尾中断）"
		}
		return fmt.Sprintf("JSON 格式错误（第 %d 个字节附近）", syn.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "JSON 不完整（在文件末尾中断）"
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return "未知字段“" + strings.Trim(f, `"`) + "”"
	}
	return err.Error()
}

// jsonKind names the kind of a JSON value as UnmarshalTypeError.Value
// gives it ("number", "string", "bool", "array", "object", "number 1.5").
func jsonKind(v string) string {
	switch {
	case strings.HasPrefix(v, "number "):
		return "数字" + strings.TrimPrefix(v, "number")
	case v == "number":
		return "数字"
	case v == "string":
		return "字符串"
	case v == "bool":
		return "布尔值（true 或 false）"
	case v == "array":
		return "数组"
	case v == "object":
		return "对象"
	}
	return v
}

// goType names what a Go type reads from JSON: a string type → 字符串.
func goType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "字符串"
	case reflect.Bool:
		return "布尔值（true 或 false）"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "整数"
	case reflect.Float32, reflect.Float64:
		return "数字"
	case reflect.Slice, reflect.Array:
		return "数组"
	case reflect.Map, reflect.Struct:
		return "对象"
	case reflect.Pointer:
		return goType(t.Elem())
	}
	return t.String()
}
