package xlsx

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Layout estimates. Excel measures column widths in widths of the default
// font's "0"; a CJK or full-width character takes about two of them. Row
// heights are in points; one line of the default 11 pt font needs 15,
// Excel's default row height.
const (
	widthPadding = 2    // added to the widest line of a column
	linePoints   = 15.0 // height of one wrapped line
	maxRowPoints = 409  // Excel's row height limit
)

// runeWidth is the display width of r: 2 for wide, full-width and
// East-Asian-ambiguous characters (— “ ” … are drawn wide in CJK text),
// 0 for control characters, else 1.
func runeWidth(r rune) int {
	if r < 0x20 || r == 0x7f {
		return 0
	}
	if r < 0x80 {
		return 1
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
		return 2
	}
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	return 1
}

// lineWidth is the display width of a line (no newlines in it), counting
// no further than limit.
func lineWidth(s string, limit int) int {
	w := 0
	for _, r := range s {
		w += runeWidth(r)
		if w >= limit {
			return limit
		}
	}
	return w
}

// cellWidth is the display width of the widest line of s, capped at limit.
func cellWidth(s string, limit int) int {
	w := 0
	for line := range strings.SplitSeq(s, "\n") {
		w = max(w, lineWidth(line, limit))
		if w >= limit {
			break
		}
	}
	return w
}

// wrappedLines estimates how many lines s takes when wrapped in a column
// of the given width, the way a spreadsheet wraps: a line breaks before a
// CJK character or after a space, and a word longer than the line is cut.
// A column's width in units holds about as many narrow characters (the
// cell's margins take the rest of its padding). It stops counting once
// the row is as high as a row can be.
func wrappedLines(s string, colWidth float64) int {
	per := max(int(colWidth), 2)
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		if float64(n)*linePoints >= maxRowPoints {
			break
		}
		lines, w, word := 1, 0, 0 // word: width of the unbroken run being read
		for _, r := range line {
			rw := runeWidth(r)
			switch {
			case rw == 2 || r == ' ':
				word = 0 // a break is allowed before a wide character and after a space
			default:
				word += rw
			}
			if w+rw > per {
				if float64(n+lines)*linePoints >= maxRowPoints {
					break
				}
				lines++
				if word > rw && word <= per {
					w = word - rw // the word moves to the next line whole
				} else {
					w = 0
				}
				if r == ' ' {
					continue // a space at a break is not drawn
				}
			}
			w += rw
		}
		n += lines
	}
	return n
}

// rowHeight is the height in points for a row whose most wrapped cell
// takes lines lines.
func rowHeight(lines int) float64 {
	return min(float64(max(lines, 1))*linePoints, maxRowPoints)
}
