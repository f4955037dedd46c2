package convert

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/parse"
	"go.yaml.in/yaml/v3"
)

// From says how [Read] takes its input.
type From string

// The ways of reading an input.
const (
	FromAuto From = "auto" // canonical YAML or JSON when the content says so, else source text
	FromText From = "text" // source text, for the parser
	FromYAML From = "yaml" // canonical YAML
	FromJSON From = "json" // canonical JSON
)

// froms lists every [From], in the order messages give them.
var froms = []From{FromAuto, FromText, FromYAML, FromJSON}

// ParseFrom turns a -from value into a [From], ignoring case.
func ParseFrom(s string) (From, error) {
	for _, f := range froms {
		if strings.EqualFold(string(f), strings.TrimSpace(s)) {
			return f, nil
		}
	}
	names := make([]string, len(froms))
	for i, f := range froms {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown input kind %q (want %s)", s, strings.Join(names, ", "))
}

// Read reads one input into a document; name only feeds positions and
// messages. Canonical YAML and JSON are decoded strictly and then
// validated; source text goes to [parse.Parse]. With [FromAuto] the content
// decides, as [Sniff] does.
//
// Errors name the input and, where one is known, the line and column; a
// parser or validation error may be a list, one problem per line of its
// Error text.
func Read(r io.Reader, name string, from From) (*declaration.Document, error) {
	if from == FromText {
		return parse.Parse(r, name)
	}
	data, err := io.ReadAll(io.LimitReader(r, declaration.MaxEncodedSize+1))
	if err != nil {
		return nil, &declaration.Error{File: name, Msg: err.Error()}
	}
	if from == FromAuto {
		from = Sniff(data)
	}
	if from == FromText {
		// The parser sets its own limits: hand it everything.
		return parse.Parse(io.MultiReader(bytes.NewReader(data), r), name)
	}
	return readBytes(data, name, from)
}

// readBytes is [Read] of an input already read whole, from known (not
// [FromAuto]). Text is parsed without a copy (the document shares data's
// array, so data must not change afterwards): the batch runner has read
// the file and hands its bytes over.
func readBytes(data []byte, name string, from From) (*declaration.Document, error) {
	var d *declaration.Document
	var err error
	switch from {
	case FromText:
		return parse.ParseBytes(data, name)
	case FromYAML:
		d, err = declaration.DecodeYAML(bytes.NewReader(trimBOM(data)), name)
	case FromJSON:
		d, err = declaration.DecodeJSON(bytes.NewReader(trimBOM(data)), name)
	default:
		return nil, fmt.Errorf("convert.Read: unknown From %q", from)
	}
	if err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, invalid(name, err)
	}
	return d, nil
}

// invalid names the canonical file in a validation error. Validation
// reports the source's name and positions in the source, which do not
// point into the canonical file, so both are kept: "doc.yaml: invalid
// document: statement.txt:25:5: duplicate id …".
func invalid(name string, err error) error {
	var list declaration.ErrorList
	if !errors.As(err, &list) {
		return &declaration.Error{File: name, Msg: "invalid document: " + err.Error()}
	}
	out := make(declaration.ErrorList, len(list))
	for i, e := range list {
		out[i] = &declaration.Error{File: name, Msg: "invalid document: " + e.Error()}
	}
	return out
}

var utf8BOM = []byte("\xef\xbb\xbf")

func trimBOM(data []byte) []byte { return bytes.TrimPrefix(data, utf8BOM) }

var (
	// jsonSchemaKey is a "schema" key whose value names our schema family.
	jsonSchemaKey = regexp.MustCompile(`"schema"\s*:\s*"declconv/`)
	// yamlSchemaLine is a top-level schema line naming our schema family.
	yamlSchemaLine = regexp.MustCompile(`^schema:[ \t]*["']?declconv/`)
)

// sniffSize is how much of an input [Sniff] looks at: what starts a
// canonical file says so within its first lines.
const sniffSize = 8 << 10

// Sniff tells canonical YAML and JSON from source text by the first
// 8 KiB of their content:
//
//   - JSON: the first non-space character (after a UTF-8 byte order
//     mark) is '{', and a "schema" key has a value starting "declconv/";
//   - YAML: the first line that is not blank or a comment is
//     "schema: declconv/…", as every file we write starts; or such a
//     line stands at the top level of the first YAML document, and
//     nothing but blank lines and comments follows that document's end
//     marker ("---" or "...") if it has one.
//
// So content that starts as a canonical file is decoded as one, and
// fails as one (a second YAML document is an error, not text), while a
// source text that starts with YAML front matter goes to the parser,
// even when that front matter has a schema line: the text after it is
// not canonical YAML. Sniff returns [FromJSON], [FromYAML] or [FromText].
func Sniff(data []byte) From {
	data = trimBOM(data)
	if len(data) > sniffSize {
		data = data[:sniffSize]
	}
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		if jsonSchemaKey.Match(t) {
			return FromJSON
		}
		return FromText
	}
	found, content, ended, first := false, false, false, true
	for raw := range bytes.Lines(data) {
		line := bytes.TrimRight(raw, " \t\r\n")
		blank := len(line) == 0 || bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte("#"))
		if first && !blank {
			first = false
			if yamlSchemaLine.Match(line) {
				return FromYAML // it starts as a canonical file
			}
		}
		switch {
		case ended:
			if !blank {
				return FromText // more after the document: front matter
			}
		case string(line) == "---" || string(line) == "...":
			if content {
				ended = true
			}
		case !blank:
			content = true
			if yamlSchemaLine.Match(line) {
				found = true
			}
		}
	}
	if found {
		return FromYAML
	}
	return FromText
}

var (
	yamlSourceName = regexp.MustCompile(`(?m)^source:[ \t]*\r?\n[ \t]+name:[ \t]*(.+?)[ \t]*\r?$`)
	jsonSourceName = regexp.MustCompile(`"source"\s*:\s*\{\s*"name"\s*:\s*("(?:[^"\\]|\\.)*")`)
)

// SourceName returns the source.name of a canonical file from its head
// (the first few KB are enough for the files we write, where source
// comes second), or "" when the head is not that of a canonical file
// or does not show its source.
func SourceName(head []byte) string {
	var name string
	switch Sniff(head) {
	case FromYAML:
		m := yamlSourceName.FindSubmatch(head)
		if m == nil || yaml.Unmarshal(m[1], &name) != nil {
			return ""
		}
	case FromJSON:
		m := jsonSourceName.FindSubmatch(head)
		if m == nil || json.Unmarshal(m[1], &name) != nil {
			return ""
		}
	}
	return name
}
