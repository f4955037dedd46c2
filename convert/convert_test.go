package convert

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testfiles"
	"github.com/declconv/declconv/output/pdf/font"
)

// sample is a small valid document.
func sample() *declaration.Document {
	d := &declaration.Document{
		Schema: declaration.SchemaVersion,
		Source: declaration.Source{Name: "s.txt", SHA256: strings.Repeat("0", 64), Encoding: "utf-8", Bytes: 30},
		Title:  "联合声明",
		Kind:   declaration.JointStatement,
		Body: []*declaration.Provision{
			{Kind: declaration.Article, Label: "一、", Number: 1, Text: "双方同意。", Pos: declaration.Pos{Line: 3, Col: 1}},
		},
		Diagnostics: []declaration.Diagnostic{
			{Level: declaration.LevelWarning, Code: "no-closing", Pos: declaration.Pos{Line: 3, Col: 6}, Message: "document ends with no closing"},
		},
	}
	d.AssignIDs()
	return d
}

func TestLookup(t *testing.T) {
	for _, f := range formats {
		for _, name := range append([]string{f.Name, strings.ToUpper(f.Name), " " + f.Name + " "}, f.Aliases...) {
			got, ok := Lookup(name)
			if !ok || got.Name != f.Name {
				t.Errorf("Lookup(%q) = %q, %v; want %q", name, got.Name, ok, f.Name)
			}
		}
	}
	if f, ok := Lookup("docx"); ok {
		t.Errorf("Lookup(docx) = %q, true", f.Name)
	}
	if _, ok := Lookup(""); ok {
		t.Error(`Lookup("") found a format`)
	}
}

// TestTable checks the rows of the format table: a lower-case name and
// aliases that name nothing else, an extension with its dot used once,
// a writer and a line of documentation.
func TestTable(t *testing.T) {
	names, exts := map[string]bool{}, map[string]bool{}
	for _, f := range formats {
		for _, n := range append([]string{f.Name}, f.Aliases...) {
			if n != strings.ToLower(n) || n == "" || names[n] {
				t.Errorf("format %q: name or alias %q empty, not lower case or used twice", f.Name, n)
			}
			names[n] = true
		}
		if !strings.HasPrefix(f.Ext, ".") || f.Ext != strings.ToLower(f.Ext) || exts[f.Ext] {
			t.Errorf("format %q: extension %q must be lower case, start with a dot and be unique", f.Name, f.Ext)
		}
		exts[f.Ext] = true
		if f.write == nil || f.Doc == "" {
			t.Errorf("format %q: no writer or no Doc", f.Name)
		}
	}
	fs := Formats()
	fs[0].Name = "changed"
	if formats[0].Name == "changed" {
		t.Error("Formats returns the table itself, not a copy")
	}
	if !slices.Equal(FormatNames()[:2], []string{"yaml", "json"}) {
		t.Errorf("FormatNames() = %q, want yaml and json first", FormatNames())
	}
}

// TestFormatsWrite writes the sample in every format, and reads back
// those that are canonical.
func TestFormatsWrite(t *testing.T) {
	d := sample()
	for _, f := range Formats() {
		t.Run(f.Name, func(t *testing.T) {
			if f.Name == "pdf" {
				if _, err := font.Locate("", os.Getenv, font.SystemFonts(), "-font"); err != nil {
					testfiles.Missing(t, "%v", err)
				}
			}
			var buf bytes.Buffer
			if err := f.Write(&buf, d, Options{}); err != nil {
				t.Fatal(err)
			}
			if buf.Len() == 0 {
				t.Error("empty output")
			}
			if from := Sniff(buf.Bytes()); from != FromText && string(from) != f.Name {
				t.Errorf("output sniffed as %s", from)
			}
			if f.Name != "yaml" && f.Name != "json" {
				return
			}
			back, err := Read(&buf, "out"+f.Ext, FromAuto)
			if err != nil {
				t.Fatalf("reading back: %v", err)
			}
			var a, b bytes.Buffer
			declaration.EncodeJSON(&a, d)
			declaration.EncodeJSON(&b, back)
			if a.String() != b.String() {
				t.Errorf("round trip changed the document:\n%s\nwant\n%s", b.String(), a.String())
			}
		})
	}
	if err := (Format{Name: "none"}).Write(io.Discard, d, Options{}); err == nil {
		t.Error("the zero Format wrote something")
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     From
	}{
		{"yaml", "schema: declconv/v1\nsource:\n  name: a\n", FromYAML},
		{"yaml quoted", "schema: \"declconv/v1\"\n", FromYAML},
		{"yaml future version", "schema: declconv/v9\n", FromYAML},
		{"yaml with document markers", "# edited\n---\nkind: other\nschema: declconv/v1\n...\n\n", FromYAML},
		{"yaml with BOM", "\ufeffschema: declconv/v1\n", FromYAML},
		{"yaml schema not at top level", "source:\n  schema: declconv/v1\n", FromText},
		{"yaml other schema", "schema: other/v1\n", FromText},
		{"json", `{"schema": "declconv/v1", "kind": "other"}`, FromJSON},
		{"json indented", "\n  {\n  \"schema\" :\"declconv/v1\"\n}", FromJSON},
		{"json schema later", `{"kind": "other", "schema": "declconv/v1"}`, FromJSON},
		{"json other", `{"schema": "other"}`, FromText},
		{"front matter", "---\ntitle: 联合声明\n---\n一、双方同意。\n", FromText},
		{"front matter claiming our schema", "---\nschema: declconv/v1\n---\n一、双方同意。\n", FromText},
		// Defect 7 of issue 11: what starts as a canonical file is one,
		// and a second document in it is the decoder's error to report.
		{"yaml with a second document", "schema: declconv/v1\nkind: other\n---\nschema: declconv/v1\nkind: other\n", FromYAML},
		{"yaml after a comment, then text", "# edited\nschema: declconv/v1\n---\n一、双方同意。\n", FromYAML},
		// Defect 10: only the head is read; a schema key beyond it does
		// not count.
		{"json schema beyond the head", "{\"kind\": \"" + strings.Repeat("x", sniffSize) + "\", \"schema\": \"declconv/v1\"}", FromText},
		{"text", "中华人民共和国和哈萨克斯坦共和国联合声明\n\n一、双方同意。\n", FromText},
		{"text mentioning schema", "The schema: declconv/v1 is not at the start of a line\n", FromText},
		{"empty", "", FromText},
	} {
		if got := Sniff([]byte(tc.in)); got != tc.want {
			t.Errorf("%s: Sniff = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestParseFrom(t *testing.T) {
	for _, f := range froms {
		if got, err := ParseFrom(strings.ToUpper(string(f))); err != nil || got != f {
			t.Errorf("ParseFrom(%q) = %q, %v", f, got, err)
		}
	}
	if _, err := ParseFrom("xml"); err == nil || !strings.Contains(err.Error(), "auto, text, yaml, json") {
		t.Errorf("ParseFrom(xml): %v, want an error listing the kinds", err)
	}
}

func TestRead(t *testing.T) {
	var y, j bytes.Buffer
	declaration.EncodeYAML(&y, sample())
	declaration.EncodeJSON(&j, sample())

	// Text goes to the parser, which names the source.
	d, err := Read(strings.NewReader("一、双方同意。\n"), "a.txt", FromAuto)
	if err != nil || d.Source.Name != "a.txt" {
		t.Fatalf("text: %v, %+v", err, d)
	}
	// -from text takes canonical YAML as text.
	if d, err := Read(bytes.NewReader(y.Bytes()), "a.yaml", FromText); err != nil || d.Source.Name != "a.yaml" {
		t.Errorf("-from text of YAML: %v; want it parsed as text", err)
	}
	for _, from := range []From{FromAuto, FromYAML} {
		if d, err := Read(bytes.NewReader(y.Bytes()), "a.yaml", from); err != nil || d.Title != "联合声明" {
			t.Errorf("YAML with %s: %v", from, err)
		}
	}
	for _, from := range []From{FromAuto, FromJSON} {
		if d, err := Read(bytes.NewReader(j.Bytes()), "a.json", from); err != nil || d.Title != "联合声明" {
			t.Errorf("JSON with %s: %v", from, err)
		}
	}
	if _, err := Read(bytes.NewReader(j.Bytes()), "a.json", FromYAML); err != nil {
		t.Errorf("JSON is YAML too: %v", err)
	}
	if _, err := Read(bytes.NewReader(y.Bytes()), "a.yaml", FromJSON); err == nil {
		t.Error("YAML read as JSON: no error")
	}

	// A broken canonical file names itself, a line and a column.
	_, err = Read(strings.NewReader("schema: declconv/v1\nbogus: 1\n"), "b.yaml", FromAuto)
	if err == nil || !strings.Contains(err.Error(), "b.yaml:2:1: ") {
		t.Errorf("broken YAML: %v; want b.yaml:2:1: …", err)
	}

	// Decoding validates: a duplicate ID is reported under the file read,
	// with the source position it refers to.
	bad := sample()
	bad.Body = append(bad.Body, &declaration.Provision{ID: "art_1", Kind: declaration.Article, Pos: declaration.Pos{Line: 5, Col: 1}})
	y.Reset()
	declaration.EncodeYAML(&y, bad)
	_, err = Read(&y, "c.yaml", FromAuto)
	var list declaration.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || !strings.HasPrefix(err.Error(), "c.yaml: invalid document: s.txt:5:1: duplicate id") {
		t.Errorf("invalid document: %v", err)
	}
	if _, err := Read(strings.NewReader(""), "x", "xml"); err == nil {
		t.Error("unknown From: no error")
	}
}

func TestOutputPath(t *testing.T) {
	yaml, _ := Lookup("yaml")
	json, _ := Lookup("json")
	akn, _ := Lookup("akn")
	for _, tc := range []struct {
		input, dir string
		f          Format
		want       string
	}{
		{"a/statement.txt", "", json, "a/statement.json"},
		{"statement.txt", "", yaml, "statement.yaml"},
		{"a/statement.txt", "out", json, "out/statement.json"},
		{"a/b.c/README", "", json, "a/b.c/README.json"},
		{"a/x.tar.txt", "out/", yaml, "out/x.tar.yaml"},
		{"a/.hidden", "", yaml, "a/.hidden.yaml"},
		{"a/statement.txt", "", akn, "a/statement.akn.xml"},
		{"a/x.tar.txt", "out", akn, "out/x.tar.akn.xml"},
	} {
		if got := OutputPath(filepath.FromSlash(tc.input), filepath.FromSlash(tc.dir), tc.f); got != filepath.FromSlash(tc.want) {
			t.Errorf("OutputPath(%q, %q, %s) = %q, want %q", tc.input, tc.dir, tc.f.Name, got, tc.want)
		}
	}
}

func TestFindInputs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.txt", "a.YAML", "c.yml", "sub/d.json", "sub/e.pdf", "notes", ".git/f.txt", ".g.txt", "z/y/x.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o644)
	}
	got, err := FindInputs(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
		got[i] = filepath.ToSlash(got[i])
	}
	want := []string{"a.YAML", "b.txt", "c.yml", "sub/d.json", "z/y/x.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("FindInputs = %q, want %q", got, want)
	}
	if _, err := FindInputs(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing directory: no error")
	}
}

// tempFiles lists what is in dir apart from want.
func leftovers(t *testing.T, dir string, want ...string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var extra []string
	for _, e := range es {
		if !slices.Contains(want, e.Name()) {
			extra = append(extra, e.Name())
		}
	}
	return extra
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("content %q, want new", b)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", info.Mode().Perm())
	}

	// A failing writer leaves the old file as it was and no temporary file.
	boom := errors.New("boom")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("half", 1<<16)) // more than the buffer: reaches the file
		return boom
	})
	if !errors.Is(err, boom) || err.Error() != path+": boom" {
		t.Errorf("error %v, want %s: boom", err, path)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("after a failed write the file holds %q, want new", b)
	}
	if extra := leftovers(t, dir, "out.json"); extra != nil {
		t.Errorf("left behind: %q", extra)
	}

	// A rename that fails (the path is a directory) cleans up too.
	sub := filepath.Join(dir, "sub.json")
	os.Mkdir(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "keep"), nil, 0o644)
	err = WriteFileAtomic(sub, func(w io.Writer) error { return nil })
	if err == nil || !strings.HasPrefix(err.Error(), sub+": ") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("error %v, want %s: cause, with no temporary name", err, sub)
	}
	if extra := leftovers(t, dir, "out.json", "sub.json"); extra != nil {
		t.Errorf("left behind: %q", extra)
	}

	// A directory that does not exist.
	if err := WriteFileAtomic(filepath.Join(dir, "no", "x.json"), func(io.Writer) error { return nil }); err == nil {
		t.Error("missing directory: no error")
	}
}

// TestConvert writes the outputs it can, reports the others by path and
// leaves no temporary files.
func TestConvert(t *testing.T) {
	dir := t.TempDir()
	yaml, _ := Lookup("yaml")
	json, _ := Lookup("json")
	failing := Format{Name: "fail", Ext: ".fail", write: func(w io.Writer, _ *declaration.Document, _ Options) error {
		io.WriteString(w, "partial")
		return errors.New("writer failed")
	}}
	outs := []Output{
		{yaml, filepath.Join(dir, "s.yaml")},
		{failing, filepath.Join(dir, "s.fail")},
		{json, filepath.Join(dir, "s.json")},
	}
	err := Convert(sample(), outs, Options{})
	if err == nil || err.Error() != filepath.Join(dir, "s.fail")+": writer failed" {
		t.Errorf("Convert: %v", err)
	}
	if extra := leftovers(t, dir, "s.yaml", "s.json"); extra != nil {
		t.Errorf("left behind: %q", extra)
	}
	for _, name := range []string{"s.yaml", "s.json"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Read(f, name, FromAuto); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		f.Close()
	}
}

// TestHasExt: an output is told by its whole extension, two dots and
// all, in any case.
func TestHasExt(t *testing.T) {
	akn, _ := Lookup("akn")
	json, _ := Lookup("json")
	for _, c := range []struct {
		f    Format
		path string
		want bool
	}{
		{akn, "out/x.akn.xml", true}, {akn, "X.AKN.XML", true}, {akn, "x.xml", false},
		{akn, ".akn.xml", false}, {akn, "akn.xml", false}, {json, "a.json", true}, {json, "a.json.txt", false},
	} {
		if got := c.f.HasExt(c.path); got != c.want {
			t.Errorf("%s.HasExt(%q) = %v, want %v", c.f.Name, c.path, got, c.want)
		}
	}
}

// TestSkipOutputs: with -to akn, a found file that is the akn output of
// a sibling input from an earlier run is not an input, its extension's
// two dots and all; a lone .akn.xml and an unrelated .xml stay.
func TestSkipOutputs(t *testing.T) {
	akn, _ := Lookup("akn")
	var inputs []Input
	for _, p := range []string{"a.txt", "a.akn.xml", "a.json", "b.akn.xml", "c.xml"} {
		inputs = append(inputs, Input{Path: p, Found: true})
	}
	l := listOf(inputs)
	skipOutputs(&l, []Format{akn})
	var left []string
	for _, in := range l.inputs() {
		left = append(left, in.Path)
	}
	if want := []string{"a.txt", "a.json", "b.akn.xml", "c.xml"}; !slices.Equal(left, want) {
		t.Errorf("skipOutputs left %q, want %q", left, want)
	}
}
