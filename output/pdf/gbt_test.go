package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/declconv/declconv/declaration"
)

// The GB/T 9704 details, each read back from the PDF: word boxes from
// pdftotext -bbox-layout, pixels from pdftoppm.

// near reports whether a and b (points) are within a point.
func near(a, b float64) bool { return math.Abs(a-b) <= 1 }

// TestDashItems checks the seed's —— items: the dash at the
// two-character indent, the item's further lines back at the margin,
// and the section headings above them (（一）在政治关系方面) at the same
// indent.
func TestDashItems(t *testing.T) {
	g, _ := Official.geometry()
	left, indent := g.left*ptPerMM, g.left*ptPerMM+2*g.body
	lines := bboxLines(t, testWriter(t), documents(t)["seed"])
	items, rest, headings := 0, 0, 0
	for i, l := range lines {
		if len(l) == 0 || l[0].yMin < g.top*ptPerMM-2 || l[0].yMin > (g.top+g.blockH)*ptPerMM {
			continue
		}
		text := l.text()
		switch {
		case strings.HasPrefix(text, "——"):
			items++
			if !near(l[0].xMin, indent) {
				t.Errorf("%q starts at %.0f, want the two-character indent %.0f", text, l[0].xMin, indent)
			}
			// The item's next line, unless the item ended on this one.
			if i+1 < len(lines) && len(lines[i+1]) > 0 && !strings.HasSuffix(text, "；") && !strings.HasSuffix(text, "。") {
				next := lines[i+1]
				if next[0].page == l[0].page && next[0].yMin < (g.top+g.blockH)*ptPerMM && !strings.HasPrefix(next.text(), "——") && !strings.HasPrefix(next.text(), "（") {
					rest++
					if !near(next[0].xMin, left) {
						t.Errorf("%q, a further line of an item, starts at %.0f, want the margin %.0f", next.text(), next[0].xMin, left)
					}
				}
			}
		case strings.HasPrefix(text, "（一）") || strings.HasPrefix(text, "（二）"):
			headings++
			if !near(l[0].xMin, indent) {
				t.Errorf("heading %q starts at %.0f, want the two-character indent %.0f", text, l[0].xMin, indent)
			}
		}
	}
	if items < 10 || rest < 5 || headings < 2 {
		t.Errorf("found %d items, %d further lines, %d headings: the seed has more", items, rest, headings)
	}
}

// TestDashRule renders the seed's second page and looks at every ——:
// its darkest row of pixels must be dark all the way across, one rule
// with no gap between the two dashes.
func TestDashRule(t *testing.T) {
	tool(t, "pdftoppm")
	w := testWriter(t)
	d := documents(t)["seed"]
	pdf := saved(t, render(t, w, d))
	const dpi = 150
	prefix := filepath.Join(t.TempDir(), "p")
	run(t, "pdftoppm", "-r", fmt.Sprint(dpi), "-gray", "-f", "2", "-l", "2", pdf, prefix)
	matches, _ := filepath.Glob(prefix + "*.pgm")
	if len(matches) != 1 {
		t.Fatalf("pdftoppm made %v", matches)
	}
	img := readPGM(t, matches[0])
	checked := 0
	for _, l := range bboxLines(t, w, d) {
		if len(l) == 0 || l[0].page != 2 || !strings.HasPrefix(l[0].text, "——") {
			continue
		}
		px := func(pt float64) int { return int(pt * dpi / 72) }
		wd := l[0]
		// The two dashes are the first two ems of the word.
		x0, x1 := px(wd.xMin), px(wd.xMin+2*g16)
		best, bestDark := 0, -1
		for y := px(wd.yMin); y <= px(wd.yMax); y++ {
			dark := 0
			for x := x0; x < x1; x++ {
				if img.at(x, y) < 128 {
					dark++
				}
			}
			if dark > bestDark {
				best, bestDark = y, dark
			}
		}
		// Longest dark run along that row.
		run, longest := 0, 0
		for x := x0; x < x1; x++ {
			if img.at(x, best) < 128 {
				run++
				longest = max(longest, run)
			} else {
				run = 0
			}
		}
		if float64(longest) < 0.9*float64(x1-x0) {
			t.Errorf("—— at (%.0f, %.0f) on page 2: longest unbroken stretch %d of %d pixels", wd.xMin, wd.yMin, longest, x1-x0)
		}
		checked++
	}
	if checked == 0 {
		t.Error("no —— found on page 2")
	}
}

// g16 is the width of one 16 pt character, in points.
const g16 = 16.0

// pgm is a greyscale image.
type pgm struct {
	w, h int
	pix  []byte
}

func (p pgm) at(x, y int) byte {
	if x < 0 || y < 0 || x >= p.w || y >= p.h {
		return 255
	}
	return p.pix[y*p.w+x]
}

// readPGM reads a binary (P5) greyscale image of 8-bit samples.
func readPGM(t *testing.T, path string) pgm {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var p pgm
	var magic string
	var maxVal int
	if _, err := fmt.Fscan(bytes.NewReader(data), &magic, &p.w, &p.h, &maxVal); err != nil || magic != "P5" || maxVal != 255 {
		t.Fatalf("%s: not an 8-bit P5 image: %v", path, err)
	}
	p.pix = data[len(data)-p.w*p.h:]
	return p
}

// TestRunningHeader checks that the official and English pages have no
// running header (GB/T 9704 has none) and the compact page does.
func TestRunningHeader(t *testing.T) {
	d := documents(t)["seed"]
	for _, c := range []struct {
		style Style
		want  bool
	}{{Official, false}, {Compact, true}} {
		w := testWriter(t)
		w.Style = c.style
		g, _ := c.style.geometry()
		found := false
		for _, l := range bboxLines(t, w, d) {
			if len(l) > 0 && l[0].page > 1 && l[0].yMax < g.top*ptPerMM-1 {
				found = true
			}
		}
		if found != c.want {
			t.Errorf("%s: running header %v, want %v", c.style, found, c.want)
		}
	}
}

// TestArchiveLine checks that the archive line of the seed, whose column
// (专栏) is empty, does not end in a dangling 专栏：.
func TestArchiveLine(t *testing.T) {
	for _, l := range bboxLines(t, testWriter(t), documents(t)["seed"]) {
		if strings.Contains(l.text(), "1995-09-13") {
			if strings.Contains(l.text(), "专栏") {
				t.Errorf("archive line %q names an empty column", l.text())
			}
			return
		}
	}
	t.Error("no archive line")
}

// TestNoSpaceBeforeClosing checks that a source's stray space before
// full-width closing punctuation is not set: the mark follows its
// character directly.
func TestNoSpaceBeforeClosing(t *testing.T) {
	d := synthetic()
	d.Closing = append(d.Closing, &declaration.Block{ID: "closing__p_5", Kind: declaration.Para,
		Text: "在历次斗争中牺牲的人民英雄们永垂不朽 ！", Pos: declaration.Pos{Line: 19, Col: 1}})
	for _, l := range bboxLines(t, testWriter(t), d) {
		if strings.Contains(l.text(), "永垂不朽") {
			if !strings.Contains(l.text(), "永垂不朽！") {
				t.Errorf("a gap before ！: %q", l.text())
			}
			return
		}
	}
	t.Error("line not found")
}
