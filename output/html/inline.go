package html

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// marks are what the model records inside one element's text, still to
// be placed: its dates (in order, each placed once), the instruments it
// cites (wherever they occur in it) and the terms it defines (at their
// first occurrence).
type marks struct {
	dates []declaration.DateMention
	cites []string
	terms []string
}

// collectMarks files the document's dates, references and defined terms
// under the IDs of the elements they are in.
func collectMarks(d *declaration.Document) map[string]*marks {
	all := map[string]*marks{}
	at := func(id string) *marks {
		m := all[id]
		if m == nil {
			m = &marks{}
			all[id] = m
		}
		return m
	}
	for _, dm := range d.Dates {
		if dm.Text != "" {
			at(dm.At).dates = append(at(dm.At).dates, dm)
		}
	}
	for _, r := range d.References {
		if r.Title == "" {
			continue
		}
		for _, id := range r.At {
			if m := at(id); !slices.Contains(m.cites, r.Title) {
				m.cites = append(m.cites, r.Title)
			}
		}
	}
	for _, t := range d.DefinedTerms {
		if t.Term != "" {
			at(t.At).terms = append(at(t.At).terms, t.Term)
		}
	}
	return all
}

// span is a piece [start, end) of a line to wrap in an element.
type span struct {
	start, end int
	tag        string // the element, to keep a <cite> out of a <cite>
	open       string // its start tag
}

// titleBrackets are the marks a cited title stands between; where the
// title occurs between them, only those occurrences are cited.
var titleBrackets = [][2]string{{"《", "》"}, {"〈", "〉"}}

// definitionForms are what stands around a term where it is defined,
// the first that occurs in the line winning: quotation marks
// (（以下简称“双方”）, (hereinafter referred to as "the Parties")), then
// the words that introduce a definition (本法所称渔业资源，是指…, （下称甲方）,
// "Treaty" means …).
var definitionForms = [][2]string{
	{"“", "”"}, {"\"", "\""}, {"「", "」"}, {"『", "』"}, {"‘", "’"}, {"'", "'"},
	{"所称", ""}, {"所稱", ""}, {"简称", ""}, {"簡稱", ""}, {"下称", ""}, {"下稱", ""},
	{"referred to as ", ""}, {"", "是指"}, {"", "係指"}, {"", "系指"}, {"", " means"},
}

// find returns the spans of the marks m places in line, and takes the
// dates and terms it places out of m, so that the next line of the
// element goes on from there.
func (m *marks) find(line string) []span {
	if m == nil {
		return nil
	}
	var out []span
	from := 0
	for len(m.dates) > 0 {
		dm := m.dates[0]
		i := strings.Index(line[from:], dm.Text)
		if i < 0 {
			break // in a later line of the element, or not in it at all
		}
		i += from
		if declaration.ValidISODate(dm.ISO) {
			out = append(out, span{i, i + len(dm.Text), "time", `<time datetime="` + dm.ISO + `">`})
		}
		from = i + len(dm.Text)
		m.dates = m.dates[1:]
	}
	for _, t := range m.cites {
		found := false
		for _, b := range titleBrackets {
			for i := range occurrences(line, b[0]+t+b[1]) {
				i += len(b[0])
				out = append(out, span{i, i + len(t), "cite", "<cite>"})
				found = true
			}
		}
		if !found {
			for i := range occurrences(line, t) {
				out = append(out, span{i, i + len(t), "cite", "<cite>"})
			}
		}
	}
	m.terms = slices.DeleteFunc(m.terms, func(t string) bool {
		i := definition(line, t)
		if i >= 0 {
			out = append(out, span{i, i + len(t), "dfn", "<dfn>"})
		}
		return i >= 0
	})
	return out
}

// definition is where term is defined in line: its first occurrence in
// one of the definitionForms, else its first occurrence; -1 when it is
// not there.
func definition(line, term string) int {
	for _, f := range definitionForms {
		if i := strings.Index(line, f[0]+term+f[1]); i >= 0 {
			return i + len(f[0])
		}
	}
	return strings.Index(line, term)
}

// occurrences yields the byte offsets of the non-overlapping occurrences
// of sub in s.
func occurrences(s, sub string) func(func(int) bool) {
	return func(yield func(int) bool) {
		for from := 0; sub != ""; {
			i := strings.Index(s[from:], sub)
			if i < 0 || !yield(from+i) {
				return
			}
			from += i + len(sub)
		}
	}
}

// inline writes one line of verbatim text with the marks m places in it,
// then the runs of the other script (lang) and the dashes and ellipses
// kept on one line. A span that would cross one placed before it, or put
// an element inside one of its own kind, is left out: the text is
// written all the same.
func (p *page) inline(line string, m *marks) {
	if line == "" {
		return
	}
	var placed []span
	add := func(ss []span) {
		slices.SortStableFunc(ss, func(a, b span) int {
			if a.start != b.start {
				return a.start - b.start
			}
			return b.end - a.end
		})
		for _, s := range ss {
			if s.start < s.end && fits(placed, s) {
				placed = append(placed, s)
			}
		}
	}
	add(m.find(line))
	add(p.decorations(line))
	if len(placed) == 0 {
		p.plain(line)
		return
	}
	// Outer before inner: by start, the longer first, then the one placed
	// first (marks before decorations).
	slices.SortStableFunc(placed, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var open []span
	at := 0
	closeTo := func(pos int) {
		for len(open) > 0 && open[len(open)-1].end <= pos {
			s := open[len(open)-1]
			p.plain(line[at:s.end])
			at = s.end
			p.s("</" + s.tag + ">")
			open = open[:len(open)-1]
		}
	}
	for _, s := range placed {
		closeTo(s.start)
		p.plain(line[at:s.start])
		at = s.start
		p.s(s.open)
		open = append(open, s)
	}
	closeTo(len(line))
	p.plain(line[at:])
}

// fits reports whether s nests with every span placed: apart from it,
// or inside or around it and not of the same kind (a <cite> in a <cite>;
// plain <span>s may nest).
func fits(placed []span, s span) bool {
	for _, o := range placed {
		switch {
		case s.end <= o.start || o.end <= s.start:
		case (o.start <= s.start && s.end <= o.end) || (s.start <= o.start && o.end <= s.end):
			if o.tag == s.tag && s.tag != "span" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// script is a rune's script as the page's lang runs see it.
type script int

const (
	neutral script = iota // digits, spaces, punctuation shared by both
	latin
	chinese // Han, kana, CJK punctuation and full-width forms
)

func scriptOf(r rune) script {
	switch {
	case r < utf8.RuneSelf:
		if 'a' <= r|0x20 && r|0x20 <= 'z' {
			return latin
		}
		return neutral
	case 0x4e00 <= r && r <= 0x9fff: // the common ideographs, first: most of a Chinese text
		return chinese
	case r == 0x3000 || unicode.IsSpace(r):
		return neutral
	case 0x3000 <= r && r <= 0x303f, 0xff00 <= r && r <= 0xffef,
		unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo):
		return chinese
	case unicode.Is(unicode.Latin, r):
		return latin
	}
	return neutral
}

// decorations are the spans of a line that only the page adds: each run
// of the other script than the page's (Latin words in a Chinese text,
// with at least two letters; Chinese in an English one) with its lang,
// and each run of two or more —— or …… kept on one line.
func (p *page) decorations(line string) []span {
	var out []span
	other, lang, least := chinese, "zh", 1
	if p.zh {
		other, lang, least = latin, "en", 2
	}
	start, end, letters := -1, -1, 0
	flush := func() {
		if start >= 0 && letters >= least {
			out = append(out, span{start, end, "span", `<span lang="` + lang + `">`})
		}
		start, letters = -1, 0
	}
	dash, dashes := -1, 0
	var prev rune
	for i, r := range line {
		switch sc := scriptOf(r); {
		case sc == other:
			if start < 0 {
				start = i
			}
			end, letters = i+utf8.RuneLen(r), letters+1
		case sc != neutral:
			flush()
		}
		if (r == '—' || r == '…') && r == prev {
			dashes++
		} else {
			if dashes > 1 {
				out = append(out, span{dash, i, "span", `<span class="nb">`})
			}
			dash, dashes = i, 1
			if r != '—' && r != '…' {
				dashes = 0
			}
		}
		prev = r
	}
	flush()
	if dashes > 1 {
		out = append(out, span{dash, len(line), "span", `<span class="nb">`})
	}
	return out
}

// plain writes verbatim text, escaped.
func (p *page) plain(s string) { escape(p.w, s) }

// attr writes an attribute value, escaped (the quotes are the caller's).
func (p *page) attr(s string) { escape(p.w, s) }

// byteWriter is what escape writes to.
type byteWriter interface {
	WriteString(string) (int, error)
}

// escape writes s so that no character of it can open a tag, an entity or
// an attribute: & < > " ' as references, and in place of what neither
// HTML nor XML can carry — invalid UTF-8, NUL and the other control
// characters, U+FFFE and U+FFFF — a space where it is whitespace (form
// feed, vertical tab, NEL), else U+FFFD.
func escape(w byteWriter, s string) {
	last := 0
	for i := 0; i < len(s); {
		var rep string
		size := 1
		switch c := s[i]; {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '"':
			rep = "&quot;"
		case c == '\'':
			rep = "&#39;"
		case c < utf8.RuneSelf:
			if xmlChar(rune(c)) {
				i++
				continue
			}
			rep = "\uFFFD"
			if unicode.IsSpace(rune(c)) {
				rep = " "
			}
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if (r != utf8.RuneError || size > 1) && xmlChar(r) {
				i += size
				continue
			}
			rep = "\uFFFD"
			if unicode.IsSpace(r) {
				rep = " "
			}
		}
		w.WriteString(s[last:i])
		w.WriteString(rep)
		i += size
		last = i
	}
	w.WriteString(s[last:])
}

// xmlChar reports whether r may stand in both an HTML page and an XML
// document: XML 1.0's Char without the C1 controls HTML refuses.
func xmlChar(r rune) bool {
	switch {
	case r >= 0xa0:
		return r != 0xfffe && r != 0xffff && r <= unicode.MaxRune
	case r >= 0x20:
		return r < 0x7f
	}
	return r == '\t' || r == '\n' || r == '\r'
}
