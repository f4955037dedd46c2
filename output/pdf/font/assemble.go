package font

import (
	"encoding/binary"
	"sort"
)

// assemble writes a standalone TrueType font from its tables: a directory
// sorted by tag (readers may binary-search it), each table four-byte
// aligned with its checksum, and head.checkSumAdjustment fixed last, as the
// OpenType specification prescribes.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for tag, b := range tables {
		tags = append(tags, tag)
		size += (len(b) + 3) &^ 3
	}
	sort.Strings(tags)

	n := len(tags)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 16 << entrySelector

	out := make([]byte, size)
	binary.BigEndian.PutUint32(out[0:], tagTrueType)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-searchRange))

	offset := 12 + 16*n
	headAt := -1
	for i, tag := range tags {
		b := tables[tag]
		if tag == "head" && len(b) >= 12 {
			// The adjustment is computed over the whole file with it set
			// to zero, so the table's own checksum must be too.
			b = append([]byte(nil), b...)
			binary.BigEndian.PutUint32(b[8:], 0)
			headAt = offset
		}
		rec := out[12+16*i:]
		copy(rec[0:4], tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(b))
		binary.BigEndian.PutUint32(rec[8:], uint32(offset))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(b)))
		copy(out[offset:], b)
		offset += (len(b) + 3) &^ 3
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}
