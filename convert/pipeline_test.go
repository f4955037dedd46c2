package convert

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPipeline runs a batch through the package's own API, as the command
// does: Expand a folder, Plan the outputs, Run, write the manifest, read
// it back, then run again incrementally — unchanged inputs are skipped, a
// changed one is converted again — and once more into a corpus workbook.
func TestPipeline(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("..", "fixtures", "seed", "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	law, err := os.ReadFile(filepath.Join("..", "fixtures", "law-articles-chapters", "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	out := filepath.Join(dir, "out")
	write := func(rel string, data []byte) {
		t.Helper()
		p := filepath.Join(in, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", seed)
	write("sub/b.txt", law)
	write("sub/empty.txt", nil)
	write("notes.md", []byte("not taken: not an input extension"))
	write(".hidden.txt", seed)

	inputs, err := Expand([]string{in}, Filter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, i := range inputs {
		rels = append(rels, filepath.ToSlash(i.Rel))
	}
	if want := []string{"a.txt", "sub/b.txt", "sub/empty.txt"}; !slices.Equal(rels, want) {
		t.Fatalf("Expand took %q, want %q", rels, want)
	}
	// A filter that excludes a folder prunes it.
	if only, _ := Expand([]string{in}, Filter{Exclude: []string{"sub"}}, nil); len(only) != 1 {
		t.Errorf("Exclude sub left %d inputs, want 1", len(only))
	}

	json, _ := Lookup("json")
	txt, _ := Lookup("txt")
	formats := []Format{json, txt}
	fp := Fingerprint("test", formats, FromAuto, Options{}, func(string) string { return "" })
	run := func(previous *Manifest, dest Destination) *Summary {
		t.Helper()
		jobs := Plan(inputs, formats, dest)
		r := &Runner{Workers: 2, Dir: dest.Dir, Workbook: dest.Workbook, Previous: previous, Fingerprint: fp,
			Report: func(res *Result) {
				if res.Err != nil {
					t.Logf("%s: %v", res.Job.Path, res.Err)
				}
			}}
		return r.Run(context.Background(), jobs)
	}

	if err := os.Mkdir(out, 0o755); err != nil { // as the command makes -o DIR/
		t.Fatal(err)
	}
	s := run(nil, Destination{Dir: out})
	if s.Converted != 2 || s.Failed != 1 || s.Files != 4 {
		t.Fatalf("first run: converted %d, failed %d, files %d; want 2, 1, 4", s.Converted, s.Failed, s.Files)
	}
	for _, rel := range []string{"a.json", "a.txt", "sub/b.json", "sub/b.txt"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel))); err != nil {
			t.Errorf("output %s: %v", rel, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "sub", "empty.json")); err == nil {
		t.Error("a failed input has an output")
	}

	// The manifest, written and read back.
	manifest := filepath.Join(dir, "manifest.json")
	var buf bytes.Buffer
	if _, err := s.Manifest.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(manifest, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := ReadManifest(manifest)
	if err != nil {
		t.Fatal(err)
	}
	if m.Options != fp || len(m.Inputs) != 3 {
		t.Fatalf("manifest read back: options %q, %d inputs", m.Options, len(m.Inputs))
	}

	// Incremental: nothing changed, the good inputs are skipped.
	s = run(m, Destination{Dir: out})
	if s.Skipped != 2 || s.Converted != 0 {
		t.Errorf("unchanged rerun: skipped %d, converted %d; want 2, 0", s.Skipped, s.Converted)
	}
	// One input changed, one output removed: both are converted again.
	write("a.txt", append(seed, "\n"...))
	if err := os.Remove(filepath.Join(out, "sub", "b.txt")); err != nil {
		t.Fatal(err)
	}
	s = run(m, Destination{Dir: out})
	if s.Converted != 2 || s.Skipped != 0 {
		t.Errorf("rerun after changes: converted %d, skipped %d; want 2, 0", s.Converted, s.Skipped)
	}

	// A corpus workbook: every document in one XLSX file.
	xlsx, _ := Lookup("xlsx")
	formats = []Format{xlsx}
	book := filepath.Join(dir, "corpus.xlsx")
	s = run(nil, Destination{Workbook: book})
	if s.Err != nil || s.Converted != 2 {
		t.Fatalf("workbook run: converted %d, err %v", s.Converted, s.Err)
	}
	data, err := os.ReadFile(book)
	if err != nil || !bytes.HasPrefix(data, []byte("PK")) || !strings.Contains(string(data), "xl/workbook.xml") {
		t.Errorf("the corpus workbook is not an XLSX file (%d bytes, %v)", len(data), err)
	}
}
