package font

import "encoding/binary"

// keptNames are the name IDs a subset keeps: copyright, family, style,
// unique and full name, version, PostScript name, licence URL. The long
// licence text (ID 13) and the names in every other language go: in a CJK
// collection they weigh tens of kilobytes, repeated in every PDF.
var keptNames = [...]bool{0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 14: true}

// trimName returns a format 0 name table holding the Windows US English
// records of keptNames, or name unchanged when it has none.
func trimName(name []byte) []byte {
	if len(name) < 6 {
		return name
	}
	be := binary.BigEndian
	count := int(be.Uint16(name[2:]))
	storage := int(be.Uint16(name[4:]))
	var recs [][]byte
	var strs []byte
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(name) {
			break
		}
		platform, encoding, lang := be.Uint16(name[rec:]), be.Uint16(name[rec+2:]), be.Uint16(name[rec+4:])
		id := int(be.Uint16(name[rec+6:]))
		length := int(be.Uint16(name[rec+8:]))
		off := storage + int(be.Uint16(name[rec+10:]))
		if platform != 3 || encoding != 1 || lang != 0x0409 || id >= len(keptNames) || !keptNames[id] || off+length > len(name) {
			continue
		}
		r := append([]byte(nil), name[rec:rec+12]...)
		be.PutUint16(r[10:], uint16(len(strs)))
		strs = append(strs, name[off:off+length]...)
		recs = append(recs, r)
	}
	if len(recs) == 0 {
		return name
	}
	out := make([]byte, 6, 6+12*len(recs)+len(strs))
	be.PutUint16(out[2:], uint16(len(recs)))
	be.PutUint16(out[4:], uint16(6+12*len(recs)))
	for _, r := range recs {
		out = append(out, r...)
	}
	return append(out, strs...)
}
