package parse

// Splitting a paragraph at its markers: the leading one, those run in
// after a label, and items run inline.

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// seg is a piece of a paragraph that starts with a numbering marker (or,
// for the first piece, possibly none).
type seg struct {
	st      *style // nil when unmarked
	label   string
	number  int
	text    span // the text after the label
	heading span // a heading between label and text (1. GENERAL The …)
	pos     declaration.Pos
	markup  string
	indent  int // of the line the marker starts, or -1 inside a paragraph
}

// segments splits a paragraph at its leading marker and at the markers of
// items run inline (：（１）…；（２）…), which must count up from one in
// their style, each starting after punctuation.
func (p *parser) segments(q *para) []seg {
	s := q.s
	first := seg{text: s, pos: q.pos(), markup: q.markup, indent: q.indent}
	expected := make(styleNumbers, 0, 4) // on the stack (with, without): it is made for every paragraph
	var order []string
	if st, label, n, ok := findMarker(s.text); ok {
		first.st, first.label, first.number = st, label, n
		_, first.text = s.cut(len(label))
		first.pos = s.starts[0]
		if q.markup != "" {
			first.pos = q.pos()
		}
		expected = expected.with(st.name, n+1)
		order = append(order, st.name)
		// 1\. NUMBER AND TYPES OF IMMIGRANTS a. The Commonwealth …
		if m := capsHeadingAt(first.text.text); m != nil {
			first.heading, first.text = first.text.cut(m[3])
		}
	}
	// The array is reused by the next call, when the caller is done with
	// these segments: a paragraph's are placed before the next is split.
	segs := append(p.segs[:0], first)
	if q.underline.text != "" {
		p.segs = segs
		return segs // an underlined line is a heading: nothing in it runs inline
	}
	text := first.text.text
	cur := first.text
	offset := 0 // byte offset of cur.text within text
	// A marker right after a heading, or run in after the label: 4. (a) The
	// Committee…, ARTICLE I 1. With respect…, 6.       1. For cheese.
	atStart := first.heading.text != "" || first.st != nil && runInStart(first.text.text)
	for _, c := range markerCandidates(text, atStart) {
		i := c.at
		st, label, n, ok := findMarker(text[i:])
		if !ok || !st.inline && i > 0 || i < offset {
			continue
		}
		if alt := alternative(st, label); alt.st != nil && expected.number(alt.st.name) == alt.n {
			st, n = alt.st, alt.n // (v) after (iv)
		}
		want := expected.number(st.name)
		if want == 0 {
			want = 1
		}
		if i == 0 && n == 1 {
			want = 1 // run in after its label: a list of its own (6. 1. For cheese)
		}
		if n != want || c.weak && n == 1 {
			continue
		}
		expected = expected.with(st.name, n+1)
		if k := slices.Index(order, st.name); k < 0 {
			order = append(order, st.name)
		} else {
			for _, deeper := range order[k+1:] {
				expected = expected.without(deeper)
			}
		}
		before, after := cur.cut(i - offset)
		if i == 0 {
			before = span{}
		}
		segs[len(segs)-1].text = before
		pos := after.starts[0]
		_, rest := after.cut(len(label))
		segs = append(segs, seg{st: st, label: label, number: n, text: rest, pos: pos, indent: -1})
		cur, offset = rest, len(text)-len(rest.text)
	}
	p.segs = endInlineItems(segs)
	return p.segs
}

// endInlineItems ends the last item run inline where its sentence ends,
// when the items before it are clauses (each ends with ；or ，): what
// follows in the paragraph is not the item's (：（一）…；（二）…。这些…).
// The rest becomes an unmarked piece of its own.
func endInlineItems(segs []seg) []seg {
	n := len(segs)
	if n < 3 || segs[n-1].st == nil {
		return segs
	}
	for _, sg := range segs[1 : n-1] {
		if !endsWithAny(sg.text.text, "；;，,、") {
			return segs // items that are sentences themselves run on
		}
	}
	last := segs[n-1].text
	i := sentenceEnd(last.text)
	if i >= len(last.text) || strings.TrimSpace(last.text[i:]) == "" {
		return segs
	}
	item, rest := last.cut(i)
	segs[n-1].text = item
	return append(segs, seg{text: rest, pos: rest.starts[0], indent: -1})
}

// sentenceEnd is the byte offset just past the first sentence end in s
// (。！？, or . ! ? before a space or after a Chinese character), or
// len(s).
func sentenceEnd(s string) int {
	for i, r := range s {
		switch r {
		case '。', '！', '？':
			return i + utf8.RuneLen(r)
		case '.', '!', '?':
			if i+1 < len(s) && s[i+1] == ' ' || i > 0 && s[i-1] >= utf8.RuneSelf {
				return i + 1
			}
		}
	}
	return len(s)
}

// capsHeading is an English heading in capitals run into its text.
var capsHeading = regexp.MustCompile(`^((?:[A-Z][A-Z'’,&-]*\s+){1,9}[A-Z][A-Z'’&-]+|[A-Z]{4,})\s+(?:[a-z]\.\s|[A-Z][a-z])`)

// capsHeadingAt matches capsHeading after a cheap test: the heading's
// first character is a capital and its second no small letter.
func capsHeadingAt(t string) []int {
	if len(t) < 2 || t[0] < 'A' || t[0] > 'Z' || t[1] >= 'a' && t[1] <= 'z' {
		return nil
	}
	return capsHeading.FindStringSubmatchIndex(t)
}

// runInStart: text after a label begins with a marker that starts a list.
func runInStart(text string) bool {
	_, _, n, ok := findMarker(text)
	return ok && n == 1
}

// candidate is a place in a paragraph where an item may start inline.
type candidate struct {
	at   int
	weak bool // after a space only: only the second and later items of a list
}

// markerCandidates lists the byte offsets in text where an item may start
// inline: after ：；。:; (and, in text without Chinese, after ". ", "- "
// and a closing quote), then spaces, at a rune that can begin a marker; at 0 when
// atStart; and, in text without Chinese, weakly at " (" after "and",
// "or" or a comma (…security and (2) the importation…).
func markerCandidates(text string, atStart bool) []candidate {
	var out []candidate
	if atStart {
		out = append(out, candidate{at: 0})
	}
	latin := !hasHan(text)
	for at := 0; ; {
		i, size := indexClausePunct(text[at:], latin)
		if i < 0 {
			break
		}
		j := at + i + size
		for j < len(text) && (text[j] == ' ' || strings.HasPrefix(text[j:], "\u3000")) {
			if text[j] == ' ' {
				j++
			} else {
				j += len("\u3000")
			}
		}
		if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && mayStartMarker(r) && (!isLowerLetter(r) || j+1 < len(text) && text[j+1] == '.') {
			out = append(out, candidate{at: j}) // a small letter only as in "a."
		}
		at = j
	}
	if latin && contains(text, " (") {
		// A weak candidate where a strong one stands is harmless: the
		// strong one is tried first, and a weak one accepts less.
		for i := range occurrences(text, " (") {
			if j := i + 1; strings.HasSuffix(text[:j], " and ") || strings.HasSuffix(text[:j], " or ") || strings.HasSuffix(text[:j], ", ") {
				out = append(out, candidate{at: j, weak: true}) // not paragraph (2) below: a citation
			}
		}
		slices.SortStableFunc(out, func(a, b candidate) int { return a.at - b.at })
	}
	return out
}

// indexClausePunct finds the first ：；。 : or ; in s (with latin, also
// . - ' or " before a space; in Chinese, . after a character), byte by
// byte (the UTF-8 of ：；。 is EF BC 9A, EF BC 9B, E3 80 82), and its
// length.
func indexClausePunct(s string, latin bool) (int, int) {
	for j := 0; j < len(s); j++ {
		if !clausePunctLead[s[j]] {
			continue // most bytes start none of them
		}
		switch c := s[j]; {
		case c == ':' || c == ';':
			return j, 1
		case latin && (c == '.' || c == '-' || c == '\'' || c == '"') && j > 0 && j+1 < len(s) && s[j+1] == ' ' && s[j-1] != ' ':
			return j, 1
		case !latin && c == '.' && j > 0 && s[j-1] >= utf8.RuneSelf:
			return j, 1 // 。typed as a full stop after a character (…五个专区.（二）…)
		case c == 0xEF && j+2 < len(s) && s[j+1] == 0xBC && (s[j+2] == 0x9A || s[j+2] == 0x9B),
			c == 0xE3 && j+2 < len(s) && s[j+1] == 0x80 && s[j+2] == 0x82:
			return j, 3
		}
	}
	return -1, 0
}

// clausePunctLead marks the bytes indexClausePunct stops at: the ASCII
// punctuation and the first bytes of ：；(EF) and 。(E3).
var clausePunctLead = func() (t [256]bool) {
	for _, c := range []byte(":;.-'\"\xEF\xE3") {
		t[c] = true
	}
	return t
}()

// mayStartMarker is a cheap test before findMarker: only these runes
// begin the markers that run inline.
func mayStartMarker(r rune) bool {
	return r == '(' || r == '（' || isDigit(r) || isCNNumeral(r) || r >= 'a' && r <= 'z'
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// runesAtMost is min(runeLen(s), n) without counting the characters of a
// text too long to hold fewer than n of them (a character is at most four
// bytes): the tests of a short line, "at most 40 characters", run on
// long paragraphs too (TestRunesAtMost).
func runesAtMost(s string, n int) int {
	if len(s) >= 4*n {
		return n
	}
	return min(utf8.RuneCountInString(s), n)
}
