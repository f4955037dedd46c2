package declaration

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// trickyStrings are texts a YAML writer must quote or fold with care.
var trickyStrings = []string{
	"yes", "No", "ON", "off", "y", "n", "true", "False", "null", "Null", "~", "", " ", "1.5", "12", "-3", "+1",
	"0x1F", "0o17", "1:20", "1995-09-13", ".inf", "-.Inf", ".NaN", "=", "<<", "- x", "-x", "? x", ": x", "a: b",
	"x:", "#x", "x #y", "x#y", " lead", "trail ", "tab\tx", "a\u2028b", "a\u0085b", "a\x7fb", "a\x01b", "\ufeffbom",
	"line1\nline2", "line1 \nline2", "\nlead", "end\n", "two\n\nparas", "\tindented\nx", "@x", "`x", "%x", "!x",
	"&x", "*x", "|x", ">x", "'x", "\"x\"", "{x}", "[x]", "x, y", "——以和平共处五项原则为基础", "（一）在政治关系方面",
	"第 十 条", "1\\.", "\\", "C:\\path", "𠀀 beyond the BMP", "=SUM(A1)", "@SUM(A1)",
}

func trickyDocument() *Document {
	d := sample()
	for i, s := range trickyStrings {
		d.Body[0].Children = append(d.Body[0].Children, &Provision{Kind: Item, Label: s, Text: s, Heading: s, Pos: Pos{Line: 10 + i, Col: 1}})
	}
	d.Parties = append(d.Parties, trickyStrings...)
	d.AssignIDs()
	return d
}

func TestEncodeYAMLTricky(t *testing.T) {
	d := trickyDocument()
	var buf bytes.Buffer
	if err := EncodeYAML(&buf, d); err != nil {
		t.Fatal(err)
	}
	back, err := DecodeYAML(bytes.NewReader(buf.Bytes()), "tricky.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(back, d) {
		for i, s := range trickyStrings {
			if got := back.Parties[2+i]; got != s {
				t.Errorf("%q reads back as %q", s, got)
			}
		}
		t.Fatal("the decoded document differs")
	}
}

// TestEncodeYAMLTrickyPyYAML has PyYAML (YAML 1.1) read the same strings.
func TestEncodeYAMLTrickyPyYAML(t *testing.T) {
	py := python(t, "yaml", "json")
	d := trickyDocument()
	dir := t.TempDir()
	var y, j bytes.Buffer
	if err := EncodeYAML(&y, d); err != nil {
		t.Fatal(err)
	}
	if err := EncodeJSON(&j, d); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "want.yaml"), y.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "want.json"), j.Bytes(), 0o644)
	out, err := exec.Command(py, "-c", `
import json, sys, yaml
a = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
b = json.load(open(sys.argv[2], encoding="utf-8"))
if a != b:
    for x, y in zip(a["parties"], b["parties"]):
        if x != y: print("PyYAML reads", repr(x), "for", repr(y))
    sys.exit(1)
print("same")
`, filepath.Join(dir, "want.yaml"), filepath.Join(dir, "want.json")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "same") {
		t.Fatalf("%v\n%s", err, out)
	}
}
