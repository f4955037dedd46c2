package font

import (
	"encoding/binary"
	mbits "math/bits"
	"slices"
)

// Composite glyph flags (OpenType glyf table).
const (
	argWords  = 0x0001
	hasScale  = 0x0008
	moreComps = 0x0020
	hasXYScal = 0x0040
	has2x2    = 0x0080
	hasInstr  = 0x0100 // WE_HAVE_INSTRUCTIONS: hinting follows the last component
)

// Subset returns a standalone TrueType font that draws exactly runes (the
// ones the face has) with the face's metrics: their glyphs (and the
// components of composite glyphs), renumbered from 1, .notdef kept as 0.
// The PDF library parses whatever font it is given for every document, so
// handing it a few hundred glyphs instead of a whole CJK face makes it
// cheap; it then subsets the result again for embedding, copying the
// glyphs and the hinting tables as they are. (The PDF writer hands the
// library the subset's [Parts] instead, which spares it the parse.)
//
// The subset carries no hinting: no fpgm, prep, cvt or gasp table and no
// glyph instructions. Hinting only snaps outlines to the pixel grid of a
// screen at small sizes, which PDF viewers mostly leave undone or do
// automatically; the instructions of a hinted face (WenQuanYi Micro Hei)
// are nearly a third of its subset, in every PDF.
func (f *Face) Subset(runes []rune) []byte {
	p, ok := f.SubsetParts(runes)
	if !ok {
		// A format 4 subtable this long would overflow its length field:
		// give the library the whole face (slower, same output).
		return assemble(f.tables)
	}
	// post version 3: no glyph names, which would refer to the old IDs.
	post := append([]byte(nil), f.tables["post"][:min(32, len(f.tables["post"]))]...)
	post = append(post, make([]byte, 32-len(post))...)
	binary.BigEndian.PutUint32(post[0:], 0x00030000)
	pairs := make([]cmapPair, len(p.Runes))
	for i, r := range p.Runes {
		pairs[i] = cmapPair{uint16(r), p.GIDs[i]}
	}
	tables := map[string][]byte{
		"post": post,
		"cmap": format4(pairs),
		"name": trimName(f.tables["name"]),
	}
	// OS/2 gives the library the descriptor's cap height, weight and
	// licence flags. Everything else (hinting, layout, bitmaps, vertical
	// metrics) a PDF reader does not use for a CID font.
	if t, ok := f.tables["OS/2"]; ok {
		tables["OS/2"] = t
	}
	for tag, t := range p.Tables {
		tables[tag] = t
	}
	return assemble(tables)
}

// Parts is a subset (see [Face.Subset]) before it is assembled into a
// file: the tables that hold its glyphs, and the pieces of them a reader
// would otherwise parse the file again for.
type Parts struct {
	// Tables are the subset's head, hhea, maxp, loca, glyf and hmtx,
	// by tag. (Subset adds cmap, name, post and OS/2.)
	Tables map[string][]byte
	// Glyphs is each glyph's data by glyph ID, a slice of the glyf table
	// padded to four bytes.
	Glyphs [][]byte
	// Runes are the characters the subset maps, ascending, and GIDs
	// their glyphs, as its cmap has them.
	Runes []rune
	GIDs  []uint16
}

// SubsetParts is Subset before assembly. ok is false when the subset's
// character map would not fit a format 4 subtable (thousands of
// characters in scattered runs), where Subset gives the whole face.
func (f *Face) SubsetParts(runes []rune) (p *Parts, ok bool) {
	// The glyphs kept, as a bit set by glyph ID: .notdef stays, as every
	// font needs it. Read in order, it lists them sorted.
	keep := make([]uint64, (len(f.advances)+63)/64)
	keep[0] = 1
	for _, r := range runes {
		if f.Has(r) {
			f.keepGlyph(f.cmap[r], keep, 0)
		}
	}
	var old []uint16
	for w, bits := range keep {
		for bits != 0 {
			old = append(old, uint16(64*w+mbits.TrailingZeros64(bits)))
			bits &= bits - 1
		}
	}
	// A glyph's ID in the subset is its place in old (0 when not kept,
	// for a component beyond the depth keepGlyph follows).
	newID := func(g uint16) uint16 {
		i, found := slices.BinarySearch(old, g)
		if !found {
			return 0
		}
		return uint16(i)
	}

	pairs := make([]cmapPair, 0, len(runes))
	for _, r := range runes {
		if f.Has(r) {
			pairs = append(pairs, cmapPair{uint16(r), newID(f.cmap[r])})
		}
	}
	if !slices.IsSortedFunc(pairs, func(a, b cmapPair) int { return int(a.r) - int(b.r) }) {
		slices.SortFunc(pairs, func(a, b cmapPair) int { return int(a.r) - int(b.r) })
	}
	pairs = slices.CompactFunc(pairs, func(a, b cmapPair) bool { return a.r == b.r })
	if 16+8*(len(pairs)+1) > 0xFFFF {
		return nil, false
	}

	be := binary.BigEndian
	glyf, hmtx := f.tables["glyf"], f.tables["hmtx"]
	numMetrics := int(be.Uint16(f.tables["hhea"][34:]))
	n := len(old)
	loca := make([]byte, 4*(n+1))
	outHmtx := make([]byte, 4*n)
	size := 0
	for _, g := range old {
		size += int(f.loca[g+1]-f.loca[g]) + 3
	}
	outGlyf := make([]byte, 0, size)
	at := make([]int, n+1)
	for i, g := range old {
		at[i] = len(outGlyf)
		be.PutUint32(loca[4*i:], uint32(len(outGlyf)))
		outGlyf = appendUnhinted(outGlyf, glyf[f.loca[g]:f.loca[g+1]])
		renumber(outGlyf[at[i]:], newID)
		for len(outGlyf)%4 != 0 {
			outGlyf = append(outGlyf, 0)
		}
		// Every glyph gets a long metric: advance and left side bearing.
		be.PutUint16(outHmtx[4*i:], f.advances[g])
		if int(g) < numMetrics {
			copy(outHmtx[4*i+2:4*i+4], hmtx[4*int(g)+2:])
		} else {
			copy(outHmtx[4*i+2:4*i+4], hmtx[4*numMetrics+2*(int(g)-numMetrics):])
		}
	}
	be.PutUint32(loca[4*n:], uint32(len(outGlyf)))
	at[n] = len(outGlyf)
	glyphs := make([][]byte, n)
	for i := range glyphs {
		glyphs[i] = outGlyf[at[i]:at[i+1]:at[i+1]]
	}

	head := append([]byte(nil), f.tables["head"]...)
	be.PutUint16(head[50:], 1) // long loca offsets
	hhea := append([]byte(nil), f.tables["hhea"]...)
	be.PutUint16(hhea[34:], uint16(n))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	be.PutUint16(maxp[4:], uint16(n))
	if len(maxp) >= 32 && be.Uint32(maxp) == 0x00010000 {
		// Version 1.0 sizes the hinting machinery: none is left.
		be.PutUint16(maxp[14:], 1) // maxZones: no twilight zone
		for at := 16; at <= 26; at += 2 {
			// maxTwilightPoints, maxStorage, maxFunctionDefs,
			// maxInstructionDefs, maxStackElements, maxSizeOfInstructions
			be.PutUint16(maxp[at:], 0)
		}
	}
	tables := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp,
		"loca": loca, "glyf": outGlyf, "hmtx": outHmtx,
	}
	p = &Parts{Tables: tables, Glyphs: glyphs, Runes: make([]rune, len(pairs)), GIDs: make([]uint16, len(pairs))}
	for i, pair := range pairs {
		p.Runes[i], p.GIDs[i] = rune(pair.r), pair.g
	}
	return p, true
}

// appendUnhinted appends one glyph's data to dst without its
// instructions: a simple glyph's instructionLength set to 0 and the bytes
// gone; a composite glyph's WE_HAVE_INSTRUCTIONS flags cleared and the
// instructions after its last component cut. Data it cannot make sense of
// is appended as it is.
func appendUnhinted(dst, data []byte) []byte {
	be := binary.BigEndian
	if len(data) < 10 {
		return append(dst, data...)
	}
	if n := int(int16(be.Uint16(data))); n >= 0 {
		at := 10 + 2*n // instructionLength
		if at+2 > len(data) || at+2+int(be.Uint16(data[at:])) > len(data) {
			return append(dst, data...)
		}
		dst = append(dst, data[:at]...)
		dst = append(dst, 0, 0)
		return append(dst, data[at+2+int(be.Uint16(data[at:])):]...)
	}
	start := len(dst)
	dst = append(dst, data...)
	out := dst[start:]
	for at := 10; at+4 <= len(out); {
		flags := be.Uint16(out[at:])
		be.PutUint16(out[at:], flags&^hasInstr)
		at += componentSize(flags)
		if flags&moreComps == 0 {
			if at <= len(out) {
				dst = dst[:start+at] // the instructions, and any padding
			}
			break
		}
	}
	return dst
}

// renumber rewrites the component glyph IDs of a composite glyph (data is
// a copy) to their IDs in the subset.
func renumber(data []byte, newID func(uint16) uint16) {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return
	}
	for at := 10; at+4 <= len(data); {
		flags := binary.BigEndian.Uint16(data[at:])
		binary.BigEndian.PutUint16(data[at+2:], newID(binary.BigEndian.Uint16(data[at+2:])))
		at += componentSize(flags)
		if flags&moreComps == 0 {
			break
		}
	}
}

// componentSize is the length of a composite glyph's component record.
func componentSize(flags uint16) int {
	n := 4 + 2
	if flags&argWords != 0 {
		n = 4 + 4
	}
	switch {
	case flags&hasScale != 0:
		n += 2
	case flags&hasXYScal != 0:
		n += 4
	case flags&has2x2 != 0:
		n += 8
	}
	return n
}

// keepGlyph marks g and, for a composite glyph, its components. depth
// bounds the recursion against fonts whose composites refer to themselves.
func (f *Face) keepGlyph(g uint16, keep []uint64, depth int) {
	keep[g/64] |= 1 << (g % 64)
	if depth > 8 || int(g)+1 >= len(f.loca) {
		return
	}
	data := f.tables["glyf"][f.loca[g]:f.loca[g+1]]
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return // empty or simple glyph
	}
	for at := 10; at+4 <= len(data); {
		flags := binary.BigEndian.Uint16(data[at:])
		comp := binary.BigEndian.Uint16(data[at+2:])
		if int(comp) < len(f.advances) && keep[comp/64]&(1<<(comp%64)) == 0 {
			f.keepGlyph(comp, keep, depth+1)
		}
		at += componentSize(flags)
		if flags&moreComps == 0 {
			break
		}
	}
}

// cmapPair maps one character to its glyph.
type cmapPair struct{ r, g uint16 }

// format4 writes a cmap with one (3,1) format 4 subtable for pairs, sorted
// by character. Runs of consecutive characters with consecutive glyphs
// share a segment, mapped by idDelta alone.
func format4(pairs []cmapPair) []byte {
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, p := range pairs {
		if k := len(segs) - 1; k >= 0 && p.r == segs[k].end+1 && p.g-p.r == segs[k].delta {
			segs[k].end = p.r
			continue
		}
		segs = append(segs, seg{p.r, p.r, p.g - p.r})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1}) // the required final segment

	n := len(segs)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 2 << entrySelector
	sub := make([]byte, 16+8*n)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	be.PutUint16(sub[8:], uint16(searchRange))
	be.PutUint16(sub[10:], uint16(entrySelector))
	be.PutUint16(sub[12:], uint16(2*n-searchRange))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], s.end)
		be.PutUint16(sub[16+2*n+2*i:], s.start)
		be.PutUint16(sub[16+4*n+2*i:], s.delta)
		// idRangeOffset stays 0: glyph = character + delta.
	}
	out := make([]byte, 12, 12+len(sub))
	be.PutUint16(out[2:], 1) // one subtable
	be.PutUint16(out[4:], 3) // Windows
	be.PutUint16(out[6:], 1) // Unicode BMP
	be.PutUint32(out[8:], 12)
	return append(out, sub...)
}
