package pdf

import (
	"strings"
	"testing"

	"github.com/declconv/declconv/internal/testdocs"
)

// TestEditedTitle: a hand-edited title field is what the page shows, in
// place of the title block's old text (declaration's title rule).
func TestEditedTitle(t *testing.T) {
	d, _ := testdocs.EditedTitle(t)
	old := d.TitleBlock().Text // the block that said the title still holds it
	g, err := Official.on(A4)
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	for _, p := range build(d, g, nil) {
		var b strings.Builder
		for _, s := range p.spans {
			b.WriteString(s.text)
		}
		paras = append(paras, b.String())
	}
	all := strings.Join(paras, "\n")
	if !strings.Contains(all, d.Title) {
		t.Errorf("the edited title %q is not set", d.Title)
	}
	if strings.Contains(all, old) {
		t.Errorf("the old title %q is still set", old)
	}
}
