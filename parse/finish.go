package parse

import (
	"cmp"
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// closingExpected lists the kinds of document that end with signatures or
// a place and date; the others (laws, news, orders) often do not.
var closingExpected = []declaration.Kind{declaration.JointStatement, declaration.JointCommunique,
	declaration.DeclarationKind, declaration.Treaty, declaration.Agreement}

func (p *parser) finish() {
	d := p.doc
	if d.Signed == nil {
		p.signedInBody()
	}
	own := sync.OnceValue(func() []string { // in the scratch's array: no text is kept past finish
		p.own = ownWords(d, p.own)
		return p.own
	})
	if len(d.Signatories) == 0 {
		p.signersInText(own())
	}
	if len(d.Parties) == 0 {
		d.Parties = p.partiesFromOpening(own)
	}
	if slices.ContainsFunc(d.Parties, oneWord) {
		fullPartyNames(d.Parties, own())
	}
	p.assignParties()
	verbatim := sync.OnceValue(d.Verbatim) // most documents need it for one test at the end, or not at all
	if words := own(); len(words) > 0 {
		d.Language = language(words) // the text's own words, not its front matter's
	} else {
		d.Language = language(verbatim())
	}
	if d.Kind == declaration.Other {
		d.Kind = ownKind(verbatim())
	}
	if len(d.Closing) == 0 && len(d.Body) > 0 && slices.Contains(closingExpected, d.Kind) {
		last := d.Body[len(d.Body)-1]
		end := lastPos(last)
		p.warn("no-closing", end, "document ends after %s with no closing (no signatures, place or date)", describe(last))
	}
	if len(d.Closing) == 0 && len(d.Body) > 0 && len(d.Attachments) == 0 {
		if last := lastText(verbatim()); last != "" && !endsWithAny(last, "。！？.!?”」』）)…—>") {
			p.warn("truncated", p.lastPos(), "text ends mid-sentence: the document may be truncated")
		}
	}
	slices.SortStableFunc(d.Diagnostics, func(a, b declaration.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	if left := p.warnings - maxDiagnostics; left > 0 {
		d.Diagnostics = append(d.Diagnostics, declaration.Diagnostic{Level: declaration.LevelWarning, Code: "too-many-diagnostics",
			Pos: p.lastPos(), Message: fmt.Sprintf("%d more diagnostics left out", left)})
	}
}

func describe(pr *declaration.Provision) string {
	if pr.Label != "" {
		return string(pr.Kind) + " " + strings.TrimRight(pr.Label, "、.．: ")
	}
	return string(pr.Kind) + " " + pr.ID
}

// lastPos is where the last provision of a subtree starts.
func lastPos(pr *declaration.Provision) declaration.Pos {
	for len(pr.Children) > 0 {
		pr = pr.Children[len(pr.Children)-1]
	}
	return pr.Pos
}

// lastPos is the position of the last character of the input.
func (p *parser) lastPos() declaration.Pos {
	for i := len(p.lines) - 1; i >= 0; i-- {
		if l := p.lines[i]; !l.blank() {
			return declaration.Pos{Line: l.num, Col: l.col + runeLen(l.text) - 1}
		}
	}
	return declaration.Pos{Line: 1, Col: 1}
}

func lastText(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return strings.TrimSpace(v[len(v)-1])
}

// signedInBody reads 本协定于一九九五年九月十一日在北京签订 and the
// English formulas (DONE at Geneva the twenty-fifth day of September, …;
// DATED this …) from the text, when the closing did not give them.
func (p *parser) signedInBody() {
	defer func() {
		// a text without provisions may hold the formula in a paragraph
		for _, bs := range [][]*declaration.Block{p.doc.Preamble, p.doc.Closing} {
			for _, b := range bs {
				if p.doc.Signed != nil {
					return
				}
				if b.Kind != declaration.Note {
					p.doc.Signed = p.signingFormula(b.Text)
				}
			}
		}
	}()
	p.doc.Walk(func(pr *declaration.Provision, _ []*declaration.Provision) bool {
		if s := p.signingFormula(pr.Text); s != nil {
			p.doc.Signed = s
			return false
		}
		if !contains(pr.Text, "日在") || !hasSigningWord(pr.Text) {
			return true // words signingBody needs: most provisions hold neither
		}
		m := signingBody.FindStringSubmatch(pr.Text)
		if m == nil {
			return true
		}
		if ds := p.findDates(m[1]); len(ds) > 0 {
			p.doc.Signed = &declaration.Signing{Date: &ds[0].date, Place: m[2]}
			return false
		}
		return true
	})
}

// signingFormulas open the sentence that dates an instrument: Done at,
// Signed at, Dated this, Given at, Made in. They count only at the start
// of a sentence (a report that "the Treaty was signed at …" is not one),
// and only with a date right after them or after the place.
var (
	signingFormulas = regexp.MustCompile(`(?:^|[.;:]\s*)(?:Done|DONE|Signed|SIGNED|Dated|DATED|Given|GIVEN|Made|MADE)\s+`)
	signingWords    = []string{"Done", "DONE", "Signed", "SIGNED", "Dated", "DATED", "Given", "GIVEN", "Made", "MADE"}
	signingPlace    = regexp.MustCompile(`^(?i:(?:at|in)\s+)?([A-Z][A-Za-z.'-]*(?:,?\s+[A-Z][A-Za-z.'-]*)*)?,?\s*(?i:(?:on|this|the)\s+)?$`)
)

// hasFormulaWord reports whether s holds one of signingWords: each of
// their first letters is sought with IndexByte, which is fast on the long
// Chinese texts that hold none.
func hasFormulaWord(s string) bool {
	for _, c := range []byte("DSGM") {
		for from := 0; ; {
			i := strings.IndexByte(s[from:], c)
			if i < 0 {
				break
			}
			for _, w := range signingWords {
				if w[0] == c && strings.HasPrefix(s[from+i:], w) {
					return true
				}
			}
			from += i + 1
		}
	}
	return false
}

// signingFormula reads the date and place of such a sentence in s.
func (p *parser) signingFormula(s string) *declaration.Signing {
	if !hasFormulaWord(s) {
		return nil
	}
	for _, m := range signingFormulas.FindAllStringIndex(s, -1) {
		rest := s[m[1]:]
		ds := p.findDates(rest[:min(len(rest), 400)])
		if len(ds) == 0 || ds[0].date.ISO == "" || ds[0].start > 80 {
			continue
		}
		pm := signingPlace.FindStringSubmatch(rest[:ds[0].start])
		if pm == nil {
			continue // words between the formula and the date: not a dateline
		}
		return &declaration.Signing{Date: &ds[0].date, Place: pm[1]}
	}
	return nil
}

// containsAny: one of words stands in s.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if contains(s, w) {
			return true
		}
	}
	return false
}

// hasSigningWord: 签 簽 or 订立/訂立 stand in s.
func hasSigningWord(s string) bool {
	return contains(s, "签") || contains(s, "簽") || contains(s, "订立") || contains(s, "訂立")
}

// assignParties gives each signatory the party their office names
// (哈萨克斯坦总统 → 哈萨克斯坦共和国); a bare office (国家主席) goes to the
// party no one else signed for.
func (p *parser) assignParties() {
	d := p.doc
	taken := map[string]bool{}
	for i := range d.Signatories {
		s := &d.Signatories[i]
		if s.Party != "" {
			taken[s.Party] = true
			continue
		}
		if s.Party = p.partyOf(s.Role + s.Name); s.Party != "" {
			taken[s.Party] = true
		}
	}
	for i := range d.Signatories {
		s := &d.Signatories[i]
		if s.Party != "" || !slices.Contains(roleWords, s.Role) {
			continue
		}
		for _, party := range d.Parties {
			if !taken[party] {
				s.Party = party
				taken[party] = true
				break
			}
		}
	}
}

// partyOf finds the party an office or a heading names (乙国国家主席 → 乙国).
func (p *parser) partyOf(role string) string {
	best := ""
	for _, party := range p.doc.Parties {
		if prefix := commonPrefix(role, party); runeLen(prefix) >= 2 && runeLen(prefix) > runeLen(best) {
			best = party
		}
	}
	return best
}

func commonPrefix(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return string(ra[:n])
}

// traditional and simplified hold characters that differ between the two
// scripts, to tell zh-Hant from zh-Hans.
const (
	traditional = "國們這與為關於條約說經濟發現時會對來過還沒國際權義務與協議聯應該當寫實體總統"
	simplified  = "国们这与为关于条约说经济发现时会对来过还没国际权义务与协议联应该当写实体总统"
)

// script marks the characters that only one of the two scripts uses:
// +1 traditional, -1 simplified.
var script = func() (m [0x10000]int8) {
	t, s := []rune(traditional), []rune(simplified)
	for i := range t {
		if t[i] != s[i] {
			m[t[i]], m[s[i]] = 1, -1
		}
	}
	return m
}()

// leading yields texts in order, cut so that together they hold at most
// n bytes: what is read at the start of a document to tell something of
// the whole.
func leading(texts []string, n int) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, s := range texts {
			if n <= 0 {
				return
			}
			s = s[:min(len(s), n)]
			n -= len(s)
			if !yield(s) {
				return
			}
		}
	}
}

// language tells Chinese (simplified or traditional) from English by
// counting characters in the first 4 KB of text, plenty to tell (a
// thousand Chinese characters, or seven hundred English words).
func language(texts []string) string {
	han, latin, trad, simp := letterCounts(texts)
	switch {
	case han == 0 && latin == 0:
		return ""
	case han*3 >= latin: // a Chinese character carries about as much as a word
		if trad > simp {
			return "zh-Hant"
		}
		return "zh-Hans"
	}
	return "en"
}

// letterCounts counts, in the first 4 KB of texts, the Han characters,
// the Latin letters, and the characters only traditional and only
// simplified Chinese use.
func letterCounts(texts []string) (han, latin, trad, simp int) {
	for s := range leading(texts, 4<<10) {
		// byte by byte: a letter is one byte, counted without a branch; a
		// Han character of U+3400–U+9FFF is three that start with E3–E9,
		// decoded here (no such character is overlong or a surrogate), the
		// text possibly cut inside one (TestLetterCounts)
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < utf8.RuneSelf {
				latin += int(asciiLetters[c])
				continue
			}
			if c < 0xE3 || c > 0xE9 || i+2 >= len(s) || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
				continue
			}
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			i += 2
			if r >= 0x3400 {
				han++
				switch script[r] {
				case 1:
					trad++
				case -1:
					simp++
				}
			}
		}
	}
	return han, latin, trad, simp
}

// asciiLetters is 1 for the ASCII letters, 0 for the other ASCII bytes.
var asciiLetters = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = 1, 1
	}
	return t
}()
