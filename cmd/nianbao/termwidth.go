package main

import (
	"io"
	"os"
	"strconv"
	"strings"
)

// minWidth is the narrowest terminal the tables are fitted to; below it
// they keep their natural width (and the terminal wraps them).
const minWidth = 60

// termWidth is the width the terminal tables are fitted to: $COLUMNS when it
// is set (a shell exports it on request, and a user can set it for one
// run), else the width of the terminal stdout is, else 0 (the renderer's
// default, 100 columns: pipes and files get the same bytes on every
// machine).
func termWidth(stdout io.Writer) int {
	if s := strings.TrimSpace(os.Getenv("COLUMNS")); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			return max(n, minWidth)
		}
	}
	f, ok := stdout.(*os.File)
	if !ok || !isTerminal(stdout) {
		return 0
	}
	if n := terminalColumns(f); n > 0 {
		return max(n, minWidth)
	}
	return 0
}

// outWidth is the width the tables of an output are fitted to: the
// terminal's when the output is stdout, none when it is a file (-o), so
// that a file does not depend on the window it was made in.
func outWidth(out string, stdout io.Writer) int {
	if out != "" && out != "-" {
		return 0
	}
	return termWidth(stdout)
}
