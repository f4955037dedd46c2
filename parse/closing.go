package parse

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

var (
	placeDateZH = regexp.MustCompile(`^(?:[0-9０-９一二三四五六七八九十〇○零Ｏ]{4}\s*年)?\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月\s*[0-9０-９一二三四五六七八九十廿卅]{1,3}\s*日\s*(?:[于於在]\s*(\p{Han}{1,8}))?$`)
	placeDateEN = regexp.MustCompile(`(?i)^(?:done|signed|dated|made)\s+(?:at|in|on|this)\b`)
	cityDateEN  = regexp.MustCompile(`^([A-Z][A-Za-z .'-]+),\s+[0-9]{1,2}\s+[A-Za-z]+\s+[0-9]{4}\.?$`)
	signedMark  = regexp.MustCompile(`[（(](?:签字|签名|签署|盖章|Signed|signed|Sgd\.?)[）)]|^\([A-Z][A-Z. '-]+\)\s+(?:[Oo]n behalf of|[Ff]or)\b`)
	roleName    = regexp.MustCompile(`^(\p{Han}{0,24}?(?:` + strings.Join(roleNameWords, "|") + `))[\s　]+(\p{Han}(?:[ \t　]*\p{Han}){1,3})$`)
	// roleNameWords are the offices roleName knows: one stands in every
	// line it matches, a test before the pattern.
	roleNameWords  = []string{"主席", "总统", "总理", "首相", "部长", "外长", "代表", "司令员", "司令", "政委", "委员长", "秘书长", "大使", "国王"}
	forParty       = regexp.MustCompile(`(?i)^for\s+(?:the\s+)?(.{3,80}?):?$`)
	sourceNote     = regexp.MustCompile(`^[（(]《.*[）)]$|^_?\[`)
	padded         = regexp.MustCompile(`\S[ \t　]{2,}\S`)
	columnGap      = regexp.MustCompile(`[ \t　]{2,}`)
	placeAt        = regexp.MustCompile(`(?i)\bat\s+([A-Z][A-Za-z .'-]+?)(?:,|\s+on\b|\s+this\b|\s+the\b|\s+in\b|$)`)
	onBehalf       = regexp.MustCompile(`^\(([A-Z][A-Za-z. '-]+)\)\s+(?:[Oo]n behalf of|[Ff]or)\s+(?:the\s+)?(.+)$`)
	nameThenOffice = regexp.MustCompile(`^([A-Z][A-Z.' -]*[A-Z.])\s+([A-Z][a-z].*)$`)
	notesHead      = regexp.MustCompile(`^(?:注释|注|附注|註釋|Notes?|NOTES?|Footnotes?)[：:]?$`)
	signingLead    = regexp.MustCompile(`^(.{2,80}?)((?:[0-9０-９一二三四五六七八九十]+月)?[0-9０-９一二三四五六七八九十廿卅]+日)(?:上午|下午|晚上?)?在(\p{Han}{2,6}?)(?:正式)?(签署|签订|簽署|簽訂|发表|發表|会谈|會談|举行|舉行)`)
	signingBody    = regexp.MustCompile(`[于於](.{4,20}?日)在(\p{Han}{2,6}?)(?:签订|签署|订立|簽訂|簽署|訂立)`)
	roleWords      = []string{"国家主席", "國家主席", "国务院总理", "國務院總理", "委员长", "委員長", "总统", "總統", "总理", "總理", "首相", "主席", "国王", "國王", "外交部长", "外交部長", "外长", "外長", "部长", "部長", "大使", "代表", "秘书长", "秘書長"}
)

// signatureState carries what a signature line leaves for the next one.
type signatureState struct {
	columns []string // roles written in columns, waiting for names below
	named   bool     // names were found under the columns
	party   string   // the party of a For … : line, waiting for a name
}

// signatureLine reads one line of a signature block: 职务 姓名, roles in
// columns and the names or （签字） under them, For the X: and the name
// (and office) under it. party is the party named by a For line above.
func (p *parser) signatureLine(t string, st *signatureState) {
	d := p.doc
	if t = stripCourtesy(strings.TrimSpace(t)); t == "" || !hasLetter(t) {
		return // a rule of underscores, a bare courtesy
	}
	if ms := p.findDates(t); len(ms) > 0 && ms[len(ms)-1].end == len(t) && ms[len(ms)-1].start > 0 && !strings.Contains(t, "  ") {
		// a dated signature line: Minister for Trade 6th July, 1957
		p.signedAt(t[ms[len(ms)-1].start:])
		t = strings.TrimRight(t[:ms[len(ms)-1].start], " ,")
		if startsWithOffice(t) {
			d.Signatories = append(d.Signatories, declaration.Signatory{Role: t})
			return
		}
	}
	if names := flattenedNames(t); names != nil {
		for _, n := range names {
			d.Signatories = append(d.Signatories, declaration.Signatory{Name: n, Party: st.party})
		}
		st.party = ""
		return
	}
	if n := len(d.Signatories); st.party == "" && n > 0 && d.Signatories[n-1].Party != "" && d.Signatories[n-1].Role == "" && weakClosing(t) && !forParty.MatchString(t) {
		d.Signatories[n-1].Role = t // the office under a name: President
		return
	}
	cells := splitColumns(t)
	switch n := len(cells); {
	case n == 2 && p.isDate(cells[1]) && st.columns == nil:
		// 冀南区党委  五月九日: who sent it, and when
		d.Signatories = append(d.Signatories, declaration.Signatory{Name: cells[0]})
		p.signedAt(cells[1])
	case onBehalf.MatchString(t):
		m := onBehalf.FindStringSubmatch(t) // (R. G. CALVERT) On behalf of New Zealand Delegation
		d.Signatories = append(d.Signatories, declaration.Signatory{Name: m[1], Party: strings.TrimRight(m[2], ".:")})
	case roleName.MatchString(t):
		m := roleName.FindStringSubmatch(t)
		d.Signatories = append(d.Signatories, declaration.Signatory{Name: squeeze(m[2]), Role: m[1]})
	case forParty.MatchString(t):
		st.party = strings.TrimRight(forParty.FindStringSubmatch(t)[1], ".:")
	case len(cells) > 1 && st.columns == nil && !hasSignedMark(t):
		st.columns = cells
	case len(cells) > 1 && len(cells) == len(st.columns):
		// names (or （签字）) under the roles written in columns
		for i, c := range cells {
			if hasSignedMark(c) {
				continue
			}
			// 外交部长　王镕 under 东海共和国政府代表: office and name
			s := declaration.Signatory{Name: c, Role: st.columns[i]}
			if f := strings.Fields(c); len(f) > 1 && spacedName(f) {
				s.Name = strings.Join(f, "") // 王　明: one name, spaced out
			} else if len(f) > 1 {
				s.Name, s.Role = f[len(f)-1], strings.Join(f[:len(f)-1], " ")
				s.Party = p.partyOf(st.columns[i])
			}
			d.Signatories = append(d.Signatories, s)
			st.named = true
		}
	case st.party != "":
		if name := strings.TrimSpace(signedMark.ReplaceAllString(t, "")); name != "" {
			s := declaration.Signatory{Name: name, Party: st.party}
			if m := nameThenOffice.FindStringSubmatch(name); m != nil {
				s.Name, s.Role = m[1], m[2] // ARTHUR A. CALWELL Minister for Immigration
			}
			d.Signatories = append(d.Signatories, s)
			st.party = ""
		}
	case len(cells) == 1 && st.columns == nil && !hasSignedMark(t) && !placeDateZH.MatchString(t) && nameLike(cells[0]):
		d.Signatories = append(d.Signatories, declaration.Signatory{Name: cells[0]}) // an issuing body
	}
}

// isDate: s is a date and nothing else.
func (p *parser) isDate(s string) bool {
	ms := p.findDates(s)
	return len(ms) == 1 && ms[0].start == 0 && ms[0].end == len(s)
}

// spacedName: every part is one character, as in a name spaced out to
// the width of the line above (王　明, 朱　　德).
func spacedName(parts []string) bool {
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
	}
	return len(parts) <= 4
}

// splitColumns splits a line written in columns padded with spaces.
func splitColumns(s string) []string {
	var cells []string
	for _, c := range columnGap.Split(strings.TrimSpace(s), -1) {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, c)
		}
	}
	return cells
}

// signedAt reads the signing date and place from a place-and-date line.
func (p *parser) signedAt(t string) {
	if p.doc.Signed != nil && p.doc.Signed.Date != nil {
		return
	}
	ms := p.findDates(t)
	if len(ms) == 0 {
		return
	}
	s := &declaration.Signing{Date: &ms[0].date}
	if m := placeDateZH.FindStringSubmatch(t); m != nil {
		s.Place = m[1]
	} else if m := placeAt.FindStringSubmatch(t); m != nil {
		s.Place = strings.TrimSpace(m[1])
	} else if m := cityDateEN.FindStringSubmatch(t); m != nil {
		s.Place = m[1]
	}
	p.doc.Signed = s
}

// signingVerbs say that the lead reports a signing, simplified and
// traditional.
var signingVerbs = []string{"签署", "签订", "簽署", "簽訂"}

// signingFromLead reads 国家主席江泽民和哈萨克斯坦总统纳扎尔巴耶夫９月１１日在北京签署了…
func (p *parser) signingFromLead(rest string) {
	if !slices.ContainsFunc(signingVerbs, func(v string) bool { return contains(rest, v) }) {
		return // what a match needs to count: the pattern need not run
	}
	m := signingLead.FindStringSubmatch(rest)
	if m == nil || !slices.Contains(signingVerbs, m[4]) {
		return
	}
	d := p.doc
	for _, piece := range splitNames(m[1]) {
		role, name := splitRole(piece)
		if role != "" && name != "" {
			d.Signatories = append(d.Signatories, declaration.Signatory{Name: name, Role: role})
		}
	}
	date := p.partialDate(m[2])
	d.Signed = &declaration.Signing{Date: date, Place: m[3]}
}

// splitNames splits 甲和乙、丙 into its parts, keeping 共和国 whole.
func splitNames(s string) []string {
	s = strings.ReplaceAll(s, "共和国", "\x00")
	var out []string
	for _, piece := range zhAnd.Split(s, -1) {
		out = append(out, strings.ReplaceAll(piece, "\x00", "共和国"))
	}
	return out
}

// splitRole splits 哈萨克斯坦总统纳扎尔巴耶夫 into role and name.
func splitRole(s string) (string, string) {
	best := -1
	for _, w := range roleWords {
		if i := strings.LastIndex(s, w); i >= 0 && i+len(w) > best {
			best = i + len(w)
		}
	}
	if best < 0 || best == len(s) {
		return "", ""
	}
	name := s[best:]
	if n := utf8.RuneCountInString(name); n < 2 || n > 8 || !hasHan(name) {
		return "", ""
	}
	return strings.TrimSpace(s[:best]), name // 电　国家主席…: no space before the role
}
