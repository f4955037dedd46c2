package xlsx

import (
	"strconv"
	"strings"
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
// only written for a corpus.
var (
	clausesSheet = sheetSpec{"Clauses", "tblClauses", []column{
		{"Document", "文档", 12, 48, false},
		{"ID", "标识", 8, 28, false},
		{"Kind", "层级", 8, 12, false},
		{"Label", "序号", 6, 14, false},
		{"Number", "编号", 8, 10, false},
		{"Path", "所属", 10, 40, true},
		{"Heading", "标题", 8, 30, true},
		{"Text", "正文", 60, 80, true},
		{"Characters", "字数", 10, 12, false},
		{"References", "引用文件", 12, 40, true},
		{"Dates", "提及日期", 12, 24, true},
		{"Line", "行号", 6, 8, false},
	}}
	documentsSheet = sheetSpec{"Documents", "tblDocuments", []column{
		{"Name", "文档", 12, 40, false},
		{"Title", "标题", 12, 60, true},
		{"Kind", "类别", 8, 18, false},
		{"Date", "日期", 10, 12, false},
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
		{"Date", "日期", 10, 12, false},
		{"Date as written", "原文日期", 12, 24, false},
		{"Action", "行为", 8, 12, false},
		{"Cited in", "引用处", 12, 40, true},
		{"Line", "行号", 6, 8, false},
	}}
	datesSheet = sheetSpec{"Dates", "tblDates", []column{
		{"Document", "文档", 12, 48, false},
		{"Text", "原文", 10, 30, false},
		{"ISO", "标准日期", 10, 12, false},
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

// cellKind says what a cell holds.
type cellKind uint8

const (
	emptyCell cellKind = iota
	textCell
	numberCell
	boolCell
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

// pathStep names an ancestor in a path: its label without the trailing
// separator (四、 → 四) followed by its heading — with a space between
// when the label ends in a narrow character (Article 1 Scope) — or its ID
// when it has neither.
func pathStep(p *declaration.Provision) string {
	label := strings.TrimRight(p.Label, labelTrim)
	switch {
	case label == "" && p.Heading == "":
		return p.ID
	case label == "" || p.Heading == "":
		return label + p.Heading
	}
	if r, _ := utf8.DecodeLastRuneInString(label); runeWidth(r) == 1 {
		return label + " " + p.Heading
	}
	return label + p.Heading
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
		{"Publication date", "刊发日期", str(pub.Date)},
		{"Page", "版次", num(pub.Page)},
		{"Section", "栏目", str(pub.Section)},
		{"Column", "专栏", str(pub.Column)},
		{"Dispatch", "电头", str(disp.Text)},
		{"Dispatch agency", "通讯社", str(disp.Agency)},
		{"Dispatch place", "发电地点", str(disp.Place)},
		{"Dispatch date", "发电日期", str(dateISO(disp.Date))},
		{"Parties", "各方", str(strings.Join(d.Parties, "; "))},
		{"Signatories", "签署人", str(strings.Join(sigs, "; "))},
		{"Signed date", "签署日期", str(dateISO(signed.Date))},
		{"Signed date as written", "原文签署日期", str(dateText(signed.Date))},
		{"Signed place", "签署地点", str(signed.Place)},
		{"Provisions", "条款数", num(provisions)},
		{"Source name", "源文件", str(d.Source.Name)},
		{"Encoding", "编码", str(d.Source.Encoding)},
		{"SHA-256", "校验值", str(d.Source.SHA256)},
		{"Bytes", "字节数", num(d.Source.Bytes)},
	}
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
