package akn

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
	"github.com/declconv/declconv/output/text"
	"github.com/declconv/declconv/parse"
)

// largest is the largest document of the shared corpus.
const largest = "zh-law-constitution-prc.txt"

// BenchmarkAKN writes the seed (from its canonical YAML) and the largest
// corpus document (parsed outside the timed loop) as Akoma Ntoso, and as
// plain text beside it in the same run, so that the two writers' speeds
// compare on one machine at one moment (akn/text of a pair is the ratio
// the README gives). ns/B is the time per byte of source text.
func BenchmarkAKN(b *testing.B) {
	run := func(b *testing.B, d *declaration.Document, srcLen int) {
		b.Run("akn", func(b *testing.B) {
			bench(b, srcLen, func(buf *bytes.Buffer) error { return (Options{}).Write(buf, d) })
		})
		b.Run("text", func(b *testing.B) {
			bench(b, srcLen, func(buf *bytes.Buffer) error { return (text.Options{}).Write(buf, d) })
		})
	}
	b.Run("seed", func(b *testing.B) {
		dir := filepath.Join("..", "..", "fixtures", "seed")
		src, err := os.ReadFile(filepath.Join(dir, "input.txt"))
		if err != nil {
			b.Fatal(err)
		}
		run(b, testdocs.Load(b, filepath.Join(dir, "want.yaml")), len(src))
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
		run(b, d, len(src))
	})
}

func bench(b *testing.B, srcLen int, write func(*bytes.Buffer) error) {
	var buf bytes.Buffer
	b.ReportAllocs()
	b.SetBytes(int64(srcLen))
	for b.Loop() {
		buf.Reset()
		if err := write(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(srcLen), "ns/B")
}
