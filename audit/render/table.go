package render

import (
	"io"
	"reflect"
	"sync"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// Style holds the terminal options shared by the text renderers.
type Style struct {
	// EastAsianWide counts ambiguous-width characters (box drawing, “”)
	// as two columns, for legacy CJK terminals. Off by default: modern
	// terminals draw them one column wide.
	EastAsianWide bool
	// Wide keeps long file names and issuers whole in the audit summary
	// table instead of fitting it to the terminal.
	Wide bool
	// Width is the terminal's width in columns that the audit summary
	// table and extract's table 三 are fitted to; 0 means TerminalWidth.
	Width int
}

// width is the number of columns tables are fitted to.
func (st Style) width() int {
	if st.Width > 0 {
		return st.Width
	}
	return TerminalWidth
}

// grid prints header and rows as a box table. Columns listed in right are
// right-aligned (numbers). Labels are printed exactly (no auto-formatting).
func grid(w io.Writer, st Style, header []string, rows [][]string, right map[int]bool) error {
	t := tables.Get().(*table)
	defer tables.Put(t)
	t.out.w = w
	defer func() { t.out.w = nil }()
	t.Reset()
	t.Options(gridOptions(st, len(header), right)...)
	t.Header(header)
	for _, r := range rows {
		row := make([]string, len(r)) // tablewriter keeps the slice
		copy(row, r)
		if err := t.Append(row); err != nil {
			return err
		}
	}
	return t.Render()
}

// gridOptions are every option grid sets on a table of n columns.
func gridOptions(st Style, n int, right map[int]bool) []tablewriter.Option {
	ea := tw.Off
	if st.EastAsianWide {
		ea = tw.On
	}
	align := make([]tw.Align, n)
	for i := range align {
		align[i] = tw.AlignLeft
		if right[i] {
			align[i] = tw.AlignRight
		}
	}
	return []tablewriter.Option{
		tablewriter.WithEastAsian(ea),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.On),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
	}
}

// table is a tablewriter.Table kept for the next grid: NewTable allocates
// a stringer cache of 10,240 entries (~400 KB) every time, and Reset makes
// a new one unless the table has a cache of its own — more than printing a
// report's tables takes. The pooled tables have noStringerCache (grid gives
// strings, so nothing is ever converted); grid resets the table, sets every
// option it uses, and points out at the writer of the call (a Table writes
// where it was made).
type table struct {
	*tablewriter.Table
	out *retarget
}

// retarget writes to w.
type retarget struct{ w io.Writer }

func (r *retarget) Write(p []byte) (int, error) { return r.w.Write(p) }

var tables = sync.Pool{New: func() any {
	out := &retarget{}
	t := tablewriter.NewTable(out, tablewriter.WithStringerCacheCustom(noStringerCache{}))
	return &table{Table: t, out: out}
}}

// noStringerCache keeps nothing.
type noStringerCache struct{}

func (noStringerCache) Add(reflect.Type, reflect.Value) bool        { return false }
func (noStringerCache) Get(reflect.Type) (v reflect.Value, ok bool) { return v, false }
func (noStringerCache) Purge()                                      {}
