package errtext

import (
	"compress/flate"
	"compress/zlib"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Data says in Chinese why a file's data could not be decoded to the end,
// for the errors of the decoders nianbao uses (Flate/zlib streams, XML,
// HTML): where it is corrupt, that it ends too soon. An error it does not
// know keeps its own text.
func Data(err error) string {
	var xerr *xml.SyntaxError
	var corrupt flate.CorruptInputError
	switch {
	case errors.As(err, &xerr):
		return fmt.Sprintf("第 %d 行 XML 有误：%s", xerr.Line, xmlProblem(xerr.Msg))
	case errors.As(err, &corrupt):
		return fmt.Sprintf("压缩数据在第 %d 字节处损坏", int64(corrupt))
	case errors.Is(err, zlib.ErrChecksum):
		return "压缩数据的校验和不符"
	case errors.Is(err, zlib.ErrHeader):
		return "压缩数据的头部无效"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "数据在中途结束"
	case strings.Contains(err.Error(), "open stack of elements exceeds"):
		return "元素嵌套超过 512 层"
	}
	return err.Error()
}

func xmlProblem(msg string) string {
	switch msg {
	case "invalid UTF-8":
		return "含有不是 UTF-8 的字节"
	case "unexpected EOF":
		return "在中途结束"
	}
	return msg
}
