package parse

// Tests of issue 11's defects in the parser: cost a small hostile input
// controls (9), numbers with no ceiling (11), the NUL byte's offset (14).

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/declconv/declconv/declaration"
)

// TestNumbersBeyond9999 (defect 11): a list runs past 9,999 (and 999 for
// "1." markers) in every numbering style made of digits: each line is
// its own provision, numbered as written, none swallowed by the last.
func TestNumbersBeyond9999(t *testing.T) {
	const n = 10010
	for _, format := range []string{"%d. 内容。", "%d、内容。", "（%d）内容。", "(%d) Text.", "第%d条 内容。", "Article %d\n"} {
		var src strings.Builder
		src.WriteString("条约\n\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&src, format+"\n", i)
		}
		d, err := Parse(strings.NewReader(src.String()), "x")
		if err != nil {
			t.Fatal(err)
		}
		var numbers []int
		d.Walk(func(p *declaration.Provision, _ []*declaration.Provision) bool {
			if p.Number > 0 {
				numbers = append(numbers, p.Number)
			}
			return true
		})
		if len(numbers) != n || numbers[n-1] != n || numbers[9999] != 10000 {
			t.Errorf("%q: %d numbered provisions, the last %v, want %d up to %d", format, len(numbers), numbers[max(len(numbers)-1, 0):], n, n)
		}
	}
}

// TestRestartsNestBounded: a text of "一、" lines alone, each a list
// that starts again, nests no deeper than maxNesting (it nested one level
// per line, so its YAML grew with the square of the input: 176 KB gave
// 2 GB of JSON).
func TestRestartsNestBounded(t *testing.T) {
	d, err := Parse(strings.NewReader("联合声明\n\n"+strings.Repeat("一、双方同意。\n", 2000)), "x")
	if err != nil {
		t.Fatal(err)
	}
	deepest, count := 0, 0
	var walk func(ps []*declaration.Provision, depth int)
	walk = func(ps []*declaration.Provision, depth int) {
		for _, p := range ps {
			count++
			deepest = max(deepest, depth)
			walk(p.Children, depth+1)
		}
	}
	walk(d.Body, 1)
	if count != 2000 || deepest > maxNesting {
		t.Errorf("%d provisions, %d deep; want 2000, at most %d deep", count, deepest, maxNesting)
	}
}

// TestNULOffset (defect 14): a NUL byte in UTF-8 text is reported with
// its line, column and byte offset.
func TestNULOffset(t *testing.T) {
	for src, want := range map[string]string{
		"一、同意\n第二\x00行\n":       "x:2:3: binary data (control character U+0000): not a text file (byte offset 19)",
		"\ufeff一、同意\n第二\x00行\n": "x:2:3: binary data (control character U+0000): not a text file (byte offset 22)",
	} {
		_, err := Parse(strings.NewReader(src), "x")
		if err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %s", src, err, want)
		}
	}
}

// BenchmarkLinear (defect 9) parses, for each shape a hostile user
// tried (rule lines of -, = and *, the same marker again and again),
// ten inputs of n lines and one of 10n lines, the same work for a linear
// parser, and reports how many times longer the large input took than a
// small one, in the best of its rounds, as x10-ratio: a linear parser
// stays near 10, a quadratic one near 100; above 12 the benchmark fails
// (run it with -benchtime 5x or more). (A benchmark, not a test:
// timing on a shared machine is no pass/fail for every test run.)
func BenchmarkLinear(b *testing.B) {
	for _, c := range []struct{ name, head, line string }{
		{"dashes", "", "---\n"},
		{"equals", "", "===\n"},
		{"stars", "", "***\n"},
		{"rules-between-text", "联合声明\n\n", "双方同意。\n---\n"},
		{"rules-blank-separated", "联合声明\n\n一、双方同意。\n\n", "---\n\n"},
		{"restarts", "联合声明\n\n", "一、双方同意。\n"},
	} {
		b.Run(c.name, func(b *testing.B) {
			const n = 10000
			small := c.head + strings.Repeat(c.line, n)
			large := c.head + strings.Repeat(c.line, 10*n)
			parse := func(text string, times int) time.Duration {
				start := time.Now()
				for range times {
					if _, err := Parse(strings.NewReader(text), "x"); err != nil {
						b.Fatal(err)
					}
				}
				return time.Since(start)
			}
			ratio := math.Inf(1)
			for b.Loop() { // the best round: noise only ever adds time
				runtime.GC()
				tSmall := parse(small, 10)
				runtime.GC()
				ratio = min(ratio, 10*float64(parse(large, 1))/float64(tSmall))
			}
			b.ReportMetric(ratio, "x10-ratio")
			if ratio > 12 {
				b.Errorf("10× the lines took %.1f× the time: not linear", ratio)
			}
		})
	}
}
