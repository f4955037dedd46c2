package pdf

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/linebreak"
)

// builder turns a document into the paragraphs to set, in document order:
// the order of [declaration.Document.Verbatim], so that the PDF's text
// reads back as the source did (attachments last, after the closing).
type builder struct {
	g       geometry
	fs      *fontSet // measures labels; nil estimates them by character class
	out     []*para
	inNotes bool // the last paragraph set is a note
	// title is the block that shows the document's title (declaration's
	// title rule), and edited the title field when it no longer says it.
	title  *declaration.Block
	edited string
}

func build(d *declaration.Document, g geometry, fs *fontSet) []*para {
	b := &builder{g: g, fs: fs, title: d.TitleBlock()}
	if b.title != nil && !declaration.SameTitle(b.title.Text, d.Title) {
		b.edited = d.Title // a hand-edited title field wins over the block's text
	}
	b.blocks(d.Front)
	if t := pageTitle(d); t != "" {
		// The title the front matter gives, set as the title it is.
		b.block(&declaration.Block{ID: "title", Kind: declaration.TitleBlock, Text: t})
	}
	b.blocks(d.Preamble)
	for _, p := range d.Body {
		b.provision(p, 0, 0)
	}
	b.closing(d.Closing)
	for _, a := range d.Attachments {
		b.attachment(a)
	}
	return b.out
}

// closing adds closing blocks a line clear of the text above them.
func (b *builder) closing(bs []*declaration.Block) {
	if len(bs) > 0 && len(b.out) > 0 {
		n := len(b.out)
		b.blocks(bs)
		if len(b.out) > n {
			b.out[n].spaceBefore = max(b.out[n].spaceBefore, 1)
		}
	}
}

// attachment adds an annex the way GB/T 9704 sets a 附件: on a new page,
// its label (附件一, Annex I) in the heading face flush left on the first
// line, its heading centred in the title's size on the third, then its
// provisions and closing as the body's. Its outline entry holds its
// provisions' entries. Markup and underline are source syntax, shown by
// this typography rather than drawn.
func (b *builder) attachment(a *declaration.Attachment) {
	g := b.g
	first := len(b.out)
	if a.Label != "" {
		b.add(&para{spans: []span{{text: a.Label, id: a.ID, pos: a.Pos}}, size: g.body, face: headingFace, align: left, keep: true})
	}
	if a.Heading != "" {
		h := b.add(&para{spans: []span{{text: a.Heading, id: a.ID, pos: after(a.Pos, a.Label)}}, size: g.title, face: mainFace, align: center, keep: true, spaceAfter: 0.5})
		if a.Label != "" {
			h.spaceBefore = 1
		}
	}
	if len(b.out) > first {
		b.out[first].outline = attachmentTitle(a)
	}
	for _, p := range a.Body {
		b.provision(p, 0, 1)
	}
	b.closing(a.Closing)
	if len(b.out) > first {
		b.out[first].newPage = true
	}
}

// attachmentTitle is an attachment's outline entry: its label and heading
// (附件一　口岸名单, Annex I Rules of Procedure).
func attachmentTitle(a *declaration.Attachment) string {
	if a.Label == "" || a.Heading == "" {
		return strings.TrimSpace(a.Label + a.Heading)
	}
	return a.Label + labelSep(a.Label, a.Heading) + a.Heading
}

// pageTitle is the title to set on the page for a document whose text
// sets none: the one its front matter gave the model. It is "" when the
// front has a title block or headline, or a block before the body says
// the title already (a Markdown heading).
func pageTitle(d *declaration.Document) string {
	for _, bl := range d.Front {
		if bl.Kind == declaration.TitleBlock || bl.Kind == declaration.Headline {
			return ""
		}
	}
	for _, bl := range slices.Concat(d.Front, d.Preamble) {
		if text, _ := plain(bl.Text); bl.Kind != declaration.FrontMatter && strings.EqualFold(strings.TrimSpace(text), d.Title) {
			return ""
		}
	}
	return d.Title
}

// add appends p, and returns it for the caller to adjust. On the English
// page the roles' faces are the Latin ones: the serif for text, its bold
// for headings.
func (b *builder) add(p *para) *para {
	if b.g.latin {
		switch p.face {
		case mainFace:
			p.face = latinFace
		case headingFace, kaiFace:
			p.face = boldFace
		}
	}
	b.out = append(b.out, p)
	return p
}

// body is an ordinary paragraph of size pt: two-character first-line
// indent, justified.
func (b *builder) body(s span, pt float64) *para {
	return b.add(&para{spans: []span{s}, first: b.g.indent, size: pt, face: mainFace, align: justify})
}

// blockSpans is a block's label and text as spans, the text split into
// paragraphs. The block's markup (Markdown ###, >) is source syntax, which
// the PDF renders as typography instead.
func blockSpans(bl *declaration.Block) []span {
	spans := paragraphs(bl.Text, bl.ID, after(bl.Pos, bl.Label))
	if bl.Label != "" && len(spans) == 0 {
		spans = []span{{id: bl.ID}}
	}
	if bl.Label != "" {
		spans[0].text = bl.Label + spans[0].text
		spans[0].pos = bl.Pos
	}
	return spans
}

func (b *builder) blocks(bs []*declaration.Block) {
	for i := 0; i < len(bs); i++ {
		bl := bs[i]
		if bl.Kind == declaration.FrontMatter {
			// An editor's metadata (YAML front matter, an HTML <meta>
			// line, a comment): it goes into the PDF's metadata, not on
			// the page.
			continue
		}
		if bl.Label == "" && isRule(bl.Text) {
			// A transcription's lone "_" above its footnotes: a short
			// rule, as a printed page sets one.
			b.add(&para{separator: true, size: b.g.small, face: mainFace, align: left})
			continue
		}
		if bl.InArchiveHeader() {
			p := b.add(&para{sep: "　", size: b.g.small, face: mainFace, align: center, grey: true})
			for ; i < len(bs) && bs[i].InArchiveHeader(); i++ {
				if !bs[i].EmptyField() {
					p.spans = append(p.spans, blockSpans(bs[i])...)
				}
			}
			i--
			continue
		}
		if bl == b.title && b.edited != "" {
			shown := *bl
			shown.Text, shown.Markup = b.edited, ""
			b.block(&shown)
		} else {
			b.block(bl)
		}
		if bl.Kind == declaration.Lead && (i+1 == len(bs) || bs[i+1].Kind != declaration.Lead) {
			// The news ends here: a rule sets the declaration apart.
			last := b.out[len(b.out)-1]
			last.rule, last.spaceAfter = true, 0.5
		}
	}
}

func (b *builder) block(bl *declaration.Block) {
	g := b.g
	spans := blockSpans(bl)
	for i, s := range spans {
		switch bl.Kind {
		case declaration.TitleBlock:
			face := mainFace
			if g.latin {
				face = headingFace // bold, as English titles are set
			}
			p := b.add(&para{spans: []span{s}, size: g.title, face: face, align: center})
			if i == 0 && len(b.out) > 1 {
				p.spaceBefore = 0.5
			}
			if i == len(spans)-1 {
				p.spaceAfter = 0.5 // the title stands clear of the text
			}
		case declaration.Headline:
			b.add(&para{spans: []span{s}, size: g.lead, face: headingFace, align: center})
		case declaration.Subtitle:
			face := mainFace
			if g.latin && isCaps(s.text) {
				face = headingFace // a subtitle in capitals is a heading
			}
			b.add(&para{spans: []span{s}, size: g.body, face: face, align: center})
		case declaration.Heading:
			b.add(&para{spans: []span{s}, size: g.body, face: headingFace, align: center, keep: true})
		case declaration.Note:
			if g.latin {
				// Notes are the record's endnotes: smaller, below a rule.
				if n := len(b.out); n > 0 && !b.out[n-1].separator && !b.inNotes {
					b.add(&para{separator: true, size: g.small, face: mainFace, align: left})
				}
				b.inNotes = true
				b.body(s, g.small)
				continue
			}
			b.body(s, g.lead)
		case declaration.Lead:
			b.body(s, g.lead)
		case declaration.Signature, declaration.PlaceDate:
			// GB/T 9704 sets the date four characters in from the right;
			// signatures stand over it, as far in.
			b.add(&para{spans: []span{s}, size: g.body, face: mainFace, align: right, inset: 4})
		default: // paragraphs, recitals
			if g.latin && isCaps(s.text) && utf8.RuneCountInString(s.text) < 80 {
				b.add(&para{spans: []span{s}, size: g.body, face: headingFace, align: center, keep: true, spaceBefore: 0.5})
				continue
			}
			b.body(s, g.body)
		}
		b.inNotes = false
	}
}

// isCaps reports whether text is written in capitals: letters, none of
// them small (a Latin subtitle, NORTH ATLANTIC TREATY).
func isCaps(text string) bool {
	letters := 0
	for _, r := range text {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters >= 3
}

// provision adds p and its children. base is where the provision's block
// starts, in body ems from the text block's left edge (deeper for the
// children of a hanging item); level is its depth in the outline.
func (b *builder) provision(p *declaration.Provision, base float64, level int) {
	labelPos, textPos := p.Pos, after(p.Pos, p.Label+p.Heading)
	childBase, childLevel := base, level
	switch p.Kind {
	case declaration.Part, declaration.Chapter:
		b.heading(p, center, base, level)
		childLevel++
		b.text(p, textPos, base)
	case declaration.Section, declaration.Article:
		if isBullet(p.Label) {
			// A bulleted list is a list whatever its rank: its items
			// hang, each with its outline entry.
			n := len(b.out)
			childBase = b.hanging(p, base)
			if len(b.out) > n {
				b.out[n].outline, b.out[n].level = outlineTitle(p), level
			}
			childLevel++
			break
		}
		if b.g.latin && (p.Kind == declaration.Article && isWordLabel(p.Label) || p.Label == "" && p.Heading != "") {
			// ARTICLE I stands centred above its text, as treaties set
			// it; so does a heading that stands alone (### Artikel 6).
			b.heading(p, center, base, level)
			b.text(p, textPos, base)
		} else if p.Heading != "" {
			how := left
			if strings.HasPrefix(p.Label, "第") {
				how = center // 第一节 stands centred, as chapters do
			}
			b.heading(p, how, base, level)
			b.text(p, textPos, base)
		} else {
			b.inline(p, labelPos, base, level)
		}
		childLevel++
	case declaration.Paragraph:
		b.inline(p, labelPos, base, -1)
	default: // items, points, subpoints: hanging labels
		childBase = b.hanging(p, base)
	}
	for _, c := range p.Children {
		b.provision(c, childBase, childLevel)
	}
}

// heading adds the label and heading of p as a heading line, and its
// outline entry.
func (b *builder) heading(p *declaration.Provision, how align, base float64, level int) {
	label := span{text: p.Label, id: p.ID, pos: p.Pos}
	head := styled(p.Heading, p.ID, after(p.Pos, p.Label))
	spans := []span{label, head}
	switch {
	case p.Heading == "":
		spans = spans[:1]
	case p.Label == "":
		spans = spans[1:]
	}
	sep := ""
	if p.Label != "" {
		sep = labelSep(p.Label, p.Heading)
	}
	h := b.add(&para{spans: spans, sep: sep, first: base + b.g.indent, rest: base + b.g.indent, size: b.g.body,
		face: headingRole(p.Label), align: how, keep: true, outline: outlineTitle(p), level: level})
	if how == center {
		h.first, h.rest, h.spaceBefore = 0, 0, 0.5
	}
}

// text adds the provision's own text as body paragraphs.
func (b *builder) text(p *declaration.Provision, pos declaration.Pos, base float64) {
	if p.Text == "" {
		return
	}
	for _, s := range paragraphs(p.Text, p.ID, pos) {
		b.add(&para{spans: []span{s}, first: base + b.g.indent, rest: base, size: b.g.body, face: mainFace, align: justify})
	}
}

// inline adds a provision whose label runs into its text (四、为此目的…),
// the way official texts number articles; level < 0 means no outline entry.
func (b *builder) inline(p *declaration.Provision, pos declaration.Pos, base float64, level int) {
	spans := paragraphs(p.Text, p.ID, after(pos, p.Label))
	if len(spans) == 0 && p.Label != "" {
		spans = []span{{id: p.ID, pos: after(pos, p.Label)}}
	}
	for i, s := range spans {
		q := b.add(&para{spans: []span{s}, first: base + b.g.indent, rest: base, size: b.g.body, face: mainFace, align: justify})
		if i > 0 {
			continue
		}
		if p.Label != "" {
			q.spans = []span{{text: shownLabel(p.Label), id: p.ID, pos: pos}, s}
			q.sep = labelSep(p.Label, s.text)
		}
		if level >= 0 {
			q.outline, q.level = outlineTitle(p), level
		}
	}
}

// hanging adds an item with its label hanging at the paragraph indent and
// every line of its text aligned after the label (——以和平共处…). It
// returns where the item's text starts, where nested items hang.
func (b *builder) hanging(p *declaration.Provision, base float64) float64 {
	hang := base + b.g.indent
	label := shownLabel(p.Label)
	// The label's width in the font, so that every paragraph of the item
	// and its nested items line up after the label (a —— is one em in a
	// CJK face, though East Asian Width calls it ambiguous).
	labelW := 0.0
	for _, r := range label {
		if b.fs != nil {
			labelW += b.fs.advance(r, mainFace, regular, b.g.body) / em(b.g.body)
		} else {
			labelW += linebreak.Columns(r) / 2
		}
	}
	if r, _ := utf8.DecodeLastRuneInString(label); r < 0x1100 {
		labelW += 0.5 // (a) and 1. are half-width: a half-em gap before the text
	}
	textAt := hang + labelW
	if p.Heading != "" {
		b.add(&para{spans: []span{styled(p.Heading, p.ID, after(p.Pos, p.Label))}, label: label,
			hang: hang, first: textAt, rest: textAt, size: b.g.body, face: headingRole(p.Label), align: left, keep: true})
	}
	spans := paragraphs(p.Text, p.ID, after(p.Pos, p.Label+p.Heading))
	if len(spans) == 0 && p.Heading == "" {
		spans = []span{{id: p.ID, pos: after(p.Pos, p.Label)}}
	}
	if isDash(p.Label) {
		// GB/T practice sets a —— item as a paragraph that opens with
		// its dash: the dash at the two-character indent, the lines
		// after the first back at the margin, like the body's.
		for i, s := range spans {
			q := &para{spans: []span{s}, hang: hang, first: textAt, rest: base, size: b.g.body, face: mainFace, align: justify}
			if i == 0 && p.Heading == "" {
				q.label = label
			} else {
				q.first = hang
			}
			b.add(q)
		}
		return base
	}
	for i, s := range spans {
		q := &para{spans: []span{s}, hang: hang, first: textAt, rest: textAt, size: b.g.body, face: mainFace, align: justify}
		if i == 0 && p.Heading == "" {
			q.label = label
		}
		b.add(q)
	}
	return textAt - b.g.indent
}

// isWordLabel reports whether a label starts with a word (ARTICLE I,
// Artikel 2), not a number or letter alone ((a), 1., IV.).
func isWordLabel(label string) bool {
	word, _, _ := strings.Cut(label, " ")
	letters := 0
	for _, r := range word {
		if !unicode.IsLetter(r) {
			return false
		}
		letters++
	}
	return letters >= 3
}

// isDash reports whether a label is a dash (——), which marks an item of
// a list without numbering it.
func isDash(label string) bool { return label != "" && strings.Trim(label, "—") == "" }

// headingRole is the face of a heading numbered label. GB/T 9704 sets
// the first level (一、, 第一章) in Hei and the second (（一）) in Kai;
// deeper levels (1., （1）) are the body's, and are drawn in Kai here too,
// set apart from the text as a heading.
func headingRole(label string) faceID {
	if strings.HasPrefix(label, "（") || strings.HasPrefix(label, "(") {
		return kaiFace
	}
	r, _ := utf8.DecodeRuneInString(label)
	if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
		return kaiFace
	}
	return headingFace
}

// shownLabel is the label as drawn: a Markdown list marker (*, -, +) is
// markup, drawn as the bullet it means.
func shownLabel(label string) string {
	if isBullet(label) {
		return "•"
	}
	return label
}

// styled is a heading's text as a span, its markup taken out.
func styled(text, id string, pos declaration.Pos) span {
	shown, marks := plain(text)
	return span{text: shown, marks: marks, id: id, pos: pos}
}

// labelSep is what stands between a label and the text it runs into: an
// ideographic space after a label with no mark of its own (第一条　双方…,
// 第一章　总则), nothing after one that has (四、为此…), and a word space
// before Latin text (1. The Parties…, ARTICLE I The Parties…).
func labelSep(label, text string) string {
	first, _ := utf8.DecodeRuneInString(text)
	last, _ := utf8.DecodeLastRuneInString(label)
	latinText := first < 0x1100 && !unicode.IsSpace(first)
	if latinText && (unicode.IsLetter(first) || last < 0x1100) {
		return " "
	}
	if endsWithMark(label) {
		return ""
	}
	return "　"
}

// endsWithMark reports whether a label ends with its own punctuation (四、
// （一） 1.), after which no space is wanted.
func endsWithMark(label string) bool {
	r, _ := utf8.DecodeLastRuneInString(label)
	return strings.ContainsRune("、）)．.：:—", r)
}

// outlineTitle is the outline entry of a provision: its label and heading,
// or its label and the start of its text.
func outlineTitle(p *declaration.Provision) string {
	label := shownLabel(p.Label)
	if label != p.Label {
		label += " "
	}
	if p.Heading != "" {
		heading, _ := plain(p.Heading)
		return strings.TrimSpace(label + heading)
	}
	text, _ := plain(strings.SplitN(p.Text, "\n", 2)[0])
	const most = 18
	if utf8.RuneCountInString(text) > most {
		text = string([]rune(text)[:most]) + "…"
	}
	return strings.TrimSpace(label + text)
}
