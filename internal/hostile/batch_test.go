package hostile_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/internal/hostile"
	"github.com/nianbao/nianbao/internal/testutil"
)

// goodReports are audited with the hostile files; their report objects
// must be exactly as when they are audited without them. (They are
// audited together, not one by one: the batch rules — CONS-COPY-PEER —
// compare them with each other.)
var goodReports = []string{
	"fixtures/html/clean-lo-serif-city.html",
	"fixtures/pdf/clean-lo-zenhei-town.pdf",
}

type auditDoc struct {
	Schema  string            `json:"schema"`
	Reports []json.RawMessage `json:"reports"`
	Summary struct {
		Reports      int `json:"reports"`
		FailedToRead int `json:"failed_to_read"`
	} `json:"summary"`
	raw []byte // the whole output
}

type reportHead struct {
	Source struct {
		Path string `json:"path"`
	} `json:"source"`
	Errors []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
}

// audit runs the built binary and returns its output, stderr and peak
// resident memory (the child's own, from the kernel's rusage).
func audit(t *testing.T, bin string, args ...string) (auditDoc, string, int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a guard against a hang, not a timing
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"audit", "--format", "json", "--workers", "2", "--timeout", "15s", "--fail-on", "never"}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("the batch did not finish: %v\n%s", err, stderr.String())
	}
	if cmd.ProcessState == nil || (cmd.ProcessState.ExitCode() != 0 && cmd.ProcessState.ExitCode() != 2) {
		t.Fatalf("exit %v\n%s", err, stderr.String())
	}
	var doc auditDoc
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("output is not valid JSON: %v\n%.2000s", err, stdout.String())
	}
	doc.raw = stdout.Bytes()
	if doc.Schema != "nianbao/audit/v1" || doc.Summary.Reports != len(doc.Reports) {
		t.Fatalf("schema %q, summary %d reports, %d in the list", doc.Schema, doc.Summary.Reports, len(doc.Reports))
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KB on Linux
	return doc, stderr.String(), rss
}

func byPath(t *testing.T, doc auditDoc) map[string][]json.RawMessage {
	out := map[string][]json.RawMessage{}
	for _, r := range doc.Reports {
		var h reportHead
		if err := json.Unmarshal(r, &h); err != nil {
			t.Fatal(err)
		}
		out[h.Source.Path] = append(out[h.Source.Path], r)
	}
	return out
}

// TestHostileBatch audits every hostile case of issue 8 in one batch with
// two good reports under --workers 2: the batch finishes, its peak memory
// stays under 1 GB, the output is one valid audit document, the good
// reports are exactly as when audited without the hostile files, and every hostile file has a
// report object — a result, or an error that names the file and says in
// Chinese what is wrong.
func TestHostileBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds nianbao and audits some 20 MB of hostile files")
	}
	root := testutil.RepoRoot(t)
	bin := filepath.Join(t.TempDir(), "nianbao")
	build := exec.Command("go", "build", "-o", bin, "./cmd/nianbao")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	bad, err := hostile.WriteCorpus(dir, 1)
	if err != nil {
		t.Fatal(err)
	}
	good := []string{filepath.Join(root, goodReports[0]), filepath.Join(root, goodReports[1])}
	args := append(append([]string{good[0]}, bad...), good[1])

	doc, stderr, rss := audit(t, bin, args...)
	t.Logf("%d reports, %d unreadable, peak RSS %d MB", len(doc.Reports), doc.Summary.FailedToRead, rss>>20)
	if rss >= 1<<30 {
		t.Errorf("peak RSS %d MB, over 1 GB", rss>>20)
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("a panic reached stderr:\n%s", stderr)
	}
	// every message is Chinese: no library's English ("unexpected EOF",
	// "XML syntax error", "not a valid zip file") left in one
	// (the install command a message names for a missing tool is not prose)
	said := installRe.ReplaceAllString(stderr+string(doc.raw), "")
	for _, m := range englishRe.FindAllString(said, -1) {
		t.Errorf("English in a message: %q", m)
	}
	reports := byPath(t, doc)

	aloneDoc, _, _ := audit(t, bin, good...)
	aloneReports := byPath(t, aloneDoc)
	for _, g := range good {
		alone := aloneReports[g]
		if len(alone) != 1 {
			t.Fatalf("%s alone: %d reports", g, len(alone))
		}
		in := reports[g]
		if len(in) != 1 {
			t.Fatalf("%s: %d report objects in the batch", g, len(in))
		}
		var a, b bytes.Buffer
		if err := json.Compact(&a, alone[0]); err != nil {
			t.Fatal(err)
		}
		if err := json.Compact(&b, in[0]); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%s: the report in the hostile batch differs from the report alone:\n%s", g, firstDiff(a.String(), b.String()))
		}
	}

	for _, c := range hostile.Cases() {
		p := filepath.Join(dir, c.Name)
		st, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.IsDir() { // a folder is walked: its reports, each once
			for _, want := range folderReports[c.Class] {
				if n := len(reports[filepath.Join(p, want)]); n != 1 {
					t.Errorf("%s: %s has %d report objects, want 1", c.Class, want, n)
				}
			}
			continue
		}
		rs := reports[p]
		if len(rs) != 1 {
			t.Errorf("%s: %d report objects for %s", c.Class, len(rs), c.Name)
			continue
		}
		var h reportHead
		json.Unmarshal(rs[0], &h)
		for _, e := range h.Errors {
			if e.Code == "unreadable" && (!strings.Contains(e.Message, c.Name) || !hasHan(e.Message)) {
				t.Errorf("%s: unclear message %q", c.Class, e.Message)
			}
		}
		if want := messages[c.Class]; want != "" && !strings.Contains(string(rs[0]), want) {
			t.Errorf("%s: the report does not say %q:\n%.600s", c.Class, want, rs[0])
		}
		outcome := "result"
		if len(h.Errors) > 0 {
			outcome = h.Errors[0].Code + ": " + h.Errors[0].Message
		}
		t.Logf("%-20s %s", c.Class, outcome)
	}
}

// englishRe finds two English words in a row in the output's messages
// (JSON keys and values that are codes are single words).
var englishRe = regexp.MustCompile(`"message": "[^"]*\b[A-Za-z]{3,} [A-Za-z]{3,}\b[^"]*"|(?m)^nianbao.*\b[A-Za-z]{3,} [a-z]{3,}\b.*$`)

// installRe finds the command a message gives to install a missing tool
// ("apt-get install tesseract-ocr tesseract-ocr-chi-sim").
var installRe = regexp.MustCompile(`apt-get install( [a-z0-9][a-z0-9.+-]*)+`)

// folderReports are the reports a walked hostile folder must yield.
var folderReports = map[string][]string{
	"symlink-loop": {"in-loop.txt"},
}

// messages are what the report of some cases must say.
var messages = map[string]string{
	"fifo":               "命名管道",
	"empty":              "文件为空",
	"pdf-user-password":  "无法用空密码打开",
	"pdf-flate-bomb":     "内存预算",
	"nul-bytes":          "不支持的文件格式",
	"stray-byte-utf8":    "无效的 UTF-8 字节",
	"pdf-contents-cycle": "内容流数组中又有数组",
	"pdf-deep-page-tree": "页面树超过64层",
	"tab-table":          "读取文本中的表格时停止",
	"rtf-big-table":      "内存预算", // the reading budget or recognition's share of it, by scale
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// firstDiff shows where two strings part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(i-200, 0)
	return "alone: …" + a[from:min(i+300, len(a))] + "\nbatch: …" + b[from:min(i+300, len(b))]
}
