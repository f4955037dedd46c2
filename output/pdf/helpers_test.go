package pdf

import (
	"bytes"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/declconv/declconv/declaration"
)

const (
	uming = "/usr/share/fonts/truetype/arphic/uming.ttc"
	wqy   = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
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
func testWriter(t testing.TB) *Writer {
	t.Helper()
	if _, err := os.Stat(uming); err != nil {
		testfiles.Missing(t, "font %s not installed (apt-get install fonts-arphic-uming)", uming)
	}
	w := &Writer{Font: uming, HeadingFont: "none", Getenv: func(string) string { return "" }}
	if _, err := os.Stat(wqy); err == nil {
		w.HeadingFont = wqy
	}
	return w
}

// render writes d with w and returns the PDF.
func render(t testing.TB, w *Writer, d *declaration.Document) []byte {
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
// closing), without whitespace. Markup (Markdown ###) and setext
// underlines are source syntax that the PDF renders as typography, so
// they are left out.
func expected(d *declaration.Document) string {
	var b strings.Builder
	add := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
		}
	}
	blocks := func(bs []*declaration.Block) {
		for _, bl := range bs {
			add(bl.Label, bl.Text)
		}
	}
	var provisions func([]*declaration.Provision)
	provisions = func(ps []*declaration.Provision) {
		for _, p := range ps {
			add(p.Label, p.Heading, p.Text)
			provisions(p.Children)
		}
	}
	blocks(d.Front)
	blocks(d.Preamble)
	provisions(d.Body)
	blocks(d.Closing)
	for _, a := range d.Attachments {
		add(a.Label, a.Heading)
		provisions(a.Body)
		blocks(a.Closing)
	}
	return squeeze(b.String())
}

// squeeze removes whitespace.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
