package xlsx

import (
	"cmp"
	"fmt"
	"io"
	"slices"

	"github.com/declconv/declconv/declaration"
	"github.com/xuri/excelize/v2"
)

// summarySheet is the name of a corpus workbook's Summary sheet: what an
// analyst would otherwise build by hand first, from the other sheets.
const summarySheet = "Summary"

// topReferences is how many of the most cited instruments the Summary
// lists.
const topReferences = 20

// summary collects a corpus workbook's Summary sheet as documents are
// added: documents by kind, the references cited most often across the
// corpus, and one row per document of its provisions by kind (spooled,
// like the other sheets' rows). Only the citation counts grow in memory,
// with the number of distinct instruments cited.
type summary struct {
	kinds       map[declaration.Kind]int
	failed      int
	cites       map[string]*citation
	perDocument *spool
	documents   int
	scratch     []byte
	widest      int // widest document name or instrument, in display units
}

// citation counts how often one instrument is cited.
type citation struct {
	title     string
	citations int // provisions citing it
	documents int // documents citing it
}

func newSummary(tempDir string) *summary {
	return &summary{kinds: map[declaration.Kind]int{}, cites: map[string]*citation{}, perDocument: newSpool(tempDir, 0)}
}

// document counts d, converted, named name.
func (s *summary) document(name string, d *declaration.Document) error {
	s.kinds[d.Kind]++
	for _, r := range d.References {
		c := s.cites[r.Title]
		if c == nil {
			c = &citation{title: r.Title}
			s.cites[r.Title] = c
			s.widest = max(s.widest, cellWidth(r.Title, 50))
		}
		c.citations += max(len(r.At), 1)
		c.documents++
	}
	counts := make([]int, len(declaration.ProvisionKinds()))
	total := 0
	d.Walk(func(p *declaration.Provision, _ []*declaration.Provision) bool {
		for i, pk := range declaration.ProvisionKinds() {
			if pk.Kind == p.Kind {
				counts[i]++
			}
		}
		total++
		return true
	})
	row := []value{str(name)}
	for _, n := range counts {
		row = append(row, value{kind: numberCell, n: int64(n)})
	}
	row = append(row, value{kind: numberCell, n: int64(total)})
	s.widest = max(s.widest, cellWidth(name, 50))
	s.scratch = encodeRow(s.scratch[:0], row)
	if _, err := s.perDocument.Write(s.scratch); err != nil {
		return err
	}
	s.documents++
	return nil
}

// write writes the Summary sheet, streamed: a table of documents by kind
// with a column chart of it beside, the most cited references, then an
// Excel table of provisions by kind per document.
func (s *summary) write(f *excelize.File, st styles) error {
	if err := pageSetup(f, summarySheet, 0); err != nil {
		return err
	}
	// The chart goes in before the rows: the stream writer writes the
	// sheet's drawing only if it is there when the stream starts.
	var kinds []declaration.Kind
	for _, k := range declaration.Kinds() {
		if s.kinds[k] > 0 {
			kinds = append(kinds, k)
		}
	}
	const first = 3 // a caption, a header, then the rows of kinds
	last := first + len(kinds) - 1
	if s.failed > 0 {
		last++
	}
	if last >= first {
		anchor, _ := excelize.CoordinatesToCellName(len(declaration.ProvisionKinds())+4, 1)
		if err := f.AddChart(summarySheet, anchor, &excelize.Chart{
			Type: excelize.Col,
			Series: []excelize.ChartSeries{{
				Name:       fmt.Sprintf("%s!$B$%d", summarySheet, first-1),
				Categories: fmt.Sprintf("%s!$A$%d:$A$%d", summarySheet, first, last),
				Values:     fmt.Sprintf("%s!$B$%d:$B$%d", summarySheet, first, last),
			}},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Documents by kind · 文档类别"}}},
			Legend:    excelize.ChartLegend{Position: "none"},
			Dimension: excelize.ChartDimension{Width: 480, Height: 300},
		}); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	// As for the other sheets, the dimension is set before the rows, for
	// the readers that trust it.
	rows := max(last, first-1) + 1 + 2 + min(len(s.cites), topReferences) + 1 + 2 + s.documents
	corner, _ := excelize.CoordinatesToCellName(2+len(declaration.ProvisionKinds()), rows)
	if err := f.SetSheetDimension(summarySheet, "A1:"+corner); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(summarySheet)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := sw.SetColWidth(1, 1, float64(min(max(s.widest, 24), 50)+widthPadding)); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := sw.SetColWidth(2, 2+len(declaration.ProvisionKinds()), 10); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	r := 0
	put := func(height float64, cells ...any) error {
		r++
		ref, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(ref, cells, excelize.RowOpts{Height: height}); err != nil {
			return fmt.Errorf("xlsx: Summary row %d: %w", r, err)
		}
		return nil
	}
	caption := func(text string) error {
		return put(rowHeight(1), excelize.Cell{StyleID: st.header, Value: text})
	}
	header := func(cols ...column) []any {
		cells := make([]any, len(cols))
		for i, c := range cols {
			cells[i] = excelize.Cell{StyleID: st.header, Value: c.header()}
		}
		return cells
	}
	number := func(n int) excelize.Cell { return excelize.Cell{StyleID: st.number, Value: n} }
	text := func(t string) excelize.Cell { return excelize.Cell{StyleID: st.text, Value: t} }

	// Documents by kind, in the schema's order; the chart shows them.
	if err := caption("Documents by kind · 文档类别"); err != nil {
		return err
	}
	if err := put(rowHeight(2), header(column{en: "Kind", zh: "类别"}, column{en: "Documents", zh: "文档数"})...); err != nil {
		return err
	}
	for _, k := range kinds {
		if err := put(rowHeight(1), text(string(k)), number(s.kinds[k])); err != nil {
			return err
		}
	}
	if s.failed > 0 {
		if err := put(rowHeight(1), text("(failed)"), number(s.failed)); err != nil {
			return err
		}
	}
	r++ // a blank row

	// The references cited by the most documents, then by most citations.
	cites := make([]*citation, 0, len(s.cites))
	for _, c := range s.cites {
		cites = append(cites, c)
	}
	slices.SortFunc(cites, func(a, b *citation) int {
		return cmp.Or(b.documents-a.documents, b.citations-a.citations, cmp.Compare(a.title, b.title))
	})
	cites = cites[:min(len(cites), topReferences)]
	if err := caption(fmt.Sprintf("References cited most often (top %d) · 最常引用的文件", topReferences)); err != nil {
		return err
	}
	if err := put(rowHeight(2), header(column{en: "Instrument", zh: "文件"}, column{en: "Documents", zh: "文档数"}, column{en: "Citations", zh: "引用次数"})...); err != nil {
		return err
	}
	for _, c := range cites {
		if err := put(rowHeight(1), text(c.title), number(c.documents), number(c.citations)); err != nil {
			return err
		}
	}
	r++

	// Provisions by kind per document: the one Excel table of the sheet.
	if err := caption("Provisions by kind per document · 各文档条款层级"); err != nil {
		return err
	}
	cols := []column{{en: "Document", zh: "文档"}}
	for _, pk := range declaration.ProvisionKinds() {
		cols = append(cols, column{en: string(pk.Kind), zh: provisionKindZh[pk.Kind]})
	}
	cols = append(cols, column{en: "Total", zh: "合计"})
	if err := put(rowHeight(2), header(cols...)...); err != nil {
		return err
	}
	tableTop := r
	rr, err := newRowReader(s.perDocument)
	if err != nil {
		return err
	}
	cells := make([]any, len(cols))
	for {
		row, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		for i, v := range row {
			if v.kind == textCell {
				cells[i] = text(v.s)
			} else {
				cells[i] = number(int(v.n))
			}
		}
		if err := put(rowHeight(1), cells...); err != nil {
			return err
		}
	}
	from, _ := excelize.CoordinatesToCellName(1, tableTop)
	to, _ := excelize.CoordinatesToCellName(len(cols), max(r, tableTop+1))
	if err := sw.AddTable(&excelize.Table{Range: from + ":" + to, Name: "tblSummary", StyleName: "TableStyleMedium2", ShowRowStripes: ptr(true)}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// provisionKindZh is the Chinese header of each provision kind's column.
var provisionKindZh = map[declaration.ProvisionKind]string{
	declaration.Part: "编", declaration.Chapter: "章", declaration.Section: "节", declaration.Article: "条",
	declaration.Paragraph: "款", declaration.Item: "项", declaration.Point: "目", declaration.Subpoint: "子目",
}
