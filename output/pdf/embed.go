package pdf

import (
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"github.com/declconv/declconv/output/pdf/font"
)

// addFont registers the subset of face f that draws runes under family.
// The PDF library is handed the subset's parts (fpdf.AddUTF8Subset, a
// declconv patch), which writes the same bytes as handing it the subset's
// file but spares it parsing that file twice per document: once when the
// font is added, once to cut it down to the characters drawn.
//
// It returns the subset handed over, whose width table goes back to the
// pool (releaseWidths) once the library is done with the document; nil
// when the library was given the file instead.
func addFont(pdf *fpdf.Fpdf, family string, f *font.Face, runes []rune) *fpdf.UTF8Subset {
	p, ok := f.SubsetParts(runes)
	m, err := metrics(f)
	if !ok || err != nil {
		pdf.AddUTF8FontFromBytes(family, "", f.Subset(runes))
		return nil
	}
	s := &fpdf.UTF8Subset{
		Metrics: m,
		Glyphs:  p.Glyphs,
		Hmtx:    p.Tables["hmtx"],
		Head:    p.Tables["head"],
		Hhea:    p.Tables["hhea"],
		Maxp:    p.Tables["maxp"],
		Runes:   p.Runes,
		GIDs:    p.GIDs,
		Widths:  widthTable(),
	}
	pdf.AddUTF8Subset(family, "", s)
	return s
}

// widths holds zeroed width tables (*[]int of 65,536) for
// fpdf.UTF8Subset.Widths: the library's table by character is half a
// megabyte per font to allocate and clear, for the few hundred
// characters a document draws.
var widths sync.Pool

func widthTable() []int {
	if w, ok := widths.Get().(*[]int); ok {
		return *w
	}
	return make([]int, 1<<16)
}

// releaseWidths zeroes the entries of s's width table that the library
// set (those of its characters, and entry 0) and puts it back in the pool.
func releaseWidths(s *fpdf.UTF8Subset) {
	w := s.Widths
	if len(w) != 1<<16 {
		return
	}
	w[0] = 0
	for _, r := range s.Runes {
		if int(r) < len(w) {
			w[r] = 0
		}
	}
	s.Widths = nil
	widths.Put(&w)
}

// metrics is the descriptor values of face f, which every subset of it
// shares: the library reads them from a subset of .notdef alone, once
// per face and process.
func metrics(f *font.Face) (fpdf.UTF8Metrics, error) {
	v, _ := faceMetrics.LoadOrStore(f, new(metricsEntry))
	e := v.(*metricsEntry)
	e.once.Do(func() { e.m, e.err = fpdf.ParseUTF8Metrics(f.Subset(nil)) })
	return e.m, e.err
}

// faceMetrics holds a *metricsEntry per *font.Face; faces are loaded once
// per process (font.Load), so it holds as many entries as fonts in use.
var faceMetrics sync.Map

type metricsEntry struct {
	once sync.Once
	m    fpdf.UTF8Metrics
	err  error
}
