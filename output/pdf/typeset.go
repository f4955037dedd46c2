package pdf

import (
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
	if p.spaceBefore > 0 && !s.fresh {
		s.y += p.spaceBefore * g.pitch()
	}
	width := func(r rune) float64 { return s.fs.advance(r, p.face, p.size) }

	firstX, restX := p.first*e, p.rest*e
	if p.label != "" {
		// Labels are measured by character class in build; make room
		// should the glyphs be wider.
		w := s.width(p.label, p.face, p.size)
		firstX = max(firstX, p.hang*e+w)
		restX = max(restX, p.hang*e+w)
	}
	measure := g.width() - p.inset*e
	lines := linebreak.Lines(p.text(), measure-firstX, measure-restX, width)
	if len(lines) == 0 {
		lines = []string{""} // an empty paragraph still takes its line
	}
	if p.align == center && len(lines) > 1 {
		// A centred title of several lines is balanced (GB/T 9704 wants
		// a trapezoid or diamond, not a full line and a stub): the same
		// number of lines, each as long as the text shared between them.
		target := s.width(p.text(), p.face, p.size)/float64(len(lines)) + e
		if even := linebreak.Lines(p.text(), target, target, width); len(even) == len(lines) {
			lines = even
		}
	}
	for i, line := range lines {
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
			s.draw(p.label, g.left+p.hang*e, baseline, p.size, p.face, 0, p.grey)
		}
		x := firstX
		if i > 0 {
			x = restX
		}
		avail := measure - x
		w := s.width(line, p.face, p.size)
		tc := 0.0
		switch p.align {
		case justify:
			if i < len(lines)-1 && strings.Contains(line, " ") && avail > w {
				// Latin text is justified between words, not letters.
				s.drawSpaced(line, g.left+x, baseline, p, avail-w)
				s.y += lead
				continue
			}
			if i < len(lines)-1 {
				tc = spread(line, avail-w, e)
			}
		case center:
			x += (avail - w) / 2
		case right:
			x += avail - w
		}
		s.draw(line, g.left+x, baseline, p.size, p.face, tc, p.grey)
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

// drawSpaced draws a line with slack millimetres shared between its
// spaces. The PDF's word spacing (Tw) does not apply to the two-byte codes
// of a CID font, so each word is placed on its own.
func (s *setter) drawSpaced(line string, x, y float64, p *para, slack float64) {
	words := strings.Split(line, " ")
	extra := slack / float64(len(words)-1)
	if extra > 3*em(p.size) {
		extra = 0 // a line this loose is better left ragged
	}
	space := s.fs.advance(' ', p.face, p.size)
	for _, word := range words {
		s.draw(word, x, y, p.size, p.face, 0, p.grey)
		x += s.width(word, p.face, p.size) + space + extra
	}
}

// width is the natural width of s set in face want at size pt.
func (s *setter) width(text string, want faceID, pt float64) float64 {
	w := 0.0
	for _, r := range text {
		w += s.fs.advance(r, want, pt)
	}
	return w
}

// draw places text with its baseline at y, starting at x, tc millimetres
// of extra space after each character. Each run of characters one face
// draws is one text object; whitespace no face has is skipped over.
func (s *setter) draw(text string, x, y, pt float64, want faceID, tc float64, grey bool) {
	if text == "" {
		return
	}
	if grey {
		s.pdf.SetTextColor(90, 90, 90)
		defer s.pdf.SetTextColor(0, 0, 0)
	}
	if tc != 0 {
		s.pdf.RawWriteStr(strconv.FormatFloat(tc*ptPerMM, 'f', 4, 64) + " Tc")
		defer s.pdf.RawWriteStr("0 Tc")
	}
	runStart, runX := 0, x
	runFace := faceID(-1)
	flush := func(end int) {
		if end > runStart && runFace >= 0 {
			s.pdf.SetFont(s.family[runFace], "", pt)
			s.pdf.Text(runX, y, text[runStart:end])
		}
	}
	for i, r := range text {
		id, ok := s.fs.pick(r, want)
		if !ok && !unicode.IsSpace(r) {
			id = mainFace // cannot happen: check refused the document
		}
		if !ok || id != runFace {
			flush(i)
			runStart, runX, runFace = i, x, id
			if !ok {
				runFace = -1
			}
		}
		x += s.fs.advance(r, want, pt) + tc
	}
	flush(len(text))
}

// bookmark adds an outline entry at the current line. Levels never skip
// one, since the outline is a tree.
func (s *setter) bookmark(title string, level int) {
	if !s.hasOut {
		level = 0
	}
	level = min(level, s.level+1)
	s.level, s.hasOut = level, true
	s.pdf.SetFont(s.family[mainFace], "", s.g.body) // the library encodes titles by the current font
	s.pdf.Bookmark(title, level, s.y)
}
