package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
	"github.com/xuri/excelize/v2"
)

// goldenCase is a canonical document and the TSV golden of its workbook.
type goldenCase struct {
	name, yaml, golden string
}

// goldenCases lists testdata/*.yaml (golden testdata/NAME.xlsx.tsv) and
// every canonical test document's want.yaml (golden want.xlsx.tsv beside
// it): the fixtures' and internal/testdocs'.
func goldenCases(t testing.TB) []goldenCase {
	var cases []goldenCase
	own, _ := filepath.Glob("testdata/*.yaml")
	for _, p := range own {
		cases = append(cases, goldenCase{strings.TrimSuffix(filepath.Base(p), ".yaml"), p, strings.TrimSuffix(p, ".yaml") + ".xlsx.tsv"})
	}
	for _, p := range testfiles.Canonical(t) {
		cases = append(cases, goldenCase{"doc/" + filepath.Base(filepath.Dir(p)), p, filepath.Join(filepath.Dir(p), "want.xlsx.tsv")})
	}
	if len(cases) == 0 {
		t.Fatal("no test documents found")
	}
	return cases
}

func seed(t testing.TB) *declaration.Document {
	return testdocs.Load(t, "../../fixtures/seed/want.yaml")
}

// render writes d with zero Options.
func render(t testing.TB, d *declaration.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (Options{}).Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rows reads a sheet back as a grid of strings, header included.
func rows(t testing.TB, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

var tsvEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// dump renders every sheet of a workbook as TSV under a "== name ==" line,
// with backslash escapes for tabs, line breaks and backslashes.
func dump(t testing.TB, data []byte) string {
	t.Helper()
	f := open(t, data)
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s ==\n", sheet)
		for _, r := range rows(t, f, sheet) {
			for i, c := range r {
				if i > 0 {
					b.WriteByte('\t')
				}
				b.WriteString(tsvEscaper.Replace(c))
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestGolden compares every sheet, cell by cell, with a TSV golden.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := dump(t, render(t, testdocs.Load(t, c.yaml)))
			if testfiles.Updating() {
				if err := os.WriteFile(c.golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(c.golden)
			if err != nil {
				t.Fatalf("%v (run go test ./output/xlsx -update and review the new golden)", err)
			}
			if got != string(want) {
				t.Errorf("workbook differs from %s (run with -update and review the diff):\n%s", c.golden, testfiles.Diff(string(want), got))
			}
		})
	}
}

// col finds a column by its English header.
func col(t testing.TB, header []string, en string) int {
	t.Helper()
	for i, h := range header {
		if strings.SplitN(h, "\n", 2)[0] == en {
			return i
		}
	}
	t.Fatalf("no column %q in %q", en, header)
	return -1
}

func cell(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

// TestAttachmentRows checks that an attachment's provisions are rows of
// the Clauses sheet after the body's, with their own IDs and a path that
// starts with the attachment's label and heading.
func TestAttachmentRows(t *testing.T) {
	d := testdocs.Load(t, filepath.Join(testfiles.Root(t), "internal", "testdocs", "testdata", "annexes", "want.yaml"))
	d.Attachments[0].Label = "附："
	rs := rows(t, open(t, render(t, d)), "Clauses")
	h := rs[0]
	id, path, top, topNo := col(t, h, "ID"), col(t, h, "Path"), col(t, h, "Top"), col(t, h, "Top no.")
	got := map[string]string{}
	tops := map[string]string{}
	var order []string
	for _, r := range rs[1:] {
		got[cell(r, id)] = cell(r, path)
		tops[cell(r, id)] = cell(r, top) + " " + cell(r, topNo)
		order = append(order, cell(r, id))
	}
	var want []string
	d.Walk(func(p *declaration.Provision, _ []*declaration.Provision) bool {
		want = append(want, p.ID)
		return true
	})
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("rows %q, want %q", order, want)
	}
	// A path runs down to the row's own provision, so every row has one.
	for id, want := range map[string]string{
		"art_3":                "第三条",
		"art_3__para_1":        "第三条 › para_1",
		"att_1__art_1":         "附 › 口岸名单 › 一",
		"att_2__art_2":         "附件二 › 联合工作组职责 › 二",
		"att_2__art_2__item_3": "附件二 › 联合工作组职责 › 二 › （三）",
	} {
		if got[id] != want {
			t.Errorf("%s: path %q, want %q", id, got[id], want)
		}
	}
	for _, id := range order {
		if got[id] == "" {
			t.Errorf("%s: no path", id)
		}
	}
	// Top is the top-level provision: its label and number, after the
	// attachment's label in an attachment.
	for id, want := range map[string]string{
		"art_3":                "第三条 3",
		"art_3__para_1":        "第三条 3",
		"att_1__art_1":         "附 › 一 1",
		"att_2__art_2__item_3": "附件二 › 二 2",
	} {
		if tops[id] != want {
			t.Errorf("%s: top %q, want %q", id, tops[id], want)
		}
	}
}

// TestClauses checks the Clauses sheet of the seed against the model.
func TestClauses(t *testing.T) {
	d := seed(t)
	data := render(t, d)
	f := open(t, data)
	if got, want := f.GetSheetList(), []string{"Clauses", "Document", "References", "Dates", "Diagnostics"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	rs := rows(t, f, "Clauses")
	ps := d.Provisions()
	if len(rs)-1 != len(ps) {
		t.Fatalf("Clauses has %d rows, want %d provisions", len(rs)-1, len(ps))
	}
	h := rs[0]
	if h[0] != "Document\n文档" {
		t.Errorf("header = %q, want English then Chinese on a second line", h[0])
	}
	id, text, path, number, chars, line, label := col(t, h, "ID"), col(t, h, "Text"), col(t, h, "Path"), col(t, h, "Number"), col(t, h, "Chars"), col(t, h, "Line"), col(t, h, "Label")
	byID := map[string][]string{}
	for i, p := range ps {
		r := rs[i+1]
		byID[p.ID] = r
		if cell(r, id) != p.ID || cell(r, text) != p.Text || cell(r, label) != p.Label {
			t.Errorf("row %d = %q, want id %s label %q text %q", i+2, r, p.ID, p.Label, p.Text)
		}
		if got, want := cell(r, chars), fmt.Sprint(utf8.RuneCountInString(p.Text)); p.Text != "" && got != want {
			t.Errorf("%s: characters = %s, want %s", p.ID, got, want)
		}
		if got := cell(r, line); got != fmt.Sprint(p.Pos.Line) {
			t.Errorf("%s: line = %s, want %d", p.ID, got, p.Pos.Line)
		}
	}
	for _, c := range []struct{ id, column, want string }{
		{"art_4__sec_1__item_1", "Path", "四 › （一）在政治关系方面 › ——"},
		{"art_4__sec_1", "Path", "四 › （一）在政治关系方面"},
		{"art_4__sec_1", "Heading", "在政治关系方面"},
		{"art_4", "Path", "四"},
		{"art_4__sec_1__item_1", "Top", "四"},
		{"art_4__sec_1__item_1", "Top no.", "4"},
		{"art_5__para_1", "Top", "五"},
		{"art_1", "Top", "一"},
		{"art_3", "References", "中哈建交公报; 联合公报; 中哈友好关系基础联合声明"},
		{"art_3", "Dates", "1992-01; 1992-02; 1993-10"},
		{"art_4__sec_1__item_2", "Dates", "1994-04-26"},
		{"art_5__para_1", "Number", ""},
		{"art_4__sec_5", "Number", "5"},
	} {
		if got := cell(byID[c.id], col(t, h, c.column)); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.id, c.column, got, c.want)
		}
	}

	// Numbers are number cells (no t attribute: excelize calls them
	// unset); text is inline text.
	for _, c := range []struct {
		ref  string
		want excelize.CellType
	}{{cellName(number, 2), excelize.CellTypeUnset}, {cellName(chars, 2), excelize.CellTypeUnset}, {cellName(line, 2), excelize.CellTypeUnset}, {cellName(text, 2), excelize.CellTypeInlineString}} {
		got, err := f.GetCellType("Clauses", c.ref)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("cell %s type = %v, want %v", c.ref, got, c.want)
		}
	}

	// Layout: a wide text column, CJK-sized columns, frozen header, a
	// table, row heights that grow with the text; the Document column
	// short, every row naming the same document; all of it narrow enough
	// to print one page wide at a readable size (checked in LibreOffice:
	// TestPrint).
	if w, _ := f.GetColWidth("Clauses", colName(text)); w < 40 {
		t.Errorf("text column width = %v, want at least 40", w)
	}
	if w, _ := f.GetColWidth("Clauses", colName(path)); w < 20 || w > 24 {
		t.Errorf("path column width = %v, want it sized for its CJK text, at most 24", w)
	}
	if w, _ := f.GetColWidth("Clauses", "A"); w != oneDocumentWidth {
		t.Errorf("document column width = %v, want %v", w, oneDocumentWidth)
	}
	panes, err := f.GetPanes("Clauses")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, %v; want the header row frozen", panes, err)
	}
	tables, err := f.GetTables("Clauses")
	if err != nil || len(tables) != 1 || tables[0].Range != fmt.Sprintf("A1:N%d", len(ps)+1) || tables[0].StyleName == "" {
		t.Errorf("tables = %+v, %v", tables, err)
	}
	short, _ := f.GetRowHeight("Clauses", 2+indexOf(ps, "art_4")) // one short line
	long, _ := f.GetRowHeight("Clauses", 2+indexOf(ps, "art_4__sec_5__item_4"))
	if short > 20 || long < 3*short {
		t.Errorf("row heights: short %v, long %v; want one line and several", short, long)
	}

	// The table's column names escape the header's line break.
	raw := zipFile(t, data, "xl/tables/table1.xml")
	if !strings.Contains(raw, `name="Text_x000a_正文"`) || strings.Contains(raw, "&#xA;") {
		t.Errorf("table column names not escaped: %s", raw)
	}
}

func indexOf(ps []*declaration.Provision, id string) int {
	for i, p := range ps {
		if p.ID == id {
			return i
		}
	}
	return -1
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row)
	return n
}

func colName(col int) string {
	n, _ := excelize.ColumnNumberToName(col + 1)
	return n
}

// zipFile returns one part of a workbook.
func zipFile(t testing.TB, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestOtherSheets checks the metadata sheets of the seed.
func TestOtherSheets(t *testing.T) {
	d := seed(t)
	f := open(t, render(t, d))
	fields := map[string]string{}
	for _, r := range rows(t, f, "Document")[1:] {
		fields[strings.SplitN(cell(r, 1), "\n", 2)[0]] = cell(r, 2)
	}
	for k, v := range map[string]string{
		"Title":            d.Title,
		"Kind":             "joint-statement",
		"Publication date": "1995-09-13",
		"Page":             "4",
		"Section":          "要闻",
		"Dispatch":         "新华社北京９月１２日电",
		"Parties":          "中华人民共和国; 哈萨克斯坦共和国",
		"Signatories":      "国家主席 江泽民（中华人民共和国）; 哈萨克斯坦总统 纳扎尔巴耶夫（哈萨克斯坦共和国）",
		"Signed date":      "1995-09-11",
		"Signed place":     "北京",
		"Source name":      d.Source.Name,
		"SHA-256":          d.Source.SHA256,
		"Bytes":            "8170",
		"Encoding":         "utf-8",
	} {
		if fields[k] != v {
			t.Errorf("Document %s = %q, want %q", k, fields[k], v)
		}
	}
	if refs := rows(t, f, "References"); len(refs)-1 != len(d.References) || refs[4][1] != "中华人民共和国和哈萨克斯坦共和国关于中哈国界的协定" || refs[4][2] != "1994-04-26" || refs[4][3] != "" || refs[1][3] != "1992-01" || refs[4][6] != "art_4__sec_1__item_2" {
		t.Errorf("References = %q", refs)
	}
	if dates := rows(t, f, "Dates"); len(dates)-1 != len(d.Dates) || dates[1][4] != "TRUE" || dates[3][2] != "1992-01" || dates[3][3] != "1992-01" || dates[1][3] != "" {
		t.Errorf("Dates = %q", dates)
	}
	if diags := rows(t, f, "Diagnostics"); len(diags) != 2 || diags[1][2] != "no-closing" || diags[1][3] != "48" {
		t.Errorf("Diagnostics = %q", diags)
	}
}

// cellRE matches a cell's start tag in sheet XML.
var cellRE = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"[^>]*?>`)

// TestSafeCells checks that formula-looking text is stored as text: no
// formula element anywhere, every text cell an inline string.
func TestSafeCells(t *testing.T) {
	d := testdocs.Load(t, "testdata/hostile.yaml")
	data := render(t, d)
	for i := 1; i <= 5; i++ {
		raw := zipFile(t, data, fmt.Sprintf("xl/worksheets/sheet%d.xml", i))
		if strings.Contains(raw, "<f>") || strings.Contains(raw, "<f ") {
			t.Errorf("sheet%d has a formula:\n%s", i, raw)
		}
		for _, m := range cellRE.FindAllStringSubmatch(raw, -1) {
			tag := m[0]
			if !strings.Contains(tag, `t="inlineStr"`) && strings.Contains(tag, `t="`) && !strings.Contains(tag, `t="b"`) {
				t.Errorf("sheet%d cell %s: %s, want an inline string, a number or a boolean", i, m[1], tag)
			}
		}
	}
	f := open(t, data)
	rs := rows(t, f, "Clauses")
	text := col(t, rs[0], "Text")
	for i, p := range d.Provisions() {
		if got := cell(rs[i+1], text); got != p.Text {
			t.Errorf("%s: text = %q, want %q", p.ID, got, p.Text)
		}
		ref := cellName(text, i+2)
		if formula, _ := f.GetCellFormula("Clauses", ref); formula != "" {
			t.Errorf("%s: formula %q", ref, formula)
		}
	}
	for _, want := range []string{"=SUM(A1)", "+1", "-x", "@y"} {
		if !strings.Contains(zipFile(t, data, "xl/worksheets/sheet1.xml"), "<is><t>"+want+"</t></is>") {
			t.Errorf("%q is not stored as inline text", want)
		}
	}
}

// TestLongText checks the cell length limit: text is cut with a marker,
// the cut is reported in Diagnostics, and the file stays readable.
func TestLongText(t *testing.T) {
	d := seed(t)
	long := strings.Repeat("中", 20000) + strings.Repeat("𠀀", 10000) + "尾"
	d.Body[0].Text = long
	data := render(t, d)
	f := open(t, data)
	rs := rows(t, f, "Clauses")
	got := rs[1][col(t, rs[0], "Text")]
	if n := utf16Len(got); n > maxCellChars || n < maxCellChars-100 {
		t.Errorf("cut text has %d UTF-16 units, want just under %d", n, maxCellChars)
	}
	if !strings.HasPrefix(got, strings.Repeat("中", 20000)+"𠀀") || !strings.Contains(got, "[truncated: ") || !utf8.ValidString(got) {
		t.Errorf("cut text ends %q", got[len(got)-120:])
	}
	if c := rs[1][col(t, rs[0], "Chars")]; c != "30001" {
		t.Errorf("characters = %s, want the model's 30001", c)
	}
	diags := rows(t, f, "Diagnostics")
	last := diags[len(diags)-1]
	if last[2] != "cell-truncated" || last[3] != "10" || !strings.Contains(last[5], "art_1") || !strings.Contains(last[5], "30001") {
		t.Errorf("no truncation diagnostic: %q", last)
	}
	// A failure message too long for a cell.
	b := NewWorkbook(Options{})
	defer b.Close()
	b.AddFailure("bad.txt", errors.New(strings.Repeat("x", 40000)))
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	docs := rows(t, open(t, buf.Bytes()), "Documents")
	if n := utf16Len(docs[1][6]); n > maxCellChars {
		t.Errorf("error cell has %d characters", n)
	}
}

// TestDeterministic writes the same workbooks repeatedly and wants the
// same bytes, whatever the spooling.
func TestDeterministic(t *testing.T) {
	d := seed(t)
	first := render(t, d)
	for range 3 {
		if !bytes.Equal(render(t, d), first) {
			t.Fatal("two runs over the seed gave different bytes")
		}
	}
	corpus := func(memLimit int) []byte {
		b := NewWorkbook(Options{})
		defer b.Close()
		if memLimit > 0 {
			b.setMemLimit(memLimit)
		}
		for _, c := range goldenCases(t) {
			if err := b.Add(testdocs.Load(t, c.yaml)); err != nil {
				t.Fatal(err)
			}
		}
		b.AddFailure("broken.txt", errors.New("broken.txt:3:1: invalid UTF-8"))
		var buf bytes.Buffer
		if _, err := b.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		again := new(bytes.Buffer)
		if _, err := b.WriteTo(again); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
			t.Fatalf("a second WriteTo differs (err %v)", err)
		}
		return buf.Bytes()
	}
	inMemory, spilled := corpus(0), corpus(64)
	if !bytes.Equal(inMemory, spilled) {
		t.Fatal("corpus workbook differs when its rows are spooled to a file")
	}
	// Every part has the same fixed time, and the parts are sorted.
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for _, zf := range zr.File {
		if !zf.Modified.Equal(time.Date(1995, 9, 13, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s modified %v, want the document's date", zf.Name, zf.Modified)
		}
		if zf.Name <= prev {
			t.Errorf("parts out of order: %s after %s", zf.Name, prev)
		}
		prev = zf.Name
	}
}

// TestModified checks where the workbook's dates come from.
func TestModified(t *testing.T) {
	d := seed(t)
	core := func(w Options) string {
		var buf bytes.Buffer
		if err := w.Write(&buf, d); err != nil {
			t.Fatal(err)
		}
		return zipFile(t, buf.Bytes(), "docProps/core.xml")
	}
	if c := core(Options{}); !strings.Contains(c, ">1995-09-13T00:00:00Z</dcterms:created>") || !strings.Contains(c, ">1995-09-13T00:00:00Z</dcterms:modified>") {
		t.Errorf("without Options.Modified, core.xml = %s; want the document's date", c)
	}
	if app := zipFile(t, render(t, d), "docProps/app.xml"); !strings.Contains(app, "<Application>declconv</Application>") {
		t.Errorf("app.xml = %s", app)
	}
	if c := core(Options{Modified: time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)}); !strings.Contains(c, ">2001-02-03T04:05:06Z</dcterms:modified>") {
		t.Errorf("with Options.Modified, core.xml = %s", c)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000") // read by the command, not by the writer
	if c := core(Options{}); strings.Contains(c, "2023-11-14") {
		t.Errorf("the writer read SOURCE_DATE_EPOCH: core.xml = %s", c)
	}
	undated := testdocs.Load(t, "testdata/hostile.yaml")
	var buf bytes.Buffer
	if err := (Options{}).Write(&buf, undated); err != nil {
		t.Fatal(err)
	}
	if c := zipFile(t, buf.Bytes(), "docProps/core.xml"); !strings.Contains(c, ">1980-01-01T00:00:00Z</dcterms:modified>") {
		t.Errorf("undated document: core.xml = %s; want the fixed epoch", c)
	}
}

// TestCorpus checks a workbook of several documents and a failure.
func TestCorpus(t *testing.T) {
	s, h := seed(t), testdocs.Load(t, "testdata/hostile.yaml")
	b := NewWorkbook(Options{})
	defer b.Close()
	b.setMemLimit(1 << 10) // spill to temporary files
	for _, d := range []*declaration.Document{s, h} {
		if err := b.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	b.AddFailure("broken.txt", errors.New("broken.txt:3:1: invalid UTF-8"))
	if err := b.Add(nil); err == nil {
		t.Error("Add(nil) succeeded")
	}
	var buf bytes.Buffer
	n, err := b.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo = %d, %v; wrote %d", n, err, buf.Len())
	}
	f := open(t, buf.Bytes())
	if got := strings.Join(f.GetSheetList(), ","); got != "Clauses,Documents,Summary,Document,References,Dates,Diagnostics" {
		t.Errorf("sheets = %s", got)
	}
	docs := rows(t, f, "Documents")
	want := [][]string{
		{s.Source.Name, s.Title, "joint-statement", "1995-09-13", "", fmt.Sprint(len(s.Provisions())), "ok"},
		{"hostile.txt", "", "other", "", "", fmt.Sprint(len(h.Provisions())), "ok"},
		{"broken.txt", "", "", "", "", "", "failed", "broken.txt:3:1: invalid UTF-8"},
	}
	if len(docs) != 4 {
		t.Fatalf("Documents = %q", docs)
	}
	for i, w := range want {
		if strings.Join(docs[i+1], "|") != strings.Join(w, "|") {
			t.Errorf("Documents row %d = %q, want %q", i+2, docs[i+1], w)
		}
	}
	clauses := rows(t, f, "Clauses")
	if got, want := len(clauses)-1, len(s.Provisions())+len(h.Provisions()); got != want {
		t.Errorf("Clauses has %d rows, want %d", got, want)
	}
	if clauses[len(clauses)-1][0] != "hostile.txt" {
		t.Errorf("last clause from %q, want hostile.txt", clauses[len(clauses)-1][0])
	}
	// The corpus date is the latest document date.
	if c := zipFile(t, buf.Bytes(), "docProps/core.xml"); !strings.Contains(c, "1995-09-13T00:00:00Z") {
		t.Errorf("core.xml = %s", c)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(s); err == nil {
		t.Error("Add after Close succeeded")
	}
}

// TestWrappedLines pins the row height estimate: CJK breaks anywhere and
// counts two units, Latin text breaks at spaces, a word too long for the
// line is cut, and hard line breaks count.
func TestWrappedLines(t *testing.T) {
	for _, c := range []struct {
		s     string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"双方一致认为", 12, 1},         // 12 units in 12
		{"双方一致认为。", 12, 2},        // 14 units
		{"aaaa bbbb cccc", 10, 2}, // "aaaa bbbb" then "cccc"
		{"aaaa bbbbbbb", 10, 2},   // the second word moves whole
		{"aaaaaaaaaaaaaaaaaaaaaaaaa", 10, 3},
		{"第一行\n第二行", 40, 2},
		{strings.Repeat("长", 220), 44, 10},   // 440 units, 44 a line
		{strings.Repeat("长", 10000), 44, 28}, // capped at Excel's row height
	} {
		if got := wrappedLines(c.s, c.width); got != c.want {
			t.Errorf("wrappedLines(%.20q, %v) = %d, want %d", c.s, c.width, got, c.want)
		}
	}
}

// FuzzWorkbook writes a corpus workbook of documents made of fuzzed
// strings — labels, text, ISO dates that may not parse — and reads it
// back: every provision is a row with its text (cut to a cell's limit),
// its Path and its Top, and every date is a date cell or its ISO text. The
// document's own workbook from the template has the bytes excelize
// writes.
func FuzzWorkbook(f *testing.F) {
	f.Add("四、", "为此目的双方决心采取积极和全面的步骤：", "（一）", "在政治关系方面", "1995-09-13", "=SUM(A1)")
	f.Add("", "", "", "", "1840", "\x00")
	f.Add("Article 1", "The Parties", "(a)", "", "1992-13", "@x")
	f.Fuzz(func(t *testing.T, label, text, childLabel, heading, iso, ref string) {
		for _, s := range []*string{&label, &text, &childLabel, &heading, &iso, &ref} {
			*s = strings.ToValidUTF8(*s, "\uFFFD") // decoded documents hold valid UTF-8
		}
		d := &declaration.Document{Schema: declaration.SchemaVersion, Kind: declaration.Treaty, Source: declaration.Source{Name: "f.txt"},
			Body: []*declaration.Provision{{Kind: declaration.Article, Label: label, Number: 4, Text: text, Children: []*declaration.Provision{
				{Kind: declaration.Section, Label: childLabel, Heading: heading, Text: text},
			}}},
			Dates:      []declaration.DateMention{{Date: declaration.Date{Text: iso, ISO: iso}}},
			References: []declaration.Reference{{Title: ref, Date: &declaration.Date{Text: iso, ISO: iso}}},
		}
		d.AssignIDs()
		d.References[0].At = []string{d.Body[0].ID}
		d.Dates[0].At = d.Body[0].ID
		sameAsExcelize(t, d, 0)
		b := NewWorkbook(Options{Modified: fixedEpoch})
		defer b.Close()
		if err := b.Add(d); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := b.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		wb := open(t, buf.Bytes())
		rs := rows(t, wb, "Clauses")
		if len(rs) != 3 {
			t.Fatalf("%d Clauses rows, want a header and 2", len(rs))
		}
		h := rs[0]
		for i, p := range d.Provisions() {
			r := rs[i+1]
			if got := cell(r, col(t, h, "Text")); got != cellText(p.Text) {
				t.Errorf("%s: text %q, want %q", p.ID, got, cellText(p.Text))
			}
			if cell(r, col(t, h, "Path")) == "" || cell(r, col(t, h, "Top")) == "" || cell(r, col(t, h, "Top no.")) != "4" {
				t.Errorf("%s: path %q, top %q %q", p.ID, cell(r, col(t, h, "Path")), cell(r, col(t, h, "Top")), cell(r, col(t, h, "Top no.")))
			}
		}
		dr := rows(t, wb, "Dates")
		date, text := cell(dr[1], col(t, dr[0], "Date")), cell(dr[1], col(t, dr[0], "ISO"))
		if _, ok := excelDate(iso); ok {
			if date != iso || (len(iso) < 10) != (text == iso) {
				t.Errorf("date %q: cells %q, %q", iso, date, text)
			}
		} else if date != "" || text != cellText(iso) {
			t.Errorf("date %q Excel cannot hold: cells %q, %q; want the ISO text alone", iso, date, text)
		}
	})
}

// TestExcelDate: serial numbers as Excel gives them (=DATEVALUE), up to
// its last day.
func TestExcelDate(t *testing.T) {
	for _, c := range []struct {
		iso  string
		want float64
		ok   bool
	}{
		{"1900-03-01", 61, true},
		{"1954-06-28", 19903, true},
		{"2000", 36526, true},
		{"2200-01-01", 109575, true},
		{"9999-12-31", 2958465, true},
		{"1900-02-28", 0, false}, // before Excel's false 1900-02-29
		{"1992-13", 0, false},
	} {
		if got, ok := excelDate(c.iso); got != c.want || ok != c.ok {
			t.Errorf("excelDate(%q) = %v, %v; want %v, %v", c.iso, got, ok, c.want, c.ok)
		}
	}
}
