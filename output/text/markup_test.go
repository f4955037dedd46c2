package text

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// markupRegexp is the definition of the markup rows as regexps, which
// strip's scanner replaced: what a row's first group matched is kept in
// place of the whole match, between what its boundaries matched.
var markupRegexp = []struct {
	re      *regexp.Regexp
	keep    string
	bounded bool // matches the characters around it too
}{
	{regexp.MustCompile(`(?s)<!--.*?-->`), "", false},                                                          // HTML comment
	{regexp.MustCompile(`\*\*([^\s*](?:[^*\n]*[^\s*])?)\*\*`), "$1", false},                                    // **strong**
	{regexp.MustCompile(`(^|[^A-Za-z0-9_])__([^\s_](?:[^_\n]*[^\s_])?)__($|[^A-Za-z0-9_])`), "$1$2$3", true},   // __strong__
	{regexp.MustCompile(`(^|[^A-Za-z0-9*\\])\*([^\s*](?:[^*\n]*[^\s*])?)\*($|[^A-Za-z0-9*])`), "$1$2$3", true}, // *emphasis*
}

func stripRegexp(s string) string {
	for _, m := range markupRegexp {
		s = m.re.ReplaceAllString(s, m.keep)
		if m.bounded {
			s = m.re.ReplaceAllString(s, m.keep)
		}
	}
	return s
}

// stripCases are texts around the edges of the markup rows.
var stripCases = []string{
	"", "plain", "<!-- INFO END -->", "甲<!-- a\nb -->乙", "<!-- a --> <!-- b", "<!-->-->", "<!--->", "<!<!-- x -->--> y",
	"本法**依照**宪法", "***a**", "**a**b**", "** a**", "**a **", "**a\nb**", "**a*b**", "****", "**x**y**z**",
	"the *present* Convention", "*a* *b*", "*a*,*b*,*c*,*d*,*e*", "2*3*4", "\\*a*", "a\\ *b*", "*a**", "**a*",
	"* 1 The copy on file is unsigned.", "*甲*乙", "甲*乙*", "(*a*)", "*a*_", "_*a*_", "*a*\n*b*", "*\xff*", "\xff*a*\xff",
	"__Article__ 1", "snake__case__name", "_ a rule", "___a___", "__a__ __b__ __c__", "x__a__", "__a__x", "__a__*", "é__a__é",
	"** not strong **", "a < b and c > d", "<!-- *a* -->*b*", "**__a__**", "*__a__*", "__*a*__", "**<!-- x -->a**",
	"中\u00a0*a*\u00a0中", "*a*\u3000*b*\u3000*c*", "*\ta*", "*a\v*", "*a\f*", "*\va\v*",
}

// TestStripRegexp: strip removes exactly what the regexps that defined
// the markup rows matched.
func TestStripRegexp(t *testing.T) {
	for _, s := range append(stripCases, sampleZhText(t)...) {
		if got, want := strip(s), stripRegexp(s); got != want {
			t.Errorf("strip(%q) = %q, the regexps give %q", s, got, want)
		}
	}
}

// sampleZhText returns the texts of the sample document.
func sampleZhText(t *testing.T) []string {
	t.Helper()
	var out []string
	d := sampleZh()
	for _, b := range d.Front {
		out = append(out, b.Text)
	}
	for _, b := range d.Preamble {
		out = append(out, b.Text)
	}
	return out
}

// FuzzStrip holds strip to the regexps on any text.
func FuzzStrip(f *testing.F) {
	for _, s := range stripCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := strip(s), stripRegexp(s); got != want {
			t.Errorf("strip(%q) = %q, the regexps give %q", s, got, want)
		}
	})
}

// TestIsSpace: isSpace is unicode.IsSpace, and trimSpace, trimLeft and
// trimRight trim as the strings functions do.
func TestIsSpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Errorf("isSpace(%U) = %v", r, isSpace(r))
		}
	}
	for _, s := range []string{"", " ", "\u3000", "a", " a ", "\u3000中\u3000", "\t\u00a0x\u0085\n", "\u2003 \u205f", "\xff ", " \xe3\x80", "中 文", "\u3001"} {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimLeft(s), strings.TrimLeftFunc(s, unicode.IsSpace); got != want {
			t.Errorf("trimLeft(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimRight(s), strings.TrimRightFunc(s, unicode.IsSpace); got != want {
			t.Errorf("trimRight(%q) = %q, want %q", s, got, want)
		}
	}
}
