package linebreak

import (
	"unicode"

	"golang.org/x/text/width"
)

// class is how a rune takes part in line breaking.
type class uint8

const (
	clsAL   class = iota // letters, digits, symbols: joined to their own kind
	clsID                // ideographs, kana, hangul: a break may fall before and after
	clsCL                // narrow closing punctuation (ASCII ,.;:?!)] and ’”…): never starts a line
	clsCLW               // wide closing punctuation (，。、；：？！）》」』〕】): never starts a line
	clsOP                // narrow opening punctuation (ASCII ([{ and ‘“): never ends a line
	clsOPW               // wide opening punctuation (（《「『〔【): never ends a line
	clsDash              // — ― ─: kept in pairs, a break may fall around a pair
	clsCM                // combining marks and the zero-width joiner: kept with the rune before
	clsGL                // no-break spaces and the word joiner: kept with both neighbours
	clsSP                // breakable whitespace: dropped at a break
)

const zwj = '\u200d'

func isClosing(c class) bool { return c == clsCL || c == clsCLW }
func isOpening(c class) bool { return c == clsOP || c == clsOPW }

// isWide reports whether a break may fall beside a rune of class c even
// without whitespace.
func isWide(c class) bool { return c == clsID || c == clsCLW || c == clsOPW || c == clsDash }

// ascii holds the class of every ASCII rune.
var ascii = func() (t [utf8RuneSelf]class) {
	for _, r := range "\t\n\v\f\r " {
		t[r] = clsSP
	}
	for _, r := range ",.;:?!)]}%" {
		t[r] = clsCL
	}
	for _, r := range "([{" {
		t[r] = clsOP
	}
	return t
}()

const utf8RuneSelf = 0x80

// isIdeograph reports whether r is a CJK unified ideograph of the basic
// block or extension A: by far the most common runes of Chinese text.
func isIdeograph(r rune) bool { return r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf }

// classify gives the line-breaking class of r.
func classify(r rune) class {
	if r < utf8RuneSelf {
		return ascii[r]
	}
	if isIdeograph(r) {
		return clsID
	}
	if b := blockOf(r); b != nil {
		return b.cls[r-b.first]
	}
	return classifyRune(r)
}

// classifyRune is classify for a rune that is not ASCII and not in a block.
func classifyRune(r rune) class {
	if isIdeograph(r) {
		return clsID
	}
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '』', '〕', '】',
		'〉', '］', '｝', '｠', '〗', '〙', '〛', '〞', '〟', '％', '．', '｡', '､',
		'﹐', '﹑', '﹒', '﹔', '﹕', '﹖', '﹗', '﹚', '﹜', '﹞',
		'・', '々', '〻', 'ゝ', 'ゞ', 'ヽ', 'ヾ', 'ー', '‼', '⁇', '⁈', '⁉':
		return clsCLW
	case '’', '”', '…', '⋯', '‥', '·', '‰', '′', '″', '℃', '°', '»', '›':
		return clsCL
	case '（', '《', '「', '『', '〔', '【', '〈', '［', '｛', '｟', '〖', '〘', '〚', '〝',
		'﹙', '﹛', '﹝':
		return clsOPW
	case '‘', '“', '«', '‹':
		return clsOP
	case '—', '―', '─', '━':
		return clsDash
	case '\u00a0', '\u2007', '\u202f', '\u2060', '\ufeff':
		return clsGL
	case zwj:
		return clsCM
	case '\u200b': // zero-width space: a break opportunity that is kept
		return clsID
	}
	if unicode.IsSpace(r) {
		return clsSP
	}
	if unicode.In(r, unicode.Mn, unicode.Me) {
		return clsCM
	}
	if r < 0x1100 { // nothing below U+1100 is East Asian wide
		return clsAL
	}
	if r >= '０' && r <= '９' || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' {
		return clsAL // full-width digits and letters form words like ASCII ones
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return clsID
	}
	return clsAL
}

// Columns is the width function for monospaced text: 2 for East Asian wide
// and fullwidth runes (golang.org/x/text/width), 0 for combining marks and
// other zero-width characters (Unicode categories Mn, Me and Cf, such as the
// zero-width space and joiner), 1 otherwise.
func Columns(r rune) float64 {
	if r < utf8RuneSelf {
		return 1
	}
	if r >= 0x4e00 && r <= 0x9fff {
		return 2
	}
	if b := blockOf(r); b != nil {
		return float64(b.cols[r-b.first])
	}
	return columns(r)
}

// columns is Columns for a rune that is not ASCII and not in a block.
func columns(r rune) float64 {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	return 1
}

// A block holds the classes and widths of a run of runes that Chinese
// text uses a lot and that take long to look up one by one (punctuation,
// full-width digits and letters): computed once by classifyRune and
// columns, so the rules stay there.
type block struct {
	first rune
	cls   []class
	cols  []uint8
}

// blocks are General Punctuation (dashes, quotes, ellipses), CJK Symbols
// and Punctuation with the kana, and Halfwidth and Fullwidth Forms.
var blocks = [...]block{newBlock(0x2000, 0x2070), newBlock(0x3000, 0x3100), newBlock(0xff00, 0xfff0)}

func newBlock(first, end rune) block {
	b := block{first: first, cls: make([]class, end-first), cols: make([]uint8, end-first)}
	for r := first; r < end; r++ {
		b.cls[r-first], b.cols[r-first] = classifyRune(r), uint8(columns(r))
	}
	return b
}

// blockOf returns the block that holds r, if any.
func blockOf(r rune) *block {
	for i := range blocks {
		if b := &blocks[i]; r >= b.first && int(r-b.first) < len(b.cls) {
			return b
		}
	}
	return nil
}

// paired reports whether r is a dash or an ellipsis, which are written in
// pairs (——, ……) that are never split.
func paired(r rune) bool {
	switch r {
	case '—', '―', '─', '━', '…', '⋯':
		return true
	}
	return false
}

// verdict says what may happen at a gap between two non-space runes.
type verdict uint8

const (
	breakHere      verdict = iota // a break opportunity
	cutKeepsRules                 // inside a word: a last-resort cut that keeps the punctuation rules
	cutBreaksRules                // a cut would start a line with a closing mark or end one with an opening mark
	never                         // inside a unit that is never cut: a rune and its marks, a pair of dashes or ellipses
)

// gap tracks what came before the current position, to judge the gap
// before the next non-space rune.
type gap struct {
	started bool  // a non-space rune has been seen
	prevCls class // class of the last rune that is not a combining mark
	prev    rune  // the last non-space rune
	run     int   // length of the unspaced run of prev that ends here, if prev is paired
	spaced  bool  // whitespace since prev
}

// at judges the gap before rune r of class c.
func (g *gap) at(c class, r rune) verdict {
	if c == clsCM || g.prev == zwj {
		return never
	}
	if r == g.prev && !g.spaced && g.run%2 == 1 && paired(r) {
		return never
	}
	return verdicts[b2i(g.spaced)][g.prevCls][c]
}

// verdicts holds pairVerdict for every pair of classes, without and
// with whitespace between: at runs for every rune.
var verdicts = func() (t [2][clsSP + 1][clsSP + 1]verdict) {
	for prev := range clsSP + 1 {
		for c := range clsSP + 1 {
			t[0][prev][c], t[1][prev][c] = pairVerdict(prev, c, false), pairVerdict(prev, c, true)
		}
	}
	return t
}()

// pairVerdict judges the gap between a rune of class prev and one of class c
// (neither a combining mark), spaced if whitespace is between them.
func pairVerdict(prev, c class, spaced bool) verdict {
	if isClosing(c) || isOpening(prev) {
		return cutBreaksRules
	}
	if spaced {
		return breakHere
	}
	if c == clsGL || prev == clsGL {
		return cutKeepsRules
	}
	if isWide(prev) || isWide(c) {
		return breakHere
	}
	return cutKeepsRules
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// push records rune r of class c after the gap.
func (g *gap) push(c class, r rune) {
	switch {
	case !paired(r):
		g.run = 0
	case r == g.prev && !g.spaced:
		g.run++
	default:
		g.run = 1
	}
	if c != clsCM || !g.started {
		g.prevCls = c
	}
	g.prev = r
	g.started = true
	g.spaced = false
}
