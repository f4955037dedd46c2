package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testfiles"
	"github.com/declconv/declconv/parse"
)

// corpus parses every file of the shared corpus; it skips the test when
// the corpus is absent.
func corpus(t *testing.T) map[string]*declaration.Document {
	t.Helper()
	docs := map[string]*declaration.Document{}
	for _, path := range testfiles.CorpusFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		d, err := parse.Parse(bytes.NewReader(src), path)
		if err != nil {
			continue // refused inputs (binary, bad encodings) make no PDF
		}
		docs[strings.TrimSuffix(filepath.Base(path), ".txt")] = d
	}
	return docs
}

// TestCorpusTextRoundTrip is TestTextRoundTrip on every corpus document:
// every character that is not markup is in the PDF, in order.
func TestCorpusTextRoundTrip(t *testing.T) {
	tool(t, "pdftotext")
	w := testWriter(t)
	for name, d := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			g, _ := Auto.resolve(language(d)).geometry()
			got := comparable(blockText(t, saved(t, render(t, w, d)), g))
			if want := expected(d); got != want {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Errorf("text differs after %d bytes:\n got …%s\nwant …%s", i, clip(got[i:]), clip(want[i:]))
			}
		})
	}
}

// TestNoMarkup reads back the text of every fixture's and every corpus
// document's PDF and finds no markup in it: no line of front matter, no
// HTML comment, no Markdown emphasis (** or an underscore at a word's
// edge), no Markdown heading marks.
func TestNoMarkup(t *testing.T) {
	tool(t, "pdftotext")
	w := testWriter(t)
	docs := documents(t)
	for name, d := range corpus(t) {
		docs["corpus/"+name] = d
	}
	stray := regexp.MustCompile(`(^|[^\pL\pN])_|_($|[^\pL\pN])|\*\*|<!--|-->|(?m)^#+|(?m)^---$`)
	for name, d := range docs {
		t.Run(name, func(t *testing.T) {
			text := run(t, "pdftotext", "-enc", "UTF-8", saved(t, render(t, w, d)), "-")
			if m := stray.FindStringIndex(text); m != nil {
				t.Errorf("markup %q printed: …%s…", text[m[0]:m[1]], clip(text[max(0, m[0]-20):]))
			}
			for _, bl := range d.Front {
				if bl.Kind != declaration.FrontMatter {
					continue
				}
				for line := range strings.SplitSeq(bl.Text, "\n") {
					// Lines of front matter with a key are the editor's:
					// none may be on the page.
					if line = strings.TrimSpace(line); strings.Contains(line, ": ") && strings.Contains(text, line) {
						t.Errorf("front matter printed: %q", line)
					}
				}
			}
		})
	}
}

func TestPlain(t *testing.T) {
	for _, c := range []struct{ in, want, styled string }{
		{"plain text", "plain text", ""},
		{"<!-- INFO END -->", "", ""},
		{"前<!-- FORCE BREAK -->后", "前后", ""},
		{"_[NAA : A1838, TS686/1, ii]_", "[NAA : A1838, TS686/1, ii]", "i[NAA : A1838, TS686/1, ii]"},
		{"_ [AA:A1067, P46/10/61, i]_", " [AA:A1067, P46/10/61, i]", "i [AA:A1067, P46/10/61, i]"},
		{"[ _mutter umitted_ ]", "[ mutter umitted ]", "imutter umitted"},
		{"_1 Spender reported", "1 Spender reported", "n1"},
		{"* 1 Document 93.", "1 Document 93.", "n1"},
		{"*For Canada:*The Right Honourable", "For Canada:The Right Honourable", "iFor Canada:"},
		{"a **bold** word", "a bold word", "bbold"},
		{"snake_case_name stays", "snake_case_name stays", ""},
		{"2 * 3 = 6", "2 * 3 = 6", ""},
		{"an _unclosed emphasis", "an _unclosed emphasis", ""},
	} {
		got, marks := plain(c.in)
		var styled strings.Builder
		for _, m := range marks {
			styled.WriteString(string("ribn"[m.style]) + got[m.start:m.end])
		}
		if got != c.want || styled.String() != c.styled {
			t.Errorf("plain(%q) = %q %q, want %q %q", c.in, got, styled.String(), c.want, c.styled)
		}
	}
}

// FuzzPlain checks the markup reader on any text: it never panics, what
// it keeps is the text (comments aside) with only emphasis characters
// and a footnote's marker taken out, and its marks lie inside what it
// keeps.
func FuzzPlain(f *testing.F) {
	for _, s := range []string{"_[NAA : A1838, TS686/1, ii]_", "*For Canada:*The", "a **b** _c_ d", "<!-- x -->y", "_1 note", "* 1 note", "<!--", "__*_*__"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, marks := plain(text)
		src := dropComments(text)
		i := 0
		for j := 0; j < len(got); j++ {
			for i < len(src) && src[i] != got[j] {
				if !strings.ContainsRune("*_ ", rune(src[i])) {
					t.Fatalf("plain(%q) = %q dropped %q", text, got, src[i])
				}
				i++
			}
			if i == len(src) {
				t.Fatalf("plain(%q) = %q is not taken from the text", text, got)
			}
			i++
		}
		for _, m := range marks {
			if m.start < 0 || m.end > len(got) || m.start >= m.end {
				t.Fatalf("plain(%q): mark %v outside %q", text, m, got)
			}
		}
	})
}

// FuzzWrite writes a small document whose text comes from the fuzzer:
// the writer never fails but with characters no font has, and never
// panics (a panic inside the PDF library comes back as an internal error).
func FuzzWrite(f *testing.F) {
	w := testWriter(f)
	for _, s := range []string{"双方同意。", "_[NAA]_ *x* **y**", "——以和平共处为基础", "永垂不朽 ！", "ARTICLE I.\nThe Parties", "<!-- c -->"} {
		f.Add(s, "zh-Hans")
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		if len(text) > 2000 {
			return // keep each execution small
		}
		d := synthetic()
		d.Language = lang
		d.Body[0].Children[0].Text = text
		d.Closing[3].Text = text
		var buf bytes.Buffer
		err := w.Write(&buf, d)
		var ge GlyphErrors
		if err != nil && !asGlyphErrors(err, &ge) {
			t.Fatalf("%q: %v", text, err)
		}
	})
}
