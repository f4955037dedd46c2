package declaration

import (
	"regexp"
	"strings"
	"unicode"
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

// titleCalls are what a title as written may have that the title field
// leaves out: footnote calls and HTML tags.
var titleCalls = regexp.MustCompile(`\[\d+\]|[⑴-⒇]|<[^>]*>`)

// SameTitle reports whether a and b are the same title: their letters
// and digits, case, markup, footnote calls and tags aside (a title
// without letters or digits is compared whole, spaces aside).
func SameTitle(a, b string) bool {
	words := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, titleCalls.ReplaceAllString(s, ""))
	}
	if wa := words(a); wa != "" {
		return wa == words(b)
	}
	return strings.Join(strings.Fields(a), "") == strings.Join(strings.Fields(b), "")
}
