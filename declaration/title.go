package declaration

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The title rule every writer follows: the document's Title field is
// what a reader sees, printed once, where the text has it — in place of
// the block that says it ([Document.TitleBlock]). When a hand edit means
// that no block says the title any more, the first title block shows
// the field instead of its own text.

// TitleBlock is the block that holds the document's title: the first
// block of the front or the preamble, not of a newspaper archive's
// header, that says the title ([SameTitle]); else, when no block says it
// (a hand-edited title), the first title block; else nil.
func (d *Document) TitleBlock() *Block {
	if strings.TrimSpace(d.Title) == "" {
		return nil
	}
	var first *Block
	for _, bs := range [][]*Block{d.Front, d.Preamble} {
		for _, b := range bs {
			switch b.Kind {
			case TitleBlock, Headline, Heading, Subtitle:
			default:
				continue
			}
			if b.InArchiveHeader() {
				continue // ### 标题 of the archive header
			}
			if SameTitle(b.Text, d.Title) {
				return b
			}
			if first == nil && b.Kind == TitleBlock {
				first = b
			}
		}
	}
	return first
}

// SameTitle reports whether a and b are the same title: their letters
// and digits, case, markup, footnote calls and tags aside (a title
// without letters or digits is compared whole, spaces aside). It walks
// both in step: writers ask it for every document.
func SameTitle(a, b string) bool {
	ta, tb := titleRunes{s: a}, titleRunes{s: b}
	ra := ta.next()
	if ra < 0 {
		return strings.Join(strings.Fields(a), "") == strings.Join(strings.Fields(b), "")
	}
	for {
		if ra != tb.next() {
			return false
		}
		if ra < 0 {
			return true
		}
		ra = ta.next()
	}
}

// titleRunes reads a title's letters and digits, lower-cased, leaving out
// what a title as written may have that the title field leaves out:
// footnote calls ([1], ⑴ to ⒇) and HTML tags.
type titleRunes struct {
	s       string
	i       int
	noClose bool // no '>' from i on: a '<' opens no tag
}

// next is the next letter or digit, or -1 at the end.
func (t *titleRunes) next() rune {
	for t.i < len(t.s) {
		if n := t.call(); n > 0 {
			t.i += n
			continue
		}
		r, w := utf8.DecodeRuneInString(t.s[t.i:])
		t.i += w
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return unicode.ToLower(r)
		}
	}
	return -1
}

// call is the length of the footnote call or tag at t.i, or 0.
func (t *titleRunes) call() int {
	s := t.s[t.i:]
	switch c := s[0]; {
	case c == '[':
		n := 1
		for n < len(s) && '0' <= s[n] && s[n] <= '9' {
			n++
		}
		if n > 1 && n < len(s) && s[n] == ']' {
			return n + 1
		}
	case c == '<' && !t.noClose:
		if k := strings.IndexByte(s, '>'); k > 0 {
			return k + 1
		}
		t.noClose = true
	case c == 0xe2: // the lead byte of ⑴ to ⒇
		if r, w := utf8.DecodeRuneInString(s); '⑴' <= r && r <= '⒇' {
			return w
		}
	}
	return 0
}
