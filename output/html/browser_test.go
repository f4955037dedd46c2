package html

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
)

// chromium finds Debian's chromium; where it is missing the test is
// skipped, except in CI, where it fails: CI installs it (scripts/deps.sh).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	msg := "chromium not found (apt-get install chromium, or scripts/deps.sh): skipping the browser tests"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// headless runs chromium headless on a page with the arguments given,
// in a profile of its own, with nothing reaching out to the network.
func headless(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// probe is appended to a copy of a page, never to the page itself (which
// has no script): once the browser has loaded it and gone to the URL's
// fragment, it records on the <html> element which element is the
// :target, where it stands in the window and how far the page scrolled.
const probe = `<script>addEventListener("load",()=>{const t=document.querySelector(":target"),h=document.documentElement;` +
	`h.setAttribute("data-target",t?t.id:"");h.setAttribute("data-top",t?Math.round(t.getBoundingClientRect().top):"");` +
	`h.setAttribute("data-scroll",Math.round(scrollY));h.setAttribute("data-max",Math.max(0,h.scrollHeight-innerHeight))})</script>`

// TestBrowser renders pages in headless chromium: the seed, an English
// treaty and a Chinese law among the fixtures, a document with annexes,
// and from the corpus (when it is there) its longest law and an English
// treaty. In the DOM chromium builds, every model ID is an element and
// the text content is the document's; opening the page at a provision's
// ID (the seed's art_4__sec_1__item_2, the project's example citation;
// elsewhere the first of the most deeply nested) makes that provision the
// :target, scrolled to the top of the window, and it holds that
// provision's text. Screenshots of each
// page go to $DECLCONV_SCREENSHOTS (else a temporary folder) for a person
// to look at; the test checks they are not blank.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	shots := os.Getenv("DECLCONV_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	root := testfiles.Root(t)
	docs := []struct{ name, path, anchor string }{
		{"seed", "fixtures/seed/want.yaml", "art_4__sec_1__item_2"},
		{"en-treaty-articles", "fixtures/en-treaty-articles/want.yaml", ""},
		{"law-articles-chapters", "fixtures/law-articles-chapters/want.yaml", ""},
		{"annexes", "internal/testdocs/testdata/annexes/want.yaml", ""},
		{"corpus-constitution", "zh-law-constitution-prc.txt", ""},
		{"corpus-north-atlantic-treaty", "en-nltreaties-1949-north-atlantic-treaty.txt", ""},
	}
	for _, doc := range docs {
		t.Run(doc.name, func(t *testing.T) {
			var d *declaration.Document
			if strings.HasSuffix(doc.path, ".yaml") {
				d = testdocs.Load(t, filepath.Join(root, doc.path))
			} else {
				var err error
				if d, err = parseFile(filepath.Join(testfiles.CorpusDir(t), doc.path)); err != nil {
					t.Fatal(err)
				}
			}
			dir := t.TempDir()
			page := write(t, Options{}, d)
			checkPage(t, d, page)
			file := filepath.Join(dir, doc.name+".html")
			probed := filepath.Join(dir, doc.name+".probe.html")
			if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(probed, []byte(strings.Replace(page, "</body>", probe+"</body>", 1)), 0o644); err != nil {
				t.Fatal(err)
			}

			deep := deepest(d)
			if doc.anchor != "" {
				deep = provision(t, d, doc.anchor)
			}
			// A low window, so that even a short page scrolls to its target.
			dom := parsePage(t, string(headless(t, bin, "--window-size=1200,500", "--dump-dom", "file://"+probed+"#"+deep.ID)))
			checkDOM(t, d, dom)
			html := find(dom, element("html"))[0]
			target, _ := attr(html, "data-target")
			top, scroll, most := number(t, html, "data-top"), number(t, html, "data-scroll"), number(t, html, "data-max")
			t.Logf("#%s: the :target is %q, %dpx from the top of the window, the page scrolled %d of %dpx", deep.ID, target, top, scroll, most)
			if target != deep.ID {
				t.Fatalf("opening #%s, the :target is %q", deep.ID, target)
			}
			// At the top, less its scroll margin; or as near as the page
			// can scroll when it ends before a window's height below.
			if top < 0 || (top > 40 && scroll < most) {
				t.Errorf("#%s is %dpx from the top of the window (scrolled %d of %d)", deep.ID, top, scroll, most)
			}
			el := ids(dom)[deep.ID][0]
			got := strings.Join(testfiles.NonSpace(textContent(el)), "")
			want := strings.Join(testfiles.NonSpace(deep.Markup, deep.Label, deep.Heading, deep.Underline, deep.Text), "")
			if !strings.HasPrefix(got, want) {
				t.Errorf("#%s holds %.80q…, want its provision's text %.80q…", deep.ID, got, want)
			}

			png := filepath.Join(shots, doc.name+".png")
			headless(t, bin, "--window-size=1200,1600", "--hide-scrollbars", "--screenshot="+png, "file://"+file)
			checkScreenshot(t, png)
			t.Logf("screenshot: %s", png)
		})
	}
}

// provision is the provision of d with the given ID.
func provision(t *testing.T, d *declaration.Document, id string) *declaration.Provision {
	t.Helper()
	for _, p := range d.Provisions() {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no provision %s", id)
	return nil
}

// deepest is the first of the document's most deeply nested provisions.
func deepest(d *declaration.Document) *declaration.Provision {
	var best *declaration.Provision
	depth := -1
	d.Walk(func(p *declaration.Provision, ancestors []*declaration.Provision) bool {
		if len(ancestors) > depth {
			best, depth = p, len(ancestors)
		}
		return true
	})
	return best
}

// number reads an integer the probe recorded on n.
func number(t *testing.T, n *xhtml.Node, name string) int {
	t.Helper()
	v, _ := attr(n, name)
	i, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("the probe recorded %s=%q: %v", name, v, err)
	}
	return i
}

// checkScreenshot checks a screenshot is a 1200 × 1600 PNG with text on
// it: at least 1 % of its pixels dark.
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b := img.Bounds()
	if b.Dx() != 1200 || b.Dy() != 1600 {
		t.Errorf("%s is %d × %d, want 1200 × 1600", path, b.Dx(), b.Dy())
	}
	if dark := darkShare(img); dark < 0.01 {
		t.Errorf("%s looks blank: %.2f %% of its pixels are dark", path, 100*dark)
	}
}

// darkShare is the share of an image's pixels darker than mid-grey.
func darkShare(img image.Image) float64 {
	b := img.Bounds()
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0x8000 {
				dark++
			}
		}
	}
	return float64(dark) / float64(b.Dx()*b.Dy())
}
