// Package sizedread reads a reader whole into a buffer made for the size
// the caller knows (a file's from stat): two reads of a file, the last
// finding its end, where io.ReadAll, growing from 512 bytes, makes about
// eight for a document of 10 KB and copies it as often.
package sizedread

import "io"

// ReadAll reads r to its end, as io.ReadAll does, into a buffer of size
// bytes and one more, so that the read that finds the end needs no room;
// the buffer still grows if r holds more (a file that grew meanwhile).
func ReadAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, max(size+1, 512))
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
