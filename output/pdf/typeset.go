package pdf

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/declconv/declconv/output/linebreak"
)

// ptPerMM converts millimetres to PDF units, for raw operators.
const ptPerMM = 72 / 25.4

// setter places paragraphs on pages. It breaks pages itself (the library's
// automatic page break is off), so that it knows where every line, outline
// entry and page furniture goes.
type setter struct {
	pdf    *fpdf.Fpdf
	g      geometry
	fs     *fontSet
	family [numFaces]string // the faces' names in the library
	header string           // the running header, from page 2
	page   int
	y      float64 // top of the next line's slot
	fresh  bool    // nothing set on this page yet
	level  int     // depth of the last outline entry, to keep the outline a tree
	hasOut bool
	// The font and size last selected: the library writes a Tf operator
	// for every SetFont call, even one that changes nothing.
	curFamily string
	curSize   float64
}

// font selects family at size pt unless it is selected already.
func (s *setter) font(family string, pt float64) {
	if family == s.curFamily && pt == s.curSize {
		return
	}
	s.pdf.SetFont(family, "", pt)
	s.curFamily, s.curSize = family, pt
}

// bottom is the foot of the text block.
func (s *setter) bottom() float64 { return s.g.top + s.g.blockH }

// room starts a new page unless need millimetres are left on this one.
func (s *setter) room(need float64) {
	if s.page == 0 || s.y+need > s.bottom()+0.01 {
		s.newPage()
	}
}

func (s *setter) newPage() {
	s.pdf.AddPage()
	s.page++
	s.y, s.fresh = s.g.top, true
	s.furniture()
}

// set places one paragraph.
func (s *setter) set(p *para) {
	g := s.g
	e := em(p.size)
	lead := g.leading(p.size)
	if p.newPage && !s.fresh {
		s.newPage()
	}
	if p.spaceBefore > 0 && !s.fresh {
		s.y += p.spaceBefore * g.pitch()
	}
	text, marks := p.text(), p.marks()
	width := func(r rune) float64 { return s.fs.advance(r, p.face, regular, p.size) }
	if marks != nil {
		// Lines are broken by rune, not by place; a rune that is
		// styled somewhere is measured at its widest in those styles.
		widest := map[rune]float64{}
		for _, m := range marks {
			for _, r := range text[m.start:m.end] {
				widest[r] = max(widest[r], s.fs.advance(r, p.face, regular, p.size), s.fs.advance(r, p.face, m.style, p.size))
			}
		}
		width = func(r rune) float64 {
			if w, ok := widest[r]; ok {
				return w
			}
			return s.fs.advance(r, p.face, regular, p.size)
		}
	}
	if p.separator {
		s.room(lead / 2)
		s.fresh = false
		y := s.y + lead/4
		s.pdf.SetLineWidth(0.3)
		s.pdf.SetDrawColor(0, 0, 0)
		s.pdf.Line(g.left, y, g.left+g.width()/3, y)
		s.y += lead / 2
		return
	}

	firstX, restX := p.first*e, p.rest*e
	if p.label != "" {
		// Labels are measured by character class in build; make room
		// should the glyphs be wider.
		w := s.width(p.label, nil, p.face, p.size)
		firstX = max(firstX, p.hang*e+w)
		if p.rest > p.hang { // the text hangs after the label
			restX = max(restX, p.hang*e+w)
		}
	}
	measure := g.width() - p.inset*e
	lines := linebreak.Lines(text, measure-firstX, measure-restX, width)
	if len(lines) == 0 {
		lines = []string{""} // an empty paragraph still takes its line
	}
	if p.align == center && len(lines) > 1 {
		// A centred title of several lines is balanced (GB/T 9704 wants
		// a trapezoid or diamond, not a full line and a stub): the same
		// number of lines, each as long as the text shared between them.
		// Words break less evenly than characters: widen the target
		// until the text fits in as many lines.
		for target := s.width(text, marks, p.face, p.size)/float64(len(lines)) + e; target < measure; target += e {
			if even := linebreak.Lines(text, target, target, width); len(even) == len(lines) {
				lines = even
				break
			}
		}
		if len(lines) == 2 {
			// and, in two lines, broken where the sense allows.
			if two := titleLines(text, measure, e, width); two != nil {
				lines = two
			}
		}
	}
	at := 0 // where the line starts in text: each line is a substring of it
	for i, line := range lines {
		at += strings.Index(text[at:], line)
		lm := within(marks, at, at+len(line))
		at += len(line)
		need := lead
		if p.keep && i == len(lines)-1 {
			need += 2 * g.pitch() // a heading keeps two lines of its text with it
		}
		s.room(need)
		s.fresh = false
		if i == 0 && p.outline != "" {
			s.bookmark(p.outline, p.level)
		}
		// The glyphs' em box (0.88 above, 0.12 below the baseline in CJK
		// fonts) centred in the slot.
		baseline := s.y + lead/2 + 0.38*e
		if i == 0 && p.label != "" {
			s.draw(p.label, nil, g.left+p.hang*e, baseline, p.size, p.face, 0, p.grey)
		}
		x := firstX
		if i > 0 {
			x = restX
		}
		avail := measure - x
		w := s.width(line, lm, p.face, p.size)
		tc := 0.0
		switch p.align {
		case justify:
			switch {
			case i == len(lines)-1:
				// The last line of a paragraph is left as it is.
			case isLatin(line):
				// Latin text is justified between words, not letters;
				// in a typewriter face, whose every word space is as
				// wide as a letter, it is set ragged, as typewriters did.
				if !s.fs.monospaced(p.face) && s.drawSpaced(line, lm, g.left+x, baseline, p, avail-w) {
					s.y += lead
					continue
				}
			default:
				tc = spread(line, avail-w, e)
			}
		case center:
			x += (avail - w) / 2
		case right:
			x += avail - w
		}
		s.draw(line, lm, g.left+x, baseline, p.size, p.face, tc, p.grey)
		s.y += lead
	}
	if p.rule {
		s.pdf.SetLineWidth(0.3)
		s.pdf.SetDrawColor(0, 0, 0)
		s.pdf.Line(g.left, s.y+g.pitch()/4, g.left+g.width(), s.y+g.pitch()/4)
	}
	s.y += p.spaceAfter * g.pitch()
}

// spread is the character spacing that makes a line slack wider (mm)
// fill its measure: the slack shared by the gaps between characters. A
// line that overflows (a hanging closing mark) or would need gaps wider
// than half an em is left as it is.
func spread(line string, slack, em float64) float64 {
	gaps := utf8.RuneCountInString(line) - 1
	if slack <= 0 || gaps <= 0 || slack/float64(gaps) > em/2 {
		return 0
	}
	return slack / float64(gaps)
}

// maxStretch is how much wider than its natural width, in ems, a word
// space may grow to justify a line: beyond it the gaps open into rivers,
// and the line is better left ragged.
const maxStretch = 0.4

// drawSpaced draws a line with slack millimetres shared between its
// spaces, and reports whether it did: a line whose spaces would have to
// grow by more than maxStretch is better left ragged. The PDF's word spacing
// (Tw) does not apply to the two-byte codes of a CID font, so each word is
// placed on its own.
func (s *setter) drawSpaced(line string, marks []mark, x, y float64, p *para, slack float64) bool {
	words := strings.Count(line, " ")
	if words < 1 || slack <= 0 {
		return false
	}
	extra := slack / float64(words)
	if extra > maxStretch*em(p.size) {
		return false
	}
	at := 0
	for word := range strings.SplitSeq(line, " ") {
		wm := within(marks, at, at+len(word))
		s.draw(word, wm, x, y, p.size, p.face, 0, p.grey)
		x += s.width(word, wm, p.face, p.size) + s.fs.advance(' ', p.face, styleAt(marks, at+len(word)), p.size) + extra
		at += len(word) + 1
	}
	return true
}

// isLatin reports whether a line is words of Latin (or other alphabetic)
// script separated by spaces, rather than CJK text with a space or two.
func isLatin(line string) bool {
	if !strings.Contains(line, " ") {
		return false
	}
	wide, narrow := 0, 0
	for _, r := range line {
		switch {
		case unicode.IsSpace(r):
		case linebreak.Columns(r) == 2:
			wide++
		default:
			narrow++
		}
	}
	return narrow > wide
}

// titleLines breaks a centred CJK title in two where the sense allows
// (GB/T 9704: 回行时要做到词意完整, 排列对称): at a space, before or
// after 关于, else after a particle, a conjunction or a pause, the lines
// as even as can be. It returns nil for a title it cannot break so (Latin words, a
// part too long for the measure).
func titleLines(text string, measure, em float64, width func(rune) float64) []string {
	if strings.ContainsAny(text, " \n") {
		return nil
	}
	total := 0.0
	for _, r := range text {
		total += width(r)
	}
	var best []string
	bestScore := 0.0
	w1 := 0.0
	for k, r := range text {
		if k > 0 {
			head, tail := text[:k], text[k:]
			if w2 := total - w1; w1 <= measure && w2 <= measure {
				// The break must be one the line breaker allows there.
				if lines := linebreak.Lines(text, w1+0.01, measure, width); len(lines) == 2 && lines[0] == head {
					score := math.Abs(w1-w2)/em + breakPenalty(head, tail)
					if best == nil || score < bestScore {
						best, bestScore = lines, score
					}
				}
			}
		}
		w1 += width(r)
	}
	return best
}

// breakPenalty is the cost, in ems of imbalance, of breaking a title
// between head and tail.
func breakPenalty(head, tail string) float64 {
	for _, w := range []string{"关于", "關於", "对于", "對於"} {
		if strings.HasSuffix(head, w) || strings.HasPrefix(tail, w) {
			return 0
		}
	}
	last, _ := utf8.DecodeLastRuneInString(head)
	next, _ := utf8.DecodeRuneInString(tail)
	switch {
	case unicode.IsSpace(next):
		return 0 // the source's own break: 通过　二〇〇三年…
	case strings.ContainsRune("的、，；：与與及", last):
		return 1
	case last == '和' && next != '国' && next != '國': // not 共和|国
		return 1
	}
	return 6
}

// width is the natural width of text, styled by marks, set in face want
// at size pt.
func (s *setter) width(text string, marks []mark, want faceID, pt float64) float64 {
	w := 0.0
	for i, r := range text {
		w += s.fs.advance(r, want, styleAt(marks, i), pt)
	}
	return w
}

// draw places text, styled by marks, with its baseline at y, starting at
// x, tc millimetres of extra space after each character. Each run of
// characters one face draws in one style is one text object, all on one
// baseline (a footnote's number raised); whitespace no face has is
// skipped over.
func (s *setter) draw(text string, marks []mark, x, y, pt float64, want faceID, tc float64, grey bool) {
	if text == "" {
		return
	}
	if grey {
		s.pdf.SetTextColor(90, 90, 90)
		defer s.pdf.SetTextColor(0, 0, 0)
	}
	if spacing := strconv.FormatFloat(tc*ptPerMM, 'f', 4, 64); spacing != "0.0000" && spacing != "-0.0000" {
		s.pdf.RawWriteStr(spacing + " Tc")
		defer s.pdf.RawWriteStr("0 Tc")
	}
	runStart, runX := 0, x
	runFace, runStyle := faceID(-1), regular
	flush := func(end int) {
		if end > runStart && runFace >= 0 {
			size, base := pt, y
			if runStyle == noteNum {
				size, base = pt*noteScale, y-0.35*em(pt)
			}
			s.font(s.family[runFace], size)
			s.pdf.Text(runX, base, text[runStart:end])
		}
	}
	for i, r := range text {
		if r == '—' && i >= runStart && strings.HasPrefix(text[i:], "——") {
			if id, _ := s.fs.pick(r, want, regular); id != latinFace {
				// A CJK dash run is one unbroken rule, not glyphs
				// with gaps between them.
				flush(i)
				n := 0
				for strings.HasPrefix(text[i+n*len("—"):], "—") {
					n++
				}
				w := s.rule(text[i:i+n*len("—")], x, y, pt, id, tc)
				x += w
				runStart, runFace = i+n*len("—"), -1
				continue
			}
		}
		if i < runStart {
			continue // inside a rule drawn already
		}
		st := styleAt(marks, i)
		id, ok := s.fs.pick(r, want, st)
		if !ok && !unicode.IsSpace(r) {
			id = mainFace // cannot happen: check refused the document
		}
		if !ok || id != runFace || st != runStyle {
			flush(i)
			runStart, runX, runFace, runStyle = i, x, id, st
			if !ok {
				runFace = -1
			}
		}
		x += s.fs.advance(r, want, st, pt) + tc
	}
	flush(len(text))
}

// rule draws a run of dashes (——) in face id as one rule where their
// glyphs are, the glyphs themselves invisible (PDF text rendering mode 3)
// so that the text still reads back as dashes. It returns the run's
// advance.
func (s *setter) rule(dashes string, x, y, pt float64, id faceID, tc float64) float64 {
	f := s.fs.faces[id]
	adv := 0.0
	for _, r := range dashes {
		adv += f.Advance(r)*em(pt) + tc
	}
	s.font(s.family[id], pt)
	s.pdf.RawWriteStr("3 Tr")
	s.pdf.Text(x, y, dashes)
	s.pdf.RawWriteStr("0 Tr")
	x0, y0, x1, y1, ok := f.Bounds('—')
	if !ok || y1 <= y0 {
		x0, y0, x1, y1 = 0, 0.3, 1, 0.35
	}
	last := adv - tc - f.Advance('—')*em(pt) // where the last glyph starts
	s.pdf.SetFillColor(0, 0, 0)
	s.pdf.Rect(x+x0*em(pt), y-y1*em(pt), last+x1*em(pt)-x0*em(pt), (y1-y0)*em(pt), "F")
	return adv
}

// bookmark adds an outline entry at the current line. Levels never skip
// one, since the outline is a tree.
func (s *setter) bookmark(title string, level int) {
	if !s.hasOut {
		level = 0
	}
	level = min(level, s.level+1)
	s.level, s.hasOut = level, true
	s.font(s.family[mainFace], s.g.body) // the library encodes titles by the current font
	s.pdf.Bookmark(title, level, s.y)
}
