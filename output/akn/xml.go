package akn

import (
	"bufio"
	"unicode/utf8"
)

// attr is one attribute; an attribute with an empty value is left out
// unless keep is set (the schema requires a few that may be empty).
type attr struct {
	name, value string
	keep        bool
}

// printer writes XML: structural elements one per line, indented two
// spaces a level; mixed content (a p, a num) on the line of its element,
// with no whitespace added inside it.
type printer struct {
	w     *bufio.Writer
	depth int
}

func (p *printer) indent() {
	p.w.WriteByte('\n')
	for range p.depth {
		p.w.WriteString("  ")
	}
}

// start writes a start tag on a new line and goes one level in.
func (p *printer) start(name string, attrs ...attr) {
	p.indent()
	p.tag(name, attrs)
	p.depth++
}

// end goes one level out and writes an end tag on a new line.
func (p *printer) end(name string) {
	p.depth--
	p.indent()
	p.w.WriteString("</" + name + ">")
}

// empty writes an element without content on a new line.
func (p *printer) empty(name string, attrs ...attr) {
	p.indent()
	p.w.WriteByte('<')
	p.w.WriteString(name)
	p.attrs(attrs)
	p.w.WriteString("/>")
}

// tag writes a start tag where the output is.
func (p *printer) tag(name string, attrs []attr) {
	p.w.WriteByte('<')
	p.w.WriteString(name)
	p.attrs(attrs)
	p.w.WriteByte('>')
}

func (p *printer) attrs(attrs []attr) {
	for _, a := range attrs {
		if a.value == "" && !a.keep {
			continue
		}
		p.w.WriteByte(' ')
		p.w.WriteString(a.name)
		p.w.WriteString(`="`)
		escape(p.w, a.value, true)
		p.w.WriteByte('"')
	}
}

// escape writes s as XML character data, or as an attribute value when
// attr is set. It is total: '&', '<', '>' and in attributes '"' become
// entities; CR (and in attributes tab and LF) become character references,
// so that XML's normalisation of line ends and attribute whitespace gives
// them back; a byte that is not UTF-8 and a character XML 1.0 cannot hold
// at all (NUL and the other C0 controls but tab, LF and CR, U+FFFE,
// U+FFFF) become U+FFFD, the replacement character. Nothing in s can open
// a tag, close an attribute or end the document.
func escape(w *bufio.Writer, s string, attr bool) {
	last := 0 // s[last:i] is still to be written as it is
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '"' {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		var rep string
		switch {
		case r == '&':
			rep = "&amp;"
		case r == '<':
			rep = "&lt;"
		case r == '>':
			rep = "&gt;"
		case r == '"' && attr:
			rep = "&quot;"
		case r == '\r':
			rep = "&#xD;"
		case r == '\n' && attr:
			rep = "&#xA;"
		case r == '\t' && attr:
			rep = "&#x9;"
		case r == utf8.RuneError && size == 1, !xmlChar(r):
			rep = "\uFFFD"
		default:
			i += size
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(rep)
		i += size
		last = i
	}
	w.WriteString(s[last:])
}

// xmlChar reports whether XML 1.0 can hold r (its production Char).
func xmlChar(r rune) bool {
	switch {
	case r == 0x9 || r == 0xA || r == 0xD:
		return true
	case r >= 0x20 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}
