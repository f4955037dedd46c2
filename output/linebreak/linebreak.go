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
	ahead       ahead

	asciiW     [utf8.RuneSelf]float64 // the widths of ASCII runes
	asciiKnown [2]uint64              // which of asciiW are known, one bit each
}

// ahead is the rune a segment stopped at, which is where the next one
// starts: kept, it is read once, not twice (between ideographs, every
// rune starts a segment).
type ahead struct {
	at   int // its offset in the paragraph, or -1
	r    rune
	size int
	c    class
	w    float64
}

// read decodes the rune at p[i:] and gives its size, class and width;
// invalid UTF-8 decodes as one utf8.RuneError per byte, and the byte itself
// is kept in the output. It runs for every rune, so the common ones take
// no call but to width, and ASCII not even that: ASCII, three-byte runes
// (the BMP from U+0800, where CJK text lives) and the rune kept ahead.
func (b *breaker) read(p string, i int) (r rune, size int, c class, w float64) {
	x := p[i]
	if x < utf8.RuneSelf {
		if bit := uint64(1) << (x & 63); b.asciiKnown[x>>6]&bit == 0 {
			b.asciiW[x] = b.width(rune(x))
			b.asciiKnown[x>>6] |= bit
		}
		return rune(x), 1, ascii[x], b.asciiW[x]
	}
	if a := &b.ahead; a.at == i {
		return a.r, a.size, a.c, a.w
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

// paragraph breaks one hard line (p holds no newline).
func (b *breaker) paragraph(p string) {
	b.ahead.at = -1
	gapEnd, gapW := b.spaces(p, 0)
	if gapEnd == len(p) {
		b.out = append(b.out, "")
		return
	}
	gapStart := 0
	lineStart, lineEnd, lineW := -1, -1, 0.0
	for gapEnd < len(p) {
		segEnd, next, nextW, segW := b.segment(p, gapEnd)
		switch {
		case lineStart >= 0 && fits(lineW+gapW+segW, b.limit()):
			lineEnd, lineW = segEnd, lineW+gapW+segW
		case lineStart < 0 && gapStart == 0 && gapEnd > 0 && fits(gapW+segW, b.limit()):
			// Whitespace at the start of a hard line is kept when it fits.
			lineStart, lineEnd, lineW = 0, segEnd, gapW+segW
		default:
			if lineStart >= 0 {
				b.out = append(b.out, p[lineStart:lineEnd])
			}
			lineStart, lineEnd, lineW = b.place(p, gapEnd, segEnd, segW)
		}
		gapStart, gapEnd, gapW = segEnd, next, nextW
	}
	b.out = append(b.out, p[lineStart:lineEnd])
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

// segment scans the piece of p that starts at i (a non-space rune) and runs
// to the next break opportunity. It returns where the piece's content ends,
// where the next piece starts (after the whitespace between them), the width
// of that whitespace and the width of the piece.
func (b *breaker) segment(p string, i int) (end, next int, gapW, segW float64) {
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
			a := &b.ahead // set field by field: a struct copy stalls here
			a.at, a.r, a.size, a.c, a.w = i, r, size, c, rw
			return end, i, spW, segW
		}
		g.push(c, r)
		segW += spW + rw
		spW = 0
		i += size
		end = i
	}
	return end, len(p), spW, segW
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
