package xlsx

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
	"github.com/xuri/excelize/v2"
)

// Options configures the writing of one document ([Options.Write]) or of a
// corpus ([Workbook]). The zero value works.
type Options struct {
	// Modified is the workbook's created and modified date. When it is
	// zero, the latest date of the documents written is used, then
	// 1980-01-01. The clock and the environment are never read (the
	// command sets Modified from SOURCE_DATE_EPOCH: convert.FromEnv).
	Modified time.Time

	// TempDir is where rows and sheets are spooled once they outgrow
	// memory; "" means the system's temporary directory. It changes no
	// byte of the workbook.
	TempDir string `fingerprint:"-"`
}

// Write writes d to out as an XLSX workbook of its own.
func (o Options) Write(out io.Writer, d *declaration.Document) error {
	b := newWorkbook(o, false)
	defer b.Close()
	if err := b.Add(d); err != nil {
		return err
	}
	_, err := b.WriteTo(out)
	return err
}

// maxDataRows is how many rows below its header a sheet can hold.
const maxDataRows = excelize.TotalRows - 1

// fixedEpoch is the workbook date when nothing else gives one.
var fixedEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Workbook collects many documents into one workbook: the provisions of
// all of them in one Clauses sheet, and a Documents sheet with one row per
// input, including the inputs that failed. Rows are spooled as documents
// are added (see the package documentation), so memory stays flat however
// large the corpus. The order of rows is the order of the calls. A
// Workbook is not safe for concurrent use.
type Workbook struct {
	opts      Options
	corpus    bool
	sheets    []*sheet // in workbook order
	clauses   *sheet
	documents *sheet   // nil unless corpus
	summary   *summary // nil unless corpus
	document  *sheet
	refs      *sheet
	dates     *sheet
	diags     *sheet
	latest    string // latest document date seen, ISO
	title     string // the title of the only document, for the properties
	count     int    // documents and failures added
	scratch   []byte
	err       error // first spooling error; sticky
}

// sheet is a sheet being collected: its spooled rows and column widths.
type sheet struct {
	spec   *sheetSpec
	rows   int
	widths []int // widest line per column, in display units
	data   *spool
}

// NewWorkbook starts an empty corpus workbook. Call [Workbook.Close] when
// done with it to remove its temporary files.
func NewWorkbook(opts Options) *Workbook {
	return newWorkbook(opts, true)
}

func newWorkbook(opts Options, corpus bool) *Workbook {
	b := &Workbook{opts: opts, corpus: corpus}
	add := func(spec *sheetSpec) *sheet {
		s := &sheet{spec: spec, widths: make([]int, len(spec.columns)), data: newSpool(opts.TempDir, 0)}
		for i, c := range spec.columns {
			s.widths[i] = max(cellWidth(c.en, 1<<10), cellWidth(c.zh, 1<<10))
		}
		b.sheets = append(b.sheets, s)
		return s
	}
	b.clauses = add(&clausesSheet)
	if corpus {
		b.documents = add(&documentsSheet)
		b.summary = newSummary(opts.TempDir)
	}
	b.document = add(&documentSheet)
	b.refs = add(&referencesSheet)
	b.dates = add(&datesSheet)
	b.diags = add(&diagnosticsSheet)
	return b
}

// setMemLimit sets how much each sheet spools in memory; for tests.
func (b *Workbook) setMemLimit(n int) {
	for _, s := range b.sheets {
		s.data.limit = n
	}
}

// Add adds a converted document. It fails, adding nothing, when the
// document would overflow a sheet, and when rows cannot be spooled.
func (b *Workbook) Add(d *declaration.Document) error {
	if d == nil {
		return errors.New("xlsx: nil document")
	}
	if b.err != nil {
		return b.err
	}
	name := docName(d)
	provisions := 0
	d.Walk(func(*declaration.Provision, []*declaration.Provision) bool { provisions++; return true })
	fields := documentFields(d, provisions)
	for _, c := range []struct {
		s *sheet
		n int
	}{{b.clauses, provisions}, {b.documents, 1}, {b.document, len(fields)}, {b.refs, len(d.References)}, {b.dates, len(d.Dates)}, {b.diags, len(d.Diagnostics) + provisions + len(fields)}} {
		if c.s != nil && c.s.rows+c.n > maxDataRows {
			return fmt.Errorf("xlsx: %s: sheet %s would have more than %d rows", name, c.s.spec.name, maxDataRows)
		}
	}
	b.count++
	if b.count == 1 {
		b.title = d.Title
	} else {
		b.title = ""
	}
	if dt := docDate(d); dt > b.latest {
		b.latest = dt
	}

	var cut []truncation
	row := func(s *sheet, where string, line int, cells ...value) {
		for i := range cells {
			if cells[i].kind != textCell {
				continue
			}
			if t, runes, kept, ok := truncate(cells[i].s); ok {
				cells[i].s = t
				cut = append(cut, truncation{sheet: s.spec.name, column: s.spec.columns[i].en, where: where, line: line, runes: runes, kept: kept})
			}
		}
		b.row(s, cells)
	}

	// Clauses.
	cites := map[string][]string{}
	for _, r := range d.References {
		for _, at := range r.At {
			cites[at] = append(cites[at], r.Title)
		}
	}
	mentions := map[string][]string{}
	for _, m := range d.Dates {
		mentions[m.At] = append(mentions[m.At], m.ISO)
	}
	// A row's path runs from the top down to its own provision; the rows
	// of an attachment's provisions have paths that start with the
	// attachment, so that they stand apart from the body's, and so does
	// their top provision.
	var path []string
	clauses := func(head []string) func(*declaration.Provision, []*declaration.Provision) bool {
		return func(p *declaration.Provision, ancestors []*declaration.Provision) bool {
			path = append(path[:0], head...)
			for _, a := range ancestors {
				path = append(path, pathStep(a))
			}
			path = append(path, pathStep(p))
			top := p
			if len(ancestors) > 0 {
				top = ancestors[0]
			}
			row(b.clauses, p.ID, p.Pos.Line,
				str(name), str(topStep(head, top)), num(top.Number),
				str(p.ID), str(string(p.Kind)), str(p.Label), num(p.Number),
				str(strings.Join(path, pathSep)), str(p.Heading), str(p.Text),
				num(utf8.RuneCountInString(p.Text)), str(joinUnique(cites[p.ID])),
				str(joinUnique(mentions[p.ID])), num(p.Pos.Line))
			return true
		}
	}
	declaration.WalkProvisions(d.Body, clauses(nil))
	for _, a := range d.Attachments {
		declaration.WalkProvisions(a.Body, clauses(attachmentPath(a)))
	}

	if b.documents != nil {
		cell, iso := date(docDate(d))
		row(b.documents, "", 0, str(name), str(d.Title), str(string(d.Kind)), cell, iso, num(provisions), str("ok"), value{})
	}
	if b.summary != nil && b.err == nil {
		b.err = b.summary.document(name, d)
	}
	for _, f := range fields {
		row(b.document, f.en, 0, str(name), str(f.en+"\n"+f.zh), f.v)
	}
	for _, r := range d.References {
		cell, iso := date(dateISO(r.Date))
		row(b.refs, r.Title, r.Pos.Line, str(name), str(r.Title), cell, iso, str(dateText(r.Date)),
			str(r.Action), str(strings.Join(r.At, "; ")), num(r.Pos.Line))
	}
	for _, m := range d.Dates {
		cell, iso := date(m.ISO)
		row(b.dates, m.Text, m.Pos.Line, str(name), str(m.Text), cell, iso, boolean(m.YearInferred), str(m.At), num(m.Pos.Line), num(m.Pos.Col))
	}
	for _, g := range d.Diagnostics {
		row(b.diags, g.Code, g.Pos.Line, str(name), str(string(g.Level)), str(g.Code), num(g.Pos.Line), num(g.Pos.Col), str(g.Message))
	}
	b.truncated(name, cut)
	return b.err
}

// truncated adds a warning to the Diagnostics sheet for each cut cell.
func (b *Workbook) truncated(name string, cut []truncation) {
	for _, t := range cut {
		where := ""
		if t.where != "" {
			where = " of " + t.where
		}
		msg := fmt.Sprintf("%s: %s%s has %d characters, more than a cell holds; the first %d are kept", t.sheet, t.column, where, t.runes, t.kept)
		b.row(b.diags, []value{str(name), str(string(declaration.LevelWarning)), str("cell-truncated"), num(t.line), value{}, str(msg)})
	}
}

// AddFailure lists an input that could not be converted in the Documents
// sheet, with its error.
func (b *Workbook) AddFailure(name string, err error) {
	msg := "unknown error"
	if err != nil {
		msg = err.Error()
	}
	if b.documents == nil || b.documents.rows >= maxDataRows {
		return
	}
	b.count++
	b.title = ""
	b.summary.failed++
	cells := []value{str(name), value{}, value{}, value{}, value{}, value{}, str("failed"), str(msg)}
	var cut []truncation
	if t, runes, kept, ok := truncate(msg); ok {
		cells[len(cells)-1] = str(t)
		cut = append(cut, truncation{sheet: b.documents.spec.name, column: "Error", runes: runes, kept: kept})
	}
	b.row(b.documents, cells)
	b.truncated(name, cut)
}

// row spools one row of s and widens its columns to fit.
func (b *Workbook) row(s *sheet, cells []value) {
	if b.err != nil {
		return
	}
	for i, v := range cells {
		limit := int(s.spec.columns[i].max)
		switch v.kind {
		case textCell:
			s.widths[i] = max(s.widths[i], cellWidth(v.s, limit))
		case numberCell:
			s.widths[i] = max(s.widths[i], len(strconv.FormatInt(v.n, 10)))
		case boolCell:
			s.widths[i] = max(s.widths[i], 5)
		case dateCell:
			s.widths[i] = max(s.widths[i], len("2006-01-02"))
		}
	}
	b.scratch = encodeRow(b.scratch[:0], cells)
	if _, err := s.data.Write(b.scratch); err != nil {
		b.err = err
		return
	}
	s.rows++
}

// WriteTo writes the workbook to out. It may be called more than once.
func (b *Workbook) WriteTo(out io.Writer) (int64, error) {
	if b.err != nil {
		return 0, b.err
	}
	modified, err := b.modified()
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: out}
	zs := newZipSorter(cw, zipTime(modified), b.opts.TempDir)
	filled := false
	if !b.corpus {
		if filled, err = b.fillTemplate(zs, modified); err != nil {
			_ = zs.discard()
			return 0, err
		}
	}
	if !filled {
		// A corpus workbook, or a document the template cannot take.
		_ = zs.discard()
		zs = newZipSorter(cw, zipTime(modified), b.opts.TempDir)
		if _, err := b.build(zs, modified); err != nil {
			_ = zs.discard()
			return 0, err
		}
	}
	err = zs.emit()
	return cw.n, err
}

// build has excelize make the workbook and hand its parts to zs, which
// holds them; it returns the workbook's cell styles.
func (b *Workbook) build(zs *zipSorter, modified time.Time) (styles, error) {
	f := excelize.NewFile(excelize.Options{TmpDir: b.opts.TempDir})
	defer f.Close()

	styles, err := newStyles(f)
	if err != nil {
		return styles, err
	}
	for i, s := range b.sheets {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), s.spec.name)
		} else {
			_, err = f.NewSheet(s.spec.name)
		}
		if err == nil && s == b.documents {
			_, err = f.NewSheet(summarySheet)
		}
		if err != nil {
			return styles, fmt.Errorf("xlsx: %w", err)
		}
	}
	for _, s := range b.sheets {
		if err := b.stream(f, s, styles); err != nil {
			return styles, err
		}
		if s == b.documents {
			if err := b.summary.write(f, styles); err != nil {
				return styles, err
			}
		}
	}
	if err := escapeTableNewlines(f); err != nil {
		return styles, err
	}
	sortContentTypes(f)
	// The first sheet is the active one already: SetActiveSheet would
	// reload every streamed sheet.
	if err := f.SetDocProps(&excelize.DocProperties{
		Created:        stamp(modified),
		Modified:       stamp(modified),
		Creator:        "declconv",
		LastModifiedBy: "declconv",
		Title:          b.title,
	}); err != nil {
		return styles, fmt.Errorf("xlsx: %w", err)
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "declconv"}); err != nil {
		return styles, fmt.Errorf("xlsx: %w", err)
	}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zs })
	// excelize hands our zipSorter the buffer it returns; zipSorter writes
	// to out instead, so the buffer stays empty.
	if _, err := f.WriteToBuffer(); err != nil {
		return styles, fmt.Errorf("xlsx: %w", err)
	}
	return styles, nil
}

// stamp is the workbook's date as its core properties hold it.
func stamp(modified time.Time) string {
	return modified.UTC().Format("2006-01-02T15:04:05Z")
}

// Close removes the workbook's temporary files. The workbook cannot be
// used afterwards.
func (b *Workbook) Close() error {
	var errs []error
	for _, s := range b.sheets {
		errs = append(errs, s.data.Close())
	}
	if b.summary != nil {
		errs = append(errs, b.summary.perDocument.Close())
	}
	if b.err == nil {
		b.err = errors.New("xlsx: workbook is closed")
	}
	return errors.Join(errs...)
}

// modified is the workbook's date: see [Options.Modified].
func (b *Workbook) modified() (time.Time, error) {
	if !b.opts.Modified.IsZero() {
		return b.opts.Modified, nil
	}
	if b.latest != "" {
		layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(b.latest)]
		if t, err := time.Parse(layout, b.latest); layout != "" && err == nil {
			return t, nil
		}
	}
	return fixedEpoch, nil
}

// styles are the cell styles of the workbook.
type styles struct {
	header, prose, text, number, boolean int
	date                                 map[int]int // by the length of an ISO date: its precision
}

// dateFormats are the number formats of date cells, by the length of the
// ISO date: a date shows no more precision than it has.
var dateFormats = []struct {
	length int
	format string
}{{10, "yyyy-mm-dd"}, {7, "yyyy-mm"}, {4, "yyyy"}}

func newStyles(f *excelize.File) (styles, error) {
	s := styles{date: map[int]int{}}
	top := func(wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Vertical: "top", WrapText: wrap}
	}
	var err error
	add := func(id *int, style *excelize.Style) {
		if err == nil {
			*id, err = f.NewStyle(style)
		}
	}
	add(&s.header, &excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 11}, Alignment: top(true)})
	add(&s.prose, &excelize.Style{Alignment: top(true)})
	add(&s.text, &excelize.Style{Alignment: top(false)})
	// Numbers keep a space from the text column to their right.
	add(&s.number, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right", Indent: 1}})
	// Excel shows a boolean as TRUE or FALSE whatever its format;
	// LibreOffice, as 1 or 0 unless the format says otherwise.
	boolFormat := `"TRUE";"TRUE";"FALSE"`
	add(&s.boolean, &excelize.Style{CustomNumFmt: &boolFormat, Alignment: &excelize.Alignment{Vertical: "top"}})
	for _, d := range dateFormats {
		var id int
		add(&id, &excelize.Style{CustomNumFmt: &d.format, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}})
		s.date[d.length] = id
	}
	if err != nil {
		return s, fmt.Errorf("xlsx: %w", err)
	}
	return s, nil
}

// stream writes one sheet from its spooled rows.
func (b *Workbook) stream(f *excelize.File, s *sheet, st styles) error {
	cols := s.spec.columns
	// The stream writer writes the sheet's dimension before its rows;
	// readers that trust it (openpyxl's read-only mode, pandas) would
	// otherwise see one cell. The rows are spooled, so it is known.
	last, _ := excelize.CoordinatesToCellName(len(cols), s.rows+1)
	if err := f.SetSheetDimension(s.spec.name, "A1:"+last); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := pageSetup(f, s.spec.name, 1); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.spec.name)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	widths := b.columnWidths(s)
	for i := range cols {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	cells := make([]any, len(cols))
	header := make([]excelize.Cell, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.header()}
		cells[i] = header[i]
	}
	if err := sw.SetRow("A1", cells, excelize.RowOpts{Height: rowHeight(2)}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	// Cells are passed by pointer into one reused array, so that putting
	// them into cells allocates nothing per row.
	buf := make([]excelize.Cell, len(cols))
	rr, err := newRowReader(s.data)
	if err != nil {
		return err
	}
	for r := 2; ; r++ {
		row, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		for i, v := range row {
			switch v.kind {
			case emptyCell:
				cells[i] = nil
			case textCell:
				style := st.text
				if cols[i].wrap {
					style = st.prose
				}
				buf[i] = excelize.Cell{StyleID: style, Value: v.s}
				cells[i] = &buf[i]
			case numberCell:
				buf[i] = excelize.Cell{StyleID: st.number, Value: v.n}
				cells[i] = &buf[i]
			case boolCell:
				buf[i] = excelize.Cell{StyleID: st.boolean, Value: v.n != 0}
				cells[i] = &buf[i]
			case dateCell:
				serial, _ := excelDate(v.s)
				buf[i] = excelize.Cell{StyleID: st.date[len(v.s)], Value: serial}
				cells[i] = &buf[i]
			}
		}
		lines := rowLines(row, cols, widths)
		ref, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(ref, cells, excelize.RowOpts{Height: rowHeight(lines)}); err != nil {
			return fmt.Errorf("xlsx: %s row %d: %w", s.spec.name, r, err)
		}
	}
	if err := sw.AddTable(&excelize.Table{
		Range:          "A1:" + last,
		Name:           s.spec.table,
		StyleName:      "TableStyleMedium2",
		ShowRowStripes: ptr(true),
	}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// columnWidths are the widths of s's columns: as wide as their widest
// line, within their bounds.
func (b *Workbook) columnWidths(s *sheet) []float64 {
	widths := make([]float64, len(s.spec.columns))
	for i, c := range s.spec.columns {
		widths[i] = min(max(float64(s.widths[i]+widthPadding), c.min), c.max)
		if !b.corpus && c.en == "Document" {
			widths[i] = min(widths[i], oneDocumentWidth)
		}
	}
	return widths
}

// rowLines is how many lines the most wrapped text cell of row takes.
func rowLines(row []value, cols []column, widths []float64) int {
	lines := 1
	for i, v := range row {
		if v.kind != textCell {
			continue
		}
		if cols[i].wrap {
			lines = max(lines, wrappedLines(v.s, widths[i]))
		} else {
			lines = max(lines, strings.Count(v.s, "\n")+1)
		}
	}
	return lines
}

func ptr[T any](v T) *T { return &v }

// pageSetup sets how a sheet prints: landscape A4, one page wide at
// whatever height, narrow margins, the first titleRows rows (the header)
// repeated on every page, the sheet's name in the page header and page
// numbers in the footer.
func pageSetup(f *excelize.File, sheet string, titleRows int) error {
	err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)})
	if err == nil {
		err = f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
			Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
		})
	}
	if err == nil {
		err = f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
			Left: ptr(0.3), Right: ptr(0.3), Top: ptr(0.6), Bottom: ptr(0.6), Header: ptr(0.3), Footer: ptr(0.3),
		})
	}
	if err == nil {
		err = f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
			OddHeader: "&L&A", OddFooter: "&C&P / &N",
		})
	}
	if err == nil && titleRows > 0 {
		err = f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, titleRows), Scope: sheet,
		})
	}
	if err != nil {
		return fmt.Errorf("xlsx: %s: %w", sheet, err)
	}
	return nil
}

// escapeTableNewlines rewrites the line breaks in table column names the
// way Excel writes them (_x000a_). excelize copies the header cells as
// they are, and Excel reports a corrupt file for a raw line break in a
// column name.
func escapeTableNewlines(f *excelize.File) error {
	var err error
	f.Pkg.Range(func(k, v any) bool {
		name, ok := k.(string)
		if !ok || !strings.HasPrefix(name, "xl/tables/") {
			return true
		}
		data, ok := v.([]byte)
		if !ok {
			err = fmt.Errorf("xlsx: unexpected content for %s", name)
			return false
		}
		fixed := strings.NewReplacer("&#xA;", "_x000a_", "&#xa;", "_x000a_").Replace(string(data))
		f.Pkg.Store(name, []byte(fixed))
		return true
	})
	return err
}

// sortContentTypes sorts the default content types of the package by
// extension: excelize adds those of images, for a chart, from a map, in a
// different order each run.
func sortContentTypes(f *excelize.File) {
	if f.ContentTypes == nil {
		return
	}
	d := f.ContentTypes.Defaults
	sort.SliceStable(d, func(i, j int) bool { return d[i].Extension < d[j].Extension })
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
