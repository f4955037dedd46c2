package pdf

import (
	"strconv"
	"unicode/utf8"
)

// folio is the page number as official documents print it.
func folio(n int) string { return "— " + strconv.Itoa(n) + " —" }

// folioChars is every character a page number may draw, for the glyph check.
const folioChars = "— 0123456789 —"

// furniture draws the page number and, from page 2, the running header.
func (s *setter) furniture() {
	g := s.g
	// GB/T 9704: 四号 numbers 7 mm below the text block, on the outer
	// side one character in: odd pages right, even pages left.
	num, face := folio(s.page), mainFace
	if g.latin {
		num, face = strconv.Itoa(s.page), latinFace
	}
	w := s.width(num, nil, face, g.folio)
	x := g.left + em(g.folio)
	switch {
	case g.latin:
		x = g.left + (g.width()-w)/2 // centred at the foot, as books set them
	case s.page%2 == 1:
		x = g.left + g.width() - em(g.folio) - w
	}
	s.draw(num, nil, x, s.bottom()+g.folioGap, g.folio, face, 0, false)

	if s.page > 1 && s.header != "" {
		w := s.width(s.header, nil, mainFace, g.small)
		y := g.top - 2*em(g.small)
		s.draw(s.header, nil, g.left+(g.width()-w)/2, y, g.small, mainFace, 0, true)
		s.pdf.SetLineWidth(0.2)
		s.pdf.SetDrawColor(120, 120, 120)
		s.pdf.Line(g.left, y+em(g.small)*0.6, g.left+g.width(), y+em(g.small)*0.6)
	}
}

// runningHeader shortens the title to fit one line of the header.
func runningHeader(title string, g geometry) string {
	most := int(g.width() / em(g.small))
	if utf8.RuneCountInString(title) <= most {
		return title
	}
	return string([]rune(title)[:most-1]) + "…"
}
