package declaration

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// node is a decoded YAML or JSON value with the positions of its parts,
// so that the strict check can name a line and column for every problem.
type node struct {
	kind   nodeKind
	scalar string // for scalars: str, int, float, bool
	value  string
	pos    Pos // YAML: where the node starts
	off    int // JSON: its byte offset, turned into a Pos only for an error; -1 for YAML
	keys   []string
	keyPos []Pos
	keyOff []int
	vals   []*node
	items  []*node
}

// maxDepth bounds the nesting of a canonical document (a deep provision
// tree is some tens of levels); deeper input is refused rather than
// walked, whatever it holds.
const maxDepth = 500

// maxErrors bounds how many problems one decode reports.
const maxErrors = 50

type nodeKind int

const (
	nullNode nodeKind = iota
	scalarNode
	mapNode
	seqNode
)

func (n *node) describe() string {
	switch n.kind {
	case nullNode:
		return "null"
	case mapNode:
		return "a mapping"
	case seqNode:
		return "a list"
	}
	return "a " + map[string]string{"str": "string", "int": "integer", "float": "number", "bool": "boolean"}[n.scalar]
}

func fromYAML(name string, y *yaml.Node) (*node, error) {
	return fromYAMLAt(name, y, 0)
}

func fromYAMLAt(name string, y *yaml.Node, depth int) (*node, error) {
	pos := Pos{Line: y.Line, Col: y.Column}
	if depth > maxDepth {
		return nil, &Error{File: name, Pos: pos, Msg: fmt.Sprintf("nested deeper than %d levels", maxDepth)}
	}
	if y.Kind == yaml.AliasNode || y.Anchor != "" {
		return nil, &Error{File: name, Pos: pos, Msg: "anchors and aliases are not allowed in a canonical document"}
	}
	n := &node{pos: pos, off: -1}
	switch y.Kind {
	case yaml.MappingNode:
		n.kind = mapNode
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &Error{File: name, Pos: Pos{k.Line, k.Column}, Msg: "mapping keys must be plain strings"}
			}
			val, err := fromYAMLAt(name, v, depth+1)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, k.Value)
			n.keyPos = append(n.keyPos, Pos{k.Line, k.Column})
			n.keyOff = append(n.keyOff, -1)
			n.vals = append(n.vals, val)
		}
	case yaml.SequenceNode:
		n.kind = seqNode
		for _, c := range y.Content {
			item, err := fromYAMLAt(name, c, depth+1)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, item)
		}
	case yaml.ScalarNode:
		switch tag := y.ShortTag(); tag {
		case "!!null":
			n.kind = nullNode
		case "!!str", "!!int", "!!float", "!!bool":
			n.kind, n.scalar, n.value = scalarNode, tag[2:], y.Value
		default:
			return nil, &Error{File: name, Pos: pos, Msg: fmt.Sprintf("unsupported YAML tag %s", tag)}
		}
	default:
		return nil, &Error{File: name, Pos: pos, Msg: "unexpected YAML node"}
	}
	return n, nil
}

// fromJSON reads data token by token, keeping each token's position.
func fromJSON(name string, data []byte) (*node, error) {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	tokenAt := func(off int64) int {
		// Skip separators to land on the token itself.
		for off < int64(len(data)) && strings.IndexByte(" \t\r\n,:", data[off]) >= 0 {
			off++
		}
		return int(off)
	}
	fail := func(err error) error {
		off := dec.InputOffset()
		msg := strings.TrimPrefix(err.Error(), "json: ")
		if se, ok := err.(*json.SyntaxError); ok {
			off = se.Offset
		} else if err == io.EOF || err == io.ErrUnexpectedEOF {
			msg = "unexpected end of input"
		}
		return &Error{File: name, Pos: offsetPos(data, int(off)), Msg: "JSON: " + msg}
	}
	var read func(depth int) (*node, error)
	read = func(depth int) (*node, error) {
		off := tokenAt(dec.InputOffset())
		if depth > maxDepth {
			return nil, &Error{File: name, Pos: offsetPos(data, off), Msg: fmt.Sprintf("JSON: nested deeper than %d levels", maxDepth)}
		}
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(err)
		}
		n := &node{off: off}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' {
				n.kind = mapNode
				for dec.More() {
					koff := tokenAt(dec.InputOffset())
					ktok, err := dec.Token()
					if err != nil {
						return nil, fail(err)
					}
					val, err := read(depth + 1)
					if err != nil {
						return nil, err
					}
					n.keys = append(n.keys, ktok.(string))
					n.keyPos = append(n.keyPos, Pos{})
					n.keyOff = append(n.keyOff, koff)
					n.vals = append(n.vals, val)
				}
			} else {
				n.kind = seqNode
				for dec.More() {
					item, err := read(depth + 1)
					if err != nil {
						return nil, err
					}
					n.items = append(n.items, item)
				}
			}
			if _, err := dec.Token(); err != nil { // the closing delimiter
				return nil, fail(err)
			}
		case string:
			n.kind, n.scalar, n.value = scalarNode, "str", t
		case json.Number:
			n.kind, n.scalar, n.value = scalarNode, "float", t.String()
			if !strings.ContainsAny(t.String(), ".eE") {
				n.scalar = "int"
			}
		case bool:
			n.kind, n.scalar, n.value = scalarNode, "bool", fmt.Sprint(t)
		case nil:
			n.kind = nullNode
		}
		return n, nil
	}
	root, err := read(0)
	if err != nil {
		return nil, err
	}
	after := tokenAt(dec.InputOffset())
	if _, err := dec.Token(); err != io.EOF {
		return nil, &Error{File: name, Pos: offsetPos(data, after), Msg: "JSON: data after the document"}
	}
	return root, nil
}

// offsetPos converts a byte offset into a line and a column in runes.
func offsetPos(data []byte, off int) Pos {
	off = min(max(off, 0), len(data))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if data[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	return Pos{Line: line, Col: utf8.RuneCount(data[start:off]) + 1}
}

// validator is implemented by the model's enumerations.
type validator interface{ Valid() bool }

var validatorType = reflect.TypeFor[validator]()

// check compares the tree with the Document type: every field known, of
// the right type, none repeated, none required missing, every enumeration
// value known, and the schema version right.
//
// data is the JSON input, for turning byte offsets into positions (nil
// for YAML, whose nodes carry theirs).
func check(name string, root *node, data []byte) error {
	var errs ErrorList
	bad := func(pos Pos, off int, format string, args ...any) {
		if len(errs) >= maxErrors {
			return
		}
		if off >= 0 {
			pos = offsetPos(data, off)
		}
		errs = append(errs, &Error{File: name, Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	var walk func(n *node, t reflect.Type, path string)
	walk = func(n *node, t reflect.Type, path string) {
		if t.Kind() == reflect.Pointer {
			if n.kind == nullNode {
				return
			}
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Struct:
			if n.kind != mapNode {
				bad(n.pos, n.off, "%s: want a mapping, got %s", path, n.describe())
				return
			}
			seen := map[string]bool{}
			for i, k := range n.keys {
				f, ok := fieldNamed(t, k)
				switch {
				case !ok:
					bad(n.keyPos[i], n.keyOff[i], "%s: unknown field %q", path, k)
					continue
				case seen[k]:
					bad(n.keyPos[i], n.keyOff[i], "%s: field %q repeated", path, k)
					continue
				}
				seen[k] = true
				walk(n.vals[i], f.typ, joinPath(path, k))
			}
			var missing []string
			for _, f := range fields(t) {
				if !f.omitempty && !seen[f.name] {
					missing = append(missing, f.name)
				}
			}
			slices.Sort(missing)
			for _, k := range missing {
				bad(n.pos, n.off, "%s: missing required field %q", path, k)
			}
		case reflect.Slice:
			if n.kind == nullNode {
				return
			}
			if n.kind != seqNode {
				bad(n.pos, n.off, "%s: want a list, got %s", path, n.describe())
				return
			}
			for i, item := range n.items {
				if item.kind == nullNode && t.Elem().Kind() == reflect.Pointer {
					// a list of blocks or provisions holds no empty entries
					bad(item.pos, item.off, "%s[%d]: want a mapping, got null", path, i)
					continue
				}
				walk(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.String:
			if n.kind != scalarNode {
				bad(n.pos, n.off, "%s: want a string, got %s", path, n.describe())
				return
			}
			if t.Implements(validatorType) {
				v := reflect.New(t).Elem()
				v.SetString(n.value)
				if !v.Interface().(validator).Valid() {
					bad(n.pos, n.off, "%s: unknown value %q (known: %s)", path, n.value, strings.Join(enumValues(t), ", "))
				}
			}
		case reflect.Int:
			if n.kind != scalarNode || n.scalar != "int" {
				bad(n.pos, n.off, "%s: want an integer, got %s", path, n.describe())
			}
		case reflect.Bool:
			if n.kind != scalarNode || n.scalar != "bool" {
				bad(n.pos, n.off, "%s: want a boolean, got %s", path, n.describe())
			}
		}
	}
	walk(root, reflect.TypeFor[Document](), "document")
	if root.kind == mapNode {
		for i, k := range root.keys {
			if v := root.vals[i]; k == "schema" && v.kind == scalarNode && v.value != SchemaVersion {
				bad(v.pos, v.off, "unknown schema %q: this version of declconv reads %s", v.value, SchemaVersion)
			}
		}
	}
	return errs.Err()
}

func joinPath(path, key string) string {
	if path == "document" {
		return key
	}
	return path + "." + key
}
