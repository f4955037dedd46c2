package pdf

import "fmt"

// Style names a page layout.
type Style string

// The page layouts.
const (
	// Official is the GB/T 9704-2012 layout of Chinese official documents:
	// 16 pt body, 28 characters by 22 lines, 37 mm top and 28 mm binding
	// margin. It is the default.
	Official Style = "official"
	// Compact sets 12 pt lines with narrow margins, for reading on screen
	// or printing long texts on fewer pages.
	Compact Style = "compact"
)

// Styles lists every style, the default first.
var Styles = []Style{Official, Compact}

// mmPerPt converts points to millimetres, the unit pages are laid out in.
const mmPerPt = 25.4 / 72

// geometry is a style in figures. Lengths are in millimetres, font sizes in
// points.
type geometry struct {
	pageW, pageH float64
	left, top    float64 // the text block's top-left corner
	blockH       float64 // the text block's height
	chars, lines int     // characters per line and lines per page at body size
	body         float64 // body text
	title        float64 // the document's title
	lead         float64 // the news lead, set apart from the declaration
	small        float64 // the archive line, front matter, the running header
	folio        float64 // page numbers
	folioGap     float64 // from the foot of the text block to the page number's baseline
}

func (s Style) geometry() (geometry, error) {
	switch s {
	case Official, "":
		// GB/T 9704: 三号 body, 二号 title, 四号 page numbers 7 mm below
		// the 156 × 225 mm text block. 28 characters of 16 pt make the
		// line 158 mm: the standard's 156 mm assumes a slightly condensed
		// face; we keep the full size and the character count.
		return geometry{pageW: 210, pageH: 297, left: 28, top: 37, blockH: 225, chars: 28, lines: 22,
			body: 16, title: 22, lead: 14, small: 10.5, folio: 14, folioGap: 7 + 14*mmPerPt}, nil
	case Compact:
		return geometry{pageW: 210, pageH: 297, left: 22, top: 22, blockH: 253, chars: 39, lines: 38,
			body: 12, title: 18, lead: 11, small: 9, folio: 10.5, folioGap: 8}, nil
	}
	return geometry{}, fmt.Errorf("unknown PDF style %q (want one of %v)", string(s), Styles)
}

// width is the width of the text block.
func (g geometry) width() float64 { return float64(g.chars) * g.body * mmPerPt }

// pitch is the distance between the baselines of body lines.
func (g geometry) pitch() float64 { return g.blockH / float64(g.lines) }

// leading is the line pitch for text of size pt: the body pitch scaled,
// never tighter than the body's.
func (g geometry) leading(pt float64) float64 { return g.pitch() * max(1, pt/g.body) }

// em is the width of one CJK character of size pt.
func em(pt float64) float64 { return pt * mmPerPt }
