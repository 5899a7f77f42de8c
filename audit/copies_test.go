package audit

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/recognise/cells"
)

// copyItem is a report of issuer and year whose cells are the given
// numbers (a negative one: blank).
func copyItem(path, issuer string, year int, sha string, nums map[string]float64) Item {
	cs := map[string]recognise.Cell{}
	for k, v := range nums {
		c := recognise.Cell{Key: k}
		if v >= 0 {
			c.Value = cells.Num(v)
		}
		cs[k] = c
	}
	return Item{Path: path, Report: &recognise.Report{Source: recognise.Source{Path: path, SHA256: sha},
		Issuer: issuer, Year: year, Cells: cs}}
}

// TestCopies: a report is a copy when an earlier report of the batch names
// the same body for the same year; the first in input order is the one it
// repeats; the numbers and the bytes are compared.
func TestCopies(t *testing.T) {
	nums := map[string]float64{"t3.new.total": 81, "t3.new.natural": 80, "t4.review.total": -1}
	res := &Result{Items: []Item{
		0:  copyItem("a/page.html", "平潭综合实验区", 2023, "s1", nums),
		1:  copyItem("b.txt", "河北省教育厅", 2023, "s2", nums),
		2:  copyItem("a/page.txt", "平潭综合实验区", 2023, "s3", nums),                                                                                    // same numbers
		3:  copyItem("c.txt", "平潭综合实验区", 2022, "s4", nums),                                                                                         // another year
		4:  copyItem("hz2024.pdf", "淮安市洪泽区人民政府", 2024, "s5", nums),                                                                                 //
		5:  copyItem("hz2024-new.pdf", "洪泽区人民政府", 2024, "s6", map[string]float64{"t3.new.total": 82, "t3.new.natural": 80, "t4.review.total": -1}), // a number differs
		6:  {Path: "bad.pdf", Err: errors.New("bad.pdf：文件已损坏")},                                                                                    // unreadable
		7:  copyItem("gov.pdf", "人民政府", 2024, "s7", nums),                                                                                          // no place: not 洪泽区's
		8:  copyItem("gov2.pdf", "人民政府", 2024, "s8", nums),                                                                                         // the same bare name: listed, the reader tells them apart
		9:  copyItem("a/page(1).html", "平潭综合实验区", 2023, "s1", nums),                                                                                // the first file again
		10: copyItem("a/blank.txt", "平潭综合实验区", 2023, "s9", map[string]float64{"t3.new.total": 81, "t3.new.natural": -1, "t4.review.total": -1}),    // a number missing
		11: copyItem("d.txt", "河北省教育厅", 0, "s10", nums),                                                                                            // no year
		12: copyItem("e.txt", "", 2023, "s11", nums),                                                                                               // no issuer
		13: copyItem("f.html", "河北省教育厅", 2023, "s12", map[string]float64{"t3.new.total": -1}),                                                      // nothing read
		14: copyItem("g.html", "河北省教育厅", 2023, "s13", map[string]float64{"t3.new.total": 81, "t3.new.natural": 80, "t4.review.total": 0}),          // 0 where the first is blank
	}}
	var got []string
	for _, c := range res.Summary().Copies {
		got = append(got, fmt.Sprintf("%d %s <- %d %s %s %d numbers=%v/%d bytes=%v", c.Of, c.OfPath, c.Index, c.Path, c.Issuer, c.Year, c.SameNumbers, c.Numbers, c.SameBytes))
	}
	want := []string{
		"0 a/page.html <- 2 a/page.txt 平潭综合实验区 2023 numbers=true/2 bytes=false",
		"4 hz2024.pdf <- 5 hz2024-new.pdf 洪泽区人民政府 2024 numbers=false/2 bytes=false",
		"7 gov.pdf <- 8 gov2.pdf 人民政府 2024 numbers=true/2 bytes=false",
		"0 a/page.html <- 9 a/page(1).html 平潭综合实验区 2023 numbers=true/2 bytes=true",
		"0 a/page.html <- 10 a/blank.txt 平潭综合实验区 2023 numbers=false/1 bytes=false",
		"1 b.txt <- 13 f.html 河北省教育厅 2023 numbers=false/0 bytes=false",
		"1 b.txt <- 14 g.html 河北省教育厅 2023 numbers=false/3 bytes=false",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("copies:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Streaming counts the same: Summary.Add item by item.
	var s Summary
	for _, it := range res.Items {
		s.Add(it)
	}
	if !sameSummary(s, res.Summary()) || len(s.Copies) != len(want) {
		t.Errorf("summary added item by item %+v, want %+v", s, res.Summary())
	}
}
