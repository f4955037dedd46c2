package pdf

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/linebreak"
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
	text  string
	marks []mark          // runs of text in another style (emphasis)
	id    string          // the provision or block it belongs to
	pos   declaration.Pos // where text starts; Col 0 when unknown
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
	separator   bool    // no text: a short rule above notes (a transcription's lone "_")
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

// marks are the styled runs of text(), in order.
func (p *para) marks() []mark {
	var out []mark
	at := 0
	for i, s := range p.spans {
		if i > 0 {
			at += len(p.sep)
		}
		for _, m := range s.marks {
			out = append(out, mark{m.start + at, m.end + at, m.style})
		}
		at += len(s.text)
	}
	slices.SortStableFunc(out, func(a, b mark) int { return a.start - b.start })
	return out
}

// within returns the marks of text[start:end], in that slice's offsets.
func within(marks []mark, start, end int) []mark {
	var out []mark
	for _, m := range marks {
		if m.end > start && m.start < end {
			out = append(out, mark{max(m.start, start) - start, min(m.end, end) - start, m.style})
		}
	}
	return out
}

// styleAt is the style of the byte at i.
func styleAt(marks []mark, i int) style {
	st := regular
	for _, m := range marks {
		if i >= m.start && i < m.end {
			st = m.style // nested runs come later and win
		}
	}
	return st
}

// tidy drops a space that stands between a CJK character and the
// full-width punctuation closing it (永垂不朽 ！): Chinese sets no space
// there, and a source's stray one would show as a gap.
func tidy(line string) string {
	if !strings.Contains(line, " ") {
		return line
	}
	var b strings.Builder
	prev := rune(0)
	for i, r := range line {
		if r == ' ' && linebreak.Columns(prev) == 2 {
			next, _ := utf8.DecodeRuneInString(strings.TrimLeft(line[i:], " "))
			if strings.ContainsRune("，。、；：？！）》」』”", next) {
				continue
			}
		}
		b.WriteRune(r)
		if r != ' ' {
			prev = r
		}
	}
	return b.String()
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
// column, since the model does not keep indentation. Markup is taken out
// (see plain); a line that was markup alone (an HTML comment) is no
// paragraph.
func paragraphs(text, id string, pos declaration.Pos) []span {
	var out []span
	for i, line := range strings.Split(text, "\n") {
		p := pos
		if i > 0 {
			p = declaration.Pos{Line: pos.Line + i}
		}
		shown, marks := plain(tidy(line))
		if shown == "" && line != "" {
			continue
		}
		out = append(out, span{text: shown, marks: marks, id: id, pos: p})
	}
	return out
}
