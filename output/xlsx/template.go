package xlsx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// One-document workbooks are written from a template.
//
// A one-document workbook differs from another only in its core
// properties (title and dates), its sheets' dimensions, column widths and
// rows, and its tables' ranges. Having excelize build each one cost about
// 4 ms of CPU, most of it work that is the same every time: parsing
// excelize's own template parts, decoding each sheet back to find its
// table's header row, compressing the parts that never change. So excelize
// builds one empty one-document workbook per process, the template, and a
// document's workbook is the template's parts with those blanks filled in,
// in the bytes excelize writes (TestTemplateMatchesExcelize checks every
// test document, FuzzWorkbook every input). A document with a text the
// template cannot write as excelize would (one with what excelize takes for
// an escaped character, _x0041_) goes through excelize, as a corpus
// workbook does.

// template is an empty one-document workbook cut where documents differ.
type template struct {
	parts  []templatePart       // in the container's order
	known  map[string]knownPart // the fixed parts, and compressed
	core   [][]byte             // docProps/core.xml around its title and its two dates
	sheets []sheetTemplate      // by sheet, in workbook order
	tables [][][]byte           // each table part around the two places its range goes
	styles styles
}

// templatePart is one part of the template: fixed, or a blank to fill.
type templatePart struct {
	name  string
	kind  partKind
	i     int    // the sheet of a sheet or table part
	fixed []byte // the part, when fixed
}

type partKind uint8

const (
	fixedPart partKind = iota
	corePart
	sheetPart
	tablePart
)

// sheetTemplate is a sheet's part around its dimension, its column widths
// and its data rows.
type sheetTemplate struct {
	head   []byte // up to the dimension's last cell
	views  []byte // from after the range to the column widths
	header []byte // from after the column widths to the end of the header row
	tail   []byte // from the end of the sheet's data
}

const (
	templateStamp = "1980-01-01T00:00:00Z" // the template's dates: fixedEpoch
	corePath      = "docProps/core.xml"
)

// oneDocument is the template, made on first use; nil if excelize's
// output does not have the shape the template needs, in which case every
// workbook goes through excelize.
var oneDocument = sync.OnceValue(func() *template {
	t, err := newTemplate()
	if err != nil {
		return nil
	}
	return t
})

// newTemplate has excelize write an empty one-document workbook and cuts
// it up.
func newTemplate() (*template, error) {
	b := newWorkbook(Options{}, false)
	defer b.Close()
	zs := newZipSorter(io.Discard, fixedEpoch, "")
	defer zs.discard()
	st, err := b.build(zs, fixedEpoch)
	if err != nil {
		return nil, err
	}
	parts, err := zs.contents()
	if err != nil {
		return nil, err
	}
	t := &template{known: map[string]knownPart{}, styles: st,
		sheets: make([]sheetTemplate, len(b.sheets)), tables: make([][][]byte, len(b.sheets))}
	kinds := map[string]templatePart{corePath: {kind: corePart}}
	for i := range b.sheets {
		kinds[sheetPartName(i)] = templatePart{kind: sheetPart, i: i}
		kinds[tablePartName(i)] = templatePart{kind: tablePart, i: i}
	}
	var cut error
	for _, p := range parts {
		tp, ok := kinds[p.name]
		tp.name = p.name
		switch {
		case !ok:
			tp.fixed = p.data
			d, err := deflate(p.data)
			if err != nil {
				return nil, err
			}
			t.known[p.name] = knownPart{p.data, d}
		case tp.kind == corePart:
			t.core, cut = cutCore(p.data)
		case tp.kind == sheetPart:
			t.sheets[tp.i], cut = cutSheet(p.data, b.sheets[tp.i].spec)
		case tp.kind == tablePart:
			t.tables[tp.i], cut = cutTable(p.data, b.sheets[tp.i].spec)
		}
		if cut != nil {
			return nil, fmt.Errorf("xlsx: template %s: %w", p.name, cut)
		}
		delete(kinds, p.name)
		t.parts = append(t.parts, tp)
	}
	if len(kinds) > 0 {
		return nil, errors.New("xlsx: template: parts missing")
	}
	return t, nil
}

// The parts of the i-th sheet, as excelize names them.
func sheetPartName(i int) string { return "xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml" }
func tablePartName(i int) string { return "xl/tables/table" + strconv.Itoa(i+1) + ".xml" }

// cutCore cuts the core properties before where a title goes and around
// the two dates.
func cutCore(data []byte) ([][]byte, error) {
	before, after, ok := bytes.Cut(data, []byte("<dc:creator>"))
	dates := bytes.Split(after, []byte(templateStamp))
	if !ok || len(dates) != 3 || bytes.Contains(before, []byte("<dc:title>")) {
		return nil, errors.New("unexpected core properties")
	}
	return [][]byte{before, append([]byte("<dc:creator>"), dates[0]...), dates[1], dates[2]}, nil
}

// cutSheet cuts an empty sheet around its dimension, its column widths and
// after its header row.
func cutSheet(data []byte, spec *sheetSpec) (sheetTemplate, error) {
	var s sheetTemplate
	dim := []byte(`<dimension ref="A1:` + lastCell(len(spec.columns), 1) + `"`)
	i := bytes.Index(data, dim)
	j := bytes.Index(data, []byte("<cols>"))
	k := bytes.Index(data, []byte("</cols>"))
	l := bytes.Index(data, []byte("</sheetData>"))
	if i < 0 || j < i || k < j || l < k || bytes.Count(data, []byte("<row ")) != 1 {
		return s, errors.New("unexpected sheet")
	}
	s.head = data[:i+len(`<dimension ref="A1:`)]
	s.views = data[i+len(dim)-1 : j+len("<cols>")]
	s.header = data[k:l]
	s.tail = data[l:]
	return s, nil
}

// cutTable cuts an empty sheet's table part around its range, which it
// holds twice (the table's and its filter's).
func cutTable(data []byte, spec *sheetSpec) ([][]byte, error) {
	if !bytes.Contains(data, []byte(` name="`+spec.table+`"`)) {
		return nil, errors.New("table of another sheet")
	}
	// A table has a header and at least one row.
	pieces := bytes.Split(data, []byte(`ref="A1:`+lastCell(len(spec.columns), 2)+`"`))
	if len(pieces) != 3 {
		return nil, errors.New("unexpected table")
	}
	return pieces, nil
}

// lastCell names the cell of column cols (1-based) and row row.
func lastCell(cols, row int) string {
	name, _ := excelize.CoordinatesToCellName(cols, row)
	return name
}

// deflate compresses a part as zipSorter does.
func deflate(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := newFlateWriter(&buf)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// errNotTemplate stops a workbook the template cannot write.
var errNotTemplate = errors.New("xlsx: not a template workbook")

// fillTemplate writes b, a one-document workbook, to zs from the
// template. It returns false, having written part of it, when the
// workbook must go through excelize instead.
func (b *Workbook) fillTemplate(zs *zipSorter, modified time.Time) (bool, error) {
	t := oneDocument()
	if t == nil {
		return false, nil
	}
	zs.known = t.known
	scratch := fillBuffers.Get().(*[]byte)
	defer fillBuffers.Put(scratch)
	buf := (*scratch)[:0]
	defer func() { *scratch = buf[:0] }()
	for _, p := range t.parts {
		w, _ := zs.Create(p.name)
		var err error
		switch p.kind {
		case fixedPart:
			_, err = w.Write(p.fixed)
		case corePart:
			buf = t.fillCore(buf[:0], b.title, stamp(modified))
			_, err = w.Write(buf)
		case tablePart:
			buf = t.fillTable(buf[:0], p.i, b.sheets[p.i])
			_, err = w.Write(buf)
		case sheetPart:
			buf, err = t.fillSheet(w, buf[:0], b, p.i)
		}
		if err == errNotTemplate {
			return false, nil
		}
		if err != nil {
			return false, err
		}
	}
	return true, nil
}

// fillBuffers are scratch space for fillTemplate, one workbook after
// another.
var fillBuffers = sync.Pool{New: func() any { return new([]byte) }}

// fillCore appends the core properties with their title and dates.
func (t *template) fillCore(buf []byte, title, date string) []byte {
	buf = append(buf, t.core[0]...)
	if title != "" {
		buf = append(buf, "<dc:title>"...)
		buf = appendEscaped(buf, title)
		buf = append(buf, "</dc:title>"...)
	}
	buf = append(buf, t.core[1]...)
	buf = append(buf, date...)
	buf = append(buf, t.core[2]...)
	buf = append(buf, date...)
	return append(buf, t.core[3]...)
}

// fillTable appends the table part of sheet i, of s's rows.
func (t *template) fillTable(buf []byte, i int, s *sheet) []byte {
	// A table has at least one row below its header, if empty.
	ref := `ref="A1:` + lastCell(len(s.spec.columns), max(s.rows+1, 2)) + `"`
	pieces := t.tables[i]
	buf = append(buf, pieces[0]...)
	buf = append(buf, ref...)
	buf = append(buf, pieces[1]...)
	buf = append(buf, ref...)
	return append(buf, pieces[2]...)
}

// fillSheet writes sheet i of b to w, row by row, as excelize's stream
// writer would; buf is scratch space, returned for reuse.
func (t *template) fillSheet(w io.Writer, buf []byte, b *Workbook, i int) ([]byte, error) {
	s, tpl, st := b.sheets[i], &t.sheets[i], &t.styles
	cols := s.spec.columns
	widths := b.columnWidths(s)
	buf = append(buf, tpl.head...)
	buf = append(buf, lastCell(len(cols), s.rows+1)...)
	buf = append(buf, tpl.views...)
	// excelize lists column widths from the last column to the first.
	for c := len(cols); c >= 1; c-- {
		buf = append(buf, `<col min="`...)
		buf = strconv.AppendInt(buf, int64(c), 10)
		buf = append(buf, `" max="`...)
		buf = strconv.AppendInt(buf, int64(c), 10)
		buf = append(buf, `" width="`...)
		buf = strconv.AppendFloat(buf, widths[c-1], 'f', -1, 64)
		buf = append(buf, `" customWidth="1"/>`...)
	}
	buf = append(buf, tpl.header...)
	letters := make([]string, len(cols))
	for c := range cols {
		letters[c], _ = excelize.ColumnNumberToName(c + 1)
	}
	rr, err := newRowReader(s.data)
	if err != nil {
		return buf, err
	}
	for r := 2; ; r++ {
		row, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return buf, err
		}
		buf = append(buf, `<row r="`...)
		buf = strconv.AppendInt(buf, int64(r), 10)
		buf = append(buf, `" ht="`...)
		buf = strconv.AppendFloat(buf, rowHeight(rowLines(row, cols, widths)), 'f', -1, 64)
		buf = append(buf, `" customHeight="1">`...)
		for c, v := range row {
			if v.kind == emptyCell {
				continue
			}
			buf = append(buf, `<c r="`...)
			buf = append(buf, letters[c]...)
			buf = strconv.AppendInt(buf, int64(r), 10)
			buf = append(buf, `" s="`...)
			switch v.kind {
			case textCell:
				style := st.text
				if cols[c].wrap {
					style = st.prose
				}
				buf = strconv.AppendInt(buf, int64(style), 10)
				buf = append(buf, `" t="inlineStr"><is><t`...)
				if spaceAtEnds(v.s) {
					buf = append(buf, ` xml:space="preserve"`...)
				}
				buf = append(buf, '>')
				n := len(buf)
				buf = appendCellText(buf, v.s)
				if hasEscapedChar(buf[n:]) {
					return buf, errNotTemplate
				}
				buf = append(buf, `</t></is></c>`...)
			case numberCell:
				buf = strconv.AppendInt(buf, int64(st.number), 10)
				buf = append(buf, `"><v>`...)
				buf = strconv.AppendInt(buf, v.n, 10)
				buf = append(buf, `</v></c>`...)
			case boolCell:
				buf = strconv.AppendInt(buf, int64(st.boolean), 10)
				buf = append(buf, `" t="b"><v>`...)
				buf = strconv.AppendInt(buf, v.n, 10)
				buf = append(buf, `</v></c>`...)
			case dateCell:
				serial, _ := excelDate(v.s)
				buf = strconv.AppendInt(buf, int64(st.date[len(v.s)]), 10)
				buf = append(buf, `"><v>`...)
				buf = strconv.AppendFloat(buf, serial, 'f', -1, 64)
				buf = append(buf, `</v></c>`...)
			}
		}
		buf = append(buf, `</row>`...)
		if len(buf) >= 32<<10 {
			if _, err := w.Write(buf); err != nil {
				return buf, err
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, tpl.tail...)
	_, err = w.Write(buf)
	return buf, err
}

// spaceAtEnds reports whether s starts or ends with a tab, a line break or
// a space, which excelize keeps with xml:space="preserve".
func spaceAtEnds(s string) bool {
	if s == "" {
		return false
	}
	isSpace := func(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }
	return isSpace(s[0]) || isSpace(s[len(s)-1])
}

// appendEscaped appends s escaped as encoding/xml escapes text.
func appendEscaped(buf []byte, s string) []byte {
	w := sliceWriter{buf}
	_ = xml.EscapeText(&w, []byte(s))
	return w.b
}

// appendCellText appends a text cell's content as excelize writes it:
// escaped, but for line breaks.
func appendCellText(buf []byte, s string) []byte {
	if plainText(s) {
		return append(buf, s...)
	}
	n := len(buf)
	buf = appendEscaped(buf, s)
	if !bytes.Contains(buf[n:], []byte("&#xA;")) {
		return buf
	}
	text := strings.ReplaceAll(string(buf[n:]), "&#xA;", "\n")
	return append(buf[:n], text...)
}

// plainText reports whether appendCellText writes s as it is: it has no
// character that encoding/xml escapes (but line breaks, which excelize
// puts back) or replaces (one XML cannot hold, an invalid byte).
func plainText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c < 0x20 && c != '\n', c == '"', c == '\'', c == '&', c == '<', c == '>':
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += n
	}
	return true
}

// hasEscapedChar reports whether text holds what excelize reads as an
// escaped character, _xHHHH_, and would escape again.
func hasEscapedChar(text []byte) bool {
	for {
		i := bytes.Index(text, []byte("_x"))
		if i < 0 || len(text) < i+7 {
			return false
		}
		hex := true
		for _, c := range text[i+2 : i+6] {
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				hex = false
			}
		}
		if hex && text[i+6] == '_' {
			return true
		}
		text = text[i+2:]
	}
}

// sliceWriter appends what is written to a byte slice.
type sliceWriter struct{ b []byte }

func (w *sliceWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}
