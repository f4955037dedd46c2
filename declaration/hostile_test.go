package declaration

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestDecodeNullItems (issue 11, defect 8, fixed before the issue was
// filed; the crasher is testdata/fuzz/FuzzDecode/c14c621165e0d90a): a
// null item in any list of blocks or provisions is a positioned error,
// not a nil pointer that panics later.
func TestDecodeNullItems(t *testing.T) {
	head := "schema: declconv/v1\nsource:\n  name: x.txt\n  sha256: \"00\"\n  encoding: utf-8\n  bytes: 1\nkind: treaty\n"
	article := "  - id: art_1\n    kind: article\n    text: a\n"
	for _, tc := range []struct{ name, yaml string }{
		{"front", head + "front:\n  -\n"},
		{"preamble", head + "preamble:\n  - null\n"},
		{"body", head + "body:\n  - ~\n"},
		{"children", head + "body:\n" + article + "    children:\n      -\n"},
		{"closing", head + "closing:\n  -\n"},
		{"attachments", head + "attachments:\n  -\n"},
		{"attachment body", head + "attachments:\n  - id: att_1\n    body:\n      -\n"},
	} {
		for _, asJSON := range []bool{false, true} {
			input, decode := tc.yaml, DecodeYAML
			if asJSON {
				input, decode = yamlToJSON(t, tc.yaml), DecodeJSON
			}
			var err error
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("%s (json %v): panic %v", tc.name, asJSON, p)
					}
				}()
				_, err = decode(strings.NewReader(input), "x")
			}()
			if err == nil || !strings.HasPrefix(err.Error(), "x:") || strings.HasPrefix(err.Error(), "x:0") || !strings.Contains(err.Error(), "null") {
				t.Errorf("%s (json %v): error %v, want a positioned one about null", tc.name, asJSON, err)
			}
		}
	}
}

// yamlToJSON turns the small YAML of a test into JSON.
func yamlToJSON(t *testing.T, y string) string {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(y), &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDecodeMessages (defect 14): trailing garbage after a JSON document
// and YAML nested beyond what yaml.v3 itself accepts are reported with a
// position and our own message.
func TestDecodeMessages(t *testing.T) {
	var j bytes.Buffer
	if err := EncodeJSON(&j, sample()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(j.String(), "\n")
	for _, garbage := range []string{" xx", "}", "{}", "\n  nonsense"} {
		_, err := DecodeJSON(strings.NewReader(j.String()+garbage), "x")
		want, line := "data after the document", lines+1+strings.Count(garbage, "\n")
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "x:"+strconv.Itoa(line)+":") {
			t.Errorf("%q after the document: error %v, want x:%d:…: %s", garbage, err, line, want)
		}
	}
	for _, depth := range []int{501, 20000} {
		y := "schema: declconv/v1\nbody: " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n"
		_, err := DecodeYAML(strings.NewReader(y), "deep.yaml")
		if err == nil || !strings.HasPrefix(err.Error(), "deep.yaml:2:") || !strings.Contains(err.Error(), "nested deeper than 500 levels") {
			t.Errorf("YAML nested %d deep: error %v", depth, err)
		}
	}
}
