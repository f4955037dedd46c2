package parse

import (
	"iter"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

var (
	bracketed = regexp.MustCompile(`《([^《》]+)》`)
	// Defined terms: （以下简称“双方”）, （下称甲方）, (hereinafter referred
	// to as "the Parties"); "Vessel" means …; 本法所称条约，是指…. Group 1 is
	// the term; group 2, where the pattern has it, what it means.
	definedZH   = regexp.MustCompile(`[（(](?:以下|下文|下)?(?:简|簡)?(?:称|稱)(?:为|為)?[：:]?[“"「]?([^“”"「」（）()，。]{1,30}?)[”"」]?[）)]`)
	definedEN   = regexp.MustCompile(`(?i)\((?:hereinafter|hereafter)\s+(?:referred\s+to\s+as|called|cited\s+as)\s+(?:the\s+)?["“]?([^")”]{1,60}?)["”]?\)`)
	meansEN     = regexp.MustCompile(`["“]([^"”]{1,60})["”]\s+(?:means|shall\s+mean|refers\s+to)\s+([^;]{1,300}?)(?:[;]|\.(?:\s|$)|$)`)
	meansZH     = regexp.MustCompile(`本(?:法|条例|條例|规定|規定|办法|辦法|协定|協定|公约|公約|条约|條約)(?:中)?所(?:称|稱)(?:的)?[“"「]?([^，,。；“”"「」]{1,30}?)[”"」]?[，,]?(?:是指|系指|係指|指)([^。；]{1,300})`)
	actionWords = []string{"签署", "签订", "发表", "通过", "缔结", "公布", "批准", "发布", "达成", "生效", "颁布"}
	wellKnown   = []string{"联合国宪章", "世界人权宣言", "Charter of the United Nations", "United Nations Charter", "Universal Declaration of Human Rights"}
	openers     = "（(《“「『〔【[" // as in checkBrackets' switch
	closers     = "）)》”」』〕】]" // closers[i] closes openers[i], rune for rune
)

// textUnit is one verbatim text of the document with the ID it belongs to.
type textUnit struct {
	id   string
	text *string
}

// units yields every verbatim text that can mention dates and
// instruments, in document order: walked as it is read, with no list made.
func (p *parser) units() iter.Seq[textUnit] {
	return func(yield func(textUnit) bool) {
		blocks := func(bs []*declaration.Block) bool {
			for _, b := range bs {
				switch b.Kind {
				case declaration.IssueDate, declaration.PageLine, declaration.ColumnLine, declaration.FrontMatter:
					continue
				}
				if !yield(textUnit{b.ID, &b.Text}) {
					return false
				}
			}
			return true
		}
		provisions := func(ps []*declaration.Provision) bool {
			return declaration.WalkProvisions(ps, func(pr *declaration.Provision, _ []*declaration.Provision) bool {
				return yield(textUnit{pr.ID, &pr.Heading}) && yield(textUnit{pr.ID, &pr.Text})
			})
		}
		if !blocks(p.doc.Front) || !blocks(p.doc.Preamble) || !provisions(p.doc.Body) || !blocks(p.doc.Closing) {
			return
		}
		for _, a := range p.doc.Attachments {
			if !yield(textUnit{a.ID, &a.Heading}) || !provisions(a.Body) || !blocks(a.Closing) {
				return
			}
		}
	}
}

// scan finds dates, references, defined terms and unclosed brackets.
func (p *parser) scan() {
	d := p.doc
	refs := map[string]int{} // title → index in d.References
	addRef := func(u textUnit, loc *locator, title string, at int, date *declaration.Date, action string) {
		if i, ok := refs[title]; ok {
			r := &d.References[i]
			if !slices.Contains(r.At, u.id) {
				r.At = append(r.At, u.id)
			}
			if r.Date == nil && date != nil {
				r.Date, r.Action = date, action
			}
			return
		}
		refs[title] = len(d.References)
		d.References = append(d.References, declaration.Reference{Title: title, Date: date, Action: action, At: []string{u.id}, Pos: loc.at(at)})
	}
	// the title as the two tests of a text naming itself compare it
	squeezedTitle, lowerTitle := squeeze(d.Title), strings.ToLower(d.Title)
	for u := range p.units() {
		text := *u.text
		if text == "" {
			continue
		}
		s := p.spans[u.text]
		loc := s.locator()
		h := hintsOf(text)
		dates := p.findDatesHinted(text, h)
		for _, m := range dates {
			d.Dates = append(d.Dates, declaration.DateMention{Date: m.date, At: u.id, Pos: loc.at(m.start)})
			if m.date.ISO == "" {
				p.warn("date-year-unknown", loc.at(m.start), "%s: the year is not written and the text's date does not tell it", m.date.Text)
			}
		}
		if h.book {
			for _, m := range bracketed.FindAllStringSubmatchIndex(text, -1) {
				date, action := dateAndAction(text[:m[0]], dates)
				addRef(u, loc, collapseHanSpaces(text[m[2]:m[3]]), m[0], date, action)
			}
		}
		for _, name := range wellKnown {
			if !h.known {
				break
			}
			for i := 0; ; {
				j := index(text[i:], name)
				if j < 0 {
					break
				}
				at := i + j
				if !strings.HasSuffix(text[:at], "《") {
					addRef(u, loc, name, at, nil, "")
				}
				i = at + len(name)
			}
		}
		if h.instrument {
			for _, r := range shortNamedInstruments(text) {
				if !strings.HasSuffix(squeezedTitle, r.title) { // the text naming itself
					addRef(u, loc, r.title, r.at, nil, "")
				}
			}
		}
		if h.capital {
			for _, r := range instrumentNames(text) {
				if !strings.Contains(lowerTitle, strings.ToLower(r.title)) { // the text naming itself
					addRef(u, loc, r.title, r.at, nil, "")
				}
			}
		}
		d.DefinedTerms = append(d.DefinedTerms, definedTerms(text, u.id, h)...)
		if h.bracket {
			p.checkBrackets(text, loc)
		}
	}
}

// hints says, from one pass over a text's bytes, which of the scans can
// find anything in it: most texts hold no date, no 《》, no defined term.
type hints struct {
	year, month, day, digit bool // 年 月 日 0-9
	book                    bool // 《
	term                    bool // 称 稱 (以下简称)
	known                   bool // 联 世 U: a letter every wellKnown name holds
	bracket                 bool // any bracket checkBrackets follows
	capital                 bool // T A C D P (C)onvention: the first letters of instrumentNouns
	quote                   bool // " “ ("vessel" means)
	instrument              bool // 协 条 公 宣 宪 …: the first characters of shortInstrumentKinds
	monthLetter             bool // J F M A S O N D, either case: the first letters of the months
	u                       bool // u or U, which "thousand" holds: most texts hold no year in words
}

func hintsOf(text string) hints {
	var bits hintBit
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < 0x80 {
			bits |= hintOfRune[c]
			continue
		}
		if c < 0xE0 || c >= 0xF0 || i+2 >= len(text) {
			continue // only three-byte characters matter here
		}
		if r := rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F); hinted[r>>6]&(1<<(r&63)) != 0 {
			bits |= hintOfRune[r]
		}
		i += 2
	}
	return hints{
		year: bits&hintYear != 0, month: bits&hintMonth != 0, day: bits&hintDay != 0, digit: bits&hintDigit != 0,
		book: bits&hintBook != 0, term: bits&hintTerm != 0, known: bits&hintKnown != 0, bracket: bits&hintBracket != 0,
		capital: bits&hintCapital != 0, quote: bits&hintQuote != 0, instrument: bits&hintInstrument != 0,
		monthLetter: bits&hintMonthLetter != 0, u: bits&hintU != 0,
	}
}

// hintBit is one of hints' fields, as a bit.
type hintBit uint16

const (
	hintYear hintBit = 1 << iota
	hintMonth
	hintDay
	hintDigit
	hintBook
	hintTerm
	hintKnown
	hintBracket
	hintCapital
	hintQuote
	hintInstrument
	hintMonthLetter
	hintU
)

// hintChars are the characters each hint looks for: the table hintsOf
// reads, one lookup per character.
var hintChars = []struct {
	chars string
	bits  hintBit
}{
	{"0123456789", hintDigit},
	{"U", hintKnown | hintCapital}, // all three English names of wellKnown hold a U
	{"TADPC", hintCapital},
	{"()[]", hintBracket},
	{`"`, hintQuote},
	{"年", hintYear}, {"月", hintMonth}, {"日", hintDay},
	{"《", hintBook | hintBracket},
	{"称稱", hintTerm},
	{"协協条條公宣宪憲", hintInstrument}, // the first characters of shortInstrumentKinds
	{"联世", hintKnown},
	{"“", hintBracket | hintQuote},
	{"（）》”「」『』〔〕【】", hintBracket},
	{"JFMASONDjfmasond", hintMonthLetter}, // as monthFirsts
	{"uU", hintU},
}

// hintOfRune is hintChars by character, for the Basic Multilingual Plane.
var hintOfRune = func() (t [0x10000]hintBit) {
	for _, row := range hintChars {
		for _, r := range row.chars {
			t[r] |= row.bits
		}
	}
	return t
}()

// hinted marks the characters that have a hint, a bit each: most
// characters have none, and this set, unlike hintOfRune, fits in the
// processor's fastest cache.
var hinted = func() (set [0x10000 / 64]uint64) {
	for r, bits := range hintOfRune {
		if bits != 0 {
			set[r>>6] |= 1 << (r & 63)
		}
	}
	return set
}()

// collapseHanSpaces removes the spaces of a spaced-out text (世 界 人 权
// 宣 言) where they stand between Chinese characters, and trims the ends.
func collapseHanSpaces(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, " 　") || !hasHan(s) {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if (r == ' ' || r == '　') && i > 0 && i+1 < len(rs) && (hasHan(string(rs[i-1])) || hasHan(string(rs[i+1]))) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// dateAndAction finds "<date><verb>的" right before a 《…》 title.
func dateAndAction(before string, dates []dateMatch) (*declaration.Date, string) {
	before = strings.TrimSuffix(before, "的")
	for _, verb := range actionWords {
		if !strings.HasSuffix(before, verb) {
			continue
		}
		rest := strings.TrimSuffix(before, verb)
		// the nearest date before the verb, possibly with a place between (在北京签署)
		var best *declaration.Date
		for i := range dates {
			m := dates[i]
			if m.end <= len(rest) {
				gap := rest[m.end:]
				if utf8.RuneCountInString(gap) <= 12 && !strings.ContainsAny(gap, "，。；、《》") {
					best = &dates[i].date
				}
			}
		}
		return best, verb
	}
	return nil, ""
}

// definitions are the patterns that define terms, each with a cheap test
// of a word it needs.
var definitions = []struct {
	re  *regexp.Regexp
	cue func(text string, h hints) bool
}{
	{definedZH, func(text string, h hints) bool { return h.term && h.bracket && opensTerm(text) }},
	{definedEN, func(text string, h hints) bool {
		return h.bracket && (contains(text, "ereafter") || contains(text, "ereinafter"))
	}},
	{meansEN, func(text string, h hints) bool {
		return h.quote && (contains(text, " mean") || contains(text, "refers to"))
	}},
	{meansZH, func(text string, h hints) bool {
		return h.term && (contains(text, "所称") || contains(text, "所稱"))
	}},
}

// opensTerm: a parenthesis in text opens a term as definedZH's matches
// do, （以下简称, (下称, （称 … (TestPatternCues): most texts that hold 称
// and a bracket hold 名称 or 称号, not a definition.
func opensTerm(text string) bool {
	for _, open := range []string{"（", "("} {
		for i := range occurrences(text, open) {
			rest := text[i+len(open):]
			for _, before := range []string{"以下", "下文", "下", ""} {
				r, ok := strings.CutPrefix(rest, before)
				if !ok {
					continue
				}
				r = strings.TrimPrefix(strings.TrimPrefix(r, "简"), "簡")
				if strings.HasPrefix(r, "称") || strings.HasPrefix(r, "稱") {
					return true
				}
			}
		}
	}
	return false
}

// definedTerms are the terms text defines, in order: by a parenthesis
// after what they stand for, or by a definition ("X" means …, 本法所称X，
// 是指…).
func definedTerms(text, at string, h hints) []declaration.DefinedTerm {
	type found struct {
		start int
		term  declaration.DefinedTerm
	}
	var out []found
	for _, row := range definitions {
		if !row.cue(text, h) {
			continue // a word the pattern needs is not in the text
		}
		for _, m := range row.re.FindAllStringSubmatchIndex(text, -1) {
			t := declaration.DefinedTerm{Term: strings.Trim(strings.TrimSpace(text[m[2]:m[3]]), "'‘’\"“”"), At: at}
			if len(m) > 4 {
				t.Means = strings.TrimSpace(text[m[4]:m[5]])
			} else {
				t.Means = meaningBefore(text[:m[0]])
			}
			out = append(out, found{m[0], t})
		}
	}
	slices.SortStableFunc(out, func(a, b found) int { return a.start - b.start })
	terms := make([]declaration.DefinedTerm, len(out))
	for i, f := range out {
		terms[i] = f.term
	}
	return terms
}

// meaningBefore is the phrase a defined term stands for: the text before
// the parenthesis back to the previous punctuation.
func meaningBefore(s string) string {
	if strings.HasSuffix(s, "》") {
		if i := strings.LastIndex(s, "《"); i >= 0 {
			return s[i+len("《") : len(s)-len("》")] // 根据《…法》（以下简称…）: the instrument
		}
	}
	i := strings.LastIndexAny(s, "，。；：、,;:.\n)）")
	if i >= 0 {
		_, size := utf8.DecodeRuneInString(s[i:])
		s = s[i+size:]
	}
	s = strings.TrimSpace(s)
	for _, p := range []string{"and ", "And "} {
		s = strings.TrimPrefix(s, p)
	}
	// 双方设立渔业联合委员会（以下简称委员会）: what is named is the object
	// of the verb, not the clause.
	best := -1
	for _, v := range objectVerbs {
		if i := strings.LastIndex(s, v); i >= 0 && i+len(v) > best && i+len(v) < len(s) {
			best = i + len(v)
		}
	}
	if best >= 0 {
		s = s[best:]
	}
	return s
}

// objectVerbs stand before what a Chinese defined term names.
var objectVerbs = []string{"设立", "設立", "成立", "建立", "组成", "組成", "根据", "根據", "依照", "按照", "依据", "依據", "签订", "簽訂", "缔结", "締結", "通过", "通過", "设置", "設置"}

// closerOf gives the closing bracket of an opening one.
func closerOf(open rune) rune {
	for i, o := range openers {
		if o == open {
			c, _ := utf8.DecodeRuneInString(closers[closerAt[i]:])
			return c
		}
	}
	return 0
}

// closerAt maps the byte offset of each opener in openers to that of its
// closer in closers.
var closerAt = func() map[int]int {
	m := map[int]int{}
	ci := 0
	for oi := range openers {
		m[oi] = ci
		_, size := utf8.DecodeRuneInString(closers[ci:])
		ci += size
	}
	return m
}()

// checkBrackets reports brackets opened and never closed in one text.
func (p *parser) checkBrackets(text string, loc *locator) {
	type opened struct {
		r  rune
		at int
	}
	var stack []opened
	for i, size := 0, 0; i < len(text); i += size {
		// The brackets are ( ) [ ] and characters whose UTF-8 starts with
		// E2, E3 or EF: every other byte is passed over undecoded.
		size = 1
		if c := text[i]; c < utf8.RuneSelf && c != '(' && c != ')' && c != '[' && c != ']' || c >= utf8.RuneSelf && c != 0xE2 && c != 0xE3 && c != 0xEF {
			continue
		}
		var r rune
		r, size = utf8.DecodeRuneInString(text[i:])
		switch r {
		case '（', '(', '《', '“', '「', '『', '〔', '【', '[':
			stack = append(stack, opened{r, i})
			continue
		case '）', ')', '》', '”', '」', '』', '〕', '】', ']':
		default:
			continue // most characters are no bracket at all
		}
		for j := len(stack) - 1; j >= 0; j-- {
			if r == closerOf(stack[j].r) || (r == ')' && stack[j].r == '（') || (r == '）' && stack[j].r == '(') {
				stack = stack[:j]
				break
			}
		}
	}
	for _, o := range stack {
		p.warn("bracket-unclosed", loc.at(o.at), "%c opened here is never closed", o.r)
	}
}

// Chinese instruments cited without 《》 by a short name: a place or a
// short proper name of two characters and the kind word (荷泽协定, 汉口协议,
// 停战协定), standing after a boundary — punctuation, 的, a date's 月, or
// a word that acts on an instrument (执行, 违反, 签订 …). Longer unbracketed
// names cannot be told from descriptions (友好合作条约, 有关司法合作的条约)
// without a dictionary, so they are left out: a wrong reference is worse
// than none.
var (
	shortInstrumentKinds = []string{"协定", "協定", "协议", "協議", "条约", "條約", "公约", "公約", "宣言", "公报", "公報", "宪章", "憲章"}
	// instrumentOpeners stand right before such a name.
	instrumentOpeners = []string{"的", "月", "而", "因此", "执行", "執行", "违反", "違反", "违背", "違背", "撕毁", "撕毀", "破坏", "破壞",
		"遵守", "根据", "根據", "依照", "按照", "签订", "簽訂", "签署", "簽署", "置", "及", "和", "与", "與"}
	// notNames are two characters that make a kind word a description
	// (多边条约, 下列条约, 双方协定) or an act on one (履行条约), not a name.
	notNames = []string{"多边", "双边", "和平", "友好", "通商", "合作", "有关", "重要", "其他", "上述", "这一", "该项", "此项",
		"两国", "双方", "一切", "所有", "各项", "这个", "一项", "国际", "联合", "政治", "军事", "经济", "贸易", "金融", "边界", "秘密",
		"临时", "正式", "书面", "下列", "上列", "前款", "以下", "以上", "加入", "接受", "履行", "修改",
		"废除", "订立", "拟订", "保存", "执行", "遵守", "违反", "撕毁", "破坏",
		"達成", "簽署", "簽訂", "發表", "通過", "締結", "公佈", "發佈", "頒佈", "雙方", "兩國", "多邊", "雙邊"} // and actionWords (签署, 发表 …)
	// functionChars never stand in a short name, nor do numerals (三大协议).
	functionChars   = "的之和与與及或了等各该該本此这這其所被对對向在于於为為将將同把一二三四五六七八九十两兩几幾多"
	functionCharSet = newRuneSet(functionChars)
)

func shortNamedInstruments(text string) []instrumentRef {
	var out []instrumentRef
	for at := 0; at < len(text); at++ { // one pass: most texts name no instrument
		r, ok := bmpAt(text, at) // the kinds start with Chinese characters
		if !ok {
			continue
		}
		if shortInstrumentFirsts[r>>6]&(1<<(r&63)) == 0 {
			at += 2
			continue
		}
		for _, kind := range shortInstrumentKinds {
			if !strings.HasPrefix(text[at:], kind) {
				continue
			}
			start := at
			for n := 0; n < 2 && start > 0; n++ {
				r, size := utf8.DecodeLastRuneInString(text[:start])
				if !isHan(r) || functionCharSet.has(r) {
					start = -1
					break
				}
				start -= size
			}
			if start < 0 || at-start != 6 || slices.Contains(notNames, text[start:at]) || slices.Contains(actionWords, text[start:at]) {
				continue
			}
			before := text[:start]
			if last, _ := utf8.DecodeLastRuneInString(before); before != "" && isHan(last) &&
				!slices.ContainsFunc(instrumentOpeners, func(w string) bool { return strings.HasSuffix(before, w) }) {
				continue // 二中全会宣言: the name goes on before these two characters
			}
			out = append(out, instrumentRef{title: text[start : at+len(kind)], at: start})
		}
	}
	return out
}

// shortInstrumentFirsts is the set of the first characters of
// shortInstrumentKinds, a bit per character of the BMP: the test runs on
// every character of a Chinese text.
var shortInstrumentFirsts = func() (set [0x10000 / 64]uint64) {
	for _, k := range shortInstrumentKinds {
		r, _ := utf8.DecodeRuneInString(k)
		set[r>>6] |= 1 << (r & 63)
	}
	return set
}()
