package pdf

import (
	"bytes"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/declconv/declconv/declaration"
)

const (
	uming      = "/usr/share/fonts/truetype/arphic/uming.ttc"
	wqy        = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
	ukai       = "/usr/share/fonts/truetype/arphic/ukai.ttc"
	liberation = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
)

// tool skips the test when a command it runs is not installed (fails it
// in CI, see testfiles.Missing).
func tool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		testfiles.Missing(t, "%s not installed (apt-get install poppler-utils qpdf): %v", name, err)
	}
}

// testWriter is the writer the tests use: the fonts CI installs, named
// explicitly, and an empty environment, so that no variable of the
// machine running the tests changes the output.
func testWriter(t testing.TB) *Options {
	t.Helper()
	if _, err := os.Stat(uming); err != nil {
		testfiles.Missing(t, "font %s not installed (apt-get install fonts-arphic-uming)", uming)
	}
	w := &Options{Font: uming, HeadingFont: "none", KaiFont: "none", LatinFont: "none"}
	for _, f := range []struct {
		option *string
		path   string
	}{{&w.HeadingFont, wqy}, {&w.KaiFont, ukai}, {&w.LatinFont, liberation}} {
		if _, err := os.Stat(f.path); err == nil {
			*f.option = f.path
		} else if os.Getenv("CI") != "" {
			t.Fatalf("font %s not installed (scripts/deps.sh installs it)", f.path)
		}
	}
	return w
}

// render writes d with w and returns the PDF.
func render(t testing.TB, w *Options, d *declaration.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w.Write(&buf, d); err != nil {
		t.Fatalf("%s: %v", d.Source.Name, err)
	}
	return buf.Bytes()
}

// saved writes data to a file in a fresh temporary directory.
func saved(t testing.TB, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// run runs a command and returns its standard output.
func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg += ": " + string(ee.Stderr)
		}
		t.Fatalf("%s %s: %s", name, strings.Join(args, " "), msg)
	}
	return string(out)
}

// documents are the documents every content test renders: the seed, a
// document built here that has what the seed lacks (chapters, headings,
// nested items, closings, notes), and every canonical test document
// (fixtures/*/want.yaml, internal/testdocs/testdata/*/want.yaml).
func documents(t *testing.T) map[string]*declaration.Document {
	docs := map[string]*declaration.Document{
		"synthetic": synthetic(), // the seed and the others are files
	}
	for _, p := range testfiles.Canonical(t) {
		docs[filepath.Base(filepath.Dir(p))] = testdocs.Load(t, p)
	}
	return docs
}

// expected is the text the PDF must give back: every verbatim string of
// the document in order (that of Verbatim: attachments after the
// closing), without whitespace and without markup — Markdown ### and
// setext underlines, front matter, HTML comments, emphasis — which the
// PDF renders as typography or metadata. A title that only the front
// matter gave is set on the page, after the front. The characters of
// emphasis (* and _) are taken out of both sides by [comparable];
// TestNoMarkup checks that the PDF prints none as markup.
func expected(d *declaration.Document) string {
	var b strings.Builder
	add := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
		}
	}
	blocks := func(bs []*declaration.Block) {
		for _, bl := range bs {
			if bl.Kind != declaration.FrontMatter && !bl.EmptyField() {
				add(bl.Label, bl.Text)
			}
		}
	}
	var provisions func([]*declaration.Provision)
	provisions = func(ps []*declaration.Provision) {
		for _, p := range ps {
			label := p.Label
			if label == "*" || label == "-" || label == "+" {
				label = "•" // a Markdown bullet is drawn as one
			}
			add(label, p.Heading, p.Text)
			provisions(p.Children)
		}
	}
	blocks(d.Front)
	add(pageTitle(d))
	blocks(d.Preamble)
	provisions(d.Body)
	blocks(d.Closing)
	for _, a := range d.Attachments {
		add(a.Label, a.Heading)
		provisions(a.Body)
		blocks(a.Closing)
	}
	return comparable(comments.ReplaceAllString(b.String(), ""))
}

// comments are HTML comments, which the PDF does not print.
var comments = regexp.MustCompile(`(?s)<!--.*?(-->|$)`)

// comparable is text without whitespace and without the characters of
// Markdown emphasis, whose markup the PDF drops and whose literal use
// it keeps: what is left must be the same on both sides.
func comparable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '*' || r == '_' {
			return -1
		}
		return r
	}, s)
}

// uncompressed is data rewritten by qpdf with every object in the clear (no
// object stream, streams uncompressed), for tests that read the PDF's own
// syntax. --static-id keeps qpdf from adding an /ID that varies.
func uncompressed(t testing.TB, data []byte) []byte {
	t.Helper()
	tool(t, "qpdf")
	in := saved(t, data)
	out := filepath.Join(filepath.Dir(in), "plain.pdf")
	run(t, "qpdf", "--qdf", "--object-streams=disable", "--static-id", in, out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
