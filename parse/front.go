package parse

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

var (
	isoDateLine = regexp.MustCompile(`^([0-9]{4})-([0-9]{2})-([0-9]{2})$`)
	pageLine    = regexp.MustCompile(`^第\s*([0-9０-９]+|[一二三四五六七八九十]+)\s*版\s*[(（]([^)）]*)[)）]$`)
	columnLine  = regexp.MustCompile(`^专栏[：:](.*)$`)
	mdHeading   = regexp.MustCompile(`^(#{1,6})\s*([^#\s].*)$`) // ###Article 1 without a space too
	// leadPattern matches a news lead: agency, place, date, then the kind
	// of dispatch (电, 讯, 专电, 急电, 特讯 …). Without a date the lead must
	// be bracketed (【新华社邯郸讯】) or the paper's own (本报讯).
	leadPattern = regexp.MustCompile(`^(【)?(` + strings.Join(leadAgencies, "|") + `)(?:记者|記者)?(\p{Han}{0,8}?)((?:[0-9０-９一二三四五六七八九十]+月)?[0-9０-９一二三四五六七八九十廿卅]+日)?(?:专|專|急|特|加急)?[电讯電訊](】)?`)
)

// front consumes the lines before the text proper: front matter, the
// newspaper-archive header, the repeated headline, the lead and the title.
func (p *parser) front() {
	d := p.doc
	p.skipBlank()
	p.htmlTags()
	p.frontMatter()
	p.htmlTags()
	p.archiveHeader()
	// Markdown title and the lines describing it, up to an HTML comment
	// such as <!-- INFO END --> (law collections).
	if l, ok := p.peek(); ok {
		if m := mdHeading.FindStringSubmatchIndex(l.text); m != nil && m[3]-m[2] == 1 {
			p.next++
			mark, title := l.text[m[2]:m[3]], l.text[m[4]:m[5]]
			// the title starts after the # and the spaces, if any
			s := span{text: title, starts: []declaration.Pos{{Line: l.num, Col: l.col + utf8.RuneCountInString(l.text[:m[4]])}}}
			p.addBlock(&d.Front, declaration.TitleBlock, mark, "", s)
			p.setTitle(title)
			p.subtitles()
		}
	}
	if d.Publication != nil {
		p.repeatedHeadline()
	}
	p.lead()
	if p.leadRest != nil {
		return // the lead runs on into the text's items: the front ends there
	}
	if d.Title == "" || d.Publication != nil {
		p.title()
	}
	p.subtitles()
	if d.Dispatch == nil && d.Title != "" {
		p.leadBelowHeadline()
	}
	if p.leadRest == nil {
		p.ownTitle()
	}
}

// htmlTag is a line holding one HTML tag and nothing else, such as the
// <meta http-equiv=…/> some Markdown exports start with.
var htmlTag = regexp.MustCompile(`^<[A-Za-z][^<>]*>$`)

// htmlTags takes such lines at the top as front matter: they are markup,
// never the title.
func (p *parser) htmlTags() {
	for {
		l, ok := p.peek()
		if !ok || !htmlTag.MatchString(l.text) {
			return
		}
		p.addBlock(&p.doc.Front, declaration.FrontMatter, "", "", p.lineSpan(l))
		p.next++
		p.skipBlank()
	}
}

// refFrom takes the text's own date (（一九三六年十二月二十八日） under
// its title) as the context that completes dates written without a
// year, when no issue date gave one.
func (p *parser) refFrom(text string) {
	if p.refYear != 0 && !p.editorRef {
		return
	}
	if ms := p.findDates(text); len(ms) > 0 && len(ms[0].date.ISO) == len("2006-01-02") && !ms[0].date.YearInferred {
		iso := ms[0].date.ISO
		p.refYear, p.refMonth, p.refDay = isoParts(iso)
		p.editorRef = false
	}
}

func (p *parser) peek() (line, bool) {
	if p.next < len(p.lines) {
		return p.lines[p.next], true
	}
	return line{}, false
}

func (p *parser) skipBlank() {
	for p.next < len(p.lines) && p.lines[p.next].blank() {
		p.next++
	}
}

// frontMatter takes a YAML front matter block (--- … ---) whole, and its
// title and date when it has them.
func (p *parser) frontMatter() {
	if p.next >= len(p.lines) || p.lines[p.next].raw != "---" {
		return
	}
	start := p.next
	end := -1
	for i := start + 1; i < len(p.lines); i++ {
		if r := p.lines[i].raw; r == "---" || r == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return
	}
	raws := make([]string, 0, end-start+1)
	for _, l := range p.lines[start : end+1] {
		raws = append(raws, l.raw)
	}
	text := strings.Join(raws, "\n")
	starts := make([]declaration.Pos, 0, len(raws))
	for _, l := range p.lines[start : end+1] {
		starts = append(starts, declaration.Pos{Line: l.num, Col: 1})
	}
	p.addBlock(&p.doc.Front, declaration.FrontMatter, "", "", span{text: text, starts: starts})
	p.editorTitle = true
	p.next = end + 1
	if t := frontMatterTitle(raws[1 : len(raws)-1]); t != "" && p.doc.Title == "" {
		p.setTitle(t)
	}
	if y, m, d := frontMatterDate(raws[1 : len(raws)-1]); y != 0 && p.refYear == 0 {
		p.refYear, p.refMonth, p.refDay = y, m, d
		p.editorRef = true
	}
	p.skipBlank()
}

// frontMatterDate reads the document's date from a top-level date or
// doc_date key holding an ISO date, as editors' front matter gives it:
// the context for dates the text writes without a year, until the text
// gives its own.
func frontMatterDate(lines []string) (y, m, d int) {
	for _, l := range lines {
		key, v, ok := strings.Cut(l, ":")
		if !ok || key != "date" && key != "doc_date" {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `'"`)
		if len(v) == len("2006-01-02") && declaration.ValidISODate(v) {
			return isoParts(v)
		}
	}
	return 0, 0, 0
}

// frontMatterTitle reads the top-level title key of YAML front matter:
// a plain or quoted scalar, or a block scalar (|, |-, >) on the lines
// below. Only this key is read, so a line-by-line look does, and no YAML
// decoder runs on untrusted input.
func frontMatterTitle(lines []string) string {
	for i, l := range lines {
		v, ok := strings.CutPrefix(l, "title:")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		if v == "" || strings.ContainsAny(v[:1], "|>") {
			var parts []string
			for _, next := range lines[i+1:] {
				if next != "" && next[0] != ' ' {
					break
				}
				if t := strings.TrimSpace(next); t != "" {
					parts = append(parts, t)
				}
			}
			return strings.Join(parts, " ")
		}
		if v[0] == '\'' || v[0] == '"' {
			// a quoted scalar may be folded over the indented lines below
			for _, next := range lines[i+1:] {
				if len(v) >= 2 && v[len(v)-1] == v[0] || next == "" || next[0] != ' ' {
					break
				}
				v += " " + strings.TrimSpace(next)
			}
			if len(v) >= 2 && v[len(v)-1] == v[0] {
				v = v[1 : len(v)-1]
			}
		}
		return v
	}
	return ""
}

// archiveHeader reads the People's Daily archive layout:
// ### 标题 / YYYY-MM-DD / 第N版(栏目) / 专栏：.
func (p *parser) archiveHeader() {
	l, ok := p.peek()
	if !ok {
		return
	}
	// The header is only an archive header when a date line follows; a
	// copy without the Markdown (标题 / date / 第N版) needs the page line too.
	marked := strings.HasPrefix(l.text, "### ")
	i := p.firstLineFrom(p.next + 1)
	if i >= len(p.lines) || !isoDateLine.MatchString(p.lines[i].text) || !declaration.ValidISODate(p.lines[i].text) {
		return
	}
	if page := p.firstLineFrom(i + 1); !marked && (page >= len(p.lines) || !pageLine.MatchString(p.lines[page].text)) {
		return
	}
	d := p.doc
	pub := &declaration.Publication{}
	d.Publication = pub
	mark, headline, col := "", strings.TrimSpace(l.text), l.col
	if marked {
		mark, headline, col = "###", strings.TrimSpace(strings.TrimPrefix(l.text, "###")), l.col+4
	}
	pub.Headline = headline
	p.addBlock(&d.Front, declaration.Headline, mark, "", span{text: headline, starts: []declaration.Pos{{Line: l.num, Col: col}}})
	date := p.lines[i]
	pub.Date = date.text
	p.addBlock(&d.Front, declaration.IssueDate, "", "", p.lineSpan(date))
	if m := isoDateLine.FindStringSubmatch(date.text); m != nil {
		p.refYear, p.refMonth, p.refDay = atoi(m[1]), atoi(m[2]), atoi(m[3])
		p.editorRef = false
	}
	p.next = i + 1
	// A copy from a web page may have a blank line after every line.
	p.skipBlank()
	if l, ok := p.peek(); ok {
		if m := pageLine.FindStringSubmatch(l.text); m != nil {
			pub.Page = digitValue(m[1])
			if pub.Page < 0 {
				pub.Page = cnValue(m[1])
			}
			pub.Section = strings.TrimSpace(m[2])
			p.addBlock(&d.Front, declaration.PageLine, "", "", p.lineSpan(l))
			p.next++
		}
	}
	p.skipBlank()
	if l, ok := p.peek(); ok {
		if m := columnLine.FindStringSubmatch(l.text); m != nil {
			pub.Column = strings.TrimSpace(m[1])
			p.addBlock(&d.Front, declaration.ColumnLine, "", "", p.lineSpan(l))
			p.next++
		}
	}
	p.skipBlank()
	if d.Title == "" {
		p.setTitle(headline)
		d.Kind = headlineKind(headline)
	}
}

// reportVerbs mark a headline that reports on a document rather than
// titling it: 通过减租保佃决议, 代表大会闭幕.
var reportVerbs = regexp.MustCompile(`闭幕|开幕|召开|举行|发表|通过|抵|访问|会见|致电|通电|呼吁|签署|谈`)

// headlineKind guesses the kind from a newspaper headline: a part of it
// that ends with a kind word and reports nothing (晋察冀边委会决定).
func headlineKind(headline string) declaration.Kind {
	for _, part := range strings.Fields(headline) {
		if k := kindOf(part); k == declaration.Statement && containsAny(part, speakers) {
			return k // 中共中央发言人表示坚决反对
		} else if k != declaration.Other && !reportVerbs.MatchString(part) {
			for _, kw := range kinds {
				if kw.kind == k && strings.HasSuffix(strings.ToLower(part), kw.word) {
					return k
				}
			}
		}
	}
	return declaration.Other
}

// repeatedHeadline takes the headline printed again above the text, on
// one line or spread over several (blank lines between them, as a copy
// from a web page may have, aside).
func (p *parser) repeatedHeadline() {
	want := squeeze(p.doc.Publication.Headline)
	var got string
	var s span
	for i := p.next; i < len(p.lines); i++ {
		if p.lines[i].blank() {
			if got == "" {
				return
			}
			continue
		}
		got += squeeze(p.lines[i].text)
		if !strings.HasPrefix(want, got) {
			return
		}
		s = s.join(p.lineSpan(p.lines[i]))
		if got == want {
			p.addBlock(&p.doc.Front, declaration.Headline, "", "", s)
			p.next = i + 1
			p.skipBlank()
			return
		}
	}
}

// squeeze removes all whitespace.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// continues reports whether line i continues a hard-wrapped paragraph
// whose first line is indented, as the archive indents the first line of
// every paragraph: it is not blank, not indented and starts with no
// numbering marker.
func (p *parser) continues(i int) bool {
	if i >= len(p.lines) {
		return false
	}
	c := p.lines[i]
	if c.blank() || c.indent > 0 {
		return false
	}
	_, _, _, marked := findMarker(c.text)
	return !marked
}

// leadBelowHeadline reads the lead of a news item copied without the
// archive's header, whose headline runs over a few lines above it
// (解放区新闻记者联合会通电 / 抗议当局制造西安血案 / 号召…): when a lead
// follows the title within leadReach lines, the lines between are the
// headline's subtitles and the lead is the item's dispatch.
func (p *parser) leadBelowHeadline() {
	for i, n := p.next, 0; i < len(p.lines) && n <= leadReach; i++ {
		l := p.lines[i]
		if l.blank() {
			continue
		}
		if m := leadAt(l.text); m != nil && leadMatch(l.text, m) {
			headline := p.doc.Title
			for ; p.next < i; p.next++ {
				if sub := p.lines[p.next]; !sub.blank() {
					p.addBlock(&p.doc.Front, declaration.Subtitle, "", "", p.lineSpan(sub))
					headline += " " + sub.text
				}
			}
			if p.doc.Kind == declaration.Other {
				p.doc.Kind = headlineKind(headline) // as an archive's headline tells it
			}
			p.lead()
			return
		}
		n++
	}
}

// leadReach is how many lines of a headline leadBelowHeadline lets stand
// between a title and its lead.
const leadReach = 3

// lead takes a news lead such as 新华社北京９月１２日电… as one block and
// fills Dispatch; when the lead says who signed what, where and when, it
// fills Signatories and Signed too.
func (p *parser) lead() {
	l, ok := p.peek()
	if !ok {
		return
	}
	m := leadAt(l.text)
	if m == nil {
		return
	}
	if !leadMatch(l.text, m) {
		return
	}
	agency, place := l.text[m[4]:m[5]], l.text[m[6]:m[7]]
	dated := m[8] >= 0
	d := p.doc
	d.Dispatch = &declaration.Dispatch{Text: l.text[m[0]:m[1]], Agency: agency, Place: place}
	if dated {
		d.Dispatch.Date = p.partialDate(l.text[m[8]:m[9]])
	}
	// The lead may carry the whole text, items run inline
	// (…决定如下：（甲）…（一）…): the lead block ends where they start.
	s := p.lineSpan(l)
	p.next++
	// A hard-wrapped lead runs on over the lines after it that are less
	// indented: the archive indents the first line of every paragraph.
	for l.indent > 0 && p.continues(p.next) {
		s = s.join(p.lineSpan(p.lines[p.next]))
		p.next++
	}
	after := strings.ReplaceAll(s.text[m[1]:], "\n", "") // Chinese runs on across a wrap
	q := newPara(l, s)
	if segs := p.segments(q); len(segs) > 1 {
		lead, rest := s.cut(byteOffset(s, segs[1].pos))
		s = lead
		p.leadRest = newPara(l, rest)
	}
	p.addBlock(&d.Front, declaration.Lead, "", "", s)
	p.skipBlank()
	p.signingFromLead(after)
}

// leadMatch: a match of leadPattern is a lead when it is dated,
// bracketed or the paper's own (本报讯); 新华社北京… without a date or
// brackets may be a sentence.
func leadMatch(text string, m []int) bool {
	bracketed, dated := m[2] >= 0 && m[10] >= 0, m[8] >= 0
	return dated || bracketed || strings.HasPrefix(text[m[4]:m[5]], "本")
}

// isLead: text opens with a news lead.
func isLead(text string) bool {
	m := leadAt(text)
	return m != nil && leadMatch(text, m)
}

// leadAt matches leadPattern after a cheap test of the first character,
// which the pattern fixes: 【 or the first of an agency's name
// (TestLeadFirsts ties the two).
func leadAt(text string) []int {
	if r, _ := utf8.DecodeRuneInString(text); !strings.ContainsRune(leadFirsts, r) {
		return nil
	}
	return leadPattern.FindStringSubmatchIndex(text)
}

// leadAgencies are who files a lead: the agencies and the paper itself
// (本报), in simplified and traditional characters.
var leadAgencies = []string{"新华社", "新華社", "中新社", "中央社", "本报", "本報", "人民日报", "人民日報", "塔斯社", "路透社", "美联社", "美聯社", "法新社"}

// leadFirsts are the characters a lead starts with: a bracket or an
// agency's first.
var leadFirsts = "【" + edgeRunes(utf8.DecodeRuneInString, leadAgencies...)

// title takes the first line that names a kind of document and has no
// sentence-final punctuation; an English title may go on in a line
// starting with "between".
func (p *parser) title() {
	l, ok := p.peek()
	if !ok || endsSentence(l.text) || runesAtMost(l.text, 121) > 120 {
		return
	}
	if _, _, _, marked := findMarker(l.text); marked || strings.HasPrefix(l.text, "#") {
		return
	}
	if kindOf(l.text) == declaration.Other && (p.doc.Title != "" || p.dated(l.text)) {
		return // no kind named: a title already, or a dateline above the title (Wellington, 9 December 1980), which ownTitle looks past
	}
	if l.indent > 0 && p.continues(p.next+1) {
		return // the first line of a hard-wrapped paragraph
	}
	// An English heading block: short lines before the first paragraph,
	// such as a date, "SECRET", "AGREEMENT", "Between …".
	s := p.lineSpan(l)
	p.next++
	if n, ok := p.peek(); ok && strings.HasPrefix(strings.ToLower(n.text), "between ") {
		s = s.join(p.lineSpan(n))
		p.next++
	}
	p.addBlock(&p.doc.Front, declaration.TitleBlock, "", "", s)
	p.setTitle(strings.ReplaceAll(s.text, "\n", " "))
	p.skipBlank()
}

// subtitles takes date lines such as （一九五〇年十月八日） and adoption
// records under a title, and an HTML comment that ends a law's header.
func (p *parser) subtitles() {
	for {
		p.skipBlank()
		l, ok := p.peek()
		if !ok {
			return
		}
		switch {
		case strings.HasPrefix(l.text, "<!--") && strings.HasSuffix(l.text, "-->"):
			p.addBlock(&p.doc.Front, declaration.FrontMatter, "", "", p.lineSpan(l))
		case isDateLine(l.text) || p.isAdoptionRecord(l.text) || parenthesizedRecord(l.text):
			p.addBlock(&p.doc.Front, declaration.Subtitle, "", "", p.lineSpan(l))
			p.refFrom(l.text)
		default:
			return
		}
		p.next++
	}
}

// isAdoptionRecord recognises law headers such as
// 1990年12月28日 第七届全国人民代表大会常务委员会第十七次会议通过, when an
// HTML comment later closes the header.
func (p *parser) isAdoptionRecord(text string) bool {
	if !dateAtStart.MatchString(text) {
		return false
	}
	for _, l := range p.lines[p.next:min(len(p.lines), p.next+40)] {
		if strings.HasPrefix(l.text, "<!--") {
			return true
		}
	}
	return false
}

var (
	dateAtStart = regexp.MustCompile(`^[0-9０-９]{4}\s*年`)
	dateLineRe  = regexp.MustCompile(`^[(（]?[0-9０-９一二三四五六七八九十〇○零Ｏ]{4}\s*年[0-9０-９一二三四五六七八九十\s]*月?[0-9０-９一二三四五六七八九十廿卅\s]*日?[)）]?$`)
)

func isDateLine(s string) bool {
	// The cheap test first (TestPatternCues).
	return startsWithYearDigit(s) && contains(s, "年") && dateLineRe.MatchString(s)
}

// startsWithYearDigit: s starts with one of yearDigits, after a
// parenthesis at most, as every text dateLineRe matches does.
func startsWithYearDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(strings.TrimPrefix(s, "("), "（"))
	return yearDigits.has(r)
}

// yearDigits are the characters of the year dateLineRe starts with.
var yearDigits = newRuneSet("0123456789０１２３４５６７８９一二三四五六七八九十〇○零Ｏ")

var parenYear = regexp.MustCompile(`^[(（][0-9０-９一二三四五六七八九〇○零Ｏ]{4}\s*年`)

// parenthesizedRecord: （二○○三年六月二十八日…通过）under a law's title.
func parenthesizedRecord(s string) bool {
	return (strings.HasPrefix(s, "（") || strings.HasPrefix(s, "(")) && endsWithAny(s, "）)") &&
		parenYear.MatchString(s)
}

func (p *parser) setTitle(t string) {
	t = cleanTitle(t)
	p.doc.Title = t
	k := kindOf(t)
	if k != declaration.Other || p.doc.Kind == declaration.Other {
		p.doc.Kind = k
	}
	if parties := partiesOf(t, k); parties != nil {
		p.doc.Parties = parties
	}
}

// kinds maps the words a document calls itself by to document kinds,
// most specific first. The same rows read titles (甲国和乙国联合声明,
// NORTH ATLANTIC TREATY) and a text's references to itself (本宪章, this
// Treaty, the present Convention): see ownKind.
var kinds = []struct {
	word string
	kind declaration.Kind
}{
	{"联合声明", declaration.JointStatement}, {"聯合聲明", declaration.JointStatement},
	{"joint statement", declaration.JointStatement},
	{"联合公报", declaration.JointCommunique}, {"聯合公報", declaration.JointCommunique},
	{"joint communique", declaration.JointCommunique}, {"joint communiqué", declaration.JointCommunique},
	{"communique", declaration.JointCommunique}, {"communiqué", declaration.JointCommunique}, {"公报", declaration.JointCommunique},
	{"宣言", declaration.DeclarationKind}, {"declaration", declaration.DeclarationKind},
	{"条约", declaration.Treaty}, {"條約", declaration.Treaty}, {"宪章", declaration.Treaty}, {"憲章", declaration.Treaty},
	{"公约", declaration.Treaty}, {"公約", declaration.Treaty}, {"议定书", declaration.Treaty}, {"議定書", declaration.Treaty},
	{"treaty", declaration.Treaty}, {"charter", declaration.Treaty}, {"convention", declaration.Treaty}, {"protocol", declaration.Treaty},
	{"协定", declaration.Agreement}, {"協定", declaration.Agreement}, {"协议", declaration.Agreement}, {"協議", declaration.Agreement}, {"备忘录", declaration.Agreement},
	{"agreement", declaration.Agreement}, {"memorandum", declaration.Agreement},
	{"声明", declaration.Statement}, {"聲明", declaration.Statement}, {"statement", declaration.Statement},
	{"命令", declaration.Order}, {"布告", declaration.Order}, {"通令", declaration.Order}, {"训令", declaration.Order}, {"訓令", declaration.Order},
	{"此令", declaration.Order}, {"proclamation", declaration.Order},
	{"宪法", declaration.Law}, {"法", declaration.Law}, {"条例", declaration.Law}, {"條例", declaration.Law}, {"简章", declaration.Law}, {"章程", declaration.Law},
	{"决定", declaration.Law}, {"办法", declaration.Law}, {"辦法", declaration.Law}, {"规定", declaration.Law}, {"規定", declaration.Law}, {"决议", declaration.Law},
	{"constitution", declaration.Law}, {" act", declaration.Law},
}

// kindsByFirstByte indexes the rows of kinds by their word's first byte.
var kindsByFirstByte = func() (index [256][]uint8) {
	for row, k := range kinds {
		index[k.word[0]] = append(index[k.word[0]], uint8(row))
	}
	return index
}()

// speakers name who speaks in a title: a spokesman's words are a
// statement, whatever document they are about (中共发言人评…的决议).
var speakers = []string{"发言人", "發言人", "spokesman", "spokesperson"}

// actedOn are verbs that make a kind word the object of a headline, not
// the document's name: 国民党当局撕毁汉口协议 reports on an agreement.
// A 关于 title (…关于废除…的决定) always names itself, and is not checked.
var actedOn = []string{"撕毁", "撕毀", "破坏", "破壞", "违背", "違背", "违反", "違反", "评", "評", "驳斥", "駁斥",
	"反对", "反對", "拥护", "擁護", "响应", "響應", "废除", "廢除", "执行", "執行", "遵守", "签署", "簽署", "签订", "簽訂"}

// kindOf tells the kind of a document from its title: a speaker makes it
// a statement; otherwise the kind word nearest the end, unless a verb
// before it makes it the object of a report.
func kindOf(title string) declaration.Kind {
	t := strings.ToLower(title)
	if containsAny(t, speakers) {
		return declaration.Statement
	}
	// The kind word nearest the end of a Chinese title wins (…宪法修正案的
	// 决定 is a decision); the first listed wins ties. One pass over the
	// title tries the words that start with each byte.
	best, at, start, bestRow := declaration.Other, -1, 0, len(kinds)
	for i := 0; i < len(t); i++ {
		for _, row := range kindsByFirstByte[t[i]] {
			w := kinds[row].word
			if i+1 < len(t) && len(w) > 1 && t[i+1] != w[1] {
				continue // the second byte tells most Chinese words apart
			}
			if end := i + len(w); strings.HasPrefix(t[i:], w) && (end > at || end == at && int(row) < bestRow) {
				best, at, start, bestRow = kinds[row].kind, end, i, int(row)
			}
		}
	}
	if best != declaration.Other && !contains(t, "关于") && !contains(t, "關於") {
		if containsAny(t[:start], actedOn) {
			return declaration.Other
		}
	}
	return best
}

// stateEndings end the name of a state or its government; what follows
// the last party's name in a title without 关于 is the subject
// (西岭联邦政府渔业合作协定, 俄罗斯联邦睦邻友好合作条约).
var stateEndings = []string{"政府", "共和国", "共和國", "联邦", "聯邦", "王国", "王國", "合众国", "合眾國"}

// withoutSubject cuts a title's last party name after the last state
// ending it holds.
func withoutSubject(s string) string {
	end := -1
	for _, e := range stateEndings {
		if i := strings.LastIndex(s, e); i >= 0 && i+len(e) > end {
			end = i + len(e)
		}
	}
	if end < 0 {
		return s
	}
	return s[:end]
}

var (
	zhParties = regexp.MustCompile(`^(\p{Han}{4,60}?)(?:关于|關於)`)
	zhAnd     = regexp.MustCompile(`[和与與同、]`)
	// enParties reads "between A and B", "between A, B and C", "by A and
	// B" up to the subject (on, concerning, in relation to …). A leading
	// "the" is dropped; "Government of" is kept, as the text names the party.
	enParties = regexp.MustCompile(`(?i)\b(?:between|by)\s+(.+?\s+and\s+.+?)(?:\s+(?:on|concerning|regarding|relating|in\s+relation|in\s+respect|with\s+respect|for|to)\b|[.;:]|$)`)
	enListSep = regexp.MustCompile(`(?i),\s+(?:and\s+)?|\s+and\s+`)
)

// partiesOf finds the parties named in a title: 甲国和乙国关于…,
// Agreement between A and B. k is the kind the title names (kindOf), which
// its caller has found already.
func partiesOf(title string, k declaration.Kind) []string {
	// Each pattern runs only where the words it needs stand (关于, by).
	if m := zhPartiesIn(title); m != nil {
		// 共和国 contains 和: keep it whole while splitting.
		names := strings.ReplaceAll(strings.ReplaceAll(m[1], "共和国", "\x00"), "共和國", "\x01")
		var out []string
		for _, s := range zhAnd.Split(names, -1) {
			s = strings.TrimSuffix(strings.ReplaceAll(strings.ReplaceAll(s, "\x00", "共和国"), "\x01", "共和國"), "政府")
			if utf8.RuneCountInString(s) >= 2 {
				out = append(out, s)
			}
		}
		if len(out) >= 2 || len(out) == 1 && strings.HasSuffix(m[1], "政府") {
			return out // several parties, or one government speaking
		}
	}
	if k != declaration.Other {
		// 甲国和乙国联合声明: the names before the kind word
		for _, kw := range kinds {
			if kw.kind == k && strings.HasSuffix(title, kw.word) {
				names := strings.ReplaceAll(strings.TrimSuffix(title, kw.word), "共和国", "\x00")
				parts := zhAnd.Split(names, -1)
				if len(parts) < 2 {
					break
				}
				var out []string
				for i, s := range parts {
					s = strings.ReplaceAll(s, "\x00", "共和国")
					if i == len(parts)-1 {
						s = withoutSubject(s)
					}
					if s = strings.TrimSuffix(s, "政府"); runeLen(s) < 2 || runeLen(s) > 20 || !hasHan(s) {
						return nil
					}
					out = append(out, s)
				}
				return out
			}
		}
	}
	if !strings.ContainsAny(title, "bB") { // between, by
		return nil
	}
	if m := enParties.FindStringSubmatch(strings.ReplaceAll(title, "\n", " ")); m != nil {
		var out []string
		for _, s := range enListSep.Split(m[1], -1) {
			s = strings.TrimSpace(s)
			if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
				s = s[4:]
			}
			if s == "" || s[0] < 'A' || s[0] > 'Z' {
				return nil // not a list of names: …by the parties and …
			}
			out = append(out, titleCase(s))
		}
		if len(out) >= 2 {
			return out
		}
	}
	return nil
}

// zhPartiesIn matches zhParties where 关于 stands.
func zhPartiesIn(title string) []string {
	if !contains(title, "关于") && !contains(title, "關於") {
		return nil
	}
	return zhParties.FindStringSubmatch(title)
}

// footnoteCall is a footnote call in a title: [1], ⑴, ①, a superscript.
var footnoteCall = regexp.MustCompile(`\[[0-9]{1,3}\]|[⑴-⒇①-⑳¹²³⁴-⁹]+|</?[A-Za-z][^<>]*>`)

// cleanTitle removes footnote calls and HTML tags from a title.
func cleanTitle(t string) string {
	if strings.ContainsAny(t, "[<⑴⑵⑶①②③¹²³") {
		t = strings.TrimSpace(footnoteCall.ReplaceAllString(t, ""))
	}
	return t
}

// minorWords stay in lower case inside a name written in capitals.
var minorWords = []string{"of", "the", "and", "for", "in", "on", "to", "de", "du", "des", "la", "le"}

// titleCase writes a name printed in capitals (NEW ZEALAND, THE REPUBLIC
// OF ARCADIA) or with every word capitalised (The Commonwealth Of
// Australia, from a title in title case) as a name is written (New
// Zealand, The Republic of Arcadia); a name in mixed case is kept.
func titleCase(s string) string {
	words := strings.Fields(s)
	capitals := strings.ToUpper(s) == s && strings.ToLower(s) != s
	if !capitals && !everyWordCapitalised(words) {
		return s
	}
	for i, w := range words {
		lw := strings.ToLower(w)
		if i > 0 && slices.Contains(minorWords, lw) {
			words[i] = lw
			continue
		}
		if !capitals {
			continue
		}
		r, size := utf8.DecodeRuneInString(lw)
		words[i] = string(unicode.ToUpper(r)) + lw[size:]
	}
	return strings.Join(words, " ")
}

func everyWordCapitalised(words []string) bool {
	return len(words) > 1 && !slices.ContainsFunc(words, func(w string) bool {
		r, _ := utf8.DecodeRuneInString(w)
		return !unicode.IsUpper(r)
	})
}

func atoi(s string) int {
	n := digitValue(s)
	if n < 0 {
		return 0
	}
	return n
}
