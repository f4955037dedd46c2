package parse

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// englishDates find English dates, most complete first. Each has named
// groups y, d or dw (an ordinal word), and mon. Chinese dates are read
// by chineseDates, without regular expressions: they are everywhere in
// Chinese texts and this is the parser's hottest path.
var englishDates = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December),?\s+(?P<y>[0-9]{4})\b`),
	regexp.MustCompile(`(?i)\b(?P<dw>(?:twenty|thirty)?-?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\s+day\s+of\s+(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December),?\s+(?P<y>[0-9]{4})\b`),
	regexp.MustCompile(`(?i)\b(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:(?P<d>[0-9]{1,2}),?\s+)?(?P<y>[0-9]{4})\b`),
}

var months = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// dateMatch is a date found at text[start:end].
type dateMatch struct {
	start, end int
	date       declaration.Date
}

// findDates returns the dates in text, left to right, not overlapping.
func (p *parser) findDates(text string) []dateMatch {
	return p.findDatesHinted(text, hintsOf(text))
}

// findDatesHinted is findDates with the text's hints already known.
func (p *parser) findDatesHinted(text string, h hints) []dateMatch {
	// Each pass finds dates left to right; a date of an earlier pass
	// wins over one of a later pass that overlaps it.
	var found, pass []dateMatch // found: sorted by start, not overlapping
	add := func(start, end int, y, mo, d int) {
		if date, ok := p.completeDate(text[start:end], y, mo, d); ok {
			pass = append(pass, dateMatch{start: start, end: end, date: date})
		}
	}
	endPass := func() {
		found, pass = mergeDates(found, pass), pass[:0]
	}
	if h.year || h.month && h.day {
		for _, cs := range chineseDates(text, h.year, h.month && h.day) {
			for _, c := range cs {
				add(c.start, c.end, number(c.y), number(c.m), number(c.d))
			}
			endPass()
		}
	}
	if h.digit && hasMonthName(text) {
		for _, re := range englishDates {
			for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
				get := func(name string) string {
					i := re.SubexpIndex(name)
					if i < 0 || m[2*i] < 0 {
						return ""
					}
					return text[m[2*i]:m[2*i+1]]
				}
				y, d := number(get("y")), number(get("d"))
				if w := get("dw"); w != "" {
					d = ordinalDay(w)
				}
				mo := 0
				for i, name := range months {
					if strings.EqualFold(get("mon"), name) {
						mo = i + 1
					}
				}
				add(m[0], m[1], y, mo, d)
			}
			endPass()
		}
	}
	return found
}

// mergeDates adds the dates of a pass (in order) to those found so far
// (in order, not overlapping), leaving out any that overlaps one already
// there or one before it in the pass. It walks both lists once.
func mergeDates(found, pass []dateMatch) []dateMatch {
	if len(pass) == 0 {
		return found
	}
	out := make([]dateMatch, 0, len(found)+len(pass))
	i := 0
	for _, c := range pass {
		for i < len(found) && found[i].end <= c.start {
			out = append(out, found[i])
			i++
		}
		if i < len(found) && found[i].start < c.end || len(out) > 0 && out[len(out)-1].end > c.start {
			continue
		}
		out = append(out, c)
	}
	return append(out, found[i:]...)
}

// cnDate is a Chinese date found at text[start:end], its parts as written.
type cnDate struct {
	start, end int
	y, m, d    string
}

// chineseDates finds, in three passes: dates with a year in digits
// (１９９４年４月２６日, 1948 年 12 月 10 日), with a year in Chinese
// numerals (一九九五年九月十一日, 二○○一年), and a month and day without a
// year (９月１１日, 十月八日) unless a year stands right before them.
func chineseDates(text string, year, monthDay bool) [][]cnDate {
	var passes [][]cnDate
	if year {
		for _, digits := range []bool{true, false} {
			var out []cnDate
			for at := 0; ; {
				i := strings.Index(text[at:], "年")
				if i < 0 {
					break
				}
				i += at
				at = i + len("年")
				if c, ok := yearDate(text, i, digits); ok {
					out = append(out, c)
				}
			}
			passes = append(passes, out)
		}
	}
	if monthDay {
		var out []cnDate
		for at := 0; ; {
			i := strings.Index(text[at:], "月")
			if i < 0 {
				break
			}
			i += at
			at = i + len("月")
			m, start := numberBefore(text, i)
			if m == "" || strings.HasSuffix(text[:start], "年") {
				continue
			}
			if d, end, ok := partThen(text, i+len("月"), "日", false); ok {
				out = append(out, cnDate{start: start, end: end, m: m, d: d})
			}
		}
		passes = append(passes, out)
	}
	return passes
}

// yearDate reads the date whose 年 is at byte i: four digits (or four
// Chinese digits) before it, then optionally a month and a day.
func yearDate(text string, i int, digits bool) (cnDate, bool) {
	j := i
	if digits {
		for j > 0 && text[j-1] == ' ' {
			j--
		}
	}
	start := j
	for n := 0; n < 4; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if size == 0 || digits && digit(r) < 0 || !digits && !isCNDigit(r) {
			return cnDate{}, false
		}
		start -= size
	}
	c := cnDate{start: start, end: i + len("年"), y: text[start:j]}
	if m, end, ok := partThen(text, c.end, "月", digits); ok {
		c.m, c.end = m, end
		if d, end, ok := partThen(text, c.end, "日", digits); ok {
			c.d, c.end = d, end
		}
	}
	return c, true
}

// partThen reads a month or day number at byte i (digits, with spaces
// around when spaced, or up to three Chinese numerals), followed by unit.
func partThen(text string, i int, unit string, spaced bool) (string, int, bool) {
	skip := func(k int) int {
		for spaced && k < len(text) && text[k] == ' ' {
			k++
		}
		return k
	}
	i = skip(i)
	j, n := i, 0
	first, _ := utf8.DecodeRuneInString(text[i:])
	isDigitPart := digit(first) >= 0
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if isDigitPart && digit(r) < 0 || !isDigitPart && !isCNCount(r) {
			break
		}
		j += size
		n++
	}
	if n == 0 || isDigitPart && n > 2 || !isDigitPart && n > 3 {
		return "", 0, false
	}
	k := j
	if isDigitPart {
		k = skip(j)
	}
	if !strings.HasPrefix(text[k:], unit) {
		return "", 0, false
	}
	return text[i:j], k + len(unit), true
}

// numberBefore reads the month number that ends at byte i: up to two
// digits or three Chinese numerals.
func numberBefore(text string, i int) (string, int) {
	start, n := i, 0
	last, _ := utf8.DecodeLastRuneInString(text[:i])
	isDigitPart := digit(last) >= 0
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if isDigitPart && digit(r) < 0 || !isDigitPart && !isCNCount(r) || isDigitPart && n == 2 || !isDigitPart && n == 3 {
			break
		}
		start -= size
		n++
	}
	return text[start:i], start
}

// isCNDigit: the characters of a year written in Chinese numerals.
func isCNDigit(r rune) bool {
	return strings.ContainsRune("一二三四五六七八九〇○零Ｏ", r)
}

// isCNCount: the characters of a month or day in Chinese numerals.
func isCNCount(r rune) bool {
	return strings.ContainsRune("一二三四五六七八九十廿卅", r)
}

// completeDate builds a Date; a missing year comes from the publication
// or dispatch and is marked inferred.
func (p *parser) completeDate(text string, y, m, d int) (declaration.Date, bool) {
	date := declaration.Date{Text: text}
	if y <= 0 {
		if p.refYear == 0 || m <= 0 {
			return date, true
		}
		y = p.refYear
		date.YearInferred = true
	}
	var iso string
	switch {
	case m <= 0:
		iso = fmt.Sprintf("%04d", y)
	case d <= 0:
		iso = fmt.Sprintf("%04d-%02d", y, m)
	default:
		iso = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	}
	if !declaration.ValidISODate(iso) {
		return date, false
	}
	date.ISO = iso
	return date, true
}

// partialDate reads a lead's date: ９月１２日, or 十七日 with the month of
// the publication (the previous month when the day is later than the
// publication day).
func (p *parser) partialDate(text string) *declaration.Date {
	if ms := p.findDates(text); len(ms) > 0 && ms[0].start == 0 {
		return &ms[0].date
	}
	date := &declaration.Date{Text: text}
	day := number(strings.TrimSuffix(text, "日"))
	if day <= 0 || p.refYear == 0 {
		return date
	}
	y, m := p.refYear, p.refMonth
	if day > p.refDay {
		if m--; m == 0 {
			y, m = y-1, 12
		}
	}
	iso := fmt.Sprintf("%04d-%02d-%02d", y, m, day)
	if declaration.ValidISODate(iso) {
		date.ISO, date.YearInferred = iso, true
	}
	return date
}

// ordinalDay reads an English ordinal day: twelfth → 12, twenty-first → 21.
func ordinalDay(w string) int {
	w = strings.ToLower(strings.ReplaceAll(w, "-", ""))
	tens := 0
	for _, t := range []struct {
		prefix string
		n      int
	}{{"twenty", 20}, {"thirty", 30}} {
		if rest, ok := strings.CutPrefix(w, t.prefix); ok && rest != "" && rest != "ieth" {
			tens, w = t.n, rest
		}
	}
	for i, o := range []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
		"", "", "", "", "", "", "", "", "", "thirtieth"} {
		if o != "" && w == o {
			return tens + i + 1
		}
	}
	return 0
}

// number reads digits (ASCII or full-width) or a Chinese numeral; 0 when
// s is empty or neither.
func number(s string) int {
	if strings.ContainsAny(s, " \t\u3000") {
		s = strings.Join(strings.Fields(s), "")
	}
	if n := digitValue(s); n >= 0 {
		return n
	}
	if n := cnValue(s); n >= 0 {
		return n
	}
	return 0
}

// hasMonthName reports whether an English month name stands in s as a
// whole word, in any case, with a number right after it.
func hasMonthName(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' || i > 0 && isASCIILetter(s[i-1]) {
			continue
		}
		for _, m := range months {
			if m[0] != s[i]|0x20 {
				continue
			}
			end := i + len(m)
			if len(s) >= end && strings.EqualFold(s[i:end], m) && (end == len(s) || !isASCIILetter(s[end])) && digitSoonAfter(s[end:]) {
				return true
			}
		}
	}
	return false
}

// digitSoonAfter: every English date pattern has a number right after
// the month name (March 3, March 1962, 3 March, 1962); "may" the verb
// does not.
func digitSoonAfter(s string) bool {
	for i := 0; i < len(s) && i < 3; i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
		if s[i] != ' ' && s[i] != ',' {
			return false
		}
	}
	return false
}

func isASCIILetter(c byte) bool { c |= 0x20; return c >= 'a' && c <= 'z' }
