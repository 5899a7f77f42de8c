// Package ocr reads text and tables from pictures (scanned pages, tables
// published as images) with the Tesseract 5 engine run as a process, and
// turns the pictures a backend recorded in an extract.Document into text
// and table blocks (Apply).
//
// Ruled tables are found by our own line detection on the binarised
// picture (after deskewing small rotations), tables without rules from the
// page reading's numbers and the ink (borderless.go); every cell is read
// separately, labels in Chinese and numbers by the English model from two
// preprocessings (a third when they differ) so that a reading can be
// called confirmed (numbers.go). The blocks go to the same recognisers as
// every other format.
package ocr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// InstallHint says how to install the engine (Debian packages).
const InstallHint = "apt-get install tesseract-ocr tesseract-ocr-chi-sim"

// ErrMissing is returned when tesseract or its chi_sim data is not
// installed.
var ErrMissing = errors.New("未安装OCR引擎 tesseract 及其简体中文数据（" + InstallHint + "）")

// Engine runs the tesseract executable.
type Engine struct {
	Path string // the executable
	// Timeout limits one run of the engine (one page, or one batch of
	// cells); 0 means 60 s.
	Timeout time.Duration
}

var (
	findOnce sync.Once
	found    *Engine
	findErr  error
)

// EnvPath names the environment variable that points at the tesseract
// executable when it is not on PATH.
const EnvPath = "NIANBAO_TESSERACT"

// Find looks for tesseract (at $NIANBAO_TESSERACT, else on PATH; once per
// process) and checks that it has the chi_sim language.
func Find() (*Engine, error) {
	findOnce.Do(func() {
		name := "tesseract"
		if p := os.Getenv(EnvPath); p != "" {
			name = p
		}
		path, err := exec.LookPath(name)
		if err != nil {
			findErr = ErrMissing
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, path, "--list-langs").CombinedOutput()
		if err != nil {
			findErr = fmt.Errorf("%w：tesseract --list-langs 失败：%v", ErrMissing, err)
			return
		}
		langs := map[string]bool{}
		for _, l := range strings.Fields(string(out)) {
			langs[l] = true
		}
		if !langs["chi_sim"] {
			findErr = fmt.Errorf("%w：缺少 chi_sim 语言数据", ErrMissing)
			return
		}
		found = &Engine{Path: path}
	})
	return found, findErr
}

// Mode is how the engine reads a picture.
type Mode struct {
	PSM int // page segmentation mode: 4 columns, 6 block, 7 one line
	// Latin reads with the English model (number cells) instead of
	// chi_sim.
	Latin bool
	// Whitelist, when set, limits the characters the engine may return
	// (tessedit_char_whitelist).
	Whitelist string
}

// Word is one word of a reading, with its box in the picture's pixels.
type Word struct {
	Text       string
	Box        image.Rectangle
	Confidence float64 // 0…1
	Block      int     // tesseract's block, paragraph and line numbers
	Par, Line  int
}

// Reading is what the engine read in one picture.
type Reading struct {
	Words []Word
}

// Text joins the words, lines separated by "\n" and words of a line by a
// space where a gap between them is wide.
func (r Reading) Text() string {
	var sb strings.Builder
	for i, w := range r.Words {
		if i > 0 {
			p := r.Words[i-1]
			switch {
			case p.Block != w.Block || p.Par != w.Par || p.Line != w.Line:
				sb.WriteByte('\n')
			case w.Box.Min.X-p.Box.Max.X > max(p.Box.Dy(), w.Box.Dy()):
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(w.Text)
	}
	return sb.String()
}

// Confidence is the lowest word confidence (1 when there are no words).
func (r Reading) Confidence() float64 {
	c := 1.0
	for _, w := range r.Words {
		c = min(c, w.Confidence)
	}
	return c
}

// Read runs the engine once over pictures (one process for the batch) and
// returns one Reading per picture.
func (e *Engine) Read(ctx context.Context, pics []image.Image, mode Mode) ([]Reading, error) {
	if len(pics) == 0 {
		return nil, nil
	}
	dir, err := os.MkdirTemp("", "nianbao-ocr-")
	if err != nil {
		return nil, fmt.Errorf("OCR临时目录：%w", err)
	}
	defer os.RemoveAll(dir)
	var list bytes.Buffer
	for i, p := range pics {
		name := filepath.Join(dir, fmt.Sprintf("%05d.png", i))
		if err := writePNG(name, p); err != nil {
			return nil, err
		}
		list.WriteString(name)
		list.WriteByte('\n')
	}
	input := filepath.Join(dir, "list.txt")
	if len(pics) == 1 {
		input = filepath.Join(dir, "00000.png")
	} else if err := os.WriteFile(input, list.Bytes(), 0o600); err != nil {
		return nil, fmt.Errorf("OCR图片列表：%w", err)
	}
	timeout := e.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	// a batch of many small cells costs about as much as a page
	timeout += time.Duration(len(pics)) * 200 * time.Millisecond
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	lang := "chi_sim"
	args := []string{input, "stdout", "--psm", strconv.Itoa(mode.PSM)}
	if mode.Latin {
		lang = "eng"
	}
	if mode.Whitelist != "" {
		args = append(args, "-c", "tessedit_char_whitelist="+mode.Whitelist)
	}
	args = append(args, "-l", lang, "-c", "debug_file=/dev/null", "tsv")
	cmd := exec.CommandContext(rctx, e.Path, args...)
	// one thread per process: pages run in parallel in our own pool
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if rctx.Err() != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("OCR超时（%v）", timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("OCR失败：%v：%s", err, strings.TrimSpace(stderr.String()))
	}
	return parseTSV(out, len(pics))
}

func writePNG(name string, p image.Image) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("OCR临时文件：%w", err)
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(f, p); err != nil {
		f.Close()
		return fmt.Errorf("OCR临时文件：%w", err)
	}
	return f.Close()
}

// parseTSV reads tesseract's TSV output: level page block par line word
// left top width height conf text. Pages are 1-based.
func parseTSV(out []byte, n int) ([]Reading, error) {
	res := make([]Reading, n)
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		var v [10]int
		for i := range 10 {
			x, err := strconv.Atoi(f[i+1])
			if err != nil && i != 9 {
				return nil, fmt.Errorf("OCR输出无法解析：%q", sc.Text())
			}
			v[i] = x
		}
		conf, err := strconv.ParseFloat(f[10], 64)
		if err != nil {
			return nil, fmt.Errorf("OCR输出无法解析：%q", sc.Text())
		}
		text := strings.TrimSpace(f[11])
		page := v[0] - 1
		if text == "" || page < 0 || page >= n {
			continue
		}
		res[page].Words = append(res[page].Words, Word{
			Text:       text,
			Box:        image.Rect(v[5], v[6], v[5]+v[7], v[6]+v[8]),
			Confidence: max(conf, 0) / 100,
			Block:      v[1], Par: v[2], Line: v[3],
		})
	}
	return res, sc.Err()
}
