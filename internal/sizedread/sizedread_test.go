package sizedread

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// TestReadAll: whatever the size given, too small, right or too large,
// and however the reader hands its bytes out, all of them come back, as
// io.ReadAll gives them, and a reader's error too.
func TestReadAll(t *testing.T) {
	data := bytes.Repeat([]byte("东海共和国和西岭联邦联合声明。"), 500)
	for _, size := range []int64{0, 1, int64(len(data)) - 1, int64(len(data)), int64(len(data)) + 7, 1 << 20} {
		for name, r := range map[string]func() io.Reader{
			"whole":    func() io.Reader { return bytes.NewReader(data) },
			"one byte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) },
			"half":     func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) },
			"data+EOF": func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) },
		} {
			got, err := ReadAll(r(), size)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("size %d, %s: %d bytes (%v), want %d", size, name, len(got), err, len(data))
			}
		}
	}
	boom := errors.New("boom")
	if got, err := ReadAll(iotest.TimeoutReader(bytes.NewReader(data)), int64(len(data))); !errors.Is(err, iotest.ErrTimeout) || len(got) == 0 {
		t.Errorf("a reader that fails after a read: %d bytes, %v", len(got), err)
	}
	if _, err := ReadAll(iotest.ErrReader(boom), 10); !errors.Is(err, boom) {
		t.Errorf("a failing reader: %v, want its error", err)
	}
}

// BenchmarkReadAll reads a 10 KB document beside io.ReadAll.
func BenchmarkReadAll(b *testing.B) {
	data := bytes.Repeat([]byte("x"), 10<<10)
	b.Run("sized", func(b *testing.B) {
		for b.Loop() {
			ReadAll(bytes.NewReader(data), int64(len(data)))
		}
	})
	b.Run("io.ReadAll", func(b *testing.B) {
		for b.Loop() {
			io.ReadAll(bytes.NewReader(data))
		}
	})
}
