package pdf

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/declconv/declconv/declaration"
)

// word is one word as pdftotext -bbox-layout places it, in points.
type word struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

// bboxLine is a text line of pdftotext -bbox-layout: its words.
type bboxLine []word

var (
	bboxLineRE = regexp.MustCompile(`(?s)<line [^>]*>(.*?)</line>`)
	bboxWordRE = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// bboxLines renders d with w and reads every text line back with its
// words' boxes.
func bboxLines(t *testing.T, w *Options, d *declaration.Document) []bboxLine {
	t.Helper()
	tool(t, "pdftotext")
	xml := run(t, "pdftotext", "-bbox-layout", saved(t, render(t, w, d)), "-")
	var out []bboxLine
	for i, page := range pageRE.Split(xml, -1)[1:] {
		for _, l := range bboxLineRE.FindAllStringSubmatch(page, -1) {
			var line bboxLine
			for _, m := range bboxWordRE.FindAllStringSubmatch(l[1], -1) {
				f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
				line = append(line, word{i + 1, f(m[1]), f(m[2]), f(m[3]), f(m[4]), unescape(m[5])})
			}
			out = append(out, line)
		}
	}
	return out
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace(s)
}

func (l bboxLine) text() string {
	var ws []string
	for _, w := range l {
		ws = append(ws, w.text)
	}
	return strings.Join(ws, " ")
}

// TestEnglishPage checks the English page on the English fixtures, on A4
// and Letter: articles as centred headings on lines of their own, page
// numbers in Arabic figures centred at the foot, body text of 11–12 pt,
// lines broken at spaces only (every word on the page is a word of the
// source) and word spaces never stretched past the limit.
func TestEnglishPage(t *testing.T) {
	docs := documents(t)
	for _, paper := range Papers() {
		w := testWriter(t)
		w.Paper = paper
		if w.LatinFont == "none" {
			t.Skip("no Latin face installed (apt-get install fonts-liberation2)")
		}
		g, _ := English.on(paper)
		middle := (g.left + g.width()/2) * ptPerMM
		for _, name := range []string{"en-treaty-articles", "en-html-heading-convention", "en-references-by-shape"} {
			d := docs[name]
			t.Run(fmt.Sprintf("%s/%s", paper, name), func(t *testing.T) {
				source := map[string]bool{}
				for _, s := range strings.Fields(verbatim(d)) {
					source[s] = true
				}
				lines := bboxLines(t, w, d)
				pages, feet, articles := 0, 0, 0
				for _, l := range lines {
					if len(l) == 0 {
						continue
					}
					pages = max(pages, l[0].page)
					centre := (l[0].xMin + l[len(l)-1].xMax) / 2
					switch {
					case l[0].yMin > (g.top+g.blockH)*ptPerMM: // the foot
						if n, err := strconv.Atoi(l.text()); err != nil || n != l[0].page || math.Abs(centre-middle) > 1 {
							t.Errorf("page %d: foot %q at centre %.0f, want %d centred at %.0f", l[0].page, l.text(), centre, l[0].page, middle)
						}
						feet++
						continue
					case regexp.MustCompile(`^(?i)article [0-9IVX]+\.?$`).MatchString(l.text()):
						articles++
						if math.Abs(centre-middle) > 1 {
							t.Errorf("%q not centred: centre %.0f, want %.0f", l.text(), centre, middle)
						}
					}
					for i, wd := range l {
						if !source[wd.text] && !strings.ContainsAny(wd.text, "•") {
							t.Errorf("word %q on the page is not a word of the source (broken at a line end?)", wd.text)
						}
						if i > 0 {
							size := (wd.yMax - wd.yMin) / 1.15 // a serif's ascent and descent span about 1.15 em
							if gap := wd.xMin - l[i-1].xMax; gap > (0.25+maxStretch)*size+0.5 {
								t.Errorf("gap of %.1f pt before %q in %q: more than a space stretched by %.2f em", gap, wd.text, l.text(), maxStretch)
							}
						}
					}
				}
				body := bodySize(lines)
				if body < 11 || body > 12 {
					t.Errorf("body text is %.1f pt, want 11–12", body)
				}
				if pages == 0 || feet != pages || articles == 0 {
					t.Errorf("%d pages, %d page numbers, %d article headings on lines of their own", pages, feet, articles)
				}
			})
		}
	}
}

// bodySize is the most common height of the words, in points, as a font
// size (Liberation Serif's box is 1.15 em high).
func bodySize(lines []bboxLine) float64 {
	count := map[float64]int{}
	best, most := 0.0, 0
	for _, l := range lines {
		for _, w := range l {
			h := math.Round((w.yMax-w.yMin)/1.15*2) / 2
			if count[h]++; count[h] > most {
				best, most = h, count[h]
			}
		}
	}
	return best
}

// verbatim is the document's text, markup taken out.
func verbatim(d *declaration.Document) string {
	var b strings.Builder
	for _, s := range d.Verbatim() {
		shown, _ := plain(s)
		b.WriteString(shown + " ")
	}
	return b.String() + pageTitle(d)
}
