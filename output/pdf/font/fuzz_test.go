package font

import (
	"os"
	"testing"
)

// FuzzParseFont feeds the font reader what a user's -font may hold:
// Extract (collections), Parse, the lookups and Subset must not panic,
// and the subset of a face that parses parses again. The seeds under
// testdata/fuzz/FuzzParseFont are subsets of AR PL UMing, WenQuanYi Micro
// Hei and DejaVu Sans (a few KB each: each execution stays small), and
// the second again as a one-face collection (ttcf header, table offsets
// moved past it).
func FuzzParseFont(f *testing.F) {
	if cff, err := os.ReadFile("testdata/fake-cff.otf"); err == nil {
		f.Add(cff)
	}
	runes := []rune("中文A。")
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		for index := range 2 {
			sfnt, err := Extract(data, index)
			if err != nil {
				continue
			}
			face, err := Parse(sfnt, "fuzz")
			if err != nil {
				continue
			}
			for _, r := range runes {
				face.Has(r)
				face.Advance(r)
			}
			if _, err := Parse(face.Subset(runes), "subset"); err != nil {
				t.Fatalf("the subset of a face that parses does not parse: %v", err)
			}
		}
	})
}
