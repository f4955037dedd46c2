package pdf

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/klauspost/compress/zlib"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
	"github.com/declconv/declconv/parse"
)

// largest is the largest document of the shared corpus, in the directory
// DECLCONV_CORPUS names (default: the corpus next to the repository).
const largest = "zh-law-constitution-prc.txt"

// BenchmarkPDF writes documents with the fonts already loaded: the seed
// (from its canonical YAML) and the largest corpus document (parsed here,
// outside the timed loop); corpus writes the shared corpus's documents in
// turn, one per op, and corpus-deflate-floor only compresses their PDFs'
// streams (see benchDeflateFloor). Besides the PDF's size and the CPU time per
// document (cpu-ns/op), each reports ns/B, the
// time per byte of source text: cost linear in the document's length
// gives the two about the same figure, whereas cost growing faster would
// make the largest document's figure the higher one. The seed's is raised
// by the fixed cost of every PDF (embedding the fonts), which a short
// document shares among fewer bytes.
func BenchmarkPDF(b *testing.B) {
	w := testWriter(b)
	b.Run("seed", func(b *testing.B) {
		dir := filepath.Join("..", "..", "fixtures", "seed")
		src, err := os.ReadFile(filepath.Join(dir, "input.txt"))
		if err != nil {
			b.Fatal(err)
		}
		benchWrite(b, w, testdocs.Load(b, filepath.Join(dir, "want.yaml")), len(src))
	})
	b.Run("corpus", func(b *testing.B) {
		docs := corpusDocuments(b)
		render(b, w, docs[0]) // loads the fonts
		b.ReportAllocs()
		cpu := cpuTime()
		i := 0
		for b.Loop() {
			if err := w.Write(io.Discard, docs[i%len(docs)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
	})
	b.Run("corpus-deflate-floor", func(b *testing.B) {
		benchDeflateFloor(b, w, corpusDocuments(b))
	})
	b.Run("largest", func(b *testing.B) {
		path := filepath.Join(testfiles.CorpusDir(b), largest)
		src, err := os.ReadFile(path)
		if err != nil {
			b.Skipf("corpus document not found (set DECLCONV_CORPUS to the corpus directory): %v", err)
		}
		d, err := parse.Parse(bytes.NewReader(src), path)
		if err != nil {
			b.Fatal(err)
		}
		benchWrite(b, w, d, len(src))
	})
}

// benchWrite times writing d, whose source text is srcLen bytes long.
func benchWrite(b *testing.B, w *Options, d *declaration.Document, srcLen int) {
	size := len(render(b, w, d)) // loads the fonts
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		var buf bytes.Buffer
		if err := w.Write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time of the whole process (the garbage collector's included),
	// steadier than ns/op when other programs share the machine.
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(size)/1024, "KB/pdf")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(srcLen), "ns/B")
}

// corpusDocuments parses the documents of the shared corpus's folder.
func corpusDocuments(b *testing.B) []*declaration.Document {
	paths, _ := filepath.Glob(filepath.Join(testfiles.CorpusDir(b), "*.txt"))
	if len(paths) == 0 {
		b.Skip("no corpus documents (set DECLCONV_CORPUS to the corpus directory)")
	}
	var docs []*declaration.Document
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		d, err := parse.Parse(bytes.NewReader(src), path)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// benchDeflateFloor times what no faster writer can avoid while its
// output stays byte for byte the same: compressing the streams of each
// document's PDF (fonts, CIDToGIDMaps, pages, object and cross-reference
// streams) at the level each was written with, which is found by
// compressing it again until the bytes match. One op is one document, as
// in corpus, so that the two compare.
func benchDeflateFloor(b *testing.B, w *Options, docs []*declaration.Document) {
	type stream struct {
		data  []byte
		level int
	}
	var buf bytes.Buffer
	writers := map[int]*zlib.Writer{}
	deflate := func(data []byte, level int) []byte {
		buf.Reset()
		zw := writers[level]
		if zw == nil {
			zw, _ = zlib.NewWriterLevel(&buf, level)
			writers[level] = zw
		} else {
			zw.Reset(&buf)
		}
		zw.Write(data)
		zw.Close()
		return buf.Bytes()
	}
	streams := make([][]stream, len(docs))
	for i, d := range docs {
		pdf := render(b, w, d)
		for from := 0; ; {
			at := bytes.Index(pdf[from:], []byte("\nstream\n"))
			if at < 0 {
				break
			}
			at += from + len("\nstream\n")
			end := bytes.Index(pdf[at:], []byte("\nendstream"))
			if end < 0 {
				b.Fatalf("%s: a stream without its end", d.Source.Name)
			}
			stored := pdf[at : at+end]
			from = at + end
			r, err := zlib.NewReader(bytes.NewReader(stored))
			if err != nil {
				b.Fatalf("%s: a stream that is not zlib: %v", d.Source.Name, err)
			}
			data, err := io.ReadAll(r)
			if err != nil {
				b.Fatal(err)
			}
			level := -1
			for _, l := range []int{7, 6, 4, 9, 1, 2, 3, 5, 8} {
				if bytes.Equal(deflate(data, l), stored) {
					level = l
					break
				}
			}
			if level < 0 {
				b.Fatalf("%s: no zlib level gives the stream's bytes", d.Source.Name)
			}
			streams[i] = append(streams[i], stream{data, level})
		}
	}
	cpu := cpuTime()
	i := 0
	for b.Loop() {
		for _, s := range streams[i%len(streams)] {
			deflate(s.data, s.level)
		}
		i++
	}
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
