package linebreak

import (
	"fmt"
	"github.com/declconv/declconv/internal/testfiles"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the oracle the tests, the fuzz target and the corpus test
// share: check verifies every promise Lines makes, from the text and the
// lines alone, with its own whole-paragraph reading of the rules.

// lossless reports how lines differ from text once whitespace is removed.
func lossless(text string, lines []string) error {
	got, want := testfiles.NonSpace(lines...), testfiles.NonSpace(text)
	if slices.Equal(got, want) {
		return nil
	}
	return fmt.Errorf("not lossless:\n got %q\nwant %q", strings.Join(got, ""), strings.Join(want, ""))
}

// unit is one non-space rune of a paragraph.
type unit struct {
	r          rune
	cls        class
	start, end int     // byte span in the paragraph
	at, to     float64 // width of the paragraph before it and up to its end
	base       class   // class of the last rune up to it that is not a combining mark
	cluster    float64 // width of the last rune up to it that is not a mark, with its marks
	run        int     // length of the unspaced run of its rune ending here, if the rune is paired
	before     verdict // what may happen at the gap before it (units[0]: unused)
}

// readParagraph splits p into non-space runes and judges every gap.
func readParagraph(p string, width func(rune) float64) []unit {
	var us []unit
	spaced := false
	w := 0.0
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		c := classify(r)
		rw := width(r)
		if c == clsSP {
			spaced = true
			w += rw
			i += size
			continue
		}
		u := unit{r: r, cls: c, start: i, end: i + size, at: w, to: w + rw, base: c, cluster: rw, run: 1}
		if n := len(us); n > 0 {
			prev := us[n-1]
			u.before = judge(prev, u, spaced)
			if c == clsCM {
				u.base, u.cluster = prev.base, prev.cluster+rw
			}
			if r == prev.r && !spaced {
				u.run = prev.run + 1
			}
		}
		us = append(us, u)
		spaced = false
		w += rw
		i += size
	}
	return us
}

// judge gives the verdict at the gap before u, which comes after prev.
func judge(prev, u unit, spaced bool) verdict {
	if u.cls == clsCM || prev.r == zwj {
		return never
	}
	if paired(u.r) && u.r == prev.r && !spaced && prev.run%2 == 1 {
		return never
	}
	switch {
	case isClosing(u.cls) || isOpening(prev.base):
		return cutBreaksRules
	case spaced:
		return breakHere
	case u.cls == clsGL || prev.base == clsGL:
		return cutKeepsRules
	case isWide(prev.base) || isWide(u.cls):
		return breakHere
	}
	return cutKeepsRules
}

// fitsOrHangs reports whether units us[i:j] fit in limit, or fit but for a
// closing mark at the end.
func fitsOrHangs(us []unit, i, j int, limit float64) bool {
	w := us[j-1].to - us[i].at
	return fits(w, limit) || isClosing(us[j-1].base) && fits(w-us[j-1].cluster, limit)
}

// bounds finds, for every unit, the first and last units of the run of
// units around it that no gap with a verdict better than v separates.
func bounds(us []unit, v verdict) (first, last []int) {
	first, last = make([]int, len(us)), make([]int, len(us))
	for j := range us {
		if j > 0 && us[j].before >= v {
			first[j] = first[j-1]
		} else {
			first[j] = j
		}
	}
	for j := len(us) - 1; j >= 0; j-- {
		if j+1 < len(us) && us[j+1].before >= v {
			last[j] = last[j+1]
		} else {
			last[j] = j
		}
	}
	return first, last
}

// check verifies that lines is a correct result of Lines(text, first, rest, width).
func check(text string, first, rest float64, width func(rune) float64, lines []string) error {
	if text == "" {
		if lines != nil {
			return fmt.Errorf("empty text gave %q", lines)
		}
		return nil
	}
	if err := lossless(text, lines); err != nil {
		return err
	}
	n := 0 // lines consumed
	limit := func(k int) float64 {
		if k == 0 {
			return first
		}
		return rest
	}
	for _, p := range strings.Split(text, "\n") {
		us := readParagraph(p, width)
		if len(us) == 0 {
			if n >= len(lines) || lines[n] != "" {
				return fmt.Errorf("blank hard line %q should give one empty line", p)
			}
			n++
			continue
		}
		// Find each line of this paragraph in p, as a run of units.
		type placed struct{ line, from, to int } // index in lines, units [from, to)
		var ls []placed
		u := 0
		for u < len(us) {
			if n >= len(lines) {
				return fmt.Errorf("lines end before hard line %q does", p)
			}
			line := lines[n]
			start := us[u].start
			if u == 0 && strings.HasPrefix(p, line) && strings.TrimLeftFunc(line, unicode.IsSpace) != line {
				start = 0 // leading whitespace kept
			}
			if !strings.HasPrefix(p[start:], line) {
				return fmt.Errorf("line %d %q is not the next part of %q", n, line, p[us[u].start:])
			}
			end := start + len(line)
			v := u
			for v < len(us) && us[v].end <= end {
				v++
			}
			if v == u || us[v-1].end != end {
				return fmt.Errorf("line %d %q does not end after a non-space rune", n, line)
			}
			ls = append(ls, placed{n, u, v})
			u = v
			n++
		}
		lineOf := make([]int, len(us))
		for _, l := range ls {
			for j := l.from; j < l.to; j++ {
				lineOf[j] = l.line
			}
		}
		var firstIn, lastIn [never][]int // cluster bounds for each verdict
		for k, l := range ls {
			// Every line fits, or hangs one closing mark, or is one unit
			// that cannot be cut.
			if !fitsOrHangs(us, l.from, l.to, limit(l.line)) {
				for j := l.from + 1; j < l.to; j++ {
					if us[j].before != never {
						return fmt.Errorf("line %d %q is too wide for %v but could be cut", l.line, lines[l.line], limit(l.line))
					}
				}
			}
			if k == 0 {
				continue
			}
			// Every break falls at a break opportunity, or cuts a unit that
			// could not fit in the line where it starts.
			j := l.from
			v := us[j].before
			switch v {
			case never:
				return fmt.Errorf("line %d %q splits an unbreakable unit", l.line, lines[l.line])
			case cutKeepsRules, cutBreaksRules:
				if firstIn[v] == nil {
					firstIn[v], lastIn[v] = bounds(us, v)
				}
				a, b := firstIn[v][j], lastIn[v][j]+1
				if lim := limit(lineOf[a]); fitsOrHangs(us, a, b, lim) {
					what := "a word"
					if v == cutBreaksRules {
						what = "the punctuation rules"
					}
					return fmt.Errorf("line %d %q breaks %s, but %q fits in %v", l.line, lines[l.line], what, p[us[a].start:us[b-1].end], lim)
				}
			}
		}
	}
	if n != len(lines) {
		return fmt.Errorf("%d lines left over: %q", len(lines)-n, lines[n:])
	}
	return nil
}
