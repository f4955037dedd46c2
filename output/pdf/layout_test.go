package pdf

import (
	"strings"
	"testing"

	"github.com/declconv/declconv/output/linebreak"
)

func TestTitleLines(t *testing.T) {
	width := func(r rune) float64 { return linebreak.Columns(r) / 2 } // in ems
	for _, c := range []struct{ title, want string }{
		// Before or after 关于, never inside a word (进|一步, 政|府, 东海|共和国).
		{"中华人民共和国和哈萨克斯坦共和国关于进一步发展和加深两国友好关系的联合声明",
			"中华人民共和国和哈萨克斯坦共和国关于|进一步发展和加深两国友好关系的联合声明"},
		{"中華人民共和國政府和甲國政府關於經濟技術合作的協定", "中華人民共和國政府和甲國政府|關於經濟技術合作的協定"},
		{"中华人民共和国政府关于同东海共和国开展海上合作的声明", "中华人民共和国政府关于|同东海共和国开展海上合作的声明"},
		// At the source's own space.
		{"（二〇〇三年六月二十八日东海共和国民议会第三次会议通过　二〇〇三年六月二十八日东海共和国主席令第十二号公布）",
			"（二〇〇三年六月二十八日东海共和国民议会第三次会议通过|二〇〇三年六月二十八日东海共和国主席令第十二号公布）"},
	} {
		got := titleLines(c.title, 28, 1, width)
		if strings.Join(got, "|") != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.title, got, c.want)
		}
	}
	if got := titleLines("JOINT COMMUNIQUE BY THE GOVERNMENTS", 28, 1, width); got != nil {
		t.Errorf("Latin title broken by the CJK rules: %q", got)
	}
}

func TestLabelSep(t *testing.T) {
	for _, c := range []struct{ label, text, want string }{
		{"第一条", "双方", "　"},
		{"四、", "为此", ""},
		{"1.", "为此", ""},
		{"1.", "The Parties", " "},
		{"ARTICLE I", "The Parties", " "},
		{"第一条", "1992年", "　"},
		{"Article 1", "Purposes", " "},
	} {
		if got := labelSep(c.label, c.text); got != c.want {
			t.Errorf("labelSep(%q, %q) = %q, want %q", c.label, c.text, got, c.want)
		}
	}
}

func TestIsLatin(t *testing.T) {
	for line, want := range map[string]bool{
		"The two Governments agreed": true,
		"双方同意在 WTO 框架内加强合作，共同":       false,
		"中华人民共和国和哈萨克斯坦":              false,
		"NoSpacesHere": false,
	} {
		if got := isLatin(line); got != want {
			t.Errorf("isLatin(%q) = %v, want %v", line, got, want)
		}
	}
}
