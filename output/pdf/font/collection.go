package font

import (
	"encoding/binary"
	"fmt"
)

// Extract returns face index of a TrueType collection (.ttc) as a
// standalone TrueType font: the face's tables are copied out of the shared
// file, their offsets and checksums rewritten. A standalone font is
// returned unchanged when index is 0. CFF outlines are refused.
func Extract(data []byte, index int) ([]byte, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("not a font: %d bytes", len(data))
	}
	switch binary.BigEndian.Uint32(data) {
	case tagOTTO:
		return nil, errCFF
	case tagTrueType, tagTrue:
		if index != 0 {
			return nil, fmt.Errorf("face #%d asked for, but the file is a single font, not a .ttc collection", index)
		}
		return data, nil
	case tagCollection:
	default:
		return nil, fmt.Errorf("not a TrueType font or collection (starts with % x)", data[:4])
	}
	count := int(binary.BigEndian.Uint32(data[8:]))
	if index < 0 || index >= count {
		return nil, fmt.Errorf("face #%d asked for, but the collection has %d faces (#0 to #%d)", index, count, count-1)
	}
	if 12+4*(index+1) > len(data) {
		return nil, fmt.Errorf("truncated collection header")
	}
	base := binary.BigEndian.Uint32(data[12+4*index:])
	version, dir, err := directory(data, base)
	if err != nil {
		return nil, err
	}
	if version == tagOTTO {
		return nil, errCFF
	}
	if version != tagTrueType && version != tagTrue {
		return nil, fmt.Errorf("face #%d is not a TrueType face (version % x)", index, version)
	}
	tables := make(map[string][]byte, len(dir))
	for _, t := range dir {
		tables[t.tag] = data[t.offset : t.offset+t.length]
	}
	return assemble(tables), nil
}
