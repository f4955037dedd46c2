package parse

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// seg is a piece of a paragraph that starts with a numbering marker (or,
// for the first piece, possibly none).
type seg struct {
	st      *style // nil when unmarked
	label   string
	number  int
	text    span // the text after the label
	heading span // a heading between label and text (1. GENERAL The …)
	pos     declaration.Pos
	markup  string
	indent  int // of the line the marker starts, or -1 inside a paragraph
}

// open is a provision of the tree that can still receive children.
type open struct {
	st     *style
	prov   *declaration.Provision
	indent int // -1 when unknown
}

// builder places paragraphs into the provision tree.
type builder struct {
	p          *parser
	stack      []open
	depthOf    map[string]int                            // the depth at which each style was first seen, below base()
	relative   map[*declaration.Provision]bool           // kind follows from nesting
	inline     map[*declaration.Provision]bool           // found inside a paragraph, not at its start
	listOpen   map[*declaration.Provision]bool           // took unmarked lines after a colon: more may follow
	candidate  map[*declaration.Provision]bool           // its text may turn out to be a heading
	lastNumber map[*declaration.Provision]map[string]int // per parent (nil: top), per style
}

func (p *parser) body(paras []*para) {
	b := &builder{p: p, depthOf: map[string]int{}, relative: map[*declaration.Provision]bool{}, inline: map[*declaration.Provision]bool{}, listOpen: map[*declaration.Provision]bool{},
		candidate: map[*declaration.Provision]bool{}, lastNumber: map[*declaration.Provision]map[string]int{}}
	if p.leadRest != nil {
		paras = append([]*para{p.leadRest}, paras...)
	}
	for _, q := range paras {
		b.paragraph(q)
	}
	b.assignKinds(p.doc.Body, nil)
}

func (b *builder) paragraph(q *para) {
	d := b.p.doc
	started := len(d.Body) > 0
	switch {
	case q.rule:
		if started {
			b.addParagraph(q.s, "")
		} else {
			b.p.addBlock(&d.Preamble, declaration.Note, "", "", q.s)
		}
		return
	case q.markup == ">":
		if started {
			b.addParagraph(q.s, ">")
		} else {
			b.p.addBlock(&d.Preamble, declaration.Note, ">", "", q.s)
		}
		return
	}
	segs := b.p.segments(q)
	for i, sg := range segs {
		if sg.st != nil {
			b.place(sg)
			b.inline[b.top().prov] = i > 0
			if i == 0 {
				b.top().prov.Underline = q.underline.text
			}
			continue
		}
		if i > 0 {
			continue // only the first piece can be unmarked
		}
		switch {
		case (q.markup != "" || q.underline.text != "") && started:
			// An unnumbered Markdown heading inside the text: a section of its own.
			prov := &declaration.Provision{Kind: declaration.Section, Markup: q.markup, Heading: sg.text.text, Underline: q.underline.text, Pos: q.pos()}
			d.Body = append(d.Body, prov)
			b.p.spans[&prov.Heading] = sg.text
			b.stack = []open{{st: &headingStyle, prov: prov, indent: -1}}
		case !started:
			b.preamble(q, sg.text)
		default:
			b.unmarked(sg.text)
		}
		started = len(d.Body) > 0
	}
}

// headingStyle stands for an unnumbered Markdown heading on the stack.
var headingStyle = style{name: "heading"}

func (b *builder) preamble(q *para, s span) {
	kind := declaration.Para
	switch {
	case strings.HasPrefix(q.markup, "#"), headingLike(s.text) && !strings.Contains(s.text, "\n"):
		kind = declaration.Heading
	case isRecital(s.text):
		kind = declaration.Recital
	}
	if q.underline.text != "" {
		kind = declaration.Heading
	}
	b.p.addBlock(&b.p.doc.Preamble, kind, q.markup, "", s).Underline = q.underline.text
}

var recitalWords = []string{"鉴于", "鑒於", "whereas", "recognizing", "recognising", "reaffirming", "considering",
	"desiring", "noting", "recalling", "convinced", "bearing in mind", "determined", "mindful", "affirming"}

func isRecital(s string) bool {
	if len(s) > 64 {
		s = s[:64] // the recital word starts the paragraph
	}
	l := strings.ToLower(collapseHanSpaces(s))
	for _, w := range recitalWords {
		if strings.HasPrefix(l, w) {
			return true
		}
	}
	return false
}

// place puts a marked segment into the tree: as a sibling of the open
// provision with the same style, else below the open provision, except
// that the statute styles (编章节条款) have fixed ranks, and a style seen
// before at a shallower depth goes back to that depth.
func (b *builder) place(sg seg) {
	st := sg.st
	switch i := b.indexOf(st, sg.indent); {
	case st.rank > 0:
		for len(b.stack) > 0 && (b.top().st.rank == 0 || b.top().st.rank >= st.rank) {
			b.stack = b.stack[:len(b.stack)-1]
		}
		if st.rank == 3 && !b.under(2) {
			b.p.warn("marker-level", sg.pos, "%s is a section (节) but stands in no chapter (章)", sg.label)
		}
		if st.rank == 5 && !b.under(4) {
			b.p.warn("marker-level", sg.pos, "%s is a clause (款) but stands in no article (条)", sg.label)
		}
	case i >= 0 && sg.indent > b.stack[i].indent && b.stack[i].indent >= 0:
		// a list indented under an item of the same style: a nested list
	case i >= 0:
		b.stack = b.stack[:i]
	default:
		if depth, seen := b.depthOf[st.name]; seen && b.base()+depth < len(b.stack) {
			b.stack = b.stack[:b.base()+depth]
		}
	}
	prov := &declaration.Provision{Kind: st.kind, Label: sg.label, Number: sg.number, Markup: sg.markup, Pos: sg.pos}
	b.setText(prov, sg.text)
	if sg.heading.text != "" {
		prov.Heading = sg.heading.text
		b.p.spans[&prov.Heading] = sg.heading
	}
	var parent *declaration.Provision
	if len(b.stack) > 0 {
		parent = b.top().prov
		if b.candidate[parent] && parent.Heading == "" && len(parent.Children) == 0 {
			b.toHeading(parent)
		}
		parent.Children = append(parent.Children, prov)
	} else {
		b.p.doc.Body = append(b.p.doc.Body, prov)
	}
	if st.kind == "" {
		b.relative[prov] = true
	}
	switch {
	case st.rank > 0 && st.rank <= 3 && prov.Text != "" && !endsSentence(prov.Text):
		b.toHeading(prov) // 第一章 总纲
	case headingLike(prov.Text):
		b.candidate[prov] = true
	}
	b.checkNumber(parent, st, sg)
	b.stack = append(b.stack, open{st: st, prov: prov, indent: sg.indent})
	if _, seen := b.depthOf[st.name]; !seen {
		b.depthOf[st.name] = len(b.stack) - 1 - b.base()
	}
}

func (b *builder) top() open { return b.stack[len(b.stack)-1] }

// base is where the nesting styles start: just below the innermost open
// statute provision (第…条), so that （一） under 第六十二条 goes under it
// however deep the chapter and section above it are.
func (b *builder) base() int {
	for i := len(b.stack) - 1; i >= 0; i-- {
		if b.stack[i].st.rank > 0 {
			return i + 1
		}
	}
	return 0
}

// indexOf finds the open provision of the same style that a marker at
// this indentation continues: the innermost one indented no deeper, else
// the outermost one.
func (b *builder) indexOf(st *style, indent int) int {
	outermost := -1
	for i := len(b.stack) - 1; i >= 0; i-- {
		if o := b.stack[i]; o.st.name == st.name {
			if indent < 0 || o.indent < 0 || o.indent <= indent {
				return i
			}
			outermost = i
		}
	}
	return outermost
}

// under reports whether a statute provision of the given rank is open.
func (b *builder) under(rank int) bool {
	for _, o := range b.stack {
		if o.st.rank == rank {
			return true
		}
	}
	return false
}

func (b *builder) setText(prov *declaration.Provision, s span) {
	prov.Text = s.text
	if s.text != "" {
		b.p.spans[&prov.Text] = s
	}
}

func (b *builder) toHeading(prov *declaration.Provision) {
	prov.Heading, prov.Text = prov.Text, ""
	b.p.spans[&prov.Heading] = b.p.spans[&prov.Text]
	delete(b.p.spans, &prov.Text)
	delete(b.candidate, prov)
}

// checkNumber reports numbering that skips, repeats or does not start at one.
func (b *builder) checkNumber(parent *declaration.Provision, st *style, sg seg) {
	if sg.number == 0 {
		return
	}
	last := b.lastNumber[parent]
	if last == nil {
		last = map[string]int{}
		b.lastNumber[parent] = last
	}
	prev, seen := last[st.name]
	last[st.name] = sg.number
	switch {
	case !seen && sg.number > 1 && st.rank == 0:
		b.p.warn("numbering-start", sg.pos, "numbering %s starts at %d, not 1", sg.label, sg.number)
	case !seen:
	case sg.number == prev:
		b.p.warn("numbering-repeat", sg.pos, "number %d repeated (%s)", sg.number, sg.label)
	case sg.number < prev:
		b.p.warn("numbering-back", sg.pos, "numbering goes back from %d to %d (%s)", prev, sg.number, sg.label)
	case sg.number > prev+1:
		b.p.warn("numbering-skip", sg.pos, "numbering skips from %d to %d (%s)", prev, sg.number, sg.label)
	}
}

// unmarked places a paragraph without a marker: the text of a provision
// that has only a label, the text under a heading, the continuation of an
// item that ended mid-sentence, or else a further paragraph of the
// enclosing article.
func (b *builder) unmarked(s span) {
	// Items run inline end with their paragraph: what follows belongs to
	// the provision that holds them, or stands on its own.
	for i, o := range b.stack {
		if b.inline[o.prov] {
			b.stack = b.stack[:i]
			break
		}
	}
	if len(b.stack) == 0 || b.inline[b.top().prov] {
		b.addParagraph(s, "")
		return
	}
	x := b.top().prov
	switch {
	case x.Text == "" && len(x.Children) == 0:
		b.setText(x, s)
	case b.candidate[x] && len(x.Children) == 0:
		b.toHeading(x)
		b.setText(x, s)
	case len(b.stack) > 1 && len(x.Children) == 0 && x.Text != "" && (b.listOpen[x] || !endsWithAny(x.Text, "。！？.!?…")):
		// an item that ended mid-sentence goes on; after a colon, the
		// unmarked lines that follow are its list
		if endsWithAny(x.Text, "：:") {
			b.listOpen[x] = true
		}
		joined := b.p.spans[&x.Text].join(s)
		b.setText(x, joined)
	default:
		b.addParagraph(s, "")
	}
}

// addParagraph adds an unnumbered paragraph to the nearest article (or
// the outermost open provision), closing what was open below it.
func (b *builder) addParagraph(s span, markup string) {
	prov := &declaration.Provision{Kind: declaration.Paragraph, Markup: markup, Text: s.text, Pos: s.starts[0]}
	if markup != "" {
		prov.Pos = b.p.markupPos(s)
	}
	b.p.spans[&prov.Text] = s
	if len(b.stack) == 0 {
		b.p.doc.Body = append(b.p.doc.Body, prov) // a paragraph of the text itself
		return
	}
	i := len(b.stack) - 1
	for i > 0 {
		o := b.stack[i]
		if o.st.rank == 4 || o.st.rank == 5 || (b.relative[o.prov] && i == 0) {
			break
		}
		if o.st.rank > 0 && o.st.rank < 4 {
			break
		}
		i--
	}
	// A nesting style directly under a chapter is that chapter's article.
	for j := i; j < len(b.stack) && b.stack[i].st.rank != 4 && b.stack[i].st.rank != 5; j++ {
		if b.stack[j].st.rank == 0 && (j == 0 || b.stack[j-1].st.rank > 0) {
			i = j
			break
		}
	}
	// Bullets and dashes are list items: a paragraph after them belongs
	// to what holds the list, or to the text itself.
	for i >= 0 && (b.stack[i].st.name == "bullet" || b.stack[i].st.name == "dash") {
		i--
	}
	if i < 0 {
		b.stack = b.stack[:0]
		b.p.doc.Body = append(b.p.doc.Body, prov)
		return
	}
	parent := b.stack[i].prov
	b.stack = b.stack[:i+1]
	delete(b.lastNumber, parent) // a list after this paragraph may count from one again
	parent.Children = append(parent.Children, prov)
}

// assignKinds gives provisions in nesting styles their kind from their
// place: below a chapter they are articles, below an article items (or
// sections when they head groups of items), then points.
func (b *builder) assignKinds(ps []*declaration.Provision, parent *declaration.Provision) {
	for _, p := range ps {
		if b.relative[p] {
			var kind declaration.ProvisionKind
			switch {
			case parent == nil:
				kind = declaration.Article
			default:
				switch parent.Kind {
				case declaration.Part, declaration.Chapter:
					kind = declaration.Article
				case declaration.Section:
					kind = declaration.Item
					if !b.relative[parent] {
						kind = declaration.Article
					}
				case declaration.Article:
					kind = declaration.Item
					if p.Heading != "" && len(p.Children) > 0 {
						kind = declaration.Section
					}
				case declaration.Paragraph:
					kind = declaration.Item
				case declaration.Item:
					kind = declaration.Point
				default:
					kind = declaration.Subpoint
				}
			}
			p.Kind = kind
		}
		b.assignKinds(p.Children, p)
	}
}

// segments splits a paragraph at its leading marker and at the markers of
// items run inline (：（１）…；（２）…), which must count up from one in
// their style, each starting after punctuation.
func (p *parser) segments(q *para) []seg {
	s := q.s
	first := seg{text: s, pos: q.pos(), markup: q.markup, indent: q.first.indent}
	expected := map[string]int{}
	var order []string
	if st, label, n, ok := findMarker(s.text); ok {
		first.st, first.label, first.number = st, label, n
		_, first.text = s.cut(len(label))
		first.pos = s.starts[0]
		if q.markup != "" {
			first.pos = q.pos()
		}
		expected[st.name] = n + 1
		order = append(order, st.name)
		// 1\. NUMBER AND TYPES OF IMMIGRANTS a. The Commonwealth …
		if m := capsHeading.FindStringSubmatchIndex(first.text.text); m != nil {
			first.heading, first.text = first.text.cut(m[3])
		}
	}
	segs := []seg{first}
	text := first.text.text
	cur := first.text
	offset := 0                         // byte offset of cur.text within text
	atStart := first.heading.text != "" // a marker right after a heading
	for _, i := range markerCandidates(text, atStart) {
		st, label, n, ok := findMarker(text[i:])
		if !ok || !st.inline && i > 0 || i < offset {
			continue
		}
		want := expected[st.name]
		if want == 0 {
			want = 1
		}
		if n != want {
			continue
		}
		expected[st.name] = n + 1
		if k := indexString(order, st.name); k < 0 {
			order = append(order, st.name)
		} else {
			for _, deeper := range order[k+1:] {
				delete(expected, deeper)
			}
		}
		before, after := cur.cut(i - offset)
		if i == 0 {
			before = span{}
		}
		segs[len(segs)-1].text = before
		pos := after.starts[0]
		_, rest := after.cut(len(label))
		segs = append(segs, seg{st: st, label: label, number: n, text: rest, pos: pos, indent: -1})
		cur, offset = rest, len(text)-len(rest.text)
	}
	return segs
}

// capsHeading is an English heading in capitals run into its text.
var capsHeading = regexp.MustCompile(`^((?:[A-Z][A-Z'’,&-]*\s+){1,9}[A-Z][A-Z'’&-]+|[A-Z]{4,})\s+(?:[a-z]\.\s|[A-Z][a-z])`)

// markerCandidates lists the byte offsets in text where an item may start
// inline: after ：；。:; (and spaces), at a rune that can begin a marker;
// and at 0 when atStart.
func markerCandidates(text string, atStart bool) []int {
	var out []int
	if atStart {
		out = append(out, 0)
	}
	for at := 0; ; {
		i, size := indexClausePunct(text[at:])
		if i < 0 {
			return out
		}
		j := at + i + size
		for j < len(text) && (text[j] == ' ' || strings.HasPrefix(text[j:], "\u3000")) {
			if text[j] == ' ' {
				j++
			} else {
				j += len("\u3000")
			}
		}
		if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && mayStartMarker(r) {
			out = append(out, j)
		}
		at = j
	}
}

// indexClausePunct finds the first ：；。 : or ; in s, byte by byte (the
// UTF-8 of ：；。 is EF BC 9A, EF BC 9B, E3 80 82), and its length.
func indexClausePunct(s string) (int, int) {
	for j := 0; j < len(s); j++ {
		switch c := s[j]; {
		case c == ':' || c == ';':
			return j, 1
		case c == 0xEF && j+2 < len(s) && s[j+1] == 0xBC && (s[j+2] == 0x9A || s[j+2] == 0x9B),
			c == 0xE3 && j+2 < len(s) && s[j+1] == 0x80 && s[j+2] == 0x82:
			return j, 3
		}
	}
	return -1, 0
}

// mayStartMarker is a cheap test before findMarker: only these runes
// begin the markers that run inline.
func mayStartMarker(r rune) bool {
	return r == '(' || r == '（' || isDigit(r) || isCNNumeral(r) || r >= 'a' && r <= 'z'
}

func indexString(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }
