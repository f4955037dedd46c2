package convert

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunDiagnostics: a check run (-check) reports every document's
// diagnostics through the writer, in each format: JSON and SARIF parse as
// JSON and name the input, text and GitHub lines are positioned.
func TestRunDiagnostics(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "fixtures", "en-dates-ranges-yearless", "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "dates.txt")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range DiagnosticsFormats {
		parsed, err := ParseDiagnosticsFormat(string(f))
		if err != nil || parsed != f {
			t.Fatalf("ParseDiagnosticsFormat(%q) = %q, %v", f, parsed, err)
		}
		inputs, err := Expand([]string{path}, Filter{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		dw := NewDiagnosticsWriter(&out, f, "test")
		r := &Runner{Workers: 1, Check: true, Diagnostics: dw}
		if s := r.Run(context.Background(), Plan(inputs, nil, Destination{})); s.Converted != 1 {
			t.Fatalf("%s: converted %d, want 1", f, s.Converted)
		}
		if err := dw.Close(); err != nil {
			t.Fatal(err)
		}
		got := out.String()
		switch f {
		case DiagnosticsJSON, DiagnosticsSARIF:
			var v any
			if err := json.Unmarshal([]byte(got), &v); err != nil {
				t.Errorf("%s: not JSON: %v\n%s", f, err, got)
			}
		}
		for _, want := range []string{"Friday 2 June", "dates.txt"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: %q not in\n%s", f, want, got)
			}
		}
	}
	if _, err := ParseDiagnosticsFormat("xml"); err == nil {
		t.Error("ParseDiagnosticsFormat(xml): no error")
	}
}
