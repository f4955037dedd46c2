package html

import (
	"bufio"
	_ "embed"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/linebreak"
)

// style is the page's style sheet, written inline into every page.
//
//go:embed style.css
var style string

// Options writes a document as one HTML page. Its zero value writes the
// whole page.
type Options struct {
	// NoContents leaves out the table of contents, as for a page that is
	// embedded in another.
	NoContents bool
}

// Write writes d to w as one HTML5 page. The output depends on d and the
// writer's fields only.
func (wr Options) Write(w io.Writer, d *declaration.Document) error {
	if d == nil {
		return errors.New("html: nil document")
	}
	p := newPage(w, d)
	p.s("<!DOCTYPE html>\n<html lang=\"")
	p.attr(p.lang)
	p.s("\">\n<head>\n<meta charset=\"utf-8\"/>\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n" +
		"<meta name=\"generator\" content=\"declconv\"/>\n<title>")
	p.plain(pageTitle(d))
	p.s("</title>\n<style>\n" + style + "</style>\n</head>\n<body>\n<article class=\"document\">\n")
	p.header()
	if !wr.NoContents {
		p.contents()
	}
	p.s("<div class=\"text\">\n")
	p.part("front", d.Front)
	p.part("preamble", d.Preamble)
	if len(d.Body) > 0 {
		p.s("<div class=\"body\">\n")
		p.provisions(d.Body, 2, false)
		p.s("</div>\n")
	}
	p.part("closing", d.Closing)
	for _, a := range d.Attachments {
		p.attachment(a)
	}
	p.s("</div>\n</article>\n</body>\n</html>\n")
	return p.w.Flush()
}

// page is the state of one Write: where it writes, the page's language
// and the inline marks still to place.
type page struct {
	w     *bufio.Writer
	d     *declaration.Document
	lang  string // the page's lang attribute
	zh    bool   // the page is Chinese: Latin runs get lang="en"
	words *words
	marks map[string]*marks  // by element ID
	title *declaration.Block // the block that shows the title (declaration's title rule)
}

func newPage(w io.Writer, d *declaration.Document) *page {
	p := &page{w: bufio.NewWriter(w), d: d, lang: language(d), title: d.TitleBlock()}
	lower := strings.ToLower(p.lang)
	p.zh = lower == "zh" || strings.HasPrefix(lower, "zh-")
	switch {
	case p.zh && (strings.Contains(lower, "-hant") || strings.HasSuffix(lower, "-tw") || strings.HasSuffix(lower, "-hk")):
		p.words = &hant
	case p.zh:
		p.words = &hans
	default:
		p.words = &english
	}
	p.marks = collectMarks(d)
	return p
}

// langTag is a well-formed language tag, the only kind the page copies
// from the model into its lang attribute.
var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// language is the page's language: the document's, else zh when its title
// or text holds Han characters, en otherwise.
func language(d *declaration.Document) string {
	if langTag.MatchString(d.Language) {
		return d.Language
	}
	for _, s := range append([]string{d.Title}, d.Verbatim()...) {
		for _, r := range s {
			if unicode.Is(unicode.Han, r) {
				return "zh"
			}
		}
	}
	return "en"
}

// pageTitle is what the browser shows for the page.
func pageTitle(d *declaration.Document) string {
	if d.Title != "" {
		return d.Title
	}
	for _, b := range d.Front {
		if b.Kind == declaration.TitleBlock && b.Text != "" {
			return b.Text
		}
	}
	if d.Publication != nil && d.Publication.Headline != "" {
		return d.Publication.Headline
	}
	if d.Source.Name != "" {
		return d.Source.Name
	}
	return "declconv"
}

// s writes markup of the writer's own.
func (p *page) s(markup string) { p.w.WriteString(markup) }

// header writes the metadata: the title when no block of the text shows
// it, then one row per field the model has.
func (p *page) header() {
	d, wd := p.d, p.words
	p.s("<header class=\"meta\">\n")
	if d.Title != "" && p.title == nil {
		p.s("<h1>")
		p.plain(d.Title)
		p.s("</h1>\n")
	}
	p.s("<dl>\n")
	kind := wd.kinds[d.Kind]
	if kind == "" {
		kind = string(d.Kind)
	}
	p.row(wd.kind, kind)
	if len(d.Parties) > 0 {
		p.row(wd.parties, d.Parties...)
	}
	for i, s := range d.Signatories {
		label := ""
		if i == 0 {
			label = wd.signatories
		}
		p.row(label, p.signatory(s))
	}
	if s := d.Signed; s != nil && (s.Date != nil || s.Place != "") {
		p.s("<dt>" + wd.signed + "</dt><dd>")
		p.date(s.Date)
		if s.Date != nil && s.Place != "" {
			p.s(" ")
		}
		p.plain(s.Place)
		p.s("</dd>\n")
	}
	termed := false
	for _, t := range d.DefinedTerms {
		if t.Term == "" {
			continue
		}
		if !termed {
			p.s("<dt>" + wd.terms + "</dt>")
			termed = true
		}
		p.s("<dd>")
		p.link(t.At, t.Term)
		if t.Means != "" {
			p.plain(wd.colon + t.Means)
		}
		p.s("</dd>\n")
	}
	if pub := p.d.Publication; pub != nil {
		p.s("<dt>" + wd.published + "</dt><dd>")
		p.fields(pub.Date, pageNumber(wd, pub.Page), pub.Section, prefixed(wd.column, pub.Column))
		p.s("</dd>\n")
	}
	if dp := p.d.Dispatch; dp != nil {
		p.s("<dt>" + wd.dispatch + "</dt><dd>")
		if dp.Agency == "" && dp.Place == "" && dp.Date == nil {
			p.plain(dp.Text)
		} else {
			p.fields(dp.Agency, dp.Place)
			if dp.Date != nil {
				if dp.Agency != "" || dp.Place != "" {
					p.s(" ")
				}
				p.date(dp.Date)
			}
		}
		p.s("</dd>\n")
	}
	p.s("</dl>\n</header>\n")
}

// row writes one term of the header's list with a value per item that
// is not empty, if any; an empty label continues the term above.
func (p *page) row(label string, items ...string) {
	if !slices.ContainsFunc(items, func(it string) bool { return it != "" }) {
		return
	}
	if label != "" {
		p.s("<dt>" + label + "</dt>")
	}
	for _, it := range items {
		if it == "" {
			continue
		}
		p.s("<dd>")
		p.plain(it)
		p.s("</dd>")
	}
	p.s("\n")
}

// signatory is a signer as the header shows them: name (role, party).
func (p *page) signatory(s declaration.Signatory) string {
	var more []string
	for _, x := range []string{s.Role, s.Party} {
		if x != "" {
			more = append(more, x)
		}
	}
	if len(more) == 0 {
		return s.Name
	}
	return s.Name + p.words.parens[0] + strings.Join(more, p.words.comma) + p.words.parens[1]
}

// date writes a date of the metadata: its ISO value in a <time>, or its
// text when it has none.
func (p *page) date(dt *declaration.Date) {
	switch {
	case dt == nil:
	case declaration.ValidISODate(dt.ISO):
		p.s("<time datetime=\"" + dt.ISO + "\">" + dt.ISO + "</time>")
	default:
		p.plain(dt.Text)
	}
}

// fields writes the non-empty ones of ss, apart; an ISO date among them
// (the issue date) is a <time>.
func (p *page) fields(ss ...string) {
	first := true
	for _, s := range ss {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if !first {
			p.s(" ")
		}
		first = false
		if declaration.ValidISODate(s) {
			p.s("<time datetime=\"" + s + "\">" + s + "</time>")
		} else {
			p.plain(s)
		}
	}
}

func pageNumber(wd *words, n int) string {
	if n == 0 {
		return ""
	}
	return wd.page(strconv.Itoa(n))
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// link writes text as a link to the element id, or as plain text when
// there is no id.
func (p *page) link(id, text string) {
	if id == "" {
		p.plain(text)
		return
	}
	p.s("<a href=\"#")
	p.attr(id)
	p.s("\">")
	p.plain(text)
	p.s("</a>")
}

// contents writes the table of contents: parts, chapters, sections and
// articles, and attachments, nested as in the text. A document with fewer
// than two entries has none.
func (p *page) contents() {
	if entries(p.d.Body)+len(p.d.Attachments) < 2 {
		return
	}
	p.s("<nav class=\"contents\" aria-label=\"" + p.words.contents + "\">\n<h2>" + p.words.contents + "</h2>\n<ol>\n")
	p.entries(p.d.Body, false)
	for _, a := range p.d.Attachments {
		p.s("<li>")
		t := join(a.Label, a.Heading)
		if t == "" {
			t = a.ID
		}
		p.link(a.ID, t)
		p.subentries(a.Body, false)
		p.s("</li>\n")
	}
	p.s("</ol>\n</nav>\n")
}

// inContents reports whether a provision has an entry in the contents.
func inContents(pr *declaration.Provision) bool {
	switch pr.Kind {
	case declaration.Part, declaration.Chapter, declaration.Section, declaration.Article:
		return true
	}
	return headed(pr)
}

// entries counts the entries of the contents ps and their descendants
// give.
func entries(ps []*declaration.Provision) int {
	n := 0
	for _, pr := range ps {
		if inContents(pr) {
			n += 1 + entries(pr.Children)
		}
	}
	return n
}

// entries writes the contents' entries for ps, nested. Under a
// provision with a heading (a chapter, a section of a law) an article
// without a heading of its own is listed by its label alone, the labels
// running on in a line: a long law's contents stay short, and every
// article is still a link.
func (p *page) entries(ps []*declaration.Provision, brief bool) {
	for _, pr := range ps {
		if !inContents(pr) {
			continue
		}
		if brief && !headed(pr) && pr.Label != "" {
			p.s("<li class=\"brief\">")
			p.link(pr.ID, pr.Label)
		} else {
			p.s("<li>")
			p.link(pr.ID, entryText(pr))
		}
		p.subentries(pr.Children, headed(pr))
		p.s("</li>\n")
	}
}

// subentries writes the entries of ps as a nested list, if they have any.
func (p *page) subentries(ps []*declaration.Provision, brief bool) {
	if entries(ps) > 0 {
		p.s("\n<ol>\n")
		p.entries(ps, brief)
		p.s("</ol>\n")
	}
}

// excerptColumns is how much of a provision's text an entry of the
// contents shows when the provision has no heading, in columns (a CJK
// character counts two).
const excerptColumns = 36

// entryText is a provision's entry in the contents: its label and
// heading, or its label and the start of its text.
func entryText(pr *declaration.Provision) string {
	if pr.Heading != "" {
		return join(pr.Label, pr.Heading)
	}
	line, _, _ := strings.Cut(strings.TrimSpace(pr.Text), "\n")
	cols := 0.0
	for i, r := range line {
		if cols += linebreak.Columns(r); cols > excerptColumns {
			line = strings.TrimRightFunc(line[:i], unicode.IsSpace) + "…"
			break
		}
	}
	if t := join(pr.Label, line); t != "" {
		return t
	}
	return pr.ID
}

// part writes the blocks of the front, the preamble or the closing.
func (p *page) part(class string, bs []*declaration.Block) {
	if len(bs) == 0 {
		return
	}
	p.s("<div class=\"" + class + "\">\n")
	for _, b := range bs {
		p.block(b)
	}
	p.s("</div>\n")
}

// lineMode is how the lines of a block's text are written.
type lineMode int

const (
	paragraphs   lineMode = iota // each line a <p>
	breaks                       // lines apart by <br/>
	preformatted                 // newlines kept; the style sheet keeps them
)

// blockForms is how each kind of block is written: its element and how
// its lines are set. A kind not here is a paragraph.
var blockForms = map[declaration.BlockKind]struct {
	tag   string
	lines lineMode
}{
	declaration.FrontMatter: {"pre", preformatted},
	declaration.Headline:    {"p", breaks},
	declaration.IssueDate:   {"p", breaks},
	declaration.PageLine:    {"p", breaks},
	declaration.ColumnLine:  {"p", breaks},
	declaration.Lead:        {"p", paragraphs},
	declaration.TitleBlock:  {"h1", breaks},
	declaration.Subtitle:    {"p", breaks},
	declaration.Heading:     {"h2", breaks},
	declaration.Para:        {"p", paragraphs},
	declaration.Recital:     {"p", paragraphs},
	declaration.Signature:   {"p", preformatted},
	declaration.PlaceDate:   {"p", preformatted},
	declaration.Note:        {"p", paragraphs},
}

// block writes one block: an element with its ID, its markup, label,
// text and underline.
func (p *page) block(b *declaration.Block) {
	form, ok := blockForms[b.Kind]
	if !ok {
		form.tag, form.lines = "p", paragraphs
	}
	if b == p.title {
		form.tag = "h1" // the block that shows the title, whatever its kind
	}
	if b == p.title && !declaration.SameTitle(b.Text, p.d.Title) {
		// the title field was edited: it wins over the block's text
		p.open(form.tag, b.ID, string(b.Kind))
		p.plain(p.d.Title)
		p.s("</" + form.tag + ">\n")
		return
	}
	m := p.marks[b.ID]
	lines := strings.Split(b.Text, "\n")
	if form.lines == paragraphs && len(lines) > 1 {
		// Each line its own paragraph, in one element with the ID.
		p.open("div", b.ID, string(b.Kind))
		for i, l := range lines {
			p.s("<p>")
			if i == 0 {
				p.head(b.Markup, b.Label, l)
			}
			p.inline(l, m)
			p.s("</p>\n")
		}
		p.underline(b.Underline)
		p.s("</div>\n")
		return
	}
	p.open(form.tag, b.ID, string(b.Kind))
	p.head(b.Markup, b.Label, b.Text)
	for i, l := range lines {
		if i > 0 {
			if form.lines == breaks {
				p.s("<br/>")
			} else {
				p.s("\n")
			}
		}
		p.inline(l, m)
	}
	p.underline(b.Underline)
	p.s("</" + form.tag + ">\n")
}

// open writes the start tag of an element with a model ID, and its §
// link. The link is empty: the sign is the style sheet's, so the text
// content holds the document's characters only.
func (p *page) open(tag, id, class string) {
	p.s("<" + tag)
	if id != "" {
		p.s(" id=\"")
		p.attr(id)
		p.s("\"")
	}
	if class != "" {
		p.s(" class=\"")
		p.attr(class)
		p.s("\"")
	}
	p.s(">")
	if id != "" {
		p.s("<a class=\"pin\" href=\"#")
		p.attr(id)
		p.s("\" aria-label=\"§ ")
		p.attr(id)
		p.s("\"></a>")
	}
}

// head writes markup and a label before the text that follows them,
// with the space that belongs after each.
func (p *page) head(markup, label, next string) {
	if markup != "" {
		p.s("<span class=\"markup\">")
		p.plain(markup)
		p.s("</span>")
		p.plain(sep(markup, join(label, next)))
	}
	if label != "" {
		// The space after the label is the label's: where a label hangs
		// (an English (a)), its box's width is the hang, and the space
		// at its end does not push the text out of line.
		p.s("<span class=\"label\">")
		p.plain(label + sep(label, next))
		p.s("</span>")
	}
}

// underline writes a setext underline: verbatim text, shown as a faint
// rule.
func (p *page) underline(u string) {
	if u == "" {
		return
	}
	p.s("<span class=\"underline\">")
	p.plain(u)
	p.s("</span>")
}

// headed reports whether a provision is written as a <section> with a
// heading: it has a heading (or a setext underline, which makes its line
// a heading), or it is a part or a chapter.
func headed(pr *declaration.Provision) bool {
	return pr.Heading != "" || pr.Underline != "" || pr.Kind == declaration.Part || pr.Kind == declaration.Chapter
}

// listed reports whether a provision is an entry of a list.
func listed(pr *declaration.Provision) bool {
	switch pr.Kind {
	case declaration.Item, declaration.Point, declaration.Subpoint:
		return !headed(pr)
	}
	return false
}

// provisions writes a run of sibling provisions; level is the rank of
// the heading a headed one gets (2 for <h2>), and side says they are
// inside a provision without a heading, so that their headings are side
// headings, set in the text's measure (the seed's （一）在政治关系方面
// inside article 四), not centred like a chapter's. Consecutive list
// entries go in one list: <ol> when one of them is numbered, <ul>
// otherwise.
func (p *page) provisions(ps []*declaration.Provision, level int, side bool) {
	for i := 0; i < len(ps); {
		if !listed(ps[i]) {
			p.provision(ps[i], "", level, side)
			i++
			continue
		}
		j, tag := i, "ul"
		for ; j < len(ps) && listed(ps[j]); j++ {
			if ps[j].Number > 0 {
				tag = "ol"
			}
		}
		p.s("<" + tag + ">\n")
		for _, pr := range ps[i:j] {
			p.provision(pr, "li", level, side)
		}
		p.s("</" + tag + ">\n")
		i = j
	}
}

// provision writes one provision and its children, as a list entry (tag
// li), a headed <section> or a <div>.
func (p *page) provision(pr *declaration.Provision, tag string, level int, side bool) {
	h := headed(pr)
	switch {
	case tag != "":
	case h:
		tag = "section"
	default:
		tag = "div"
	}
	m := p.marks[pr.ID]
	p.open(tag, pr.ID, string(pr.Kind))
	lines := strings.Split(pr.Text, "\n")
	if pr.Text == "" {
		lines = nil
	}
	if h {
		hn := "h" + strconv.Itoa(min(level, 6))
		if side {
			p.s("<" + hn + " class=\"side\">")
		} else {
			p.s("<" + hn + ">")
		}
		p.head(pr.Markup, pr.Label, pr.Heading)
		p.inline(pr.Heading, m)
		p.underline(pr.Underline)
		p.s("</" + hn + ">\n")
		level++
	} else if pr.Markup != "" || pr.Label != "" || len(lines) > 0 {
		p.s("<p>")
		first := ""
		if len(lines) > 0 {
			first, lines = lines[0], lines[1:]
		}
		p.head(pr.Markup, pr.Label, first)
		p.inline(first, m)
		p.s("</p>\n")
	}
	for _, l := range lines {
		p.s("<p>")
		p.inline(l, m)
		p.s("</p>\n")
	}
	p.provisions(pr.Children, level, side || !h)
	p.s("</" + tag + ">\n")
}

// attachment writes an annex as a <section> headed by its label and
// heading, with its provisions and closing.
func (p *page) attachment(a *declaration.Attachment) {
	p.open("section", a.ID, "attachment")
	if a.Markup != "" || a.Label != "" || a.Heading != "" || a.Underline != "" {
		p.s("<h2>")
		p.head(a.Markup, a.Label, a.Heading)
		p.inline(a.Heading, p.marks[a.ID])
		p.underline(a.Underline)
		p.s("</h2>\n")
	}
	p.provisions(a.Body, 3, false)
	p.part("closing", a.Closing)
	p.s("</section>\n")
}

// join joins a label and the text after it with the space sep gives.
func join(head, text string) string {
	head = strings.TrimRightFunc(head, unicode.IsSpace)
	text = strings.TrimLeftFunc(text, unicode.IsSpace)
	switch {
	case head == "":
		return text
	case text == "":
		return head
	}
	return head + sep(head, text) + text
}

// sep is the space that belongs between a label (or markup) and the text
// after it, as the plain-text writer sets it: none after punctuation (四、
// （一） ——), an ideographic space after a CJK word (第一条　), a space
// otherwise (Article 1, ### 标题, (a) the). The label's own trailing space
// and the text's leading space, if any, are written too.
func sep(head, text string) string {
	if head == "" || text == "" || unicode.IsSpace(lastRune(head)) || startsWithSpace(text) {
		return ""
	}
	last := lastRune(head)
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

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}
