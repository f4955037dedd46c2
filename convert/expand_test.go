package convert

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/declconv/declconv/output/pdf"
)

// TestExpandErrors: what cannot be read becomes an input with its error,
// so the rest of a batch still converts; only "-" twice is refused.
func TestExpandErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	inputs, err := Expand([]string{filepath.Join(dir, "missing.txt"), empty, "-"}, Filter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) != 3 || inputs[0].Err == nil || inputs[1].Err == nil || inputs[2].Err != nil || inputs[2].Name != StdinName {
		t.Fatalf("inputs: %+v", inputs)
	}
	if !strings.Contains(inputs[1].Err.Error(), "no files matching") {
		t.Errorf("empty folder: %v", inputs[1].Err)
	}
	if _, err := Expand([]string{"-", "-"}, Filter{}, nil); err == nil {
		t.Error(`"-" twice: no error`)
	}
}

// TestRenderFailure: a document a writer cannot render fails alone, its
// error naming the output, and none of its files is written.
func TestRenderFailure(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "fixtures", "seed", "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "seed.txt")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	inputs, _ := Expand([]string{path}, Filter{}, nil)
	json, _ := Lookup("json")
	pdfFormat, _ := Lookup("pdf")
	var failure error
	r := &Runner{Workers: 1, Options: Options{PDF: pdf.Options{Font: filepath.Join(dir, "no-such-font.ttf")}},
		Report: func(res *Result) { failure = res.Err }}
	s := r.Run(context.Background(), Plan(inputs, []Format{json, pdfFormat}, Destination{}))
	if s.Failed != 1 || s.Files != 0 || failure == nil || !strings.Contains(failure.Error(), "seed.pdf") {
		t.Fatalf("failed %d, files %d, error %v", s.Failed, s.Files, failure)
	}
	if _, err := os.Stat(filepath.Join(dir, "seed.json")); err == nil {
		t.Error("the JSON of a document whose PDF failed was written")
	}
}

// TestCanonicalInputs: a canonical file is read as the model; beside its
// own source (source.name says so) it is a derived file and not an input.
func TestCanonicalInputs(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "fixtures", "seed", "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	canonical, err := os.ReadFile(filepath.Join("..", "fixtures", "seed", "want.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{"input.txt": src, "input.yaml": canonical, "lone/other.yaml": canonical} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs, _ := Expand([]string{dir}, Filter{Include: []string{"*.txt", "*.yaml"}}, nil)
	json, _ := Lookup("json")
	jobs := Plan(inputs, []Format{json}, Destination{})
	var names []string
	for i := range jobs.Len() {
		names = append(names, filepath.ToSlash(jobs.Job(i).Rel))
	}
	if strings.Join(names, " ") != "input.txt lone/other.yaml" {
		t.Fatalf("jobs %q: the derived input.yaml beside input.txt must not be an input", names)
	}
	s := (&Runner{Workers: 1}).Run(context.Background(), jobs)
	if s.Converted != 2 {
		t.Fatalf("converted %d, want 2", s.Converted)
	}
	out, err := os.ReadFile(filepath.Join(dir, "lone", "other.json"))
	if err != nil || !strings.Contains(string(out), `"schema": "declconv/v1"`) {
		t.Errorf("the canonical input's JSON: %v\n%.200s", err, out)
	}
}
