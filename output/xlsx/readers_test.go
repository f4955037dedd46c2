package xlsx

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/parse"
)

// The independent readers open our workbooks with other programs than the
// library that wrote them: openpyxl (Debian python3-openpyxl) and
// LibreOffice (Debian libreoffice-calc). Each test skips, saying why, when
// its reader is not installed.

// readerBook is a workbook written for the readers, and what is in it.
type readerBook struct {
	name   string                  // file name without .xlsx
	docs   []*declaration.Document // in Clauses order
	inputs int                     // rows of the Documents sheet; 0 for a one-document workbook
	path   string
}

// readerBooks writes the seed, the hostile document, a corpus of all test
// documents plus a failure, and (when present) a corpus of every file of
// the shared corpus into dir.
func readerBooks(t *testing.T, dir string) []*readerBook {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	var books []*readerBook
	write := func(b *readerBook, data []byte) {
		b.path = filepath.Join(dir, b.name+".xlsx")
		if err := os.WriteFile(b.path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		books = append(books, b)
	}
	for _, c := range goldenCases(t) {
		d := testdocs.Load(t, c.yaml)
		write(&readerBook{name: strings.ReplaceAll(c.name, "/", "-"), docs: []*declaration.Document{d}}, render(t, d))
	}

	corpus := func(name string, docs []*declaration.Document, failures map[string]error) {
		b := NewWorkbook(Options{TempDir: dir})
		defer b.Close()
		for _, d := range docs {
			if err := b.Add(d); err != nil {
				t.Fatal(err)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(failures)) {
			b.AddFailure(name, failures[name])
		}
		var buf bytes.Buffer
		if _, err := b.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		write(&readerBook{name: name, docs: docs, inputs: len(docs) + len(failures)}, buf.Bytes())
	}
	var all []*declaration.Document
	for _, b := range books {
		all = append(all, b.docs...)
	}
	corpus("testcorpus", all, map[string]error{"broken.txt": fmt.Errorf("broken.txt:3:1: invalid UTF-8")})

	// A cell at Excel's limit.
	long := seed(t)
	long.Source.Name = "long.txt"
	long.Body[0].Text = strings.Repeat("长", 30000) + strings.Repeat("𠀀", 5000)
	write(&readerBook{name: "long", docs: []*declaration.Document{long}}, render(t, long))

	// The shared corpus, parsed: every file is a document, or a failure
	// (the truncated UTF-8 file) listed in the Documents sheet.
	corpusDir := testfiles.CorpusPath(t)
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	more, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.txt"))
	files = append(files, more...)
	if len(files) > 0 {
		var docs []*declaration.Document
		failures := map[string]error{}
		for _, p := range files {
			d, err := parseFile(p)
			if err != nil {
				failures[filepath.Base(p)] = err
				continue
			}
			docs = append(docs, d)
		}
		corpus("sharedcorpus", docs, failures)
	} else {
		t.Logf("no shared corpus at %s: corpus workbook not built", corpusDir)
	}
	return books
}

// linesDocument makes a document of a text file: one paragraph per
// non-empty line.
func parseFile(path string) (*declaration.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parse.Parse(f, filepath.Base(path))
}

// openpyxlScript prints, as JSON, every sheet of every workbook named on
// the command line: its rows, its tables, its frozen cell, and how many
// rows the read-only mode (which trusts the sheet's dimension) sees.
const openpyxlScript = `
import json, sys
import openpyxl
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    ro = openpyxl.load_workbook(path, read_only=True)
    book = {}
    for ws in wb.worksheets:
        book[ws.title] = {
            "rows": [list(r) for r in ws.iter_rows(values_only=True)],
            "tables": sorted(ws.tables.keys()),
            "freeze": ws.freeze_panes,
            "read_only_rows": sum(1 for _ in ro[ws.title].iter_rows()),
        }
    out[path] = book
json.dump(out, sys.stdout)
`

// pySheet is one sheet as openpyxl reads it.
type pySheet struct {
	Rows   [][]any  `json:"rows"`
	Tables []string `json:"tables"`
	Freeze *string  `json:"freeze"`
	RORows int      `json:"read_only_rows"`
}

// TestReaders opens every workbook with openpyxl and LibreOffice.
func TestReaders(t *testing.T) {
	dir := t.TempDir()
	books := readerBooks(t, dir)
	t.Run("openpyxl", func(t *testing.T) { testOpenpyxl(t, dir, books) })
	t.Run("libreoffice", func(t *testing.T) { testLibreOffice(t, dir, books) })
}

func testOpenpyxl(t *testing.T, dir string, books []*readerBook) {
	python := testfiles.Python(t, "openpyxl")
	script := filepath.Join(dir, "dump.py")
	if err := os.WriteFile(script, []byte(openpyxlScript), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{script}
	for _, b := range books {
		args = append(args, b.path)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(python, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, stderr.String())
	}
	var got map[string]map[string]pySheet
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for _, b := range books {
		t.Run(b.name, func(t *testing.T) {
			book := got[b.path]
			wantSheets := 5
			if b.inputs > 0 {
				wantSheets = 6
			}
			if len(book) != wantSheets {
				t.Errorf("openpyxl sees %d sheets, want %d", len(book), wantSheets)
			}
			for name, s := range book {
				if len(s.Tables) != 1 || s.Freeze == nil || *s.Freeze != "A2" {
					t.Errorf("%s: tables %v, frozen at %v; want one table and the header frozen", name, s.Tables, s.Freeze)
				}
				if s.RORows != len(s.Rows) {
					t.Errorf("%s: read-only mode sees %d rows, the full reader %d", name, s.RORows, len(s.Rows))
				}
			}
			clauses := book["Clauses"].Rows
			provs := provisions(b.docs)
			if len(clauses)-1 != len(provs) {
				t.Fatalf("Clauses: openpyxl reads %d rows, want %d provisions", len(clauses)-1, len(provs))
			}
			h := stringsOf(clauses[0])
			if h[7] != "Text\n正文" {
				t.Errorf("header %q", h)
			}
			idc, labc, headc, textc, numc := col(t, h, "ID"), col(t, h, "Label"), col(t, h, "Heading"), col(t, h, "Text"), col(t, h, "Number")
			for i, p := range provs {
				r := clauses[i+1]
				for _, c := range []struct {
					col  int
					want string
				}{{idc, p.ID}, {labc, p.Label}, {headc, p.Heading}, {textc, cellText(p.Text)}} {
					if got := pyText(r[c.col]); got != c.want {
						t.Errorf("%s column %d: openpyxl reads %q, want %q", p.ID, c.col, got, c.want)
					}
				}
				if n, ok := r[numc].(float64); p.Number != 0 && (!ok || int(n) != p.Number) {
					t.Errorf("%s: number cell %#v, want the number %d", p.ID, r[numc], p.Number)
				}
			}
			if b.inputs > 0 {
				if docs := book["Documents"].Rows; len(docs)-1 != b.inputs {
					t.Errorf("Documents: %d rows, want %d", len(docs)-1, b.inputs)
				}
			}
		})
	}
}

// cellText is what a cell holds for text s: s, or s cut to Excel's limit.
func cellText(s string) string {
	cut, _, _, _ := truncate(s)
	return cut
}

// pyText is a cell's text as openpyxl gives it: None for an empty cell.
// openpyxl 3.0 leaves the OOXML escape of a literal underscore (_x005F_)
// in inline strings; Excel and LibreOffice read it as "_", so do we.
func pyText(v any) string {
	s, _ := v.(string)
	return strings.ReplaceAll(s, "_x005F_", "_")
}

func stringsOf(r []any) []string {
	out := make([]string, len(r))
	for i, v := range r {
		out[i], _ = v.(string)
	}
	return out
}

func provisions(docs []*declaration.Document) []*declaration.Provision {
	var ps []*declaration.Provision
	for _, d := range docs {
		ps = append(ps, d.Provisions()...)
	}
	return ps
}

func testLibreOffice(t *testing.T, dir string, books []*readerBook) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		testfiles.Missing(t, "LibreOffice test skipped: soffice not found (apt-get install libreoffice-calc-nogui)")
	}
	// One call converts every workbook, each sheet to its own CSV
	// (NAME-Sheet.csv): comma, double quote, UTF-8, sheet -1 = all.
	outDir := filepath.Join(dir, "csv")
	args := []string{"--headless", "--norestore",
		"-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
		"--outdir", outDir}
	for _, b := range books {
		args = append(args, b.path)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, b := range books {
		t.Run(b.name, func(t *testing.T) {
			clauses := readCSV(t, filepath.Join(outDir, b.name+"-Clauses.csv"))
			provs := provisions(b.docs)
			if len(clauses)-1 != len(provs) {
				t.Fatalf("Clauses: LibreOffice reads %d rows, want %d provisions", len(clauses)-1, len(provs))
			}
			h := clauses[0]
			idc, textc := col(t, h, "ID"), col(t, h, "Text")
			for i, p := range provs {
				r := clauses[i+1]
				if cell(r, idc) != p.ID || cell(r, textc) != cellText(p.Text) {
					t.Errorf("row %d: LibreOffice reads %q / %q, want %s / %q", i+2, cell(r, idc), cell(r, textc), p.ID, cellText(p.Text))
				}
			}
			if b.inputs > 0 {
				docs := readCSV(t, filepath.Join(outDir, b.name+"-Documents.csv"))
				if len(docs)-1 != b.inputs {
					t.Errorf("Documents: LibreOffice reads %d rows, want one per input (%d)", len(docs)-1, b.inputs)
				}
			}
		})
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}
