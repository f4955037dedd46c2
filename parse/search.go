package parse

import (
	"slices"
	"strings"
)

// index is strings.Index tuned for the texts of this package.
// strings.Index looks for the word's first byte and checks the word where
// it stands; a word whose first byte is common stops it all the time: a
// Chinese word starts with one of the six bytes E4–E9 that begin nearly
// every Chinese character, " (" stops at every word of English, and
// "ereafter" at every e. index looks for the word's rarest byte instead
// (byteRank): the second byte of a Chinese character is one of 64, a
// letter such as f, u or x stands far more seldom than e or a space.
func index(s, word string) int {
	if len(word) < 2 {
		return strings.Index(s, word)
	}
	k := 0 // the byte of word to look for
	for i := 1; i < len(word); i++ {
		if byteRank[word[i]] < byteRank[word[k]] {
			k = i
		}
	}
	for i := k; i < len(s); i++ {
		j := strings.IndexByte(s[i:], word[k])
		if j < 0 {
			return -1
		}
		i += j
		if start := i - k; start+len(word) <= len(s) && s[start:start+len(word)] == word {
			return start
		}
	}
	return -1
}

// byteRank orders bytes by how often they stand in the corpus's texts,
// roughly: the space, the first bytes of Chinese characters and of their
// punctuation, the small letters by their frequency in English, then the
// bytes inside a character, then the rest (capitals, digits, marks).
var byteRank = func() (rank [256]uint8) {
	for c := range rank {
		rank[c] = 10
	}
	for i, c := range "zqjxkvbpygfwmucldrhsnioate" { // rarest first
		rank[c] = uint8(5 + 3*i)
	}
	for c := 0x80; c < 0xC0; c++ {
		rank[c] = 25
	}
	rank[0xE3], rank[0xEF] = 60, 60 // CJK and full-width punctuation
	for c := 0xE4; c <= 0xE9; c++ {
		rank[c] = 95 // Chinese characters U+4000–U+9FFF
	}
	rank[' '] = 100
	return rank
}()

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
