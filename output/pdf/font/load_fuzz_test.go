package font

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds font files to both readers (Load's, from a file, and
// Parse, from bytes) and subsets what they accept: a font named by a
// user is untrusted input, and neither may panic or loop on it. The
// seeds are a subset of Liberation Serif (two glyphs, in testdata/fuzz),
// a collection whose face is CFF and, when installed, a subset of DejaVu
// Sans.
func FuzzLoad(f *testing.F) {
	if face, err := Load("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"); err == nil {
		f.Add(face.Subset([]rune("Ab")))
	}
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10OTTO"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "font.ttf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		runes := []rune("Ab中，")
		if face, err := load(path); err == nil {
			if sub, err := Parse(face.Subset(runes), "subset"); err == nil {
				sub.Subset(runes)
			}
		}
		if face, err := Parse(data, "fuzz"); err == nil {
			face.Subset(runes)
		}
	})
}
