package convert

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/declconv/declconv/internal/testfiles"
	"github.com/declconv/declconv/output/xlsx"
)

// Fuzz targets for what convert reads from users (issue 11): Sniff, the
// manifest (-incremental, -merge-manifests), the -files-from list, and
// the writers fed a decoded canonical document. Each execution is kept
// small: inputs over a few KB are skipped.

const fuzzMax = 8 << 10

// canonicalSeeds adds the reviewed canonical files (fixtures and
// internal/testdocs), YAML and JSON, that are small enough.
func canonicalSeeds(f *testing.F) {
	for _, y := range testfiles.Canonical(f) {
		for _, p := range []string{y, strings.TrimSuffix(y, ".yaml") + ".json"} {
			if data, err := os.ReadFile(p); err == nil && len(data) <= 4*fuzzMax {
				f.Add(data)
			}
		}
	}
}

// FuzzSniff: Sniff never panics, looks only at its head, and says the
// same of a file with a UTF-8 byte order mark.
func FuzzSniff(f *testing.F) {
	canonicalSeeds(f)
	f.Add([]byte("---\nschema: declconv/v1\n---\n一、双方同意。\n"))
	f.Add([]byte("# edited\nschema: declconv/v1\n---\nkind: other\n"))
	f.Add([]byte("{\"schema\": \"declconv/v1\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := Sniff(data)
		if !slices.Contains([]From{FromText, FromYAML, FromJSON}, got) {
			t.Fatalf("Sniff = %q", got)
		}
		if len(data) > sniffSize {
			if head := Sniff(data[:sniffSize]); head != got {
				t.Fatalf("Sniff = %s, of its head %s: it read past the head", got, head)
			}
		}
		if !bytes.HasPrefix(data, utf8BOM) {
			if bom := Sniff(append(slices.Clone(utf8BOM), data[:min(len(data), sniffSize-len(utf8BOM))]...)); bom != Sniff(data[:min(len(data), sniffSize-len(utf8BOM))]) {
				t.Fatalf("a byte order mark changes Sniff to %s", bom)
			}
		}
		if name := SourceName(data); name != "" && got == FromText {
			t.Fatalf("SourceName %q of a text", name)
		}
	})
}

// FuzzReadManifest: a manifest read back is written again and read
// back to the same manifest; anything else is an error naming the file.
func FuzzReadManifest(f *testing.F) {
	m := &Manifest{Schema: ManifestSchema, Model: "declconv/v1", Options: "sha256:00", Shard: "0/2",
		Inputs: []ManifestEntry{{Path: "a.txt", SHA256: "ab", Status: StatusOK, Diagnostics: 1, Outputs: []OutputRecord{{Path: "out/a.json", Format: "json", Size: 3, SHA256: "cd"}}},
			{Path: "b.txt", Status: StatusFailed, Error: "b.txt:1:1: bad\nsecond line"}}}
	var buf bytes.Buffer
	m.WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(`{"schema":"declconv-manifest/v1","inputs":null}`))
	f.Add([]byte(`{"schema":"declconv-manifest/v1"} trailing`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMax {
			return
		}
		m, err := parseManifest("m.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "m.json: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		var out bytes.Buffer
		if _, err := m.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		again, err := parseManifest("m.json", out.Bytes())
		if err != nil {
			t.Fatalf("the manifest written does not read back: %v\n%s", err, out.Bytes())
		}
		var out2 bytes.Buffer
		again.WriteTo(&out2)
		if !bytes.Equal(out.Bytes(), out2.Bytes()) {
			t.Fatalf("not stable:\n%s\n%s", out.Bytes(), out2.Bytes())
		}
	})
}

// FuzzReadFileList: every path -files-from yields is a trimmed,
// non-blank line of the list that is not a comment, in order.
func FuzzReadFileList(f *testing.F) {
	f.Add([]byte("a.txt\n  b/c.txt  \r\n# comment\n\n-\n"))
	f.Add([]byte("\ufeffx.txt\n"))
	f.Add([]byte("no newline at end"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMax {
			return
		}
		list, err := ReadFileList(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err) // lines are short here: nothing to refuse
		}
		var want []string
		for line := range strings.Lines(string(data)) {
			line = strings.TrimSpace(line)
			if line != "" && !strings.HasPrefix(line, "#") {
				want = append(want, line)
			}
		}
		if !slices.Equal(list, want) {
			t.Fatalf("list %q, want %q", list, want)
		}
	})
}

// FuzzWriters: a document the strict decoder accepts (and validates) is
// rendered by the text and XLSX writers without error, and the text
// output keeps every character of its provisions' own text.
func FuzzWriters(f *testing.F) {
	canonicalSeeds(f)
	txt, _ := Lookup("txt")
	wb, _ := Lookup("xlsx")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4*fuzzMax {
			return
		}
		from := Sniff(data)
		if from == FromText {
			from = FromYAML // what the mutator broke may still decode
		}
		d, err := Read(bytes.NewReader(data), "x", from)
		if err != nil {
			return
		}
		var text bytes.Buffer
		if err := txt.Write(&text, d, Options{}); err != nil {
			t.Fatalf("txt: %v", err)
		}
		got := strings.Join(testfiles.NonSpace(text.String()), "")
		for _, p := range d.Provisions() {
			for _, r := range strings.Join(testfiles.NonSpace(p.Text), "") {
				if !strings.ContainsRune(got, r) && utf8.ValidRune(r) {
					t.Fatalf("txt lost %q of %s", r, p.ID)
				}
			}
		}
		var book bytes.Buffer
		if err := wb.Write(&book, d, Options{XLSX: xlsx.Options{TempDir: dir}}); err != nil {
			t.Fatalf("xlsx: %v", err)
		}
	})
}

// TestFuzzTargetsInMakefile: make fuzz runs every fuzz target of the
// repository (go test -fuzz takes one at a time, so the Makefile lists
// them).
func TestFuzzTargetsInMakefile(t *testing.T) {
	root := testfiles.Root(t)
	makefile, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return err
		}
		src, _ := os.ReadFile(p)
		for line := range strings.Lines(string(src)) {
			if name, ok := strings.CutPrefix(line, "func Fuzz"); ok {
				name = "Fuzz" + name[:strings.IndexByte(name, '(')]
				rel, _ := filepath.Rel(root, filepath.Dir(p))
				if !strings.Contains(string(makefile), "./"+filepath.ToSlash(rel)+":"+name+" ") && !strings.Contains(string(makefile), "./"+filepath.ToSlash(rel)+":"+name+"\n") {
					missing = append(missing, rel+":"+name)
				}
			}
		}
		return nil
	})
	if len(missing) > 0 {
		t.Errorf("fuzz targets not in the Makefile's FUZZ_TARGETS: %q", missing)
	}
}
