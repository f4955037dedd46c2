package parse

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// style is one numbering style: how its marker looks, what level it fixes
// (for the statute styles 编章节条款), and whether items in it may run
// inline inside one paragraph.
type style struct {
	name   string
	kind   declaration.ProvisionKind // fixed kind; "" when the kind follows from the nesting
	rank   int                       // statute rank (part 1 … clause 5); 0 for nesting styles
	inline bool                      // may also start after punctuation inside a paragraph
	// units are the characters that end a statute marker 第…X, in their
	// simplified and traditional forms; such styles have no match function.
	units []rune
	// firsts are the characters a marker of the style can begin with.
	firsts string
	// match reports the marker at the start of s: its label exactly as
	// written and its number (0 for markers without one, such as ——).
	match func(s string) (label string, number int, ok bool)
}

// styles is the one list of numbering styles, in matching order. firsts
// are the characters a style's marker can begin with (TestStyleFirsts
// checks them against match): a style is tried only on a text that starts
// with one of them.
var styles = []style{
	{name: "part", kind: declaration.Part, rank: 1, units: []rune{'编', '編'}},
	{name: "chapter", kind: declaration.Chapter, rank: 2, units: []rune{'章'}},
	{name: "section", kind: declaration.Section, rank: 3, units: []rune{'节', '節'}},
	{name: "article", kind: declaration.Article, rank: 4, units: []rune{'条', '條'}},
	{name: "clause", kind: declaration.Paragraph, rank: 5, units: []rune{'款'}},
	{name: "en-part", kind: declaration.Part, rank: 1, firsts: "Pp", match: english("part")},
	{name: "en-chapter", kind: declaration.Chapter, rank: 2, firsts: "Cc", match: english("chapter")},
	{name: "en-article", kind: declaration.Article, rank: 4, firsts: "Aa", match: either(english("article"), english("art."))},
	{name: "ordinal", firsts: "第", match: ordinalDun},
	{name: "cn-dun", inline: true, firsts: cnNumerals, match: cnDun},
	{name: "cn-paren", inline: true, firsts: "(（", match: parenthesized(isCNNumeral, cnValue)},
	{name: "stem-paren", inline: true, firsts: "(（", match: parenthesized(func(r rune) bool { return strings.ContainsRune(stems, r) }, stemValue)},
	{name: "stem-dun", inline: true, firsts: stems, match: suffixed(func(r rune) bool { return strings.ContainsRune(stems, r) }, stemValue, "、")},
	{name: "digit-paren", inline: true, firsts: "(（", match: parenthesized(isDigit, digitValue)},
	{name: "letter-paren", inline: true, firsts: "(（", match: parenthesized(isLowerLetter, letterValue)},
	{name: "upper-paren", firsts: "(（", match: parenthesized(isUpperLetter, letterValue)},
	{name: "roman-paren", inline: true, firsts: "(（", match: parenthesized(isRomanLetter, romanValue)},
	{name: "circled", firsts: "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩", match: circled},
	{name: "digit-dun", inline: true, firsts: digits, match: suffixed(isDigit, digitValue, "、")},
	{name: "digit-dot", firsts: digits, match: digitDot},
	{name: "digit-close", inline: true, firsts: digits, match: closed(isDigit, digitValue)},
	{name: "letter-dot", inline: true, firsts: "abcdefghijklmnopqrstuvwxyz", match: letterDot},
	{name: "letter-close", inline: true, firsts: "abcdefghijklmnopqrstuvwxyz", match: closed(isLowerLetter, letterValue)},
	{name: "dash", firsts: "—", match: dash},
	{name: "bullet", firsts: "-*•", match: bullet},
}

// digits are the digits isDigit knows, ASCII and full width.
const digits = "0123456789０１２３４５６７８９"

// stylesStarting gives, for a character, the styles whose firsts hold it:
// bit i stands for styles[i].
func stylesStarting(r rune) uint32 {
	if r < utf8.RuneSelf {
		return asciiStyles[r]
	}
	return otherStyles[r]
}

// asciiStyles and otherStyles are the firsts of the styles by character.
var asciiStyles, otherStyles = func() (ascii [utf8.RuneSelf]uint32, other map[rune]uint32) {
	other = map[rune]uint32{}
	for i, st := range styles {
		for _, r := range st.firsts {
			if r < utf8.RuneSelf {
				ascii[r] |= 1 << i
			} else {
				other[r] |= 1 << i
			}
		}
	}
	return ascii, other
}()

// findMarker returns the style and marker at the start of s.
func findMarker(s string) (st *style, label string, number int, ok bool) {
	if r, _ := utf8.DecodeRuneInString(s); !markerFirst(r) {
		return nil, "", 0, false // most paragraphs: no style need be tried
	}
	return findMarkerIn(s)
}

// markerFirst is a cheap test before the styles are tried: only these
// characters begin a marker of some style (TestMarkerFirst checks it
// against the table).
func markerFirst(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r == '(' || r == '-' || r == '*' ||
			r == 'A' || r == 'C' || r == 'P' // Article, Chapter, Part
	case r == '第', r == '（', r == '—', r == '•', r >= '㈠' && r <= '㈩', r >= '０' && r <= '９':
		return true
	}
	return isCNNumeral(r) || stemSet.has(r)
}

// findMarkerIn tries the styles of the table on s, in order, those that
// can begin with its first character.
func findMarkerIn(s string) (st *style, label string, number int, ok bool) {
	if s == "" {
		return nil, "", 0, false
	}
	// 第…条 and its kin are read once, then matched by their unit.
	var unit rune
	if strings.HasPrefix(s, "第") {
		label, number, unit, ok = statuteMarker(s)
	}
	r, _ := utf8.DecodeRuneInString(s)
	can := stylesStarting(r)
	for i := range styles {
		st := &styles[i]
		if st.units != nil {
			if ok && slices.Contains(st.units, unit) {
				return st, label, number, true
			}
			continue
		}
		if can&(1<<i) == 0 {
			continue // no marker of the style begins so
		}
		if label, n, ok := st.match(s); ok {
			return st, label, n, true
		}
	}
	return nil, "", 0, false
}

func isDigit(r rune) bool       { return digit(r) >= 0 }
func isLowerLetter(r rune) bool { return r >= 'a' && r <= 'z' }
func isUpperLetter(r rune) bool { return r >= 'A' && r <= 'Z' }
func isRomanLetter(r rune) bool { return strings.ContainsRune("ivxlc", r) }

func letterValue(s string) int {
	if len(s) != 1 {
		return -1
	}
	return int(unicode.ToLower(rune(s[0]))-'a') + 1
}

// run returns the longest prefix of s whose runes satisfy ok, allowing
// single spaces between them when spaced is set (第 一 条).
func run(s string, ok func(rune) bool, spaced bool) string {
	end := 0
	for i, r := range s {
		switch {
		case ok(r):
			end = i + utf8.RuneLen(r)
		case spaced && (r == ' ' || r == '\u3000') && end > 0:
		default:
			return s[:end]
		}
	}
	return s[:end]
}

// citationNexts follow a statute's unit in a citation (第一条所述), not in
// a marker.
var citationNexts = newRuneSet("的所规規至、和及或第中之款项項（(")

// trimBlanks is strings.TrimLeft(s, " \u3000") without decoding every
// character and searching the cutset for it (TestTrimBlanks).
func trimBlanks(s string) string {
	for {
		switch {
		case strings.HasPrefix(s, " "):
			s = s[1:]
		case strings.HasPrefix(s, "\u3000"):
			s = s[len("\u3000"):]
		default:
			return s
		}
	}
}

// statuteMarker reads 第一条, 第 一 条, 第21条, 第二十一章 and so on: the
// label, its number and the unit character that ends it.
func statuteMarker(s string) (string, int, rune, bool) {
	rest, ok := strings.CutPrefix(s, "第")
	if !ok {
		return "", 0, 0, false
	}
	lead := len(rest) - len(trimBlanks(rest))
	num := run(rest[lead:], func(r rune) bool { return isCNNumeral(r) || isDigit(r) }, true)
	if num == "" {
		return "", 0, 0, false
	}
	after := rest[lead+len(num):]
	gap := len(after) - len(trimBlanks(after))
	after = after[gap:]
	unit, size := utf8.DecodeRuneInString(after)
	// 第一条所述, 第一条的规定: a citation, not a marker.
	next, _ := utf8.DecodeRuneInString(after[size:])
	if citationNexts.has(next) {
		return "", 0, 0, false
	}
	n := cnValue(num)
	if n < 0 {
		n = digitValue(strings.Join(strings.Fields(num), ""))
	}
	if n <= 0 {
		return "", 0, 0, false
	}
	return s[:len("第")+lead+len(num)+gap+size], n, unit, true
}

// english matches Article 1, ARTICLE I., Chapter 2 and the like; the word
// must be followed by a number and then by the end, a full stop, a colon or
// a space.
func english(word string) func(string) (string, int, bool) {
	return func(s string) (string, int, bool) {
		if len(s) < len(word)+2 || s[0]|0x20 != word[0] || !strings.EqualFold(s[:len(word)], word) || s[len(word)] != ' ' {
			return "", 0, false
		}
		rest := s[len(word)+1:]
		num := run(rest, func(r rune) bool { return r < 128 && (unicode.IsDigit(r) || unicode.IsLetter(r)) }, false)
		n := digitValue(num)
		if n < 0 {
			n = romanValue(num)
		}
		if n <= 0 {
			return "", 0, false
		}
		end := len(word) + 1 + len(num)
		if after := strings.TrimLeft(s[end:], " "); after != s[end:] && after != "" && (after[0] == ':' || after[0] == '.') {
			end = len(s) - len(after) // Article 5 : with a space before the colon
		}
		switch after := s[end:]; {
		case after == "":
		case after[0] == '.' || after[0] == ':':
			end++
		case after[0] == ' ' || after[0] == '\t' || after[0] == '\n':
		default:
			return "", 0, false
		}
		return s[:end], n, true
	}
}

// ordinalDun matches 第一、.
func ordinalDun(s string) (string, int, bool) {
	rest, ok := strings.CutPrefix(s, "第")
	if !ok {
		return "", 0, false
	}
	num := run(rest, isCNNumeral, false)
	if num == "" || !strings.HasPrefix(rest[len(num):], "、") {
		return "", 0, false
	}
	return s[:len("第")+len(num)+len("、")], cnValue(num), true
}

// cnDun matches 一、, or 一． and 一. as some texts type it, but not a
// number with a decimal point (四三．○○, a price): after the point come
// a digit, a zero or two numerals, where a text after a marker starts
// with a word (一.一般存户…).
func cnDun(s string) (string, int, bool) {
	label, n, ok := cnDunMarks(s)
	if ok && !strings.HasSuffix(label, "、") {
		after := s[len(label):]
		r, size := utf8.DecodeRuneInString(after)
		r2, _ := utf8.DecodeRuneInString(after[size:])
		if isDigit(r) || strings.ContainsRune("○〇零Ｏ", r) || isCNNumeral(r) && isCNNumeral(r2) {
			return "", 0, false
		}
	}
	return label, n, ok
}

var cnDunMarks = suffixed(isCNNumeral, cnValue, "、", "．", ".")

// suffixed matches a number followed by one of the separators: 一、 １、
func suffixed(ok func(rune) bool, value func(string) int, seps ...string) func(string) (string, int, bool) {
	return func(s string) (string, int, bool) {
		num := run(s, ok, false) // any length: value bounds the number
		if num == "" {
			return "", 0, false
		}
		i := slices.IndexFunc(seps, func(sep string) bool { return strings.HasPrefix(s[len(num):], sep) })
		if i < 0 {
			return "", 0, false
		}
		n := value(num)
		if n <= 0 {
			return "", 0, false
		}
		return s[:len(num)+len(seps[i])], n, true
	}
}

// parenthesized matches （一） (1) （１） (a) (iv) （甲）.
func parenthesized(ok func(rune) bool, value func(string) int) func(string) (string, int, bool) {
	return func(s string) (string, int, bool) {
		open, size := utf8.DecodeRuneInString(s)
		if open != '(' && open != '（' {
			return "", 0, false
		}
		num := run(s[size:], ok, false) // any length: value bounds the number
		if num == "" {
			return "", 0, false
		}
		closing, csize := utf8.DecodeRuneInString(s[size+len(num):])
		if closing != ')' && closing != '）' {
			return "", 0, false
		}
		n := value(num)
		if n <= 0 {
			return "", 0, false
		}
		return s[:size+len(num)+csize], n, true
	}
}

// closed matches a number or a letter closed by a parenthesis only, 1)
// １） a), followed by a space or by text that is not ASCII (1）总则).
func closed(ok func(rune) bool, value func(string) int) func(string) (string, int, bool) {
	return func(s string) (string, int, bool) {
		num := run(s, ok, false) // any length: value bounds the number
		if num == "" {
			return "", 0, false
		}
		closing, size := utf8.DecodeRuneInString(s[len(num):])
		if closing != ')' && closing != '）' {
			return "", 0, false
		}
		end := len(num) + size
		if next := s[end:]; next != "" && next[0] < utf8.RuneSelf && next[0] != ' ' && next[0] != '\t' {
			return "", 0, false // 2)x, 1).
		}
		n := value(num)
		if n <= 0 {
			return "", 0, false
		}
		return s[:end], n, true
	}
}

// either matches what the first of two matchers does, else the second.
func either(a, b func(string) (string, int, bool)) func(string) (string, int, bool) {
	return func(s string) (string, int, bool) {
		if label, n, ok := a(s); ok {
			return label, n, ok
		}
		return b(s)
	}
}

// circled matches the parenthesized ideographs ㈠ … ㈩.
func circled(s string) (string, int, bool) {
	r, size := utf8.DecodeRuneInString(s)
	if r >= '㈠' && r <= '㈩' {
		return s[:size], int(r-'㈠') + 1, true
	}
	return "", 0, false
}

// digitDot matches 1. １． and Markdown's escaped 1\. when a space, a
// letter or the end follows (not 1.5).
func digitDot(s string) (string, int, bool) {
	num := run(s, isDigit, false) // any length: digitValue bounds the number
	if num == "" {
		return "", 0, false
	}
	rest := s[len(num):]
	sep := ""
	for _, p := range []string{"\\.", ".", "．"} {
		if strings.HasPrefix(rest, p) {
			sep = p
			break
		}
	}
	if sep == "" {
		return "", 0, false
	}
	next, _ := utf8.DecodeRuneInString(rest[len(sep):])
	if isDigit(next) || next == '.' {
		return "", 0, false
	}
	n := digitValue(num)
	if n < 0 {
		return "", 0, false // beyond what a number of ours holds: no marker
	}
	return s[:len(num)+len(sep)], n, true
}

// letterDot matches a. b. followed by a space.
func letterDot(s string) (string, int, bool) {
	if len(s) >= 3 && isLowerLetter(rune(s[0])) && s[1] == '.' && s[2] == ' ' {
		return s[:2], letterValue(s[:1]), true
	}
	return "", 0, false
}

// dash matches the clause marker —— (two U+2014, not three or more).
func dash(s string) (string, int, bool) {
	if strings.HasPrefix(s, "——") && !strings.HasPrefix(s, "———") && len(strings.TrimSpace(s)) > len("——") {
		return "——", 0, true
	}
	return "", 0, false
}

// bullet matches Markdown list bullets "- " and "* ".
func bullet(s string) (string, int, bool) {
	if len(s) > 2 && (s[0] == '-' || s[0] == '*' || strings.HasPrefix(s, "•")) {
		_, size := utf8.DecodeRuneInString(s)
		if len(s) > size && s[size] == ' ' && strings.TrimSpace(s[size:]) != "" && strings.Trim(s, "-* ") != "" {
			return s[:size], 0, true
		}
	}
	return "", 0, false
}

// alternative is the other reading of a marker that two styles can claim:
// (i), (v), (x) are letters or Roman numerals; (C) may be a capital in a
// list of small letters. The builder keeps the one
// that continues a list, else the one that starts a list. A marker no
// other style claims has none (a zero reading).
func alternative(st *style, label string) reading {
	inner := strings.Trim(label, "()（）")
	if st.name == "upper-paren" {
		return reading{styleNamed("letter-paren"), letterValue(inner)} // (C) among (b) and (d)
	}
	if st.name != "letter-paren" {
		return reading{}
	}
	if len(inner) != 1 || !isRomanLetter(rune(inner[0])) {
		return reading{}
	}
	return reading{styleNamed("roman-paren"), romanValue(inner)}
}

// styleNamed finds a style of the table by name.
func styleNamed(name string) *style {
	for i := range styles {
		if styles[i].name == name {
			return &styles[i]
		}
	}
	panic("parse: no style " + name)
}
