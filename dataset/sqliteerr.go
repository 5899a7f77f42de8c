package dataset

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"

	"github.com/nianbao/nianbao/internal/errtext"
)

// sqliteProblems says the SQLite result codes a user can meet in Chinese
// (the primary code: the low byte of an extended one).
var sqliteProblems = map[int]string{
	3:  "没有权限",            // SQLITE_PERM
	5:  "文件正被其他程序使用（已锁定）", // SQLITE_BUSY
	6:  "文件正被其他程序使用（已锁定）", // SQLITE_LOCKED
	8:  "文件只读，无法写入",       // SQLITE_READONLY
	10: "读写文件时出错",         // SQLITE_IOERR
	11: "文件已损坏",           // SQLITE_CORRUPT
	13: "磁盘空间不足",          // SQLITE_FULL
	14: "无法打开文件",          // SQLITE_CANTOPEN
	26: "不是 SQLite 数据库文件", // SQLITE_NOTADB
}

// explain is err in Chinese where it is a SQLite or operating-system error
// a user can act on ("磁盘空间不足（SQLite 错误 13）"); others unchanged.
func explain(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		if msg, ok := sqliteProblems[se.Code()&0xff]; ok {
			return fmt.Errorf("%s（SQLite 错误 %d）", msg, se.Code())
		}
		return err
	}
	return errtext.Write(err)
}
