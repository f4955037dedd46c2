package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
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
}

// zipPart is one spooled part: its name and where its bytes are.
type zipPart struct {
	name      string
	off, size int64
}

func newZipSorter(out io.Writer, modified time.Time, dir string) *zipSorter {
	return &zipSorter{out: out, modified: modified, data: newSpool(dir, 4<<20)}
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

// emit writes the container to out and releases the spool.
func (z *zipSorter) emit() (err error) {
	defer func() { err = errors.Join(err, z.data.Close()) }()
	z.finish()
	// The last part written under a name wins; names are unique after.
	slices.SortStableFunc(z.parts, func(a, b zipPart) int { return strings.Compare(a.name, b.name) })
	parts := z.parts[:0]
	for i, p := range z.parts {
		if i+1 < len(z.parts) && z.parts[i+1].name == p.name {
			continue
		}
		parts = append(parts, p)
	}
	ra, err := z.data.ReaderAt()
	if err != nil {
		return err
	}
	zw := zip.NewWriter(z.out)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: z.modified})
		if err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		if _, err := io.Copy(w, io.NewSectionReader(ra, p.off, p.size)); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
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
