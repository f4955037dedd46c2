package parse

import "strings"

// English dates are read around each month name by hand, not by regular
// expressions: the date scan runs on every text, and backtracking over
// alternations of month names was a third of the parser's time. The
// forms, most complete first:
//
//	dayFirst          3 May 1960, 3rd day of May, 1960
//	ordinalDayFirst   the fourth day of April, 1949 (the year in digits)
//	monthFirst        May 1957, June 12th, 1924, May 3 1960
//	dayFirstNoYear    3 May, Monday 3 May, 28th of May (capitalised month)
//	monthFirstNoYear  May 3, Monday, May 3rd (capitalised month)
//
// Dates with the year in words (wordDates) keep their expression: they
// are rare, and only tried where "thousand" is written.

// englishDate is an English date found at text[start:end].
type englishDate struct {
	start, end int
	y, m, d    int
	weekday    string
}

// englishForm reads one form of date around the month name at text[at:
// at+n] (month m), or reports none.
type englishForm func(text string, at, n, m int) (englishDate, bool)

// englishForms are tried in order, each over every month name: a date of
// an earlier form wins over one of a later form that overlaps it. The
// last two, without a year, are tried only at month names no dated form
// holds.
var englishForms = []englishForm{dayFirst, ordinalDayFirst, monthFirst}
var yearlessForms = []englishForm{dayFirstNoYear, monthFirstNoYear}

// dayFirst: 3 May 1960, 3rd May, 1960, 3 day of May 1960 (any case).
func dayFirst(text string, at, n, m int) (englishDate, bool) {
	i, ok := spacesBefore(text, at, false)
	if !ok {
		return englishDate{}, false
	}
	if j, ok := wordEndingAt(text, i, "of"); ok {
		if k, ok := spacesBefore(text, j, false); ok {
			if l, ok := wordEndingAt(text, k, "day"); ok {
				if l2, ok := spacesBefore(text, l, false); ok {
					i = l2
				}
			}
		}
	}
	start, d, ok := dayBefore(text, i, true)
	if !ok {
		return englishDate{}, false
	}
	end, y, ok := yearAfter(text, at+n)
	if !ok {
		return englishDate{}, false
	}
	return englishDate{start: start, end: end, y: y, m: m, d: d}, true
}

// ordinalDayFirst: the fourth day of April, 1949; twenty-first day of May 1960.
func ordinalDayFirst(text string, at, n, m int) (englishDate, bool) {
	i, ok := spacesBefore(text, at, false)
	if !ok {
		return englishDate{}, false
	}
	j, ok := wordEndingAt(text, i, "of")
	if !ok {
		return englishDate{}, false
	}
	if j, ok = spacesBefore(text, j, false); !ok {
		return englishDate{}, false
	}
	if j, ok = wordEndingAt(text, j, "day"); !ok {
		return englishDate{}, false
	}
	if j, ok = spacesBefore(text, j, false); !ok {
		return englishDate{}, false
	}
	start := j
	for start > 0 && (isASCIILetter(text[start-1]) || text[start-1] == '-') {
		start--
	}
	if start > 0 && isWordByte(text[start-1]) || start == j {
		return englishDate{}, false
	}
	d := ordinalDay(text[start:j])
	if d == 0 {
		return englishDate{}, false
	}
	end, y, ok := yearAfter(text, at+n)
	if !ok {
		return englishDate{}, false
	}
	return englishDate{start: start, end: end, y: y, m: m, d: d}, true
}

// monthFirst: May 1957, June 12th, 1924, May 3 1960 (any case).
func monthFirst(text string, at, n, m int) (englishDate, bool) {
	if at > 0 && isWordByte(text[at-1]) {
		return englishDate{}, false
	}
	i := at + n
	if i < len(text) && text[i] == ',' {
		i++
	}
	j, ok := spacesAfter(text, i, false)
	if !ok {
		return englishDate{}, false
	}
	// a day first: 1–2 digits, a suffix, a comma, spaces, then the year
	if k, d, ok := dayAfter(text, j, true); ok {
		if k < len(text) && text[k] == ',' {
			k++
		}
		if l, ok := spacesAfter(text, k, false); ok {
			if end, y, ok := fourDigits(text, l); ok {
				return englishDate{start: at, end: end, y: y, m: m, d: d}, true
			}
		}
	}
	if end, y, ok := fourDigits(text, j); ok {
		return englishDate{start: at, end: end, y: y, m: m}, true
	}
	return englishDate{}, false
}

// dayFirstNoYear: 3 May, Monday 3 May, 28th of May, with the month
// capitalised and blanks that are spaces or tabs.
func dayFirstNoYear(text string, at, n, m int) (englishDate, bool) {
	if !capitalisedMonth(text[at:at+n]) || at+n < len(text) && isWordByte(text[at+n]) {
		return englishDate{}, false
	}
	i, ok := spacesBefore(text, at, true)
	if !ok {
		return englishDate{}, false
	}
	if j, ok := wordEndingAt(text, i, "of"); ok && text[j:i] == "of" {
		if k, ok := spacesBefore(text, j, true); ok {
			i = k
		}
	}
	start, d, ok := dayBefore(text, i, false)
	if !ok {
		return englishDate{}, false
	}
	start, wd := weekdayBefore(text, start)
	return englishDate{start: start, end: at + n, m: m, d: d, weekday: wd}, true
}

// monthFirstNoYear: May 3, Monday, May 3rd, with the month capitalised.
func monthFirstNoYear(text string, at, n, m int) (englishDate, bool) {
	if !capitalisedMonth(text[at:at+n]) || at > 0 && isWordByte(text[at-1]) {
		return englishDate{}, false
	}
	j, ok := spacesAfter(text, at+n, true)
	if !ok {
		return englishDate{}, false
	}
	end, d, ok := dayAfter(text, j, false)
	if !ok || end < len(text) && isWordByte(text[end]) {
		return englishDate{}, false
	}
	start, wd := weekdayBefore(text, at)
	return englishDate{start: start, end: end, m: m, d: d, weekday: wd}, true
}

// isBlank: the white space \s of a regular expression; tabs only, a
// line's blanks, where line is set.
func isBlank(c byte, line bool) bool {
	return c == ' ' || c == '\t' || !line && (c == '\n' || c == '\r' || c == '\f' || c == '\v')
}

// spacesBefore steps back over at least one blank ending at byte i.
func spacesBefore(text string, i int, line bool) (int, bool) {
	j := i
	for j > 0 && isBlank(text[j-1], line) {
		j--
	}
	return j, j < i
}

// spacesAfter steps over at least one blank at byte i.
func spacesAfter(text string, i int, line bool) (int, bool) {
	j := i
	for j < len(text) && isBlank(text[j], line) {
		j++
	}
	return j, j > i
}

// wordEndingAt reports whether the word w (in any case) ends at byte i,
// as a whole word, and where it starts.
func wordEndingAt(text string, i int, w string) (int, bool) {
	j := i - len(w)
	if j < 0 || !strings.EqualFold(text[j:i], w) || j > 0 && isWordByte(text[j-1]) {
		return i, false
	}
	return j, true
}

// dayBefore reads a day of one or two digits and an ordinal suffix
// (st, nd, rd, th; in any case where anyCase) ending at byte i, as a
// whole word.
func dayBefore(text string, i int, anyCase bool) (start, d int, ok bool) {
	j := i
	if j >= 2 && isOrdinalSuffix(text[j-2:j], anyCase) {
		j -= 2
	}
	k := j
	for k > 0 && j-k < 2 && isDigitByte(text[k-1]) {
		k--
	}
	if k == j || k > 0 && isWordByte(text[k-1]) {
		return 0, 0, false
	}
	return k, atoi(text[k:j]), true
}

// dayAfter reads a day of one or two digits and an optional ordinal
// suffix at byte i; the caller checks what follows.
func dayAfter(text string, i int, anyCase bool) (end, d int, ok bool) {
	j := i
	for j < len(text) && j-i < 2 && isDigitByte(text[j]) {
		j++
	}
	if j == i || j < len(text) && isDigitByte(text[j]) {
		return 0, 0, false
	}
	d = atoi(text[i:j])
	if j+2 <= len(text) && isOrdinalSuffix(text[j:j+2], anyCase) {
		return j + 2, d, true
	}
	return j, d, true
}

func isOrdinalSuffix(s string, anyCase bool) bool {
	if anyCase {
		s = strings.ToLower(s)
	}
	return s == "st" || s == "nd" || s == "rd" || s == "th"
}

// yearAfter reads ",? blanks YYYY" at byte i, the year a whole word.
func yearAfter(text string, i int) (end, y int, ok bool) {
	if i < len(text) && text[i] == ',' {
		i++
	}
	j, ok := spacesAfter(text, i, false)
	if !ok {
		return 0, 0, false
	}
	return fourDigits(text, j)
}

// fourDigits reads a year of exactly four digits at byte i, a whole word.
func fourDigits(text string, i int) (end, y int, ok bool) {
	if i+4 > len(text) {
		return 0, 0, false
	}
	for k := i; k < i+4; k++ {
		if !isDigitByte(text[k]) {
			return 0, 0, false
		}
	}
	if i+4 < len(text) && isWordByte(text[i+4]) {
		return 0, 0, false
	}
	return i + 4, atoi(text[i : i+4]), true
}

// weekdayBefore takes a weekday and an optional comma before the date
// at byte i (Monday 3 May, Monday, May 3): the date then starts there.
func weekdayBefore(text string, i int) (int, string) {
	j, ok := spacesBefore(text, i, true)
	if !ok {
		return i, ""
	}
	if j > 0 && text[j-1] == ',' {
		j--
	}
	for _, wd := range weekdayNames {
		for _, w := range []string{wd, strings.ToUpper(wd)} {
			if k := j - len(w); k >= 0 && text[k:j] == w && (k == 0 || !isWordByte(text[k-1])) {
				return k, w
			}
		}
	}
	return i, ""
}

var weekdayNames = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// capitalisedMonth: a month name as a month is written, May or MAY, not
// may (Article 3 may be amended).
func capitalisedMonth(s string) bool {
	return isUpperLetter(rune(s[0])) && (strings.ToLower(s[1:]) == s[1:] || strings.ToUpper(s[1:]) == s[1:])
}
