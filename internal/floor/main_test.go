package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/declconv/declconv/convert"
)

// TestPlanReadsConvertsManifest makes a plan from a manifest written by
// convert's own code, so that the plan follows the manifest's format.
func TestPlanReadsConvertsManifest(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	m := &convert.Manifest{Schema: convert.ManifestSchema, Inputs: []convert.ManifestEntry{
		{Path: "in/a.txt", Status: convert.StatusOK, Outputs: []convert.OutputRecord{
			{Path: filepath.ToSlash(filepath.Join(out, "a.json")), Format: "json", Size: 120, SHA256: "x"},
			{Path: filepath.ToSlash(filepath.Join(out, "sub", "a.txt")), Format: "txt", Size: 0, SHA256: "y"},
		}},
		{Path: "in/b.txt", Status: convert.StatusFailed, Error: "bad"}, // no outputs: read, nothing written
	}}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(tmp, "manifest.json")
	if err := os.WriteFile(manifest, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"plan", manifest, out}, &stdout, &stderr); code != 0 {
		t.Fatalf("floor plan: exit %d: %s", code, stderr.String())
	}
	want := "in/a.txt\ta.json\t120\nin/a.txt\tsub/a.txt\t0\n"
	if stdout.String() != want {
		t.Errorf("plan:\n%s\nwant:\n%s", stdout.String(), want)
	}

	// an output outside the output directory cannot be planned
	stdout.Reset()
	if code := run([]string{"plan", manifest, filepath.Join(tmp, "elsewhere")}, &stdout, &stderr); code != 1 {
		t.Errorf("floor plan with the wrong OUTDIR: exit %d, want 1", code)
	}
}

// TestRunWritesWholeFilesOfThePlannedSizes runs a plan and checks every
// output: its size, its bytes, its mode, no temporary file left, and
// that it was renamed into place rather than written over the old file.
func TestRunWritesWholeFilesOfThePlannedSizes(t *testing.T) {
	tmp := t.TempDir()
	sizes := map[string]int{
		"a.json": 0, "a.yaml": 1, "a.txt": 64,
		"b.json": 65<<10 + 3, "b.yaml": 4097, "b.txt": 200 << 10, // above convert's 64 KB buffer
		"sub/c.json": 1000,
	}
	inputs := map[string][]string{
		"a.txt": {"a.json", "a.yaml", "a.txt"},
		"b.txt": {"b.json", "b.yaml", "b.txt"},
		"c.txt": {"sub/c.json"},
	}
	var plan strings.Builder
	for _, in := range []string{"a.txt", "b.txt", "c.txt"} {
		path := filepath.Join(tmp, "in", in)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("input "+in), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, out := range inputs[in] {
			plan.WriteString(path + "\t" + out + "\t" + strconv.Itoa(sizes[out]) + "\n")
		}
	}
	planPath := filepath.Join(tmp, "plan")
	if err := os.WriteFile(planPath, []byte(plan.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "out")
	// an old output, and a second name for its file: a rename leaves the
	// old file whole under that name, writing in place would change it
	old := []byte("the old output")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "b.yaml"), old, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(out, "b.yaml"), filepath.Join(tmp, "old-b.yaml")); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	if code := run([]string{"run", "-j", "2", "-o", out, planPath}, &stdout, &stderr); code != 0 {
		t.Fatalf("floor run: exit %d: %s", code, stderr.String())
	}
	for name, size := range sizes {
		path := filepath.Join(out, filepath.FromSlash(name))
		got, err := os.ReadFile(path)
		if err != nil {
			t.Error(err)
			continue
		}
		if !bytes.Equal(got, pattern(size)) {
			t.Errorf("%s: %d bytes, not the %d bytes of the pattern", name, len(got), size)
		}
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v (%v), want 0644 as convert's outputs", name, info.Mode().Perm(), err)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(tmp, "old-b.yaml")); !bytes.Equal(got, old) {
		t.Errorf("the old b.yaml was written over (%d bytes now), not replaced by a rename", len(got))
	}
	for _, d := range []string{out, filepath.Join(out, "sub")} {
		entries, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("temporary file left: %s", filepath.Join(d, e.Name()))
			}
		}
	}
}

// TestRunReportsAMissingInput: the other inputs are still done, and the
// run fails naming the missing one.
func TestRunReportsAMissingInput(t *testing.T) {
	tmp := t.TempDir()
	good := filepath.Join(tmp, "good.txt")
	if err := os.WriteFile(good, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(tmp, "missing.txt")
	planPath := filepath.Join(tmp, "plan")
	plan := missing + "\tmissing.json\t10\n" + good + "\tgood.json\t10\n"
	if err := os.WriteFile(planPath, []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "out")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"run", "-o", out, planPath}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), missing) {
		t.Errorf("stderr does not name %s: %s", missing, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "good.json")); err != nil {
		t.Errorf("the good input's output: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "missing.json")); err == nil {
		t.Error("an output was written for the missing input")
	}
}
