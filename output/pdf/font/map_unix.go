//go:build unix

package font

import (
	"os"
	"syscall"
)

// mapRange maps n bytes at off of file into memory, read-only, falling
// back to reading them. The mapping stays for the life of the process,
// as the loaded face that uses it does; the system reads its pages when
// a glyph on them is first copied into a subset.
func mapRange(file *os.File, off, n int64) ([]byte, error) {
	if n == 0 {
		return nil, nil
	}
	page := int64(os.Getpagesize())
	start := off &^ (page - 1) // mmap takes page-aligned offsets
	b, err := syscall.Mmap(int(file.Fd()), start, int(off-start+n), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return readRange(file, off, n)
	}
	return b[off-start:], nil
}
