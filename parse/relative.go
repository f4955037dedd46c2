package parse

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// relativeYears are the Chinese words that name a year by its distance
// from the text's own date (今年, 去年) or from the date written before
// them (同年, 次年). Rules as data: one row per word.
var relativeYears = []struct {
	word     string
	offset   int
	previous bool // counted from the last date written before it, not the text's date
}{
	{"今年", 0, false}, {"本年", 0, false}, {"去年", -1, false}, {"上年", -1, false}, {"前年", -2, false}, {"明年", 1, false},
	{"同年", 0, true}, {"次年", 1, true}, {"翌年", 1, true},
}

// relativeMonths name a month by its distance from the text's date.
var relativeMonths = []struct {
	word   string
	offset int
}{{"本月", 0}, {"上月", -1}, {"下月", 1}}

// relativeDates finds the dates written relative to another (去年十月,
// 同年五月三日, 上月十日): resolved from the text's own date or the date
// written before them, and marked year_inferred; without that anchor
// they are dates whose year is not known.
func (p *parser) relativeDates(text string, found []dateMatch) []dateMatch {
	if p.doc.Kind == declaration.Law {
		return nil // a law speaks of every month and year (本月起息), not of one
	}
	var out []dateMatch
	for _, r := range relativeYears {
		for at := range occurrences(text, r.word) {
			y := p.refYear
			if r.previous {
				y = yearWrittenBefore(found, at)
			}
			if y != 0 {
				y += r.offset
			}
			m, d, end := monthDayAfter(text, at+len(r.word), false)
			out = append(out, p.relativeDate(text, at, end, y, number(m), number(d)))
		}
	}
	if p.refMonth != 0 {
		for _, r := range relativeMonths {
			for at := range occurrences(text, r.word) {
				y, m := p.refYear, p.refMonth+r.offset
				if m < 1 {
					y, m = y-1, 12
				} else if m > 12 {
					y, m = y+1, 1
				}
				d, end, _ := partThen(text, at+len(r.word), "日", false)
				if end == 0 {
					end = at + len(r.word)
				}
				out = append(out, p.relativeDate(text, at, end, y, m, number(d)))
			}
		}
	}
	return out
}

func (p *parser) relativeDate(text string, start, end, y, m, d int) dateMatch {
	date := declaration.Date{Text: text[start:end]}
	if y > 0 {
		iso := fmt.Sprintf("%04d", y)
		if m > 0 {
			iso += fmt.Sprintf("-%02d", m)
			if d > 0 {
				iso += fmt.Sprintf("-%02d", d)
			}
		}
		if declaration.ValidISODate(iso) {
			date.ISO, date.YearInferred = iso, true
		}
	}
	return dateMatch{start: start, end: end, date: date}
}

// yearWrittenBefore is the year of the last date before byte at whose
// year is written, or 0.
func yearWrittenBefore(found []dateMatch, at int) int {
	y := 0
	for _, m := range found {
		if m.end > at {
			break
		}
		if m.date.ISO != "" && !m.date.YearInferred {
			y = atoi(m.date.ISO[:4])
		}
	}
	return y
}

// supersede puts the dates of better (in order, not overlapping) in
// found, in place of the dates of found they cover: 去年十月 over the
// 十月 a pass read without its year.
func supersede(found, better []dateMatch) []dateMatch {
	if len(better) == 0 {
		return found
	}
	out := make([]dateMatch, 0, len(found)+len(better))
	for _, m := range found {
		covered := false
		for _, b := range better {
			if b.start <= m.start && m.end <= b.end {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, m)
		}
	}
	return mergeDates(out, better)
}

// hasRelativeWord: text has one of the words relativeDates reads — a
// 年 or 月 after one of the characters that begin them — in one pass.
func hasRelativeWord(text string) bool {
	for i, r := range text {
		if (r == '年' || r == '月') && i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			if strings.ContainsRune(relativeFirsts, prev) {
				return true
			}
		}
	}
	return false
}

// relativeFirsts are the first characters of relativeYears and
// relativeMonths.
var relativeFirsts = func() string {
	var words []string
	for _, r := range relativeYears {
		words = append(words, r.word)
	}
	for _, r := range relativeMonths {
		words = append(words, r.word)
	}
	return edgeRunes(utf8.DecodeRuneInString, words...)
}()
