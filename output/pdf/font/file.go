package font

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// used are the tables a loaded face keeps: those [newFace] requires and
// OS/2, which a subset carries. Nothing else of the file is read — for a
// CJK collection a few hundred kilobytes of its 20 MB, besides the glyphs
// documents draw.
var used = append([]string{"OS/2"}, required...)

// postHeader is how much of the post table a face needs: its fixed
// header, which a subset copies. The rest names every glyph.
const postHeader = 32

// readFace reads the tables of face index of the font file at path (a
// .ttc collection, or a single font for index 0) that a face uses. The
// glyph outlines (glyf, most of the file) are mapped into memory where
// the system allows it (see mapRange), so that a run reads only the
// pages of the glyphs it draws, not tens of megabytes per face.
func readFace(path string, index int) (map[string][]byte, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	at := func(off, n int64) ([]byte, error) {
		if off < 0 || n < 0 || off+n > size {
			return nil, fmt.Errorf("truncated font: %d bytes at offset %d run past the end (%d bytes)", n, off, size)
		}
		return readRange(file, off, n)
	}
	be := binary.BigEndian

	head, err := at(0, 12)
	if err != nil {
		return nil, fmt.Errorf("not a font: %w", err)
	}
	var base int64
	switch be.Uint32(head) {
	case tagOTTO:
		return nil, errCFF
	case tagTrueType, tagTrue:
		if index != 0 {
			return nil, fmt.Errorf("face #%d asked for, but the file is a single font, not a .ttc collection", index)
		}
	case tagCollection:
		count := int(be.Uint32(head[8:]))
		if index < 0 || index >= count {
			return nil, fmt.Errorf("face #%d asked for, but the collection has %d faces (#0 to #%d)", index, count, count-1)
		}
		b, err := at(12+4*int64(index), 4)
		if err != nil {
			return nil, fmt.Errorf("truncated collection header")
		}
		base = int64(be.Uint32(b))
		if head, err = at(base, 12); err != nil {
			return nil, fmt.Errorf("truncated font: no table directory at offset %d", base)
		}
		switch v := be.Uint32(head); v {
		case tagOTTO:
			return nil, errCFF
		case tagTrueType, tagTrue:
		default:
			return nil, fmt.Errorf("face #%d is not a TrueType face (version % x)", index, v)
		}
	default:
		return nil, fmt.Errorf("not a TrueType font or collection (starts with % x)", head[:4])
	}

	n := int64(be.Uint16(head[4:]))
	dir, err := at(base+12, 16*n)
	if err != nil {
		return nil, fmt.Errorf("truncated font: table directory of %d tables runs past the end", n)
	}
	want := make(map[string]bool, len(used))
	for _, tag := range used {
		want[tag] = true
	}
	tables := make(map[string][]byte, len(used))
	for rec := dir; len(rec) >= 16; rec = rec[16:] {
		tag := string(rec[:4])
		if !want[tag] {
			continue
		}
		off, length := int64(be.Uint32(rec[8:])), int64(be.Uint32(rec[12:]))
		if off+length > size {
			return nil, fmt.Errorf("truncated font: table %q runs past the end", tag)
		}
		var b []byte
		switch tag {
		case "glyf":
			b, err = mapRange(file, off, length)
		case "post":
			b, err = at(off, min(length, postHeader))
		default:
			b, err = at(off, length)
		}
		if err != nil {
			return nil, fmt.Errorf("table %q: %w", tag, err)
		}
		tables[tag] = b
	}
	return tables, nil
}

// readRange reads n bytes at off of file.
func readRange(file *os.File, off, n int64) ([]byte, error) {
	b := make([]byte, n)
	if _, err := file.ReadAt(b, off); err != nil && err != io.EOF {
		return nil, err
	}
	return b, nil
}
