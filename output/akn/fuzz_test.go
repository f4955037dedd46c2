package akn

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testfiles"
)

// FuzzWrite decodes arbitrary YAML as a canonical document, without
// validating it (so IDs, kinds and dates may be anything), writes it and
// reads the output to its end with encoding/xml: whatever the document
// holds, the XML is well-formed, with the document type as root and a
// second run gives the same bytes. Seeds: every canonical test document
// and testdata/fuzz/FuzzWrite.
func FuzzWrite(f *testing.F) {
	for _, p := range testfiles.Canonical(f) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := declaration.DecodeYAML(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		out := write(t, d)
		p, err := read(out)
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, out)
		}
		if want, _ := docType(d); p.root != want {
			t.Fatalf("root %s, want %s", p.root, want)
		}
		if again := write(t, d); !bytes.Equal(again, out) {
			t.Fatal("a second run gave different bytes")
		}
	})
}

// TestFuzzSeeds checks that the committed seeds decode: a seed the
// decoder refuses tests nothing of the writer.
func TestFuzzSeeds(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzWrite", "*"))
	if len(paths) == 0 {
		t.Fatal("no seeds in testdata/fuzz/FuzzWrite")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// the corpus file format: a header line, then []byte("…")
		_, lit, _ := bytes.Cut(data, []byte("\n"))
		s, err := unquoteSeed(lit)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if _, err := declaration.DecodeYAML(bytes.NewReader(s), p); err != nil {
			t.Errorf("%s does not decode: %v", p, err)
		}
	}
}

// unquoteSeed reads the []byte("…") line of a fuzz corpus file.
func unquoteSeed(line []byte) ([]byte, error) {
	s := string(bytes.TrimSpace(line))
	if !strings.HasPrefix(s, "[]byte(") || !strings.HasSuffix(s, ")") {
		return nil, fmt.Errorf("not a []byte seed: %.40q", s)
	}
	u, err := strconv.Unquote(s[len("[]byte(") : len(s)-1])
	return []byte(u), err
}
