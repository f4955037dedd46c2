package linebreak

import (
	"github.com/declconv/declconv/internal/testfiles"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The sample sentences are our own, written in the style of the corpus.
const (
	sampleZh = "双方一致认为，加强在经济、科技和文化领域的交流与合作，符合两国人民的根本利益。双方同意于２０２４年３月１５日在北京举行第三次会议。"
	sampleEn = "The two governments agreed to cooperate closely in the fields of trade, science and culture, and to hold regular consultations (at least once a year)."
)

func TestLines(t *testing.T) {
	for _, c := range []struct {
		name        string
		text        string
		first, rest float64
		want        []string
	}{
		{"chinese", sampleZh, 20, 20, []string{
			"双方一致认为，加强在",
			"经济、科技和文化领域",
			"的交流与合作，符合两",
			"国人民的根本利益。双",
			"方同意于２０２４年３",
			"月１５日在北京举行第",
			"三次会议。",
		}},
		{"hanging indent", sampleZh[:strings.Index(sampleZh, "双方同意")], 16, 24, []string{
			"双方一致认为，加",
			"强在经济、科技和文化领域",
			"的交流与合作，符合两国人",
			"民的根本利益。",
		}},
		// "我们认为" fills the line; the comma may not start the next one,
		// so 为 moves down with it (oidashi).
		{"no closing mark at line start", "我们认为，今天", 8, 8, []string{"我们认", "为，今天"}},
		{"no opening mark at line end", "一二三（四）", 8, 8, []string{"一二三", "（四）"}},
		{"dash pair kept", "一二三——四", 7, 7, []string{"一二三", "——四"}},
		{"ellipsis pair kept", "一二三四……", 9, 9, []string{"一二三", "四……"}},
		{"oidashi before burasage", "一二三四。", 8, 8, []string{"一二三", "四。"}},
		{"burasage when nothing else is legal", "一。", 3, 3, []string{"一。"}},
		{"burasage of the whole piece", "一”）二", 3, 3, []string{"一”）", "二"}},
		{"digits kept", "１９９４年４月２６日签署", 8, 8, []string{"１９９４", "年４月", "２６日签", "署"}},
		{"english", sampleEn, 30, 30, []string{
			"The two governments agreed to",
			"cooperate closely in the",
			"fields of trade, science and",
			"culture, and to hold regular",
			"consultations (at least once a",
			"year).",
		}},
		{"long word cut as a last resort", "Internationalization is a long word.", 10, 10, []string{"Internatio", "nalization", "is a long", "word."}},
		{"mixed scripts", "联合国UN大会于1994年通过了决议（A/RES/49/1）。", 12, 12, []string{
			"联合国UN大会", "于1994年通过", "了决议", "（A/RES/49/", "1）。",
		}},
		{"space before closing mark", "see (a) ; and", 7, 7, []string{"see", "(a) ;", "and"}},
		{"leading space kept", "　　发刊词", 20, 20, []string{"　　发刊词"}},
		{"leading space kept while it fits", "　　发刊词", 6, 6, []string{"　　发", "刊词"}},
		{"leading space dropped when it does not fit", "　　Treaty", 6, 6, []string{"Treaty"}},
		{"hard breaks", "甲 \r\n\n乙  ", 20, 20, []string{"甲", "", "乙"}},
		{"trailing newline", "甲\n", 20, 20, []string{"甲", ""}},
		{"combining marks kept with their letter", "e\u0301e\u0301e\u0301", 1, 1, []string{"e\u0301", "e\u0301", "e\u0301"}},
		{"no-break space", "10\u00a0km away", 4, 4, []string{"10\u00a0k", "m", "away"}},
		{"empty", "", 10, 10, nil},
		{"only spaces", "   ", 10, 10, []string{""}},
		{"signature padding", "甲方代表          乙方代表", 40, 40, []string{"甲方代表          乙方代表"}},
		{"signature padding dropped at a break", "甲方代表          乙方代表", 12, 12, []string{"甲方代表", "乙方代表"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Lines(c.text, c.first, c.rest, Columns)
			if !slices.Equal(got, c.want) {
				t.Errorf("Lines(%q, %v, %v) =\n%q\nwant\n%q", c.text, c.first, c.rest, got, c.want)
			}
			if err := check(c.text, c.first, c.rest, Columns, got); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestColumns(t *testing.T) {
	for _, c := range []struct {
		r    rune
		want float64
	}{
		{'a', 1}, {' ', 1}, {'中', 2}, {'，', 2}, {'。', 2}, {'（', 2}, {'Ａ', 2}, {'１', 2},
		{'　', 2}, {'한', 2}, {'か', 2}, {'“', 1}, {'—', 1}, {'…', 1}, {'é', 1},
		{'\u0301', 0}, {'\u200b', 0}, {'\u200d', 0}, {'𠀀', 2},
	} {
		if got := Columns(c.r); got != c.want {
			t.Errorf("Columns(%q) = %v, want %v", c.r, got, c.want)
		}
	}
}

// TestLinesWidths runs the sample texts through many widths, with both
// the column measure and a proportional one in points, and checks every
// promise.
func TestLinesWidths(t *testing.T) {
	texts := []string{
		sampleZh, sampleEn,
		"四、为此目的双方决心采取积极和全面的步骤：（一）在政治关系方面——以和平共处五项原则为基础，“坚定不移”地维护……《条约》第３条",
		"Article 1\n(a) the Parties shall — in accordance with Article 51 of the Charter — consult together whenever, in the opinion of any of them, the territorial integrity of any of the Parties is threatened.",
		"一九九五年九月十一日于北京\n中华人民共和国主席　　　　哈萨克斯坦共和国总统\n　江　泽　民　　　　　　　纳扎尔巴耶夫",
	}
	measures := map[string]func(rune) float64{"columns": Columns, "points": points}
	for name, width := range measures {
		for _, text := range texts {
			for w := -1.0; w <= 90; w += 0.5 {
				for _, first := range []float64{w, w / 2, w + 7} {
					lines := Lines(text, first, w, width)
					if err := check(text, first, w, width, lines); err != nil {
						t.Fatalf("%s, first %v, rest %v: %v\nlines: %q", name, first, w, err, lines)
					}
				}
			}
		}
	}
}

// points measures runes as a proportional 10-point font would.
func points(r rune) float64 {
	switch c := Columns(r); {
	case c == 2:
		return 10
	case c == 0:
		return 0
	case r == 'i' || r == 'l' || r == ' ' || r == '.':
		return 2.8
	case r >= 'A' && r <= 'Z':
		return 7.2
	}
	return 5.5
}

// TestLinesOdd feeds widths and texts that are not sensible, which must
// still end and lose nothing.
func TestLinesOdd(t *testing.T) {
	texts := []string{
		sampleZh, sampleEn,
		"。。。。。。。。。。。。。。。",
		"（（（（（（（（（（（（甲",
		"——————————————————",
		"a\u0301\u0301\u0301\u0301\u0301\u0301b",
		"\xff\xfe\x80中文\xe4\xb8",
		"\u200d\u200d\u00a0\u00a0 \u3000x",
		strings.Repeat("x", 1000),
	}
	widths := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -5, 0, 0.5, 1, 2, 3}
	for _, text := range texts {
		for _, f := range widths {
			for _, r := range widths {
				lines := Lines(text, f, r, Columns)
				if err := lossless(text, lines); err != nil {
					t.Fatalf("Lines(%q, %v, %v): %v", text, f, r, err)
				}
				if err := check(text, f, r, Columns, lines); err != nil && !math.IsNaN(f) && !math.IsNaN(r) {
					t.Errorf("Lines(%q, %v, %v): %v\n%q", text, f, r, err, lines)
				}
			}
		}
	}
	// A width function that returns nonsense must not hang either.
	for _, bad := range []func(rune) float64{
		func(rune) float64 { return math.NaN() },
		func(rune) float64 { return -1 },
		func(rune) float64 { return 0 },
	} {
		for _, text := range texts {
			lines := Lines(text, 10, 10, bad)
			if err := lossless(text, lines); err != nil {
				t.Fatalf("odd width function: %v", err)
			}
		}
	}
}

// TestLinesAllocs checks that Lines allocates nothing but the slice it
// returns (which grows by doubling) however long the text.
func TestLinesAllocs(t *testing.T) {
	for _, text := range []string{strings.Repeat(sampleZh, 20), strings.Repeat(sampleEn+" ", 20)} {
		n := len(Lines(text, 56, 56, Columns))
		allocs := testing.AllocsPerRun(20, func() { Lines(text, 56, 56, Columns) })
		if max := 2 + math.Log2(float64(n)); allocs > max {
			t.Errorf("Lines allocated %v times for %d lines, want at most %.0f", allocs, n, max)
		}
	}
}

// TestCorpus breaks every paragraph of every corpus file at several
// widths and checks every promise.
func TestCorpus(t *testing.T) {
	for _, f := range testfiles.CorpusFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for n, para := range strings.Split(string(data), "\n") {
			for _, w := range []float64{80, 56, 40, 17, 6, 1} {
				for _, first := range []float64{w, w - 4} {
					lines := Lines(para, first, w, Columns)
					if err := check(para, first, w, Columns, lines); err != nil {
						t.Errorf("%s:%d: width %v/%v: %v", f, n+1, first, w, err)
					}
				}
			}
		}
	}
}

func FuzzLines(f *testing.F) {
	for _, s := range []string{
		sampleZh, sampleEn, "", "\n", "我们认为，今天", "一二三——四", "一二三四……", "“双方”）",
		"a\u0301b", "\xff中", "1994年4月26日", "（A/RES/49/1）。", "　　发刊词\n  ——以和平",
	} {
		f.Add(s, 10.0, 12.0, false)
	}
	f.Fuzz(func(t *testing.T, text string, first, rest float64, proportional bool) {
		width := Columns
		if proportional {
			width = points
		}
		// Keep widths sane so the checks are meaningful; TestLinesOdd
		// covers the rest.
		if math.IsNaN(first) || math.IsInf(first, 0) || math.IsNaN(rest) || math.IsInf(rest, 0) {
			first, rest = 3, 5
		}
		first, rest = math.Mod(math.Abs(first), 200), math.Mod(math.Abs(rest), 200)
		lines := Lines(text, first, rest, width)
		if err := check(text, first, rest, width, lines); err != nil {
			t.Fatalf("%v\nlines: %q", err, lines)
		}
		// Lines before those of text change nothing.
		if got := AppendLines([]string{"x"}, text, first, rest, width); !slices.Equal(got, append([]string{"x"}, lines...)) {
			t.Fatalf("AppendLines after a line gives %q, Lines gives %q", got, lines)
		}
	})
}

func BenchmarkLines(b *testing.B) {
	b.Run("zh", func(b *testing.B) {
		text := strings.Repeat(sampleZh, 10)
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			Lines(text, 52, 56, Columns)
		}
	})
	b.Run("en", func(b *testing.B) {
		text := strings.Repeat(sampleEn+" ", 10)
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			Lines(text, 76, 80, Columns)
		}
	})
	b.Run("long-word", func(b *testing.B) {
		text := strings.Repeat("x", 100000)
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			Lines(text, 80, 80, Columns)
		}
	})
}

// TestRead: read decodes every rune, valid or not, as utf8 does (a
// three-byte lead of each kind before any two bytes, and more), and gives
// its class and width.
func TestRead(t *testing.T) {
	texts := []string{"a", "é", "中", "\U0001F600", "\xff", "\xc3\x28", "\xe4\xb8", "\xef\xbf"}
	for _, lead := range []int{0xe0, 0xe1, 0xe4, 0xed, 0xef} { // each lead's own range of a second byte
		for b1 := range 256 {
			for b2 := range 256 {
				texts = append(texts, string([]byte{byte(lead), byte(b1), byte(b2)}))
			}
		}
	}
	for _, s := range texts {
		b := breaker{width: Columns}
		for i := range len(s) {
			r, size, c, w := b.read(s, i)
			wr, wsize := utf8.DecodeRuneInString(s[i:])
			if r != wr || size != wsize || c != classify(wr) || w != Columns(wr) {
				t.Fatalf("read(%q, %d) = %q, %d, %d, %v; want %q, %d, %d, %v", s, i, r, size, c, w, wr, wsize, classify(wr), Columns(wr))
			}
		}
	}
}

// TestTables: the tables of classes and widths give what the rules give.
func TestTables(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= utf8.RuneSelf && classify(r) != classifyRune(r) {
			t.Errorf("classify(%U) = %d, classifyRune gives %d", r, classify(r), classifyRune(r))
		}
		if Columns(r) != columns(r) {
			t.Errorf("Columns(%U) = %v, columns gives %v", r, Columns(r), columns(r))
		}
	}
	for prev := range clsSP + 1 {
		for c := range clsSP + 1 {
			for _, spaced := range []bool{false, true} {
				g := gap{started: true, prevCls: prev, prev: 'x', spaced: spaced}
				if got, want := g.at(c, 'y'), pairVerdict(prev, c, spaced); c != clsCM && got != want {
					t.Errorf("at(%d after %d, spaced %v) = %d, want %d", c, prev, spaced, got, want)
				}
			}
		}
	}
}
