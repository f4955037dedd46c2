package convert

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestForPath: an output's name tells its format by its whole extension,
// the longest first, in any case; a name with none is no format.
func TestForPath(t *testing.T) {
	for path, want := range map[string]string{
		"out/x.json": "json", "X.YML": "yaml", "a/b.akn.xml": "akn", "p.PDF": "pdf", "s.htm": "html",
		"x.xml": "", "README": "", "x.json.bak": "",
	} {
		f, ok := ForPath(path)
		if got := f.Name; !ok && got != "" || ok != (want != "") || got != want {
			t.Errorf("ForPath(%q) = %q, %v; want %q", path, got, ok, want)
		}
	}
}

// TestDescribe: a filter says which files it takes, for messages.
func TestDescribe(t *testing.T) {
	zero := (Filter{}).Describe()
	for _, e := range InputExts() {
		if !strings.Contains(zero, "*"+e) {
			t.Errorf("zero filter %q does not name %s", zero, e)
		}
	}
	if got, want := (Filter{Include: []string{"*.txt"}, Exclude: []string{"draft*"}}).Describe(), "*.txt (not draft*)"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
}

// TestWorkbookClash: a corpus workbook may not land on an input.
func TestWorkbookClash(t *testing.T) {
	dir := t.TempDir()
	jobs := Plan([]Input{{Path: filepath.Join(dir, "a.xlsx"), Name: "a.xlsx", Rel: "a.xlsx"}, {Path: filepath.Join(dir, "b.txt"), Name: "b.txt", Rel: "b.txt"}}, nil, Destination{})
	if got := WorkbookClash(jobs, filepath.Join(dir, "a.xlsx")); got != "a.xlsx" {
		t.Errorf("workbook over an input: clash %q, want a.xlsx", got)
	}
	if got := WorkbookClash(jobs, filepath.Join(dir, "corpus.xlsx")); got != "" {
		t.Errorf("a new workbook: clash %q", got)
	}
}

// TestIsTempName: only our own temporaries' names are ours to remove.
func TestIsTempName(t *testing.T) {
	for name, want := range map[string]bool{
		".x.json.123" + tmpSuffix: true, ".x.akn.xml.9" + tmpSuffix: true,
		"x.json.123" + tmpSuffix: false, ".x.json." + tmpSuffix: false, ".x.doc.1" + tmpSuffix: false,
		".x.json.12a" + tmpSuffix: false, ".x.json.123": false,
	} {
		if got := isTempName(name); got != want {
			t.Errorf("isTempName(%q) = %v, want %v", name, got, want)
		}
	}
}
