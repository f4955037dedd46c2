package declaration

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// MaxEncodedSize bounds what the decoders read: a canonical document larger
// than this is refused rather than held in memory.
const MaxEncodedSize = 64 << 20

// DecodeYAML reads a canonical YAML document. It is strict: an unknown or
// repeated field, a value of the wrong type, a missing required field, an
// unknown kind, an alias, or a schema other than [SchemaVersion] is an
// error naming the line and column. name only feeds the messages.
func DecodeYAML(r io.Reader, name string) (*Document, error) {
	data, err := readLimited(r, name)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if err == io.EOF {
			return nil, &Error{File: name, Msg: "empty YAML document"}
		}
		return nil, yamlSyntaxError(name, data, err)
	}
	if len(root.Content) == 0 {
		return nil, &Error{File: name, Msg: "empty YAML document"}
	}
	var next yaml.Node
	if err := dec.Decode(&next); err != io.EOF {
		pos := Pos{Line: next.Line, Col: next.Column}
		return nil, &Error{File: name, Pos: pos, Msg: "more than one YAML document: a canonical file holds one"}
	}
	tree, err := fromYAML(name, root.Content[0])
	if err != nil {
		return nil, err
	}
	if err := check(name, tree, nil); err != nil {
		return nil, withinLines(err, data)
	}
	var d Document
	if err := root.Content[0].Decode(&d); err != nil {
		return nil, yamlSyntaxError(name, data, err)
	}
	dropEmptyLists(reflect.ValueOf(&d))
	return &d, nil
}

// DecodeJSON reads a canonical JSON document, as strictly as [DecodeYAML].
func DecodeJSON(r io.Reader, name string) (*Document, error) {
	data, err := readLimited(r, name)
	if err != nil {
		return nil, err
	}
	tree, err := fromJSON(name, data)
	if err != nil {
		return nil, err
	}
	if err := check(name, tree, data); err != nil {
		return nil, err
	}
	var d Document
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	dropEmptyLists(reflect.ValueOf(&d))
	return &d, nil
}

// dropEmptyLists makes the empty lists of a decoded document nil where
// the field may be left out: the encoders leave such lists out, so
// "preamble: []" and no preamble are one document, and a round trip gives
// back what was decoded.
func dropEmptyLists(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			dropEmptyLists(v.Elem())
		}
	case reflect.Struct:
		for _, f := range fields(v.Type()) {
			fv := v.FieldByIndex(f.index)
			if fv.Kind() == reflect.Slice && fv.Len() == 0 && !fv.IsNil() && f.omitempty {
				fv.Set(reflect.Zero(fv.Type()))
				continue
			}
			dropEmptyLists(fv)
		}
	case reflect.Slice:
		for i := range v.Len() {
			dropEmptyLists(v.Index(i))
		}
	}
}

func readLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxEncodedSize+1))
	if err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	if len(data) > MaxEncodedSize {
		return nil, &Error{File: name, Msg: fmt.Sprintf("canonical document larger than %d bytes", MaxEncodedSize)}
	}
	return data, nil
}

// lastLine is the number of the input's last line, counting LF, CR and
// CRLF as editors do.
func lastLine(data []byte) int {
	return bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
}

// withinLines keeps the positions of check's errors on the input's own
// lines: yaml.v3 places an empty document (---) on the line after it, and
// also breaks lines at U+0085, U+2028 and U+2029.
func withinLines(err error, data []byte) error {
	var list ErrorList
	var one *Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			e.Pos.Line = min(e.Pos.Line, lastLine(data))
		}
	case errors.As(err, &one):
		one.Pos.Line = min(one.Pos.Line, lastLine(data))
	}
	return err
}

// yamlLine finds the line number in a yaml.v3 message ("yaml: line 3: …").
var yamlLine = regexp.MustCompile(`line ([0-9]+): `)

// yamlTooDeep is yaml.v3's message for nesting beyond its bound.
var yamlTooDeep = regexp.MustCompile(`^exceeded max depth of [0-9]+`)

// yamlSyntaxError turns a yaml.v3 error into an *Error at its line of data.
func yamlSyntaxError(name string, data []byte, err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	pos := Pos{}
	if m := yamlLine.FindStringSubmatchIndex(msg); m != nil {
		pos.Line, _ = strconv.Atoi(msg[m[2]:m[3]])
		pos.Line = min(pos.Line, lastLine(data)) // as withinLines
		pos.Col = 1
		msg = msg[:m[0]] + msg[m[1]:]
	}
	msg = string(bytes.TrimPrefix([]byte(msg), []byte("yaml: ")))
	if yamlTooDeep.MatchString(msg) {
		// yaml.v3's own bound, met before ours: say ours, as for any
		// nesting deeper than it.
		return &Error{File: name, Pos: pos, Msg: fmt.Sprintf("nested deeper than %d levels", maxDepth)}
	}
	return &Error{File: name, Pos: pos, Msg: "YAML: " + msg}
}
