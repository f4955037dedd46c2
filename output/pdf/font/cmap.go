package font

import (
	"encoding/binary"
	"errors"
)

// parseCmap reads the format 4 Unicode subtable (platform 3 encoding 1, or
// platform 0): the one the PDF library itself uses, so that what we check
// and measure is exactly what it will draw. The result is a flat table of
// glyph IDs by character, 0 for none: faster to build and to look up than
// a map, for tens of thousands of characters.
func parseCmap(cmap []byte) ([]uint16, error) {
	if len(cmap) < 4 {
		return nil, errors.New("truncated cmap table")
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform := binary.BigEndian.Uint16(cmap[rec:])
		encoding := binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if !(platform == 3 && encoding == 1) && platform != 0 {
			continue
		}
		if off+4 > len(cmap) || binary.BigEndian.Uint16(cmap[off:]) != 4 {
			continue
		}
		return parseFormat4(cmap[off:])
	}
	return nil, errors.New("no Unicode (format 4) character map: not a font for Chinese text")
}

func parseFormat4(t []byte) ([]uint16, error) {
	if len(t) < 14 {
		return nil, errors.New("truncated cmap format 4 subtable")
	}
	segs := int(binary.BigEndian.Uint16(t[6:])) / 2
	ends, starts := 14, 16+2*segs
	deltas, ranges := starts+2*segs, starts+4*segs
	if ranges+2*segs > len(t) {
		return nil, errors.New("truncated cmap format 4 subtable")
	}
	m := make([]uint16, 0x10000)
	prevEnd := -1
	for s := range segs {
		end := int(binary.BigEndian.Uint16(t[ends+2*s:]))
		start := int(binary.BigEndian.Uint16(t[starts+2*s:]))
		// Segments are sorted and do not overlap; one that does is
		// skipped, which bounds the work by the 65,536 characters
		// rather than segments × 65,536 for a malformed font.
		if start <= prevEnd || end < start {
			continue
		}
		prevEnd = end
		delta := binary.BigEndian.Uint16(t[deltas+2*s:])
		ro := int(binary.BigEndian.Uint16(t[ranges+2*s:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			var g uint16
			if ro == 0 {
				g = uint16(c) + delta
			} else {
				at := ranges + 2*s + ro + 2*(c-start)
				if at+2 > len(t) {
					continue
				}
				if g = binary.BigEndian.Uint16(t[at:]); g != 0 {
					g += delta
				}
			}
			if g != 0 {
				m[c] = g
			}
		}
	}
	return m, nil
}
