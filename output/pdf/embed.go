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
func addFont(pdf *fpdf.Fpdf, family string, f *font.Face, runes []rune) {
	p, ok := f.SubsetParts(runes)
	m, err := metrics(f)
	if !ok || err != nil {
		pdf.AddUTF8FontFromBytes(family, "", f.Subset(runes))
		return
	}
	pdf.AddUTF8Subset(family, "", &fpdf.UTF8Subset{
		Metrics: m,
		Glyphs:  p.Glyphs,
		Hmtx:    p.Tables["hmtx"],
		Head:    p.Tables["head"],
		Hhea:    p.Tables["hhea"],
		Maxp:    p.Tables["maxp"],
		Runes:   p.Runes,
		GIDs:    p.GIDs,
	})
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
