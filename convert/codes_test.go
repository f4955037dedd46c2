package convert

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testfiles"
)

// TestDiagnosticCodesTable: sorted, one row per code, every row with a
// short description and a help text.
func TestDiagnosticCodesTable(t *testing.T) {
	codes := DiagnosticCodes()
	if !slices.IsSortedFunc(codes, func(a, b DiagnosticCode) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("the table is not sorted by code: LookupDiagnosticCode needs it")
	}
	for i, c := range codes {
		if i > 0 && codes[i-1].Code == c.Code {
			t.Errorf("%s: two rows", c.Code)
		}
		if c.Short == "" || strings.HasSuffix(c.Short, ".") || len(c.Short) > 60 || !strings.HasSuffix(c.Help, ".") {
			t.Errorf("%s: short %q (a phrase, at most 60 bytes), help %q (sentences)", c.Code, c.Short, c.Help)
		}
		if got, ok := LookupDiagnosticCode(c.Code); !ok || got != c {
			t.Errorf("LookupDiagnosticCode(%q) = %v, %v", c.Code, got, ok)
		}
	}
	if _, ok := LookupDiagnosticCode("no-such-code"); ok {
		t.Error("an unknown code found")
	}
}

// codeLiterals are the forms a code takes where it is emitted: the
// parser's p.warn("code", …), a Diagnostic{…Code: "code"} literal, and a
// constant such as FailureCode = "input-error".
var codeLiterals = regexp.MustCompile(`\bwarn\("([^"]*)"|\bCode:\s*"([^"]*)"|Code\s*=\s*"([^"]*)"`)

// sourceCodes finds the codes in the non-test Go files of dirs, and
// fails the test where a warn call's code is not a literal (this search
// would miss it).
func sourceCodes(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	found := map[string]string{}
	for _, dir := range dirs {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, path := range paths {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			calls := regexp.MustCompile(`\.warn\(`).FindAllIndex(src, -1)
			literal := regexp.MustCompile(`\.warn\("`).FindAllIndex(src, -1)
			if len(calls) != len(literal) {
				t.Errorf("%s: a warn call whose code is not a string literal: write the code out, so that this test sees it", path)
			}
			for _, m := range codeLiterals.FindAllSubmatch(src, -1) {
				code := string(bytes.Join(m[1:], nil))
				found[code] = path
			}
		}
	}
	return found
}

// TestDiagnosticCodesCoverSource: every code the parser and this package
// write in their source is in the table, and every row of the table is
// written somewhere.
func TestDiagnosticCodesCoverSource(t *testing.T) {
	found := sourceCodes(t, filepath.Join("..", "parse"), ".")
	if len(found) < 10 {
		t.Fatalf("only %d codes found in the source: the search is broken", len(found))
	}
	for code, path := range found {
		if _, ok := LookupDiagnosticCode(code); !ok {
			t.Errorf("%s emits the code %q, which the table in codes.go lacks: add a row", path, code)
		}
	}
	for _, c := range DiagnosticCodes() {
		if _, ok := found[c.Code]; !ok {
			t.Errorf("the table has %q, which nothing emits: remove the row", c.Code)
		}
	}
}

// TestDiagnosticCodesEmitted: every code in the diagnostics of the
// fixtures and of the real corpus (where present) is in the table.
func TestDiagnosticCodesEmitted(t *testing.T) {
	inputs := testfiles.Fixtures(t, "input.txt")
	if _, err := os.Stat(testfiles.CorpusPath(t)); err == nil {
		inputs = append(inputs, testfiles.CorpusFiles(t)...)
	} else {
		t.Logf("corpus absent (%s): checking the fixtures only", testfiles.CorpusPath(t))
	}
	seen := map[string]int{}
	for _, path := range inputs {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Read(f, path, FromText)
		f.Close()
		if err != nil {
			continue // the bad fixtures fail; their failure is FailureCode
		}
		for _, g := range d.Diagnostics {
			seen[g.Code]++
			if _, ok := LookupDiagnosticCode(g.Code); !ok {
				t.Errorf("%s:%d:%d: code %q is not in the table", path, g.Pos.Line, g.Pos.Col, g.Code)
			}
		}
	}
	if len(seen) == 0 {
		t.Fatal("no diagnostics at all: nothing was checked")
	}
	t.Logf("%d inputs; codes seen: %v", len(inputs), seen)
}

// TestDiagnosticCodesInREADME: README's Diagnostic codes section lists
// every code as a row of the table: code, short description, help.
func TestDiagnosticCodesInREADME(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(testfiles.Root(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range DiagnosticCodes() {
		if row := "\n| `" + c.Code + "` | " + c.Short + " | " + c.Help + " |\n"; !bytes.Contains(readme, []byte(row)) {
			t.Errorf("README.md lacks the row%s", row)
		}
	}
}

// TestSARIFRules: a SARIF log describes every rule its results name,
// from the table; a code the table lacks (a canonical input's own) gets
// its id alone, and a diagnostic without a code the fallback's rule.
func TestSARIFRules(t *testing.T) {
	var buf bytes.Buffer
	dw := NewDiagnosticsWriter(&buf, DiagnosticsSARIF, "test")
	dw.Add("a.txt", []declaration.Diagnostic{
		{Level: declaration.LevelWarning, Code: "numbering-skip", Pos: declaration.Pos{Line: 3, Col: 1}, Message: "numbering skips"},
		{Level: declaration.LevelWarning, Code: "", Pos: declaration.Pos{Line: 4, Col: 1}, Message: "no code"},
		{Level: declaration.LevelInfo, Code: "someone-elses", Pos: declaration.Pos{Line: 5, Col: 1}, Message: "theirs"},
	})
	if err := dw.Close(); err != nil {
		t.Fatal(err)
	}
	type text struct{ Text string }
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription *text  `json:"shortDescription"`
						Help             *text  `json:"help"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	run := log.Runs[0]
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
		c, ok := LookupDiagnosticCode(r.ID)
		switch {
		case ok && (r.ShortDescription == nil || r.ShortDescription.Text != c.Short || r.Help == nil || r.Help.Text != c.Help):
			t.Errorf("rule %s: %+v, want the table's texts", r.ID, r)
		case !ok && (r.ShortDescription != nil || r.Help != nil):
			t.Errorf("rule %s is not in the table but has texts", r.ID)
		}
	}
	var used []string
	for _, r := range run.Results {
		used = append(used, r.RuleID)
	}
	slices.Sort(used)
	if want := []string{fallbackCode, "numbering-skip", "someone-elses"}; !slices.Equal(ids, want) || !slices.Equal(used, want) {
		t.Errorf("rules %q, results' rules %q, want %q", ids, used, want)
	}
}
