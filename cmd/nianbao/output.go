package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mattn/go-isatty"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
)

// pickFormat checks --format against a renderer map.
func pickFormat(formats map[string]render.Format, name string) (render.Format, error) {
	f, ok := formats[name]
	if !ok {
		return render.Format{}, oneOf("--format", name, render.Names(formats)...)
	}
	return f, nil
}

// writeOutput renders res in format f to the file named by out, or to
// stdout when out is "" or "-". A file is written whole or not at all (a
// temporary file renamed into place), so an interrupted run never leaves
// half a workbook. A binary format refuses to write to a terminal.
func writeOutput(f render.Format, res *audit.Result, opt render.Options, out string, stdout io.Writer) error {
	if out == "" || out == "-" {
		if f.Binary && isTerminal(stdout) {
			return fmt.Errorf("%s 是二进制格式，不能输出到终端：请用 -o 文件名 指定输出文件", f.Name)
		}
		return f.Write(stdout, res, opt)
	}
	dir := filepath.Dir(out)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(out)+".*")
	if err != nil {
		return fmt.Errorf("无法创建输出文件 %s：%w", out, err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := f.Write(tmp, res, opt); err != nil {
		tmp.Close()
		return fmt.Errorf("写入 %s：%w", out, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("写入 %s：%w", out, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("写入 %s：%w", out, err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("写入 %s：%w", out, err)
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
