package convert

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testfiles"
)

// BenchmarkSeedTextFormats is the seed, from source bytes to YAML, JSON
// and plain text, in process: the target is under 2 ms.
func BenchmarkSeedTextFormats(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "seed", "input.txt"))
	if err != nil {
		b.Fatal(err)
	}
	formats := textFormats(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d, err := Read(bytes.NewReader(data), "input.txt", FromText)
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range formats {
			if err := f.Write(io.Discard, d, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCorpusWriters is each text format's writer over every corpus
// document, parsed once beforehand: where a json,yaml,txt batch spends
// the CPU that is not parsing or file operations.
func BenchmarkCorpusWriters(b *testing.B) {
	var docs []*declaration.Document
	var size int64
	paths, _ := filepath.Glob(filepath.Join(testfiles.CorpusDir(b), "*.txt"))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		d, err := Read(bytes.NewReader(data), path, FromText)
		if err != nil {
			b.Fatal(err)
		}
		docs, size = append(docs, d), size+int64(len(data))
	}
	for _, f := range textFormats(b) {
		b.Run(f.Name, func(b *testing.B) {
			b.SetBytes(size) // of the sources, to compare with parsing
			for b.Loop() {
				for _, d := range docs {
					if err := f.Write(io.Discard, d, Options{}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
