// Package testfiles finds what the tests read — the repository's fixtures
// and the shared corpus of real documents — and keeps golden files. It is
// imported by tests only.
package testfiles

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files (read every diff before committing)")

// Updating reports whether the tests run with -update.
func Updating() bool { return *update }

// Root returns the repository's root: the folder that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Fixtures returns the paths of fixtures/*/name, sorted; it fails the
// test when there are none.
func Fixtures(t testing.TB, name string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(Root(t), "fixtures", "*", name))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures/*/%s", name)
	}
	return paths
}

// Canonical returns the paths of the reviewed canonical documents the
// writers' tests start from: every fixtures/*/want.yaml, then every
// internal/testdocs/testdata/*/want.yaml — documents written by hand for
// what the parser does not produce yet (attachments). Each sits in a
// folder of its own, with the goldens of its outputs beside it.
func Canonical(t testing.TB) []string {
	t.Helper()
	paths := Fixtures(t, "want.yaml")
	more, err := filepath.Glob(filepath.Join(Root(t), "internal", "testdocs", "testdata", "*", "want.yaml"))
	if err != nil || len(more) == 0 {
		t.Fatal("no internal/testdocs/testdata/*/want.yaml")
	}
	return append(paths, more...)
}

// Missing stops a test that needs what is not installed here (a reader
// such as pdftotext or openpyxl, a font): skipped on a developer's
// machine, failed when the environment variable CI is set, since CI
// installs everything (make deps) and a test that passes there by
// skipping tests nothing.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("CI: "+format, args...)
	}
	t.Skipf(format, args...)
}

// Python returns a Python interpreter that has every module named:
// Debian's /usr/bin/python3 first (where apt-get installs them), then
// python3 on PATH, each checked by importing the modules; where neither
// has them, [Missing].
func Python(t testing.TB, modules ...string) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", "import "+strings.Join(modules, ", ")).Run() == nil {
			return py
		}
	}
	Missing(t, "no python3 with %s (apt-get install python3-yaml python3-jsonschema python3-openpyxl)", strings.Join(modules, ", "))
	return ""
}

// CorpusDir returns the folder of real documents: $DECLCONV_CORPUS, else
// shared/corpus beside the repository. They are not ours to redistribute,
// so they are read in place; where the folder is absent, as on a fresh
// clone, the test is skipped with a message saying so.
func CorpusDir(t testing.TB) string {
	t.Helper()
	dir := CorpusPath(t)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus folder %s is absent (set DECLCONV_CORPUS to its path): skipping the real-document tests", dir)
	}
	return dir
}

// CorpusPath is where the corpus should be, whether or not it is there.
func CorpusPath(t testing.TB) string {
	if dir := os.Getenv("DECLCONV_CORPUS"); dir != "" {
		return dir
	}
	return filepath.Join(filepath.Dir(Root(t)), "shared", "corpus")
}

// CorpusFiles returns the corpus's .txt files, its subfolders' too, sorted.
func CorpusFiles(t testing.TB) []string {
	t.Helper()
	dir := CorpusDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	more, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatalf("no .txt files in %s", dir)
	}
	return files
}

// Golden compares got with the golden file at path; with -update it
// writes got there instead.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the tests with -update and review the diff)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run the tests with -update and review the diff.\n%s", path, Diff(string(want), string(got)))
	}
}

// NonSpace returns the non-space runes of the strings ss, each as its own
// string, so that an invalid byte stays one item even where removing the
// whitespace beside it would make it part of a valid rune. Comparing two
// such lists is the lossless check: same characters, same order,
// whitespace aside.
func NonSpace(ss ...string) []string {
	var out []string
	for _, s := range ss {
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				out = append(out, s[i:i+size])
			}
			i += size
		}
	}
	return out
}

// Diff shows the first five lines where want and got differ.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 5; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n   got %q\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}
