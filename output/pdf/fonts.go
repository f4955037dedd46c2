package pdf

import (
	"fmt"
	"strings"

	"github.com/declconv/declconv/output/pdf/font"
)

// faceID indexes the faces of a fontSet.
type faceID int

// The faces a document may use, each for a script and a role. A face that
// is not configured is nil, and its text falls back to the body face.
const (
	mainFace     faceID = iota // Chinese body text: Song (Ming)
	headingFace                // first-level headings: Hei
	kaiFace                    // second-level headings: Kai
	latinFace                  // Latin runs: a serif
	italicFace                 // Latin emphasis
	boldFace                   // Latin headings and strong emphasis
	fallbackFace               // characters the others lack
	numFaces
)

// role is one face a writer looks for besides the body's: the option that
// names it, the environment variable the command reads for it (named in
// the note when none is found), and the system fonts tried when the
// option names none.
type role struct {
	face   faceID
	what   string // for the note when none is found
	option func(*Options) string
	env    string
	system func() []string
}

// roles are the faces besides the body's, one row each. The Latin italic
// and bold faces are the Latin face's siblings (see font.Siblings).
var roles = []role{
	{headingFace, "Hei face for first-level headings", func(w *Options) string { return w.HeadingFont }, font.EnvHei, font.HeiFonts},
	{kaiFace, "Kai face for second-level headings", func(w *Options) string { return w.KaiFont }, font.EnvKai, font.KaiFonts},
	{latinFace, "Latin serif face", func(w *Options) string { return w.LatinFont }, font.EnvLatin, font.LatinFonts},
}

// fontSet is the faces of one Write call.
type fontSet struct {
	faces [numFaces]*font.Face
	notes []string // faces not found, each a line for the user
}

// fonts finds and loads the faces the writer's options name.
func (w *Options) fonts() (*fontSet, error) {
	return w.fontsFrom(font.SystemFonts(), func(r role) []string { return r.system() })
}

// fontOption names the setting that chooses the font, for messages.
const fontOption = "the font option (pdf.Options.Font; DECLCONV_FONT for the command)"

// fontsFrom is fonts with the system's font paths given — the body's, and
// those of each role — so that tests can pretend a machine has none.
func (w *Options) fontsFrom(system []string, roleFonts func(role) []string) (*fontSet, error) {
	spec, err := font.Locate(w.Font, nil, system, fontOption)
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
	for _, r := range roles {
		named := r.option(w)
		switch named {
		case "none":
			continue
		case "":
			// A face found on the system, when it is not the body's; a
			// broken one is passed over, not an error, since nobody
			// asked for it.
			if p := font.Find(roleFonts(r)); p != "" && p != spec {
				if f, err := font.Load(p); err == nil && f != fs.faces[mainFace] {
					fs.faces[r.face] = f
				}
			}
			if fs.faces[r.face] == nil {
				fs.notes = append(fs.notes, fmt.Sprintf("no %s found (%s); using the body face", r.what, r.env))
			}
		default:
			if fs.faces[r.face], err = font.Load(named); err != nil {
				return nil, err
			}
		}
	}
	if lf := fs.faces[latinFace]; lf != nil {
		italic, bold := font.Siblings(lf.Name)
		for _, s := range [...]struct {
			id   faceID
			spec string
		}{{italicFace, italic}, {boldFace, bold}} {
			if s.spec != "" {
				if f, err := font.Load(s.spec); err == nil {
					fs.faces[s.id] = f
				}
			}
		}
	}
	return fs, nil
}

// latinRune reports whether r is drawn from the Latin face when one is
// at hand: Latin letters, digits and ASCII punctuation. Quotation marks
// and dashes (U+2000…) follow the paragraph's face: full width in Chinese
// text, the serif's in English.
func latinRune(r rune) bool { return r < 0x0370 && r != '\u00b7' }

// pick returns the face that draws r in style st for text that prefers
// face want; ok is false when no face has r.
func (fs *fontSet) pick(r rune, want faceID, st style) (faceID, bool) {
	var order [6]faceID
	n := 0
	add := func(id faceID) { order[n] = id; n++ }
	if latinRune(r) || want >= latinFace && want <= boldFace {
		switch {
		case st == italic:
			add(italicFace)
		case st == bold || want == headingFace || want == boldFace:
			add(boldFace)
		}
		if want != italicFace && want != boldFace {
			add(latinFace)
		} else {
			add(want)
		}
	} else if st == bold {
		add(headingFace)
	}
	add(want)
	add(mainFace)
	add(fallbackFace)
	for _, id := range order[:n] {
		if f := fs.faces[id]; f != nil && f.Has(r) {
			return id, true
		}
	}
	return mainFace, false
}

// advance is the width of r in style st in text of size pt that prefers
// face want, in millimetres. Whitespace a face lacks (a tab, say) counts
// as half an em.
func (fs *fontSet) advance(r rune, want faceID, st style, pt float64) float64 {
	id, ok := fs.pick(r, want, st)
	if !ok {
		return em(pt) / 2
	}
	if st == noteNum {
		pt *= noteScale
	}
	return fs.faces[id].Advance(r) * em(pt)
}

// noteScale is the size of a footnote's number to its text.
const noteScale = 0.65

// family is the name a face is registered under in the PDF library. It
// carries the "+" of a subset font name, so that the name in the file can
// become a proper subset name (see subsetNames).
func (id faceID) family() string {
	return [...]string{"xm+", "xh+", "xk+", "xl+", "xi+", "xb+", "xf+"}[id]
}

// monospaced reports whether the face that draws Latin text for want
// gives every letter the same advance, as the Latin of CJK faces often
// does (a typewriter face).
func (fs *fontSet) monospaced(want faceID) bool {
	return fs.advance('i', want, regular, 1) == fs.advance('M', want, regular, 1)
}

// note is the faces not found, one line, or "".
func (fs *fontSet) note() string { return strings.Join(fs.notes, "; ") }
