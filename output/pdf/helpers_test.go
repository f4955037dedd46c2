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

// tool skips the test when a command it runs is not installed.
func tool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (apt-get install poppler-utils qpdf): %v", name, err)
	}
}

// testWriter is the writer the tests use: the fonts CI installs, named
// explicitly, and an empty environment, so that no variable of the
// machine running the tests changes the output.
func testWriter(t testing.TB) *Writer {
	t.Helper()
	if _, err := os.Stat(uming); err != nil {
		t.Skipf("font %s not installed (apt-get install fonts-arphic-uming)", uming)
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
// nested items, closings, notes), and every fixture's canonical YAML.
func documents(t *testing.T) map[string]*declaration.Document {
	docs := map[string]*declaration.Document{
		"synthetic": synthetic(), // the seed and the others come from fixtures/
	}
	for _, p := range testfiles.Fixtures(t, "want.yaml") {
		docs[filepath.Base(filepath.Dir(p))] = testdocs.Load(t, p)
	}
	return docs
}

// expected is the text the PDF must give back: every verbatim string of
// the document in order, without whitespace. Markup (Markdown ###) is
// source syntax that the PDF renders as typography, so it is left out.
func expected(d *declaration.Document) string {
	var b strings.Builder
	add := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
		}
	}
	for _, bs := range [][]*declaration.Block{d.Front, d.Preamble} {
		for _, bl := range bs {
			add(bl.Label, bl.Text)
		}
	}
	d.Walk(func(p *declaration.Provision, _ []*declaration.Provision) bool {
		add(p.Label, p.Heading, p.Text)
		return true
	})
	for _, bl := range d.Closing {
		add(bl.Label, bl.Text)
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
