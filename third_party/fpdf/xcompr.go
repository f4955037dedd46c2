// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"fmt"
	"github.com/klauspost/compress/zlib"
	"sync"
)

var xmem = xmempool{
	Pool: sync.Pool{
		New: func() any {
			var m membuffer
			return &m
		},
	},
}

type xmempool struct{ sync.Pool }

func (pool *xmempool) compress(data []byte) *membuffer {
	return pool.compressLevel(data, zlib.BestSpeed)
}

// zwriters holds idle zlib writers by compression level. A new flate
// compressor allocates and clears about a megabyte of tables; a document
// has a dozen streams and a batch thousands of documents, so writers are
// Reset and reused instead. (declconv patch)
var zwriters [zlib.BestCompression + 1]sync.Pool

// The zlib levels of the streams declconv writes. (declconv patch)
const (
	// levelFont compresses font programs, most of a PDF's bytes.
	levelFont = 7
	// levelPage compresses page content, a few kilobytes a page.
	levelPage = 6
	// levelSparse compresses CIDToGIDMaps: 2 bytes per CID up to the
	// highest used, mostly zeros. In long runs of one byte the top
	// levels' match search is slow (7 ms at level 9 for a CJK font's map
	// with Go's compress/flate) and gains a few bytes.
	levelSparse = 4
)

// compressLevel is compress at a given zlib level (BestSpeed to
// BestCompression). (declconv patch)
func (pool *xmempool) compressLevel(data []byte, level int) *membuffer {
	if level == zlib.DefaultCompression {
		level = 6 // what flate takes it to mean, as an index
	}
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(data))

	zw, _ := zwriters[level].Get().(*zlib.Writer)
	if zw == nil {
		var err error
		zw, err = zlib.NewWriterLevel(buf, level)
		if err != nil {
			panic(fmt.Errorf("could not create zlib writer: %w", err))
		}
	} else {
		zw.Reset(buf)
	}
	_, err := zw.Write(data)
	if err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}

	err = zw.Close()
	if err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	zw.Reset(nil) // drop the reference to buf while idle
	zwriters[level].Put(zw)
	return mem
}

func (pool *xmempool) uncompress(data []byte) (*membuffer, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}

	mem := pool.Get().(*membuffer)
	mem.buf.Reset()

	_, err = mem.buf.ReadFrom(zr)
	if err != nil {
		mem.release()
		return nil, err
	}

	return mem, nil
}

type membuffer struct {
	buf bytes.Buffer
}

func (mem *membuffer) bytes() []byte { return mem.buf.Bytes() }
func (mem *membuffer) release() {
	mem.buf.Reset()
	xmem.Put(mem)
}

func (mem *membuffer) copy() []byte {
	src := mem.bytes()
	dst := make([]byte, len(src))
	copy(dst, src)
	return dst
}
