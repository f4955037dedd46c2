//go:build !unix

package font

import "os"

// mapRange reads n bytes at off of file, where memory mapping is not
// implemented.
func mapRange(file *os.File, off, n int64) ([]byte, error) {
	return readRange(file, off, n)
}
