package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// packObjects moves every object of the PDF library's output that is not
// a stream (pages, fonts' dictionaries and descriptors, outline entries,
// document information, catalogue) into one compressed object stream,
// and replaces the cross-reference table by a compressed cross-reference
// stream, as PDF 1.5 allows. Those objects are a few kilobytes of text
// written plainly, and the table 20 bytes per object; packed they take
// about a third. Streams stay as they are, under their numbers. Output
// it cannot read back as expected is returned as it is.
func packObjects(pdf []byte) []byte {
	xref := bytes.LastIndex(pdf, []byte("\nxref\n"))
	start := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if xref < 0 || start < xref || !bytes.HasPrefix(pdf, []byte("%PDF-1.")) {
		return pdf
	}
	head, rows, ok := bytes.Cut(pdf[xref+len("\nxref\n"):start], []byte("\n"))
	first, count, ok2 := bytes.Cut(head, []byte(" "))
	size, err := strconv.Atoi(string(count))
	if !ok || !ok2 || string(first) != "0" || err != nil || size < 1 || len(rows) < 20*size {
		return pdf
	}
	// The trailer's entries but /Size go into the stream's dictionary.
	trailer := rows[20*size:]
	open, end := bytes.Index(trailer, []byte("<<")), bytes.LastIndex(trailer, []byte(">>"))
	if open < 0 || end < open {
		return pdf
	}
	var entries []byte
	for line := range bytes.Lines(trailer[open+2 : end]) {
		if line = bytes.TrimSpace(line); len(line) > 0 && !bytes.HasPrefix(line, []byte("/Size ")) {
			entries = append(append(entries, ' '), line...)
		}
	}

	type object struct{ num, at, end int }
	var objs []object
	for n := 1; n < size; n++ {
		row := rows[20*n : 20*n+20]
		if row[17] != 'n' {
			continue
		}
		at, err := strconv.Atoi(string(row[:10]))
		if err != nil || at <= 0 || at >= xref {
			return pdf
		}
		objs = append(objs, object{num: n, at: at})
	}
	if len(objs) == 0 {
		return pdf
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].at < objs[j].at })
	for i := range objs {
		objs[i].end = xref + 1
		if i+1 < len(objs) {
			objs[i].end = objs[i+1].at
		}
	}

	// Streams are copied; the others' values are gathered for the
	// object stream: "num offset" pairs, then the values.
	var out, index, values bytes.Buffer
	out.Grow(len(pdf))
	out.Write(pdf[:objs[0].at])
	if v := out.Bytes()[len("%PDF-1.")]; v < '5' {
		out.Bytes()[len("%PDF-1.")] = '5' // the version that has object streams
	}
	type entry struct{ kind, field2, field3 int }
	xrefs := make([]entry, size+2)
	xrefs[0] = entry{0, 0, 0xFFFF}
	packed := 0
	for _, o := range objs {
		body := pdf[o.at:o.end]
		prefix := strconv.Itoa(o.num) + " 0 obj\n"
		trimmed := bytes.TrimRight(body, "\n")
		if !bytes.HasPrefix(body, []byte(prefix)) || !bytes.HasSuffix(trimmed, []byte("endobj")) {
			return pdf
		}
		if bytes.HasSuffix(trimmed, []byte("endstream\nendobj")) {
			xrefs[o.num] = entry{1, out.Len(), 0}
			out.Write(body)
			continue
		}
		value := bytes.TrimSpace(trimmed[len(prefix) : len(trimmed)-len("endobj")])
		fmt.Fprintf(&index, "%d %d ", o.num, values.Len())
		values.Write(value)
		values.WriteByte('\n')
		xrefs[o.num] = entry{2, size, packed}
		packed++
	}

	stm := size // the object stream's number, then the xref stream's
	xrefs[stm] = entry{1, out.Len(), 0}
	index.Write(values.Bytes())
	data := deflate(index.Bytes())
	fmt.Fprintf(&out, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n",
		stm, packed, index.Len()-values.Len(), len(data))
	out.Write(data)
	out.WriteString("\nendstream\nendobj\n")

	at := out.Len()
	xrefs[stm+1] = entry{1, at, 0}
	width := 1
	for at>>(8*width) > 0 {
		width++
	}
	table := make([]byte, 0, (size+2)*(width+3))
	for _, e := range xrefs {
		table = append(table, byte(e.kind))
		for b := width - 1; b >= 0; b-- {
			table = append(table, byte(e.field2>>(8*b)))
		}
		table = append(table, byte(e.field3>>8), byte(e.field3))
	}
	data = deflate(table)
	fmt.Fprintf(&out, "%d 0 obj\n<</Type /XRef /Size %d /W [1 %d 2]%s /Filter /FlateDecode /Length %d>>\nstream\n",
		stm+1, size+2, width, entries, len(data))
	out.Write(data)
	out.WriteString("\nendstream\nendobj\n")
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", at)
	return out.Bytes()
}

// deflate compresses b at the best level: the streams it is used for are
// a few kilobytes. Writers are reused, since a new one allocates and
// clears about a megabyte of tables, more work than compressing that.
func deflate(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := zwriters.Get().(*zlib.Writer)
	if zw == nil {
		zw, _ = zlib.NewWriterLevel(&buf, zlib.BestCompression)
	} else {
		zw.Reset(&buf)
	}
	zw.Write(b)
	zw.Close()
	zw.Reset(nil)
	zwriters.Put(zw)
	return buf.Bytes()
}

// zwriters holds idle writers for deflate.
var zwriters sync.Pool
