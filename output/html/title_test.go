package html

import (
	"bytes"
	"strings"
	"testing"

	"github.com/declconv/declconv/internal/testdocs"
)

// TestEditedTitle: a hand-edited title field is the page's one <h1> and
// its <title>, as in every writer (declaration's title rule).
func TestEditedTitle(t *testing.T) {
	d, old := testdocs.EditedTitle(t)
	var b bytes.Buffer
	if err := (Options{}).Write(&b, d); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if n := strings.Count(out, "<h1"); n != 1 {
		t.Errorf("%d <h1> elements, want 1", n)
	}
	h1 := out[strings.Index(out, "<h1"):]
	h1 = h1[:strings.Index(h1, "</h1>")]
	if !strings.Contains(h1, d.Title) || strings.Contains(h1, old) {
		t.Errorf("<h1> is %q, want the edited title %q", h1, d.Title)
	}
	if !strings.Contains(out, "<title>"+d.Title+"</title>") {
		t.Errorf("<title> is not the edited title")
	}
}
