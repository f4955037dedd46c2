package pdf

import (
	"strings"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// align is how the lines of a paragraph sit in their measure.
type align int

const (
	justify align = iota // both edges straight, the last line left-aligned
	left
	center
	right
)

// span is a piece of verbatim text with where it came from, so that a
// character no font has can be reported at its place in the source.
type span struct {
	text string
	id   string          // the provision or block it belongs to
	pos  declaration.Pos // where text starts; Col 0 when unknown
}

// para is one paragraph ready to be set: what to draw, in which face and
// size, and where. Offsets are in ems of the paragraph's size, from the
// left edge of the text block.
type para struct {
	spans []span // drawn one after the other, sep between them
	sep   string
	label string // a hanging label, drawn at hang; "" for none
	hang  float64
	first float64 // where the first line of text starts
	rest  float64 // where the other lines start
	inset float64 // space kept free at the right (right-aligned closings)
	size  float64
	face  faceID
	align align
	grey  bool

	newPage     bool    // starts a page (an attachment)
	spaceBefore float64 // in body lines
	spaceAfter  float64 // in body lines
	keep        bool    // a heading: never the last line of a page
	rule        bool    // draw a rule under the paragraph
	outline     string  // the outline entry that points here, if any
	level       int     // its depth in the outline
}

// text is what the paragraph draws after its label.
func (p *para) text() string {
	if len(p.spans) == 1 {
		return p.spans[0].text
	}
	parts := make([]string, len(p.spans))
	for i, s := range p.spans {
		parts[i] = s.text
	}
	return strings.Join(parts, p.sep)
}

// after is the position just past s in the source, assuming nothing
// between: the best guess for text that follows a label on the same line.
func after(pos declaration.Pos, s string) declaration.Pos {
	if pos.Col > 0 {
		pos.Col += utf8.RuneCountInString(s)
	}
	return pos
}

// paragraphs splits verbatim text at its newlines: each source line of a
// provision or block is a paragraph of its own (our sources are not
// hard-wrapped). Positions of the later lines know their line, not their
// column, since the model does not keep indentation.
func paragraphs(text, id string, pos declaration.Pos) []span {
	var out []span
	for i, line := range strings.Split(text, "\n") {
		p := pos
		if i > 0 {
			p = declaration.Pos{Line: pos.Line + i}
		}
		out = append(out, span{text: line, id: id, pos: p})
	}
	return out
}
