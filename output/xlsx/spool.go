package xlsx

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// defaultMemLimit is how many bytes a spool keeps in memory before it
// moves to a temporary file.
const defaultMemLimit = 1 << 20

// spool is an append-only byte store: in memory while small, in a
// temporary file once it passes its limit. It can be read back at any time.
type spool struct {
	dir   string        // for the temporary file; "" is os.TempDir
	limit int           // bytes kept in memory
	mem   *bytes.Buffer // nil until the first write, and once in a file
	file  *os.File
	w     *bufio.Writer // buffers writes to file
	size  int64
}

func newSpool(dir string, limit int) *spool {
	if limit <= 0 {
		limit = defaultMemLimit
	}
	return &spool{dir: dir, limit: limit}
}

// Write appends p.
func (s *spool) Write(p []byte) (int, error) {
	if s.file == nil && s.mem == nil {
		s.mem = memBuffers.Get().(*bytes.Buffer)
	}
	if s.file == nil && s.mem.Len()+len(p) > s.limit {
		f, err := os.CreateTemp(s.dir, "declconv-xlsx-*")
		if err != nil {
			return 0, fmt.Errorf("xlsx: spool: %w", err)
		}
		s.file, s.w = f, bufio.NewWriterSize(f, 64<<10)
		if _, err := s.mem.WriteTo(s.w); err != nil {
			return 0, fmt.Errorf("xlsx: spool: %w", err)
		}
		s.release()
	}
	var n int
	var err error
	if s.file != nil {
		n, err = s.w.Write(p)
	} else {
		n, err = s.mem.Write(p)
	}
	s.size += int64(n)
	if err != nil {
		return n, fmt.Errorf("xlsx: spool: %w", err)
	}
	return n, nil
}

// Size is the number of bytes written.
func (s *spool) Size() int64 { return s.size }

// ReaderAt gives access to everything written so far.
func (s *spool) ReaderAt() (io.ReaderAt, error) {
	if s.file == nil {
		if s.mem == nil {
			return bytes.NewReader(nil), nil
		}
		return bytes.NewReader(s.mem.Bytes()), nil
	}
	if err := s.w.Flush(); err != nil {
		return nil, fmt.Errorf("xlsx: spool: %w", err)
	}
	return s.file, nil
}

// Close removes the temporary file, if any.
func (s *spool) Close() error {
	s.release()
	if s.file == nil {
		return nil
	}
	name := s.file.Name()
	err := s.file.Close()
	s.file, s.w = nil, nil
	return errors.Join(err, os.Remove(name))
}

// memBuffers are the memory of spools that were closed or moved to a file,
// for new spools: one workbook after another, they need about the same.
var memBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// release gives the spool's memory back to memBuffers; a buffer larger
// than a zipSorter's limit is left to the collector.
func (s *spool) release() {
	if s.mem != nil && s.mem.Cap() <= zipMemLimit {
		s.mem.Reset()
		memBuffers.Put(s.mem)
	}
	s.mem = nil
}

// Rows are spooled in a small binary form: the number of cells, then for
// each cell its kind and its content (a length-prefixed string — text or
// an ISO date — or a varint number or boolean).

// encodeRow appends the encoding of row to buf.
func encodeRow(buf []byte, row []value) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(row)))
	for _, v := range row {
		buf = append(buf, byte(v.kind))
		switch v.kind {
		case textCell, dateCell:
			buf = binary.AppendUvarint(buf, uint64(len(v.s)))
			buf = append(buf, v.s...)
		case numberCell, boolCell:
			buf = binary.AppendVarint(buf, v.n)
		}
	}
	return buf
}

// rowReader decodes spooled rows.
type rowReader struct {
	r   byteReader
	row []value
	buf []byte // a cell's bytes, before they become its string
}

// byteReader reads spooled rows: from memory, or buffered from the file.
type byteReader interface {
	io.Reader
	io.ByteReader
}

func newRowReader(s *spool) (*rowReader, error) {
	ra, err := s.ReaderAt()
	if err != nil {
		return nil, err
	}
	if r, ok := ra.(*bytes.Reader); ok {
		return &rowReader{r: r}, nil
	}
	return &rowReader{r: bufio.NewReaderSize(io.NewSectionReader(ra, 0, s.Size()), 64<<10)}, nil
}

// next returns the next row, valid until the following call, or io.EOF.
func (rr *rowReader) next() ([]value, error) {
	n, err := binary.ReadUvarint(rr.r)
	if err != nil {
		return nil, err
	}
	rr.row = rr.row[:0]
	for range n {
		k, err := rr.r.ReadByte()
		if err != nil {
			return nil, corrupt(err)
		}
		v := value{kind: cellKind(k)}
		switch v.kind {
		case emptyCell:
		case textCell, dateCell:
			l, err := binary.ReadUvarint(rr.r)
			if err != nil {
				return nil, corrupt(err)
			}
			if l > 1<<30 {
				return nil, corrupt(fmt.Errorf("cell of %d bytes", l))
			}
			// Read into a reused buffer: io.CopyN would allocate a
			// reader and a copy buffer for every cell.
			if cap(rr.buf) < int(l) {
				rr.buf = make([]byte, l)
			}
			if _, err := io.ReadFull(rr.r, rr.buf[:l]); err != nil {
				return nil, corrupt(err)
			}
			v.s = string(rr.buf[:l])
		case numberCell, boolCell:
			if v.n, err = binary.ReadVarint(rr.r); err != nil {
				return nil, corrupt(err)
			}
		default:
			return nil, corrupt(fmt.Errorf("unknown cell kind %d", k))
		}
		rr.row = append(rr.row, v)
	}
	return rr.row, nil
}

func corrupt(err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("xlsx: reading spooled rows: %w", err)
}
