package declaration

import "testing"

// TestEmptyField: a column line is an empty field when nothing but
// spaces and emphasis characters follow its field name's colon.
func TestEmptyField(t *testing.T) {
	for _, c := range []struct {
		b    Block
		want bool
	}{
		{Block{Kind: ColumnLine, Text: "专栏："}, true},
		{Block{Kind: ColumnLine, Text: "专栏: "}, true},
		{Block{Kind: ColumnLine, Label: "专栏：", Text: "　"}, true},
		{Block{Kind: ColumnLine, Text: "*专栏：*"}, true},
		{Block{Kind: ColumnLine, Text: "专栏：国际专页"}, false},
		{Block{Kind: ColumnLine, Text: "专栏：要闻："}, false}, // a column named, ending in a colon
		{Block{Kind: ColumnLine, Text: "专栏"}, false},
		{Block{Kind: PageLine, Text: "第4版："}, false},
	} {
		if got := c.b.EmptyField(); got != c.want {
			t.Errorf("%q %q EmptyField() = %v, want %v", c.b.Label, c.b.Text, got, c.want)
		}
	}
}
