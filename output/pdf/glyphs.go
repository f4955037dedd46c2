package pdf

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// GlyphError is a character that no font of the writer can draw.
type GlyphError struct {
	File string          // the document's source name
	Pos  declaration.Pos // where the character is; Col 0 when only the line is known
	At   string          // the ID of the provision or block it is in
	Rune rune
	Font string // the fonts looked in, as named
}

// Error formats the error as file:line:col: message, as every positioned
// error of the project is ([declaration.Error]).
func (e *GlyphError) Error() string {
	var b strings.Builder
	if e.At != "" {
		b.WriteString(e.At + ": ")
	}
	fmt.Fprintf(&b, "character U+%04X %q ", e.Rune, e.Rune)
	if e.Rune > 0xFFFF {
		b.WriteString("is outside the Basic Multilingual Plane, which the PDF library cannot embed")
	} else {
		fmt.Fprintf(&b, "is not in the font %s: choose a font that has it, or add a fallback font", e.Font)
	}
	return (&declaration.Error{File: e.File, Pos: e.Pos, Msg: b.String()}).Error()
}

// GlyphErrors is every character no font can draw (each character once, at
// its first place), in document order.
type GlyphErrors []*GlyphError

// Error returns the errors one per line.
// Error lists the first few characters; a font that lacks a whole script
// would otherwise give one line per character of the document.
func (l GlyphErrors) Error() string {
	const shown = 5
	var msgs []string
	for i, e := range l {
		if i == shown {
			msgs = append(msgs, fmt.Sprintf("… and %d more characters missing from the font", len(l)-shown))
			break
		}
		msgs = append(msgs, e.Error())
	}
	return strings.Join(msgs, "\n")
}

// Unwrap gives access to the individual errors for errors.As.
func (l GlyphErrors) Unwrap() []error { return declaration.Errors(l) }

// check finds the face of every character the paragraphs and the extra
// strings (running header, page numbers) draw. It returns the characters
// each face draws, sorted, for subsetting; or the characters none can.
func (fs *fontSet) check(file string, paras []*para, extra []span) (used [numFaces][]rune, err error) {
	seen := map[rune]bool{}
	var missing GlyphErrors
	// The characters of each face as a bit set: faces draw only the
	// Basic Multilingual Plane (font.Face.Has), and read in order the set
	// lists them sorted, without sorting every character of the document.
	var drawn [numFaces]*[0x10000 / 64]uint64
	visit := func(s span, want faceID) {
		pos := s.pos
		for i, r := range s.text {
			if id, ok := fs.pick(r, want, styleAt(s.marks, i)); ok {
				if drawn[id] == nil {
					drawn[id] = new([0x10000 / 64]uint64)
				}
				drawn[id][r/64] |= 1 << (r % 64)
			} else if !unicode.IsSpace(r) && !seen[r] {
				// Whitespace a font lacks is left out, not drawn: it is
				// space either way.
				seen[r] = true
				missing = append(missing, &GlyphError{File: file, Pos: pos, At: s.id, Rune: r, Font: fs.names()})
			}
			if r == '\n' {
				pos = declaration.Pos{Line: pos.Line + 1}
			} else if pos.Col > 0 {
				pos.Col++
			}
		}
	}
	for _, p := range paras {
		if p.label != "" {
			// The label stands just before the first span in the source.
			pos := p.spans[0].pos
			if pos.Col > 0 {
				pos.Col = max(1, pos.Col-utf8.RuneCountInString(p.label))
			}
			visit(span{text: p.label, id: p.spans[0].id, pos: pos}, p.face)
		}
		for _, s := range p.spans {
			visit(s, p.face)
		}
		visit(span{text: p.sep}, p.face)
	}
	for _, s := range extra {
		visit(s, mainFace)
	}
	if len(missing) > 0 {
		return used, missing
	}
	for id, set := range drawn {
		if set == nil {
			continue
		}
		n := 0
		for _, w := range set {
			n += bits.OnesCount64(w)
		}
		used[id] = make([]rune, 0, n)
		for k, w := range set {
			for w != 0 {
				used[id] = append(used[id], rune(64*k+bits.TrailingZeros64(w)))
				w &= w - 1
			}
		}
	}
	return used, nil
}

// names lists the faces looked in, for messages.
func (fs *fontSet) names() string {
	var names []string
	for _, id := range [...]faceID{mainFace, fallbackFace} {
		if f := fs.faces[id]; f != nil {
			names = append(names, fmt.Sprintf("%s (%s)", f.Name, f.Family))
		}
	}
	return strings.Join(names, " or ")
}
