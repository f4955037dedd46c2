package parse

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/declconv/declconv/declaration"
)

// The passes here run once the tree is built, over the whole text: they
// fill metadata the title and the closing did not give.

// selfRefs are how a text refers to itself, before a kind word of the
// kinds table: 本宪章, this Treaty, the present Convention.
var selfRefs = []struct {
	prefix  string
	chinese bool // the prefix goes before Chinese kind words, else English ones
}{
	{"本", true}, {"this ", false}, {"the present ", false},
}

// enclosures introduce the text of an instrument inside a covering
// cable or letter; the kind word in the group is what the text is:
// "Text of the agreement begins", "the text of the United States Draft
// Treaty on …. Begins", "…协定全文如下".
var enclosures = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\btext of (?:the )?([^.:;]{1,120}?)(?:\s+begins|[.:;])`),
	regexp.MustCompile(`([\p{Han}《》]{2,40}?)全文如下`),
}

// ownKind tells the kind of a document whose title names none from its
// own words: the kind it most often calls itself (at least twice), else
// what the text it encloses is.
func ownKind(verbatim []string) declaration.Kind {
	count := map[declaration.Kind]int{}
	for _, t := range verbatim {
		var lower string
		for _, k := range kinds {
			if strings.TrimSpace(k.word) != k.word {
				continue // " act": not a self-reference shape
			}
			chinese := hasHan(k.word)
			for _, r := range selfRefs {
				if r.chinese != chinese {
					continue
				}
				if chinese {
					count[k.kind] += strings.Count(t, r.prefix+k.word)
					continue
				}
				if lower == "" {
					lower = strings.ToLower(t)
				}
				count[k.kind] += strings.Count(lower, r.prefix+k.word)
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
	budget := 4 << 10 // the covering words stand at the start
	for _, t := range verbatim {
		if budget <= 0 {
			break
		}
		if len(t) > budget {
			t = t[:budget]
		}
		budget -= len(t)
		for _, re := range enclosures {
			if m := re.FindStringSubmatch(t); m != nil {
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

// looseHeading reads a Markdown heading with or without the space after
// the #s (##Noord-Atlantisch Verdrag).
var looseHeading = regexp.MustCompile(`^#{1,6}\s*(\S.*?)\s*$`)

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
		heading bool // Markdown or capitals
	}
	var cands []candidate
	for i, seen := p.next, 0; i < len(p.lines) && seen < 8; i++ {
		l := p.lines[i]
		if l.blank() {
			continue
		}
		seen++
		t, md := l.text, false
		if m := looseHeading.FindStringSubmatch(t); m != nil {
			t, md = m[1], true
		}
		if _, _, _, marked := findMarker(t); marked || runeLen(t) > 300 {
			break
		}
		if isMarking(t) || runeLen(t) <= 80 && len(p.findDates(t)) > 0 {
			continue // a dateline: CANBERRA, 21 January 1944
		}
		caps := isCapitals(t)
		if !md && (endsSentence(t) || strings.Contains(t, ". ") || strings.Contains(t, "。")) {
			break // a sentence, not a heading
		}
		if strings.HasPrefix(strings.ToLower(t), "between ") && len(cands) > 0 {
			cands[len(cands)-1].text += " " + t // AGREEMENT / Between A and B
			continue
		}
		if !md && !caps && kindOf(t) == declaration.Other {
			break
		}
		cands = append(cands, candidate{t, md || caps})
	}
	pick := ""
	for _, c := range cands {
		if kindOf(c.text) != declaration.Other {
			pick = c.text
			break
		}
	}
	if pick == "" {
		for _, c := range cands {
			if c.heading {
				pick = c.text
				break
			}
		}
	}
	if pick = strings.TrimRight(pick, ". "); pick != "" {
		p.setTitle(pick)
		p.editorTitle = false
	}
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
