package main

import (
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"
)

// termWidth returns the width to lay output out in: $COLUMNS when it is
// set (piped too, so a user or a test can force a width), else the
// terminal's width when w is one, else 0: no limit, so piped output stays
// unwrapped and greppable.
func termWidth(w io.Writer) int {
	if c := strings.TrimSpace(os.Getenv("COLUMNS")); c != "" {
		if n, err := strconv.Atoi(c); err == nil && n > 0 {
			return n
		}
	}
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	if n, _, err := term.GetSize(int(f.Fd())); err == nil && n > 0 {
		return n
	}
	return 0
}
