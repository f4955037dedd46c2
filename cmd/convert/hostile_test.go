package main

// Tests of issue 11: what a hostile (or hurried) user tried, each
// numbered as the defect it pins.

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSideFilesNeverOverwriteInputs (defect 1): -manifest and
// -diagnostics-out naming an input, named or found in a directory, are a
// usage error before anything is written; the input keeps its bytes and
// stays an input.
func TestSideFilesNeverOverwriteInputs(t *testing.T) {
	dir := files(t, map[string]string{"x.txt": statement, "y.txt": statement, "d/1.txt": statement, "d/2.txt": statement})
	for _, args := range [][]string{
		{"-to", "json", "-o", "out/", "-manifest", "x.txt", "x.txt"},
		{"-to", "json", "-o", "out/", "-manifest", "./x.txt", "x.txt", "y.txt"},
		{"-diagnostics", "json", "-diagnostics-out", "y.txt", "y.txt"},
		{"-to", "json", "-o", "out/", "-manifest", "d/2.txt", "d/"},
		{"-to", "json", "-o", "out/", "-diagnostics", "json", "-diagnostics-out", "d/1.txt", "d"},
	} {
		r := convertIn(t, dir, "", args...)
		r.want(t, exitUsage)
		if !strings.Contains(r.stderr, "is an input") {
			t.Errorf("%q: stderr %q", args, r.stderr)
		}
	}
	for _, f := range []string{"x.txt", "y.txt", "d/1.txt", "d/2.txt"} {
		if read(t, filepath.Join(dir, f)) != statement {
			t.Errorf("%s overwritten", f)
		}
	}
	if got := tree(t, dir); slices.ContainsFunc(got, func(f string) bool { return strings.HasPrefix(f, "out/") }) {
		t.Errorf("something was written: %q", got)
	}
	// A manifest of our own found in the directory (the previous run's)
	// is not an input, and is replaced.
	convertIn(t, dir, "", "-to", "json", "-o", "out/", "-manifest", "d/m.json", "d").want(t, 0)
	r := convertIn(t, dir, "", "-to", "json", "-o", "out/", "-manifest", "d/m.json", "-incremental", "d")
	r.want(t, 0)
	if m := manifestOf(t, filepath.Join(dir, "d/m.json")); len(m.Inputs) != 2 {
		t.Errorf("manifest lists %d inputs, want 2", len(m.Inputs))
	}
}

// TestSideFilesNeverReplaceOutputs (defect 2): a manifest or diagnostics
// file at the path of an output is a usage error.
func TestSideFilesNeverReplaceOutputs(t *testing.T) {
	dir := files(t, map[string]string{"z.txt": statement})
	for _, args := range [][]string{
		{"-to", "json", "-o", "out3/", "-manifest", "out3/z.json", "z.txt"},
		{"-to", "json", "-o", "out3/", "-diagnostics", "json", "-diagnostics-out", "out3/z.json", "z.txt"},
		{"-to", "json", "-o", "out3/", "-diagnostics", "json", "-diagnostics-out", "m.json", "-manifest", "./m.json", "z.txt"},
		{"-to", "yaml", "-manifest", "z.yaml", "z.txt"},
	} {
		r := convertIn(t, dir, "", args...)
		r.want(t, exitUsage)
		if !strings.Contains(r.stderr, "is also") {
			t.Errorf("%q: stderr %q", args, r.stderr)
		}
	}
	if got := tree(t, dir); !slices.Equal(got, []string{"z.txt"}) {
		t.Errorf("files %q", got)
	}
}

// TestFormatFromOutputName (defect 3): without -to, -o FILE's extension
// names the format; with -to, an extension of another format is refused.
func TestFormatFromOutputName(t *testing.T) {
	needFont(t)
	dir := files(t, map[string]string{"seed.txt": statement})
	convertIn(t, dir, "", "-o", "seed.pdf", "seed.txt").want(t, 0)
	if b := read(t, filepath.Join(dir, "seed.pdf")); !strings.HasPrefix(b, "%PDF-") {
		t.Errorf("seed.pdf starts %q", b[:min(len(b), 20)])
	}
	convertIn(t, dir, "", "-o", "s.JSON", "seed.txt").want(t, 0)
	decode(t, filepath.Join(dir, "s.JSON"))
	convertIn(t, dir, "", "-o", "s.yml", "seed.txt").want(t, 0)
	if b := read(t, filepath.Join(dir, "s.yml")); !strings.HasPrefix(b, "schema: ") {
		t.Errorf("s.yml is not YAML: %.40q", b)
	}
	// A two-dot extension names its format too.
	convertIn(t, dir, "", "-o", "s.akn.xml", "seed.txt").want(t, 0)
	if b := read(t, filepath.Join(dir, "s.akn.xml")); !strings.HasPrefix(b, "<?xml") {
		t.Errorf("s.akn.xml is not XML: %.40q", b)
	}
	for _, args := range [][]string{
		{"-to", "html", "-o", "x.akn.xml", "seed.txt"},
		{"-to", "pdf", "-o", "x.json", "seed.txt"},
		{"-to", "yaml", "-o", "x.txt", "seed.txt"},
		{"-to", "xlsx", "-o", "x.pdf", "seed.txt", "seed.txt"},
	} {
		r := convertIn(t, dir, "", args...)
		r.want(t, exitUsage)
		if !strings.Contains(r.stderr, "extension") {
			t.Errorf("%q: stderr %q", args, r.stderr)
		}
	}
	for _, f := range []string{"x.akn.xml", "x.json", "x.txt", "x.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s written", f)
		}
	}
	// An extension that is no format's is taken as written.
	convertIn(t, dir, "", "-to", "json", "-o", "x.out", "seed.txt").want(t, 0)
	decode(t, filepath.Join(dir, "x.out"))
}

// TestInPlaceRerunOtherFormat (defect 4): converting a folder in place,
// then again into another format: the sources are the inputs, our own
// canonical outputs beside them are not.
func TestInPlaceRerunOtherFormat(t *testing.T) {
	dir := files(t, map[string]string{"corpus/a.txt": statement, "corpus/sub/b.txt": statement})
	convertIn(t, dir, "", "-to", "json", "corpus/").want(t, 0)
	r := convertIn(t, dir, "", "-to", "yaml", "-v", "corpus/")
	r.want(t, 0)
	for _, in := range []string{"corpus/a.txt: ok", "corpus/sub/b.txt: ok"} {
		if !strings.Contains(r.stderr, in) {
			t.Errorf("stderr lacks %q:\n%s", in, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "a.json") || !strings.Contains(r.stderr, "converted 2 of 2 documents") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if d := decode(t, filepath.Join(dir, "corpus/sub/b.yaml")); !strings.HasSuffix(d.Source.Name, "b.txt") {
		t.Errorf("corpus/sub/b.yaml is from %s", d.Source.Name)
	}
	// Into a directory, the same: the sources only.
	r = convertIn(t, dir, "", "-to", "txt", "-o", "out/", "corpus/")
	r.want(t, 0)
	if !strings.Contains(r.stderr, "converted 2 of 2 documents") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	// A canonical file whose source is not beside it is an input; one
	// beside a text of its name that is not its source stays one too
	// (and its output clashes).
	dir = files(t, map[string]string{"c/a.txt": statement, "c/b.txt": statement, "lone/x.txt": statement})
	convertIn(t, dir, "", "-to", "yaml", "-o", "c/a.yaml", "c/b.txt").want(t, 0)
	convertIn(t, dir, "", "-to", "yaml", "-o", "lone/y.yaml", "lone/x.txt").want(t, 0)
	r = convertIn(t, dir, "", "-to", "json", "-v", "lone/")
	r.want(t, 0)
	if !strings.Contains(r.stderr, "lone/y.yaml: ok lone/y.json") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	r = convertIn(t, dir, "", "-to", "json", "c/")
	r.want(t, exitFailed)
	if !strings.Contains(r.stderr, "c/a.yaml: not writing c/a.json: it is the output of c/a.txt") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// TestTextBesideTextInput (defect 5): README's example -to json,txt of a
// .txt input writes both, the text as NAME.out.txt; a rerun on the folder
// does not take NAME.out.txt as an input.
func TestTextBesideTextInput(t *testing.T) {
	dir := files(t, map[string]string{"d/statement.txt": statement})
	r := convertIn(t, dir, "", "-to", "json,txt", "d/statement.txt")
	r.want(t, 0)
	if got := tree(t, dir); !slices.Equal(got, []string{"d/statement.json", "d/statement.out.txt", "d/statement.txt"}) {
		t.Errorf("files %q", got)
	}
	if read(t, filepath.Join(dir, "d/statement.txt")) != statement {
		t.Error("input overwritten")
	}
	if !strings.Contains(read(t, filepath.Join(dir, "d/statement.out.txt")), "双方同意。") {
		t.Error("statement.out.txt lacks the text")
	}
	r = convertIn(t, dir, "", "-to", "json,txt", "-v", "d")
	r.want(t, 0)
	if !strings.Contains(r.stderr, "converted 1 of 1 document ") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// TestFailedDocumentWritesNothing (defect 6): a document that fails in
// one format writes none of them; the manifest lists no outputs for it
// and the summary counts the files really written.
func TestFailedDocumentWritesNothing(t *testing.T) {
	needFont(t)
	bad := "联合声明\n\n一、双方同意 \U00013000 合作。\n" // outside the BMP: the PDF writer refuses it
	dir := files(t, map[string]string{"in/a.txt": statement, "in/b.txt": bad})
	r := convertIn(t, dir, "", "-to", "json,pdf", "-o", "out/", "-manifest", "m.json", "in/")
	r.want(t, exitFailed)
	if got := tree(t, filepath.Join(dir, "out")); !slices.Equal(got, []string{"a.json", "a.pdf"}) {
		t.Errorf("files %q, want a's two", got)
	}
	if !strings.Contains(r.stderr, "converted 1 of 2 documents (2 files)") || !strings.Contains(r.stderr, "1 failed") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	// The writer's positioned error is reported once, position first
	// (defect 14: it read "in/b.txt: out/b.pdf: in/b.txt:3:8: …").
	if !strings.Contains(r.stderr, "in/b.txt:3:8: out/b.pdf: art_1: character U+13000") || strings.Contains(r.stderr, "in/b.txt: out/b.pdf: in/b.txt") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	m := manifestOf(t, filepath.Join(dir, "m.json"))
	if e := entry(t, m, "in/b.txt"); e.Status != "failed" || len(e.Outputs) != 0 || !strings.Contains(e.Error, "U+13000") {
		t.Errorf("manifest entry of b: %+v", e)
	}
	// A clash with an input fails the document's other formats too.
	dir = files(t, map[string]string{"x.yaml": "", "s.txt": statement})
	convertIn(t, dir, "", "-o", "x.yaml", "s.txt").want(t, 0)
	convertIn(t, dir, "", "-to", "json,yaml", "x.yaml").want(t, exitFailed)
	if _, err := os.Stat(filepath.Join(dir, "x.json")); err == nil {
		t.Error("x.json written for a document that failed")
	}
}

// TestCanonicalYAMLWithSecondDocument (defect 7): content that starts as
// canonical YAML is decoded as it, and fails as it, under -from auto.
func TestCanonicalYAMLWithSecondDocument(t *testing.T) {
	dir := files(t, map[string]string{"s.txt": statement})
	convertIn(t, dir, "", "-o", "one.yaml", "s.txt").want(t, 0)
	one := read(t, filepath.Join(dir, "one.yaml"))
	os.WriteFile(filepath.Join(dir, "two.yaml"), []byte(one+"---\n"+one), 0o644)
	for _, from := range []string{"auto", "yaml"} {
		r := convertIn(t, dir, "", "-from", from, "-to", "json", "-o", "-", "two.yaml")
		r.want(t, exitFailed)
		if !strings.Contains(r.stderr, "two.yaml:") || !strings.Contains(r.stderr, "more than one YAML document") {
			t.Errorf("-from %s: stderr %q", from, r.stderr)
		}
	}
}

// TestStaleTemporariesRemoved (defect 13): a temporary file of our
// naming pattern left by a killed run is removed by the next run into
// that folder; a fresh one (another live run's) and other dot files stay.
func TestStaleTemporariesRemoved(t *testing.T) {
	dir := files(t, map[string]string{
		"a.txt":                  statement,
		"out/.a.pdf.1234.tmp":    "%PDF-1.3 half",
		"out/.b.json.99.tmp":     "{",
		"out/.fresh.json.77.tmp": "{",
		"out/.notes.md.5.tmp":    "mine",
		"out/.c.json.x1.tmp":     "not digits",
	})
	old := time.Now().Add(-2 * time.Hour)
	for _, f := range []string{".a.pdf.1234.tmp", ".b.json.99.tmp", ".notes.md.5.tmp", ".c.json.x1.tmp"} {
		if err := os.Chtimes(filepath.Join(dir, "out", f), old, old); err != nil {
			t.Fatal(err)
		}
	}
	convertIn(t, dir, "", "-to", "json", "-o", "out/", "a.txt").want(t, 0)
	want := []string{".c.json.x1.tmp", ".fresh.json.77.tmp", ".notes.md.5.tmp", "a.json"}
	if got := tree(t, filepath.Join(dir, "out")); !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
}

// TestSourceNameRelativeToArgument (defect 15): source.name is the
// input's path relative to the argument that named it, so the same
// batch run from another folder gives the same bytes.
func TestSourceNameRelativeToArgument(t *testing.T) {
	dir := files(t, map[string]string{"corpus/a.txt": statement, "corpus/sub/b.txt": statement, "one.txt": statement, "work/.keep": ""})
	convertIn(t, dir, "", "-to", "yaml,json", "-o", "out1/", "corpus/", "one.txt").want(t, 0)
	convertIn(t, filepath.Join(dir, "work"), "", "-to", "yaml,json", "-o", "../out2/", "../corpus", filepath.Join(dir, "one.txt")).want(t, 0)
	os.WriteFile(filepath.Join(dir, "list"), []byte("corpus/sub/b.txt\n"), 0o644)
	convertIn(t, dir, "", "-to", "yaml", "-o", "out3/", "-files-from", "list").want(t, 0)
	a, b := snapshot(t, filepath.Join(dir, "out1")), snapshot(t, filepath.Join(dir, "out2"))
	sameTrees(t, "run from work/", a, b)
	for f, want := range map[string]string{"out1/a.yaml": "a.txt", "out1/sub/b.json": "sub/b.txt", "out1/one.yaml": "one.txt", "out3/b.yaml": "b.txt"} {
		if d := decode(t, filepath.Join(dir, f)); d.Source.Name != want {
			t.Errorf("%s: source.name %q, want %q", f, d.Source.Name, want)
		}
	}
	// Messages still name the input as given.
	os.WriteFile(filepath.Join(dir, "corpus/sub/bad.txt"), []byte("a\x00b"), 0o644)
	r := convertIn(t, dir, "", "-to", "yaml", "-o", "out4/", "corpus/")
	if !strings.Contains(r.stderr, "corpus/sub/bad.txt:1:2:") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// TestDefaultTimeout (defect 12): without -timeout a document's bound is
// 60 s plus 2 s per MB of input; -timeout D sets it, 0 removes it.
func TestDefaultTimeout(t *testing.T) {
	dir := files(t, map[string]string{"a.txt": statement})
	t.Chdir(dir)
	for _, tc := range []struct {
		args        []string
		base, perMB time.Duration
	}{
		{nil, 60 * time.Second, 2 * time.Second},
		{[]string{"-timeout", "5s"}, 5 * time.Second, 0},
		{[]string{"-timeout", "0"}, 0, 0},
	} {
		var o options
		inputs, err := parseArgs(flags(&o), append(tc.args, "a.txt"))
		if err != nil {
			t.Fatal(err)
		}
		b := &batch{opts: o}
		if err := b.setUp(inputs); err != nil {
			t.Fatal(err)
		}
		if b.runner.Timeout != tc.base || b.runner.TimeoutPerMB != tc.perMB {
			t.Errorf("%q: timeout %v + %v per MB, want %v + %v", tc.args, b.runner.Timeout, b.runner.TimeoutPerMB, tc.base, tc.perMB)
		}
	}
	r := convertIn(t, dir, "", "-timeout", "-1s", "a.txt")
	r.want(t, exitUsage)
	r = convertIn(t, dir, "", "-timeout", "soon", "a.txt")
	r.want(t, exitUsage)
}

// TestLargeInputRefusedBeforeReading (defect 10): an input over the
// 64 MiB limit is refused by its size: the run allocates a few MB, not
// the hundreds that reading it would take.
func TestLargeInputRefusedBeforeReading(t *testing.T) {
	dir := files(t, map[string]string{"big.txt": ""})
	if err := os.Truncate(filepath.Join(dir, "big.txt"), 70<<20); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := convertIn(t, dir, "", "-to", "json", "big.txt")
	runtime.ReadMemStats(&after)
	r.want(t, exitFailed)
	if !strings.Contains(r.stderr, "big.txt: input of 70.0 MiB, larger than the 64 MiB") {
		t.Errorf("stderr %q", r.stderr)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("allocated %d MB to refuse it", alloc>>20)
	}
}
