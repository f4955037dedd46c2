package font

import (
	"encoding/binary"
	"fmt"
)

// The sfnt version tags a font file can start with.
const (
	tagTrueType   = 0x00010000 // TrueType outlines
	tagTrue       = 0x74727565 // 'true': old Apple TrueType
	tagOTTO       = 0x4F54544F // 'OTTO': CFF outlines
	tagCollection = 0x74746366 // 'ttcf': a TrueType collection
)

// table is one entry of an sfnt table directory.
type table struct {
	tag    string
	offset uint32
	length uint32
}

// directory reads the table directory of the face that starts at offset
// base of data (0 for a standalone font, the face offset in a collection).
// Table offsets in a collection are relative to the start of the file, so
// they are returned as they are.
func directory(data []byte, base uint32) (version uint32, tables []table, err error) {
	if uint64(base)+12 > uint64(len(data)) {
		return 0, nil, fmt.Errorf("truncated font: no table directory at offset %d", base)
	}
	version = binary.BigEndian.Uint32(data[base:])
	n := int(binary.BigEndian.Uint16(data[base+4:]))
	end := uint64(base) + 12 + uint64(n)*16
	if end > uint64(len(data)) {
		return 0, nil, fmt.Errorf("truncated font: table directory of %d tables runs past the end", n)
	}
	for i := range n {
		rec := data[base+12+uint32(i)*16:]
		t := table{
			tag:    string(rec[0:4]),
			offset: binary.BigEndian.Uint32(rec[8:]),
			length: binary.BigEndian.Uint32(rec[12:]),
		}
		if uint64(t.offset)+uint64(t.length) > uint64(len(data)) {
			return 0, nil, fmt.Errorf("truncated font: table %q runs past the end", t.tag)
		}
		tables = append(tables, t)
	}
	return version, tables, nil
}

// checksum is the sfnt table checksum: the sum of big-endian uint32s,
// the data padded with zeros to a multiple of four bytes.
func checksum(b []byte) uint32 {
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
