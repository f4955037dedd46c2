package declaration

import (
	"bytes"
	"encoding/json"
	"errors"
	"github.com/declconv/declconv/internal/testfiles"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestFixturesJSON starts from each reviewed canonical YAML (the fixtures'
// and internal/testdocs'): the JSON encoding matches want.json, validates
// against the published schema, and both encodings decode back to the
// same document.
func TestFixturesJSON(t *testing.T) {
	schema := compileSchema(t)
	for _, path := range testfiles.Canonical(t) {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d, err := DecodeYAML(bytes.NewReader(data), path)
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Validate(); err != nil {
				t.Fatal(err)
			}
			var y bytes.Buffer
			if err := EncodeYAML(&y, d); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(y.Bytes(), data) {
				t.Error("re-encoding want.yaml changes it: the YAML encoding is not canonical")
			}
			var j bytes.Buffer
			if err := EncodeJSON(&j, d); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(dir, "want.json")
			testfiles.Golden(t, golden, j.Bytes())
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("JSON does not validate against schema.json: %v", err)
			}
			back, err := DecodeJSON(&j, golden)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, d) {
				t.Error("JSON round trip changes the document")
			}
		})
	}
}

func compileSchema(t testing.TB) *jsonschema.Schema {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSchemaRejects shows that the schema is not a rubber stamp.
func TestSchemaRejects(t *testing.T) {
	schema := compileSchema(t)
	var j bytes.Buffer
	if err := EncodeJSON(&j, sample()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, from, to string }{
		{"unknown field", `"title": "联合声明",`, `"title": "联合声明", "colour": 1,`},
		{"bad id", `"id": "art_1",`, `"id": "第一条",`},
		{"bad kind", `"kind": "item"`, `"kind": "widget"`},
		{"bad date", `"iso": "1992-01"`, `"iso": "January 1992"`},
		{"bad schema", `"declconv/v1"`, `"declconv/v0"`},
	} {
		bad := strings.Replace(j.String(), c.from, c.to, 1)
		if bad == j.String() {
			t.Fatalf("%s: %q not found", c.name, c.from)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(inst) == nil {
			t.Errorf("%s: the schema accepts it", c.name)
		}
	}
}

// FuzzDecode feeds the strict decoders: no panic, errors carry a position
// inside the input, and what decodes re-encodes and decodes the same.
func FuzzDecode(f *testing.F) {
	for _, pattern := range []string{"want.yaml", "want.json"} {
		paths, _ := filepath.Glob(filepath.Join("..", "fixtures", "*", pattern))
		more, _ := filepath.Glob(filepath.Join("..", "internal", "testdocs", "testdata", "*", pattern))
		paths = append(paths, more...)
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("schema: &a declconv/v1\nkind: *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		decode := DecodeYAML
		if json.Valid(data) || bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			decode = DecodeJSON
		}
		d, err := decode(bytes.NewReader(data), "fuzz")
		if err != nil {
			var e *Error
			var list ErrorList
			switch {
			case errors.As(err, &list):
				e = list[0]
			case errors.As(err, &e):
			default:
				t.Fatalf("error of type %T: %v", err, err)
			}
			// YAML counts a lone CR as a line break too, as the parser does
			if e.Pos.Line > bytes.Count(data, []byte("\n"))+bytes.Count(data, []byte("\r"))+1 {
				t.Fatalf("error line %d beyond the input: %v", e.Pos.Line, err)
			}
			return
		}
		var js bytes.Buffer
		if err := EncodeJSON(&js, d); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(js.Bytes(), referenceJSON(t, d)) {
			t.Fatal("EncodeJSON differs from encoding/json")
		}
		var buf bytes.Buffer
		if err := EncodeYAML(&buf, d); err != nil {
			t.Fatal(err)
		}
		back, err := DecodeYAML(&buf, "again")
		if err != nil {
			t.Fatalf("re-decoding our own encoding: %v\n%s", err, buf.String())
		}
		if !reflect.DeepEqual(back, d) {
			t.Fatalf("round trip changes the document")
		}
	})
}

func seedDocument(b *testing.B) *Document {
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "seed", "want.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	d, err := DecodeYAML(bytes.NewReader(data), "want.yaml")
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkEncodeYAML and BenchmarkEncodeJSON are the YAML and JSON
// writers on the seed.
func BenchmarkEncodeYAML(b *testing.B) {
	d := seedDocument(b)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := EncodeYAML(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func BenchmarkEncodeJSON(b *testing.B) {
	d := seedDocument(b)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := EncodeJSON(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func BenchmarkDecodeYAML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "seed", "want.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := DecodeYAML(bytes.NewReader(data), "want.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
