package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"
)

// zipSorter is the excelize.ZipWriter this package gives excelize. It
// makes the container reproducible: excelize writes the parts of stream
// writers in map order, so zipSorter spools every part, and on Close
// [zipSorter.emit] writes them to out sorted by name, each stamped with
// the same time.
// Parts go through a spool, so a big sheet does not sit in memory twice;
// and the container is written straight to out instead of to the buffer
// excelize would hold.
type zipSorter struct {
	out      io.Writer
	modified time.Time
	data     *spool
	parts    []zipPart
	open     *zipPart
	// known are parts compressed beforehand, by name: a part with the
	// same bytes as one of them is not compressed again.
	known map[string]knownPart
}

// knownPart is a part's bytes and their compressed form.
type knownPart struct{ data, deflated []byte }

// zipPart is one spooled part: its name and where its bytes are.
type zipPart struct {
	name      string
	off, size int64
}

// zipMemLimit is how many bytes of parts a zipSorter keeps in memory.
const zipMemLimit = 4 << 20

func newZipSorter(out io.Writer, modified time.Time, dir string) *zipSorter {
	return &zipSorter{out: out, modified: modified, data: newSpool(dir, zipMemLimit)}
}

// Create starts a part; its content is what is written to the returned
// writer until the next Create or Close.
func (z *zipSorter) Create(name string) (io.Writer, error) {
	z.finish()
	z.parts = append(z.parts, zipPart{name: name, off: z.data.Size()})
	z.open = &z.parts[len(z.parts)-1]
	return z.data, nil
}

func (z *zipSorter) finish() {
	if z.open != nil {
		z.open.size = z.data.Size() - z.open.off
		z.open = nil
	}
}

// AddFS adds every regular file of fsys as a part.
func (z *zipSorter) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		w, _ := z.Create(name)
		_, err = io.Copy(w, f)
		return err
	})
}

// Close ends the last part. It writes nothing: excelize also closes the
// writer when it fails half-way, and a half-made container must not reach
// out.
func (z *zipSorter) Close() error {
	z.finish()
	return nil
}

// discard releases the spool without writing anything.
func (z *zipSorter) discard() error { return z.data.Close() }

// sorted ends the last part and lists the parts by name, the last part
// written under a name winning.
func (z *zipSorter) sorted() []zipPart {
	z.finish()
	slices.SortStableFunc(z.parts, func(a, b zipPart) int { return strings.Compare(a.name, b.name) })
	parts := z.parts[:0]
	for i, p := range z.parts {
		if i+1 < len(z.parts) && z.parts[i+1].name == p.name {
			continue
		}
		parts = append(parts, p)
	}
	z.parts = parts
	return parts
}

// partData is a part's name and bytes.
type partData struct {
	name string
	data []byte
}

// contents returns the parts, sorted by name, without writing them.
func (z *zipSorter) contents() ([]partData, error) {
	ra, err := z.data.ReaderAt()
	if err != nil {
		return nil, err
	}
	var out []partData
	for _, p := range z.sorted() {
		data := make([]byte, p.size)
		if _, err := ra.ReadAt(data, p.off); err != nil && !(err == io.EOF && p.size == 0) {
			return nil, err
		}
		out = append(out, partData{p.name, data})
	}
	return out, nil
}

// emit writes the container to out and releases the spool.
func (z *zipSorter) emit() (err error) {
	defer func() { err = errors.Join(err, z.data.Close()) }()
	parts := z.sorted()
	ra, err := z.data.ReaderAt()
	if err != nil {
		return err
	}
	zw := zip.NewWriter(z.out)
	// The part being written, when it was compressed beforehand.
	var deflated []byte
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		if deflated != nil {
			return &precompressed{w: w, data: deflated}, nil
		}
		return newFlateWriter(w), nil
	})
	var scratch []byte
	copyBuf := make([]byte, 32<<10)
	for _, p := range parts {
		var r io.Reader = io.NewSectionReader(ra, p.off, p.size)
		deflated = nil
		if k, ok := z.known[p.name]; ok && int64(len(k.data)) == p.size {
			scratch = slices.Grow(scratch[:0], int(p.size))[:p.size]
			if _, err := io.ReadFull(r, scratch); err != nil {
				return fmt.Errorf("xlsx: %w", err)
			}
			if bytes.Equal(k.data, scratch) {
				deflated = k.deflated
			}
			r = bytes.NewReader(scratch)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: z.modified})
		if err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		if _, err := io.CopyBuffer(w, r, copyBuf); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// flateWriters are deflate compressors for reuse: a new one allocates and
// clears about 1 MB.
var flateWriters sync.Pool

// newFlateWriter is a compressor that writes what archive/zip's own would
// (compress/flate at level 5), taken from the pool and returned to it on
// Close.
func newFlateWriter(w io.Writer) io.WriteCloser {
	fw, ok := flateWriters.Get().(*flate.Writer)
	if ok {
		fw.Reset(w)
	} else {
		fw, _ = flate.NewWriter(w, 5)
	}
	return &pooledFlateWriter{fw: fw}
}

type pooledFlateWriter struct{ fw *flate.Writer }

func (p *pooledFlateWriter) Write(b []byte) (int, error) { return p.fw.Write(b) }

func (p *pooledFlateWriter) Close() error {
	err := p.fw.Close()
	flateWriters.Put(p.fw)
	return err
}

// precompressed is the compressor of a part compressed beforehand: it
// ignores the part's bytes (archive/zip still sums and counts them) and
// writes their compressed form on Close.
type precompressed struct {
	w    io.Writer
	data []byte
}

func (p *precompressed) Write(b []byte) (int, error) { return len(b), nil }

func (p *precompressed) Close() error {
	_, err := p.w.Write(p.data)
	return err
}

// zipTime is t as a ZIP entry can hold it: MS-DOS dates run from 1980
// to 2107, in UTC here so that the local zone never shows.
func zipTime(t time.Time) time.Time {
	lo := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	t = t.UTC()
	if t.Before(lo) {
		return lo
	}
	if t.After(hi) {
		return hi
	}
	return t
}
