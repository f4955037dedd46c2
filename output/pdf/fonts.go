package pdf

import (
	"os"

	"github.com/declconv/declconv/output/pdf/font"
)

// faceID indexes the faces of a fontSet.
type faceID int

// The faces a document may use. A face that is not configured is nil.
const (
	mainFace     faceID = iota // body text
	headingFace                // headings: a Hei face when one is at hand
	fallbackFace               // characters the main face lacks
	numFaces
)

// fontSet is the faces of one Write call.
type fontSet struct {
	faces [numFaces]*font.Face
}

// fonts finds and loads the faces the writer's options name.
func (w *Writer) fonts() (*fontSet, error) {
	getenv := w.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	return w.fontsFrom(getenv, font.SystemFonts())
}

// fontOption names the setting that chooses the font, for messages.
const fontOption = "the -font option (pdf.Writer.Font)"

// fontsFrom is fonts with the system's font paths given, so that tests
// can pretend a machine has none.
func (w *Writer) fontsFrom(getenv func(string) string, system []string) (*fontSet, error) {
	spec, err := font.Locate(w.Font, getenv, system, fontOption)
	if err != nil {
		return nil, err
	}
	fs := &fontSet{}
	if fs.faces[mainFace], err = font.Load(spec); err != nil {
		return nil, err
	}
	if w.Fallback != "" {
		if fs.faces[fallbackFace], err = font.Load(w.Fallback); err != nil {
			return nil, err
		}
	}
	switch heading := w.HeadingFont; heading {
	case "none":
	case "":
		// A Hei face found on the system, when it is a different font
		// from the body's; a broken one is passed over, not an error,
		// since nobody asked for it.
		for _, p := range font.HeiFonts() {
			if _, err := os.Stat(p); err == nil && p != spec {
				if f, err := font.Load(p); err == nil && f != fs.faces[mainFace] {
					fs.faces[headingFace] = f
				}
				break
			}
		}
	default:
		if fs.faces[headingFace], err = font.Load(heading); err != nil {
			return nil, err
		}
	}
	return fs, nil
}

// pick returns the face that draws r for text that prefers face want: want
// itself, else the main face, else the fallback; ok is false when none has r.
func (fs *fontSet) pick(r rune, want faceID) (faceID, bool) {
	for _, id := range [...]faceID{want, mainFace, fallbackFace} {
		if f := fs.faces[id]; f != nil && f.Has(r) {
			return id, true
		}
	}
	return mainFace, false
}

// advance is the width of r in text of size pt that prefers face want, in
// millimetres. Whitespace a face lacks (a tab, say) counts as a space.
func (fs *fontSet) advance(r rune, want faceID, pt float64) float64 {
	id, ok := fs.pick(r, want)
	if !ok {
		return em(pt) / 2
	}
	return fs.faces[id].Advance(r) * em(pt)
}

// family is the name a face is registered under in the PDF library. It
// carries the "+" of a subset font name, so that the name in the file can
// become a proper subset name (see subsetNames).
func (id faceID) family() string { return [...]string{"xm+", "xh+", "xf+"}[id] }

// monospaced reports whether the face that draws Latin text for want
// gives every letter the same advance, as the Latin of CJK faces often
// does (a typewriter face).
func (fs *fontSet) monospaced(want faceID) bool {
	return fs.advance('i', want, 1) == fs.advance('M', want, 1)
}
