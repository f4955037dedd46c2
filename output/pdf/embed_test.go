package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/declconv/declconv/internal/testfiles"
	"github.com/declconv/declconv/output/pdf/font"
)

// TestAddFontSameBytes checks that a font added from its subset's parts
// (addFont, through fpdf.AddUTF8Subset) gives the very PDF that adding
// the subset's file gives (fpdf.AddUTF8FontFromBytes, which parses and
// cuts it again): for each test face, random sets of its characters as the
// subset, and as drawn a random part of them with characters the subset
// lacks (which the library notes but cannot embed). Latin-1 letters are in
// every Latin set, as accented letters are often composite glyphs, which
// the cut renumbers.
func TestAddFontSameBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 1))
	composites := 0
	for _, path := range []string{uming, wqy, ukai, liberation} {
		if _, err := os.Stat(path); err != nil {
			testfiles.Missing(t, "font %s not installed (scripts/deps.sh installs it)", path)
			continue
		}
		f, err := font.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		var has []rune
		for r := rune(0x20); r <= 0xFFFF; r++ {
			if f.Has(r) {
				has = append(has, r)
			}
		}
		for _, n := range []int{1, 40, 600, 3000} {
			subset := map[rune]bool{}
			for len(subset) < min(n, len(has)) {
				subset[has[rng.IntN(len(has))]] = true
			}
			for r := rune(0xC0); r <= 0xFF && n > 1; r++ {
				if f.Has(r) {
					subset[r] = true
				}
			}
			var runes, drawn []rune
			for r := range subset {
				runes = append(runes, r)
			}
			slices.Sort(runes)
			for _, r := range runes {
				if rng.IntN(4) > 0 {
					drawn = append(drawn, r)
				}
			}
			drawn = append(drawn, '\u4e00', 'A', '\uff0c')
			p, ok := f.SubsetParts(runes)
			if !ok {
				t.Fatalf("%s: %d characters: no parts", path, len(runes))
			}
			for _, g := range p.Glyphs {
				if len(g) >= 10 && int16(binary.BigEndian.Uint16(g)) < 0 {
					composites++
				}
			}
			fromFile := drawWith(t, drawn, func(pdf *fpdf.Fpdf) { pdf.AddUTF8FontFromBytes("xm+t", "", f.Subset(runes)) })
			var sub *fpdf.UTF8Subset
			fromParts := drawWith(t, drawn, func(pdf *fpdf.Fpdf) { sub = addFont(pdf, "xm+t", f, runes) })
			if sub == nil {
				t.Fatalf("%s: %d characters: not added from parts", path, len(runes))
			}
			table := sub.Widths
			releaseWidths(sub) // the next case reuses its width table
			if i := slices.IndexFunc(table, func(w int) bool { return w != 0 }); i >= 0 {
				t.Fatalf("%s: width table released with entry %d set", path, i)
			}
			if !bytes.Equal(fromFile, fromParts) {
				t.Errorf("%s, %d characters, %d drawn: the PDFs differ (%d and %d bytes)", path, len(runes), len(drawn), len(fromFile), len(fromParts))
			}
		}
	}
	if composites == 0 {
		t.Error("no composite glyph in any subset: the cut's renumbering went untested")
	}
}

// drawWith writes a page that draws each of runes with the font add adds.
func drawWith(t *testing.T, runes []rune, add func(*fpdf.Fpdf)) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(when)
	pdf.SetModificationDate(when)
	add(pdf)
	pdf.AddPage()
	pdf.SetFont("xm+t", "", 10)
	for i := 0; i < len(runes); i += 40 {
		pdf.Text(10, 10+float64(i/40%250), string(runes[i:min(i+40, len(runes))]))
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWriteConcurrent writes the test documents from several goroutines
// at once with one Options, as a batch does, and checks that each PDF is
// the one written alone: the pooled width tables and the per-face metrics
// are shared between documents.
func TestWriteConcurrent(t *testing.T) {
	w := testWriter(t)
	docs := documents(t)
	names := slices.Sorted(maps.Keys(docs))
	want := map[string][]byte{}
	for _, name := range names {
		want[name] = render(t, w, docs[name])
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4*len(names))
	for g := range 4 {
		wg.Go(func() {
			for i := range names {
				name := names[(i+g*len(names)/4)%len(names)]
				var buf bytes.Buffer
				if err := w.Write(&buf, docs[name]); err != nil {
					errs <- err
				} else if !bytes.Equal(buf.Bytes(), want[name]) {
					errs <- fmt.Errorf("%s: written at the same time as others, the PDF differs from the one written alone", name)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
