// Package text writes a declaration as plain text: a short header with the
// title and the metadata, then every verbatim block and provision of the
// document in order, with its numbering kept, wrapped to a width in columns
// (CJK characters count two) by the rules of package linebreak.
//
// The header ends with a line of '=' as wide as the text (see
// [SplitHeader]). After it the writer adds nothing but whitespace: every
// non-whitespace character of the body comes from the document's verbatim
// strings ([declaration.Document.Verbatim]), in order.
//
// Layout: the title and headings are centred; paragraphs have a
// two-column first-line indent; a provision starts with its label, its
// wrapped lines align after the label (a hanging indent), and its children
// are indented two columns further per level; signature and place-and-date
// lines are set flush right; a blank line separates the parts of the
// document and the top-level provisions. Attachments (annexes) follow the
// closing, each under a centred line of its label and heading. Newlines in the verbatim text are
// kept as line breaks.
package text

import (
	"bufio"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/linebreak"
)

// DefaultWidth is the line width, in columns, of a zero [Writer].
const DefaultWidth = 80

// Rule is the rune the header's last line is made of.
const Rule = '='

// Writer writes a document as plain text. Its zero value writes 80 columns.
type Writer struct {
	// Width is the line width in columns; zero or less means DefaultWidth.
	Width int
}

// Write writes d to w as plain text. The output depends on d and the
// width only.
func (wr Writer) Write(w io.Writer, d *declaration.Document) error {
	if d == nil {
		return errors.New("text: nil document")
	}
	width := wr.Width
	if width <= 0 {
		width = DefaultWidth
	}
	p := &printer{w: bufio.NewWriter(w), width: width}
	p.header(d)
	p.gap()
	p.blocks(d.Front)
	p.gap()
	p.blocks(d.Preamble)
	p.gap()
	for _, pr := range d.Body {
		p.provision(pr, 0, 0)
		p.gap()
	}
	p.blocks(d.Closing)
	for _, a := range d.Attachments {
		p.attachment(a)
	}
	return p.w.Flush()
}

// SplitHeader splits the output of [Writer.Write] after the header: the
// header runs to the end of the first line made only of [Rule] runes.
// When there is no such line, header is empty and body is out.
func SplitHeader(out string) (header, body string) {
	for i := 0; i < len(out); {
		end := strings.IndexByte(out[i:], '\n')
		if end < 0 {
			end = len(out)
		} else {
			end += i + 1
		}
		line := strings.TrimRight(out[i:end], "\r\n")
		if line != "" && strings.Trim(line, string(Rule)) == "" {
			return out[:end], out[end:]
		}
		i = end
	}
	return "", out
}

// printer writes lines to w, keeping at most one blank line between them.
type printer struct {
	w        *bufio.Writer
	width    int
	started  bool // a line has been written
	blank    bool // a blank line is due before the next line
	inHeader bool // writing the header, which must hold no rule but its last line
}

// gap asks for a blank line before the next line, if any.
func (p *printer) gap() { p.blank = p.started }

// line writes s after pad spaces.
func (p *printer) line(pad int, s string) {
	if p.inHeader && strings.Trim(s, string(Rule)) == "" {
		return // a title of nothing but ===== would end the header early
	}
	if p.blank {
		p.w.WriteByte('\n')
		p.blank = false
	}
	p.started = true
	for range pad {
		p.w.WriteByte(' ')
	}
	p.w.WriteString(s)
	p.w.WriteByte('\n')
}

// header writes the title, the metadata and the rule that ends the header.
func (p *printer) header(d *declaration.Document) {
	p.inHeader = true
	p.centred(d.Title)
	zh := chinese(d)
	if pub := d.Publication; pub != nil {
		var f fields
		f.add(pub.Date)
		if pub.Page != 0 {
			if zh {
				f.add("第" + strconv.Itoa(pub.Page) + "版")
			} else {
				f.add("p. " + strconv.Itoa(pub.Page))
			}
		}
		f.add(pub.Section)
		if pub.Column != "" {
			f.add(label(zh, "专栏：", "Column: ") + pub.Column)
		}
		p.flush(0, 0, f.join(" "))
	}
	if dp := d.Dispatch; dp != nil {
		var f fields
		f.add(dp.Agency)
		f.add(dp.Place)
		f.add(date(dp.Date))
		if len(f) == 0 {
			f.add(dp.Text)
		}
		p.flush(0, 0, f.join(" "))
	}
	if s := d.Signed; s != nil {
		var f fields
		f.add(date(s.Date))
		f.add(s.Place)
		if len(f) > 0 {
			p.flush(0, 0, label(zh, "签署：", "Signed: ")+f.join(label(zh, " ", ", ")))
		}
	}
	if len(d.Parties) > 0 {
		p.flush(0, 0, label(zh, "各方：", "Parties: ")+strings.Join(d.Parties, label(zh, "、", "; ")))
	}
	p.inHeader = false
	p.line(0, strings.Repeat(string(Rule), p.width))
}

// chinese reports whether the header should be labelled in Chinese.
func chinese(d *declaration.Document) bool {
	if d.Language != "" {
		return strings.HasPrefix(d.Language, "zh")
	}
	for _, r := range d.Title {
		if linebreak.Columns(r) == 2 {
			return true
		}
	}
	return false
}

func label(zh bool, chinese, english string) string {
	if zh {
		return chinese
	}
	return english
}

func date(d *declaration.Date) string {
	switch {
	case d == nil:
		return ""
	case d.ISO != "":
		return d.ISO
	}
	return d.Text
}

// fields collects the non-empty parts of a header line.
type fields []string

func (f *fields) add(s string) {
	if s = strings.TrimSpace(s); s != "" {
		*f = append(*f, s)
	}
}

func (f fields) join(sep string) string { return strings.Join(f, sep) }

// blocks writes verbatim blocks.
func (p *printer) blocks(bs []*declaration.Block) {
	for _, b := range bs {
		head := join(b.Markup, b.Label)
		switch b.Kind {
		case declaration.TitleBlock:
			p.gap()
			p.centred(join(head, b.Text))
			p.underline(p.centred, b.Underline)
			p.gap()
		case declaration.Subtitle, declaration.Heading:
			p.centred(join(head, b.Text))
			p.underline(p.centred, b.Underline)
		case declaration.Signature, declaration.PlaceDate:
			p.right(join(head, b.Text))
			p.underline(p.right, b.Underline)
		case declaration.Para, declaration.Recital, declaration.Lead, declaration.Note:
			p.paragraphs(0, head, b.Text)
			p.flush(0, 0, b.Underline)
		default: // archive header lines, front matter, anything new
			p.flush(0, 0, join(head, b.Text))
			p.flush(0, 0, b.Underline)
		}
	}
}

// attachment writes an annex after the document: its label and heading
// as one centred heading line (with its setext underline, if any, under
// it), then its provisions and closing as the body's are written.
func (p *printer) attachment(a *declaration.Attachment) {
	p.gap()
	p.centred(join(join(a.Markup, a.Label), a.Heading))
	p.underline(p.centred, a.Underline)
	p.gap()
	for _, pr := range a.Body {
		p.provision(pr, 0, 0)
		p.gap()
	}
	p.blocks(a.Closing)
}

// underline writes a setext underline, if there is one, as set writes
// the line above it. (centred and right take an empty line for a gap.)
func (p *printer) underline(set func(string), s string) {
	if s != "" {
		set(s)
	}
}

// provision writes a provision and its children, depth levels in; col is
// the column where the text of the provision above starts.
func (p *printer) provision(pr *declaration.Provision, depth, col int) {
	indent := min(2*depth, p.width/2)
	head := join(pr.Markup, pr.Label)
	hang := p.hang(indent, head)
	switch {
	case head == "" && pr.Heading == "":
		// An unlabelled paragraph continues the provision above: it is
		// set under that provision's text.
		hang = min(col, p.width/2)
		p.paragraphs(hang, "", pr.Text)
	case pr.Heading != "" || pr.Underline != "":
		// A setext underline makes the line above it a heading.
		p.flush(indent, hang, join(head, pr.Heading))
		p.flush(indent, indent, pr.Underline)
		p.flush(hang, hang, pr.Text)
	default:
		p.flush(indent, hang, join(head, pr.Text))
	}
	for _, c := range pr.Children {
		p.provision(c, depth+1, hang)
	}
}

// hang is where the wrapped lines of a provision labelled head start:
// after the label, unless the label is so wide that the text would be
// squeezed, in which case two columns in.
func (p *printer) hang(indent int, head string) int {
	h := indent + columns(head+sep(head, "x"))
	if h > indent+p.width/4 {
		return indent + 2
	}
	return h
}

// paragraphs writes text as paragraphs, each hard line of it with a
// two-column first-line indent; head goes before the first.
func (p *printer) paragraphs(indent int, head, text string) {
	for i, t := range strings.Split(text, "\n") {
		if i == 0 {
			t = join(head, t)
		}
		p.flush(indent+2, indent, t)
	}
}

// flush writes text wrapped and set flush left: its first line first
// columns in, all the others, including those after a newline in text,
// rest columns in. A blank line inside text asks for a gap.
func (p *printer) flush(first, rest int, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	indent := first
	for t := range strings.SplitSeq(text, "\n") {
		if t = strings.TrimSpace(t); t == "" {
			p.gap()
			continue
		}
		for _, l := range p.wrap(indent, rest, t) {
			p.line(indent, l)
			indent = rest
		}
	}
}

// centred writes text centred, line by line. A line too long for the
// width is broken into lines of even length, the way titles are set.
func (p *printer) centred(text string) {
	for t := range strings.SplitSeq(text, "\n") {
		if t = strings.TrimSpace(t); t == "" {
			p.gap()
			continue
		}
		ls := p.wrap(0, 0, t)
		if n := len(ls); n > 1 {
			for w := columns(t) / n; w < p.width; w++ {
				if even := linebreak.Lines(t, float64(w), float64(w), linebreak.Columns); len(even) == n {
					ls = even
					break
				}
			}
		}
		for _, l := range ls {
			p.line(max(0, (p.width-columns(l))/2), l)
		}
	}
}

// right writes text flush right, line by line. A line too long for the
// width is set as a paragraph instead: flush right, its wrapped lines
// would be ragged on the left.
func (p *printer) right(text string) {
	for t := range strings.SplitSeq(text, "\n") {
		if t = strings.TrimSpace(t); t == "" {
			p.gap()
			continue
		}
		if ls := p.wrap(0, 0, t); len(ls) == 1 {
			p.line(max(0, p.width-columns(ls[0])), ls[0])
		} else {
			p.flush(2, 0, t)
		}
	}
}

// wrap breaks one hard line of text into lines that fit the width once
// indented first and rest columns.
func (p *printer) wrap(first, rest int, text string) []string {
	if text == "" {
		return nil
	}
	return linebreak.Lines(text, float64(p.width-first), float64(p.width-rest), linebreak.Columns)
}

// columns is the width of s in columns.
func columns(s string) int {
	w := 0.0
	for _, r := range s {
		w += linebreak.Columns(r)
	}
	return int(math.Round(w))
}

// join joins a label (or markup) and the text after it, with the space
// that belongs between them: none after punctuation (四、 （一） ——), an
// ideographic space after a CJK word (第一条　), a space otherwise
// (Article 1, ### 标题, (a) the).
func join(head, text string) string {
	head = strings.TrimRightFunc(head, unicode.IsSpace)
	text = strings.TrimLeftFunc(text, unicode.IsSpace)
	if head == "" {
		return text
	}
	if text == "" {
		return head
	}
	return head + sep(head, text) + text
}

// sep is the space join puts between head and text.
func sep(head, text string) string {
	last, _ := utf8.DecodeLastRuneInString(head)
	next, _ := utf8.DecodeRuneInString(text)
	switch {
	case last < utf8.RuneSelf && (unicode.IsLetter(last) || unicode.IsDigit(last) || strings.ContainsRune("#>*-+", last)):
		return " "
	case last < utf8.RuneSelf && strings.ContainsRune(".):", last):
		if linebreak.Columns(next) == 2 {
			return "" // 1.中国, (1)中国
		}
		return " "
	case unicode.Is(unicode.Han, last):
		return "\u3000"
	}
	return ""
}
