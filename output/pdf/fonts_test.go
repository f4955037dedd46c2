package pdf

import (
	"strings"
	"testing"

	"github.com/declconv/declconv/declaration"
)

// TestHeadingFaces checks the face of each heading level: the first level
// (第一章, 一、) in Hei, the second (（一）) in Kai, as GB/T 9704 sets them,
// and that the PDF embeds each face it draws with.
func TestHeadingFaces(t *testing.T) {
	w := testWriter(t)
	fs, err := w.fonts()
	if err != nil {
		t.Fatal(err)
	}
	g, _ := Official.geometry()
	faceOf := func(d *declaration.Document, text string) faceID {
		t.Helper()
		for _, p := range build(d, g, fs) {
			if strings.Contains(p.text(), text) {
				return p.face
			}
		}
		t.Fatalf("no paragraph %q", text)
		return 0
	}
	docs := documents(t)
	for _, c := range []struct {
		doc, text string
		want      faceID
	}{
		{"seed", "在政治关系方面", kaiFace},
		{"synthetic", "总则", headingFace},
		{"synthetic", "合作方式", headingFace},
	} {
		if got := faceOf(docs[c.doc], c.text); got != c.want {
			t.Errorf("%s: %q in face %d, want %d", c.doc, c.text, got, c.want)
		}
	}

	tool(t, "pdffonts")
	out := run(t, "pdffonts", saved(t, render(t, w, docs["seed"])))
	for id, family := range map[faceID]string{mainFace: "arpluming", kaiFace: "arplukai", latinFace: "liberationserif"} {
		if fs.faces[id] != nil && !strings.Contains(strings.ToLower(out), family) {
			t.Errorf("the seed's PDF does not embed %s:\n%s", family, out)
		}
	}
}

// TestFaceFallback checks that a role whose face is not found falls back
// to the body face, says so in one line, and still draws every character.
func TestFaceFallback(t *testing.T) {
	w := testWriter(t)
	w.KaiFont, w.HeadingFont, w.LatinFont = "", "", ""
	// Pretend the machine has no face for any role.
	nowhere := func(role) []string { return []string{"/nonexistent/face.ttf"} }
	fs, err := w.fontsFrom([]string{uming}, nowhere)
	if err != nil {
		t.Fatal(err)
	}
	note := fs.note()
	for _, want := range []string{"Hei", "Kai", "Latin", "DECLCONV_FONT_KAI", "body face"} {
		if !strings.Contains(note, want) {
			t.Errorf("note %q lacks %q", note, want)
		}
	}
	if strings.Contains(note, "\n") {
		t.Errorf("note is more than one line: %q", note)
	}
	if r, _ := fs.pick('A', mainFace, regular); r != mainFace {
		t.Errorf("Latin drawn from face %d without a Latin face, want the body face", r)
	}
	// The option names a face the system search would not find.
	w.KaiFont = uming
	if fs, err = w.fontsFrom([]string{wqy}, nowhere); err != nil || fs.faces[kaiFace] == nil {
		t.Errorf("KaiFont not used: %v", err)
	}
}
