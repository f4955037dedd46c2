package declaration

import (
	"reflect"
	"strings"
	"sync"
)

// field is one field of a model type as the encoders, the strict decoder
// and the schema generator see it. Its name and omitempty are the same in
// the yaml and json tags (TestTagsAgree ties them), so one list serves all.
type field struct {
	name      string
	omitempty bool         // may be left out; a field without it is required
	flow      bool         // written in YAML flow style: {line: 3, col: 5}
	typ       reflect.Type // the Go type
	doc       string       // the doc tag: the schema's description
	owner     string       // the struct that declares it (an embedded one for DateMention's)
	index     []int        // for reflect.Value.FieldByIndex, through embedded structs
}

// fieldCache holds the fields of each struct type, read from its tags
// once: the model's types are few and every node asks.
var fieldCache sync.Map // reflect.Type → []field

// fields lists t's exported fields in order, flattening embedded structs.
func fields(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			for _, inner := range fields(f.Type) {
				inner.index = append([]int{i}, inner.index...)
				out = append(out, inner)
			}
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		_, yopts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		out = append(out, field{
			name: name, omitempty: strings.Contains(opts, "omitempty"), flow: strings.Contains(yopts, "flow"),
			typ: f.Type, doc: f.Tag.Get("doc"), owner: t.Name(), index: []int{i},
		})
	}
	fieldCache.Store(t, out)
	return out
}

// fieldNamed finds the field of t with that name.
func fieldNamed(t reflect.Type, name string) (field, bool) {
	for _, f := range fields(t) {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}
