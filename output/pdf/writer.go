package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/pdf/font"
)

// Options writes a declaration as PDF. Its zero value works: the official
// layout in the first CJK font found on the system.
type Options struct {
	// Font names the body font: a TrueType .ttf, or a .ttc collection
	// with #INDEX to pick a face (default #0). When empty, the
	// DECLCONV_FONT environment variable names it, else well-known
	// system fonts are searched (see font.SystemFonts).
	Font string
	// Fallback names a second font, for characters the body font lacks.
	// Without one, such a character is an error.
	Fallback string
	// HeadingFont names the Hei face of first-level headings (一、总则,
	// 第一章), as GB/T 9704 sets them. When empty, the DECLCONV_FONT_HEI
	// environment variable names it, else a Hei face found on the system
	// is used (font.HeiFonts), else the body font; "none" always uses
	// the body font.
	HeadingFont string
	// KaiFont names the Kai face of second-level headings (（一）…), found
	// like HeadingFont: DECLCONV_FONT_KAI, then font.KaiFonts.
	KaiFont string
	// LatinFont names the serif face of Latin text, found like
	// HeadingFont: DECLCONV_FONT_LATIN, then font.LatinFonts. Its italic
	// and bold siblings beside it draw emphasis and English headings.
	LatinFont string
	// Style is the page layout; empty means Auto: English for a
	// document in English, else Official.
	Style Style
	// Paper is the paper size; empty means A4.
	Paper Paper
	// Date is the PDF's creation and modification date; zero means the
	// document's own date (publication, signature, dispatch), else a
	// fixed one. The writer never reads the clock, nor the environment:
	// the pipeline sets Date from SOURCE_DATE_EPOCH, and the fonts from
	// DECLCONV_FONT and its kin (convert.FromEnv).
	Date time.Time
}

// FontNotes says which faces of the writer's roles were not found, and
// so are drawn in the body face: one line, or "" when every face is at
// hand (or the body font itself cannot be found, which Write reports).
func (w *Options) FontNotes() string {
	fs, err := w.fonts()
	if err != nil {
		return ""
	}
	return fs.note()
}

// Write typesets d and writes the PDF to w. Nothing is written unless the
// whole document could be set: a character no font has, say, is an error
// ([GlyphErrors]) and w stays untouched.
func (w *Options) Write(out io.Writer, d *declaration.Document) (err error) {
	if d == nil {
		return errors.New("pdf: no document")
	}
	// The PDF library panics on some inputs; a writer in a batch of
	// thousands must report that as this document's error, not crash.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: %s: internal error: %v", d.Source.Name, r)
		}
	}()
	data, err := w.render(d)
	if err != nil {
		return err
	}
	_, err = out.Write(data)
	return err
}

func (w *Options) render(d *declaration.Document) ([]byte, error) {
	g, err := w.Style.resolve(language(d)).on(w.Paper)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	fs, err := w.fonts()
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	paras := build(d, g, fs)
	header := ""
	if g.header {
		header = runningHeader(title(d), g)
	}
	used, err := fs.check(d.Source.Name, paras, []span{{text: header, id: "header"}, {text: folioChars, id: "page number"}})
	if err != nil {
		return nil, err
	}

	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: g.pageW, Ht: g.pageH}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(g.left, g.top, g.pageW-g.left-g.width())
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true) // resources in a fixed order, not map order
	s := &setter{pdf: pdf, g: g, fs: fs, header: header}
	var subsets []*fpdf.UTF8Subset
	defer func() {
		// The library is done with the document by then.
		for _, sub := range subsets {
			releaseWidths(sub)
		}
	}()
	add := func(family string, f *font.Face, runes []rune) {
		if sub := addFont(pdf, family, f, runes); sub != nil {
			subsets = append(subsets, sub)
		}
	}
	for id := range numFaces {
		if len(used[id]) == 0 {
			continue
		}
		f := fs.faces[id]
		s.family[id] = faceID(id).family() + sanitize(f.Family)
		add(s.family[id], f, used[id])
	}
	if s.family[mainFace] == "" {
		// A document with nothing to draw still gets page numbers.
		s.family[mainFace] = mainFace.family() + "empty"
		add(s.family[mainFace], fs.faces[mainFace], []rune(folioChars))
	}
	for id := range numFaces {
		if s.family[id] == "" {
			s.family[id] = s.family[mainFace]
		}
	}
	metadata(pdf, d, date(d, w.Date))

	for _, p := range paras {
		s.set(p)
	}
	if s.page == 0 {
		s.newPage()
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %s: %w", d.Source.Name, err)
	}
	return finish(buf.Bytes(), used), nil
}

// metadata fills the document information and the catalogue's language.
func metadata(pdf *fpdf.Fpdf, d *declaration.Document, when time.Time) {
	pdf.SetTitle(title(d), true)
	pdf.SetSubject(subject(d), true)
	pdf.SetKeywords(strings.Join(d.Parties, ", "), true)
	pdf.SetCreator("declconv", true)
	pdf.SetProducer("declconv", true)
	pdf.SetLang(language(d))
	pdf.SetCreationDate(when)
	pdf.SetModificationDate(when)
}

// sanitize keeps the letters and digits of a font's family name, which
// becomes part of a PDF name.
func sanitize(family string) string {
	var b strings.Builder
	for _, r := range family {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "face"
	}
	return b.String()
}
