package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// style is how a run of text is drawn.
type style uint8

const (
	regular style = iota
	italic        // Markdown *x* or _x_
	bold          // Markdown **x** or __x__
	noteNum       // a footnote's number (_1 …): smaller and raised
)

// mark is a run of text drawn in a style other than regular: bytes
// [start, end) of the text it belongs to.
type mark struct {
	start, end int
	style      style
}

// plain returns text without its markup — HTML comments (<!-- … -->),
// Markdown emphasis delimiters (*x*, _x_, **x**, __x__) and the underscore
// or bullet before a footnote's number (_1 …, * 1 …) — and the runs of
// the result that the markup styled. Markup is source syntax: the PDF
// shows it as typography, never prints it. An underscore inside a word
// (snake_case) or a delimiter that closes nothing is text, and stays.
func plain(text string) (string, []mark) {
	if !strings.ContainsAny(text, "<_*") {
		return text, nil
	}
	text = dropComments(text)
	drop := make([]bool, len(text)) // bytes of markup
	var styled []mark               // in text's offsets
	if n := footnoteNumber(text); n.end > 0 {
		for i := 0; i < n.start; i++ {
			drop[i] = true
		}
		styled = append(styled, n)
	}
	styled = append(styled, emphasis(text, drop)...)

	// Copy what is not markup, mapping every offset of text to the result.
	var b strings.Builder
	at := make([]int, len(text)+1)
	for i := 0; i < len(text); i++ {
		at[i] = b.Len()
		if !drop[i] {
			b.WriteByte(text[i])
		}
	}
	at[len(text)] = b.Len()
	var marks []mark
	for _, m := range styled {
		if s, e := at[m.start], at[m.end]; e > s {
			marks = append(marks, mark{s, e, m.style})
		}
	}
	return b.String(), marks
}

// dropComments removes HTML comments; an unterminated one runs to the end.
func dropComments(text string) string {
	for {
		i := strings.Index(text, "<!--")
		if i < 0 {
			return text
		}
		j := strings.Index(text[i+4:], "-->")
		if j < 0 {
			return text[:i]
		}
		text = text[:i] + text[i+4+j+3:]
	}
}

// footnoteNumber finds the number that opens a footnote in transcribed
// records, "_1 Spender…" or "* 1 Document 93.": the mark covers the
// digits, and start is where the markup before them ends (the marker
// itself is dropped by the caller). It returns the zero mark for other
// text.
func footnoteNumber(text string) mark {
	i := 0
	switch {
	case strings.HasPrefix(text, "_"):
		i = 1
	case strings.HasPrefix(text, "* "):
		i = 2
	default:
		return mark{}
	}
	j := i
	for j < len(text) && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	if j == i || j == len(text) || text[j] != ' ' {
		return mark{}
	}
	return mark{start: i, end: j, style: noteNum}
}

// delim is a run of one emphasis character (* or _) in text.
type delim struct {
	at, n           int
	ch              byte
	canOpen, canEnd bool
}

// emphasis pairs the emphasis delimiters of text, marks their bytes in
// drop and returns the runs they style. Runs pair as Markdown pairs them,
// leniently, since transcriptions are not careful Markdown: an asterisk
// opens before a non-space and closes after one (*For Canada:*The …); an
// underscore opens and closes only at a word's edge, so snake_case stays.
func emphasis(text string, drop []bool) []mark {
	var runs []delim
	for i := 0; i < len(text); {
		c := text[i]
		if (c != '*' && c != '_') || drop[i] {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] == c {
			j++
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		next, _ := utf8.DecodeRuneInString(text[j:])
		if i == 0 {
			prev = ' '
		}
		if j == len(text) {
			next = ' '
		}
		d := delim{at: i, n: j - i, ch: c}
		if c == '*' {
			d.canOpen, d.canEnd = !unicode.IsSpace(next), !unicode.IsSpace(prev)
		} else {
			word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
			d.canOpen = !word(prev) && (!unicode.IsSpace(next) || i == 0)
			d.canEnd = !word(next) && (!unicode.IsSpace(prev) || j == len(text))
		}
		runs = append(runs, d)
		i = j
	}
	var out []mark
	var open []delim
	for _, d := range runs {
		k := len(open) - 1
		for k >= 0 && !(open[k].ch == d.ch && open[k].n == d.n) {
			k--
		}
		if d.canEnd && k >= 0 {
			o := open[k]
			open = open[:k]
			for i := range o.n {
				drop[o.at+i], drop[d.at+i] = true, true
			}
			st := italic
			if d.n >= 2 {
				st = bold
			}
			out = append(out, mark{start: o.at + o.n, end: d.at, style: st})
			continue
		}
		if d.canOpen {
			open = append(open, d)
		}
	}
	return out
}

// isRule reports whether a line is a rule in Markdown or a transcription:
// underscores alone (the lone "_" above a record's footnotes).
func isRule(text string) bool {
	t := strings.TrimSpace(text)
	return t != "" && strings.Trim(t, "_") == ""
}

// bullets are the Markdown list markers, drawn as a bullet.
const bullets = "*-+"

// isBullet reports whether a label is a Markdown list marker.
func isBullet(label string) bool { return len(label) == 1 && strings.Contains(bullets, label) }
