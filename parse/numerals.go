package parse

import "strings"

// cnDigits maps Chinese numeral characters to their values.
var cnDigits = map[rune]int{
	'〇': 0, '○': 0, '零': 0, 'Ｏ': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9, '壹': 1, '贰': 2, '叁': 3, '肆': 4, '伍': 5,
	'陆': 6, '柒': 7, '捌': 8, '玖': 9, '兩': 2, '貳': 2, '參': 3, '陸': 6,
}

var cnUnits = map[rune]int{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000}

// cnNumerals are the characters isCNNumeral knows (TestCNNumerals).
const cnNumerals = "〇○零Ｏ一二两三四五六七八九壹贰叁肆伍陆柒捌玖兩貳參陸十拾百佰千仟廿卅"

// isCNNumeral reports whether r can be part of a Chinese numeral.
func isCNNumeral(r rune) bool {
	switch r {
	case '〇', '○', '零', 'Ｏ', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九',
		'壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '兩', '貳', '參', '陸',
		'十', '拾', '百', '佰', '千', '仟', '廿', '卅':
		return true
	}
	return false
}

// hasBlank is strings.ContainsAny(s, " \t\u3000") by a search for each
// byte or sequence (TestHasBlank): ContainsAny decodes every character
// of s and searches the set for it.
func hasBlank(s string) bool {
	return strings.IndexByte(s, ' ') >= 0 || strings.IndexByte(s, '\t') >= 0 || strings.Contains(s, "\u3000")
}

// cnValue reads a Chinese numeral: 一 → 1, 十七 → 17, 二十一 → 21,
// 一百零五 → 105, 廿三 → 23; digit strings such as 一九九五 → 1995.
// It returns -1 when s is not a numeral.
func cnValue(s string) int {
	if hasBlank(s) {
		s = strings.Join(strings.Fields(s), "")
	}
	rs := []rune(s)
	if len(rs) == 0 || len(rs) > maxNumeralRunes {
		return -1
	}
	hasUnit := false
	for _, r := range rs {
		if !isCNNumeral(r) {
			return -1
		}
		if _, ok := cnUnits[r]; ok || r == '廿' || r == '卅' {
			hasUnit = true
		}
	}
	if !hasUnit {
		// positional digits: 一九九五, 二○○一
		n := 0
		for _, r := range rs {
			n = n*10 + cnDigits[r]
		}
		return n
	}
	total, cur := 0, 0
	for _, r := range rs {
		switch {
		case r == '廿':
			total += 20
		case r == '卅':
			total += 30
		default:
			if u, ok := cnUnits[r]; ok {
				if cur == 0 {
					cur = 1
				}
				total += cur * u
				cur = 0
			} else {
				cur = cnDigits[r]
			}
		}
	}
	return total + cur
}

// maxNumeralRunes bounds the length of a Chinese numeral cnValue reads,
// so that its value cannot overflow: 九亿九千九百九十九万九千九百九十九
// (999,999,999) has 17 characters, a positional one nine.
const maxNumeralRunes = 17

// digitValue reads ASCII or full-width digits; -1 if s has anything else.
func digitValue(s string) int {
	if s == "" {
		return -1
	}
	n := 0
	for _, r := range s {
		d := digit(r)
		if d < 0 || n > 1e8 {
			return -1
		}
		n = n*10 + d
	}
	return n
}

// digit is the value of an ASCII or full-width digit, or -1.
func digit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

var romanValues = map[rune]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}

// romanValue reads a Roman numeral in either case; -1 if it is not one.
func romanValue(s string) int {
	s = strings.ToLower(s)
	if s == "" || len(s) > 12 {
		return -1
	}
	total, prev := 0, 0
	for i := len(s) - 1; i >= 0; i-- {
		v, ok := romanValues[rune(s[i])]
		if !ok {
			return -1
		}
		if v < prev {
			total -= v
		} else {
			total += v
			prev = v
		}
	}
	return total
}

// stems are the heavenly stems used as ordinals: 甲 → 1 … 癸 → 10.
const stems = "甲乙丙丁戊己庚辛壬癸"

var stemSet = newRuneSet(stems)

func stemValue(s string) int {
	rs := []rune(s)
	if len(rs) != 1 {
		return -1
	}
	if i := strings.IndexRune(stems, rs[0]); i >= 0 {
		return i/3 + 1
	}
	return -1
}
