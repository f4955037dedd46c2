package xlsx

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// column describes one column of a sheet: its header and how wide it may be.
type column struct {
	en, zh   string  // header: English, then Chinese on a second line
	min, max float64 // width bounds, in character units
	wrap     bool    // prose that wraps, rather than a name or code that is cut off
}

// header is the header cell's text.
func (c column) header() string { return c.en + "\n" + c.zh }

// sheetSpec is the fixed shape of one sheet.
type sheetSpec struct {
	name    string // sheet name
	table   string // Excel table name
	columns []column
}

// The sheets, in the order they appear in the workbook. documentsSheet is
// only written for a corpus (and the Summary sheet after it: see
// summary.go). Widths are kept narrow enough that a Clauses page printed
// one page wide (landscape A4) is set at a readable size.
var (
	clausesSheet = sheetSpec{"Clauses", "tblClauses", []column{
		{"Document", "文档", 11, 30, false},
		{"Top", "所属条", 8, 8, true},
		{"Top no.", "条号", 9, 9, false},
		{"ID", "标识", 8, 22, false},
		{"Kind", "层级", 9, 9, false},
		{"Label", "序号", 8, 8, false},
		{"Number", "编号", 9, 9, false},
		{"Path", "所属", 10, 22, true},
		{"Heading", "标题", 9, 14, true},
		{"Text", "正文", 40, 44, true},
		{"Chars", "字数", 7, 7, false},
		{"References", "引用文件", 13, 18, true},
		{"Dates", "提及日期", 11, 11, true},
		{"Line", "行号", 6, 6, false},
	}}
	documentsSheet = sheetSpec{"Documents", "tblDocuments", []column{
		{"Name", "文档", 12, 40, false},
		{"Title", "标题", 12, 60, true},
		{"Kind", "类别", 8, 18, false},
		{"Date", "日期", 11, 11, false},
		{"ISO", "标准日期", 10, 10, false},
		{"Provisions", "条款数", 10, 12, false},
		{"Status", "状态", 8, 8, false},
		{"Error", "错误", 12, 80, true},
	}}
	documentSheet = sheetSpec{"Document", "tblDocument", []column{
		{"Document", "文档", 12, 48, false},
		{"Field", "字段", 12, 20, false},
		{"Value", "内容", 20, 80, true},
	}}
	referencesSheet = sheetSpec{"References", "tblReferences", []column{
		{"Document", "文档", 12, 48, false},
		{"Instrument", "文件", 12, 50, true},
		{"Date", "日期", 11, 11, false},
		{"ISO", "标准日期", 10, 10, false},
		{"Date as written", "原文日期", 12, 24, false},
		{"Action", "行为", 8, 12, false},
		{"Cited in", "引用处", 12, 40, true},
		{"Line", "行号", 6, 8, false},
	}}
	datesSheet = sheetSpec{"Dates", "tblDates", []column{
		{"Document", "文档", 12, 48, false},
		{"Text", "原文", 10, 30, false},
		{"Date", "日期", 11, 11, false},
		{"ISO", "标准日期", 10, 10, false},
		{"Year inferred", "年份推定", 10, 14, false},
		{"At", "所在", 10, 28, false},
		{"Line", "行号", 6, 8, false},
		{"Column", "列号", 6, 8, false},
	}}
	diagnosticsSheet = sheetSpec{"Diagnostics", "tblDiagnostics", []column{
		{"Document", "文档", 12, 48, false},
		{"Level", "级别", 8, 10, false},
		{"Code", "代码", 10, 24, false},
		{"Line", "行号", 6, 8, false},
		{"Column", "列号", 6, 8, false},
		{"Message", "说明", 20, 80, true},
	}}
)

// oneDocumentWidth is the width of the Document column in a one-document
// workbook, where every row names the same document: short, a reminder
// rather than a key.
const oneDocumentWidth = 11

// cellKind says what a cell holds.
type cellKind uint8

const (
	emptyCell cellKind = iota
	textCell
	numberCell
	boolCell
	dateCell // s is an ISO date of year, month or day precision
)

// value is one cell's content.
type value struct {
	kind cellKind
	s    string
	n    int64
}

// str is a text cell; "" is an empty cell.
func str(s string) value {
	if s == "" {
		return value{}
	}
	return value{kind: textCell, s: s}
}

// num is a number cell; 0 is an empty cell (no number, no line).
func num(n int) value {
	if n == 0 {
		return value{}
	}
	return value{kind: numberCell, n: int64(n)}
}

// date is a date cell for an ISO date, and the ISO text to set beside it
// where the cell cannot say all of it: a date of month or year precision
// is a cell of its first day, formatted to show its precision, with its
// ISO text beside it; a date Excel cannot hold (before 1900-03-01) or that
// does not parse is the ISO text alone.
func date(iso string) (cell, text value) {
	if _, ok := excelDate(iso); !ok {
		return value{}, str(iso)
	}
	cell = value{kind: dateCell, s: iso}
	if len(iso) < len("2006-01-02") {
		text = str(iso)
	}
	return cell, text
}

// excelEpoch is day zero of Excel's 1900 date system, as it counts days
// after 1900-02-28 (it counts a 29 February 1900 that never was).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// isoLayouts are the layouts of ISO dates by length: their precision.
var isoLayouts = map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}

// excelDate is the Excel serial number of the first day of an ISO date;
// ok is false when iso does not parse or is before 1900-03-01.
func excelDate(iso string) (serial float64, ok bool) {
	layout, known := isoLayouts[len(iso)]
	if !known {
		return 0, false
	}
	t, err := time.Parse(layout, iso)
	if err != nil || t.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)) {
		return 0, false
	}
	// Whole days counted on Unix seconds: t.Sub saturates at 292 years,
	// which made every date after 2191 a day of 2192.
	return float64((t.Unix() - excelEpoch.Unix()) / (24 * 60 * 60)), true
}

// boolean is a boolean cell.
func boolean(b bool) value {
	v := value{kind: boolCell}
	if b {
		v.n = 1
	}
	return v
}

// docName is what the Document column shows: the source name, else the title.
func docName(d *declaration.Document) string {
	if d.Source.Name != "" {
		return d.Source.Name
	}
	return d.Title
}

// docDate is the document's own date, ISO: publication, else signature,
// else dispatch; "" when it has none.
func docDate(d *declaration.Document) string {
	switch {
	case d.Publication != nil && d.Publication.Date != "":
		return d.Publication.Date
	case d.Signed != nil && d.Signed.Date != nil && d.Signed.Date.ISO != "":
		return d.Signed.Date.ISO
	case d.Dispatch != nil && d.Dispatch.Date != nil && d.Dispatch.Date.ISO != "":
		return d.Dispatch.Date.ISO
	}
	return ""
}

// pathSep separates the steps of a provision's path.
const pathSep = " › "

// labelTrim is what a label ends with that a path leaves out (四、 → 四).
const labelTrim = "、．.:：,，;； 　"

// pathStep names a provision in a path: its label without the trailing
// separator (四、 → 四) followed by its heading — with a space between
// when the label ends in a narrow character (Article 1 Scope) — or the
// last part of its ID (para_1) when it has neither.
func pathStep(p *declaration.Provision) string {
	label := strings.TrimRight(p.Label, labelTrim)
	switch {
	case label == "" && p.Heading == "":
		return ownID(p.ID)
	case label == "" || p.Heading == "":
		return label + p.Heading
	}
	if r, _ := utf8.DecodeLastRuneInString(label); runeWidth(r) == 1 {
		return label + " " + p.Heading
	}
	return label + p.Heading
}

// ownID is the last part of an ID, what it adds to its parent's:
// art_3__para_1 → para_1.
func ownID(id string) string {
	if i := strings.LastIndex(id, "__"); i >= 0 {
		return id[i+2:]
	}
	return id
}

// topStep names the top-level provision a row belongs to, for the Top
// column: its label without the trailing separator (四), else its heading,
// else the last part of its ID; after the attachment's label for an attachment's rows
// (附件二 › 二).
func topStep(attachment []string, top *declaration.Provision) string {
	step := strings.TrimRight(top.Label, labelTrim)
	if step == "" {
		step = top.Heading
	}
	if step == "" {
		step = ownID(top.ID)
	}
	if len(attachment) > 0 {
		return attachment[0] + pathSep + step
	}
	return step
}

// attachmentPath is where the paths of an attachment's provisions start:
// its label without the trailing separator and its heading, as two steps
// (附件一 › 口岸名单, 附 › 国旗制法说明), or its ID when it has neither.
func attachmentPath(a *declaration.Attachment) []string {
	var steps []string
	if label := strings.TrimRight(a.Label, labelTrim); label != "" {
		steps = append(steps, label)
	}
	if a.Heading != "" {
		steps = append(steps, a.Heading)
	}
	if len(steps) == 0 {
		steps = append(steps, a.ID)
	}
	return steps
}

// joinUnique joins the distinct non-empty strings of list with "; ", in order.
func joinUnique(list []string) string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}

// dateISO is a date's ISO value, or "" for none.
func dateISO(d *declaration.Date) string {
	if d == nil {
		return ""
	}
	return d.ISO
}

// dateText is a date as written, or "" for none.
func dateText(d *declaration.Date) string {
	if d == nil {
		return ""
	}
	return d.Text
}

// field is one row of the Document sheet.
type field struct {
	en, zh string
	v      value
}

// documentFields lists the metadata rows of the Document sheet. Every
// document gets the same fields in the same order, empty or not, so that a
// corpus workbook can be filtered by field.
func documentFields(d *declaration.Document, provisions int) []field {
	pub := d.Publication
	if pub == nil {
		pub = &declaration.Publication{}
	}
	disp := d.Dispatch
	if disp == nil {
		disp = &declaration.Dispatch{}
	}
	signed := d.Signed
	if signed == nil {
		signed = &declaration.Signing{}
	}
	var sigs []string
	for _, s := range d.Signatories {
		t := s.Name
		if s.Role != "" {
			t = s.Role + " " + t
		}
		if s.Party != "" {
			t += "（" + s.Party + "）"
		}
		sigs = append(sigs, t)
	}
	return []field{
		{"Title", "标题", str(d.Title)},
		{"Kind", "类别", str(string(d.Kind))},
		{"Language", "语言", str(d.Language)},
		{"Headline", "报刊标题", str(pub.Headline)},
		{"Publication date", "刊发日期", exact(pub.Date)},
		{"Page", "版次", num(pub.Page)},
		{"Section", "栏目", str(pub.Section)},
		{"Column", "专栏", str(pub.Column)},
		{"Dispatch", "电头", str(disp.Text)},
		{"Dispatch agency", "通讯社", str(disp.Agency)},
		{"Dispatch place", "发电地点", str(disp.Place)},
		{"Dispatch date", "发电日期", exact(dateISO(disp.Date))},
		{"Parties", "各方", str(strings.Join(d.Parties, "; "))},
		{"Signatories", "签署人", str(strings.Join(sigs, "; "))},
		{"Signed date", "签署日期", exact(dateISO(signed.Date))},
		{"Signed date as written", "原文签署日期", str(dateText(signed.Date))},
		{"Signed place", "签署地点", str(signed.Place)},
		{"Provisions", "条款数", num(provisions)},
		{"Source name", "源文件", str(d.Source.Name)},
		{"Encoding", "编码", str(d.Source.Encoding)},
		{"SHA-256", "校验值", str(d.Source.SHA256)},
		{"Bytes", "字节数", num(d.Source.Bytes)},
	}
}

// exact is a date cell for an ISO date of day precision, else its ISO
// text: the Document sheet has no column beside its values.
func exact(iso string) value {
	if cell, text := date(iso); text.kind == emptyCell {
		return cell
	}
	return str(iso)
}

// maxCellChars is Excel's limit on the length of a cell's text, in UTF-16
// code units.
const maxCellChars = 32767

// truncation records a cell whose text was cut to fit.
type truncation struct {
	sheet, column, where string
	line                 int
	runes, kept          int
}

// truncate cuts s to fit in a cell, appending a marker that says how much
// was kept. ok is false when s fits and is returned unchanged.
func truncate(s string) (cut string, runes, kept int, ok bool) {
	if utf16Len(s) <= maxCellChars {
		return s, 0, 0, false
	}
	runes = utf8.RuneCountInString(s)
	// The marker's length depends on kept only through its digits; leave
	// room for the longest.
	room := maxCellChars - utf16Len(truncMarker(maxCellChars, runes))
	units, end := 0, len(s)
	for i, r := range s {
		n := 1
		if r >= 0x10000 {
			n = 2
		}
		if units+n > room {
			end = i
			break
		}
		units += n
		kept++
	}
	return s[:end] + truncMarker(kept, runes), runes, kept, true
}

// truncMarker ends a truncated cell.
func truncMarker(kept, runes int) string {
	return " …[truncated: " + strconv.Itoa(kept) + " of " + strconv.Itoa(runes) + " characters kept; see Diagnostics]"
}

// utf16Len is the length of s in UTF-16 code units, as Excel counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
