// Package testdocs loads canonical documents for the writers' tests,
// which start from the reviewed YAML of the fixtures and of testdata/*/
// here: documents written by hand for what the parser does not produce
// yet (testfiles.Canonical lists both). (It is apart from testfiles
// because the declaration package's own tests use testfiles.)
package testdocs

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testfiles"
)

// Load decodes and validates the canonical YAML document at path.
func Load(t testing.TB, path string) *declaration.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := declaration.DecodeYAML(f, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// EditedTitle is the seed with its title field edited by hand to a title
// no block says, for the writers' tests of the title rule
// ([declaration.Document.TitleBlock]); old is the title it had.
func EditedTitle(t testing.TB) (d *declaration.Document, old string) {
	t.Helper()
	d = Load(t, filepath.Join(testfiles.Root(t), "fixtures", "seed", "want.yaml"))
	old = d.Title
	d.Title = "东海共和国和西岭联邦联合声明"
	return d, old
}
