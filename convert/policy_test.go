package convert

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestLooksLikeFile: an -o path ending in a format's extension, two dots
// and all (out.akn.xml), or an input's, is taken for a file.
func TestLooksLikeFile(t *testing.T) {
	for path, want := range map[string]bool{
		"out.akn.xml": true, "OUT.AKN.XML": true, "out.json": true, "in.txt": true,
		"out": false, "out.d": false,
	} {
		if got := LooksLikeFile(path); got != want {
			t.Errorf("LooksLikeFile(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestDestine: what an output path means for a batch, and what it cannot
// take (a usage error).
func TestDestine(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "x.json")
	if err := os.WriteFile(existing, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	json, _ := Lookup("json")
	xlsx, _ := Lookup("xlsx")
	one, two := []Format{json}, []Format{json, xlsx}
	for _, c := range []struct {
		out     string
		formats []Format
		single  bool
		want    Destination
		usage   bool
	}{
		{"", two, false, Destination{}, false},
		{"-", one, true, Destination{Stdout: true}, false},
		{"-", two, true, Destination{}, true},
		{dir, two, false, Destination{Dir: dir}, false},
		{"new/", one, true, Destination{Dir: "new/"}, false},
		{"s.json", one, true, Destination{File: "s.json"}, false},
		{"corpus.xlsx", []Format{xlsx}, false, Destination{Workbook: "corpus.xlsx"}, false},
		{existing, one, false, Destination{}, true},
		{"new.json", one, false, Destination{}, true},
		{"newdir", one, false, Destination{Dir: "newdir"}, false},
	} {
		got, err := Destine(c.out, c.formats, c.single)
		var ue UsageError
		if got != c.want || errors.As(err, &ue) != c.usage || (err != nil) != c.usage {
			t.Errorf("Destine(%q, %d formats, single %v) = %+v, %v", c.out, len(c.formats), c.single, got, err)
		}
	}
}

// TestSides: a side file may be neither an input nor an output.
func TestSides(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(in, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []Input{{Path: in, Name: "a.txt", Rel: "a.txt"}}
	if err := SidesNotInputs([]Side{{"-manifest", in}}, inputs); err == nil {
		t.Error("a manifest over an input: no error")
	}
	json, _ := Lookup("json")
	jobs := Plan(inputs, []Format{json}, Destination{})
	out := jobs.Job(0).Targets[0].Path
	if err := SidesNotOutputs([]Side{{"-manifest", out}}, jobs, ""); err == nil {
		t.Error("a manifest over an output: no error")
	}
	if err := SidesNotOutputs([]Side{{"-manifest", "m.json"}, {"-diagnostics-out", "m.json"}}, jobs, ""); err == nil {
		t.Error("two side files on one path: no error")
	}
	if err := SidesNotOutputs([]Side{{"-manifest", filepath.Join(dir, "m.json")}}, jobs, ""); err != nil {
		t.Errorf("a manifest of its own: %v", err)
	}
}
