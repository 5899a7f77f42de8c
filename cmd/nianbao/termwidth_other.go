//go:build !unix

package main

import "os"

// terminalColumns is 0 where nianbao does not ask the terminal: the tables
// keep the default width unless $COLUMNS says otherwise.
func terminalColumns(*os.File) int { return 0 }
