package convert

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// entrySpool keeps the entries of a manifest in a temporary file, each
// encoded as [Manifest.WriteTo] writes it, in the order a batch reports
// them: so that a batch of 100,000 inputs holds none of its ~80 MB of
// entries in memory. The file is removed as soon as it is made (its
// descriptor keeps it), so that no run, even one killed, leaves it
// behind.
//
// Entries that come in path order, as those of one directory do, are
// copied out as they are; otherwise they are sorted at the end by path,
// stably, the only time their paths are held in memory.
type entrySpool struct {
	f      *os.File
	name   string // set while the file could not be removed (Windows)
	w      *bufio.Writer
	enc    entryEncoder
	size   int64
	n      int
	last   string // the path of the last entry
	sorted bool   // every entry came after the one before it, by path
	err    error  // the first write error: the manifest cannot be written
}

// newEntrySpool makes the spool's file in the temporary directory.
func newEntrySpool() (*entrySpool, error) {
	f, err := os.CreateTemp("", "declconv-manifest-*.tmp")
	if err != nil {
		return nil, err
	}
	s := &entrySpool{f: f, w: bufio.NewWriterSize(f, 32<<10), sorted: true}
	if os.Remove(f.Name()) != nil {
		s.name = f.Name()
	}
	return s, nil
}

// add appends e: its path, then its encoding, each after its length.
func (s *entrySpool) add(e ManifestEntry) {
	if s.err != nil {
		return
	}
	data, err := s.enc.encode(e)
	if err != nil {
		s.err = err
		return
	}
	if s.n > 0 && e.Path < s.last {
		s.sorted = false
	}
	s.n++
	s.last = e.Path
	var hdr [2 * binary.MaxVarintLen64]byte
	k := binary.PutUvarint(hdr[:], uint64(len(e.Path)))
	s.write(hdr[:k])
	s.write([]byte(e.Path))
	k = binary.PutUvarint(hdr[:], uint64(len(data)))
	s.write(hdr[:k])
	s.write(data)
}

func (s *entrySpool) write(p []byte) {
	if s.err != nil {
		return
	}
	n, err := s.w.Write(p)
	s.size += int64(n)
	if err != nil {
		s.err = fmt.Errorf("manifest: spooling its entries: %w", err)
	}
}

// each calls fn with the encoding of every entry, in path order.
func (s *entrySpool) each(fn func(data []byte) error) error {
	if s.err == nil {
		if err := s.w.Flush(); err != nil {
			s.err = fmt.Errorf("manifest: spooling its entries: %w", err)
		}
	}
	if s.err != nil {
		return s.err
	}
	type rec struct {
		path string
		off  int64
		n    int
	}
	var recs []rec
	var buf []byte
	r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, s.size), 32<<10)
	var off int64
	for range s.n {
		pathLen, err := binary.ReadUvarint(r)
		if err != nil {
			return s.readError(err)
		}
		off += int64(uvarintLen(pathLen))
		buf = slices.Grow(buf[:0], int(pathLen))[:pathLen]
		if _, err := io.ReadFull(r, buf); err != nil {
			return s.readError(err)
		}
		path := ""
		if !s.sorted {
			path = string(buf)
		}
		off += int64(pathLen)
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return s.readError(err)
		}
		off += int64(uvarintLen(n))
		if !s.sorted {
			recs = append(recs, rec{path: path, off: off, n: int(n)})
			if _, err := r.Discard(int(n)); err != nil {
				return s.readError(err)
			}
		} else {
			buf = slices.Grow(buf[:0], int(n))[:n]
			if _, err := io.ReadFull(r, buf); err != nil {
				return s.readError(err)
			}
			if err := fn(buf); err != nil {
				return err
			}
		}
		off += int64(n)
	}
	if s.sorted {
		return nil
	}
	slices.SortStableFunc(recs, func(a, b rec) int { return strings.Compare(a.path, b.path) })
	for _, rc := range recs {
		buf = slices.Grow(buf[:0], rc.n)[:rc.n]
		if _, err := s.f.ReadAt(buf, rc.off); err != nil {
			return s.readError(err)
		}
		if err := fn(buf); err != nil {
			return err
		}
	}
	return nil
}

func (s *entrySpool) readError(err error) error {
	return fmt.Errorf("manifest: reading its spooled entries: %w", err)
}

func uvarintLen(x uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], x)
}

// close removes the spool's file.
func (s *entrySpool) close() error {
	err := s.f.Close()
	if s.name != "" {
		os.Remove(s.name)
	}
	return err
}

// entryEncoder encodes manifest entries as [Manifest.WriteTo] writes
// them: indented as items of "inputs", without the final newline. What
// encode returns is valid until the next call.
type entryEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

func (x *entryEncoder) encode(e ManifestEntry) ([]byte, error) {
	if x.enc == nil {
		x.enc = json.NewEncoder(&x.buf)
		x.enc.SetEscapeHTML(false)
		x.enc.SetIndent("    ", "  ")
	}
	if e.Outputs == nil {
		e.Outputs = []OutputRecord{}
	}
	x.buf.Reset()
	x.buf.WriteString("    ")
	if err := x.enc.Encode(e); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(x.buf.Bytes(), []byte("\n")), nil
}
