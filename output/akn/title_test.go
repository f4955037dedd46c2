package akn

import (
	"bytes"
	"strings"
	"testing"

	"github.com/declconv/declconv/internal/testdocs"
)

// TestEditedTitle: a hand-edited title field is the docTitle, as in
// every writer (declaration's title rule); the block's old text is gone.
func TestEditedTitle(t *testing.T) {
	d, old := testdocs.EditedTitle(t)
	var b bytes.Buffer
	if err := (Options{}).Write(&b, d); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "<docTitle>"+d.Title+"</docTitle>") {
		t.Errorf("no docTitle %q", d.Title)
	}
	if strings.Contains(out, "<docTitle>"+old) {
		t.Errorf("the old title %q is still the docTitle", old)
	}
}
