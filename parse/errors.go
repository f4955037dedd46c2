package parse

import "fmt"

// Error is an input that cannot be parsed at all: an unknown encoding,
// invalid UTF-8, binary data, an empty file.
type Error struct {
	File   string
	Line   int // 1-based; 0 when the error concerns the whole input
	Col    int // 1-based, in characters
	Offset int // byte offset in the input, or -1
	Msg    string
}

// Error formats the error as file:line:col: message (byte offset N).
func (e *Error) Error() string {
	s := e.File + ": " + e.Msg
	if e.Line > 0 {
		s = fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	if e.Offset >= 0 {
		s += fmt.Sprintf(" (byte offset %d)", e.Offset)
	}
	return s
}
