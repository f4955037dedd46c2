package parse

import (
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// wordDates are English dates with the year written out in words, as
// treaties date themselves: the twenty-fifth day of September, one
// thousand nine hundred and twenty-six. Group yw is read by yearInWords.
// The pattern is the rule, but it is run in two parts (wordDatesIn):
// whole, it has no literal to start from and tried hundreds of
// instructions at every byte of a text.
var wordDates = regexp.MustCompile(`(?i)\b` + wordDateDay + `\s+` + wordDateRest)

const (
	// wordDateDay is the day: twenty-fifth, 25th, 25.
	wordDateDay = `(?:(?P<dw>(?:twenty|thirty)?-?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)|(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?)`
	// wordDateRest is the rest, from the word "day".
	wordDateRest = `day\s+of\s+(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December),?\s+(?:in\s+the\s+year\s+)?(?P<yw>(?:one|two)\s+thousand(?:[\s-]+(?:and|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)*)`
)

var (
	wordDateDayAlone = regexp.MustCompile(`(?i)^` + wordDateDay + `$`)
	wordDateRestAt   = regexp.MustCompile(`(?i)^` + wordDateRest)
)

// wordDate is a match of wordDates at text[start:end], its groups as
// written ("" where a group took no part).
type wordDate struct {
	start, end     int
	dw, d, mon, yw string
}

// wordDatesIn finds what wordDates.FindAllStringSubmatchIndex finds,
// left to right, not overlapping (TestWordDatesIn ties the two). A match
// holds the word "day" (any case) after spaces, and its day is the word
// before those spaces: only there are the two parts tried, the day on
// each start in that word that the pattern's \b allows, the rest from
// "day" on.
func wordDatesIn(text string) []wordDate {
	var out []wordDate
	pos := 0 // where the last match ended: the next starts no sooner
	for at := pos; at+3 <= len(text); at++ {
		if text[at]|0x20 != 'd' || text[at+1]|0x20 != 'a' || text[at+2]|0x20 != 'y' {
			continue
		}
		e := at // the day ends where the spaces before "day" start
		for e > pos && isRegexpSpace(text[e-1]) {
			e--
		}
		if e == at || e == pos {
			continue
		}
		w := e // the start of the word before the spaces
		for w > pos && !isRegexpSpace(text[w-1]) {
			w--
		}
		start := -1
		for q := w; q < e && start < 0; q++ {
			if atWordBoundary(text, q) && wordDateDayAlone.MatchString(text[q:e]) {
				start = q
			}
		}
		if start < 0 {
			continue
		}
		rest := wordDateRestAt.FindStringSubmatchIndex(text[at:])
		if rest == nil {
			continue
		}
		m := wordDate{start: start, end: at + rest[1]}
		day := wordDateDayAlone.FindStringSubmatch(text[start:e])
		m.dw, m.d = day[wordDateDayAlone.SubexpIndex("dw")], day[wordDateDayAlone.SubexpIndex("d")]
		group := func(name string) string {
			i := wordDateRestAt.SubexpIndex(name)
			if rest[2*i] < 0 {
				return ""
			}
			return text[at+rest[2*i] : at+rest[2*i+1]]
		}
		m.mon, m.yw = group("mon"), group("yw")
		out = append(out, m)
		pos = m.end
		at = pos - 1
	}
	return out
}

// isRegexpSpace: c is a space to \s of a regular expression.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// atWordBoundary: \b of a regular expression holds before byte i of text.
func atWordBoundary(text string, i int) bool {
	word := func(c byte) bool { return isWordByte(c) || c == '_' }
	before := i > 0 && word(text[i-1])
	return i < len(text) && before != word(text[i]) || i == len(text) && before
}

// numberWords are the values of English number words, for years in words.
var numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90}

// yearInWords reads one thousand nine hundred and forty-four → 1944; 0
// when the words are not a number.
func yearInWords(s string) int {
	total, cur := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '-' || r == '\n' || r == '\t' }) {
		switch w {
		case "and":
		case "hundred":
			cur *= 100
		case "thousand":
			total, cur = total+cur*1000, 0
		default:
			n, ok := numberWords[w]
			if !ok {
				return 0
			}
			cur += n
		}
	}
	return total + cur
}

var months = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// monthNumber gives the number of an English month name, 0 if none.
// monthAt is the month whose name starts at byte at of text (monthNames
// found it there), and the length of the name.
func monthAt(text string, at int) (m, n int) {
	for i, name := range months {
		if end := at + len(name); end <= len(text) && strings.EqualFold(text[at:end], name) {
			return i + 1, len(name)
		}
	}
	return 0, 0
}

func monthNumber(name string) int {
	for i, m := range months {
		if strings.EqualFold(name, m) {
			return i + 1
		}
	}
	return 0
}

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
	if h.year {
		// years of an era (民国三十五年) and written with 千/百 (一千八百四十年)
		for _, c := range p.countedYears(text) {
			if date, ok := p.completeDate(text[c.start:c.end], c.year, number(c.m), number(c.d)); ok {
				date.YearInferred = c.inferred
				pass = append(pass, dateMatch{start: c.start, end: c.end, date: date})
			}
		}
		endPass()
	}
	if h.u && (contains(text, "housand") || contains(text, "HOUSAND")) {
		for _, m := range wordDatesIn(text) {
			d := number(m.d)
			if m.dw != "" {
				d = ordinalDay(m.dw)
			}
			if y := yearInWords(m.yw); y >= 1000 {
				add(m.start, m.end, y, monthNumber(m.mon), d)
			}
		}
		endPass()
	}
	if h.digit {
		var months []int
		if h.monthLetter {
			months = monthNames(text, -1)
		}
		for _, group := range [][]englishForm{englishForms, yearlessForms} {
			held := found // the yearless forms only where no dated match is
			if &group[0] == &englishForms[0] {
				held = nil
			}
			for _, form := range group {
				for _, at := range months {
					if slices.ContainsFunc(held, func(m dateMatch) bool { return m.start <= at && at < m.end }) {
						continue
					}
					m, n := monthAt(text, at)
					ed, ok := form(text, at, n, m)
					if !ok {
						continue
					}
					add(ed.start, ed.end, ed.y, ed.m, ed.d)
					if ed.weekday != "" && len(pass) > 0 && pass[len(pass)-1].start == ed.start {
						checkWeekday(&pass[len(pass)-1].date, ed.weekday)
					}
				}
				slices.SortStableFunc(pass, func(a, b dateMatch) int { return a.start - b.start })
				endPass()
			}
		}
	}

	if h.digit && !h.year {
		// a year alone, after a preposition: signed in 1965, since 1945
		for _, at := range yearsAfterPreposition(text) {
			add(at, at+4, number(text[at:at+4]), 0, 0)
		}
		endPass()
	}
	if (h.year || h.month) && hasRelativeWord(text) {
		rel := p.relativeDates(text, found)
		slices.SortStableFunc(rel, func(a, b dateMatch) int { return a.start - b.start })
		found = supersede(found, mergeDates(nil, rel))
	}
	if len(found) > 0 {
		found = withoutDaysOfEveryYear(text, found)
		found = mergeDates(found, p.rangeEnds(text, found))
	}
	return found
}

// checkWeekday leaves out the ISO value of a date whose year was
// inferred when the weekday the text gives it is not that year's: the
// year cannot be known, and a wrong value is worse than none.
func checkWeekday(date *declaration.Date, weekday string) {
	if !date.YearInferred || len(date.ISO) != len("2006-01-02") {
		return
	}
	t, err := time.Parse("2006-01-02", date.ISO)
	if err == nil && !strings.EqualFold(t.Weekday().String(), weekday) {
		date.ISO, date.YearInferred = "", false
	}
}

// prepositions stand before an English year written alone: signed in
// 1965, since 1945.
var prepositions = []string{"in", "since", "until", "by", "from", "during", "before", "after", "of"}

// yearsAfterPreposition lists the byte offsets of English years written
// alone: four digits from 1600 to 2099 after a preposition, not followed
// by more of a number, a letter or a per cent sign.
func yearsAfterPreposition(text string) []int {
	var out []int
	for i := 0; i+4 <= len(text); i++ {
		if !isDigitByte(text[i]) || i > 0 && isDigitByte(text[i-1]) {
			continue
		}
		j := i
		for j < len(text) && isDigitByte(text[j]) {
			j++
		}
		if j-i != 4 || text[i:i+2] < "16" || text[i:i+2] > "20" {
			i = j
			continue
		}
		if j < len(text) && (text[j] == '%' || isASCIILetter(text[j]) || (text[j] == ',' || text[j] == '.') && j+1 < len(text) && isDigitByte(text[j+1])) {
			i = j
			continue // 1965%, 1965s, 1,965 and 1965.5 are no years
		}
		before := strings.TrimRight(text[:i], " ")
		if len(before) == len(text[:i]) {
			i = j
			continue // no space before the digits
		}
		word := before[strings.LastIndexAny(before, " \n(")+1:]
		if slices.Contains(prepositions, strings.ToLower(word)) {
			out = append(out, i)
		}
		i = j
	}
	return out
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

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
			for i := range occurrences(text, "年") {
				if c, ok := yearDate(text, i, digits); ok {
					out = append(out, c)
				}
			}
			passes = append(passes, out)
		}
	}
	if monthDay {
		var out []cnDate
		for i := range occurrences(text, "月") {
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

// eras are the calendars whose years count from an epoch: the year N of
// the era is base+N.
var eras = []struct {
	name string
	base int
	from int // the first and last Gregorian years of the era, to read a
	to   int // bare 三十五年五月 in a text of those years as a year of it
}{
	{"民国", 1911, 1912, 1949}, {"民國", 1911, 1912, 1949}, {"中华民国", 1911, 1912, 1949}, {"中華民國", 1911, 1912, 1949},
}

// countedYear is a date whose year is written as a counted number (with
// 十, 百, 千) rather than digit by digit.
type countedYear struct {
	start, end int
	year       int
	m, d       string
	inferred   bool // the era was not written
}

// countedYears finds 一千八百四十年 (a year written with 千), 民国三十五年
// (a year of an era) and, in a text of an era's years, a bare 三十五年 with
// a month after it. Years written digit by digit are chineseDates' work.
func (p *parser) countedYears(text string) []countedYear {
	var out []countedYear
	for i := range occurrences(text, "年") {
		at := i + len("年")
		start, n := i, 0
		for start > 0 && n < 8 {
			r, size := utf8.DecodeLastRuneInString(text[:start])
			if !isCNNumeral(r) {
				break
			}
			start -= size
			n++
		}
		num := text[start:i]
		if n == 0 || !strings.ContainsAny(num, "十百千") {
			continue
		}
		c := countedYear{start: start, end: at}
		v := cnValue(num)
		switch {
		case strings.Contains(num, "千"):
			if v < 1000 || v > 2999 {
				continue
			}
			c.year = v
		default:
			era := -1
			for k, e := range eras {
				if strings.HasSuffix(text[:start], e.name) && (era < 0 || len(e.name) > len(eras[era].name)) {
					era = k
				}
			}
			if era >= 0 {
				c.start -= len(eras[era].name)
				c.year = eras[era].base + v
				break
			}
			if !p.inEra(v) || !startsMonth(text[at:]) {
				continue
			}
			c.year, c.inferred = 1911+v, true
		}
		c.m, c.d, c.end = monthDayAfter(text, c.end, false)
		out = append(out, c)
	}
	return out
}

// inEra: the text's reference year is in the Republican era and year n of
// it is not later than the reference year.
func (p *parser) inEra(n int) bool {
	e := eras[0]
	return p.refYear >= e.from && p.refYear <= e.to && n >= 1 && e.base+n <= p.refYear
}

// startsMonth: s starts with a month, 五月 or 十二月.
func startsMonth(s string) bool {
	_, _, ok := partThen(s, 0, "月", false)
	return ok
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
	c := cnDate{start: start, y: text[start:j]}
	c.m, c.d, c.end = monthDayAfter(text, i+len("年"), digits)
	return c, true
}

// monthDayAfter reads the month and then the day that may follow a year
// ending at byte i (年 五月 十日); end is past what it read.
func monthDayAfter(text string, i int, spaced bool) (m, d string, end int) {
	end = i
	if m, e, ok := partThen(text, end, "月", spaced); ok {
		end = e
		if d, e, ok := partThen(text, end, "日", spaced); ok {
			return m, d, e
		}
		return m, "", end
	}
	return "", "", end
}

// occurrences yields the byte offset of every occurrence of sep in text.
func occurrences(text, sep string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for at := 0; ; {
			i := index(text[at:], sep)
			if i < 0 || !yield(at+i) {
				return
			}
			at += i + len(sep)
		}
	}
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
func isCNDigit(r rune) bool { return cnDigitChars.has(r) }

var cnDigitChars = newRuneSet("一二三四五六七八九〇○零Ｏ")

// isCNCount: the characters of a month or day in Chinese numerals.
func isCNCount(r rune) bool { return cnCountChars.has(r) }

var cnCountChars = newRuneSet("一二三四五六七八九十廿卅")

// completeDate builds a Date; a missing year comes from the publication
// or dispatch and is marked inferred.
func (p *parser) completeDate(text string, y, m, d int) (declaration.Date, bool) {
	date := declaration.Date{Text: text}
	if y <= 0 {
		// The year of the text's own date, dispatch or issue, for a month
		// not later than its own: a later month may be of the year before,
		// so it is left without an ISO value rather than guessed.
		if p.refYear == 0 || m <= 0 || m > p.refMonth {
			return date, true
		}
		y = p.refYear
		date.YearInferred = true
	}
	if !validDate(y, m, d) {
		return date, false
	}
	date.ISO = isoDate(y, max(m, 0), max(d, 0))
	return date, true
}

// isoDate writes year y (0–9999), month m and day d (1–99; 0 leaves it
// out, and the day with it) as fmt's "%04d-%02d-%02d" would: 1944,
// 1944-01, 1944-01-21 (TestISODate), without fmt's cost, which showed in
// a profile: the corpus holds a date every few lines.
func isoDate(y, m, d int) string {
	b := make([]byte, 0, len("2006-01-02"))
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	if m > 0 {
		b = append(b, '-', byte('0'+m/10), byte('0'+m%10))
		if d > 0 {
			b = append(b, '-', byte('0'+d/10), byte('0'+d%10))
		}
	}
	return string(b)
}

// validDate is declaration.ValidISODate of the ISO value completeDate
// writes for year y, month m and day d (m or d <= 0: left out), reckoned
// on the numbers rather than by formatting and parsing them
// (TestValidDate ties the two).
func validDate(y, m, d int) bool {
	switch {
	case y < 0 || y > 9999:
		return false
	case m <= 0:
		return true
	case m > 12:
		return false
	case d <= 0:
		return true
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
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
	if hasBlank(s) {
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

// monthNames lists the byte offsets of up to max English month names in
// s, whole words in any case, that have a digit soon after them (max < 0:
// all). It looks at the start of each word only, and tells a month by its
// first three letters (monthOf3) before it compares the rest.
func monthNames(s string, max int) []int {
	var out []int
	for i := 0; i+3 <= len(s) && len(out) != max; i++ {
		if !isASCIILetter(s[i]) {
			continue
		}
		// i starts a word: the loop steps over the rest of it below
		if m := monthOf3(s[i], s[i+1], s[i+2]); m > 0 {
			name := months[m-1]
			end := i + len(name)
			if len(s) >= end && strings.EqualFold(s[i:end], name) && (end == len(s) || !isASCIILetter(s[end])) && (digitSoonAfter(s[end:]) || digitSoonBefore(s[:i])) {
				out = append(out, i)
			}
		}
		for i+1 < len(s) && isASCIILetter(s[i+1]) {
			i++
		}
	}
	return out
}

// monthOf3 is the number of the month whose name starts with the letters
// a, b, c in any case, 0 if none.
func monthOf3(a, b, c byte) int {
	switch uint32(a|0x20)<<16 | uint32(b|0x20)<<8 | uint32(c|0x20) {
	case 'j'<<16 | 'a'<<8 | 'n':
		return 1
	case 'f'<<16 | 'e'<<8 | 'b':
		return 2
	case 'm'<<16 | 'a'<<8 | 'r':
		return 3
	case 'a'<<16 | 'p'<<8 | 'r':
		return 4
	case 'm'<<16 | 'a'<<8 | 'y':
		return 5
	case 'j'<<16 | 'u'<<8 | 'n':
		return 6
	case 'j'<<16 | 'u'<<8 | 'l':
		return 7
	case 'a'<<16 | 'u'<<8 | 'g':
		return 8
	case 's'<<16 | 'e'<<8 | 'p':
		return 9
	case 'o'<<16 | 'c'<<8 | 't':
		return 10
	case 'n'<<16 | 'o'<<8 | 'v':
		return 11
	case 'd'<<16 | 'e'<<8 | 'c':
		return 12
	}
	return 0
}

// monthFirsts are the first letters of the months, in both cases.
var monthFirsts = func() (t [256]bool) {
	for _, m := range months {
		t[m[0]], t[m[0]-'a'+'A'] = true, true
	}
	return t
}()

// digitSoonAfter: an English date has a number right after the month
// name (March 3, March 1962, 3 March, 1962) or right before it (3 May,
// 3rd May); "may" the verb seldom has either.
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

// digitSoonBefore: a day stands right before the month name (3 May,
// 3rd May, 3 of May).
func digitSoonBefore(s string) bool {
	s = strings.TrimRight(s, " \t")
	s = strings.TrimSuffix(s, " of")
	s = strings.TrimRight(s, "stndrh")
	return s != "" && isDigitByte(s[len(s)-1])
}

func isWordByte(c byte) bool { return isASCIILetter(c) || isDigitByte(c) }

func isASCIILetter(c byte) bool { c |= 0x20; return c >= 'a' && c <= 'z' }
