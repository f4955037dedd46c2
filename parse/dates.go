package parse

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

const (
	dg  = `[0-9０-９]`
	cnd = `[一二三四五六七八九〇○零Ｏ]`
	cnn = `[一二三四五六七八九十廿卅]`
)

// datePatterns find dates in text, most complete first. Each has named
// groups y, m, d (any may be absent) and, for English, mon.
var datePatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?P<y>` + dg + `{4})\s*年\s*(?:(?P<m>` + dg + `{1,2})\s*月\s*(?:(?P<d>` + dg + `{1,2})\s*日)?)?`),
	regexp.MustCompile(`(?P<y>` + cnd + `{4})年(?:(?P<m>` + cnn + `{1,3})月(?:(?P<d>` + cnn + `{1,3})日)?)?`),
	regexp.MustCompile(`(?P<m>` + dg + `{1,2}|` + cnn + `{1,3})月(?P<d>` + dg + `{1,2}|` + cnn + `{1,3})日`),
	regexp.MustCompile(`(?i)\b(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December),?\s+(?P<y>[0-9]{4})\b`),
	regexp.MustCompile(`(?i)\b(?P<dw>(?:twenty|thirty)?-?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\s+day\s+of\s+(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December),?\s+(?P<y>[0-9]{4})\b`),
	regexp.MustCompile(`(?i)\b(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:(?P<d>[0-9]{1,2}),?\s+)?(?P<y>[0-9]{4})\b`),
}

// dateHints says in one pass whether text holds 年, 月, 日 and ASCII
// digits: most texts hold no date, and this is cheaper than searching.
func dateHints(text string) (year, month, day, digit bool) {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= '0' && c <= '9':
			digit = true
		case c == 0xE5 && i+2 < len(text) && text[i+1] == 0xB9 && text[i+2] == 0xB4: // 年
			year = true
		case c == 0xE6 && i+2 < len(text) && text[i+1] == 0x9C && text[i+2] == 0x88: // 月
			month = true
		case c == 0xE6 && i+2 < len(text) && text[i+1] == 0x97 && text[i+2] == 0xA5: // 日
			day = true
		}
	}
	return
}

// hasMonthName reports whether an English month name may occur in s: a
// word starting with the first three letters of one, in any case.
func hasMonthName(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' || i > 0 && (s[i-1]|0x20) >= 'a' && (s[i-1]|0x20) <= 'z' {
			continue
		}
		switch string([]byte{s[i] | 0x20, s[i+1] | 0x20, s[i+2] | 0x20}) {
		case "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec":
			return true
		}
	}
	return false
}

var months = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// dateAnchors are the characters each date pattern must contain; the
// Chinese patterns are run only on a window around each occurrence of it,
// not over the whole text.
var dateAnchors = []string{"年", "年", "月", "", "", ""}

// Windows around an anchor, in bytes: enough for spaced full-width
// digits before it (１ ９ ９ ５ 年) and a month and day after it.
const anchorBefore, anchorAfter = 32, 64

// matchesNear returns re's matches in text (as FindAllStringSubmatchIndex
// does, offsets into text), searching only near each anchor when there is one.
func matchesNear(re *regexp.Regexp, text, anchor string) [][]int {
	if anchor == "" {
		return re.FindAllStringSubmatchIndex(text, -1)
	}
	var out [][]int
	end := 0 // matches must not overlap what an earlier window found
	for at := 0; ; {
		i := strings.Index(text[at:], anchor)
		if i < 0 {
			return out
		}
		i += at
		lo, hi := max(0, i-anchorBefore), min(len(text), i+len(anchor)+anchorAfter)
		for lo > 0 && !utf8.RuneStart(text[lo]) {
			lo--
		}
		for hi < len(text) && !utf8.RuneStart(text[hi]) {
			hi++
		}
		for _, m := range re.FindAllStringSubmatchIndex(text[lo:hi], -1) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += lo
				}
			}
			if m[0] >= end && m[0] <= i && m[1] > i { // the match holds this anchor
				out = append(out, m)
				end = m[1]
			}
		}
		at = i + len(anchor)
	}
}

// dateMatch is a date found at text[start:end].
type dateMatch struct {
	start, end int
	date       declaration.Date
}

// findDates returns the dates in text, left to right, not overlapping.
func (p *parser) findDates(text string) []dateMatch {
	var found []dateMatch
	taken := func(a, b int) bool {
		for _, f := range found {
			if a < f.end && b > f.start {
				return true
			}
		}
		return false
	}
	hasYear, hasMonth, hasDay, hasDigit := dateHints(text)
	hasDay = hasDay && hasMonth
	english := hasDigit && hasMonthName(text)
	for i, re := range datePatterns {
		// Cheap tests first: most paragraphs have no date at all.
		if i < 2 && !hasYear || i == 2 && !hasDay || i > 2 && !english {
			continue
		}
		for _, m := range matchesNear(re, text, dateAnchors[i]) {
			if taken(m[0], m[1]) {
				continue
			}
			get := func(name string) string {
				i := re.SubexpIndex(name)
				if i < 0 || m[2*i] < 0 {
					return ""
				}
				return text[m[2*i]:m[2*i+1]]
			}
			y, mo, d := number(get("y")), number(get("m")), number(get("d"))
			if w := get("dw"); w != "" {
				d = ordinalDay(w)
			}
			if mon := get("mon"); mon != "" {
				for i, name := range months {
					if strings.EqualFold(mon, name) {
						mo = i + 1
					}
				}
			}
			// A month-and-day date right after a year belongs to it (一九九五年九月十一日 is matched whole first).
			if get("y") == "" && m[0] > 0 && strings.HasSuffix(text[:m[0]], "年") {
				continue
			}
			date, ok := p.completeDate(text[m[0]:m[1]], y, mo, d)
			if ok {
				found = append(found, dateMatch{start: m[0], end: m[1], date: date})
			}
		}
	}
	// left to right
	for i := 1; i < len(found); i++ {
		for j := i; j > 0 && found[j].start < found[j-1].start; j-- {
			found[j], found[j-1] = found[j-1], found[j]
		}
	}
	return found
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
	s = strings.Join(strings.Fields(s), "")
	if n := digitValue(s); n >= 0 {
		return n
	}
	if n := cnValue(s); n >= 0 {
		return n
	}
	return 0
}
