package render_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
)

// TestCSVFormulaInjection: a file name (or message) that a spreadsheet
// would run as a formula is written as text in both CSVs; numbers stay
// numbers.
func TestCSVFormulaInjection(t *testing.T) {
	names := []string{"=HYPERLINK(\"http://x\").txt", "+1+2.pdf", "-2-3.pdf", "@SUM(A1).txt", "\t=1.txt", "\r=1.txt", "-1", "+3.5", "a=b.txt"}
	res := &audit.Result{}
	for _, n := range names {
		res.Items = append(res.Items, audit.Item{Path: n, Err: errors.New(n + ": 文件为空")})
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"extract": func(b *bytes.Buffer) error { return render.ExtractCSV(b, res) },
		"audit":   func(b *bytes.Buffer) error { return render.AuditCSV(b, res) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for i, n := range names {
			got := rows[i+1][0]
			want := "'" + n
			if n == "-1" || n == "+3.5" || n == "a=b.txt" {
				want = n
			}
			if got != want {
				t.Errorf("%s CSV: path %q written as %q, want %q", name, n, got, want)
			}
		}
	}
}
