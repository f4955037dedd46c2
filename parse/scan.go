package parse

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

var (
	bracketed   = regexp.MustCompile(`《([^《》]+)》`)
	definedZH   = regexp.MustCompile(`[（(]以下(?:简|簡)?(?:称|稱)[“"「]([^”"」]{1,30})[”"」][）)]`)
	definedEN   = regexp.MustCompile(`(?i)\((?:hereinafter|hereafter)\s+(?:referred\s+to\s+as|called|cited\s+as)\s+(?:the\s+)?["“]?([^")”]{1,60}?)["”]?\)`)
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

// units lists every verbatim text that can mention dates and instruments,
// in document order.
func (p *parser) units() []textUnit {
	var out []textUnit
	blocks := func(bs []*declaration.Block) {
		for _, b := range bs {
			switch b.Kind {
			case declaration.IssueDate, declaration.PageLine, declaration.ColumnLine, declaration.FrontMatter:
				continue
			}
			out = append(out, textUnit{b.ID, &b.Text})
		}
	}
	provisions := func(ps []*declaration.Provision) {
		declaration.WalkProvisions(ps, func(pr *declaration.Provision, _ []*declaration.Provision) bool {
			out = append(out, textUnit{pr.ID, &pr.Heading}, textUnit{pr.ID, &pr.Text})
			return true
		})
	}
	blocks(p.doc.Front)
	blocks(p.doc.Preamble)
	provisions(p.doc.Body)
	blocks(p.doc.Closing)
	for _, a := range p.doc.Attachments {
		out = append(out, textUnit{a.ID, &a.Heading})
		provisions(a.Body)
		blocks(a.Closing)
	}
	return out
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
	for _, u := range p.units() {
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
				j := strings.Index(text[i:], name)
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
		if h.capital {
			for _, r := range instrumentNames(text) {
				if !strings.Contains(strings.ToLower(d.Title), strings.ToLower(r.title)) { // the text naming itself
					addRef(u, loc, r.title, r.at, nil, "")
				}
			}
		}
		for _, re := range []*regexp.Regexp{definedZH, definedEN} {
			if !h.term && !strings.Contains(text, "ereafter") && !strings.Contains(text, "ereinafter") {
				break // neither 以下简称 nor hereinafter
			}
			for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
				d.DefinedTerms = append(d.DefinedTerms, declaration.DefinedTerm{
					Term: strings.Trim(strings.TrimSpace(text[m[2]:m[3]]), "'‘’\"“”"), Means: meaningBefore(text[:m[0]]), At: u.id,
				})
			}
		}
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
	known                   bool // 联 世 C U: the first letters of wellKnown names
	bracket                 bool // any bracket checkBrackets follows
	capital                 bool // T A C D P (C)onvention: the first letters of instrumentNouns
}

func hintsOf(text string) hints {
	var h hints
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < 0x80 {
			switch {
			case c >= '0' && c <= '9':
				h.digit = true
			case c == 'C' || c == 'U':
				h.known, h.capital = true, true
			case c == 'T' || c == 'A' || c == 'D' || c == 'P':
				h.capital = true
			case c == '(' || c == ')' || c == '[' || c == ']':
				h.bracket = true
			}
			continue
		}
		if c < 0xE0 || c >= 0xF0 || i+2 >= len(text) {
			continue // only three-byte characters matter here
		}
		r := rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
		i += 2
		switch r {
		case '年':
			h.year = true
		case '月':
			h.month = true
		case '日':
			h.day = true
		case '《':
			h.book, h.bracket = true, true
		case '称', '稱':
			h.term = true
		case '联', '世':
			h.known = true
		case '（', '）', '》', '“', '”', '「', '」', '『', '』', '〔', '〕', '【', '】':
			h.bracket = true
		}
	}
	return h
}

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

// meaningBefore is the phrase a defined term stands for: the text before
// the parenthesis back to the previous punctuation.
func meaningBefore(s string) string {
	i := strings.LastIndexAny(s, "，。；：、,;:.\n")
	if i >= 0 {
		_, size := utf8.DecodeRuneInString(s[i:])
		s = s[i+size:]
	}
	s = strings.TrimSpace(s)
	for _, p := range []string{"and ", "And "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

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
	for i, r := range text {
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
