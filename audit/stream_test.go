package audit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/recognise"
	"github.com/nianbao/nianbao/rules"
)

// pairReport is a report with what the cross-report rules read: table 三's
// carry-over cells and the text of parts 一 and 五.
func pairReport(path, issuer string, year int, carriedOver, carriedForward float64, part5 string) *recognise.Report {
	r := &recognise.Report{Source: recognise.Source{Path: path, SHA256: "sum-" + path}, Issuer: issuer, Year: year, Cells: map[string]recognise.Cell{}}
	r.Tables.T3.Found = true
	for _, rel := range rules.T3CarryRelations() {
		r.Cells[rel.Current] = recognise.Cell{Key: rel.Current, Value: recognise.Num(carriedOver), Page: 3, Text: fmt.Sprint(carriedOver)}
		r.Cells[rel.Previous] = recognise.Cell{Key: rel.Previous, Value: recognise.Num(carriedForward), Page: 3, Text: fmt.Sprint(carriedForward)}
	}
	for i := range r.Sections {
		r.Sections[i] = recognise.Section{N: i + 1, Heading: "第" + fmt.Sprint(i+1) + "部分", Present: true, Page: i + 1,
			Text: strings.Repeat("本机关认真贯彻落实政府信息公开条例，持续推进决策、执行、管理、服务、结果公开。", 3)}
	}
	r.Sections[4].Text = part5
	return r
}

// referencePairs is the cross-report stage as a batch: every report is
// paired with the first report of the year before by the same body, in
// input order, using the whole reports.
func referencePairs(items []Item, p rules.Profile) []Item {
	out := make([]Item, len(items))
	for i, it := range items {
		it.Findings = append([]rules.Finding(nil), it.Findings...)
		cur := it.Report
		if cur != nil && cur.Year != 0 && cur.Issuer != "" {
			for _, prev := range items {
				if prev.Report == nil || prev.Report.Year != cur.Year-1 || !rules.SameIssuer(prev.Report.Issuer, cur.Issuer) {
					continue
				}
				if more := rules.RunPair(prev.Report, cur, p); len(more) > 0 {
					it.Findings = append(it.Findings, more...)
					rules.Sort(it.Findings)
				}
				break
			}
		}
		out[i] = it
	}
	return out
}

// TestOrdererPairs: items come out in input order with exactly the
// cross-report findings the batch computation gives, whether the year
// before comes earlier or later in the input (then the item waits in the
// spool), with duplicates, unreadable files and reports of other bodies in
// between.
func TestOrdererPairs(t *testing.T) {
	copied := strings.Repeat("存在的主要问题是公开内容不够全面，政策解读形式较为单一，下一步将加强培训，提高公开质量。", 2)
	other := strings.Repeat("今年重点改进依申请公开答复的规范性，建立答复文书模板库，并开展专项检查与评议工作。", 2)
	reps := map[string]*recognise.Report{
		"a2021":  pairReport("a2021", "淮安市洪泽区人民政府", 2021, 1, 2, copied),
		"a2022":  pairReport("a2022", "洪泽区人民政府", 2022, 3, 4, copied),     // carries 3, last year said 2; copies 五
		"a2023":  pairReport("a2023", "洪泽区人民政府", 2023, 4, 0, other),      // carries 4 = 4: no finding
		"a2022b": pairReport("a2022b", "洪泽区人民政府", 2022, 2, 5, other),     // a second 2022 report
		"c2023":  pairReport("c2023", "淮安市清江浦区人民政府", 2023, 9, 9, copied), // another body
		"n2023":  pairReport("n2023", "", 2023, 9, 9, copied),            // no issuer
	}
	item := func(name string) Item {
		if name == "bad" {
			return Item{Path: "bad.pdf", Err: fmt.Errorf("bad.pdf: 文件为空")}
		}
		return Item{Path: name, Report: reps[name], Findings: []rules.Finding{{Rule: "X-OWN", Message: "own " + name, Severity: rules.SeverityInfo}}}
	}
	profile := rules.DefaultProfile()
	profile.PeerCopyShare = 0 // these synthetic reports share one text; CONS-COPY-PEER is tested in peers_test.go
	for _, order := range [][]string{
		{"a2021", "a2022", "a2023"},
		{"a2023", "a2022", "a2021"},
		{"a2023", "c2023", "bad", "n2023", "a2022b", "a2022", "a2021"},
		{"a2022", "bad", "a2023", "a2022b", "c2023", "a2021", "n2023"},
		{"n2023", "a2023", "bad", "c2023"},
	} {
		var items []Item
		for _, n := range order {
			items = append(items, item(n))
		}
		want := referencePairs(items, profile)
		var got []Item
		o := newOrderer(Options{Rules: true, Profile: profile}, func(it Item) error {
			got = append(got, it)
			return nil
		})
		for i, n := range order {
			if err := o.add(i, item(n)); err != nil {
				t.Fatal(err)
			}
		}
		o.finish()
		o.close()
		if len(got) != len(want) {
			t.Fatalf("%v: %d items out, want %d", order, len(got), len(want))
		}
		pairs := 0
		for i := range want {
			if got[i].Path != want[i].Path {
				t.Errorf("%v: item %d is %s, want %s", order, i, got[i].Path, want[i].Path)
			}
			if !reflect.DeepEqual(got[i].Findings, want[i].Findings) {
				t.Errorf("%v: %s findings\n got %+v\nwant %+v", order, want[i].Path, got[i].Findings, want[i].Findings)
			}
			if (got[i].Err == nil) != (want[i].Err == nil) {
				t.Errorf("%v: %s error %v, want %v", order, want[i].Path, got[i].Err, want[i].Err)
			}
			pairs += len(want[i].Findings) - 1
		}
		if pairs == 0 && order[0] != "n2023" {
			t.Errorf("%v: no cross-report finding at all: the test proves nothing", order)
		}
		if order[0] == "a2023" && o.spool == nil {
			t.Errorf("%v: the year before came later but nothing was spooled", order)
		}
	}
}

// TestOrdererLate: with Options.Late every item is handed on as soon as it
// is added, and its findings there plus the late findings about it are
// exactly the findings the waiting orderer gives it — for year pairs in
// either order and for CONS-COPY-PEER — with the same summary.
func TestOrdererLate(t *testing.T) {
	copied := strings.Repeat("存在的主要问题是公开内容不够全面，政策解读形式较为单一，下一步将加强培训，提高公开质量。", 2)
	other := strings.Repeat("今年重点改进依申请公开答复的规范性，建立答复文书模板库，并开展专项检查与评议工作。", 2)
	reps := map[string]*recognise.Report{
		"a2021": pairReport("a2021", "淮安市洪泽区人民政府", 2021, 1, 2, copied),
		"a2022": pairReport("a2022", "洪泽区人民政府", 2022, 3, 4, copied),
		"a2023": pairReport("a2023", "洪泽区人民政府", 2023, 4, 0, other),
		"c2023": pairReport("c2023", "淮安市清江浦区人民政府", 2023, 9, 9, other),
		"d2023": pairReport("d2023", "淮安市淮阴区人民政府", 2023, 9, 9, copied),
	}
	item := func(name string) Item {
		if name == "bad" {
			return Item{Path: "bad.pdf", Err: fmt.Errorf("bad.pdf: 文件为空")}
		}
		return Item{Path: name, Report: reps[name], Findings: []rules.Finding{{Rule: "X-OWN", Message: "own " + name, Severity: rules.SeverityInfo}}}
	}
	profile := rules.DefaultProfile()
	profile.PeerCopyShare = 0.2 // a2023 and c2023 share part 五, a third of their parts
	for _, order := range [][]string{
		{"a2021", "a2022", "a2023", "c2023", "d2023"},
		{"a2023", "bad", "c2023", "a2022", "d2023", "a2021"},
	} {
		run := func(late bool) ([]Item, Outcome) {
			var got []Item
			opt := Options{Rules: true, Profile: profile}
			o := newOrderer(opt, func(it Item) error {
				got = append(got, it)
				return nil
			})
			if late {
				o.opt.Late = func(l Late) error {
					if l.Index >= len(got) || got[l.Index].Path != l.Item.Path {
						t.Fatalf("%v: late findings for %s at index %d", order, l.Item.Path, l.Index)
					}
					got[l.Index].Findings = append(got[l.Index].Findings, l.Item.Findings...)
					return nil
				}
			}
			for i, n := range order {
				if err := o.add(i, item(n)); err != nil {
					t.Fatal(err)
				}
				if late && len(got) != i+1 {
					t.Fatalf("%v: %d items handed on after adding %d", order, len(got), i+1)
				}
			}
			o.finish()
			o.close()
			return got, o.out
		}
		want, wantOut := run(false)
		got, gotOut := run(true)
		cross := map[string]int{}
		for i := range want {
			rules.Sort(got[i].Findings)
			if got[i].Path != want[i].Path || !reflect.DeepEqual(got[i].Findings, want[i].Findings) {
				t.Errorf("%v: %s findings\n got %+v\nwant %+v", order, want[i].Path, got[i].Findings, want[i].Findings)
			}
			for _, f := range want[i].Findings {
				cross[f.Rule]++
			}
		}
		if cross["CONS-CARRYOVER"] == 0 || cross["CONS-COPY-PREV"] == 0 || cross["CONS-COPY-PEER"] == 0 {
			t.Errorf("%v: cross-report findings %v: the test proves little", order, cross)
		}
		if !sameSummary(gotOut.Summary, wantOut.Summary) || gotOut.MaxSeverity != wantOut.MaxSeverity {
			t.Errorf("%v: summary %+v, want %+v", order, gotOut.Summary, wantOut.Summary)
		}
	}
}

// TestDigestFaithful: the pair rules find the same with the digest of the
// year before as with the whole report.
func TestDigestFaithful(t *testing.T) {
	copied := strings.Repeat("存在的主要问题是公开内容不够全面，政策解读形式较为单一，下一步将加强培训，提高公开质量。", 2)
	prev := pairReport("p", "洪泽区人民政府", 2022, 1, 7, copied)
	prev.Sections[0].Text = copied
	cur := pairReport("c", "洪泽区人民政府", 2023, 2, 0, copied)
	cur.Sections[0].Text = copied
	// a list broken down like last year's, which no longer adds up
	list := func(total float64, parts ...float64) recognise.Enumeration {
		e := recognise.Enumeration{Total: recognise.Figure{Value: total, Unit: "件", Subject: "网民互动交流事项"}, Text: "受理网民互动交流事项", Cue: "其中", Section: 1}
		for i, v := range parts {
			e.Parts = append(e.Parts, recognise.Figure{Value: v, Unit: "件", Subject: []string{"人民网", "长城网", "阳光理政"}[i]})
		}
		return e
	}
	prev.Enumerations = []recognise.Enumeration{list(10, 4, 5, 1)}
	cur.Enumerations = []recognise.Enumeration{list(10, 4, 4, 1)}
	whole := rules.RunPair(prev, cur, rules.DefaultProfile())
	if len(whole) < 4 || !slices.ContainsFunc(whole, func(f rules.Finding) bool { return f.Rule == "ARITH-PROSE-ENUM-PREV" }) {
		t.Fatalf("only %d pair findings (%v): the test proves little", len(whole), whole)
	}
	if got := rules.RunPair(newDigest(prev).rep, cur, rules.DefaultProfile()); !reflect.DeepEqual(got, whole) {
		t.Errorf("with the digest:\n%+v\nwith the report:\n%+v", got, whole)
	}
}

// TestSpoolRoundTrip: an item read back from the spool is the item written,
// including a finding whose expected value is 0.
func TestSpoolRoundTrip(t *testing.T) {
	zero, two := 0.0, 2.0
	rep := pairReport("p", "洪泽区人民政府", 2022, 1, 7, "x")
	rep.Figures = []recognise.Figure{{Value: 3, Unit: "件", Subject: "申请", Text: "收到申请3件", Page: 2, Section: 3}}
	in := Item{Path: "p", Report: rep, Waived: 2, Source: &manifest.Entry{Path: "p", URL: "http://127.0.0.1/p", Status: 200, Size: 9}, Findings: []rules.Finding{
		{Rule: "R", Expected: &zero, Actual: &two, Cells: []string{"t3.total.total"}, Location: rules.Location{Page: 3, Section: 3}},
		{Rule: "S"},
	}}
	s, err := newSpool()
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if _, err := s.put(Item{Path: "before", Err: fmt.Errorf("before: 文件为空")}); err != nil {
		t.Fatal(err)
	}
	at, err := s.put(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.get(at)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Errorf("read back\n%+v\nwrote\n%+v", out, in)
	}
}

// TestStreamInterrupted: a cancelled run hands on every item it finished,
// in order, and lists the files it did not process; together they are
// all the files.
func TestStreamInterrupted(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 40 {
		p := filepath.Join(dir, fmt.Sprintf("%02d.txt", i))
		// No year: nothing waits for a report of the year before.
		os.WriteFile(p, []byte(fmt.Sprintf("某镇政府信息公开工作年度报告（第%d份）\n一、总体情况\n", i)), 0o644)
		files = append(files, p)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	out, err := Stream(ctx, files, Options{Workers: 2, Rules: true, Profile: rules.DefaultProfile()}, func(it Item) error {
		got = append(got, it.Path)
		if len(got) == 3 {
			cancel()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.NotProcessed) == 0 {
		t.Fatal("nothing left after a cancel at the third file")
	}
	all := append(append([]string(nil), got...), out.NotProcessed...)
	seen := map[string]bool{}
	for _, f := range all {
		seen[f] = true
	}
	if len(all) != len(files) || len(seen) != len(files) {
		t.Errorf("%d emitted + %d not processed, want %d files once each", len(got), len(out.NotProcessed), len(files))
	}
	for i := 1; i < len(got); i++ {
		if got[i] <= got[i-1] {
			t.Errorf("out of order: %v", got)
		}
	}
	if out.Summary.Reports != len(got) {
		t.Errorf("summary counts %d reports, %d emitted", out.Summary.Reports, len(got))
	}
}

// TestStreamEmitsEarly: with the rules that compare reports turned off, a
// report is handed on as soon as it is done, before the rest of the batch
// (the run is cancelled at the first report, and files are left).
func TestStreamEmitsEarly(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 40 {
		p := filepath.Join(dir, fmt.Sprintf("%02d.txt", i))
		os.WriteFile(p, []byte(fmt.Sprintf("某镇%d年政府信息公开工作年度报告\n一、总体情况\n", 2000+i%3)), 0o644)
		files = append(files, p)
	}
	p := rules.DefaultProfile()
	for _, r := range rules.All() {
		if r.Pair {
			p.Disabled = append(p.Disabled, r.ID)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	out, err := Stream(ctx, files, Options{Workers: 2, Rules: true, Profile: p}, func(it Item) error {
		n++
		cancel()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.NotProcessed) == 0 || n+len(out.NotProcessed) != len(files) {
		t.Errorf("%d handed on, %d not processed of %d: the first report waited for the batch", n, len(out.NotProcessed), len(files))
	}
}

// TestSpoolReadErrorNamesFile: when a waiting item cannot be read back from
// the temporary file, the error names the report it was.
func TestSpoolReadErrorNamesFile(t *testing.T) {
	o := newOrderer(Options{}, func(Item) error { return nil })
	defer o.close()
	q := &queued{item: &Item{Path: "乙镇/2023年报.pdf", Report: pairReport("乙镇/2023年报.pdf", "乙镇人民政府", 2023, 1, 7, "x")}}
	o.store(q)
	if o.err != nil || q.item != nil {
		t.Fatalf("not spooled: %v", o.err)
	}
	o.spool.f.Close() // the temporary file is gone
	_, err := o.load(q)
	if err == nil || !strings.HasPrefix(err.Error(), "乙镇/2023年报.pdf: 无法读回临时文件") {
		t.Errorf("error %v, want one naming 乙镇/2023年报.pdf", err)
	}
}

// sameSummary compares two summaries' counts and copies (not the index
// that found the copies).
func sameSummary(a, b Summary) bool {
	a.copies, b.copies = nil, nil
	return reflect.DeepEqual(a, b)
}
