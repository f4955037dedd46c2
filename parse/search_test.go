package parse

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// TestIndex checks index against strings.Index on Chinese and English
// text, the word at the start, the end, overlapping itself and absent, on
// texts made of the words at random and on the corpus's lines.
func TestIndex(t *testing.T) {
	texts := []string{
		"", "签", "本协定于一九九五年九月十一日在北京签订，双方签字。", "签签签订立", "The Treaty was signed at Geneva.",
		"中华人民共和国和哈萨克斯坦共和国联合声明", "订", "x订立", "简称简称（以下简称“双方”）", "security and (2) the", "(a) and (b)", " (", "(", "a  b",
	}
	words := []string{" (", " and", "  ", "签", "签订", "订立", "本", "联合声明", "signed", "a", "。", "（以下简称", "国和", "Geneva.", "共和国联合声明", "签签订",
		"housand", "ereafter", "ext of", "fff", "xax", "aa", "年", "日在", "Done"}
	texts = append(texts, piecesAtRandom(3000, append([]string{"x", "f", "e", " ", "中"}, words...)...)...)
	texts = append(texts, corpusLines(t)...)
	for _, s := range texts {
		for _, w := range words {
			if got, want := index(s, w), strings.Index(s, w); got != want {
				t.Errorf("index(%q, %q) = %d, want %d", s, w, got, want)
			}
		}
	}
}

// TestHasHan checks hasHan's byte scan against a range loop over the
// characters, on valid text, on text cut inside a character, and after
// runs of ASCII of every length up to 20 (it passes over eight at a time).
func TestHasHan(t *testing.T) {
	byRange := func(s string) bool {
		for _, r := range s {
			if r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF {
				return true
			}
		}
		return false
	}
	texts := []string{"", "abc", "中", "abc中", "《》“”（）", "\u33ff", "\u3400", "\u9fff", "\ua000", "\uf900", "\ufaff", "\ufb00", "𠀀", "é", "中"[:2], "中"[1:], "a" + "中"[:2] + "b", "\xed\xa0\x80", "\xe0\x9f\xbf"}
	for n := range 20 { // past the eight bytes of ASCII at a time, at every offset
		pad := strings.Repeat("a", n)
		texts = append(texts, pad+"中", pad+"é中", pad+"中"[:2], pad+"\u33ff"+pad, "中"[1:]+pad+"x")
	}
	for _, s := range texts {
		if got, want := hasHan(s), byRange(s); got != want {
			t.Errorf("hasHan(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestMarkerFirst checks findMarker's cheap test against the table: no
// character it turns away begins a marker of any style, whatever follows.
func TestMarkerFirst(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if markerFirst(r) || r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		for _, tail := range markerTails {
			if st, label, _, ok := findMarkerIn(string(r) + tail); ok {
				t.Fatalf("%q: style %s reads marker %q, but markerFirst(%q) is false", string(r)+tail, st.name, label, r)
			}
		}
	}
}

// markerTails follow a first character to make a marker of each style.
var markerTails = []string{"", " ", "1", "1.", "1. x", "、", "、x", ")", ") x", "）", "） x", ".", ". x", "．x", "\\. x", "rt 1 x", "RTICLE I. x",
	"hapter 2 x", "HAPTER II x", "art 1 x", "ART I x", "一、", "一条 x", "1条 x", " 一 条 x", "—x", "— x", " x", "一）x", "甲）x", "i) x", "a) x", "A) x",
	"V) x", "１．x", "０、", "）x", "- x", " - x", "•x", "1) x", "１）x"}

// TestStyleFirsts ties each style's firsts to its match: no marker of the
// style begins with a character outside them, whatever follows. The
// characters markerFirst turns away begin no marker at all
// (TestMarkerFirst), so only the others need trying here.
func TestStyleFirsts(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if !markerFirst(r) {
			continue
		}
		for _, st := range styles {
			if st.units != nil || strings.ContainsRune(st.firsts, r) {
				continue
			}
			for _, tail := range markerTails {
				if label, _, ok := st.match(string(r) + tail); ok {
					t.Errorf("%q: style %s reads marker %q, but %q is not among its firsts", string(r)+tail, st.name, label, r)
				}
			}
		}
	}
	// and a marker of each style is still found
	for _, s := range []string{"Part 1 x", "chapter II x", "ARTICLE 3. x", "第一、x", "十一、x", "（三）x", "(乙) x", "丙、x", "(4) x", "（b）x",
		"(C) x", "(iv) x", "㈢ x", "１、x", "12. x", "c. x", "——x", "- x", "• x"} {
		if _, _, _, ok := findMarker(s); !ok {
			t.Errorf("findMarker(%q) finds no marker", s)
		}
	}
}

// TestCNNumerals ties cnNumerals to isCNNumeral.
func TestCNNumerals(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if got, want := strings.ContainsRune(cnNumerals, r), isCNNumeral(r); got != want {
			t.Errorf("%q: in cnNumerals %v, isCNNumeral %v", r, got, want)
		}
	}
}

// TestCapsHeadingAt checks the cheap test before capsHeading on headings
// run in and on texts that are none.
func TestCapsHeadingAt(t *testing.T) {
	for _, s := range []string{"NUMBER AND TYPES OF IMMIGRANTS a. The Commonwealth", "GENERAL The Parties", "The Parties agree", "A GENERAL RULE The", "I. GENERAL", "A", "", "第一条", "O'BRIEN CASE The"} {
		got, want := capsHeadingAt(s), capsHeading.FindStringSubmatchIndex(s)
		if !slices.Equal(got, want) {
			t.Errorf("capsHeadingAt(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestValidDate ties validDate to declaration.ValidISODate of the value
// completeDate writes.
func TestValidDate(t *testing.T) {
	for _, y := range []int{0, 1, 999, 1900, 1904, 1999, 2000, 2024, 2100, 9999, 10000} {
		for m := -1; m <= 14; m++ {
			for d := -1; d <= 32; d++ {
				var iso string
				switch {
				case m <= 0:
					iso = fmt.Sprintf("%04d", y)
				case d <= 0:
					iso = fmt.Sprintf("%04d-%02d", y, m)
				default:
					iso = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				}
				if got, want := validDate(y, m, d), declaration.ValidISODate(iso); got != want {
					t.Errorf("validDate(%d, %d, %d) = %v, but ValidISODate(%q) = %v", y, m, d, got, iso, want)
				}
			}
		}
	}
}

// TestMonthLetterHint ties the hint to monthFirsts: a text without any of
// its letters holds no month name.
func TestMonthLetterHint(t *testing.T) {
	for c := 0; c < 256; c++ {
		if got, want := hintOfRune[c]&hintMonthLetter != 0, monthFirsts[c]; got != want {
			t.Errorf("byte %q: month-letter hint %v, monthFirsts %v", rune(c), got, want)
		}
	}
}

// TestIsNoteMarker checks the cheap test of isNoteMarker against the
// pattern alone, on every form of note and on texts that are none.
func TestIsNoteMarker(t *testing.T) {
	for _, s := range []string{"〔1〕 见", "[12] See", "⑴ 注", "⒇ x", "_1 note", "* 3 note", "*3 x", "附注：", "注：本", "註:", "说明：", "說明:",
		"Note: x", "notes: x", "NOTES: y", "[NAA: A1838]", "_[AA: x]", "[DFAT: x]", "第一条", "The", "", "①", "（1）"} {
		if got, want := isNoteMarker(s), noteMarkers.MatchString(s); got != want {
			t.Errorf("isNoteMarker(%q) = %v, noteMarkers says %v", s, got, want)
		}
	}
	// Every character that begins a match is among noteFirsts.
	for r := rune(0); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF || strings.ContainsRune(noteFirsts, r) {
			continue
		}
		for _, tail := range []string{"1〕", "1] ", "1 ", "：", ":", "otes: ", "AA: x"} {
			if noteMarkers.MatchString(string(r) + tail) {
				t.Fatalf("%q matches noteMarkers but %q is not in noteFirsts", string(r)+tail, r)
			}
		}
	}
}

// TestHasSignedMark ties hasSignedMark to signedMark on the marks of
// both forms, on texts made of their pieces at random, and on the
// corpus's lines.
func TestHasSignedMark(t *testing.T) {
	texts := []string{"（签字）", "王明（签名）", "(签署)", "（盖章）", "(Signed)", "(signed) John", "(Sgd.) X", "(Sgd) X", "(Sgd..) X", "(Sgd.）",
		"(R. G. CASEY) For Australia", "(J. SMITH) On behalf of", "(J. SMITH) Forward", "x (J. SMITH) For", "(签字", "签字）", "（（签字）"}
	texts = append(texts, piecesAtRandom(2000, "(", "（", ")", "）", "签字", "签名", "签署", "盖章", "签", "Signed", "signed", "Sgd", ".",
		"(R. G. CASEY)", "(J", " For", " for", " On behalf of", " on behalf of", " ", "A", "x", "Forx")...)
	texts = append(texts, corpusLines(t)...)
	for _, s := range texts {
		if got, want := hasSignedMark(s), signedMark.MatchString(s); got != want {
			t.Errorf("hasSignedMark(%q) = %v, signedMark says %v", s, got, want)
		}
	}
}

// piecesAtRandom makes n texts of one to eight pieces drawn at random,
// the same ones on every run, to compare a scanner with the rule it
// replaces on texts no one wrote out.
func piecesAtRandom(n int, pieces ...string) []string {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		out[i] = b.String()
	}
	return out
}

// TestClosingFormulaCues ties closingFormula, with its cheap tests, to
// the patterns and words it stands for, each tried on the whole text:
// on the formulas in several cases, on texts made of their pieces at
// random, and on the corpus's lines.
func TestClosingFormulaCues(t *testing.T) {
	byPatterns := func(t string) bool {
		for _, f := range closingFormulas {
			if t != "" && strings.IndexByte("iIdDgGsSmMtTeE(", t[0]) >= 0 && f.re.MatchString(t[:min(len(t), 40)]) {
				return true
			}
		}
		tail := strings.TrimRight(strings.TrimSpace(t), "。！")
		for _, w := range closingWords {
			if strings.HasSuffix(tail, w) {
				return true
			}
		}
		return false
	}
	formulas := []string{"in witness whereof", "in faith thereof", "In Testimony Whereof", "IN CONFIRMATION WHEREOF", "done at", "DATED this",
		"Given under", "signed in", "made on", "ſigned at", "(text ends", "end of text", "End Text", "(END TEXT", "in witneſs whereof"}
	texts := slices.Clone(formulas)
	for _, f := range formulas {
		texts = append(texts, strings.ToUpper(f), strings.ToLower(f), f+" the", f+"x", " "+f)
	}
	pieces := append([]string{" ", "。", "！", "\u00a0", "\u0085", "\t", "\n", "x", "和", "此", "布"}, formulas...)
	texts = append(texts, piecesAtRandom(3000, append(pieces, closingWords...)...)...)
	texts = append(texts, corpusLines(t)...)
	for _, s := range texts {
		if got, want := closingFormula(s), byPatterns(s); got != want {
			t.Errorf("closingFormula(%q) = %v, the patterns say %v", s, got, want)
		}
	}
}

// TestSigningBodyCues: every text signingBody matches holds 日在 and a
// signing word, the tests signedInBody makes before it.
func TestSigningBodyCues(t *testing.T) {
	texts := piecesAtRandom(5000, "于", "於", "一九九五年九月十一日", "日", "在", "北京", "签订", "签署", "订立", "簽訂", "簽署", "訂立", "，", "x")
	texts = append(texts, "本协定于一九九五年九月十一日在北京签订", "於1995年9月11日在北京簽訂")
	matched := 0
	for _, s := range texts {
		if signingBody.MatchString(s) {
			matched++
			if !contains(s, "日在") || !hasSigningWord(s) {
				t.Errorf("signingBody matches %q, which the cheap tests turn away", s)
			}
		}
	}
	if matched < 2 {
		t.Errorf("signingBody matched %d texts: the test tries too little", matched)
	}
}

// TestHeadingLikeLong: headingLike counts no further than it needs, and
// says what counting everything says.
func TestHeadingLikeLong(t *testing.T) {
	counted := func(s string) bool { // headingLike as it was, counting every character
		n := utf8.RuneCountInString(s)
		if n == 0 || endsWithAny(s, "。；：！？，、,.;:!?") {
			return false
		}
		if hasHan(s) {
			return n <= 24
		}
		return n <= 60 && strings.ToUpper(s) == s
	}
	for _, s := range []string{"", "序言", "GENERAL PROVISIONS", "Preamble", strings.Repeat("A", 60), strings.Repeat("A", 61), strings.Repeat("中", 24), strings.Repeat("中", 25),
		strings.Repeat("中", 70), "在政治关系方面", "The Parties agree.", strings.Repeat("AB ", 30) + "中"} {
		if got, want := headingLike(s), counted(s); got != want {
			t.Errorf("headingLike(%.20q…) = %v, want %v", s, got, want)
		}
	}
}

// TestIsRecitalCue: the first-character test lets through every recital.
func TestIsRecitalCue(t *testing.T) {
	for _, s := range []string{"鉴于双方", "鉴 于 双方", "  Whereas the", "WHEREAS", "Recognizing that", "Bearing in mind", "Mindful of", "Affirming", "鑒於"} {
		if !isRecital(s) {
			t.Errorf("isRecital(%q) = false", s)
		}
	}
	for _, s := range []string{"第一条", "The Parties", "", "   ", "双方鉴于"} {
		if isRecital(s) {
			t.Errorf("isRecital(%q) = true", s)
		}
	}
}

// TestBinaryAt checks binaryAt's eight-bytes-at-a-time test against the
// byte-by-byte one: every byte value at every place of a word, in texts
// of every length up to three words.
func TestBinaryAt(t *testing.T) {
	base := "abcdefgh中文字符ijklmnopqrstuvw"
	for n := 0; n <= len(base); n++ {
		for at := 0; at < n; at++ {
			for c := 0; c < 256; c++ {
				b := []byte(base[:n])
				b[at] = byte(c)
				if got, want := binaryAt(string(b)), binaryByteAt(string(b)); got != want {
					t.Fatalf("binaryAt(%q) = %d, want %d", b, got, want)
				}
			}
		}
	}
}

// TestLeadFirsts: leadPattern matches no text that starts with a
// character outside leadFirsts, and leadAt finds the leads it matches.
func TestLeadFirsts(t *testing.T) {
	var tails []string
	for _, a := range leadAgencies {
		for _, s := range []string{a + "北京９月１２日电", "【" + a + "北京9月12日电】", a + "讯"} {
			if got, want := leadAt(s), leadPattern.FindStringSubmatchIndex(s); !slices.Equal(got, want) || want == nil {
				t.Errorf("leadAt(%q) = %v, the pattern gives %v", s, got, want)
			}
		}
		_, size := utf8.DecodeRuneInString(a)
		tails = append(tails, a[size:]+"北京电", a[size:]+"讯", a+"北京电")
	}
	for r := rune(0); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF || strings.ContainsRune(leadFirsts, r) {
			continue
		}
		for _, tail := range tails {
			if leadPattern.MatchString(string(r) + tail) {
				t.Fatalf("%q matches leadPattern but %q is not in leadFirsts", string(r)+tail, r)
			}
		}
	}
}

// TestLetterCounts checks letterCounts' byte loop against a range loop
// over the characters, on texts of every kind and on texts cut inside a
// character, as leading cuts them.
func TestLetterCounts(t *testing.T) {
	byRange := func(texts []string) (han, latin, trad, simp int) {
		for s := range leading(texts, 4<<10) {
			for _, r := range s {
				switch {
				case r >= 0x3400 && r <= 0x9FFF:
					han++
					switch script[r&0xFFFF] {
					case 1:
						trad++
					case -1:
						simp++
					}
				case r < 128 && (r|0x20) >= 'a' && (r|0x20) <= 'z':
					latin++
				}
			}
		}
		return han, latin, trad, simp
	}
	cases := [][]string{nil, {""}, {"The Parties agree."}, {"中华人民共和国"}, {"國際條約"}, {"国际条约 and some English words here"},
		{"abc中"[:4], "中"[1:]}, {"\xed\xa0\x80\xe3\x80\x80㐀鿿\xe9\xbf"}, {"é", "ü", "@[`{", "AZaz"}, {strings.Repeat("中", 1400), strings.Repeat("a", 4000)},
		{strings.Repeat("x", 4095) + "國"}, {strings.Repeat("x", 4094) + "國"}, {"\xe3\x90\x80\xe3\x8f\xbf\xea\xb0\x80"}}
	for _, texts := range cases {
		h, l, tr, si := letterCounts(texts)
		wh, wl, wtr, wsi := byRange(texts)
		if h != wh || l != wl || tr != wtr || si != wsi {
			t.Errorf("letterCounts(%.40q) = %d %d %d %d, want %d %d %d %d", texts, h, l, tr, si, wh, wl, wtr, wsi)
		}
	}
}

// TestThousandHint: the words findDatesHinted looks for before wordDates
// set the hint it tests first.
func TestThousandHint(t *testing.T) {
	for _, w := range []string{"housand", "HOUSAND"} {
		if !hintsOf(w).u {
			t.Errorf("%q does not set the u hint", w)
		}
	}
}

// TestKnownHint: every name of wellKnown sets the known hint, so that a
// text without it holds none of them.
func TestKnownHint(t *testing.T) {
	for _, name := range wellKnown {
		if !hintsOf(name).known {
			t.Errorf("%q does not set the known hint", name)
		}
	}
}

// TestSelfRefEnds ties selfRefEnds to a search for each of selfRefs (本
// in Chinese text, the others elsewhere), on texts with every form, at
// the start, the end, after letters, and on the corpus when it is there.
func TestSelfRefEnds(t *testing.T) {
	texts := []string{"", "this Treaty", "This Agreement and THIS CONVENTION", "the present Convention; The present Protocol; THE PRESENT ACT",
		"his Treaty", "HIS x", "athis x", "Tthis x", "tHIS x", "the presentthis ", "本协定和本条约", "本", "this ", "ThE PRESENT x", "he present x",
		"Whereas this Charter, as the present Charter says, this"}
	texts = append(texts, corpusLines(t)...)
	for _, text := range texts {
		han := hasHan(text)
		var want []int
		for _, prefix := range selfRefs {
			if han != (prefix == "本") {
				continue
			}
			for at := range occurrences(text, prefix) {
				want = append(want, at+len(prefix))
			}
		}
		got := slices.Collect(selfRefEnds(text, han))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("selfRefEnds(%.60q) = %v, want %v", text, got, want)
		}
	}
}

// corpusLines are the lines of the corpus documents when the corpus is
// there, to compare a scanner with the rule it replaces on real text.
func corpusLines(t *testing.T) []string {
	var lines []string
	if dir := os.Getenv("DECLCONV_CORPUS"); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, strings.Split(string(data), "\n")...)
		}
	}
	return lines
}

// TestMonthNames ties monthNames, which looks at the start of each word,
// to a look at every byte that tries each month, on names in every case,
// inside words, with digits before, after and not at all, and on the
// corpus's lines.
func TestMonthNames(t *testing.T) {
	everyByte := func(s string) []int {
		var out []int
		for i := 0; i+3 <= len(s); i++ {
			if !monthFirsts[s[i]] || i > 0 && isASCIILetter(s[i-1]) {
				continue
			}
			for _, m := range months {
				end := i + len(m)
				if len(s) >= end && strings.EqualFold(s[i:end], m) && (end == len(s) || !isASCIILetter(s[end])) && (digitSoonAfter(s[end:]) || digitSoonBefore(s[:i])) {
					out = append(out, i)
					break
				}
			}
		}
		return out
	}
	pieces := []string{" ", ", ", "3", "1962", "rd ", " of ", "x", "é", "中", "-", "May", "may", "MAY", "Mayor", "Ma", "ſeptember", "Jun"}
	for _, m := range months {
		pieces = append(pieces, m, strings.ToUpper(m), strings.ToUpper(m[:1])+m[1:])
	}
	texts := append(piecesAtRandom(5000, pieces...), corpusLines(t)...)
	for _, s := range texts {
		if got, want := monthNames(s, -1), everyByte(s); !slices.Equal(got, want) {
			t.Errorf("monthNames(%q) = %v, want %v", s, got, want)
		}
		if got, want := monthNames(s, 1), everyByte(s); len(want) > 0 && !slices.Equal(got, want[:1]) {
			t.Errorf("monthNames(%q, 1) = %v, want %v", s, got, want[:1])
		}
	}
}

// TestEnclosureUppers: each row of enclosures gives its word in capitals.
func TestEnclosureUppers(t *testing.T) {
	for _, e := range enclosures {
		if e.upper != strings.ToUpper(e.word) {
			t.Errorf("enclosure %q: upper %q, want %q", e.word, e.upper, strings.ToUpper(e.word))
		}
	}
}

// TestWordDatesIn ties wordDatesIn, which runs the pattern in two parts
// near the word "day", to wordDates run over the whole text: on dates as
// treaties write them, on texts made of their pieces at random (cases,
// spaces, words run together, two dates and more in one text), and on
// the corpus's lines.
func TestWordDatesIn(t *testing.T) {
	whole := func(text string) []wordDate {
		var out []wordDate
		for _, m := range wordDates.FindAllStringSubmatchIndex(text, -1) {
			get := func(name string) string {
				i := wordDates.SubexpIndex(name)
				if m[2*i] < 0 {
					return ""
				}
				return text[m[2*i]:m[2*i+1]]
			}
			out = append(out, wordDate{start: m[0], end: m[1], dw: get("dw"), d: get("d"), mon: get("mon"), yw: get("yw")})
		}
		return out
	}
	texts := []string{"DONE at Geneva the twenty-fifth day of September, one thousand nine hundred and twenty-six, in one copy",
		"this 21st day of January, One thousand nine hundred and forty-four.", "the 3 DAY OF MAY TWO THOUSAND",
		"on the first day of June in the year one thousand nine hundred", "x21st day of May, one thousand", "-first day of May, one thousand",
		"twenty-first day of May, one thousand1st day of May, one thousand", "Monday of May, one thousand", "5th  \t day\nof June,one thousand",
		"the 3 day of May, one thousand nine hundred and twenty-first day of June, two thousand"}
	// Dates built slot by slot, each slot now and then something else.
	r := rand.New(rand.NewPCG(3, 4))
	pick := func(choices ...string) string { return choices[r.IntN(len(choices))] }
	odd := func() string {
		return pick("x", "_", "-", "ſ", "é", "中", "", " ", "\t", "day", "of", ",", "1", "Day", "thousand", "and")
	}
	slot := func(choices ...string) string {
		if r.IntN(8) == 0 {
			return odd()
		}
		return pick(choices...)
	}
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(slot("", " ", "the ", "x", "-", "twenty-", "thirty", "(", "a_"))
			b.WriteString(slot("first", "Fifth", "TWENTIETH", "twenty-first", "thirty-first", "ſecond", "21", "3", "123", "21st", "2nd", "12TH", "tenth"))
			b.WriteString(slot(" ", "  ", "\t", "\n", " \n "))
			b.WriteString(slot("day", "DAY", "Day", "days", "dAy"))
			b.WriteString(slot(" ", "\n"))
			b.WriteString(slot("of", "OF"))
			b.WriteString(slot(" ", "  "))
			b.WriteString(slot("September", "MAY", "june", "Jun"))
			b.WriteString(slot(", ", " ", ",", ",\n"))
			b.WriteString(slot("", "in the year ", "IN THE YEAR\n"))
			b.WriteString(slot("one", "Two", "ONE", "three"))
			b.WriteString(slot(" ", "\t"))
			b.WriteString(slot("thousand", "THOUSAND", "Thousand", "thousands"))
			b.WriteString(slot("", " nine hundred", "-nine hundred and forty-four", " and", " hundreds", "x", ".", " one", " and twenty", "-twenty"))
			b.WriteString(slot("", " ", ". ", ", in one copy "))
		}
		texts = append(texts, b.String())
	}
	texts = append(texts, corpusLines(t)...)
	found := 0
	for _, s := range texts {
		got, want := wordDatesIn(s), whole(s)
		found += len(want)
		if !slices.Equal(got, want) {
			t.Errorf("wordDatesIn(%q) = %+v\nwant %+v", s, got, want)
		}
	}
	if found < 100 {
		t.Errorf("only %d dates found: the texts try too little", found)
	}
}

// TestNounsAt ties nounsAt's search for each capital to a search for
// each of instrumentNouns, on texts with every noun, as a word and inside
// words, at the start and the end, at random, and on the corpus's lines.
func TestNounsAt(t *testing.T) {
	texts := []string{"", "Treaty", "the Treaty of Peace", "Treaties", "Acts and Action", "Contract", "Pact, Accord; Act.", "Communiqué",
		"Communiqu", "JointCommuniqué", "the Memorandum", "Statutes of the Statute", "TreatyAgreement", "a Protocol,Convention-Charter",
		"Constitution Covenant Declaration", "ACT TREATY", "中华人民共和国宪法 Constitution", "xAct Act"}
	pieces := []string{" ", "x", "s", "-", "é", "C", "A", "Co", "Ac"}
	for _, n := range instrumentNouns {
		texts = append(texts, n, "x"+n, n+"s", n+" "+n, "("+n+")")
		pieces = append(pieces, n)
	}
	texts = append(texts, piecesAtRandom(5000, pieces...)...)
	texts = append(texts, corpusLines(t)...)
	for _, text := range texts {
		var want []int
		for _, n := range instrumentNouns {
			for k := range occurrences(text, n) {
				i := k + len(n)
				if k > 0 && isASCIILetter(text[k-1]) || i < len(text) && isASCIILetter(text[i]) && n != "Communiqu" {
					continue
				}
				want = append(want, k)
			}
		}
		slices.Sort(want)
		if got := nounsAt(text); !slices.Equal(got, want) {
			t.Errorf("nounsAt(%.60q) = %v, want %v", text, got, want)
		}
	}
}

// TestNotesFirsts: isNotesHeading, with its test of the first character,
// says what notesHead says of the squeezed text, on the headings in
// every form, on texts made of their pieces at random, and on the
// corpus's lines.
func TestNotesFirsts(t *testing.T) {
	byPattern := func(t string) bool {
		return len(t) <= 80 && utf8.RuneCountInString(t) <= 20 && notesHead.MatchString(squeeze(t))
	}
	texts := []string{"注释", "注　　释", " Notes", "NOTES:", "附注：", "Footnote", "註釋", "注", "\u00a0注:", "x注释"}
	texts = append(texts, piecesAtRandom(5000, "注", "释", "附", "註", "釋", "Note", "NOTE", "s", "S", "Foot", "note", "：", ":", " ", "\u3000", "\u00a0", "\t", "x")...)
	texts = append(texts, corpusLines(t)...)
	for _, s := range texts {
		if got, want := isNotesHeading(s), byPattern(s); got != want {
			t.Errorf("isNotesHeading(%q) = %v, notesHead says %v", s, got, want)
		}
	}
}

// TestRangeConnectors: every text dayAfterRange or cnDayAfterRange
// matches starts, after blanks, with one of the connectors rangeEnds
// tests for before it runs them; tried on ranges as they are written
// and on texts made of their pieces at random.
func TestRangeConnectors(t *testing.T) {
	texts := []string{" to 30th, 1960", "-30", " and 5", "–5", "—5", "至五日", "到 5 日", "－3日", "～3日", "~3日", "-3日", "—三日"}
	texts = append(texts, piecesAtRandom(20000, " ", "\t", "to", "and", "-", "–", "—", "至", "到", "－", "～", "~", "5", "30", "th", ",", "1960", "三", "日", "x")...)
	matched := 0
	for _, s := range texts {
		for _, c := range []struct {
			re         *regexp.Regexp
			connectors []string
		}{{dayAfterRange, rangeConnectorsEN}, {cnDayAfterRange, rangeConnectorsZH}} {
			if !c.re.MatchString(s) {
				continue
			}
			matched++
			after := strings.TrimLeft(s, " \t")
			if !slices.ContainsFunc(c.connectors, func(w string) bool { return strings.HasPrefix(after, w) }) {
				t.Errorf("%q is matched by %v but starts with none of %q", s, c.re, c.connectors)
			}
		}
	}
	if matched < 100 {
		t.Errorf("only %d texts matched: the test tries too little", matched)
	}
}

// TestISODate ties isoDate to the fmt formats completeDate wrote with,
// for every month and day of years at the ends of its range and between.
func TestISODate(t *testing.T) {
	for _, y := range []int{0, 7, 42, 999, 1000, 1944, 2026, 9999} {
		for m := 0; m <= 12; m++ {
			for d := 0; d <= 31; d++ {
				want := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				switch {
				case m == 0:
					want = fmt.Sprintf("%04d", y)
				case d == 0:
					want = fmt.Sprintf("%04d-%02d", y, m)
				}
				if got := isoDate(y, m, d); got != want {
					t.Errorf("isoDate(%d, %d, %d) = %q, want %q", y, m, d, got, want)
				}
			}
		}
	}
}

// TestRunesAtMost ties runesAtMost to a count of every character, on
// texts of ASCII, Chinese, four-byte characters and invalid bytes of
// lengths around four times the bound.
func TestRunesAtMost(t *testing.T) {
	texts := piecesAtRandom(3000, "a", "中", "𠀀", "é", "\xff", "中"[:2], "  ")
	for _, piece := range []string{"a", "中", "𠀀", "\xff"} {
		for k := range 50 {
			texts = append(texts, strings.Repeat(piece, k))
		}
	}
	for _, s := range texts {
		for n := 1; n <= 12; n++ {
			if got, want := runesAtMost(s, n), min(utf8.RuneCountInString(s), n); got != want {
				t.Errorf("runesAtMost(%q, %d) = %d, want %d", s, n, got, want)
			}
		}
	}
}

// TestRuneSets ties each runeSet to strings.ContainsRune on the string it
// is made from, for every character and for values that are none.
func TestRuneSets(t *testing.T) {
	for _, c := range []struct {
		set   runeSet
		chars string
	}{
		{cnDigitChars, "一二三四五六七八九〇○零Ｏ"}, {cnCountChars, "一二三四五六七八九十廿卅"}, {functionCharSet, functionChars}, {stemSet, stems},
		{closingLasts, edgeRunes(utf8.DecodeLastRuneInString, closingWords...)}, {noteFirstSet, noteFirsts},
	} {
		for r := rune(-1); r <= utf8.MaxRune+1; r++ {
			if got, want := c.set.has(r), strings.ContainsRune(c.chars, r); got != want {
				t.Fatalf("set of %q: has(%U) = %v, want %v", c.chars, r, got, want)
			}
		}
	}
	for r := rune(-1); r <= utf8.MaxRune+1; r++ {
		if got, want := isHan(r), hasHan(string(r)); got != want {
			t.Fatalf("isHan(%U) = %v, hasHan says %v", r, got, want)
		}
	}
}

// TestPatternCues: every text a pattern matches passes the cheap test
// its caller makes before running it, on texts made of the pattern's
// pieces at random and on the corpus's lines.
func TestPatternCues(t *testing.T) {
	lines := corpusLines(t)
	for _, c := range []struct {
		name   string
		re     *regexp.Regexp
		cue    func(string) bool
		pieces []string
	}{
		{"dayBeforeRange", dayBeforeRange, endsWithConnector,
			[]string{"3", "14", "123", "st", "th", " ", "\t", "to", "and", "-", "–", "—", "/", ",", "x", "May"}},
		{"dateLineRe", dateLineRe, startsWithYearDigit,
			[]string{"(", "（", ")", "）", "1995", "１９９４", "一九九五", "二○○一", "十", "年", "年", "九月", "9", "十一日", "日", " ", "廿", "x"}},
		{"roleName", roleName, func(s string) bool { return containsAny(s, roleNameWords) },
			append([]string{"中", "华", " ", "　", "\t", "王", "明", "x"}, roleNameWords...)},
		{"definedZH", definedZH, opensTerm,
			[]string{"（", "(", "）", ")", "以下", "下文", "下", "简", "簡", "称", "稱", "为", "：", "“", "”", "双方", "甲方", "名", "，"}},
		{"sourceNote", sourceNote, mayBeSourceNote,
			[]string{"（", "(", "《", "》", "）", ")", "[", "]", "_", "x", "人民日报"}},
	} {
		texts := append(piecesAtRandom(20000, c.pieces...), lines...)
		matched := 0
		for _, s := range texts {
			if c.re.MatchString(s) {
				matched++
				if !c.cue(s) {
					t.Errorf("%s matches %q, which its cheap test turns away", c.name, s)
				}
			}
		}
		if matched < 20 {
			t.Errorf("%s matched %d texts: the test tries too little", c.name, matched)
		}
	}
	for _, s := range append(piecesAtRandom(5000, "(", "（", "1", "一", "年", "月", "日", "x", " "), lines...) {
		if got, want := isDateLine(s), strings.Contains(s, "年") && dateLineRe.MatchString(s); got != want {
			t.Errorf("isDateLine(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}

// TestHasBlank ties hasBlank to strings.ContainsAny on texts of blanks,
// Chinese, other characters and invalid bytes at random.
func TestHasBlank(t *testing.T) {
	for _, s := range piecesAtRandom(5000, " ", "\t", "\u3000", "\u3000"[:1], "\u3000"[1:], "\xe3", "\x80", "一", "十", "a", "\xff", "\u3001", "\u00a0") {
		if got, want := hasBlank(s), strings.ContainsAny(s, " \t\u3000"); got != want {
			t.Errorf("hasBlank(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestTrimBlanks ties trimBlanks to strings.TrimLeft, and citationNexts
// to the string it is made from.
func TestTrimBlanks(t *testing.T) {
	for _, s := range piecesAtRandom(5000, " ", "\u3000", "\u3000"[:2], "\t", "一", "第", "a", "\xff") {
		if got, want := trimBlanks(s), strings.TrimLeft(s, " \u3000"); got != want {
			t.Errorf("trimBlanks(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(-1); r <= utf8.MaxRune+1; r++ {
		if got, want := citationNexts.has(r), strings.ContainsRune("的所规規至、和及或第中之款项項（(", r); got != want {
			t.Fatalf("citationNexts.has(%U) = %v, want %v", r, got, want)
		}
	}
}
