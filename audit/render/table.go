package render

import (
	"io"

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
	ea := tw.Off
	if st.EastAsianWide {
		ea = tw.On
	}
	align := make([]tw.Align, len(header))
	for i := range align {
		align[i] = tw.AlignLeft
		if right[i] {
			align[i] = tw.AlignRight
		}
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithEastAsian(ea),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.On),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
	)
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
