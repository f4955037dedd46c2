package parse

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// A tree is built from the paragraphs of one part of the document (the
// body, or an attachment) by sequence: a marker continues the innermost
// open list whose next value it is, in its own style; a marker that starts
// a sequence (1, a, i, 一, 甲, ——) opens a list below the provision that is
// open; the statute styles (编章节条款) have fixed ranks. What the builder
// keeps is a stack of open levels, outermost first.

// level is one open provision of the tree.
type level struct {
	prov   *declaration.Provision
	st     *style // the style of its marker; introducer for an unmarked paragraph that opens a list
	indent int    // of the line its marker starts, -1 when unknown
	// inline: found inside a paragraph, not at its start; such items end
	// with their paragraph.
	inline bool
	// listOpen: took unmarked lines after a colon, so more may follow.
	listOpen bool
	// candidate: its text is short and unpunctuated, and turns into a
	// heading when children or text follow.
	candidate bool
	// last holds, per style, the number of the last child placed in
	// that style: a list interrupted by a paragraph can go on.
	last styleNumbers
}

// styleNumbers maps style names to numbers, as a map[string]int would: a
// paragraph or a level holds a few styles at most, and a short list
// searched in order costs less than a map made for each (the maps made
// and filled were a tenth of the parser's time).
type styleNumbers []styleNumber

type styleNumber struct {
	name string
	n    int
}

func (m styleNumbers) get(name string) (int, bool) {
	for _, e := range m {
		if e.name == name {
			return e.n, true
		}
	}
	return 0, false
}

// number is get's number alone: 0 when the style has none.
func (m styleNumbers) number(name string) int {
	n, _ := m.get(name)
	return n
}

func (m *styleNumbers) set(name string, n int) { *m = m.with(name, n) }

// with is m with name's number set to n, in m's array while it has room.
// with and without, which take and give the list as a value, keep a list
// on the caller's stack there; set, which goes through a pointer, moves
// it to the heap.
func (m styleNumbers) with(name string, n int) styleNumbers {
	for i := range m {
		if m[i].name == name {
			m[i].n = n
			return m
		}
	}
	return append(m, styleNumber{name, n})
}

// without is m without name's number, in m's array.
func (m styleNumbers) without(name string) styleNumbers {
	kept := m[:0]
	for _, e := range m {
		if e.name != name {
			kept = append(kept, e)
		}
	}
	return kept
}

// introducer stands on the stack for an unmarked paragraph inside a
// provision that ends with a colon: the list after it is its own.
var introducer = style{name: "introducer"}

// headingStyle stands on the stack for a heading without a number: a
// Markdown heading, or a side heading in capitals.
var headingStyle = style{name: "heading"}

// builder places the paragraphs of one part into its provision tree.
type builder struct {
	p        *parser
	body     *[]*declaration.Provision // the tree being built
	preamble *[]*declaration.Block     // where text before the first provision goes; nil: into the tree
	plain    bool                      // the text has no numbered provisions: its paragraphs are the body
	stack    []level
	top      styleNumbers // per style, the last number of the top-level list
	seen     styleNumbers // per style, the last number placed anywhere
	depth    styleNumbers // per style, the stack index of the parent it was last placed below
}

func (p *parser) body(paras []*para) {
	if p.leadRest != nil {
		paras = append([]*para{p.leadRest}, paras...)
	}
	plain := slices.Contains(unnumberedInstruments, p.doc.Kind) && !p.hasMarkedBefore(paras)
	p.buildTree(paras, &p.doc.Body, &p.doc.Preamble, plain)
}

// unnumberedInstruments are the kinds of document whose text is their
// body even when no paragraph is numbered (a joint statement in plain
// paragraphs); in news, editorials and letters plain paragraphs stay
// outside the provision tree.
var unnumberedInstruments = []declaration.Kind{declaration.JointStatement, declaration.JointCommunique,
	declaration.DeclarationKind, declaration.Treaty, declaration.Agreement}

// buildTree builds a provision tree from paragraphs. With plain, the
// first ordinary paragraph begins the body even without a marker.
func (p *parser) buildTree(paras []*para, body *[]*declaration.Provision, preamble *[]*declaration.Block, plain bool) {
	b := &builder{p: p, body: body, preamble: preamble, plain: plain}
	for _, q := range paras {
		b.paragraph(q)
	}
	assignKinds(*body, nil, false)
}

func (b *builder) started() bool { return len(*b.body) > 0 || b.preamble == nil }

func (b *builder) paragraph(q *para) {
	switch {
	case q.rule:
		if b.started() {
			b.addParagraph(q.s, "")
		} else {
			b.p.addBlock(b.preamble, declaration.Note, "", "", q.s)
		}
		return
	case q.markup == ">":
		switch {
		case !b.started():
			b.p.addBlock(b.preamble, declaration.Note, ">", "", q.s).Underline = q.underline.text
		case q.underline.text != "":
			b.sideHeading(q.s, q) // underlined: a heading, its underline after it
		default:
			b.addParagraph(q.s, ">")
		}
		return
	}
	if m := matchSideHeading(q.s.text); m != nil && q.markup == "" && q.underline.text == "" {
		// ARMISTICE AND SUBSEQUENT ARRANGEMENTS 7. The two …: a heading
		// over the provisions that follow, run into the first of them.
		head, rest := q.s.cut(m[3])
		b.sideHeading(head, q)
		q = &para{s: rest, start: q.start, indent: q.indent}
	}
	segs := b.p.segments(q)
	for i, sg := range segs {
		if sg.st != nil {
			b.place(sg, i > 0)
			if lv := b.innermost(); i == 0 && q.underline.text != "" {
				switch pr := lv.prov; {
				case pr.Text != "" && pr.Heading == "":
					b.toHeading(lv) // an underlined line is a heading: the underline follows it
				case pr.Text != "":
					joined := b.p.spans[&pr.Heading].join(b.p.spans[&pr.Text])
					pr.Heading, pr.Text = joined.text, ""
					b.p.spans[&pr.Heading] = joined
					delete(b.p.spans, &pr.Text)
				}
				lv.prov.Underline = q.underline.text
			}
			continue
		}
		if i > 0 {
			b.unmarked(sg.text) // what follows the last item run inline
			continue
		}
		switch {
		case (q.markup != "" || q.underline.text != "") && (len(*b.body) > 0 || b.preamble == nil):
			// an unnumbered Markdown heading inside the text, or opening an
			// attachment (which has no preamble to hold it)
			b.sideHeading(sg.text, q)
		case !b.started() && (!b.plain || q.markup != "" || q.underline.text != "" || headingLike(sg.text.text) || isRecital(sg.text.text) || bracketedLine(sg.text.text) || b.p.dateline(sg.text.text)):
			b.preambleBlock(q, sg.text)
		default:
			b.unmarked(sg.text)
		}
	}
}

// sideHeading is a heading without a number (a Markdown heading, a side
// heading in capitals): a section of its own at the top, holding what
// follows up to the next such heading.
var sideHeading = regexp.MustCompile(`^((?:[A-Z][A-Z'’,&-]*\s+){0,12}[A-Z][A-Z'’&-]{2,})\s+[0-9]{1,3}\\?\.`)

// matchSideHeading tries sideHeading on the start of a paragraph that
// starts with two capitals (most do not) and not with a marker: ARTICLE
// 1. is an article, not a heading ARTICLE over an item 1.
func matchSideHeading(t string) []int {
	if len(t) < 4 || t[0] < 'A' || t[0] > 'Z' || t[1] < 'A' || t[1] > 'Z' {
		return nil
	}
	m := sideHeading.FindStringSubmatchIndex(t[:min(len(t), 160)])
	if m != nil {
		if _, _, _, marked := findMarker(t); marked {
			return nil
		}
	}
	return m
}

func (b *builder) sideHeading(s span, q *para) {
	prov := &declaration.Provision{Kind: declaration.Section, Markup: q.markup, Heading: s.text, Underline: q.underline.text, Pos: q.pos()}
	*b.body = append(*b.body, prov)
	b.p.spans[&prov.Heading] = s
	b.stack = []level{{st: &headingStyle, prov: prov, indent: -1}}
}

func (b *builder) preambleBlock(q *para, s span) {
	kind := declaration.Para
	switch {
	case strings.HasPrefix(q.markup, "#"), headingLike(s.text) && !strings.Contains(s.text, "\n"):
		kind = declaration.Heading
	case isRecital(s.text):
		kind = declaration.Recital
	case isLead(s.text):
		kind = declaration.Lead // a second dispatch in one item: 【新华社延安二十日电】今日本社综合军息：
	}
	if q.underline.text != "" {
		kind = declaration.Heading
	}
	b.p.addBlock(b.preamble, kind, q.markup, "", s).Underline = q.underline.text
}

// bracketedLine: a line in brackets, such as a dateline [Hobart, 30
// September 1980] or （一九四六年五月）.
func bracketedLine(s string) bool {
	return !strings.Contains(s, "\n") && (strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") ||
		strings.HasPrefix(s, "（") && strings.HasSuffix(s, "）") || strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"))
}

// dateline: one short line that ends with a date (The White House,
// Washington, 20 June 1962).
func (p *parser) dateline(s string) bool {
	if strings.Contains(s, "\n") || runesAtMost(s, 81) > 80 {
		return false
	}
	s = strings.TrimRight(s, ".]）) ")
	ms := p.findDates(s)
	return len(ms) > 0 && ms[len(ms)-1].end == len(s)
}

var recitalWords = []string{"鉴于", "鑒於", "whereas", "recognizing", "recognising", "reaffirming", "considering",
	"desiring", "noting", "recalling", "convinced", "bearing in mind", "determined", "mindful", "affirming"}

// recitalFirsts are the first characters of recitalWords.
var recitalFirsts = edgeRunes(utf8.DecodeRuneInString, recitalWords...)

func isRecital(s string) bool {
	if r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(s, unicode.IsSpace)); !strings.ContainsRune(recitalFirsts, unicode.ToLower(r)) {
		return false // no recital word starts with that character: most paragraphs
	}
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

func (b *builder) innermost() *level { return &b.stack[len(b.stack)-1] }

// lastOf is the number of the last child in style st of the level at i
// (-1: the top-level list).
func (b *builder) lastOf(i int, st *style) (int, bool) {
	m := b.top
	if i >= 0 {
		m = b.stack[i].last
	}
	return m.get(st.name)
}

// place puts a marked segment into the tree.
func (b *builder) place(sg seg, inline bool) {
	st, n, parent := b.position(sg)
	sg.st, sg.number = st, n
	b.stack = b.stack[:parent+1]
	prov := &declaration.Provision{Kind: st.kind, Label: sg.label, Number: n, Markup: sg.markup, Pos: sg.pos}
	b.setText(prov, sg.text)
	if sg.heading.text != "" {
		prov.Heading = sg.heading.text
		b.p.spans[&prov.Heading] = sg.heading
	}
	if parent >= 0 {
		holder := &b.stack[parent]
		if holder.candidate && holder.prov.Heading == "" && len(holder.prov.Children) == 0 {
			b.toHeading(holder)
		}
		holder.prov.Children = append(intoPreviousItem(holder.prov.Children, n), prov)
	} else {
		*b.body = append(intoPreviousItem(*b.body, n), prov)
	}
	b.checkNumber(parent, sg)
	b.depth.set(st.name, parent)
	lv := level{st: st, prov: prov, indent: sg.indent, inline: inline}
	switch {
	case st.rank > 0 && st.rank <= 3 && prov.Text != "" && !endsSentence(prov.Text):
		b.toHeading(&lv) // 第一章 总纲
	case headingLike(prov.Text):
		lv.candidate = true
	}
	b.stack = append(b.stack, lv)
}

// intoPreviousItem moves the unmarked paragraphs at the end of siblings
// into the item before them when the item numbered n goes on their list:
// a paragraph between two items of one list is the earlier item's.
func intoPreviousItem(siblings []*declaration.Provision, n int) []*declaration.Provision {
	k := len(siblings)
	for k > 0 && siblings[k-1].Label == "" && siblings[k-1].Kind == declaration.Paragraph {
		k--
	}
	if n < 2 || k == len(siblings) || k == 0 || siblings[k-1].Number != n-1 {
		return siblings
	}
	item := siblings[k-1]
	item.Children = append(item.Children, siblings[k:]...)
	return siblings[:k]
}

// maxNesting bounds the depth of the provision tree: real documents go
// six levels deep; a marker numbered 1 below this depth is read as a
// number that goes back, not as a list that starts.
const maxNesting = 32

// position decides a marker's style (where it could be read two ways, as
// (i) is), its number and the index on the stack of the level it goes
// below (-1: the top level).
func (b *builder) position(sg seg) (*style, int, int) {
	if sg.st.rank > 0 {
		i := len(b.stack) - 1
		for i >= 0 && (b.stack[i].st.rank == 0 || b.stack[i].st.rank >= sg.st.rank) {
			i--
		}
		if sg.st.rank == 3 && !b.under(2, i) {
			b.p.warn("marker-level", sg.pos, "%s is a section (节) but stands in no chapter (章)", sg.label)
		}
		if sg.st.rank == 5 && !b.under(4, i) {
			b.p.warn("marker-level", sg.pos, "%s is a clause (款) but stands in no article (条)", sg.label)
		}
		return sg.st, sg.number, i
	}
	all, n := markerReadings(sg)
	readings := all[:n]
	// A list that goes on: the innermost level whose next child, or whose
	// own next sibling, this marker is. Lists do not reach across a
	// statute provision (第…条) that is open below them.
	floor := b.statuteFloor()
	for i := len(b.stack) - 1; i >= floor-1; i-- { // floor-1 is -1, the top level, at the least
		for _, r := range readings {
			if last, ok := b.lastOf(i, r.st); ok && continues(r, last) && !b.offList(i, sg) {
				return r.st, r.n, i
			}
		}
	}
	// A list that starts: below the innermost open provision, unless the
	// tree is already as deep as any document goes (a text of 一、 lines
	// alone would otherwise nest each below the last: output, and time,
	// grow with the square of the input).
	for _, r := range readings {
		if r.n <= 1 && len(b.stack) < maxNesting {
			return r.st, r.n, len(b.stack) - 1
		}
	}
	// Neither: numbering that skips or goes back. It stays with its own
	// style where one is open, else goes to the depth where its style was
	// last placed, else opens a list where it stands.
	r := readings[0]
	for i := len(b.stack) - 1; i >= floor; i-- {
		if b.stack[i].st.name == r.st.name {
			return r.st, r.n, i - 1
		}
	}
	if d, ok := b.depth.get(r.st.name); ok && d >= floor-1 && d < len(b.stack) {
		return r.st, r.n, d
	}
	return r.st, r.n, len(b.stack) - 1
}

// offList: indentation says the marker is not in the list of the level
// at i: it is indented deeper than that list's open item of its style (a
// list of its own), or less deep than that list's open item.
func (b *builder) offList(i int, sg seg) bool {
	if i+1 >= len(b.stack) || sg.indent < 0 {
		return false
	}
	child := b.stack[i+1]
	if child.indent < 0 {
		return false
	}
	return sg.indent > child.indent && child.st.name == sg.st.name || sg.indent < child.indent
}

// statuteFloor is the stack index of the innermost open statute provision
// plus one: lists below it do not continue lists above it.
func (b *builder) statuteFloor() int {
	for i := len(b.stack) - 1; i >= 0; i-- {
		if b.stack[i].st.rank > 0 {
			return i + 1
		}
	}
	return 0
}

// reading is one way of reading a marker: (i) is the ninth letter or the
// first Roman numeral.
type reading struct {
	st *style
	n  int
}

// markerReadings are the readings of sg's marker, its own first; an
// array, not a slice, so that they need no allocation.
func markerReadings(sg seg) (out [2]reading, n int) {
	out[0] = reading{sg.st, sg.number}
	if alt := alternative(sg.st, sg.label); alt.st != nil {
		out[1] = alt
		return out, 2
	}
	return out, 1
}

// continues: a marker read as r comes right after a sibling numbered last.
func continues(r reading, last int) bool {
	if r.n == 0 {
		return true // —— and bullets: any number of them
	}
	return r.n == last+1
}

// under reports whether a statute provision of the given rank is open at
// or above stack index i.
func (b *builder) under(rank, i int) bool {
	for j := 0; j <= i && j < len(b.stack); j++ {
		if b.stack[j].st.rank == rank {
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

func (b *builder) toHeading(lv *level) {
	prov := lv.prov
	prov.Heading, prov.Text = prov.Text, ""
	b.p.spans[&prov.Heading] = b.p.spans[&prov.Text]
	delete(b.p.spans, &prov.Text)
	lv.candidate = false
}

// checkNumber records a placed marker's number with its list and reports
// numbering that skips, repeats, goes back or does not start at one.
func (b *builder) checkNumber(parent int, sg seg) {
	st := sg.st
	m := &b.top
	if parent >= 0 {
		m = &b.stack[parent].last
	}
	prev, seen := m.get(st.name)
	m.set(st.name, sg.number)
	last, _ := b.seen.get(st.name)
	runOn := last == sg.number-1 // numbering that runs on across parents
	b.seen.set(st.name, sg.number)
	if sg.number <= 1 || runOn && !seen {
		return // a list that starts, or restarts below a new parent, or runs on
	}
	switch {
	case !seen && st.rank == 0:
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
// item that ended mid-sentence, or else a further paragraph.
func (b *builder) unmarked(s span) {
	// Items run inline end with their paragraph: what follows belongs to
	// the provision that holds them, or stands on its own.
	for i, lv := range b.stack {
		if lv.inline {
			b.stack = b.stack[:i]
			break
		}
	}
	if len(b.stack) == 0 {
		b.addParagraph(s, "")
		return
	}
	x := b.innermost()
	prov := x.prov
	switch {
	case x.st == &introducer:
	case prov.Text == "" && len(prov.Children) == 0:
		b.setText(prov, s)
		return
	case x.candidate && len(prov.Children) == 0:
		b.toHeading(x)
		b.setText(prov, s)
		return
	case len(b.stack) > 1 && len(prov.Children) == 0 && prov.Text != "" && (x.listOpen || !endsWithAny(prov.Text, "。！？.!?…")):
		// an item that ended mid-sentence goes on; after a colon, the
		// unmarked lines that follow are its list
		if endsWithAny(prov.Text, "：:") {
			x.listOpen = true
		}
		b.setText(prov, b.p.spans[&prov.Text].join(s))
		return
	}
	b.addParagraph(s, "")
}

// addParagraph adds an unnumbered paragraph. After an item of a list it
// goes to what holds the list; a provision at the top, a statute
// provision or an article below a chapter holds it itself. An unmarked
// paragraph holds no further paragraphs. Inside a provision, a paragraph
// that ends with a colon introduces the list that follows (a 款 and its
// items).
func (b *builder) addParagraph(s span, markup string) {
	prov := &declaration.Provision{Kind: declaration.Paragraph, Markup: markup, Text: s.text, Pos: s.starts[0]}
	if markup != "" {
		prov.Pos = b.p.markupPos(s)
	}
	b.p.spans[&prov.Text] = s
	i := len(b.stack) - 1
	if i >= 0 && !b.holdsParagraphs(i) {
		i--
	}
	for i >= 0 && b.stack[i].st == &introducer {
		i--
	}
	b.stack = b.stack[:i+1]
	if i < 0 {
		*b.body = append(*b.body, prov) // a paragraph of the text itself
		return
	}
	b.stack[i].prov.Children = append(b.stack[i].prov.Children, prov)
	if endsWithAny(s.text, "：:") {
		b.stack = append(b.stack, level{st: &introducer, prov: prov, indent: -1})
	}
}

// holdsParagraphs: an unmarked paragraph after the level at i is its own;
// otherwise the level is an item of a list, and the paragraph goes to
// what holds the list.
func (b *builder) holdsParagraphs(i int) bool {
	st := b.stack[i].st
	switch {
	case st.name == "dash" || st.name == "bullet":
		return false
	case i == 0, st.rank > 0, st == &headingStyle:
		return true
	}
	return b.stack[i-1].st.rank > 0 && b.stack[i-1].st.rank < 4 // 一、 below 第一章 is its article
}

// assignKinds gives provisions in nesting styles their kind from their
// place: at the top or below a chapter they are articles, below an article
// items (or sections when they head groups of items), then points.
func assignKinds(ps []*declaration.Provision, parent *declaration.Provision, parentRelative bool) {
	for _, p := range ps {
		relative := p.Kind == ""
		if relative {
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
					if !parentRelative {
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
		assignKinds(p.Children, p, relative)
	}
}
