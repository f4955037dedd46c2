package parse

import (
	"cmp"
	"iter"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// The passes here run once the tree is built, over the whole text: they
// fill metadata the title and the closing did not give.

// selfRefs are how a text refers to itself, before a kind word of the
// kinds table: 本宪章, this Treaty, the present Convention (in any case).
var selfRefs = []string{"本", "this ", "This ", "THIS ", "the present ", "The present ", "THE PRESENT "}

// selfRefEnds yields the offset just past each self-reference of
// selfRefs in t: 本 in Chinese text (han), the English ones elsewhere.
// The English ones are found by what follows their first letter (his ,
// HIS , he present , HE PRESENT ): four searches for a letter rarer than
// t, not six (TestSelfRefEnds ties it to a search for each).
func selfRefEnds(t string, han bool) iter.Seq[int] {
	return func(yield func(int) bool) {
		if han {
			for at := range occurrences(t, "本") {
				if !yield(at + len("本")) {
					return
				}
			}
			return
		}
		for _, tail := range []string{"his ", "HIS ", "he present ", "HE PRESENT "} {
			for at := range occurrences(t, tail) {
				if at > 0 && (t[at-1] == 'T' || t[at-1] == 't' && tail[0] == 'h') && !yield(at+len(tail)) {
					return
				}
			}
		}
	}
}

// enclosures introduce the text of an instrument inside a covering
// cable or letter; the kind word in the group is what the text is:
// "Text of the agreement begins", "the text of the United States Draft
// Treaty on …. Begins", "…协定全文如下". Each row has a plain word that
// must stand in the text before the expression is tried.
var enclosures = []struct {
	word, upper string // upper: the word in capitals, which stands for it too (TestEnclosureUppers)
	re          *regexp.Regexp
}{
	{"ext of", "EXT OF", regexp.MustCompile(`(?i)\btext of (?:the )?([^.:;]{1,120}?)(?:\s+begins|[.:;])`)},
	{"全文如下", "全文如下", regexp.MustCompile(`([\p{Han}《》]{2,40}?)全文如下`)},
}

// selfKinds are the rows of kinds that can follow a self-reference, in
// table order: [0] the English ones, [1] the Chinese ones (" act" is no
// self-reference shape).
var selfKinds = func() (rows [2][]struct {
	word string
	kind declaration.Kind
}) {
	for _, k := range kinds {
		if strings.TrimSpace(k.word) == k.word {
			rows[b2i(hasHan(k.word))] = append(rows[b2i(hasHan(k.word))], k)
		}
	}
	return rows
}()

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ownKind tells the kind of a document whose title names none from its
// own words: the kind it most often calls itself (at least twice), else
// what the text it encloses is.
func ownKind(verbatim []string) declaration.Kind {
	count := map[declaration.Kind]int{}
	for _, t := range verbatim {
		han := hasHan(t)
		for i := range selfRefEnds(t, han) {
			for _, k := range selfKinds[b2i(han)] {
				if len(t)-i >= len(k.word) && strings.EqualFold(t[i:i+len(k.word)], k.word) {
					count[k.kind]++
					break
				}
			}
		}
	}
	best, n := declaration.Other, 1
	for _, k := range kinds { // in table order, so ties are decided the same way every time
		if count[k.kind] > n {
			best, n = k.kind, count[k.kind]
		}
	}
	if best != declaration.Other {
		return best
	}
	for t := range leading(verbatim, 4<<10) { // the covering words stand at the start
		for _, e := range enclosures {
			if !contains(t, e.word) && !contains(t, e.upper) {
				continue
			}
			if m := e.re.FindStringSubmatch(t); m != nil {
				if k := kindOf(m[1]); k != declaration.Other {
					return k
				}
			}
		}
	}
	return declaration.Other
}

// markings are the words of a security or handling marking above a
// text (MOST SECRET AND PERSONAL, TOP SECRET): never its title.
var markings = []string{"TOP", "MOST", "SECRET", "CONFIDENTIAL", "PERSONAL", "RESTRICTED", "URGENT", "IMMEDIATE",
	"PRIORITY", "CLEAR", "AND", "绝密", "機密", "机密", "秘密", "急件", "特急"}

func isMarking(s string) bool {
	f := strings.Fields(s)
	for _, w := range f {
		if !slices.Contains(markings, w) {
			return false
		}
	}
	return len(f) > 0
}

// ownTitle prefers the text's own heading to an editor's title (YAML
// front matter) or to none: among the heading lines before the first
// paragraph — Markdown headings, lines in capitals, short lines naming a
// kind — passing over datelines and markings, the first that names a
// kind of document, else the first Markdown or capitals heading. Lines
// are only read here, not taken: they stay where the text has them.
func (p *parser) ownTitle() {
	if p.doc.Publication != nil || !p.editorTitle && p.doc.Title != "" {
		return
	}
	type candidate struct {
		text    string
		heading bool // Markdown, capitals or title case
		line    int  // index in p.lines; -1 when joined from two lines
	}
	var cands []candidate
	var datelines []int // lines passed over as datelines before the first candidate
	for i, seen := p.next, 0; i < len(p.lines) && seen < 8; i++ {
		l := p.lines[i]
		if l.blank() {
			continue
		}
		seen++
		t, md := l.text, false
		if m := mdHeading.FindStringSubmatch(t); m != nil { // also ##Heading without the space
			t, md = strings.TrimSpace(m[2]), true
		}
		if _, _, _, marked := findMarker(t); marked || runesAtMost(t, 301) > 300 {
			break
		}
		if isMarking(t) || p.dated(t) {
			if len(cands) == 0 && !md {
				datelines = append(datelines, i)
			}
			continue // a dateline: CANBERRA, 21 January 1944
		}
		caps := isCapitals(t)
		if !md && (endsSentence(t) || strings.Contains(t, ". ") || strings.Contains(t, "。")) {
			break // a sentence, not a heading
		}
		if strings.HasPrefix(strings.ToLower(t), "between ") && len(cands) > 0 {
			cands[len(cands)-1].text += " " + t // AGREEMENT / Between A and B
			cands[len(cands)-1].line = -1
			continue
		}
		titled := !md && !caps && titleCased(t) // Agreed Minutes of Meetings of …, as a heading is written
		if !md && !caps && !titled && kindOf(t) == declaration.Other {
			break
		}
		line := i
		if md {
			line = -1
		}
		cands = append(cands, candidate{t, md || caps || titled, line})
	}
	var pick *candidate
	for i, c := range cands {
		if kindOf(c.text) != declaration.Other {
			pick = &cands[i]
			break
		}
	}
	if pick == nil {
		for i, c := range cands {
			if c.heading {
				pick = &cands[i]
				break
			}
		}
	}
	if pick == nil || strings.TrimRight(pick.text, ". ") == "" {
		return
	}
	p.setTitle(strings.TrimRight(pick.text, ". "))
	p.editorTitle = false
	// The text's own title line right after the front matter (and the
	// datelines above it) is its title block, as it would be without
	// front matter, not a paragraph.
	first := p.firstLineFrom(p.next)
	n := 0
	for n < len(datelines) && datelines[n] == first {
		first, n = p.firstLineFrom(first+1), n+1
	}
	if pick.line >= 0 && pick.line == first {
		for _, i := range datelines[:n] {
			p.addBlock(&p.doc.Front, declaration.Subtitle, "", "", p.lineSpan(p.lines[i]))
		}
		p.next = first
		p.title()
	}
}

// dated: a short line holding a date, as a dateline above a title does
// (CANBERRA, 21 January 1944; [22 April 1982]1 with its footnote call).
func (p *parser) dated(t string) bool {
	return runesAtMost(t, 81) <= 80 && len(p.findDates(t)) > 0
}

// titleCased: a short line whose words all start with a capital letter
// but the small words of a name (of, and, the …), as a heading is
// written. It never ends with a colon, as a label does.
func titleCased(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 12 || strings.HasSuffix(s, ":") {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) && !unicode.IsUpper(r) && !slices.Contains(minorWords, strings.ToLower(w)) {
			return false
		}
	}
	return true
}

// firstLineFrom is the index of the first line at or after i that is not
// blank.
func (p *parser) firstLineFrom(i int) int {
	for i < len(p.lines) && p.lines[i].blank() {
		i++
	}
	return i
}

// isCapitals: a line of at least two words in capital letters.
func isCapitals(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters >= 4 && strings.Contains(strings.TrimSpace(s), " ")
}

// courtesies close a letter or telegram after or instead of the sender's
// name; they are not part of the name (中共冀鲁豫区党委敬贺).
var courtesies = []string{"敬贺", "敬賀", "同贺", "同賀", "谨贺", "謹賀", "敬启", "敬啟", "谨启", "謹啟", "同叩", "叩", "鞠躬", "敬礼", "敬禮",
	"Yours faithfully", "Yours sincerely", "Yours truly", "Yours very truly", "Respectfully yours"}

// stripCourtesy removes a closing courtesy from the end of a signature
// line; a line that is only a courtesy becomes empty.
func stripCourtesy(t string) string {
	for _, c := range courtesies {
		if rest, ok := strings.CutSuffix(t, c); ok {
			return strings.TrimRight(rest, " 　,，")
		}
	}
	return t
}

// hasLetter: s holds a letter or a Chinese character, not only rules and
// punctuation (the `_` of a Markdown export).
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// bodySuffixes end the names of issuing bodies: 冀南区党委,
// 中原人民解放军司令部. One such name on a line of its own at the end of a
// text is a signature (isIssuer).
var bodySuffixes = []string{"委员会", "委員會", "党委", "黨委", "政府", "司令部", "指挥部", "指揮部", "总部", "總部", "军区", "軍區",
	"政治部", "联合会", "聯合會", "总会", "總會", "协会", "協會", "学会", "學會", "办事处", "辦事處", "报社", "報社", "编辑部", "編輯部",
	"小组", "小組", "公司", "银行", "銀行", "中央", "中央局", "分局", "人民代表大会"}

// bodyUnits are the single characters that end the names of smaller
// bodies (…委, …局, …厂): enough for a line already inside a signature
// block, too common to mark one.
var bodyUnits = []string{"委", "会", "會", "部", "局", "处", "處", "院", "署", "厅", "廳", "社", "军", "軍", "团", "團", "队", "隊", "所", "校", "厂", "廠"}

// offices start an English line that names an office, not a person.
var offices = []string{"Minister", "Prime Minister", "President", "Secretary", "Ambassador", "Chairman", "Governor",
	"High Commissioner", "Commissioner", "Director", "Chief", "Deputy", "Acting"}

func startsWithOffice(s string) bool {
	for _, o := range offices {
		if strings.HasPrefix(s, o+" ") || s == o {
			return true
		}
	}
	return false
}

// nameLike: a line standing alone in a signature block names a person
// or body — a Chinese name of two to four characters, a body ending in
// one of bodySuffixes, or a Latin name — never a slogan or an
// inscription (全心全意为人民服务).
func nameLike(s string) bool {
	if !hasHan(s) {
		return !endsSentence(s)
	}
	n := runeLen(squeeze(s))
	if n >= 2 && n <= 4 {
		return true
	}
	return hasAnySuffix(s, bodySuffixes) || hasAnySuffix(s, bodyUnits)
}

// hasAnySuffix: s ends with one of suffixes.
func hasAnySuffix(s string, suffixes []string) bool {
	return slices.ContainsFunc(suffixes, func(suf string) bool { return strings.HasSuffix(s, suf) })
}

// flattenedNames splits a line of names in capitals run together, as a
// two-column block of signatures flattened onto one line comes out
// (PETER FRASER JOHN CURTIN F. JONES F. M. FORDE …): a name is initials
// or given names and ends at the first word after them without a full
// stop. It gives nil for anything else: fewer than three names, a word in
// lower case, a word such as OF or AND that names do not hold.
func flattenedNames(s string) []string {
	words := strings.Fields(s)
	if len(words) < 6 || !isCapitals(s) {
		return nil
	}
	var names []string
	var cur []string
	for _, w := range words {
		if slices.Contains(minorWords, strings.ToLower(w)) || strings.ContainsAny(w, ",;:()[]") {
			return nil
		}
		cur = append(cur, w)
		if !strings.HasSuffix(w, ".") && len(cur) >= 2 {
			names = append(names, strings.Join(cur, " "))
			cur = nil
		}
	}
	if len(cur) > 0 || len(names) < 3 {
		return nil
	}
	return names
}

// An instrument's name is matched by its shape around an instrument noun
// (instrumentNouns), not by a list of names: capitalised words before the
// noun (the Japanese Peace Treaty, the New Zealand -Australia Free Trade
// Agreement), or a capitalised object after it, opened by one of
// tailOpeners (the Treaty of Peace with Japan, the Constitution of the
// International Refugee Organisation) and joined by tailJoiners.
var (
	tailOpeners = []string{"of", "on", "between", "with", "for", "concerning"}
	tailJoiners = []string{"of", "and", "the", "for", "on", "with"}
)

// determiners before an instrument noun make it a plain mention (The
// Agreement, This Treaty, Such Convention), not a name.
var determiners = []string{"The", "This", "That", "These", "Those", "Such", "Each", "Any", "Said", "A", "An", "Our", "Their",
	"Its", "His", "Her", "Every", "No", "Present", "Whereas", "Under", "In", "By", "Of", "To", "For", "With", "And", "But", "If"}

// genericWords qualify a kind of instrument without naming one.
var genericWords = []string{"Joint", "Draft", "Final", "Agreed", "Interim", "Original", "New", "Said", "Present", "General", "Secret", "-"}

type instrumentRef struct {
	title string
	at    int
}

// instrumentNouns are the nouns of instrumentName, found first with a
// plain search: the regular expression only runs around them.
var instrumentNouns = []string{"Treaty", "Agreement", "Convention", "Charter", "Declaration", "Protocol", "Act", "Constitution",
	"Covenant", "Pact", "Accord", "Communiqu", "Memorandum", "Statute"}

// instrumentNames finds the names of instruments an English text cites.
func instrumentNames(text string) []instrumentRef {
	at := nounsAt(text)
	if len(at) == 0 {
		return nil
	}
	var out []instrumentRef
	done := 0
	for _, i := range at {
		if i < done {
			continue
		}
		r, end, ok := instrumentAt(text, max(done, i-200), i)
		if end > done {
			done = end
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// nounsAt lists, in order, where one of instrumentNouns stands as a word
// of its own (not Action, Acts, Contract; Communiqu as the start of
// Communiqué). Each capital the nouns start with is searched for once,
// and the nouns that start with it are tried where it stands: seven
// searches, not fourteen (TestNounsAt ties it to a search for each noun).
func nounsAt(text string) []int {
	var at []int
	for _, g := range nounsByFirst {
		for from := 0; ; {
			i := strings.IndexByte(text[from:], g[0][0])
			if i < 0 {
				break
			}
			k := from + i
			from = k + 1
			for _, n := range g {
				if !strings.HasPrefix(text[k:], n) {
					continue
				}
				if end := k + len(n); k > 0 && isASCIILetter(text[k-1]) || end < len(text) && isASCIILetter(text[end]) && n != "Communiqu" {
					break // Action, Acts, Contract; and no other noun starts where one does
				}
				at = append(at, k)
				break
			}
		}
	}
	slices.Sort(at)
	return at
}

// nounsByFirst is instrumentNouns grouped by their first letter.
var nounsByFirst = func() (groups [][]string) {
	for _, n := range instrumentNouns {
		k := slices.IndexFunc(groups, func(g []string) bool { return g[0][0] == n[0] })
		if k < 0 {
			groups = append(groups, nil)
			k = len(groups) - 1
		}
		groups[k] = append(groups[k], n)
	}
	return groups
}()

// wordAfter is the end of the word of ASCII letters and apostrophes at i.
func wordAfter(text string, i int) int {
	j := i
	for j < len(text) && (isASCIILetter(text[j]) || text[j] == '\'') {
		j++
	}
	return j
}

// wordBefore is the start of the word of ASCII letters and apostrophes
// that ends at i.
func wordBefore(text string, i int) int {
	j := i
	for j > 0 && (isASCIILetter(text[j-1]) || text[j-1] == '\'') {
		j--
	}
	return j
}

func skipBlanks(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// instrumentAt reads the name whose noun stands at i, looking back no
// further than from; end is where the search may go on.
func instrumentAt(text string, from, i int) (instrumentRef, int, bool) {
	nounEnd := wordAfter(text, i)
	if strings.HasPrefix(text[nounEnd:], "é") { // Communiqué
		nounEnd += len("é")
	}
	// capitalised words before the noun, joined by blanks or a dash
	start := i
	for k := i; k > from; {
		j := k
		for j > from && (text[j-1] == ' ' || text[j-1] == '\t' || text[j-1] == '-') {
			j--
		}
		w := wordBefore(text, j)
		if j == k || w == j || w < from || !isUpperLetter(rune(text[w])) {
			break
		}
		start, k = w, w
	}
	for start < i {
		w := text[start:wordAfter(text, start)]
		if !slices.Contains(determiners, w) {
			break
		}
		start = skipBlanks(text, start+len(w))
		for start < i && text[start] == '-' {
			start = skipBlanks(text, start+1)
		}
	}
	// a capitalised object after it
	end := nounEnd
	if k := skipBlanks(text, end); k > end {
		if w := text[k:wordAfter(text, k)]; slices.Contains(tailOpeners, w) {
			k = skipBlanks(text, k+len(w))
			if strings.HasPrefix(text[k:], "the ") {
				k = skipBlanks(text, k+len("the "))
			}
			for k < len(text) && isUpperLetter(rune(text[k])) {
				w := text[k:wordAfter(text, k)]
				if monthNumber(w) > 0 {
					break // the Moscow Declaration of October, 1943
				}
				end = k + len(w)
				k = skipBlanks(text, end)
				if k == end || strings.HasPrefix(text[k:], "and the ") {
					break // a second name follows: … with Borealis and the … Convention
				}
				for {
					w := text[k:wordAfter(text, k)]
					if w == "" || !slices.Contains(tailJoiners, w) {
						break
					}
					k = skipBlanks(text, k+len(w))
				}
			}
		}
	}
	generic := true // Joint Communique, Draft Treaty: a kind, not a name
	for _, w := range strings.Fields(text[start:i]) {
		generic = generic && slices.Contains(genericWords, w)
	}
	if generic && end == nounEnd {
		return instrumentRef{}, end, false // a bare noun: the Agreement, this Treaty
	}
	return instrumentRef{strings.TrimSpace(text[start:end]), start}, end, true
}

// Parties named in the opening of a text whose title names none: the
// offices and governments that speak for a state (The Prime Minister of
// Australia … and the Deputy Prime Minister of New Zealand;
// 东海共和国政府和西岭联邦政府).
var (
	openingPartyEN = regexp.MustCompile(`\b(?:Deputy\s+)?(?:Prime\s+Minister|President|Government|Foreign\s+Minister|Minister\s+(?:for|of)\s+Foreign\s+Affairs|Chancellor|Premier)\s+of\s+(?:the\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})`)
	// openingOffices are words every match of openingPartyEN holds.
	openingOffices = []string{"Minister", "President", "Government", "Chancellor", "Premier"}
	openingPartyZH = regexp.MustCompile(`^(\p{Han}{2,14}?)政府(?:和|与|同)(\p{Han}{2,14}?)政府`)
)

// partiesFromOpening reads the parties of an instrument from its first
// paragraph, or from the parties its signatories signed for; it gives
// none unless it finds at least two, as a joint text has: one alone
// would be a wrong set, and a wrong value is worse than none.
func (p *parser) partiesFromOpening(own func() []string) []string {
	d := p.doc
	if !slices.Contains(unnumberedInstruments, d.Kind) && d.Kind != declaration.Statement {
		return nil
	}
	// The opening is the first sentence-long paragraph (not a dateline,
	// not a heading), in the preamble or else in the body.
	var opening string
	for _, b := range d.Preamble {
		if (b.Kind == declaration.Para || b.Kind == declaration.Recital) && runesAtMost(b.Text, 40) >= 40 && !p.dateline(b.Text) {
			opening = b.Text
			break
		}
	}
	if opening == "" && len(d.Body) > 0 {
		opening = d.Body[0].Text
	}
	var found []string
	add := func(name string) {
		if name = strings.TrimSpace(name); name != "" && !slices.Contains(found, name) {
			found = append(found, name)
		}
	}
	// Each pattern runs only where the words it needs stand.
	if contains(opening, "政府") {
		if m := openingPartyZH.FindStringSubmatch(opening); m != nil {
			add(m[1])
			add(m[2])
		}
	}
	if head := opening[:min(len(opening), 600)]; contains(head, "of") && containsAny(head, openingOffices) {
		for _, m := range openingPartyEN.FindAllStringSubmatch(head, -1) {
			add(m[1])
		}
	}
	if len(found) == 1 && (d.Kind == declaration.JointStatement || d.Kind == declaration.JointCommunique) {
		if other := coordinatedWith(found[0], own()); other != "" {
			add(other)
		}
	}
	if len(found) < 2 {
		found = found[:0]
		for _, s := range d.Signatories {
			add(strings.TrimPrefix(strings.TrimPrefix(s.Party, "the "), "The "))
		}
	}
	if len(found) < 2 {
		return nil
	}
	return found
}

// coordinatedWith finds the second party of a joint text whose opening
// names only one (the Prime Minister of Australia meeting "the
// President"): the first place the text joins a name to that party, as
// in "the United States and Australia would…". A joint text names its
// two parties together sooner or later; a name that is an office (the
// President and Australia) is not a party.
func coordinatedWith(party string, texts []string) string {
	if !slices.ContainsFunc(texts, func(t string) bool { return strings.Contains(t, party) }) {
		return "" // no text names the party: no need to compile the pattern
	}
	name := `([A-Z][a-z]+(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][a-z]+){0,3})`
	p := regexp.QuoteMeta(party)
	pairs := regexp.MustCompile(`\b(?:[Tt]he\s+)?` + name + `\s+and\s+(?:the\s+)?` + p + `\b|\b` + p + `\s+and\s+(?:the\s+)?` + name + `\b`)
	for _, t := range texts {
		for _, m := range findNear(pairs, t, party, 80) {
			words := strings.Fields(cmp.Or(m[1], m[2]))
			for len(words) > 1 && slices.Contains(capitalisedFunctionWords, words[0]) {
				words = words[1:]
			}
			other := strings.Join(words, " ")
			if other != party && !startsWithOffice(other) && !slices.Contains(capitalisedFunctionWords, other) {
				return other
			}
		}
	}
	return ""
}

// findNear runs re only on the windows of t within reach bytes of an
// occurrence of word (ending at spaces): a pattern built around one word
// need not scan a long text.
func findNear(re *regexp.Regexp, t, word string, reach int) [][]string {
	var out [][]string
	last := 0
	for at := range occurrences(t, word) {
		if at < last {
			continue
		}
		start, end := max(last, at-reach), min(len(t), at+len(word)+reach)
		for n := 0; start > last && t[start-1] != ' ' && n < reach; n++ {
			start-- // back to a space, not across the window before: linear
		}
		for n := 0; end < len(t) && t[end] != ' ' && n < reach; n++ {
			end++
		}
		out = append(out, re.FindAllStringSubmatch(t[start:end], -1)...)
		last = end
	}
	return out
}

// capitalisedFunctionWords begin sentences, not names (Both Britain and
// Australia).
var capitalisedFunctionWords = []string{"Both", "Between", "And", "Of", "In", "For", "With", "To", "By", "Moreover", "However", "Also", "Neither", "Either"}

// ownWords are the texts of the preamble and the provisions: the
// document's own words, not its front matter. They are appended to
// texts[:0], an array the caller reuses.
func ownWords(d *declaration.Document, texts []string) []string {
	texts = texts[:0]
	for _, b := range d.Preamble {
		texts = append(texts, b.Text)
	}
	d.Walk(func(pr *declaration.Provision, _ []*declaration.Provision) bool {
		texts = append(texts, pr.Text)
		return true
	})
	return texts
}

// fullPartyNames gives a party that a title shortened to one word its
// full name from the text: "…Federation and Confederation" is "the
// Confederation of Australian Industry" where the text first names it.
func fullPartyNames(parties, texts []string) {
	for i, party := range parties {
		if !oneWord(party) {
			continue
		}
	next:
		for _, t := range texts {
			for at := range occurrences(t, party+" of ") {
				if at > 0 && isASCIILetter(t[at-1]) {
					continue
				}
				if of := capitalisedWordsAt(t, at+len(party+" of ")); of != "" {
					parties[i] = t[at:at+len(party+" of ")] + of
					break next
				}
			}
		}
	}
}

// oneWord: a party named by one capitalised word (Confederation).
func oneWord(party string) bool {
	return party != "" && !strings.Contains(party, " ") && isUpperLetter(rune(party[0]))
}

// capitalisedWordsAt reads up to four capitalised words at byte i of t,
// after an optional "the ": the object of "Confederation of …".
func capitalisedWordsAt(t string, i int) string {
	start := i
	if strings.HasPrefix(t[i:], "the ") {
		i += len("the ")
	}
	end := -1
	for n := 0; n < 4 && i < len(t) && isUpperLetter(rune(t[i])); n++ {
		j := i + 1
		for j < len(t) && isASCIILetter(t[j]) {
			j++
		}
		end, i = j, j
		if i+1 >= len(t) || t[i] != ' ' {
			break
		}
		i++
	}
	if end < 0 {
		return ""
	}
	return t[start:end]
}
