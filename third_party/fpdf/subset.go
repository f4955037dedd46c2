// declconv patch: this file is not part of fpdf v0.12.0.

package fpdf

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strconv"
)

// UTF8Metrics is what a UTF-8 font's descriptor says of it, the same for
// every subset of one face: parse it once per face with ParseUTF8Metrics.
type UTF8Metrics struct {
	Desc   FontDescType
	Up, Ut int // underline position and thickness
}

// ParseUTF8Metrics reads the descriptor values of a TrueType font (any
// subset of the face will do) as AddUTF8FontFromBytes does.
func ParseUTF8Metrics(ttf []byte) (m UTF8Metrics, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("fpdf: unreadable TrueType font")
		}
	}()
	utf := newUTF8Font(&fileReader{array: ttf})
	if err := utf.parseFile(); err != nil {
		return m, err
	}
	return UTF8Metrics{
		Desc: FontDescType{
			Ascent:       utf.Ascent,
			Descent:      utf.Descent,
			CapHeight:    utf.CapHeight,
			Flags:        utf.Flags,
			FontBBox:     utf.Bbox,
			ItalicAngle:  utf.ItalicAngle,
			StemV:        utf.StemV,
			MissingWidth: round(utf.DefaultWidth),
		},
		Up: round(utf.UnderlinePosition),
		Ut: round(utf.UnderlineThickness),
	}, nil
}

// UTF8Subset is a TrueType font already cut down to a document's
// characters, given as the parts of its file that the library would
// otherwise parse it again for (a font's file, its glyphs and its
// character map). Every glyph has a long horizontal metric.
type UTF8Subset struct {
	Metrics UTF8Metrics
	// Glyphs is the glyf data by glyph ID, each padded to four bytes.
	Glyphs [][]byte
	// Hmtx holds an advance and a left side bearing per glyph.
	Hmtx []byte
	// The head, hhea and maxp tables of the file.
	Head, Hhea, Maxp []byte
	// Runes (ascending) map to GIDs, as the file's format 4 cmap does.
	Runes []rune
	GIDs  []uint16
	// Widths, when not nil, is a zeroed slice of 65,536 ints that the
	// font's width table (by character) is written into, instead of a new
	// one: half a megabyte to clear per font and document. Its owner may
	// reuse it once done with the Fpdf, after setting back to 0 the
	// entries of Runes and entry 0.
	Widths []int
}

// AddUTF8Subset adds a UTF-8 font as AddUTF8FontFromBytes does given the
// file s describes, and writes the same PDF, without parsing and cutting
// the file again: AddUTF8FontFromBytes parses the whole file when the
// font is added, and again when it is cut down to the characters drawn.
func (f *Fpdf) AddUTF8Subset(familyStr, styleStr string, s *UTF8Subset) {
	if f.err != nil {
		return
	}
	fontkey := getFontKey(fontFamilyEscape(familyStr), styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	if len(s.Head) < 54 || len(s.Hhea) < 36 || len(s.Maxp) < 6 || len(s.Hmtx) < 4*len(s.Glyphs) ||
		len(s.Glyphs) == 0 || len(s.Runes) != len(s.GIDs) {
		f.err = errors.New("fpdf: incomplete UTF-8 subset")
		return
	}
	subsetEnd := 57
	if f.aliasNbPagesStr != "" {
		subsetEnd = 32
	}
	sbarr := make(map[int]int, subsetEnd+min(len(s.Runes)+1, 8192))
	for i := range subsetEnd {
		sbarr[i] = 0
	}
	def := fontDefType{
		Tp:        "UTF8",
		Name:      fontkey,
		Desc:      s.Metrics.Desc,
		Up:        s.Metrics.Up,
		Ut:        s.Metrics.Ut,
		Cw:        s.widths(),
		usedRunes: sbarr,
		subset:    s,
	}
	def.i = strconv.Itoa(len(f.fonts) + 1)
	f.fonts[fontkey] = def
}

// widths is the width table parseHMTXTable makes: each character's
// advance in thousandths of an em (65535 for none), and at 0 the number
// of characters.
func (s *UTF8Subset) widths() []int {
	scale := 1000.0 / float64(binary.BigEndian.Uint16(s.Head[18:]))
	cw := s.Widths
	if len(cw) != 256*256 {
		cw = make([]int, 256*256)
	}
	count := 0
	for i, r := range s.Runes {
		g := int(s.GIDs[i])
		if r == 0 || r == 0xFFFF || g == 0 || g >= len(s.Glyphs) {
			continue
		}
		advance := int(binary.BigEndian.Uint16(s.Hmtx[4*g:]))
		if advance >= 1<<15 {
			advance = 0
		}
		w := int(math.Round(scale * float64(advance)))
		if w == 0 {
			w = 65535
		}
		cw[r] = w
		count++
	}
	cw[0] = count
	return cw
}

// glyph is the glyph of character c in the file's cmap, whose last
// segment maps U+FFFF to glyph 0.
func (s *UTF8Subset) glyph(c int) (int, bool) {
	if c == 0xFFFF {
		return 0, true
	}
	if i, ok := slices.BinarySearch(s.Runes, rune(c)); ok {
		return int(s.GIDs[i]), true
	}
	return 0, false
}

// cut is GenerateCutFont for the file s describes, with the same result:
// the font program of the glyphs of usedRunes' characters (the map's
// values) and their components, .notdef first, then the characters'
// glyphs in file order, then components as they are found; the map from
// character to glyph in it; the highest character.
func (s *UTF8Subset) cut(usedRunes map[int]int) (program []byte, cidToGID map[int]int, lastRune int) {
	var gids []int
	chars := make(map[int]int, len(usedRunes))
	gids = append(gids, 0)
	for _, c := range usedRunes {
		if g, ok := s.glyph(c); ok {
			gids = append(gids, g)
			chars[c] = g
		}
		lastRune = max(lastRune, c)
	}
	slices.Sort(gids)
	gids = slices.Compact(gids)
	index := make(map[int]int, len(gids))
	for i, g := range gids {
		index[g] = i
	}
	cidToGID = make(map[int]int, len(chars))
	for c, g := range chars {
		cidToGID[c] = index[g]
	}
	delete(cidToGID, 0)

	// Components, in the order getSymbols finds them: it descends into
	// every component, even one already listed.
	var visit func(g, depth int)
	visit = func(g, depth int) {
		data := s.Glyphs[g]
		if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 || depth > 64 {
			return
		}
		for at := 10; at+4 <= len(data); {
			flags := binary.BigEndian.Uint16(data[at:])
			comp := int(binary.BigEndian.Uint16(data[at+2:]))
			if comp >= len(s.Glyphs) {
				return
			}
			if _, ok := index[comp]; !ok {
				index[comp] = len(gids)
				gids = append(gids, comp)
			}
			visit(comp, depth+1)
			at += componentLen(flags)
			if flags&symbolContinue == 0 {
				break
			}
		}
	}
	for _, g := range gids[:len(gids):len(gids)] {
		visit(g, 0)
	}

	// The file, its tables in assembleTables' (sorted) order: glyf first,
	// written in place, then head, hhea, hmtx, loca, maxp.
	glyfLen := 0
	for _, g := range gids {
		glyfLen += (len(s.Glyphs[g]) + 3) &^ 3
	}
	locaFormat, locaLen := 0, 2*(len(gids)+1)
	if (glyfLen+1)>>1 > 0xFFFF {
		locaFormat, locaLen = 1, 4*(len(gids)+1)
	}
	tags := [...]string{"glyf", "head", "hhea", "hmtx", "loca", "maxp"}
	lens := [...]int{glyfLen, len(s.Head), len(s.Hhea), 4 * len(gids), locaLen, len(s.Maxp)}
	var at [len(tags) + 1]int
	at[0] = 12 + 16*len(tags)
	for i, n := range lens {
		at[i+1] = at[i] + (n+3)&^3
	}
	out := make([]byte, at[len(tags)])
	be := binary.BigEndian
	glyf, head, hhea := out[at[0]:at[0]+glyfLen], out[at[1]:at[1]+lens[1]], out[at[2]:at[2]+lens[2]]
	hmtx, loca, maxp := out[at[3]:at[3]+lens[3]], out[at[4]:at[4]+lens[4]], out[at[5]:at[5]+lens[5]]
	pos := 0
	for i, g := range gids {
		copy(hmtx[4*i:], s.Hmtx[4*g:4*g+4])
		if locaFormat == 1 {
			be.PutUint32(loca[4*i:], uint32(pos))
		} else {
			be.PutUint16(loca[2*i:], uint16(pos/2))
		}
		data := glyf[pos : pos+len(s.Glyphs[g])]
		copy(data, s.Glyphs[g])
		if len(data) > 2 && int16(be.Uint16(data)) < 0 {
			for at := 10; at+4 <= len(data); {
				flags := be.Uint16(data[at:])
				comp := int(be.Uint16(data[at+2:]))
				be.PutUint16(data[at+2:], uint16(index[comp]))
				at += componentLen(flags)
				if flags&symbolContinue == 0 {
					break
				}
			}
		}
		pos += (len(data) + 3) &^ 3 // padded with zeros
	}
	if locaFormat == 1 {
		be.PutUint32(loca[4*len(gids):], uint32(pos))
	} else {
		be.PutUint16(loca[2*len(gids):], uint16(pos/2))
	}
	copy(head, s.Head)
	clear(head[8:12])
	be.PutUint16(head[50:], uint16(locaFormat))
	copy(hhea, s.Hhea)
	be.PutUint16(hhea[34:], uint16(len(gids)))
	copy(maxp, s.Maxp)
	be.PutUint16(maxp[4:], uint16(len(gids)))

	// The header and table directory, and head's checkSumAdjustment, as
	// assembleTables writes them.
	n := len(tags)
	findSize, writer := 1, 0
	for findSize*2 <= n {
		findSize *= 2
		writer++
	}
	findSize *= 16
	be.PutUint32(out[0:], 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(findSize))
	be.PutUint16(out[8:], uint16(writer))
	be.PutUint16(out[10:], uint16(n*16-findSize))
	var sum uint32 // of the whole file: its tables are padded to 4 bytes
	for i, tag := range tags {
		t := out[at[i] : at[i]+lens[i]]
		rec := out[12+16*i:]
		copy(rec, tag)
		tableSum := sum32(t)
		be.PutUint32(rec[4:], tableSum)
		be.PutUint32(rec[8:], uint32(at[i]))
		be.PutUint32(rec[12:], uint32(len(t)))
		sum += tableSum
	}
	sum += sum32(out[:at[0]])
	// calcInt32({0xB1B0, 0xAFBA}, checksum): on a borrow from the low
	// half it adds one to the high half instead of taking one away, and
	// the output must keep that.
	x0, x1 := 0xB1B0, 0xAFBA
	y0, y1 := int(sum>>16), int(sum&0xFFFF)
	if y1 > x1 {
		x1 += 1 << 16
		x0++
	}
	if y0 > x0 {
		x0 += 1 << 16
	}
	be.PutUint16(head[8:], uint16(x0-y0))
	be.PutUint16(head[10:], uint16(x1-y1))
	return out, cidToGID, lastRune
}

// componentLen is the length of a composite glyph's component record with
// these flags.
func componentLen(flags uint16) int {
	n := 4 + 2
	if flags&symbolWords != 0 {
		n = 4 + 4
	}
	switch {
	case flags&symbolScale != 0:
		n += 2
	case flags&symbolAllScale != 0:
		n += 4
	case flags&symbol2x2 != 0:
		n += 8
	}
	return n
}

// sum32 is generateChecksum as one number: the sum of b's big-endian
// 32-bit words, the last padded with zeros.
func sum32(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
