package declaration

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// sameTitleRegexp is SameTitle as it was first written, with a regexp
// for the calls: the rule the scanner must keep.
func sameTitleRegexp(a, b string) bool {
	calls := regexp.MustCompile(`\[\d+\]|[⑴-⒇]|<[^>]*>`)
	words := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, calls.ReplaceAllString(s, ""))
	}
	if wa := words(a); wa != "" {
		return wa == words(b)
	}
	return strings.Join(strings.Fields(a), "") == strings.Join(strings.Fields(b), "")
}

var sameTitleCases = []struct {
	a, b string
	same bool
}{
	{"中华人民共和国和美利坚合众国联合公报", "中华人民共和国和美利坚合众国 联合公报", true},
	{"**Joint Statement**[1]", "joint statement", true},
	{"Joint <b>Statement</b>⑴", "JOINT STATEMENT", true},
	{"Treaty [a] of Peace", "Treaty a of Peace", true},
	{"Treaty [12 of Peace", "Treaty 12 of Peace", true},
	{"a < b", "ab", true},
	{"<a <b> c", "c", true},
	{"Joint Statement", "Joint Communiqué", false},
	{"Joint Statement", "Joint Statement 2", false},
	{"Joint Statement 2", "Joint Statement", false},
	{"— * —", "—*—", true},
	{"— * —", "— + —", false},
	{"", "", true},
	{"[1]", "", false},
	{"\xff公报", "公报", true},
}

func TestSameTitle(t *testing.T) {
	for _, c := range sameTitleCases {
		if got := SameTitle(c.a, c.b); got != c.same {
			t.Errorf("SameTitle(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
		if ref := sameTitleRegexp(c.a, c.b); ref != c.same {
			t.Errorf("the regexp rule says %v for (%q, %q): the case is wrong", ref, c.a, c.b)
		}
	}
}

func FuzzSameTitle(f *testing.F) {
	for _, c := range sameTitleCases {
		f.Add(c.a, c.b)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := SameTitle(a, b), sameTitleRegexp(a, b); got != want {
			t.Errorf("SameTitle(%q, %q) = %v, the regexp rule says %v", a, b, got, want)
		}
	})
}
