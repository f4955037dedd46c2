package text

import (
	"strings"
	"unicode/utf8"
)

// markup is the source syntax that text carries inside it and that is
// not printed, one row per form, taken out in this order. A * or __
// between letters or digits (2*3*4, snake__case__) is no emphasis.
//
// strip is a hand-written scanner, not a regexp: it ran for every block and
// provision and was a quarter of the writer's time. TestStripRegexp and
// FuzzStrip hold it to the regexps that defined these rows.
var markup = []form{
	{open: "<!--", close: "-->", comment: true},                             // HTML comment
	{open: "**", close: "**"},                                               // **strong**
	{open: "__", close: "__", bounded: true, notBefore: "_", notAfter: "_"}, // __strong__
	{open: "*", close: "*", bounded: true, notBefore: "*\\", notAfter: "*"}, // *emphasis*
}

// A form is markup around text: an opening and a closing delimiter, of
// which only the text between them is printed, or nothing for a comment.
//
// A comment holds anything up to the first closing delimiter. Emphasis
// holds text on one line that neither starts nor ends with whitespace
// and holds no character of its delimiters. Bounded emphasis has no
// letter, digit or character of notBefore right before it, nor of notAfter
// right after it; the character after it belongs to the occurrence, so it
// cannot also stand before the next one (*a* *b* takes two passes).
type form struct {
	open, close         string
	comment             bool
	bounded             bool
	notBefore, notAfter string
}

// strip removes the markup inside s.
func strip(s string) string {
	// Three searches for one byte each beat one for any of three.
	if strings.IndexByte(s, '<') < 0 && strings.IndexByte(s, '*') < 0 && strings.IndexByte(s, '_') < 0 {
		return s
	}
	for _, f := range markup {
		s = f.remove(s)
		if f.bounded {
			// *a* *b*: the first pass took the space the second starts at.
			s = f.remove(s)
		}
	}
	return s
}

// remove takes the occurrences of f out of s, leftmost first, each search
// starting where the last occurrence (with its boundary) ended.
func (f form) remove(s string) string {
	var b strings.Builder
	copied := 0 // s[:copied] is in b
	from := 0   // where the occurrence, with its boundary, may start
	at := 0     // where to look for the next opening delimiter
	for {
		i := strings.Index(s[at:], f.open)
		if i < 0 {
			break
		}
		i += at
		inner, end, next := f.match(s, i, from)
		if end < 0 {
			if f.comment {
				break // no comment closes after this one either
			}
			at = i + 1
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[copied:i])
		if !f.comment {
			b.WriteString(inner)
		}
		copied, from, at = end, next, next
	}
	if copied == 0 {
		return s
	}
	b.WriteString(s[copied:])
	return b.String()
}

// match reports whether an occurrence of f opens at s[i:], its boundary
// starting at from or later. It returns the text inside, where the closing
// delimiter ends and where the occurrence ends with its boundary; end is
// -1 when there is no occurrence.
func (f form) match(s string, i, from int) (inner string, end, next int) {
	a := i + len(f.open)
	if f.comment {
		k := strings.Index(s[a:], f.close)
		if k < 0 {
			return "", -1, -1
		}
		end = a + k + len(f.close)
		return s[a : a+k], end, end
	}
	if f.bounded && i > 0 && (i-1 < from || isWord(s[i-1], f.notBefore)) {
		return "", -1, -1
	}
	k := strings.IndexByte(s[a:], f.close[0])
	if k <= 0 {
		return "", -1, -1
	}
	inner, end = s[a:a+k], a+k+len(f.close)
	if !strings.HasPrefix(s[a+k:], f.close) || isPerlSpace(inner[0]) || isPerlSpace(inner[len(inner)-1]) ||
		strings.IndexByte(inner, '\n') >= 0 {
		return "", -1, -1
	}
	next = end
	if f.bounded && end < len(s) {
		if isWord(s[end], f.notAfter) {
			return "", -1, -1
		}
		_, size := utf8.DecodeRuneInString(s[end:])
		next += size
	}
	return inner, end, next
}

// isPerlSpace reports whether c is white space as a regexp's \s means it.
func isPerlSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isWord reports whether c is an ASCII letter or digit or one of more.
// (A byte of a multibyte character is none of them.)
func isWord(c byte, more string) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(more, c) >= 0
}
