package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/declconv/declconv/internal/testfiles"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// blockText is the PDF's text inside the text block, page by page: the
// running header and the page numbers, which lie outside it, are left out.
// -raw keeps the order of the content stream, which is the document's:
// without it pdftotext reads two-column signature lines column by column
// and joins a line ending in "-" to the next as a hyphenated word.
func blockText(t *testing.T, path string, g geometry) string {
	pt := func(mm float64) string { return strconv.Itoa(int(math.Round(mm * ptPerMM))) }
	return run(t, "pdftotext", "-raw", "-enc", "UTF-8", "-r", "72",
		"-x", "0", "-y", pt(g.top-1), "-W", pt(g.pageW), "-H", pt(g.blockH+2), path, "-")
}

// TestTextRoundTrip checks that the PDF's text is the document's, every
// character in order, none lost or added at a line break.
func TestTextRoundTrip(t *testing.T) {
	tool(t, "pdftotext")
	w := testWriter(t)
	for name, d := range documents(t) {
		for _, style := range Styles() {
			t.Run(name+"/"+string(style), func(t *testing.T) {
				w := *w
				w.Style = style
				g, _ := style.resolve(language(d)).geometry()
				got := comparable(blockText(t, saved(t, render(t, &w, d)), g))
				want := expected(d)
				if got != want {
					i := 0
					for i < len(got) && i < len(want) && got[i] == want[i] {
						i++
					}
					t.Errorf("text differs after %d bytes:\n got …%s\nwant …%s", i, clip(got[i:]), clip(want[i:]))
				}
			})
		}
	}
}

func clip(s string) string {
	if utf8.RuneCountInString(s) > 30 {
		return string([]rune(s)[:30])
	}
	return s
}

// TestLineEdges checks the punctuation rules on every line of the output.
func TestLineEdges(t *testing.T) {
	tool(t, "pdftotext")
	w := testWriter(t)
	for name, d := range documents(t) {
		t.Run(name, func(t *testing.T) {
			text := run(t, "pdftotext", "-raw", "-enc", "UTF-8", saved(t, render(t, w, d)), "-")
			for i, line := range strings.Split(text, "\n") {
				line = strings.TrimSpace(line)
				if line == "" {
					continue
				}
				first, _ := utf8.DecodeRuneInString(line)
				last, _ := utf8.DecodeLastRuneInString(line)
				if strings.ContainsRune("，。、；：？！）》」』’”…", first) {
					t.Errorf("line %d starts with closing punctuation: %s", i+1, line)
				}
				if strings.ContainsRune("（《「『‘“", last) {
					t.Errorf("line %d ends with opening punctuation: %s", i+1, line)
				}
			}
		})
	}
}

// TestFontsEmbedded checks with pdffonts, on every document, that every
// face is embedded as a subset with a ToUnicode map, so that text can be
// searched and copied, and that each face is embedded once.
func TestFontsEmbedded(t *testing.T) {
	tool(t, "pdffonts")
	w := testWriter(t)
	for name, d := range documents(t) {
		t.Run(name, func(t *testing.T) {
			out := run(t, "pdffonts", saved(t, render(t, w, d)))
			rows := strings.Split(strings.TrimSpace(out), "\n")[2:]
			if len(rows) == 0 {
				t.Fatalf("no fonts:\n%s", out)
			}
			seen := map[string]bool{}
			for _, row := range rows {
				f := strings.Fields(row)
				// name type... encoding emb sub uni object ID
				if n := len(f); n < 6 || f[n-5] != "yes" || f[n-4] != "yes" || f[n-3] != "yes" {
					t.Errorf("font not embedded as a subset with ToUnicode: %s", row)
				}
				if !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(f[0]) {
					t.Errorf("font name %q lacks a subset tag", f[0])
				}
				if seen[f[0]] {
					t.Errorf("font %s embedded twice", f[0])
				}
				seen[f[0]] = true
			}
		})
	}
}

// TestSeedSize holds the seed's PDF to issue 10's budget: 150 KB with
// AR PL UMing for the body (and the other faces CI installs), which needs
// fonts subset without hinting, compressed at a high level, and the
// objects packed (see packObjects and third_party/fpdf/README.md).
func TestSeedSize(t *testing.T) {
	w := testWriter(t)
	if n := len(render(t, w, documents(t)["seed"])); n > 150*1024 {
		t.Errorf("the seed's PDF is %d bytes (%.1f KB), more than 150 KB", n, float64(n)/1024)
	}
}

// TestQpdfCheck checks the file's structure with qpdf.
func TestQpdfCheck(t *testing.T) {
	tool(t, "qpdf")
	w := testWriter(t)
	for name, d := range documents(t) {
		t.Run(name, func(t *testing.T) {
			out := run(t, "qpdf", "--check", saved(t, render(t, w, d)))
			if !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check:\n%s", out)
			}
		})
	}
}

// TestOutline reads the outline back with qpdf and finds every article,
// chapter and section in it, and every attachment with the top-level
// provisions of its body below it.
func TestOutline(t *testing.T) {
	tool(t, "qpdf")
	w := testWriter(t)
	for name, d := range documents(t) {
		t.Run(name, func(t *testing.T) {
			out := run(t, "qpdf", "--json", "--json-key=outlines", saved(t, render(t, w, d)))
			var doc struct{ Outlines []outline }
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			var titles []string
			var walk func([]outline)
			walk = func(os []outline) {
				for _, o := range os {
					titles = append(titles, o.Title)
					walk(o.Kids)
				}
			}
			walk(doc.Outlines)
			for _, a := range d.Attachments {
				i := slices.IndexFunc(doc.Outlines, func(o outline) bool { return o.Title == attachmentTitle(a) })
				if i < 0 {
					t.Errorf("%s %q not at the top of the outline %q", a.ID, attachmentTitle(a), titles)
					continue
				}
				for _, p := range a.Body {
					if p.Kind == declaration.Article && !slices.ContainsFunc(doc.Outlines[i].Kids, func(o outline) bool { return o.Title == outlineTitle(p) }) {
						t.Errorf("%s %q not below %q in the outline", p.ID, outlineTitle(p), attachmentTitle(a))
					}
				}
			}
			d.Walk(func(p *declaration.Provision, _ []*declaration.Provision) bool {
				switch p.Kind {
				case declaration.Part, declaration.Chapter, declaration.Article, declaration.Section:
					if !slices.Contains(titles, outlineTitle(p)) {
						t.Errorf("%s %q not in the outline %q", p.ID, outlineTitle(p), titles)
					}
				}
				return true
			})
		})
	}
}

type outline struct {
	Title string
	Kids  []outline
}

// TestMetadata checks the document information and the catalogue.
func TestMetadata(t *testing.T) {
	tool(t, "pdfinfo")
	w := testWriter(t)
	d := documents(t)["seed"]
	path := saved(t, render(t, w, d))
	info := run(t, "pdfinfo", path)
	for _, want := range []string{
		"Title:           " + d.Title,
		"Subject:         joint-statement",
		"Keywords:        中华人民共和国, 哈萨克斯坦共和国",
		"Creator:         declconv",
		"CreationDate:    Wed Sep 13 00:00:00 1995 UTC",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	data, _ := os.ReadFile(path)
	if !bytes.Contains(uncompressed(t, data), []byte("/Lang (zh-Hans)")) {
		t.Error("the catalogue has no /Lang")
	}
}

// TestReproducible checks that two runs give the same bytes and that
// Options.Date changes the dates and nothing else.
func TestReproducible(t *testing.T) {
	w := testWriter(t)
	d := documents(t)["seed"]
	a, b := render(t, w, d), render(t, w, d)
	if !bytes.Equal(a, b) {
		t.Fatal("two runs gave different bytes")
	}
	dated := func(unix int64) *Options {
		w := *w
		w.Date = time.Unix(unix, 0)
		return &w
	}
	// The dates are in the compressed object stream: read them in the
	// clear.
	c := uncompressed(t, render(t, dated(1000000000), d))
	e := uncompressed(t, render(t, dated(1100000000), d))
	if !bytes.Contains(c, []byte("(D:20010909014640)")) || !bytes.Contains(e, []byte("(D:20041109113320)")) {
		t.Error("Options.Date not used for the dates")
	}
	dates := regexp.MustCompile(`\(D:[0-9]{14}\)`)
	if !bytes.Equal(dates.ReplaceAll(c, nil), dates.ReplaceAll(e, nil)) || bytes.Equal(c, e) {
		t.Error("a different Options.Date changed more than the dates")
	}
}

func TestDate(t *testing.T) {
	var none time.Time
	day := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	cases := []struct {
		d     *declaration.Document
		given time.Time
		want  time.Time
	}{
		{&declaration.Document{Publication: &declaration.Publication{Date: "1995-09-13"}}, none, day("1995-09-13")},
		{&declaration.Document{Signed: &declaration.Signing{Date: &declaration.Date{ISO: "1990-12"}}}, none, day("1990-12-01")},
		{&declaration.Document{Dispatch: &declaration.Dispatch{Date: &declaration.Date{ISO: "1946"}}}, none, day("1946-01-01")},
		{&declaration.Document{}, none, fixedEpoch},
		{&declaration.Document{Publication: &declaration.Publication{Date: "1995-09-13"}},
			time.Unix(86400, 0), day("1970-01-02")},
	}
	for i, c := range cases {
		if got := date(c.d, c.given); !got.Equal(c.want) {
			t.Errorf("case %d: %v, want %v", i, got, c.want)
		}
	}
}

// TestFontErrors checks the messages a user sees when the font is wrong.
func TestFontErrors(t *testing.T) {
	d := synthetic()
	var buf bytes.Buffer

	_, err := (&Options{}).fontsFrom(nil, func(role) []string { return nil })
	for _, want := range []string{"pdf.Options.Font", "DECLCONV_FONT", "apt-get install fonts-arphic-uming"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("no font: %v, want it to mention %q", err, want)
		}
	}

	cff := filepath.Join("font", "testdata", "fake-cff.otf")
	err = (&Options{Font: cff}).Write(&buf, d)
	if err == nil || !strings.Contains(err.Error(), "CFF") || !strings.Contains(err.Error(), cff) {
		t.Errorf("CFF font: %v", err)
	}
	err = (&Options{Font: "no/such/font.ttf"}).Write(&buf, d)
	if err == nil || !strings.Contains(err.Error(), "no/such/font.ttf") {
		t.Errorf("missing font file: %v", err)
	}
	err = (&Options{Style: "fancy"}).Write(&buf, d)
	if err == nil || !strings.Contains(err.Error(), "fancy") {
		t.Errorf("unknown style: %v", err)
	}
	if buf.Len() != 0 {
		t.Error("a failed Write wrote output")
	}
}

// TestMissingGlyph checks that a character the font lacks is reported
// with its code point and place, and is drawn from the fallback font when
// one is given.
func TestMissingGlyph(t *testing.T) {
	w := testWriter(t)
	fs, err := w.fonts()
	if err != nil {
		t.Fatal(err)
	}
	main := fs.faces[mainFace]
	lacking := rune('\uA000') // Yi syllable IT: in neither CI font
	if main.Has(lacking) {
		t.Skip("the font has U+A000")
	}
	d := synthetic()
	d.Body[0].Children[0].Text = "双方根据本协定" + string(lacking) + "开展合作。\n第二段" + string(rune(0x20000)) + "。"
	var buf bytes.Buffer
	err = w.Write(&buf, d)
	var ge GlyphErrors
	if !asGlyphErrors(err, &ge) || len(ge) != 2 {
		t.Fatalf("got %v, want two glyph errors", err)
	}
	for _, want := range []string{"synthetic.txt:4:11: chp_1__art_1: character U+A000 'ꀀ' is not in the font " + uming,
		"synthetic.txt:5: chp_1__art_1: character U+20000 '𠀀' is outside the Basic Multilingual Plane"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message\n%v\nlacks\n%s", err, want)
		}
	}
	if buf.Len() != 0 {
		t.Error("output written despite the error")
	}

	if _, err := os.Stat(wqy); err != nil {
		t.Skip("no fallback font to test with")
	}
	fb := *w
	fb.Fallback = wqy
	fbs, _ := fb.fonts()
	var only rune // a character the fallback has and the main font lacks
	for r := rune(0x2000); r < 0xFFFF && only == 0; r++ {
		if !main.Has(r) && fbs.faces[fallbackFace].Has(r) && !isSpace(r) {
			only = r
		}
	}
	if only == 0 {
		t.Skip("the fallback has nothing the main font lacks")
	}
	d = synthetic()
	d.Body[0].Children[0].Text = "双方" + string(only) + "合作。"
	pdf := render(t, &fb, d)
	if tool(t, "pdftotext"); !strings.Contains(run(t, "pdftotext", saved(t, pdf), "-"), "双方"+string(only)+"合作") {
		t.Errorf("U+%04X not drawn from the fallback font", only)
	}
}

func isSpace(r rune) bool { return strings.TrimSpace(string(r)) == "" }

func asGlyphErrors(err error, ge *GlyphErrors) bool {
	l, ok := err.(GlyphErrors)
	*ge = l
	return ok
}

// TestLayoutGolden pins the page layout: every text line of the seed's
// PDF as pdftotext places it (page, x and y in points, text). A change of
// margins, indents, line pitch, breaks or page furniture shows up here.
func TestLayoutGolden(t *testing.T) {
	tool(t, "pdftotext")
	w := testWriter(t)
	for _, name := range []string{"seed", "synthetic", "annexes"} {
		t.Run(name, func(t *testing.T) {
			d := documents(t)[name]
			got := layout(run(t, "pdftotext", "-bbox-layout", saved(t, render(t, w, d)), "-"))
			golden := filepath.Join("testdata", name+".layout.golden")
			if testfiles.Updating() {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) || i < len(wl); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("layout differs from %s at line %d:\n got %s\nwant %s\n(go test -update rewrites it; read the diff first)", golden, i+1, g, w)
					}
				}
			}
		})
	}
}

var (
	pageRE = regexp.MustCompile(`<page `)
	lineRE = regexp.MustCompile(`(?s)<line xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>(.*?)</line>`)
	wordRE = regexp.MustCompile(`<word [^>]*>([^<]*)</word>`)
)

// layout reduces pdftotext -bbox-layout output to one line per text line:
// page, rounded x and y, and the text.
func layout(xml string) string {
	var b strings.Builder
	pages := pageRE.Split(xml, -1)[1:]
	for i, page := range pages {
		for _, m := range lineRE.FindAllStringSubmatch(page, -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			y, _ := strconv.ParseFloat(m[2], 64)
			var words []string
			for _, w := range wordRE.FindAllStringSubmatch(m[3], -1) {
				words = append(words, w[1])
			}
			fmt.Fprintf(&b, "%d %4.0f %4.0f %s\n", i+1, x, y, strings.Join(words, " "))
		}
	}
	return b.String()
}

// TestAttachmentPages checks that each attachment starts a page, its label
// flush left on the first line of the text block and its heading centred
// below it.
func TestAttachmentPages(t *testing.T) {
	tool(t, "pdftotext")
	w := testWriter(t)
	d := documents(t)["annexes"]
	g, _ := Official.geometry()
	type line struct {
		page int
		x, y float64
		text string
	}
	// The lines inside the text block (no running header, no page
	// number), in the order pdftotext reads them.
	var text []line
	for _, l := range strings.Split(layout(run(t, "pdftotext", "-bbox-layout", saved(t, render(t, w, d)), "-")), "\n") {
		var ln line
		if n, _ := fmt.Sscanf(l, "%d %f %f", &ln.page, &ln.x, &ln.y); n == 3 && ln.y > g.top*ptPerMM-2 && ln.y < (g.top+g.blockH)*ptPerMM {
			ln.text = strings.Join(strings.Fields(l)[3:], " ")
			text = append(text, ln)
		}
	}
	find := func(s string) int {
		t.Helper()
		for i, l := range text {
			if l.text == s {
				return i
			}
		}
		t.Fatalf("no line %q in the PDF", s)
		return 0
	}
	for _, a := range d.Attachments {
		i := find(a.Label)
		label, heading := text[i], text[find(a.Heading)]
		if i == 0 || text[i-1].page >= label.page {
			t.Errorf("%s does not start a page", a.Label)
		}
		if math.Abs(label.x-g.left*ptPerMM) > 1 {
			t.Errorf("%s is not flush left: x = %.0f", a.Label, label.x)
		}
		if heading.page != label.page || heading.y-label.y < 1.5*g.pitch()*ptPerMM {
			t.Errorf("heading %q is not on the third line, below %s", a.Heading, a.Label)
		}
		middle := (g.left + g.width()/2) * ptPerMM
		if w := 22 * float64(len([]rune(a.Heading))); math.Abs(heading.x+w/2-middle) > 2 {
			t.Errorf("heading %q is not centred: x = %.0f", a.Heading, heading.x)
		}
	}
}
