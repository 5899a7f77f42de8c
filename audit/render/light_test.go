package render_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/rules"
)

// TestLightItemsSameOutputs: the outputs that hold light items (text, md)
// write the same bytes as from the whole items, the copies' differing cells
// included, and the items held are light (no cells, no text lines).
func TestLightItemsSameOutputs(t *testing.T) {
	root := testutil.RepoRoot(t)
	dir := t.TempDir()
	page, err := os.ReadFile(filepath.Join(root, "fixtures", "html", "clean-lo-serif-city.html"))
	if err != nil {
		t.Fatal(err)
	}
	// the same report, corrected: two numbers of its tables differ
	corrected := bytes.Replace(page, []byte("<td>13</td>"), []byte("<td>14</td>"), 1)
	corrected = bytes.Replace(corrected, []byte("<td>9</td>"), []byte("<td>19</td>"), 1)
	if bytes.Equal(corrected, page) {
		t.Fatal("the fixture changed: no number to correct")
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	files := []string{
		write("a-first.html", page),
		filepath.Join(root, "fixtures", "html", "defect-blank-cell.html"),
		write("b-corrected.html", corrected),
		write("c-again.html", page),
		write("c-resaved.html", append(bytes.Clone(page), "\n<!-- saved again -->\n"...)),
		write("d-broken.pdf", []byte("%PDF-1.7 broken")),
	}
	opt := audit.Options{Workers: 2, Rules: true, Profile: rules.DefaultProfile()}
	whole := audit.Run(context.Background(), files, opt)
	opt.Light = true
	light := audit.Run(context.Background(), files, opt)
	for _, it := range light.Items {
		if it.Report != nil && (it.Report.Cells != nil || it.Report.Lines != nil || it.Report.Sections[0].Text != "") {
			t.Fatalf("%s: a light item holds its cells or text", it.Path)
		}
	}
	// the copies name the items' paths as the caller shows them
	light.Items[0].Path, light.Items[2].Path = "a.html", "b.html"
	if cs := light.Summary().Copies; len(cs) == 0 || cs[0].OfPath != "a.html" || cs[0].Path != "b.html" {
		t.Errorf("copies %+v, want b.html of a.html", cs)
	}
	light.Items[0].Path, light.Items[2].Path = files[0], files[2]
	for _, name := range []string{"text", "md"} {
		f := render.AuditFormats[name]
		if !f.Light {
			t.Fatalf("%s is not a light format", name)
		}
		var a, b bytes.Buffer
		if err := f.Write(&a, whole, render.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := f.Write(&b, light, render.Options{}); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%s: light items give another output\nwhole:\n%s\nlight:\n%s", name, a.String(), b.String())
		}
		// the corrected version's two cells are named; the same file, and
		// the same numbers in another file, are said to be so
		out := a.String()
		for _, want := range []string{"表二“规章”行“现行有效件数”栏 13 / 14；表二“行政规范性文件”行“本年制发件数”栏 9 / 19", "两个文件内容完全相同", "表格数字相同"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: %q not in the copies' list:\n%s", name, want, out)
			}
		}
	}
}
