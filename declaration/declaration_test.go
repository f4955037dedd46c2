package declaration

import (
	"bytes"
	"errors"
	"github.com/declconv/declconv/internal/testfiles"
	"reflect"
	"strings"
	"testing"
)

func TestSchemaFileUpToDate(t *testing.T) {
	testfiles.Golden(t, "schema.json", GenerateJSONSchema())
	if !testfiles.Updating() && !bytes.Equal(GenerateJSONSchema(), JSONSchema()) {
		t.Fatal("the embedded schema differs from schema.json: rebuild")
	}
}

// TestTagsAgree ties the YAML names and omitempty to the JSON ones, so
// that both encodings, the strict decoder and the schema read one field
// list (fields.go).
func TestTagsAgree(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var visit func(t reflect.Type)
	visit = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			j, jopts, _ := strings.Cut(f.Tag.Get("json"), ",")
			y, yopts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if f.Anonymous {
				if yopts != "inline" || f.Tag.Get("json") != "" {
					t.Errorf("%s.%s: an embedded struct must be yaml inline and have no json tag", typ.Name(), f.Name)
				}
			} else if j != y {
				t.Errorf("%s.%s: json name %q, yaml name %q", typ.Name(), f.Name, j, y)
			} else if strings.Contains(jopts, "omitempty") != strings.Contains(yopts, "omitempty") {
				t.Errorf("%s.%s: omitempty in one tag and not the other", typ.Name(), f.Name)
			}
			if !f.Anonymous && f.Tag.Get("doc") == "" {
				t.Errorf("%s.%s: no doc tag (it becomes the schema's description)", typ.Name(), f.Name)
			}
			visit(f.Type)
		}
	}
	visit(reflect.TypeFor[Document]())
}

func sample() *Document {
	d := &Document{
		Schema:      SchemaVersion,
		Source:      Source{Name: "s.txt", SHA256: strings.Repeat("ab", 32), Encoding: "utf-8", Bytes: 120},
		Publication: &Publication{Headline: "联合声明", Date: "1995-09-13", Page: 4, Section: "要闻"},
		Dispatch:    &Dispatch{Text: "新华社北京９月１２日电", Agency: "新华社", Place: "北京", Date: &Date{Text: "９月１２日", ISO: "1995-09-12", YearInferred: true}},
		Title:       "联合声明",
		Kind:        JointStatement,
		Parties:     []string{"甲国", "乙国"},
		Front:       []*Block{{Kind: Headline, Markup: "###", Text: "联合声明", Pos: Pos{1, 1}}},
		Body: []*Provision{{
			Kind: Article, Label: "一、", Number: 1, Text: "双方：", Pos: Pos{3, 5},
			Children: []*Provision{
				{Kind: Item, Label: "——", Text: "=SUM(A1) 不是公式", Pos: Pos{4, 5}},
				{Kind: Item, Label: "——", Text: "第二项", Pos: Pos{5, 5}},
			},
		}},
		Dates:       []DateMention{{Date: Date{Text: "１９９２年１月", ISO: "1992-01"}, At: "art_1", Pos: Pos{3, 8}}},
		Diagnostics: []Diagnostic{{Level: LevelWarning, Code: "no-closing", Pos: Pos{5, 9}, Message: "no closing"}},
	}
	d.AssignIDs()
	return d
}

func TestRoundTrip(t *testing.T) {
	d := sample()
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		encode func(*bytes.Buffer, *Document) error
		decode func(*bytes.Buffer) (*Document, error)
	}{
		{"yaml", func(b *bytes.Buffer, d *Document) error { return EncodeYAML(b, d) }, func(b *bytes.Buffer) (*Document, error) { return DecodeYAML(b, "x.yaml") }},
		{"json", func(b *bytes.Buffer, d *Document) error { return EncodeJSON(b, d) }, func(b *bytes.Buffer) (*Document, error) { return DecodeJSON(b, "x.json") }},
	} {
		var buf bytes.Buffer
		if err := c.encode(&buf, d); err != nil {
			t.Fatal(err)
		}
		text := buf.String()
		got, err := c.decode(&buf)
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.name, err, text)
		}
		if !reflect.DeepEqual(got, d) {
			t.Errorf("%s: decoded document differs from the encoded one\n%s", c.name, text)
		}
	}
}

func TestAssignIDs(t *testing.T) {
	d := sample()
	var ids []string
	d.Walk(func(p *Provision, _ []*Provision) bool { ids = append(ids, p.ID); return true })
	want := []string{"art_1", "art_1__item_1", "art_1__item_2"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	if d.Front[0].ID != "front__p_1" {
		t.Errorf("front block id = %q", d.Front[0].ID)
	}
	// A repeated number keeps both provisions apart.
	d.Body = append(d.Body, &Provision{Kind: Article, Number: 1, Pos: Pos{9, 1}})
	d.AssignIDs()
	if got := d.Body[1].ID; got != "art_1_2" {
		t.Errorf("repeated article id = %q, want art_1_2", got)
	}
	if err := d.Validate(); err != nil {
		t.Error(err)
	}
}

func TestValidate(t *testing.T) {
	d := sample()
	d.Body[0].Children[1].ID = "art_1__item_1"
	d.Body[0].Children[0].Kind = "widget"
	d.Dates[0].ISO = "1992-13"
	d.Dates[0].At = "art_9"
	err := d.Validate()
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Validate = %v, want an ErrorList", err)
	}
	for _, want := range []string{`duplicate id "art_1__item_1"`, `unknown kind "widget"`, `"1992-13" is not an ISO 8601 date`, `unknown id "art_9"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error lacks %q:\n%v", want, err)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	var y, j bytes.Buffer
	if err := EncodeYAML(&y, sample()); err != nil {
		t.Fatal(err)
	}
	if err := EncodeJSON(&j, sample()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, input, want string
		json              bool
	}{
		{"unknown field", strings.Replace(y.String(), "title: 联合声明", "title: 联合声明\ncolour: red", 1), `x:21:1: document: unknown field "colour"`, false},
		{"wrong type", strings.Replace(y.String(), "page: 4", "page: four", 1), `publication.page: want an integer, got a string`, false},
		{"missing schema", strings.Replace(y.String(), "schema: declconv/v1\n", "", 1), `missing required field "schema"`, false},
		{"unknown schema", strings.Replace(y.String(), "declconv/v1", "declconv/v9", 1), `x:1:9: unknown schema "declconv/v9"`, false},
		{"unknown kind", strings.Replace(y.String(), "kind: joint-statement", "kind: poem", 1), `kind: unknown value "poem"`, false},
		{"alias", "schema: &a declconv/v1\nkind: *a\n", `x:1:9: anchors and aliases are not allowed`, false},
		{"syntax", "schema: [", `x:1:1: YAML:`, false},
		{"two documents", y.String() + "---\nschema: declconv/v1\n", `x:59:1: more than one YAML document`, false},
		{"json unknown field", strings.Replace(j.String(), `"title": "联合声明",`, `"title": "联合声明", "colour": "red",`, 1), `x:25:20: document: unknown field "colour"`, true},
		{"json wrong type", strings.Replace(j.String(), `"page": 4`, `"page": "4"`, 1), `publication.page: want an integer, got a string`, true},
		{"json syntax", `{"schema": "declconv/v1",`, `x:1:26: JSON: unexpected end of input`, true},
		{"json trailing", j.String() + "{}", `JSON: data after the document`, true},
	} {
		var err error
		if c.json {
			_, err = DecodeJSON(strings.NewReader(c.input), "x")
		} else {
			_, err = DecodeYAML(strings.NewReader(c.input), "x")
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error = %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

// TestDecodeDeep: nesting beyond any real document is refused at once,
// with a position, instead of being walked (or exhausting the stack).
func TestDecodeDeep(t *testing.T) {
	depth := 100000
	j := `{"schema": "declconv/v1", "body": ` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "}"
	if _, err := DecodeJSON(strings.NewReader(j), "deep.json"); err == nil || !strings.Contains(err.Error(), "deep.json:1:") || !strings.Contains(err.Error(), "nested deeper than") {
		t.Errorf("JSON: error = %v", err)
	}
	y := "schema: declconv/v1\nbody: " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n"
	if _, err := DecodeYAML(strings.NewReader(y), "deep.yaml"); err == nil || !strings.Contains(err.Error(), "deep.yaml:") {
		t.Errorf("YAML: error = %v", err)
	}
}
