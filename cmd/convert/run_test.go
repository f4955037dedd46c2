package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/declconv/declconv/convert"
	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testfiles"
	"github.com/declconv/declconv/output/pdf/font"
)

// statement is a small source text in the style of the corpus.
const statement = "中华人民共和国和哈萨克斯坦共和国联合声明\n\n一、双方同意。\n二、本声明自签字之日起生效。\n"

// brokenYAML is canonical YAML that fails to decode: with the stub
// parser, the surest way to make an input fail. Line 3 has the error.
const brokenYAML = "schema: declconv/v1\nkind: other\nbogus: field\n"

// result is what one run of the command gave.
type result struct {
	code           int
	stdout, stderr string
}

// convertIn runs the command in dir with args and stdin; no stream is
// a terminal.
func convertIn(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	return convertWith(t, dir, strings.NewReader(stdin), &out, &errOut, args...)
}

// convertWith runs the command in dir with args and the given streams,
// which a test may make terminals with [tty].
func convertWith(t *testing.T, dir string, stdin io.Reader, stdout, stderr interface {
	io.Writer
	fmt.Stringer
}, args ...string) result {
	t.Helper()
	t.Chdir(dir)
	code := run(args, stdin, stdout, stderr)
	return result{code, stdout.String(), stderr.String()}
}

// tty stands in for a terminal width columns wide: what is written to it
// is kept, what is read from it is empty.
type tty struct {
	bytes.Buffer
	width int
}

func (t *tty) termWidth() int { return t.width }

// files writes name → content under a new temporary directory and returns it.
func files(t *testing.T, m map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range m {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tree lists the files under dir, slash-separated and sorted.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	return names
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// decode reads a canonical file back, failing the test if it is not one.
func decode(t *testing.T, path string) *declaration.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := convert.Read(f, path, convert.FromAuto)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// summaryLine is the line a batch ends its report with.
var summaryLine = regexp.MustCompile(`(?m)^(interrupted: )?(converted [0-9]+ of [0-9]+ documents? \([0-9]+ files?\)|checked [0-9]+ of [0-9]+ documents?) in [0-9.]+ s(; [0-9]+ unchanged)?(; [0-9]+ with warnings)?(; [0-9]+ failed)?\n\z`)

// reports is stderr without its summary line, which must be there.
func (r result) reports(t *testing.T) string {
	t.Helper()
	loc := summaryLine.FindStringIndex(r.stderr)
	if loc == nil {
		t.Fatalf("stderr does not end with a summary line:\n%s", r.stderr)
	}
	return r.stderr[:loc[0]]
}

func (r result) want(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

func TestStdinToStdout(t *testing.T) {
	dir := t.TempDir()
	r := convertIn(t, dir, statement, "-to", "json", "-")
	r.want(t, 0)
	var d declaration.Document
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if d.Source.Name != "<stdin>" || d.Schema != declaration.SchemaVersion {
		t.Errorf("source %q, schema %q", d.Source.Name, d.Schema)
	}
	if r.stderr != "" || tree(t, dir) != nil {
		t.Errorf("stderr %q, files %q: want neither", r.stderr, tree(t, dir))
	}

	// The default format is YAML; -o - says stdout explicitly.
	r = convertIn(t, dir, statement, "-o", "-", "-")
	r.want(t, 0)
	if !strings.HasPrefix(r.stdout, "schema: "+declaration.SchemaVersion+"\n") {
		t.Errorf("stdout does not start with the schema line:\n%s", r.stdout)
	}
	// A file to stdout.
	dir = files(t, map[string]string{"s.txt": statement})
	r = convertIn(t, dir, "", "-o", "-", "s.txt")
	r.want(t, 0)
	if !strings.Contains(r.stdout, "name: s.txt") || !slices.Equal(tree(t, dir), []string{"s.txt"}) {
		t.Errorf("stdout:\n%s\nfiles %q", r.stdout, tree(t, dir))
	}
}

func TestNextToInput(t *testing.T) {
	dir := files(t, map[string]string{"a/statement.txt": statement})
	r := convertIn(t, dir, "", "-to", "json", "a/statement.txt")
	r.want(t, 0)
	if got := tree(t, dir); !slices.Equal(got, []string{"a/statement.json", "a/statement.txt"}) {
		t.Errorf("files %q", got)
	}
	if d := decode(t, filepath.Join(dir, "a/statement.json")); d.Source.Name != "statement.txt" { // relative to its argument
		t.Errorf("source.name %q", d.Source.Name)
	}
	if r.stdout != "" || r.stderr != "" {
		t.Errorf("stdout %q, stderr %q: want quiet", r.stdout, r.stderr)
	}
}

func TestOutputFile(t *testing.T) {
	dir := files(t, map[string]string{"s.txt": statement})
	r := convertIn(t, dir, "", "-to", "JSON", "-o", "out.json", "s.txt")
	r.want(t, 0)
	if got := tree(t, dir); !slices.Equal(got, []string{"out.json", "s.txt"}) {
		t.Errorf("files %q", got)
	}
	decode(t, filepath.Join(dir, "out.json"))

	// Standard input to a named file.
	r = convertIn(t, dir, statement, "-o", "in.yaml", "-")
	r.want(t, 0)
	if d := decode(t, filepath.Join(dir, "in.yaml")); d.Source.Name != "<stdin>" {
		t.Errorf("source.name %q", d.Source.Name)
	}
}

func TestOutputDir(t *testing.T) {
	dir := files(t, map[string]string{
		"corpus/b.txt":     statement,
		"corpus/a.txt":     statement,
		"corpus/sub/c.txt": statement,
		"corpus/notes.md":  "not an input",
		"d.txt":            statement,
	})
	// Several formats, a directory input and a file; out/ does not exist yet.
	r := convertIn(t, dir, "", "-to", "yaml,json", "-o", "out", "corpus", "d.txt")
	r.want(t, 0)
	var want []string
	for _, b := range []string{"a", "b", "d", "sub/c"} {
		want = append(want, "out/"+b+".json", "out/"+b+".yaml")
	}
	got := slices.DeleteFunc(tree(t, dir), func(s string) bool { return !strings.HasPrefix(s, "out/") })
	if !slices.Equal(got, want) {
		t.Errorf("out/ holds %q, want %q", got, want)
	}
	if d := decode(t, filepath.Join(dir, "out/sub/c.yaml")); d.Source.Name != "sub/c.txt" { // relative to corpus/
		t.Errorf("source.name %q", d.Source.Name)
	}

	// An existing directory is a directory even for one output; a rerun
	// gives the same bytes.
	before := read(t, filepath.Join(dir, "out/d.yaml"))
	r = convertIn(t, dir, "", "-o", "out", "d.txt")
	r.want(t, 0)
	if after := read(t, filepath.Join(dir, "out/d.yaml")); after != before {
		t.Error("rerun changed out/d.yaml")
	}

	// A trailing slash makes a directory too.
	r = convertIn(t, dir, "", "-to", "json", "-o", "new/", "d.txt")
	r.want(t, 0)
	decode(t, filepath.Join(dir, "new/d.json"))

	// An output folder inside an input folder: its files are not inputs
	// on the next run.
	r = convertIn(t, dir, "", "-o", "corpus/out", "corpus")
	r.want(t, 0)
	r = convertIn(t, dir, "", "-o", "corpus/out", "corpus")
	r.want(t, 0)
}

// TestSeveralFormats writes each format next to the input.
func TestSeveralFormats(t *testing.T) {
	needFont(t)
	dir := files(t, map[string]string{"s.txt": statement})
	names := slices.DeleteFunc(convert.FormatNames(), func(n string) bool {
		f, _ := convert.Lookup(n)
		return f.Ext == ".txt" // would be the input itself
	})
	r := convertIn(t, dir, "", "-to", strings.Join(names, ",")+",yml", "s.txt")
	r.want(t, 0)
	want := []string{"s.txt"}
	for _, n := range names {
		f, _ := convert.Lookup(n)
		want = append(want, "s"+f.Ext)
	}
	slices.Sort(want)
	if got := tree(t, dir); !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	// JSON and YAML hold the same document.
	y, j := decode(t, filepath.Join(dir, "s.yaml")), decode(t, filepath.Join(dir, "s.json"))
	var yb, jb bytes.Buffer
	declaration.EncodeJSON(&yb, y)
	declaration.EncodeJSON(&jb, j)
	if yb.String() != jb.String() {
		t.Error("s.yaml and s.json differ")
	}
}

var positioned = regexp.MustCompile(`^bad\.yaml:[0-9]+:[0-9]+: `)

// TestBadInputAmongGood: exit 1, the good inputs written, the bad one
// reported with file:line:col and nothing written for it.
func TestBadInputAmongGood(t *testing.T) {
	dir := files(t, map[string]string{"a.txt": statement, "bad.yaml": brokenYAML, "c.txt": statement})
	r := convertIn(t, dir, "", "-to", "json", "a.txt", "bad.yaml", "missing.txt", "c.txt")
	r.want(t, 1)
	if got := tree(t, dir); !slices.Equal(got, []string{"a.json", "a.txt", "bad.yaml", "c.json", "c.txt"}) {
		t.Errorf("files %q", got)
	}
	lines := strings.Split(strings.TrimSpace(r.reports(t)), "\n")
	if !positioned.MatchString(lines[0]) || !strings.Contains(r.stderr, "bad.yaml:3:1: ") {
		t.Errorf("stderr does not start with bad.yaml:line:col: …:\n%s", r.stderr)
	}
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "missing.txt: ") {
		t.Errorf("last line %q, want missing.txt: …", last)
	}

	// The same with -from yaml, where every input is canonical.
	dir = files(t, map[string]string{"bad.yaml": brokenYAML, "in/a.txt": statement})
	convertIn(t, dir, "", "-o", "good.yaml", "in/a.txt").want(t, 0)
	r = convertIn(t, dir, "", "-from", "yaml", "-to", "json", "bad.yaml", "good.yaml")
	r.want(t, 1)
	if !positioned.MatchString(r.stderr) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	decode(t, filepath.Join(dir, "good.json"))
	if _, err := os.Stat(filepath.Join(dir, "bad.json")); err == nil {
		t.Error("bad.json written")
	}
}

func TestUsageErrors(t *testing.T) {
	dir := files(t, map[string]string{"a.txt": statement, "b.txt": statement, "out.json": "{}", "d/x.txt": statement})
	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"unknown flag", []string{"-bogus", "a.txt"}, "flag provided but not defined: -bogus"},
		{"unknown format", []string{"-to", "yaml,docx", "a.txt"}, `unknown format "docx" (known: ` + strings.Join(convert.FormatNames(), ", ") + ")"},
		{"empty format list", []string{"-to", ",", "a.txt"}, "no formats"},
		{"unknown -from", []string{"-from", "xml", "a.txt"}, "-from"},
		{"no inputs", nil, "no inputs"},
		{"no inputs after flags", []string{"-to", "json"}, "no inputs"},
		{"-o new FILE with two inputs", []string{"-o", "new.json", "a.txt", "b.txt"}, "one input"},
		{"-o existing FILE with two inputs", []string{"-o", "out.json", "a.txt", "b.txt"}, "is a file"},
		{"-o FILE with two formats", []string{"-to", "yaml,json", "-o", "out.json", "a.txt"}, "is a file"},
		{"-o FILE with a directory input", []string{"-o", "new.json", "d"}, "one input"},
		{"-o - with two formats", []string{"-to", "yaml,json", "-o", "-", "a.txt"}, "-o -"},
		{"-o - with two inputs", []string{"-o", "-", "a.txt", "b.txt"}, "-o -"},
		{"stdin with two formats", []string{"-to", "yaml,json", "-"}, "standard input"},
		{"stdin twice", []string{"-", "-"}, "twice"},
		{"-schema with inputs", []string{"-schema", "a.txt"}, "no inputs"},
		{"-check with -o", []string{"-check", "-o", "x", "a.txt"}, "-check"},
		{"-bad value", []string{"-check=maybe", "a.txt"}, "invalid boolean"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := tree(t, dir)
			var out, errOut bytes.Buffer
			r := convertWith(t, dir, &tty{}, &out, &errOut, tc.args...) // at a terminal, no input is no input
			r.want(t, 2)
			if !strings.HasPrefix(r.stderr, "convert: ") || !strings.Contains(r.stderr, tc.msg) || !strings.Contains(r.stderr, synopsis) {
				t.Errorf("stderr:\n%s\nwant convert: …%s…, then the synopsis", r.stderr, tc.msg)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q", r.stdout)
			}
			if after := tree(t, dir); !slices.Equal(before, after) {
				t.Errorf("files changed: %q → %q", before, after)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	r := convertIn(t, t.TempDir(), "", "-h")
	r.want(t, 0)
	for _, want := range append([]string{synopsis, "Examples:", "-from KIND", "-o PATH", "-to LIST"}, convert.FormatNames()...) {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("usage lacks %q:\n%s", want, r.stdout)
		}
	}
}

// TestNoInputOverwritten: an output that would land on an input, by name
// or through a link, is refused; the input keeps its bytes.
func TestNoInputOverwritten(t *testing.T) {
	dir := files(t, map[string]string{"x.yaml": "", "s.txt": statement})
	convertIn(t, dir, "", "-o", "x.yaml", "s.txt").want(t, 0)
	x := read(t, filepath.Join(dir, "x.yaml"))

	r := convertIn(t, dir, "", "-to", "yaml,json", "x.yaml")
	r.want(t, 1)
	if want := "x.yaml: not writing x.yaml over its own input (use -o)\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	if read(t, filepath.Join(dir, "x.yaml")) != x {
		t.Error("x.yaml overwritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "x.json")); err == nil {
		t.Error("x.json written: a document that fails writes none of its formats")
	}

	// -o FILE naming the input.
	r = convertIn(t, dir, "", "-o", "s.txt", "s.txt")
	r.want(t, 1)
	if read(t, filepath.Join(dir, "s.txt")) != statement {
		t.Error("s.txt overwritten")
	}
	r = convertIn(t, dir, "", "-o", "./x.yaml", "x.yaml")
	r.want(t, 1)

	// One input's output is another input.
	r = convertIn(t, dir, "", "-to", "yaml", "s.txt", "s.yaml", "x.yaml")
	r.want(t, 1)
	if !strings.Contains(r.stderr, "s.txt: not writing s.yaml: it is the input s.yaml") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

func TestNoInputOverwrittenThroughLinks(t *testing.T) {
	dir := files(t, map[string]string{"real/s.txt": statement, "real/t.txt": statement})
	if err := os.Symlink(filepath.Join("real", "s.txt"), filepath.Join(dir, "s.yaml")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	// s.yaml, the output of real/s.txt in ., is a link to the input.
	r := convertIn(t, dir, "", "-o", ".", "real/s.txt")
	r.want(t, 1)
	if !strings.Contains(r.stderr, "real/s.txt: not writing s.yaml: it is the input real/s.txt, through a link") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if read(t, filepath.Join(dir, "real/s.txt")) != statement {
		t.Error("input overwritten through a symlink")
	}
	// A hard link.
	if err := os.Link(filepath.Join(dir, "real/t.txt"), filepath.Join(dir, "t.yaml")); err == nil {
		r = convertIn(t, dir, "", "-o", ".", "real/t.txt")
		r.want(t, 1)
		if read(t, filepath.Join(dir, "real/t.txt")) != statement {
			t.Error("input overwritten through a hard link")
		}
	}
}

// TestSameBaseName: two inputs with one output name; the second is an
// error, the first is written.
func TestSameBaseName(t *testing.T) {
	dir := files(t, map[string]string{"a/x.txt": statement, "b/x.txt": "第二\n"})
	r := convertIn(t, dir, "", "-o", "out", "a/x.txt", "b/x.txt")
	r.want(t, 1)
	if want := "b/x.txt: not writing out/x.yaml: it is the output of a/x.txt\n"; r.reports(t) != filepath.FromSlash(want) {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	if d := decode(t, filepath.Join(dir, "out/x.yaml")); d.Source.Name != "x.txt" || d.Source.Bytes != len(statement) {
		t.Errorf("out/x.yaml is from %s, %d bytes", d.Source.Name, d.Source.Bytes)
	}
}

// TestNoTempFilesAfterFailure: a write that fails at the end (the output
// path is a directory) reports the path and leaves no temporary file.
func TestNoTempFilesAfterFailure(t *testing.T) {
	dir := files(t, map[string]string{"s.txt": statement, "s.json/keep": ""})
	r := convertIn(t, dir, "", "-to", "json,yaml", "s.txt")
	r.want(t, 1)
	if !strings.HasPrefix(r.stderr, "s.txt: s.json: ") || strings.Contains(r.stderr, ".tmp") {
		t.Errorf("stderr %q", r.stderr)
	}
	if got := tree(t, dir); !slices.Equal(got, []string{"s.json/keep", "s.txt"}) { // s.yaml neither: all or none
		t.Errorf("files %q", got)
	}
}

func TestSchema(t *testing.T) {
	r := convertIn(t, t.TempDir(), "", "-schema")
	r.want(t, 0)
	if !json.Valid([]byte(r.stdout)) {
		t.Error("-schema output is not JSON")
	}
	if r.stdout != string(declaration.JSONSchema()) {
		t.Error("-schema output differs from declaration.JSONSchema")
	}
}

func TestVersion(t *testing.T) {
	r := convertIn(t, t.TempDir(), "", "-version")
	r.want(t, 0)
	if !regexp.MustCompile(`^declconv \S+ \(schema ` + regexp.QuoteMeta(declaration.SchemaVersion) + `\)\n$`).MatchString(r.stdout) {
		t.Errorf("-version printed %q", r.stdout)
	}
}

// TestAutoRoundTrip: text → yaml → (auto) json gives the bytes of text → json.
func TestAutoRoundTrip(t *testing.T) {
	dir := files(t, map[string]string{"s.txt": statement})
	convertIn(t, dir, "", "-to", "json", "-o", "direct.json", "s.txt").want(t, 0)
	convertIn(t, dir, "", "-to", "yaml", "s.txt").want(t, 0)
	convertIn(t, dir, "", "-to", "json", "s.yaml").want(t, 0)
	if a, b := read(t, filepath.Join(dir, "direct.json")), read(t, filepath.Join(dir, "s.json")); a != b {
		t.Errorf("text → json:\n%s\ntext → yaml → json:\n%s", a, b)
	}
	// And back: json → (auto) yaml gives the yaml.
	convertIn(t, dir, "", "-o", "again.yaml", "s.json").want(t, 0)
	if a, b := read(t, filepath.Join(dir, "s.yaml")), read(t, filepath.Join(dir, "again.yaml")); a != b {
		t.Errorf("text → yaml:\n%s\njson → yaml:\n%s", a, b)
	}
	// A text file with front matter is still text.
	dir = files(t, map[string]string{"fm.txt": "---\ntitle: 联合声明\n---\n" + statement})
	r := convertIn(t, dir, "", "-to", "json", "-o", "-", "fm.txt")
	r.want(t, 0)
	if !strings.Contains(r.stdout, `"name": "fm.txt"`) {
		t.Errorf("front matter file not parsed as text:\n%s", r.stdout)
	}
}

// TestCheck prints diagnostics as file:line:col: level: message on
// stdout, writes nothing, and fails only for inputs that do not parse.
func TestCheck(t *testing.T) {
	d := &declaration.Document{
		Schema: declaration.SchemaVersion,
		Source: declaration.Source{Name: "s.txt", SHA256: strings.Repeat("0", 64), Encoding: "utf-8", Bytes: 10},
		Kind:   declaration.Other,
		Body:   []*declaration.Provision{{Kind: declaration.Article, Label: "一、", Number: 1, Pos: declaration.Pos{Line: 3, Col: 1}}},
		Diagnostics: []declaration.Diagnostic{
			{Level: declaration.LevelWarning, Code: "numbering-skip", Pos: declaration.Pos{Line: 3, Col: 1}, Message: "article 三 follows 一"},
			{Level: declaration.LevelInfo, Code: "no-closing", Pos: declaration.Pos{Line: 4, Col: 7}, Message: "document ends with no closing"},
		},
	}
	d.AssignIDs()
	var y bytes.Buffer
	if err := declaration.EncodeYAML(&y, d); err != nil {
		t.Fatal(err)
	}
	dir := files(t, map[string]string{"d.yaml": y.String(), "a.txt": statement})
	r := convertIn(t, dir, "", "-check", "a.txt", "d.yaml")
	r.want(t, 0)
	// d.yaml's diagnostics are in its source, s.txt; the parser may
	// have its own to say about a.txt.
	want := "s.txt:3:1: warning: article 三 follows 一\ns.txt:4:7: info: document ends with no closing\n"
	if !strings.HasSuffix(r.stdout, want) || r.reports(t) != "" {
		t.Errorf("stdout %q, stderr %q; want stdout ending %q", r.stdout, r.stderr, want)
	}
	line := regexp.MustCompile(`^[as]\.txt:[0-9]+:[0-9]+: (error|warning|info): .`)
	for l := range strings.Lines(r.stdout) {
		if !line.MatchString(l) {
			t.Errorf("diagnostic %q is not file:line:col: level: message", l)
		}
	}
	if got := tree(t, dir); !slices.Equal(got, []string{"a.txt", "d.yaml"}) {
		t.Errorf("-check wrote files: %q", got)
	}

	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(brokenYAML), 0o644)
	r = convertIn(t, dir, "", "-check", "d.yaml", "bad.yaml")
	r.want(t, 1)
	if r.stdout != want || !regexp.MustCompile(`^bad\.yaml:[0-9]+:[0-9]+: `).MatchString(r.stderr) {
		t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
	}
}

// TestInterspersedFlags: flags may follow inputs; after -- all is input.
func TestInterspersedFlags(t *testing.T) {
	dir := files(t, map[string]string{"s.txt": statement, "-x.txt": statement})
	convertIn(t, dir, "", "s.txt", "-to", "json").want(t, 0)
	decode(t, filepath.Join(dir, "s.json"))
	convertIn(t, dir, "", "-to", "json", "--", "-x.txt").want(t, 0)
	decode(t, filepath.Join(dir, "-x.json"))
}

func TestEmptyDirectory(t *testing.T) {
	dir := files(t, map[string]string{"empty/notes.md": "", "s.txt": statement})
	r := convertIn(t, dir, "", "empty", "s.txt")
	r.want(t, 1)
	if !strings.HasPrefix(r.stderr, "empty: no ") {
		t.Errorf("stderr %q", r.stderr)
	}
	decode(t, filepath.Join(dir, "s.yaml"))
}

// TestDirectoryRerun: converting a directory next to its inputs twice
// works; the outputs of the first run are not inputs of the second.
func TestDirectoryRerun(t *testing.T) {
	dir := files(t, map[string]string{"corpus/a.txt": statement, "corpus/sub/b.txt": statement})
	convertIn(t, dir, "", "-to", "yaml,json", "corpus").want(t, 0)
	first := read(t, filepath.Join(dir, "corpus/sub/b.json"))
	r := convertIn(t, dir, "", "-to", "yaml,json", "corpus")
	r.want(t, 0)
	if read(t, filepath.Join(dir, "corpus/sub/b.json")) != first {
		t.Error("rerun changed corpus/sub/b.json")
	}
	want := []string{"corpus/a.json", "corpus/a.txt", "corpus/a.yaml", "corpus/sub/b.json", "corpus/sub/b.txt", "corpus/sub/b.yaml"}
	if got := tree(t, dir); !slices.Equal(got, want) {
		t.Errorf("files %q", got)
	}
	// A canonical file with no source beside it is an input; one beside
	// its source is not, even when its format is not being written
	// (issue 11, defect 4: a derived file never wins over its source).
	os.Remove(filepath.Join(dir, "corpus/a.txt"))
	os.Remove(filepath.Join(dir, "corpus/a.json"))
	r = convertIn(t, dir, "", "-to", "json", "-v", "corpus")
	r.want(t, 0)
	decode(t, filepath.Join(dir, "corpus/a.json"))
	if want := filepath.FromSlash("corpus/a.yaml: ok corpus/a.json (1 diagnostic)\ncorpus/sub/b.txt: ok corpus/sub/b.json (1 diagnostic)\n"); r.reports(t) != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

// TestText writes plain text: to stdout, into a directory, and never over
// a .txt input.
func TestText(t *testing.T) {
	dir := files(t, map[string]string{"s.txt": statement})
	r := convertIn(t, dir, statement, "-to", "text", "-")
	r.want(t, 0)
	for _, want := range []string{"一、", "双方同意。", "本声明自签字之日起生效。"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, r.stdout)
		}
	}
	convertIn(t, dir, "", "-to", "txt", "-o", "out/", "s.txt").want(t, 0)
	if got := read(t, filepath.Join(dir, "out/s.txt")); got != r.stdout {
		t.Errorf("out/s.txt differs from the text written to stdout:\n%s", got)
	}
	// Next to a .txt input, the text is NAME.out.txt (issue 11, defect 5).
	r = convertIn(t, dir, "", "-to", "txt,json", "s.txt")
	r.want(t, 0)
	if read(t, filepath.Join(dir, "s.txt")) != statement {
		t.Error("s.txt overwritten")
	}
	if read(t, filepath.Join(dir, "s.out.txt")) != read(t, filepath.Join(dir, "out/s.txt")) {
		t.Error("s.out.txt differs from the text written to stdout")
	}
	decode(t, filepath.Join(dir, "s.json"))
}

// needFont skips a test that writes PDFs where the machine has no CJK
// font for the writer to find (fails under CI, which installs one).
func needFont(t *testing.T) {
	t.Helper()
	if _, err := font.Locate("", os.Getenv, font.SystemFonts(), "-font"); err != nil {
		testfiles.Missing(t, "writing PDFs: %v", err)
	}
}
