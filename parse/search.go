package parse

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// index is strings.Index tuned for the texts of this package. A Chinese
// word starts with one of the six bytes E4–E9 that begin nearly every
// Chinese character, so strings.Index, which looks for the word's first
// byte, stops at every third byte of a Chinese text; the word's second
// byte is one of 64 and stands there far more seldom. So with a word
// that starts with a space (" (" stops at every word of English). Other
// words are left to strings.Index.
func index(s, word string) int {
	if len(word) < 2 || word[0] < utf8.RuneSelf && word[0] != ' ' {
		return strings.Index(s, word)
	}
	second := word[1]
	for i := 1; i < len(s); i++ {
		j := strings.IndexByte(s[i:], second)
		if j < 0 {
			return -1
		}
		i += j
		if strings.HasPrefix(s[i-1:], word) {
			return i - 1
		}
	}
	return -1
}

// contains is strings.Contains by way of index.
func contains(s, word string) bool { return index(s, word) >= 0 }

// edgeRunes is the rune each of words begins with (decode
// utf8.DecodeRuneInString) or ends with (utf8.DecodeLastRuneInString), as
// one string: a cue that rules out a text holding none of them.
func edgeRunes(decode func(string) (rune, int), words ...string) string {
	var b strings.Builder
	for _, w := range words {
		r, _ := decode(w)
		b.WriteRune(r)
	}
	return b.String()
}

// runeSet is a set of characters, sorted, for a test that runs on every
// character or paragraph: strings.ContainsRune encodes the character and
// searches the set's string for it each time (TestRuneSets).
type runeSet []rune

func newRuneSet(chars string) runeSet {
	set := []rune(chars)
	slices.Sort(set)
	return slices.Compact(set)
}

func (set runeSet) has(r rune) bool {
	_, ok := slices.BinarySearch(set, r)
	return ok
}

// isHan: r is a Chinese character, as hasHan(string(r)) says.
func isHan(r rune) bool { return r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF }
