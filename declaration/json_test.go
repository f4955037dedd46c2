package declaration

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/declconv/declconv/internal/testfiles"
)

// referenceJSON is what encoding/json writes: EncodeJSON must match it
// byte for byte.
func referenceJSON(t testing.TB, d *Document) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEncodeJSONMatchesEncodingJSON(t *testing.T) {
	docs := map[string]*Document{"sample": sample(), "tricky": trickyDocument()}
	odd := sample()
	odd.Parties = []string{}                                                            // empty, not nil: omitted
	odd.References = []Reference{{Title: "<&>", At: nil}, {Title: "x", At: []string{}}} // null and []
	odd.Body[0].Text = "bad \xff byte \b\f\x01\x7f <tag> & \u2028\u2029"
	odd.Front = append(odd.Front, &Block{})
	docs["odd"] = odd
	for _, path := range testfiles.Canonical(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		d, err := DecodeYAML(bytes.NewReader(data), path)
		if err != nil {
			t.Fatal(err)
		}
		docs[path] = d
	}
	for name, d := range docs {
		var got bytes.Buffer
		if err := EncodeJSON(&got, d); err != nil {
			t.Fatal(err)
		}
		if want := referenceJSON(t, d); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: EncodeJSON differs from encoding/json:\n%s", name, testfiles.Diff(string(want), got.String()))
		}
	}
}

// FuzzJSONString: any string, valid UTF-8 or not, is quoted exactly as
// encoding/json quotes it.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"双方\u2028同意", "\xe2\x80", "\xe2\x80\xa9", "a\"b\\c\x01", "\xff中", "⸺"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var e jsonEmitter
		e.string(s)
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := string(e.buf) + "\n"; got != want.String() {
			t.Fatalf("%q: got %s, want %s", s, got, want.String())
		}
	})
}

// TestPlainRunes holds the fast paths of the JSON and YAML string
// writers to the decoder: every lead byte with every two bytes after it.
func TestPlainRunes(t *testing.T) {
	for lead := 0x80; lead <= 0xFF; lead++ {
		for b1 := 0; b1 <= 0xFF; b1++ {
			for b2 := 0; b2 <= 0xFF; b2++ {
				s := string([]byte{byte(lead), byte(b1), byte(b2)})
				r, size := utf8.DecodeRuneInString(s)
				valid := r != utf8.RuneError || size > 1
				if n := plainRune(s); n > 0 && (!valid || n != size || r == '\u2028' || r == '\u2029') {
					t.Fatalf("plainRune(% x) = %d, but it decodes as %U of %d bytes", s, n, r, size)
				}
				if n := printableRune(s); n > 0 && (!valid || n != size || !yamlPrintable(r) || r == 0x85 || r == '\u2028' || r == '\u2029') {
					t.Fatalf("printableRune(% x) = %d, but it decodes as %U of %d bytes", s, n, r, size)
				}
				if n := plainRune(s[:2]); n > 0 && (n != 2 || utf8.RuneLen(r) != 2) {
					t.Fatalf("plainRune(% x) = %d on two bytes", s[:2], n)
				}
			}
		}
	}
	for _, s := range []string{"中", "é", "\u00a0", "ア"} {
		if plainRune(s) != len(s) || printableRune(s) != len(s) {
			t.Errorf("%q: plainRune %d, printableRune %d, want %d", s, plainRune(s), printableRune(s), len(s))
		}
	}
}
