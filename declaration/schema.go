package declaration

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
)

// JSONSchema returns the published JSON Schema (draft 2020-12) of the
// canonical document, as committed in schema.json; the bytes are a copy.
// A test regenerates it from the Go types with [GenerateJSONSchema] and
// fails when the two differ.
func JSONSchema() []byte { return slices.Clone(jsonSchema) }

//go:embed schema.json
var jsonSchema []byte

// GenerateJSONSchema derives the JSON Schema from the Go types: their JSON
// names, types, doc tags and enumerations. It is the one source of truth
// for schema.json.
func GenerateJSONSchema() []byte {
	defs := map[string]any{}
	var typeSchema func(t reflect.Type) map[string]any
	structSchema := func(t reflect.Type) {
		if _, done := defs[t.Name()]; done {
			return
		}
		defs[t.Name()] = nil // reserve: types may refer to themselves
		props := map[string]any{}
		var required []string
		for _, f := range fields(t) {
			name := f.name
			s := typeSchema(f.typ)
			if p, ok := fieldPatterns[f.owner+"."+name]; ok {
				for k, v := range p {
					s[k] = v
				}
			}
			if f.doc != "" {
				s["description"] = f.doc
			}
			props[name] = s
			if !f.omitempty {
				required = append(required, name)
			}
		}
		slices.Sort(required)
		def := map[string]any{"type": "object", "additionalProperties": false, "properties": props}
		if len(required) > 0 {
			def["required"] = required
		}
		defs[t.Name()] = def
	}
	typeSchema = func(t reflect.Type) map[string]any {
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if values := enumValues(t); values != nil {
			return map[string]any{"enum": values}
		}
		switch t.Kind() {
		case reflect.Struct:
			structSchema(t)
			return map[string]any{"$ref": "#/$defs/" + t.Name()}
		case reflect.Slice:
			return map[string]any{"type": "array", "items": typeSchema(t.Elem())}
		case reflect.Int:
			return map[string]any{"type": "integer", "minimum": 0}
		case reflect.Bool:
			return map[string]any{"type": "boolean"}
		}
		return map[string]any{"type": "string"}
	}
	typeSchema(reflect.TypeFor[Document]())
	schema := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         "urn:declconv:schema:" + strings.TrimPrefix(SchemaVersion, "declconv/"),
		"title":       "declconv canonical document (" + SchemaVersion + ")",
		"description": "A declaration, treaty, joint statement or law parsed by declconv. YAML and JSON encodings share this structure.",
		"$ref":        "#/$defs/Document",
		"$defs":       defs,
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(schema); err != nil {
		panic(err) // only maps of strings, bools, ints and slices: cannot fail
	}
	return out.Bytes()
}

// fieldPatterns adds constraints to single fields, keyed Type.field.
var fieldPatterns = map[string]map[string]any{
	"Document.schema":  {"const": SchemaVersion},
	"Source.sha256":    {"pattern": "^[0-9a-f]{64}$"},
	"Publication.date": {"pattern": isoPattern.String()},
	"Date.iso":         {"pattern": isoPattern.String()},
	"Block.id":         {"pattern": idPattern.String()},
	"Provision.id":     {"pattern": idPattern.String()},
	"Pos.line":         {"minimum": 1},
	"Pos.col":          {"minimum": 1},
}

// enumValues lists the allowed values of the model's enumerations.
func enumValues(t reflect.Type) []string {
	var values []string
	add := func(s string) { values = append(values, s) }
	switch t {
	case reflect.TypeFor[Kind]():
		for _, k := range Kinds() {
			add(string(k))
		}
	case reflect.TypeFor[ProvisionKind]():
		for _, k := range ProvisionKinds() {
			add(string(k.Kind))
		}
	case reflect.TypeFor[BlockKind]():
		for _, k := range BlockKinds() {
			add(string(k))
		}
	case reflect.TypeFor[Level]():
		for _, l := range Levels() {
			add(string(l))
		}
	}
	return values
}
