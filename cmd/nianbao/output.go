package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/internal/errtext"
	"github.com/nianbao/nianbao/internal/utf8out"
)

// pickFormat checks --format against a renderer map.
func pickFormat(formats map[string]render.Format, name string) (render.Format, error) {
	f, ok := formats[name]
	if !ok {
		return render.Format{}, oneOf("--format", name, render.Names(formats)...)
	}
	return f, nil
}

// formatName is the output format: --format when given, else the one the
// extension of -o names (审核结果.html → html, .htm → html, .txt → text),
// else text. A supervisor who writes -o 审核结果.html gets the web page,
// not the terminal table in a file named .html; an extension that names
// another command's format (extract -o cells.xlsx) is an error, not a text
// file Excel cannot open.
func formatName[F any](given, out string, formats map[string]F) (string, error) {
	if given != "" {
		return given, nil
	}
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	switch ext {
	case "htm":
		ext = "html"
	case "txt":
		ext = "text"
	case "markdown":
		ext = "md"
	case "jsonl":
		ext = "json"
	}
	if _, ok := formats[ext]; ok {
		return ext, nil
	}
	switch ext {
	case "html", "xlsx", "md", "json", "csv":
		names := slices.Sorted(maps.Keys(formats))
		return "", fmt.Errorf("-o %s：本命令不能写 %s 格式（可用 --format %s）", out, ext, strings.Join(names, "、"))
	}
	return "text", nil
}

// writeOutput renders res in format f to the file named by out, or to
// stdout when out is "" or "-" (see openOutput).
func writeOutput(f render.Format, res *audit.Result, opt render.Options, out string, stdout io.Writer) error {
	o, err := openOutput(f, out, stdout)
	if err != nil {
		return err
	}
	return o.close(f.Write(o.w, res, opt))
}

// output is where a command writes: stdout, or a temporary file beside the
// file named by -o that commit renames into place. A file is written whole
// or not at all, so an interrupted or failed run never leaves half a
// workbook; an interrupted run that finishes its output cleanly commits it.
type output struct {
	w    io.Writer
	tmp  *os.File
	name string
	// text keeps a text format valid UTF-8 (a file name in GBK bytes);
	// nil for a binary format
	text *utf8out.Writer
}

// openOutput opens the output of format f. A binary format refuses to
// write to a terminal; a text format is kept valid UTF-8 (utf8out).
func openOutput(f render.Format, out string, stdout io.Writer) (*output, error) {
	var o *output
	if out == "" || out == "-" {
		if f.Binary && isTerminal(stdout) {
			return nil, fmt.Errorf("%s 是二进制格式，不能输出到终端：请用 -o 文件名 指定输出文件", f.Name)
		}
		o = &output{w: stdout}
	} else {
		if err := checkOutputPath(out); err != nil {
			return nil, err
		}
		tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
		if err != nil {
			return nil, fmt.Errorf("无法创建输出文件 %s：%w", out, errtext.Write(err))
		}
		o = &output{w: tmp, tmp: tmp, name: out}
	}
	if !f.Binary {
		o.text = utf8out.New(o.w)
		o.w = o.text
	}
	return o, nil
}

// stdoutText is a text output to stdout (see openOutput, which cannot fail
// for it): a write error is kept for commit, so a command need not check
// every Fprintf.
func stdoutText(stdout io.Writer) *output {
	o := &output{text: utf8out.New(stdout)}
	o.w = o.text
	return o
}

// close ends o after its writer returned err: a failed output is dropped
// (a file is left as it was), a good one committed; the error says where
// the output failed.
func (o *output) close(err error) error {
	if err != nil {
		o.abort()
		return o.wrap(err)
	}
	return o.commit()
}

// finish closes o after err: code when everything was written, else
// exitTrouble with the failure told on stderr (a full disk, a closed
// output).
func (o *output) finish(code int, err error, stderr io.Writer) int {
	if err := o.close(err); err != nil {
		fmt.Fprintf(stderr, "nianbao：输出失败：%v\n", err)
		return exitTrouble
	}
	return code
}

// checkOutputPath refuses, before any work is done, an output file that
// cannot be written: its folder missing or not a folder, or the name an
// existing folder. The messages say it in Chinese and name the path.
func checkOutputPath(out string) error {
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return fmt.Errorf("无法写入 %s：这是一个目录，请给出文件名（如 %s）", out, filepath.Join(out, "审核结果.html"))
	}
	dir := filepath.Dir(out)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("无法创建输出文件 %s：目录 %s 不存在（请先创建它）", out, dir)
	case err != nil:
		return fmt.Errorf("无法创建输出文件 %s：%w", out, errtext.Write(err))
	case !st.IsDir():
		return fmt.Errorf("无法创建输出文件 %s：%s 不是目录", out, dir)
	}
	return nil
}

func (o *output) wrap(err error) error {
	if o.tmp == nil {
		return fmt.Errorf("写入标准输出：%w", errtext.Write(err))
	}
	return fmt.Errorf("写入 %s：%w", o.name, errtext.Write(err))
}

// abort drops a file output.
func (o *output) abort() {
	if o.tmp != nil {
		o.tmp.Close()
		os.Remove(o.tmp.Name())
	}
}

// commit puts a file output in place.
func (o *output) commit() error {
	if o.text != nil {
		if err := o.text.Flush(); err != nil {
			o.abort()
			return o.wrap(err)
		}
	}
	if o.tmp == nil {
		return nil
	}
	defer os.Remove(o.tmp.Name()) // a no-op after the rename
	if err := o.tmp.Close(); err != nil {
		return o.wrap(err)
	}
	if err := os.Chmod(o.tmp.Name(), 0o644); err != nil {
		return o.wrap(err)
	}
	if err := os.Rename(o.tmp.Name(), o.name); err != nil {
		return o.wrap(err)
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
