package convert

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
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
