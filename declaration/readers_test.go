package declaration

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/declconv/declconv/internal/testfiles"
)

// python finds a python3 with the given modules (testfiles.Python):
// where there is none the test is skipped, except in CI, where it fails.
func python(t *testing.T, modules ...string) string {
	t.Helper()
	return testfiles.Python(t, modules...)
}

// TestIndependentReaders has other implementations read our output:
// PyYAML reads every want.yaml (the fixtures' and internal/testdocs', which
// has attachments) and Python's json every want.json, and the two must give
// the same data; python-jsonschema validates every want.json against
// schema.json.
func TestIndependentReaders(t *testing.T) {
	py := python(t, "yaml", "json", "jsonschema")
	dirs := testfiles.Canonical(t)
	args := []string{"-c", `
import json, sys, yaml, jsonschema
schema = json.load(open("schema.json"))
validator = jsonschema.Draft202012Validator(schema)
jsonschema.Draft202012Validator.check_schema(schema)
bad = 0
for y in sys.argv[1:]:
    j = y[:-len("want.yaml")] + "want.json"
    a = yaml.safe_load(open(y, encoding="utf-8"))
    b = json.load(open(j, encoding="utf-8"))
    if a != b:
        print(y, ": PyYAML reads different data from the JSON"); bad += 1
    for e in validator.iter_errors(b):
        print(j, ":", e.json_path, e.message); bad += 1
print("checked", len(sys.argv) - 1)
sys.exit(1 if bad else 0)
`}
	out, err := exec.Command(py, append(args, dirs...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(string(out), "checked ") {
		t.Fatalf("the checker did not run: %s", out)
	}
	t.Logf("%s", out)
}
