package linebreak

import (
	"strings"
	"unicode/utf8"
)

// Lines splits text into lines. The first line may be at most first wide,
// the others at most rest wide; width(r) gives each rune's width, the same
// every time it is asked (Lines may ask once for many of the same rune).
//
// Each line is a substring of text. Newlines in text are hard breaks: "a\n\nb"
// gives "a", "", "b"; an empty text gives no lines. A line is wider than its
// limit only when a closing mark hangs past the end (burasage) or when it is
// a single unit that cannot be cut (see the package documentation).
func Lines(text string, first, rest float64, width func(rune) float64) []string {
	if text == "" {
		return nil
	}
	return AppendLines(make([]string, 0, 1+strings.Count(text, "\n")), text, first, rest, width)
}

// AppendLines appends the lines of text, as Lines splits it, to lines and
// returns the extended slice: a caller that breaks many texts can reuse
// one slice.
func AppendLines(lines []string, text string, first, rest float64, width func(rune) float64) []string {
	if text == "" {
		return lines
	}
	b := breaker{width: width, first: first, rest: rest, out: lines, before: len(lines)}
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			b.paragraph(text)
			return b.out
		}
		b.paragraph(text[:i])
		text = text[i+1:]
	}
}

// slack absorbs floating-point rounding when widths are summed.
const slack = 1e-9

// fits reports whether a line w wide fits within limit. It is false when
// either is NaN.
func fits(w, limit float64) bool { return w <= limit+slack }

// breaker holds the state of one call of Lines.
type breaker struct {
	width       func(rune) float64
	first, rest float64
	out         []string // the lines, after those the caller had
	before      int      // how many lines the caller had

	// The line being filled: p[lineStart:lineEnd] of the paragraph p,
	// lineW wide; lineStart is -1 before the first piece.
	lineStart, lineEnd int
	lineW              float64

	asciiW     [utf8.RuneSelf]float64 // the widths of ASCII runes
	asciiKnown [2]uint64              // which of asciiW are known, one bit each
}

// read decodes the rune at p[i:] and gives its size, class and width;
// invalid UTF-8 decodes as one utf8.RuneError per byte, and the byte itself
// is kept in the output. It runs for every rune, so the common ones take
// no call but to width, and ASCII not even that: ASCII and three-byte
// runes (the BMP from U+0800, where CJK text lives).
func (b *breaker) read(p string, i int) (r rune, size int, c class, w float64) {
	x := p[i]
	if x < utf8.RuneSelf {
		if bit := uint64(1) << (x & 63); b.asciiKnown[x>>6]&bit == 0 {
			b.asciiW[x] = b.width(rune(x))
			b.asciiKnown[x>>6] |= bit
		}
		return rune(x), 1, ascii[x], b.asciiW[x]
	}
	if x&0xf0 == 0xe0 && i+2 < len(p) {
		x1, x2 := p[i+1], p[i+2]
		r = rune(x&0x0f)<<12 | rune(x1&0x3f)<<6 | rune(x2&0x3f)
		// Valid unless a byte is no continuation byte or the rune is
		// overlong or a surrogate, as utf8 decides.
		if x1&0xc0 == 0x80 && x2&0xc0 == 0x80 && r >= 0x800 && (r < 0xd800 || r > 0xdfff) {
			if isIdeograph(r) {
				return r, 3, clsID, b.width(r)
			}
			return r, 3, classify(r), b.width(r)
		}
	}
	r, size = utf8.DecodeRuneInString(p[i:])
	return r, size, classify(r), b.width(r)
}

// limit is the width allowed for the next line.
func (b *breaker) limit() float64 {
	if len(b.out) == b.before {
		return b.first
	}
	return b.rest
}

// paragraph breaks one hard line (p holds no newline). It reads p once,
// rune by rune, as pieces: runs of text from one break opportunity to the
// next, with the whitespace between them. Each piece is set (add) when
// the next break opportunity shows where it ends.
func (b *breaker) paragraph(p string) {
	i, gapW := b.spaces(p, 0)
	if i == len(p) {
		b.out = append(b.out, "")
		return
	}
	b.lineStart, b.lineEnd, b.lineW = -1, -1, 0
	segStart, segEnd, segW := i, i, 0.0 // the piece being read
	var g gap
	var spW float64 // whitespace since the last non-space rune
	for i < len(p) {
		r, size, c, rw := b.read(p, i)
		if c == clsSP {
			spW += rw
			g.spaced = true
			i += size
			continue
		}
		if g.started && g.at(c, r) == breakHere {
			// add's first case, the most common, spares a call here.
			if w := b.lineW + gapW + segW; b.lineStart >= 0 && fits(w, b.limit()) {
				b.lineEnd, b.lineW = segEnd, w
			} else {
				b.add(p, gapW, segStart, segEnd, segW)
			}
			gapW, segStart, segW, spW = spW, i, 0, 0
			g = gap{}
		}
		g.push(c, r)
		segW += spW + rw
		spW = 0
		i += size
		segEnd = i
	}
	b.add(p, gapW, segStart, segEnd, segW)
	b.out = append(b.out, p[b.lineStart:b.lineEnd])
}

// add sets the piece p[a:e], segW wide, after gapW of whitespace: on the
// current line if it fits, else on a new one.
func (b *breaker) add(p string, gapW float64, a, e int, segW float64) {
	switch {
	case b.lineStart >= 0 && fits(b.lineW+gapW+segW, b.limit()):
		b.lineEnd, b.lineW = e, b.lineW+gapW+segW
	case b.lineStart < 0 && a > 0 && fits(gapW+segW, b.limit()):
		// Whitespace at the start of a hard line is kept when it fits.
		b.lineStart, b.lineEnd, b.lineW = 0, e, gapW+segW
	default:
		if b.lineStart >= 0 {
			b.out = append(b.out, p[b.lineStart:b.lineEnd])
		}
		b.lineStart, b.lineEnd, b.lineW = b.place(p, a, e, segW)
	}
}

// spaces skips the breakable whitespace of p from i and returns where it
// ends and how wide it is.
func (b *breaker) spaces(p string, i int) (int, float64) {
	w := 0.0
	for i < len(p) {
		_, size, c, rw := b.read(p, i)
		if c != clsSP {
			break
		}
		w += rw
		i += size
	}
	return i, w
}

// place starts a new line with the piece p[a:e], segW wide. A piece that is
// too wide is cut into lines, all but the last appended to b.out; place
// returns the span and width of what is left for the current line.
func (b *breaker) place(p string, a, e int, segW float64) (int, int, float64) {
	if fits(segW, b.limit()) {
		return a, e, segW
	}
	for {
		cut, next, w := b.cut(p, a, e, b.limit())
		if cut == e {
			return a, e, w
		}
		b.out = append(b.out, p[a:cut])
		a = next
	}
}

// cut chooses where to end a line that starts at a within the piece p[a:e]
// when the piece does not fit in limit. It returns the end of the line's
// content, where the rest starts, and the line's width; cut == e means the
// whole piece forms the line.
func (b *breaker) cut(p string, a, e int, limit float64) (cut, next int, lineW float64) {
	type choice struct {
		cut, next int
		w         float64
	}
	none := choice{cut: -1}
	keep, hang, squeeze, least := none, none, none, none // in order of preference

	var g gap
	w := 0.0        // width of p[a:i]
	contentW := 0.0 // width of p[a:contentEnd]
	contentEnd := a
	lastW := 0.0 // width of the last non-space rune and its combining marks
	i := a
	for i < e {
		r, size, c, rw := b.read(p, i)
		if c == clsSP {
			w += rw
			g.spaced = true
			i += size
			continue
		}
		if g.started {
			here := choice{contentEnd, i, contentW}
			switch g.at(c, r) {
			case breakHere, cutKeepsRules:
				if fits(contentW, limit) {
					keep = here
				}
				if isClosing(g.prevCls) && fits(contentW-lastW, limit) {
					hang = here
				}
				fallthrough
			case cutBreaksRules:
				if fits(contentW, limit) {
					squeeze = here
				}
				if least.cut < 0 {
					least = here
				}
			}
			// With widths that are not negative, nothing further can fit,
			// even hanging, once what comes before the last rune (with its
			// marks, r among them if it is one) is too wide.
			before := w
			if c == clsCM {
				before = contentW - lastW
			}
			if !fits(before, limit) && least.cut >= 0 {
				break
			}
		}
		if c == clsCM {
			lastW += rw
		} else {
			lastW = rw
		}
		g.push(c, r)
		w += rw
		contentW, contentEnd = w, i+size
		i += size
	}
	if i >= e {
		// The whole piece, if it fits or fits but for one hanging closing
		// mark, beats cutting a word.
		if fits(contentW, limit) || isClosing(g.prevCls) && fits(contentW-lastW, limit) {
			return e, e, contentW
		}
	}
	for _, c := range [...]choice{keep, hang, squeeze, least} {
		if c.cut >= 0 {
			return c.cut, c.next, c.w
		}
	}
	return e, e, contentW
}
