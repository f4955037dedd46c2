package xlsx

import (
	"bufio"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkXLSX measures one seed-sized document, and corpus workbooks of
// 10,000 and 100,000 Clauses rows built from copies of the seed. Peak RSS
// is the process's high-water mark (VmHWM), so run one sub-benchmark per
// process to read it: go test ./output/xlsx -run '^$' -bench 'XLSX/corpus-10000$'.
func BenchmarkXLSX(b *testing.B) {
	d := seed(b)
	b.Run("seed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := (Options{}).Write(io.Discard, d); err != nil {
				b.Fatal(err)
			}
		}
		reportPeakRSS(b)
	})
	for _, rows := range []int{10000, 100000} {
		b.Run("corpus-"+strconv.Itoa(rows), func(b *testing.B) {
			per := len(d.Provisions())
			docs := (rows + per - 1) / per
			b.ReportAllocs()
			for b.Loop() {
				wb := NewWorkbook(Options{TempDir: b.TempDir()})
				for i := range docs {
					c := *d
					c.Source.Name = "doc-" + strconv.Itoa(i) + ".txt"
					if err := wb.Add(&c); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := wb.WriteTo(io.Discard); err != nil {
					b.Fatal(err)
				}
				if err := wb.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(docs*per), "rows/op")
			reportPeakRSS(b)
		})
	}
}

// reportPeakRSS reports the process's peak resident set size, in MiB.
func reportPeakRSS(b *testing.B) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return // not Linux
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err == nil {
				b.ReportMetric(float64(kb)/1024, "peak-RSS-MiB")
			}
		}
	}
}
