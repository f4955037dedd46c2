package main

import (
	"os"
	"strconv"

	"golang.org/x/term"
)

// widther is a stream that is a terminal and knows its width: tests
// stand in for a terminal with one.
type widther interface{ termWidth() int }

// isTerminal reports whether the stream v (standard input, output or
// error) is a terminal. /dev/null, a character device, is not one.
func isTerminal(v any) bool {
	switch f := v.(type) {
	case widther:
		return true
	case *os.File:
		return term.IsTerminal(int(f.Fd()))
	}
	return false
}

// defaultColumns is the width assumed for a terminal that does not tell
// its own, as in most terminal programs.
const defaultColumns = 80

// columns is the width of the terminal v in columns, read anew each
// time so that a resized window is followed; when the terminal does not
// tell, $COLUMNS, else 80.
func columns(v any) int {
	switch f := v.(type) {
	case widther:
		return f.termWidth()
	case *os.File:
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return defaultColumns
}
