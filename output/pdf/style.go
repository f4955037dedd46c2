package pdf

import (
	"fmt"
	"strings"
)

// Style names a page layout.
type Style string

// The page layouts.
const (
	// Auto chooses by the document's language: English for documents
	// in English, Official for the others. It is the default.
	Auto Style = "auto"
	// Official is the GB/T 9704-2012 layout of Chinese official documents:
	// 16 pt body, 28 characters by 22 lines, 37 mm top and 28 mm binding
	// margin, page numbers — 1 — on the outer side, no running header.
	Official Style = "official"
	// Compact sets 12 pt lines with narrow margins, for reading on screen
	// or printing long texts on fewer pages, the title in a running
	// header from page 2.
	Compact Style = "compact"
	// English sets a treaty as English printers do: a serif body of
	// 11.5 pt, justified between words only, the title centred in bold,
	// articles as centred headings, page numbers centred at the foot.
	English Style = "english"
)

// Styles lists every style, the default first. The slice is a copy.
func Styles() []Style { return []Style{Auto, Official, Compact, English} }

// Paper names a paper size.
type Paper string

// The paper sizes.
const (
	A4     Paper = "a4"     // 210 × 297 mm, the default
	Letter Paper = "letter" // US Letter, 8.5 × 11 in
)

// Papers lists every paper size, the default first. The slice is a copy.
func Papers() []Paper { return []Paper{A4, Letter} }

// mmPerPt converts points to millimetres, the unit pages are laid out in.
const mmPerPt = 25.4 / 72

// geometry is a style in figures. Lengths are in millimetres, font sizes in
// points.
type geometry struct {
	pageW, pageH float64
	left, top    float64 // the text block's top-left corner
	measure      float64 // the text block's width
	blockH       float64 // the text block's height
	lines        int     // lines per page at body size
	body         float64 // body text
	title        float64 // the document's title
	lead         float64 // the news lead, set apart from the declaration
	small        float64 // the archive line, notes, the running header
	folio        float64 // page numbers
	folioGap     float64 // from the foot of the text block to the page number's baseline
	header       bool    // the title in a running header from page 2
	latin        bool    // the English page: Latin faces, centred Arabic page numbers
	indent       float64 // a paragraph's first-line indent, in ems
}

// resolve is the style a document is set in: Auto (or empty) chosen by
// its language.
func (s Style) resolve(lang string) Style {
	if s == Auto || s == "" {
		if strings.HasPrefix(lang, "en") {
			return English
		}
		return Official
	}
	return s
}

func (s Style) geometry() (geometry, error) { return s.on(A4) }

// on is the style's geometry on paper p.
func (s Style) on(p Paper) (geometry, error) {
	var g geometry
	switch s {
	case Official, Auto, "":
		// GB/T 9704: 三号 body, 二号 title, 四号 page numbers 7 mm below
		// the 156 × 225 mm text block. 28 characters of 16 pt make the
		// line 158 mm: the standard's 156 mm assumes a slightly condensed
		// face; we keep the full size and the character count.
		g = geometry{pageW: 210, pageH: 297, left: 28, top: 37, measure: 28 * 16 * mmPerPt, blockH: 225, lines: 22,
			body: 16, title: 22, lead: 14, small: 10.5, folio: 14, folioGap: 7 + 14*mmPerPt, indent: 2}
	case Compact:
		g = geometry{pageW: 210, pageH: 297, left: 22, top: 22, measure: 39 * 12 * mmPerPt, blockH: 253, lines: 38,
			body: 12, title: 18, lead: 11, small: 9, folio: 10.5, folioGap: 8, header: true, indent: 2}
	case English:
		// 25 mm margins, 11.5 pt on 15.5 pt lines, a 15 pt title.
		g = geometry{pageW: 210, pageH: 297, left: 25, top: 25, measure: 160, blockH: 45 * 15.5 * mmPerPt, lines: 45,
			body: 11.5, title: 15, lead: 11.5, small: 9.5, folio: 10, folioGap: 12, latin: true, indent: 1.5}
	default:
		return geometry{}, fmt.Errorf("unknown PDF style %q (want one of %v)", string(s), Styles())
	}
	switch p {
	case A4, "":
	case Letter:
		// The same text block, centred on the narrower, shorter page:
		// as many lines as fit above the same bottom margin.
		w, h := 215.9, 279.4
		g.left += (w - g.pageW) / 2
		pitch := g.pitch()
		g.lines = int((h - g.top - (g.pageH - g.top - g.blockH)) / pitch)
		g.blockH = float64(g.lines) * pitch
		g.pageW, g.pageH = w, h
	default:
		return geometry{}, fmt.Errorf("unknown paper %q (want one of %v)", string(p), Papers())
	}
	return g, nil
}

// width is the width of the text block.
func (g geometry) width() float64 { return g.measure }

// pitch is the distance between the baselines of body lines.
func (g geometry) pitch() float64 { return g.blockH / float64(g.lines) }

// leading is the line pitch for text of size pt: the body pitch scaled,
// never tighter than the body's.
// On the English page smaller text (notes) is set on closer lines.
func (g geometry) leading(pt float64) float64 {
	if g.latin {
		return g.pitch() * pt / g.body
	}
	return g.pitch() * max(1, pt/g.body)
}

// em is the width of one CJK character of size pt.
func em(pt float64) float64 { return pt * mmPerPt }
