package pdf

import (
	"bytes"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
	"os"
	"path/filepath"
	"testing"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/parse"
)

// largest is the largest document of the shared corpus, in the directory
// DECLCONV_CORPUS names (default: the corpus next to the repository).
const largest = "zh-law-constitution-prc.txt"

// BenchmarkPDF writes documents with the fonts already loaded: the seed
// (from its canonical YAML) and the largest corpus document (parsed here,
// outside the timed loop). Besides the PDF's size and the CPU time per
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
