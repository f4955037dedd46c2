// Package text writes a declaration as plain text that reads like the
// document: every verbatim block and provision in order, with its
// numbering kept, wrapped to a width in columns (CJK characters count two)
// by the rules of package linebreak.
//
// Nothing is added and nothing but markup is left out: Markdown markup
// (### before a heading, setext underlines, **emphasis**), HTML comments
// (<!-- … -->), front matter (YAML between --- lines, an HTML <meta> line)
// and the bare field label of a newspaper archive header (专栏： with no
// column after it) are source syntax, not text. Every other non-space
// character of [declaration.Document.Verbatim] is in the output, in order.
//
// The title is the document's title field, printed once, centred, where
// the text has it: in place of the block that holds it (the title, or the
// headline of a news report), else — when a hand edit changed the field so
// that no block says it any more — in place of the title block, else at
// the top. The archive header (headline, issue date, page) is one line.
//
// Layout: the title and headings are centred; paragraphs have a
// two-column first-line indent; a provision starts with its label, its
// wrapped lines align after the label (a hanging indent), and its children
// are indented two columns further per level; a paragraph of a provision
// is set under the provision's text, or at the level of its points when
// it follows them; signature and place-and-date lines are set flush right;
// a blank line separates the parts of the document and the top-level
// provisions. Attachments (annexes) follow the closing, each under a
// centred line of its label and heading. Newlines in the verbatim text are
// kept as line breaks.
package text

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/linebreak"
)

// DefaultWidth is the line width, in columns, of a zero [Options].
const DefaultWidth = 80

// Options writes a document as plain text. Its zero value writes 80 columns.
type Options struct {
	// Width is the line width in columns; zero or less means DefaultWidth.
	Width int
}

// Write writes d to w as plain text. The output depends on d and the
// width only.
func (wr Options) Write(w io.Writer, d *declaration.Document) error {
	if d == nil {
		return errors.New("text: nil document")
	}
	width := wr.Width
	if width <= 0 {
		width = DefaultWidth
	}
	p := &printer{width: width, title: d.Title}
	if buf, ok := w.(*bytes.Buffer); ok {
		p.w = buf // no copy through a bufio.Writer's 4 KB into memory
	} else {
		bw := bufio.NewWriter(w)
		p.w, p.flushTo = bw, bw
	}
	p.titleAt = d.TitleBlock()
	if p.titleAt == nil && d.Title != "" {
		p.apart(d.Title)
	}
	p.blocks(d.Front)
	p.gap()
	p.blocks(d.Preamble)
	p.gap()
	for _, pr := range d.Body {
		p.provision(pr, 0, 0, false)
		p.gap()
	}
	p.blocks(d.Closing)
	for _, a := range d.Attachments {
		p.attachment(a)
	}
	if p.flushTo != nil {
		return p.flushTo.Flush()
	}
	return nil
}

// printer writes lines to w, keeping at most one blank line between them.
type printer struct {
	w       lineWriter
	flushTo *bufio.Writer // w when it buffers for the caller's writer
	width   int
	started bool // a line has been written
	blank   bool // a blank line is due before the next line

	title   string             // the document's title field
	titleAt *declaration.Block // the block printed as the title

	lines []string // what wrap returned last, its array reused
}

// lineWriter is what the printer writes with: a *bufio.Writer, whose
// errors wait for Flush, or a *bytes.Buffer, which has none.
type lineWriter interface {
	WriteByte(byte) error
	WriteString(string) (int, error)
}

// gap asks for a blank line before the next line, if any.
func (p *printer) gap() { p.blank = p.started }

// line writes s after pad spaces. Whitespace that ends s is dropped: a
// line cut where no break is allowed (a word wider than the line) can end
// in a no-break space, or be one; such a line is not written at all.
func (p *printer) line(pad int, s string) {
	if t := trimRight(s); t != s {
		if t == "" {
			return
		}
		s = t
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

// apart writes text centred between blank lines, as a title.
func (p *printer) apart(text string) {
	p.gap()
	p.centred(text)
	p.gap()
}

// blocks writes verbatim blocks, their markup left out.
func (p *printer) blocks(bs []*declaration.Block) {
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if b.Kind == declaration.FrontMatter {
			continue // YAML front matter, an HTML comment or <meta> line
		}
		if b.InArchiveHeader() {
			// The archive header is one line of source information.
			var f []string
			for ; i < len(bs) && bs[i].InArchiveHeader(); i++ {
				if t := trimSpace(strip(bs[i].Text)); t != "" && !bs[i].EmptyField() {
					f = append(f, t)
				}
			}
			i--
			p.flush(0, 0, strings.Join(f, "\u3000"))
			p.gap()
			continue
		}
		text := strip(b.Text)
		if b == p.titleAt {
			if !declaration.SameTitle(text, p.title) {
				text = p.title // the title field was edited: it wins
			}
			p.apart(join(b.Label, text))
			continue
		}
		line := join(b.Label, text)
		switch b.Kind {
		case declaration.TitleBlock, declaration.Headline:
			p.apart(line)
		case declaration.Subtitle, declaration.Heading:
			if line == "" {
				p.gap() // a heading that was only a comment (<!-- FORCE BREAK -->)
			}
			p.centred(line)
		case declaration.Signature, declaration.PlaceDate:
			p.right(line)
		case declaration.Para, declaration.Recital, declaration.Lead, declaration.Note:
			if line != "" {
				p.paragraphs(0, b.Label, text)
			}
		default: // archive lines without an archive header, anything new
			p.flush(0, 0, line)
		}
	}
}

// attachment writes an annex after the document: its label and heading
// as one centred heading line, then its provisions and closing as the
// body's are written.
func (p *printer) attachment(a *declaration.Attachment) {
	p.gap()
	p.centred(join(a.Label, strip(a.Heading)))
	p.gap()
	for _, pr := range a.Body {
		p.provision(pr, 0, 0, false)
		p.gap()
	}
	p.blocks(a.Closing)
}

// provision writes a provision and its children, depth levels in; col is
// the column where the text of the provision above starts, and
// afterPoints says that a labelled sibling (a point) came before it.
func (p *printer) provision(pr *declaration.Provision, depth, col int, afterPoints bool) {
	indent := min(2*depth, p.width/2)
	head := pr.Label
	heading, text := strip(pr.Heading), strip(pr.Text)
	hang := p.hang(indent, head)
	switch {
	case head == "" && heading == "" && afterPoints:
		// A paragraph after the points of its provision is set as the
		// provision's own paragraphs are in print, two columns in from
		// the provision's edge: under its text it would sit deeper than
		// the points. What it holds stands at the points' level.
		hang = min(2*max(depth-1, 0), p.width/2)
		p.paragraphs(hang, "", text)
		depth--
	case head == "" && heading == "":
		// An unlabelled paragraph continues the provision above: it is
		// set under that provision's text.
		hang = min(col, p.width/2)
		p.paragraphs(hang, "", text)
	case heading != "":
		p.flush(indent, hang, join(head, heading))
		p.flush(hang, hang, text)
	default:
		p.flush(indent, hang, join(head, text))
	}
	points := false
	for _, c := range pr.Children {
		p.provision(c, depth+1, hang, points)
		points = points || c.Label != ""
	}
}

// hang is where the wrapped lines of a provision labelled head start:
// after the label, unless the label is so wide that the text would be
// squeezed, in which case two columns in.
func (p *printer) hang(indent int, head string) int {
	h := indent + columns(head) + columns(sep(head, "x"))
	if h > indent+p.width/4 {
		return indent + 2
	}
	return h
}

// paragraphs writes text as paragraphs, each hard line of it with a
// two-column first-line indent; head goes before the first.
func (p *printer) paragraphs(indent int, head, text string) {
	first := true
	for t := range strings.SplitSeq(text, "\n") {
		if first {
			t, first = join(head, t), false
		}
		p.flush(indent+2, indent, t)
	}
}

// flush writes text wrapped and set flush left: its first line first
// columns in, all the others, including those after a newline in text,
// rest columns in. A blank line inside text asks for a gap.
func (p *printer) flush(first, rest int, text string) {
	if trimSpace(text) == "" {
		return
	}
	indent := first
	for t := range strings.SplitSeq(text, "\n") {
		if t = trimSpace(t); t == "" {
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
		if t = trimSpace(t); t == "" {
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
		if t = trimSpace(t); t == "" {
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
// indented first and rest columns. The lines are good until the next call.
func (p *printer) wrap(first, rest int, text string) []string {
	p.lines = linebreak.AppendLines(p.lines[:0], text, float64(p.width-first), float64(p.width-rest), linebreak.Columns)
	return p.lines
}

// columns is the width of s in columns. (Widths in columns are whole
// numbers: they add up exactly, so columns(a+b) = columns(a)+columns(b).)
func columns(s string) int {
	w := 0.0
	for _, r := range s {
		w += linebreak.Columns(r)
	}
	return int(math.Round(w))
}

// isSpace is unicode.IsSpace, quick for CJK text: no rune after U+3000
// (the ideographic space) is white space (TestIsSpace). trimSpace,
// trimLeft and trimRight trim it off both ends, the start and the end of
// s; the strings functions, with a call per rune, were a tenth of Write.
func isSpace(r rune) bool { return r <= '\u3000' && unicode.IsSpace(r) }

func trimSpace(s string) string { return trimRight(trimLeft(s)) }

func trimLeft(s string) string {
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		if !isSpace(r) {
			break
		}
		s = s[n:]
	}
	return s
}

func trimRight(s string) string {
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		if !isSpace(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// join joins a label (or markup) and the text after it, with the space
// that belongs between them: none after punctuation (四、 （一） ——), an
// ideographic space after a CJK word (第一条　), a space otherwise
// (Article 1, ### 标题, (a) the).
func join(head, text string) string {
	head = trimRight(head)
	text = trimLeft(text)
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
