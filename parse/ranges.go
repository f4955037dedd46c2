package parse

import (
	"regexp"
	"slices"
	"strings"

	"github.com/declconv/declconv/declaration"
)

// A range writes one end in full and the other as little as it can: the
// first day of "3 to 5 May 1960" and "3/4 MAY 1960" is a number before
// the full date, the last day of "September 28-30" and "五月三日至五日" a
// number after it. Each such end is a date of its own, with the month
// and year of the end written in full.
var (
	dayBeforeRange = regexp.MustCompile(`(?:^|[^0-9/.,:A-Za-z])([0-9]{1,2})(?:st|nd|rd|th)?[ \t]*(?:to|and|-|–|—|/)[ \t]*$`)
	dayAfterRange  = regexp.MustCompile(`^[ \t]*(?:to|and|-|–|—)[ \t]*([0-9]{1,2})(?:st|nd|rd|th)?\b(?:,?[ \t]+([0-9]{4})\b)?`)
	// Chinese: 至 or 到 (or a dash) and a day; 至六月一日, with a month,
	// is a date of its own already.
	cnDayAfterRange = regexp.MustCompile(`^(?:至|到|—|－|-|～|~)[ \t]*((?:[0-9０-９]{1,2}|[一二三四五六七八九十廿卅]{1,3})[ \t]*日)`)
	// rangeConnector is all that stands between the two full ends of a
	// range: the start of "3 May to 5 June 1960" takes its year from the
	// end.
	// rangeConnectorsEN and rangeConnectorsZH start what dayAfterRange
	// and cnDayAfterRange match, after blanks (TestRangeConnectors).
	rangeConnectorsEN = []string{"to", "and", "-", "–", "—"}
	rangeConnectorsZH = []string{"至", "到", "—", "－", "-", "～", "~"}
	// rangeConnectorsBefore end what dayBeforeRange matches, before blanks.
	rangeConnectorsBefore = []string{"to", "and", "-", "–", "—", "/"}
	rangeConnector        = regexp.MustCompile(`^[ \t]*(?:to|-|–|—|/|至|到)[ \t]*$`)
)

// rangeEnds returns the ends of ranges that found (the dates of text, in
// order) leaves out, and completes in place a start written without its
// year whose end writes it.
func (p *parser) rangeEnds(text string, found []dateMatch) []dateMatch {
	var out []dateMatch
	for i := range found {
		m := &found[i]
		y, mo, d := isoParts(m.date.ISO)
		if d == 0 {
			continue
		}
		yearWritten := !m.date.YearInferred
		// a start without its year: 3 May to 5 June 1960
		if i > 0 && yearWritten {
			prev := &found[i-1]
			py, pm, pd := isoParts(prev.date.ISO)
			if m.start-prev.end <= 8 && rangeConnector.MatchString(text[prev.end:m.start]) && (prev.date.ISO == "" || prev.date.YearInferred) {
				if pm == 0 {
					pm, pd = monthDay(prev.date.Text)
				}
				if pm > 0 && pm <= mo && py != y {
					if date, ok := p.completeDate(prev.date.Text, y, pm, pd); ok {
						prev.date = date
					}
				}
			}
		}
		// days before: 3 to 5 May 1960, 3/4 MAY 1960, 14-15 and 21-22 April
		var before []dateMatch
		for at, next := m.start, d; startsWithDay(m.date.Text); {
			off := max(0, at-16)
			if !endsWithConnector(text[off:at]) {
				break // the cheap test first: most dates follow no connector
			}
			s := dayBeforeRange.FindStringSubmatchIndex(text[off:at])
			if s == nil {
				break
			}
			day := number(text[off+s[2] : off+s[3]])
			date, ok := p.rangeEnd(text[off+s[2]:off+s[3]], y, mo, day, m.date.YearInferred)
			if day < 1 || day >= next || !ok {
				break
			}
			before = append(before, dateMatch{start: off + s[2], end: off + s[3], date: date})
			at, next = off+s[2], day
		}
		slices.Reverse(before)
		out = append(out, before...)
		// a day after: September 28-30, May 3 to 5, 1960, 五月三日至五日
		rest := text[m.end:min(len(text), m.end+24)] // room for " to 30th, 1960"
		re, connectors := dayAfterRange, rangeConnectorsEN
		if strings.HasSuffix(m.date.Text, "日") {
			re, connectors = cnDayAfterRange, rangeConnectorsZH
		} else if startsWithDay(m.date.Text) {
			continue // 3 May - 5 … : the second end is a full date of its own
		}
		if after := strings.TrimLeft(rest, " \t"); !slices.ContainsFunc(connectors, func(c string) bool { return strings.HasPrefix(after, c) }) {
			continue // the cheap test first: most dates are no range's start
		}
		s := re.FindStringSubmatchIndex(rest)
		if s == nil {
			continue
		}
		last := number(strings.TrimSuffix(rest[s[2]:s[3]], "日"))
		if last <= d || last > 31 {
			continue
		}
		inferred := m.date.YearInferred
		if len(s) > 4 && s[4] >= 0 {
			if written := number(rest[s[4]:s[5]]); written != y || inferred {
				// May 3 to 5, 1960: the year written after the range is both ends'
				y, inferred = written, false
				if date, ok := p.completeDate(m.date.Text, y, mo, d); ok {
					m.date = date
				}
			}
		}
		if date, ok := p.rangeEnd(rest[s[2]:s[3]], y, mo, last, inferred); ok {
			out = append(out, dateMatch{start: m.end + s[2], end: m.end + s[3], date: date})
		}
	}
	return out
}

// endsWithConnector: s ends with one of rangeConnectorsBefore, then
// blanks, as every text dayBeforeRange matches does (TestPatternCues).
func endsWithConnector(s string) bool {
	s = strings.TrimRight(s, " \t")
	return slices.ContainsFunc(rangeConnectorsBefore, func(c string) bool { return strings.HasSuffix(s, c) })
}

// rangeEnd is the date of a range's end written as a day alone.
func (p *parser) rangeEnd(text string, y, mo, d int, inferred bool) (declaration.Date, bool) {
	date, ok := p.completeDate(text, y, mo, d)
	date.YearInferred = inferred
	return date, ok && date.ISO != ""
}

// everyYear matches what follows a day of every year: "a 1 July - 30
// June fiscal year" names no date.
var everyYear = regexp.MustCompile(`^[ \t]+(?:[a-z]+[ \t]+)?year\b`)

// withoutDaysOfEveryYear drops the dates written without a year that
// name a day of every year (1 April - 31 March fiscal year), with the
// other end of their range.
func withoutDaysOfEveryYear(text string, found []dateMatch) []dateMatch {
	out := found[:0]
	for i := 0; i < len(found); i++ {
		m := found[i]
		if !m.date.YearInferred && m.date.ISO != "" {
			out = append(out, m)
			continue
		}
		end := m.end
		if i+1 < len(found) && found[i+1].start-m.end <= 8 && rangeConnector.MatchString(text[m.end:found[i+1].start]) {
			end = found[i+1].end
		}
		if everyYear.MatchString(text[end:min(len(text), end+24)]) {
			if end != m.end {
				i++
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

// isoParts splits an ISO date; parts it lacks are 0.
func isoParts(iso string) (y, m, d int) {
	if len(iso) >= 4 {
		y = atoi(iso[:4])
	}
	if len(iso) >= 7 {
		m = atoi(iso[5:7])
	}
	if len(iso) >= 10 {
		d = atoi(iso[8:10])
	}
	return y, m, d
}

// startsWithDay: an English date written day first (5 May 1960), whose
// range writes the first day before it.
func startsWithDay(text string) bool {
	return text != "" && isDigitByte(text[0])
}

// monthDay reads the month and day of an English date written without a
// year (3 May, May 3).
func monthDay(text string) (m, d int) {
	for _, w := range strings.Fields(text) {
		w = strings.TrimRight(w, ",")
		if n := monthNumber(w); n > 0 {
			m = n
		} else if n := number(strings.TrimRight(w, "stndrh")); n > 0 {
			d = n
		}
	}
	return m, d
}
