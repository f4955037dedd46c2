package parse

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// line is one source line with its surrounding whitespace taken off.
type line struct {
	num    int    // 1-based line number
	raw    string // the line as written, trailing whitespace removed
	text   string // the line without leading and trailing whitespace
	col    int    // column of text's first character
	indent int    // width of the leading whitespace, in characters
}

func (l line) blank() bool { return l.text == "" }
func (l line) pos() declaration.Pos {
	return declaration.Pos{Line: l.num, Col: l.col}
}

// splitLines cuts text into lines, and gives the position of each line
// in one array: a line's span is a slice of it, and so is the span of
// consecutive lines joined (see span.join), with no copy. The arrays of
// lines and starts are reused where they are large enough.
func splitLines(text string, lines []line, starts []declaration.Pos) ([]line, []declaration.Pos) {
	text = strings.TrimSuffix(text, "\n")
	n := strings.Count(text, "\n") + 1
	lines = slices.Grow(lines[:0], n)[:n]
	starts = slices.Grow(starts[:0], n)[:n]
	for i := range lines {
		r, rest, _ := strings.Cut(text, "\n")
		text = rest
		r = strings.TrimRightFunc(r, unicode.IsSpace)
		t := strings.TrimLeftFunc(r, unicode.IsSpace)
		indent := utf8.RuneCountInString(r[:len(r)-len(t)])
		lines[i] = line{num: i + 1, raw: r, text: t, col: indent + 1, indent: indent}
		starts[i] = lines[i].pos()
	}
	return lines, starts
}

// span is verbatim text with the position of each of its lines, so that
// anything found inside it can be given a line and column.
type span struct {
	text string
	// starts is the position of the first character of each line of text.
	// Spans share its array (see line.start): never write into it, nor
	// append to it in place.
	starts []declaration.Pos
}

// lineSpan is the span of one line of the input.
func (p *parser) lineSpan(l line) span {
	if l.num < 1 || l.num > len(p.starts) { // no line of the input
		return span{text: l.text, starts: []declaration.Pos{l.pos()}}
	}
	return span{text: l.text, starts: p.starts[l.num-1:][:1]}
}

// join appends t to s on a new line.
func (s span) join(t span) span {
	if s.text == "" {
		return t
	}
	if t.text == "" {
		return s
	}
	return span{text: s.text + "\n" + t.text, starts: joinStarts(s.starts, t.starts)}
}

// joinStarts is the positions of the lines of two spans, one after the
// other: a slice of the array both are in where they follow each other
// there, else a new array.
func joinStarts(s, t []declaration.Pos) []declaration.Pos {
	// t right after s in the same array: they are one slice.
	if n := len(s); len(t) <= cap(s)-n && len(t) > 0 && &s[:n+1][n] == &t[0] {
		return s[:n+len(t)] // the lines follow each other in the array of all lines
	}
	return append(append([]declaration.Pos(nil), s...), t...)
}

// cut splits s at byte offset i: the part before and the part from i on,
// with leading whitespace of the latter dropped.
func (s span) cut(i int) (span, span) {
	before := span{text: strings.TrimRightFunc(s.text[:i], unicode.IsSpace), starts: s.starts}
	rest := s.text[i:]
	trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
	j := i + len(rest) - len(trimmed)
	p := s.posAt(j)
	after := span{text: trimmed, starts: []declaration.Pos{p}}
	nl := strings.Count(s.text[:j], "\n")
	if len(s.starts) > nl+1 {
		after.starts = append(after.starts, s.starts[nl+1:]...)
	}
	before.starts = s.starts[:min(len(s.starts), strings.Count(before.text, "\n")+1)]
	return before, after
}

// posAt gives the source position of byte offset i of s.text.
func (s span) posAt(i int) declaration.Pos {
	i = min(i, len(s.text))
	nl := strings.Count(s.text[:i], "\n")
	if nl >= len(s.starts) {
		nl = len(s.starts) - 1
	}
	if nl < 0 {
		return declaration.Pos{Line: 1, Col: 1}
	}
	lineStart := strings.LastIndexByte(s.text[:i], '\n') + 1
	p := s.starts[nl]
	p.Col += utf8.RuneCountInString(s.text[lineStart:i])
	return p
}

// byteOffset finds the byte offset in s.text of a position inside it.
func byteOffset(s span, pos declaration.Pos) int {
	loc := s.locator()
	for i := range s.text {
		if loc.at(i) == pos {
			return i
		}
	}
	return len(s.text)
}

// locator gives the positions of byte offsets of one span, walking on
// from the last offset asked for rather than from the span's start: for
// offsets asked in increasing order (dates, brackets, references found
// left to right) the whole text is walked once, not once per offset.
type locator struct {
	s    span
	off  int             // the byte offset pos is for
	line int             // index in s.starts of the line off is on
	pos  declaration.Pos // position of off
}

func (s span) locator() *locator {
	return &locator{s: s, pos: s.starts[0]}
}

// at returns the position of byte offset i, as span.posAt does.
func (l *locator) at(i int) declaration.Pos {
	if i < l.off {
		l.off, l.line, l.pos = 0, 0, l.s.starts[0]
	}
	text := l.s.text
	for l.off < i && l.off < len(text) {
		r, size := utf8.DecodeRuneInString(text[l.off:])
		if r == '\n' {
			l.line++
			l.pos = l.s.starts[min(l.line, len(l.s.starts)-1)]
		} else {
			l.pos.Col++
		}
		l.off += size
	}
	return l.pos
}
