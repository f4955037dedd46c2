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
	"regexp"
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
import datetime, json, sys
import openpyxl
def cell(v):
    if isinstance(v, datetime.datetime):
        return "datetime:" + v.isoformat()
    return v
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    ro = openpyxl.load_workbook(path, read_only=True)
    book = {}
    for ws in wb.worksheets:
        book[ws.title] = {
            "rows": [[cell(v) for v in r] for r in ws.iter_rows(values_only=True)],
            "tables": sorted(ws.tables.keys()),
            "freeze": ws.freeze_panes,
            "read_only_rows": sum(1 for _ in ro[ws.title].iter_rows()),
            "charts": [c.tagname for c in ws._charts],
            "landscape": ws.page_setup.orientation == "landscape",
            "fit_width": ws.page_setup.fitToWidth,
            "print_titles": ws.print_title_rows,
            "footer": ws.oddFooter.center.text,
        }
    out[path] = book
json.dump(out, sys.stdout)
`

// pySheet is one sheet as openpyxl reads it.
type pySheet struct {
	Rows        [][]any  `json:"rows"`
	Tables      []string `json:"tables"`
	Freeze      *string  `json:"freeze"`
	RORows      int      `json:"read_only_rows"`
	Charts      []string `json:"charts"`
	Landscape   bool     `json:"landscape"`
	FitWidth    *int     `json:"fit_width"`
	PrintTitles *string  `json:"print_titles"`
	Footer      *string  `json:"footer"`
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
				wantSheets = 7 // and Documents, Summary
			}
			if len(book) != wantSheets {
				t.Errorf("openpyxl sees %d sheets, want %d", len(book), wantSheets)
			}
			for name, s := range book {
				if name != summarySheet && (len(s.Tables) != 1 || s.Freeze == nil || *s.Freeze != "A2") {
					t.Errorf("%s: tables %v, frozen at %v; want one table and the header frozen", name, s.Tables, s.Freeze)
				}
				if s.RORows != len(s.Rows) {
					t.Errorf("%s: read-only mode sees %d rows, the full reader %d", name, s.RORows, len(s.Rows))
				}
				if !s.Landscape || s.FitWidth == nil || *s.FitWidth != 1 || s.Footer == nil || !strings.Contains(*s.Footer, "&P") {
					t.Errorf("%s: landscape %v, fit to %v pages wide, footer %v; want landscape, one page wide, page numbers", name, s.Landscape, s.FitWidth, s.Footer)
				}
				if name != summarySheet && (s.PrintTitles == nil || *s.PrintTitles != "$1:$1") {
					t.Errorf("%s: print titles %v, want the header row ($1:$1)", name, s.PrintTitles)
				}
			}
			checkDates(t, book, b.docs)
			if b.inputs > 0 {
				checkSummary(t, book[summarySheet], b)
			}
			clauses := book["Clauses"].Rows
			provs := provisions(b.docs)
			if len(clauses)-1 != len(provs) {
				t.Fatalf("Clauses: openpyxl reads %d rows, want %d provisions", len(clauses)-1, len(provs))
			}
			h := stringsOf(clauses[0])
			if h[0] != "Document\n文档" || h[col(t, h, "Text")] != "Text\n正文" {
				t.Errorf("header %q", h)
			}
			idc, labc, headc, textc, numc := col(t, h, "ID"), col(t, h, "Label"), col(t, h, "Heading"), col(t, h, "Text"), col(t, h, "Number")
			topc, topnoc, pathc := col(t, h, "Top"), col(t, h, "Top no."), col(t, h, "Path")
			// Every row has a path and a top; the rows of one top-level
			// provision (one ID before the first "__" below an
			// attachment's prefix) share one.
			tops := map[string]string{}
			var docOf []int // the index in b.docs of each provision
			for j, d := range b.docs {
				for range d.Provisions() {
					docOf = append(docOf, j)
				}
			}
			for i, p := range provs {
				r := clauses[i+1]
				if pyText(r[pathc]) == "" || pyText(r[topc]) == "" {
					t.Errorf("%s: path %q, top %q; want both", p.ID, r[pathc], r[topc])
				}
				top := fmt.Sprint(r[topc], " ", r[topnoc])
				key := fmt.Sprint(docOf[i], " ", topID(p.ID))
				if prev, ok := tops[key]; ok && prev != top {
					t.Errorf("%s: top %q, but %q for an earlier row under %s", p.ID, top, prev, topID(p.ID))
				}
				tops[key] = top
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

// topID is the ID of the top-level provision an ID is under:
// art_4__sec_1 → art_4, att_1__art_2__item_1 → att_1__art_2.
func topID(id string) string {
	parts := strings.Split(id, "__")
	if strings.HasPrefix(id, "att_") && len(parts) > 1 {
		return parts[0] + "__" + parts[1]
	}
	return parts[0]
}

// checkDates checks that openpyxl reads every date of the Dates sheet as
// a date (its first day where the precision is a month or a year, with
// the ISO text beside), and a date Excel cannot hold as text alone.
func checkDates(t *testing.T, book map[string]pySheet, docs []*declaration.Document) {
	t.Helper()
	rows := book["Dates"].Rows
	var dates []declaration.DateMention
	for _, d := range docs {
		dates = append(dates, d.Dates...)
	}
	if len(rows)-1 != len(dates) {
		t.Fatalf("Dates: %d rows, want %d", len(rows)-1, len(dates))
	}
	h := stringsOf(rows[0])
	datec, isoc := col(t, h, "Date"), col(t, h, "ISO")
	for i, m := range dates {
		r := rows[i+1]
		var wantDate, wantISO any
		switch first := map[int]string{4: m.ISO + "-01-01", 7: m.ISO + "-01", 10: m.ISO}[len(m.ISO)]; {
		case first == "":
			wantDate, wantISO = nil, nilIfEmpty(m.ISO)
		case first < "1900-03-01":
			wantDate, wantISO = nil, m.ISO
		case len(m.ISO) == 10:
			wantDate, wantISO = "datetime:"+first+"T00:00:00", nil
		default:
			wantDate, wantISO = "datetime:"+first+"T00:00:00", m.ISO
		}
		if r[datec] != wantDate || r[isoc] != wantISO {
			t.Errorf("Dates row %d (%q): date %#v, ISO %#v; want %#v, %#v", i+2, m.Text, r[datec], r[isoc], wantDate, wantISO)
		}
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// checkSummary checks a corpus workbook's Summary sheet: documents by
// kind add up to the documents and failures, every document has a row
// of provisions by kind that add up to its provisions, and a chart.
func checkSummary(t *testing.T, s pySheet, b *readerBook) {
	t.Helper()
	if len(s.Charts) != 1 || s.Charts[0] != "barChart" {
		t.Errorf("Summary: charts %v, want one bar chart", s.Charts)
	}
	if len(s.Tables) != 1 {
		t.Errorf("Summary: tables %v, want one", s.Tables)
	}
	kinds := map[string]float64{}
	i := 2 // after the caption and the header
	for ; i < len(s.Rows) && s.Rows[i][0] != nil; i++ {
		n, _ := s.Rows[i][1].(float64)
		kinds[pyText(s.Rows[i][0])] = n
	}
	want := map[string]float64{}
	for _, d := range b.docs {
		want[string(d.Kind)]++
	}
	if failed := b.inputs - len(b.docs); failed > 0 {
		want["(failed)"] = float64(failed)
	}
	if !maps.Equal(kinds, want) {
		t.Errorf("Summary: documents by kind %v, want %v", kinds, want)
	}
	// The table of provisions by kind is the last block: one row per document.
	rows := s.Rows[len(s.Rows)-len(b.docs):]
	for j, d := range b.docs {
		r := rows[j]
		total, _ := r[len(r)-1].(float64)
		sum := 0.0
		for _, v := range r[1 : len(r)-1] {
			n, _ := v.(float64)
			sum += n
		}
		if pyText(r[0]) != docName(d) || int(total) != len(d.Provisions()) || sum != total {
			t.Errorf("Summary row %q: total %v, sum %v; want %s with %d provisions", r[0], total, sum, docName(d), len(d.Provisions()))
		}
	}
}

// cellText is what a cell holds for text s: s, or s cut to Excel's limit,
// with each character XML 1.0 cannot hold (a C0 control but tab, newline
// and carriage return; U+FFFE, U+FFFF) as U+FFFD, which is how
// encoding/xml, under excelize, escapes it.
func cellText(s string) string {
	cut, _, _, _ := truncate(s)
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, cut)
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

// need skips the test, saying why, when a tool it needs is missing;
// in CI, where scripts/deps.sh installed them, it fails instead.
func need(t *testing.T, ok bool, msg string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// TestPrint prints workbooks with LibreOffice, as an analyst would, and
// reads the PDF back with poppler: every page landscape A4, every Clauses
// page headed by the header row and numbered in its footer, the Summary
// printed with its chart, and the text at a readable size. Carlito, which
// has Calibri's metrics (the workbook's font), makes LibreOffice lay the
// sheets out as Excel does.
func TestPrint(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	need(t, err == nil, "print test skipped: soffice not found (apt-get install libreoffice-calc-nogui)")
	_, err = exec.LookPath("pdftotext")
	need(t, err == nil, "print test skipped: pdftotext not found (apt-get install poppler-utils)")
	out, _ := exec.Command("fc-match", "Calibri").Output()
	need(t, strings.Contains(string(out), "Carlito"), "print test skipped: no Carlito font, LibreOffice would print in a wider face (apt-get install fonts-crosextra-carlito)")

	dir := t.TempDir()
	d := seed(t)
	if err := os.WriteFile(filepath.Join(dir, "seed.xlsx"), render(t, d), 0o644); err != nil {
		t.Fatal(err)
	}
	b := NewWorkbook(Options{TempDir: dir})
	defer b.Close()
	for _, c := range goldenCases(t) {
		if err := b.Add(testdocs.Load(t, c.yaml)); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "corpus.xlsx"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.Join(dir, "lo-profile"),
		"--convert-to", "pdf", "--outdir", dir, filepath.Join(dir, "seed.xlsx"), filepath.Join(dir, "corpus.xlsx"))
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}

	for _, name := range []string{"seed", "corpus"} {
		t.Run(name, func(t *testing.T) {
			pdf := filepath.Join(dir, name+".pdf")
			pages := pdfPages(t, pdf)
			clauses := 0
			for i, text := range pages {
				lines := strings.Split(strings.TrimSpace(text), "\n")
				sheet := strings.TrimSpace(lines[0])
				if footer := regexp.MustCompile(fmt.Sprintf(`(?m)^\s*%d\s*/\s*%d\s*$`, i+1, len(pages))); !footer.MatchString(text) {
					t.Errorf("page %d (%s): no page number \"%d / %d\" in its footer", i+1, sheet, i+1, len(pages))
				}
				if sheet == "Clauses" {
					clauses++
					if !strings.Contains(text, "Text") || !strings.Contains(text, "正文") || !strings.Contains(text, "Path") {
						t.Errorf("page %d of Clauses does not start with the header row:\n%s", i+1, text[:min(len(text), 300)])
					}
				}
			}
			if clauses < 2 {
				t.Errorf("%d pages of Clauses, want the header repeated on several", clauses)
			}
			info, err := exec.Command("pdfinfo", "-f", "1", "-l", fmt.Sprint(len(pages)), pdf).Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(string(info), "\n") {
				if strings.HasPrefix(l, "Page ") && strings.Contains(l, " size:") && !strings.Contains(l, "841.89 x 595.") {
					t.Errorf("not landscape A4: %s", l)
				}
			}
			// Readable: the header's words on the first page are drawn at
			// 7.5 pt or more (a word's box is about 1.22 times the size of
			// Carlito's type); unscaled they are 11 pt.
			bbox, err := exec.Command("pdftotext", "-f", "1", "-l", "1", "-bbox", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			m := regexp.MustCompile(`yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">Number<`).FindStringSubmatch(string(bbox))
			if m == nil {
				t.Fatalf("no header word Number on page 1")
			}
			var y0, y1 float64
			fmt.Sscan(m[1], &y0)
			fmt.Sscan(m[2], &y1)
			if size := (y1 - y0) / 1.22; size < 7.5 {
				t.Errorf("text printed at %.1f pt, want 7.5 pt or more", size)
			}
			if name == "corpus" {
				summary := -1
				for i, text := range pages {
					if strings.HasPrefix(strings.TrimSpace(text), summarySheet) && strings.Contains(text, "Documents by kind") {
						summary = i + 1
					}
				}
				if summary < 0 {
					t.Fatal("no Summary page")
				}
				// The chart's title is drawn twice: as the table's caption and in the chart.
				if n := strings.Count(pages[summary-1], "Documents by kind"); n != 2 {
					t.Errorf("Summary page: %q %d times, want twice (the caption and the chart's title)", "Documents by kind", n)
				}
			}
		})
	}
}

// pdfPages is the text of each page of a PDF, by pdftotext.
func pdfPages(t *testing.T, pdf string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}
