// Package raster renders one page of a PDF to a grey PNG with poppler's
// pdftoppm, run as a process, for the pages nianbao cannot read itself: a
// scan compressed with JBIG2 or JPEG 2000 (codecs the Go libraries do not
// decode), and a page whose fonts decode to no text (extract/pdf's
// garbled.go). The OCR stage then reads the rendered page like any scan.
//
// pdftoppm is optional: without it such pages stay unread and the problem
// says how to install it (InstallHint).
package raster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/headbuf"
)

// InstallHint says how to install pdftoppm.
const InstallHint = "apt-get install poppler-utils"

// ErrMissing is returned when pdftoppm is not on PATH.
var ErrMissing = errors.New("未找到 pdftoppm（" + InstallHint + "）")

// DPI is the resolution a page is rendered at, as scans are read (300 dpi),
// unless the page is so large that its picture would be over MaxPixels.
const DPI = 300

// MaxPixels bounds the rendered picture: a page larger than A3 is rendered
// at a lower resolution so that it stays within this many pixels.
const MaxPixels = 32 << 20

// MaxPNG bounds what pdftoppm may write: a grey 32 M-pixel PNG of a scan
// is a few MB; more is not a page picture.
const MaxPNG = 64 << 20

// Find returns the path of pdftoppm, or ErrMissing. It is looked up on
// each call (a few stat calls; rendering a page costs far more), so a tool
// installed while nianbao runs is found.
func Find() (string, error) {
	if p, err := exec.LookPath("pdftoppm"); err == nil {
		return p, nil
	}
	return "", ErrMissing
}

// Resolution is the dpi a page of width × height points is rendered at:
// DPI, or less so that the picture has at most MaxPixels.
func Resolution(width, height float64) int {
	if width <= 0 || height <= 0 {
		return DPI
	}
	px := width / 72 * height / 72 // square inches
	r := math.Sqrt(float64(MaxPixels) / px)
	return max(36, min(DPI, int(r)))
}

// Page renders page n (1-based) of the PDF in data as a grey PNG at dpi.
// The process ends with ctx (a cancel or the document's time-out kills
// it); what it writes is bounded by MaxPNG.
func Page(ctx context.Context, data []byte, n, dpi int) ([]byte, error) {
	bin, err := Find()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	num := strconv.Itoa(n)
	// "-" reads the PDF from standard input and, with no output root,
	// writes the PNG to standard output.
	cmd := limited(ctx, bin, "-f", num, "-l", num, "-r", strconv.Itoa(dpi), "-gray", "-png", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, errOut := headbuf.New(MaxPNG), headbuf.New(4<<10)
	cmd.Stdout, cmd.Stderr = out, errOut
	cmd.WaitDelay = 2 * time.Second
	runErr := cmd.Run()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if out.Over() {
		return nil, fmt.Errorf("pdftoppm 渲染第%d页的结果超过 %d MB", n, MaxPNG>>20)
	}
	if runErr != nil || len(out.Bytes()) == 0 {
		msg := strings.TrimSpace(errOut.String())
		if msg == "" && runErr != nil {
			msg = runErr.Error()
		}
		if msg == "" {
			msg = "没有输出"
		}
		return nil, fmt.Errorf("pdftoppm 无法渲染第%d页：%s", n, firstLine(msg))
	}
	return out.Bytes(), nil
}

// MaxMemoryKB bounds the address space of the renderer (ulimit -v): a
// page at 32 M pixels takes poppler a few hundred MB; a hostile file must
// not take the machine's memory, and with it the batch.
const MaxMemoryKB = 2 << 20

// limited is the command bin args run under MaxMemoryKB, through /bin/sh's
// ulimit where there is a /bin/sh (exec replaces the shell, so a cancel
// kills the renderer itself), else as it is.
func limited(ctx context.Context, bin string, args ...string) *exec.Cmd {
	if _, err := os.Stat("/bin/sh"); err != nil {
		return exec.CommandContext(ctx, bin, args...)
	}
	script := "ulimit -v " + strconv.Itoa(MaxMemoryKB) + ` 2>/dev/null; exec "$0" "$@"`
	return exec.CommandContext(ctx, "/bin/sh", append([]string{"-c", script, bin}, args...)...)
}

// firstLine is the first line of a tool's message, at most 200 bytes.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200]
		for !utf8.ValidString(s) { // not in the middle of a character
			s = s[:len(s)-1]
		}
	}
	return s
}
