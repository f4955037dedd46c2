package declaration

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is a problem at a position of a named input: the one positioned
// error of the project — an input that cannot be parsed (package parse),
// a decoding or validation error (whose position is that of the
// offending node), a character no font can draw (package pdf, which adds
// what it knows to the message).
type Error struct {
	File string
	Pos  Pos // zero when unknown; Col 0 when only the line is known
	// Offset is the byte offset in the input, when HasOffset says it is
	// known.
	Offset    int
	HasOffset bool
	Msg       string
}

// Error formats the error as file:line:col: msg (byte offset N), leaving
// out what is unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(":")
	}
	switch {
	case e.Pos.Line > 0 && e.Pos.Col > 0:
		fmt.Fprintf(&b, "%d:%d:", e.Pos.Line, e.Pos.Col)
	case e.Pos.Line > 0:
		fmt.Fprintf(&b, "%d:", e.Pos.Line)
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	b.WriteString(e.Msg)
	if e.HasOffset {
		fmt.Fprintf(&b, " (byte offset %d)", e.Offset)
	}
	return b.String()
}

// ErrorList is a list of errors sorted by position.
type ErrorList []*Error

// Error returns the errors one per line.
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap gives access to the individual errors for errors.As.
func (l ErrorList) Unwrap() []error { return Errors(l) }

// Errors gives a list of errors of one type as []error, for the Unwrap
// method of a list such as [ErrorList].
func Errors[E error](l []E) []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Err returns the list sorted by position as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return l
}
