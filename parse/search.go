package parse

import (
	"strings"
	"unicode/utf8"
)

// index is strings.Index tuned for the texts of this package. A Chinese
// word starts with one of the six bytes E4–E9 that begin nearly every
// Chinese character, so strings.Index, which looks for the word's first
// byte, stops at every third byte of a Chinese text; the word's second
// byte is one of 64 and stands there far more seldom. Words that start
// with ASCII are left to strings.Index.
func index(s, word string) int {
	if len(word) < 2 || word[0] < utf8.RuneSelf {
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

// wordSet tells whether any of a few words stands in a text, in one pass
// over it where strings.Contains would take a pass per word: at each byte
// that starts one of the words, the words are compared there.
// The test is on a word's first two bytes (E7 AD for 签): the first byte
// alone begins every sixth Chinese character. Words are two bytes long at
// the least.
type wordSet struct {
	words         []string
	first, second [256]bool // the first and the second bytes of words
}

func newWordSet(words ...string) *wordSet {
	w := &wordSet{words: words}
	for _, x := range words {
		w.first[x[0]], w.second[x[1]] = true, true
	}
	return w
}

// in: one of the words stands in s.
func (w *wordSet) in(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if !w.first[s[i]] || !w.second[s[i+1]] {
			continue
		}
		for _, x := range w.words {
			if strings.HasPrefix(s[i:], x) {
				return true
			}
		}
	}
	return false
}
