package xlsx

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
)

// viaExcelize writes b as excelize builds it, without the template.
func viaExcelize(t testing.TB, b *Workbook) []byte {
	t.Helper()
	modified, err := b.modified()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zs := newZipSorter(&buf, zipTime(modified), "")
	if _, err := b.build(zs, modified); err != nil {
		t.Fatal(err)
	}
	if err := zs.emit(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameAsExcelize writes d as a one-document workbook from the template and
// through excelize, wants the same bytes, and says whether the template
// took it.
func sameAsExcelize(t testing.TB, d *declaration.Document, memLimit int) (templated bool) {
	t.Helper()
	b := newWorkbook(Options{}, false)
	defer b.Close()
	if memLimit > 0 {
		b.setMemLimit(memLimit)
	}
	if err := b.Add(d); err != nil {
		t.Fatal(err)
	}
	modified, _ := b.modified()
	zs := newZipSorter(io.Discard, zipTime(modified), "")
	templated, err := b.fillTemplate(zs, modified)
	_ = zs.discard()
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if _, err := b.WriteTo(&got); err != nil {
		t.Fatal(err)
	}
	if want := viaExcelize(t, b); !bytes.Equal(got.Bytes(), want) {
		t.Errorf("%s: the workbook from the template differs from excelize's (templated %v)", docName(d), templated)
	}
	return templated
}

// TestTemplateMatchesExcelize writes every test document, and the
// corpus's where it is present, from the template and through excelize,
// and wants the same bytes.
func TestTemplateMatchesExcelize(t *testing.T) {
	if oneDocument() == nil {
		_, err := newTemplate()
		t.Fatalf("no template: %v", err)
	}
	for _, c := range goldenCases(t) {
		d := testdocs.Load(t, c.yaml)
		// Only a document with an escaped character goes through
		// excelize (testdata/hostile.yaml has one).
		src, err := os.ReadFile(c.yaml)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := sameAsExcelize(t, d, 0), !hasEscapedChar(src); got != want {
			t.Errorf("%s: written from the template %v, want %v", c.name, got, want)
		}
	}
	// Rows spooled to temporary files.
	if !sameAsExcelize(t, seed(t), 256) {
		t.Error("seed spooled: not written from the template")
	}
	// What excelize takes for an escaped character goes through excelize.
	d := seed(t)
	d.Body[0].Text = "a_x0041_b"
	if sameAsExcelize(t, d, 0) {
		t.Error("a text with _x0041_ was written from the template")
	}
	d.Body[0].Text = "a_x004_b _xg041_"
	if !sameAsExcelize(t, d, 0) {
		t.Error("a text with no escaped character was not written from the template")
	}
	if testing.Short() {
		return
	}
	dir := testfiles.CorpusPath(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		testfiles.Missing(t, "corpus folder %s has no .txt files (set DECLCONV_CORPUS): the corpus is not compared", dir)
		return
	}
	templated := 0
	for _, path := range files {
		d, err := parseFile(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if sameAsExcelize(t, d, 0) {
			templated++
		}
	}
	if templated == 0 {
		t.Errorf("none of the %d corpus documents was written from the template", len(files))
	}
}

// TestHasEscapedChar pins what counts as excelize's escaped character.
func TestHasEscapedChar(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, "_x": false, "_x0041_": true, "a_x00fF_b": true, "_x_x0041_": true,
		"_x0041": false, "_x004_": false, "_X0041_": false, "_xg041_": false, "x0041_": false,
	} {
		if got := hasEscapedChar([]byte(s)); got != want {
			t.Errorf("hasEscapedChar(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestPlainText checks that what plainText lets through unescaped is what
// encoding/xml and excelize leave as it is.
func TestPlainText(t *testing.T) {
	for _, s := range []string{
		"", "plain", "第一行\n第二行", "tab\there", "cr\r", `"q"`, "it's", "a&b", "<x>", "\x00", "\x1f", "\x7f",
		"\uFFFD", "\xff", "\xe4\xb8", "\uFFFE", "\uFFFF", "\U0001F600", "\u2028", "&#xA;",
	} {
		var slow sliceWriter
		_ = xml.EscapeText(&slow, []byte(s))
		same := strings.ReplaceAll(string(slow.b), "&#xA;", "\n") == s
		if plainText(s) && !same {
			t.Errorf("plainText(%q) but encoding/xml writes %q", s, slow.b)
		}
		if got := string(appendCellText(nil, s)); got != strings.ReplaceAll(string(slow.b), "&#xA;", "\n") {
			t.Errorf("appendCellText(%q) = %q, want %q", s, got, slow.b)
		}
	}
}
