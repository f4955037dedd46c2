package parse

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// para is a paragraph of the source: one or more lines.
type para struct {
	markup    string          // Markdown heading marks (##) or a quote mark (>)
	s         span            // the text after the markup
	start     declaration.Pos // where the paragraph's first line starts
	indent    int             // of its first line
	rule      bool            // a horizontal rule: ---, ***, ———
	underline span            // a Markdown setext underline under a one-line paragraph
	marked    bool            // it starts with a numbering marker
}

func (q *para) pos() declaration.Pos { return q.start }

// newPara starts a paragraph on line l with the text s.
func newPara(l line, s span) *para { return &para{s: s, start: l.pos(), indent: l.indent} }

// paragraphs groups lines into paragraphs. A paragraph ends at a blank
// line, before an indented line or a line that starts with a numbering
// marker or Markdown, after a heading-like line, and after a line of
// Chinese that ends a sentence; otherwise lines run on (hard-wrapped text).
//
// The paragraphs are made in one array, and a paragraph's lines are
// joined once, when it ends (joining line by line copied a long
// paragraph once per line). The arrays are the parser's scratch, reused
// by the next Parse: the paragraphs live only while the document is built.
func (p *parser) paragraphs(lines []line) []*para {
	paras := p.paras[:0]
	open := false        // the last of paras is still taking lines
	texts := p.texts[:0] // the texts of the open paragraph's lines, when more than one
	// Text with a line longer than any hard wrap is not hard-wrapped:
	// each of its lines is a paragraph (one paragraph per line).
	unwrapped := false
	for _, l := range lines {
		if len(l.text) > unwrappedLine && runeLen(l.text) > unwrappedLine {
			unwrapped = true
			break
		}
	}
	flush := func() {
		if open && len(texts) > 1 {
			paras[len(paras)-1].s.text = strings.Join(texts, "\n")
		}
		open, texts = false, texts[:0]
	}
	for _, l := range lines {
		if l.blank() {
			flush()
			continue
		}
		if isRule(l.text) {
			if open && len(texts) <= 1 && (strings.Trim(l.text, "=") == "" || strings.Trim(l.text, "-") == "") {
				paras[len(paras)-1].underline = p.lineSpan(l) // Article 1 / --------- : a setext heading
				flush()
				continue
			}
			flush()
			paras = append(paras, para{s: p.lineSpan(l), start: l.pos(), indent: l.indent, rule: true})
			continue
		}
		markup, s := p.splitMarkup(l)
		_, _, _, marked := findMarker(s.text)
		if open {
			cur := &paras[len(paras)-1]
			last := cur.s.text
			if len(texts) > 0 {
				last = texts[len(texts)-1]
			}
			if !(l.indent > 0 || marked || markup != "" || cur.markup != "" || endsParagraph(last, len(texts) <= 1) || unwrapped && !hasHan(l.text) && !endsWithAny(last, ":")) {
				// cur.s = cur.s.join(s), its text made at the flush
				switch {
				case cur.s.text == "":
					cur.s, texts = s, append(texts[:0], s.text)
				case s.text != "":
					if len(texts) == 0 {
						texts = append(texts, cur.s.text)
					}
					cur.s.starts = joinStarts(cur.s.starts, s.starts)
					texts = append(texts, s.text)
				}
				continue
			}
		}
		flush()
		paras = append(paras, para{s: s, start: l.pos(), indent: l.indent, markup: markup, marked: marked})
		open = true
	}
	flush()
	p.paras, p.texts = paras, texts
	out := p.paraRefs[:0]
	for i := range paras {
		out = append(out, &paras[i])
	}
	p.paraRefs = out
	return out
}

// unwrappedLine is longer than any hard-wrapped line of English text.
const unwrappedLine = 120

// splitMarkup separates Markdown heading marks and quote marks from a line.
func (p *parser) splitMarkup(l line) (string, span) {
	if l.text == "" || l.text[0] != '#' && l.text[0] != '>' {
		return "", p.lineSpan(l)
	}
	if m := mdHeading.FindStringSubmatchIndex(l.text); m != nil {
		text := l.text[m[4]:]
		return l.text[m[2]:m[3]], span{text: text, starts: []declaration.Pos{{Line: l.num, Col: l.col + utf8.RuneCountInString(l.text[:m[4]])}}}
	}
	if rest, ok := strings.CutPrefix(l.text, ">"); ok {
		t := strings.TrimLeft(rest, " ")
		if t != "" {
			return ">", span{text: t, starts: []declaration.Pos{{Line: l.num, Col: l.col + 1 + len(rest) - len(t)}}}
		}
	}
	return "", p.lineSpan(l)
}

// isRule recognises a horizontal rule or a setext underline, and a lone
// _ or __ (the footnote separator of transcribed records).
func isRule(s string) bool {
	if s == "_" || s == "__" {
		return true
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune("-=*_—＊－", first) || utf8.RuneCountInString(s) < 3 {
		return false
	}
	for _, r := range s {
		if r != first && r != ' ' {
			return false
		}
	}
	return true
}

// endsParagraph: a Chinese line that ends a sentence, or a heading-like
// line, ends its paragraph. So does a line of another script that ends a
// sentence and is longer than any hard-wrapped line (one paragraph per
// line), and a short first line without punctuation (Preamble, Article 1).
// last is the paragraph's last line; first says it is its only one.
func endsParagraph(last string, first bool) bool {
	if headingLike(last) || hasHan(last) && endsWithAny(last, "。！？；：」』”’）)") {
		return true
	}
	n := runeLen(last)
	return n > 100 && endsWithAny(last, ".!?;:") ||
		first && n <= 30 && !hasHan(last) && !endsWithAny(last, ".,;:!?-–—(")
}

// headingLike is a short line without sentence punctuation: 序言,
// Preamble, 在政治关系方面, GENERAL PROVISIONS.
func headingLike(s string) bool {
	if s == "" || endsWithAny(s, "。；：！？，、,.;:!?") {
		return false
	}
	n := runeCountUpTo(s, 61) // a long paragraph is counted no further
	if n > 60 {
		return false
	}
	if hasHan(s) {
		return n <= 24
	}
	return strings.ToUpper(s) == s
}

// runeCountUpTo counts the characters of s, stopping at max.
func runeCountUpTo(s string, max int) int {
	n := 0
	for range s {
		if n++; n == max {
			break
		}
	}
	return n
}

// endsSentence reports whether s ends with sentence-final punctuation.
func endsSentence(s string) bool { return endsWithAny(s, "。！？；：，.!?;:,") }

func endsWithAny(s, set string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return r != utf8.RuneError && strings.ContainsRune(set, r)
}

// hasHan: s holds a Chinese character (U+3400–U+9FFF, U+F900–U+FAFF).
// Eight bytes of ASCII at a time are passed over at once: an English
// text is read to its end.
func hasHan(s string) bool {
	for i := 0; i < len(s); i++ {
		for i+8 <= len(s) && binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 == 0 {
			i += 8
		}
		if i >= len(s) {
			break
		}
		if s[i] < 0xE3 {
			continue // ASCII, a character below U+3000 or inside one: no Han
		}
		if r, ok := bmpAt(s, i); ok {
			if isHan(r) {
				return true
			}
			i += 2
		}
	}
	return false
}

// bmpAt decodes the three-byte character that starts at byte i of s, the
// UTF-8 of U+0800–U+FFFF, where Chinese characters and their punctuation
// are; ok is false for any other byte, which then is ASCII, part of
// another character or invalid. Loops that look only for such
// characters step over the rest byte by byte, faster than a range loop
// decodes every character.
func bmpAt(s string, i int) (rune, bool) {
	c := s[i]
	if c < 0xE0 || c > 0xEF || i+2 >= len(s) || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
		return 0, false
	}
	r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
	if r < 0x800 || r >= 0xD800 && r <= 0xDFFF {
		return 0, false // overlong, or a surrogate: invalid UTF-8
	}
	return r, true
}
