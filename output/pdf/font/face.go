package font

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// errCFF is the reason a CFF-flavoured font cannot be used.
var errCFF = errors.New("CFF-outline OpenType font ('OTTO'), which the PDF library cannot embed: " +
	"use a TrueType (.ttf/.ttc with 'glyf' outlines) font such as AR PL UMing (apt-get install fonts-arphic-uming)")

// required are the tables every face must have.
var required = []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf", "post", "name"}

// Face is one TrueType face, parsed once and then only read, so one Face
// may serve any number of documents at the same time.
type Face struct {
	// Name is how the face was named: its path, with #index for a face
	// of a collection.
	Name string
	// Family is the family name the font gives itself (name ID 1).
	Family string

	tables     map[string][]byte // by tag: all of a parsed font's, those of used for a loaded one
	unitsPerEm float64
	advances   []uint16 // per glyph ID
	loca       []uint32 // glyph i is glyf[loca[i]:loca[i+1]]
	cmap       []uint16 // glyph ID by character, for the whole BMP; 0 for none
}

// Parse reads a standalone TrueType font (see [Extract] for collections).
// name only feeds messages.
func Parse(data []byte, name string) (*Face, error) {
	version, dir, err := directory(data, 0)
	if err != nil {
		return nil, err
	}
	switch version {
	case tagOTTO:
		return nil, errCFF
	case tagCollection:
		return nil, errors.New("a TrueType collection: extract a face first")
	case tagTrueType, tagTrue:
	default:
		return nil, fmt.Errorf("not a TrueType font (version % x)", version)
	}
	tables := make(map[string][]byte, len(dir))
	for _, t := range dir {
		tables[t.tag] = data[t.offset : t.offset+t.length]
	}
	return newFace(tables, name)
}

// newFace prepares a face from its tables; those named by required must
// be among them.
func newFace(tables map[string][]byte, name string) (*Face, error) {
	f := &Face{Name: name, tables: tables}
	for _, tag := range required {
		if f.tables[tag] == nil {
			if tag == "glyf" || tag == "loca" {
				return nil, errors.New("no 'glyf' TrueType outlines (a CFF or bitmap-only font?): " + errCFF.Error())
			}
			return nil, fmt.Errorf("incomplete TrueType font: no %q table", tag)
		}
	}
	if err := f.checkEmbedding(); err != nil {
		return nil, err
	}
	if err := f.parseMetrics(); err != nil {
		return nil, err
	}
	// A flat table: every character of every document is looked up
	// several times (measuring, breaking, drawing).
	var err error
	if f.cmap, err = parseCmap(f.tables["cmap"]); err != nil {
		return nil, err
	}
	f.Family = familyName(f.tables["name"])
	return f, nil
}

// checkEmbedding refuses a font whose licence forbids embedding it in a
// document or embedding a subset of it: we always embed a subset.
func (f *Face) checkEmbedding() error {
	os2 := f.tables["OS/2"]
	if len(os2) < 10 {
		return nil
	}
	fsType := binary.BigEndian.Uint16(os2[8:])
	switch {
	case fsType&0x000F == 0x0002:
		return errors.New("the font's licence forbids embedding it (OS/2 fsType: restricted licence)")
	case fsType&0x0100 != 0:
		return errors.New("the font's licence forbids embedding a subset of it (OS/2 fsType: no subsetting)")
	case fsType&0x0200 != 0:
		return errors.New("the font's licence allows embedding its bitmaps only (OS/2 fsType)")
	}
	return nil
}

// parseMetrics reads the em size, the advance widths and the glyph offsets.
func (f *Face) parseMetrics() error {
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return errors.New("truncated head, hhea or maxp table")
	}
	f.unitsPerEm = float64(binary.BigEndian.Uint16(head[18:]))
	if f.unitsPerEm == 0 {
		return errors.New("head table gives 0 units per em")
	}
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	numMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	if numMetrics == 0 || numMetrics > numGlyphs || len(hmtx) < 4*numMetrics+2*(numGlyphs-numMetrics) {
		return errors.New("hmtx table does not match hhea and maxp")
	}
	f.advances = make([]uint16, numGlyphs)
	for g := range numGlyphs {
		// Glyphs past numMetrics share the last advance (monospaced tail).
		f.advances[g] = binary.BigEndian.Uint16(hmtx[4*min(g, numMetrics-1):])
	}

	loca, glyf := f.tables["loca"], f.tables["glyf"]
	f.loca = make([]uint32, numGlyphs+1)
	for g := range numGlyphs + 1 {
		var off uint32
		switch {
		case longLoca && len(loca) >= 4*g+4:
			off = binary.BigEndian.Uint32(loca[4*g:])
		case !longLoca && len(loca) >= 2*g+2:
			off = 2 * uint32(binary.BigEndian.Uint16(loca[2*g:]))
		default:
			return errors.New("loca table shorter than the glyph count")
		}
		if off > uint32(len(glyf)) || (g > 0 && off < f.loca[g-1]) {
			return fmt.Errorf("loca table points outside the glyf table at glyph %d", g)
		}
		f.loca[g] = off
	}
	return nil
}

// Has reports whether the face draws r. Characters above U+FFFF are never
// drawn: the PDF library maps characters through a BMP-only table.
func (f *Face) Has(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	g := f.cmap[r]
	return g != 0 && int(g) < len(f.advances)
}

// Advance is the advance width of r as a fraction of the font size (1 is
// one em), or 0 when the face lacks r.
func (f *Face) Advance(r rune) float64 {
	if !f.Has(r) {
		return 0
	}
	return float64(f.advances[f.cmap[r]]) / f.unitsPerEm
}

// familyName returns name ID 1, preferring the US English record (so
// messages read the same on every machine), else the first Unicode or
// Windows record, else "".
func familyName(name []byte) string {
	if len(name) < 6 {
		return ""
	}
	count := int(binary.BigEndian.Uint16(name[2:]))
	strings := int(binary.BigEndian.Uint16(name[4:]))
	found := ""
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(name) {
			break
		}
		platform := binary.BigEndian.Uint16(name[rec:])
		lang := binary.BigEndian.Uint16(name[rec+4:])
		id := binary.BigEndian.Uint16(name[rec+6:])
		length := int(binary.BigEndian.Uint16(name[rec+8:]))
		off := strings + int(binary.BigEndian.Uint16(name[rec+10:]))
		if id != 1 || (platform != 0 && platform != 3) || off+length > len(name) {
			continue
		}
		var rs []rune
		for j := off; j+1 < off+length; j += 2 {
			rs = append(rs, rune(binary.BigEndian.Uint16(name[j:])))
		}
		if platform == 3 && lang == 0x0409 {
			return string(rs)
		}
		if found == "" {
			found = string(rs)
		}
	}
	return found
}

// Bounds is the box of r's outline as fractions of the font size, y up
// from the baseline; ok is false when the face lacks r or draws nothing
// for it.
func (f *Face) Bounds(r rune) (xMin, yMin, xMax, yMax float64, ok bool) {
	if !f.Has(r) {
		return 0, 0, 0, 0, false
	}
	g := f.cmap[r]
	data := f.tables["glyf"][f.loca[g]:f.loca[g+1]]
	if len(data) < 10 {
		return 0, 0, 0, 0, false
	}
	at := func(i int) float64 { return float64(int16(binary.BigEndian.Uint16(data[i:]))) / f.unitsPerEm }
	return at(2), at(4), at(6), at(8), true
}
