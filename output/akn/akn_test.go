package akn

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
)

func write(t testing.TB, d *declaration.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (Options{}).Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// element is one element of a written document, as encoding/xml reads it.
type element struct {
	name  string
	attrs map[string]string
	text  string // its character data, descendants' included
	owner string // the eId of the nearest element with one, itself included
}

// parsed is a written document read back with encoding/xml.
type parsed struct {
	root     string    // the document type under akomaNtoso
	text     string    // character data outside <meta>
	elements []element // every element, in document order
}

// read parses out with encoding/xml to its end; an error means out is
// not well-formed XML.
func read(out []byte) (*parsed, error) {
	dec := xml.NewDecoder(bytes.NewReader(out))
	p := &parsed{}
	var open []int // indexes into p.elements of the open elements
	inMeta := 0
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space != Namespace {
				return nil, fmt.Errorf("element %s in namespace %q", tok.Name.Local, tok.Name.Space)
			}
			e := element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(open) == 1 {
				p.root = e.name
			}
			if id, ok := e.attrs["eId"]; ok {
				e.owner = id
			} else if len(open) > 0 {
				e.owner = p.elements[open[len(open)-1]].owner
			}
			if e.name == "meta" || inMeta > 0 {
				inMeta++
			}
			p.elements = append(p.elements, e)
			open = append(open, len(p.elements)-1)
		case xml.EndElement:
			open = open[:len(open)-1]
			if inMeta > 0 {
				inMeta--
			}
		case xml.CharData:
			for _, i := range open {
				p.elements[i].text += string(tok)
			}
			if inMeta == 0 {
				text.Write(tok)
			}
		}
	}
	if len(open) != 0 {
		return nil, errors.New("unclosed elements")
	}
	p.text = text.String()
	return p, nil
}

// verbatim is what the character data outside <meta> must hold: every
// verbatim string of the document in the order of Verbatim, but for
// Markdown markup and setext underlines, which the XML's structure
// replaces.
func verbatim(d *declaration.Document) []string {
	var out []string
	blocks := func(bs []*declaration.Block) {
		for _, b := range bs {
			out = append(out, b.Label, b.Text)
		}
	}
	provision := func(p *declaration.Provision, _ []*declaration.Provision) bool {
		out = append(out, p.Label, p.Heading, p.Text)
		return true
	}
	blocks(d.Front)
	blocks(d.Preamble)
	declaration.WalkProvisions(d.Body, provision)
	blocks(d.Closing)
	for _, a := range d.Attachments {
		out = append(out, a.Label, a.Heading)
		declaration.WalkProvisions(a.Body, provision)
		blocks(a.Closing)
	}
	return out
}

// checkLossless checks that the text of the XML outside <meta> is the
// document's, character for character, whitespace aside.
func checkLossless(t *testing.T, d *declaration.Document, p *parsed) {
	t.Helper()
	got, want := testfiles.NonSpace(p.text), testfiles.NonSpace(verbatim(d)...)
	if !slices.Equal(got, want) {
		g, w := strings.Join(got, ""), strings.Join(want, "")
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Fatalf("the XML's text is not the document's: they part at byte %d:\n got …%q\nwant …%q", i, g[i:min(len(g), i+60)], w[i:min(len(w), i+60)])
	}
}

// checkEIDs checks that every ID of the model is the eId of exactly one
// element, of the element its kind maps to, and that no eId repeats.
func checkEIDs(t *testing.T, d *declaration.Document, p *parsed) {
	t.Helper()
	byID := map[string][]string{}
	for _, e := range p.elements {
		if id, ok := e.attrs["eId"]; ok {
			byID[id] = append(byID[id], e.name)
		}
	}
	for id, names := range byID {
		if len(names) > 1 {
			t.Errorf("eId %q is on %d elements %v", id, len(names), names)
		}
	}
	want := func(id string, elements ...string) {
		t.Helper()
		if names := byID[id]; len(names) != 1 || !slices.Contains(elements, names[0]) {
			t.Errorf("ID %s: elements %v have it as eId, want one of %v", id, names, elements)
		}
	}
	for _, bs := range [][]*declaration.Block{d.Front, d.Preamble, d.Closing} {
		for _, b := range bs {
			want(b.ID, "p", "longTitle", "recital")
		}
	}
	for _, a := range d.Attachments {
		want(a.ID, "attachment")
		for _, b := range a.Closing {
			want(b.ID, "p")
		}
	}
	d.Walk(func(pr *declaration.Provision, _ []*declaration.Provision) bool {
		want(pr.ID, provisionElement(pr.Kind))
		return true
	})
}

// checkRoot checks the document type against the table.
func checkRoot(t *testing.T, d *declaration.Document, p *parsed) {
	t.Helper()
	root := p.elements[1]
	wantRoot, _ := docType(d)
	if root.name != wantRoot || root.attrs["name"] != string(d.Kind) {
		t.Errorf("root <%s name=%q>, want <%s name=%q>", root.name, root.attrs["name"], wantRoot, d.Kind)
	}
}

// canonical loads every reviewed canonical document the writers' tests
// start from (the fixtures' want.yaml and internal/testdocs'), by name.
func canonical(t *testing.T) map[string]*declaration.Document {
	docs := map[string]*declaration.Document{}
	for _, path := range testfiles.Canonical(t) {
		docs[filepath.Base(filepath.Dir(path))] = testdocs.Load(t, path)
	}
	return docs
}

// TestFixtures writes every canonical test document and checks what the
// writer promises: well-formed XML, the document type of the table, the
// model's IDs as eIds, every character of the text, the same bytes on a
// second run.
func TestFixtures(t *testing.T) {
	for name, d := range canonical(t) {
		t.Run(name, func(t *testing.T) {
			out := write(t, d)
			p, err := read(out)
			if err != nil {
				t.Fatalf("not well-formed: %v", err)
			}
			checkRoot(t, d, p)
			checkEIDs(t, d, p)
			checkLossless(t, d, p)
			if again := write(t, d); !bytes.Equal(again, out) {
				t.Error("a second run gave different bytes")
			}
		})
	}
}

// TestGolden compares the seed and the document with annexes with their
// reviewed output (go test -update rewrites them; read the diff).
func TestGolden(t *testing.T) {
	docs := canonical(t)
	for _, name := range []string{"seed", "annexes"} {
		testfiles.Golden(t, filepath.Join("testdata", name+".akn.xml"), write(t, docs[name]))
	}
}

// TestDocTypes writes a document of every kind and checks its root, and
// that an act without provisions becomes a doc.
func TestDocTypes(t *testing.T) {
	want := map[declaration.Kind]string{
		declaration.JointStatement: "statement", declaration.JointCommunique: "statement",
		declaration.DeclarationKind: "statement", declaration.Statement: "statement",
		declaration.Treaty: "act", declaration.Agreement: "act", declaration.Law: "act", declaration.Order: "act",
		declaration.Other: "doc",
	}
	for _, k := range declaration.Kinds() {
		d := small(k)
		p, err := read(write(t, d))
		if err != nil {
			t.Fatal(err)
		}
		if p.root != want[k] {
			t.Errorf("kind %s: root %s, want %s", k, p.root, want[k])
		}
		d.Body = nil
		if p, _ := read(write(t, d)); want[k] == "act" && p.root != "doc" {
			t.Errorf("kind %s without provisions: root %s, want doc", k, p.root)
		}
	}
}

// small is a short document of kind k with a preamble, one article with
// a point, and a closing.
func small(k declaration.Kind) *declaration.Document {
	d := &declaration.Document{
		Schema: declaration.SchemaVersion, Kind: k, Language: "en", Title: "Agreement",
		Preamble: []*declaration.Block{{Kind: declaration.Recital, Text: "Whereas the Parties agree,", Pos: declaration.Pos{Line: 1, Col: 1}}},
		Body: []*declaration.Provision{{Kind: declaration.Article, Label: "Article 1", Number: 1, Text: "The Parties shall:", Children: []*declaration.Provision{
			{Kind: declaration.Point, Label: "(a)", Number: 1, Text: "cooperate."},
		}}},
		Closing: []*declaration.Block{{Kind: declaration.PlaceDate, Text: "Done at Canberra on 3 March 1962."}},
	}
	d.AssignIDs()
	return d
}

// hostile is a document whose every string tries to break the XML:
// markup characters, an end of CDATA, quotes, control characters XML
// cannot hold, CRs, bytes that are not UTF-8, IDs that are not eIds, a
// kind the schema does not know.
func hostile() *declaration.Document {
	const evil = "<script>&amp;\"'</p>]]><!-- \x00\x01\x0b\r\n\t\uFFFE\xff\xfe end"
	d := &declaration.Document{
		Schema: declaration.SchemaVersion, Kind: declaration.Kind(evil), Language: evil, Title: evil,
		Source:      declaration.Source{SHA256: evil},
		Parties:     []string{evil, "", evil},
		Signatories: []declaration.Signatory{{Name: evil, Role: evil, Party: evil}, {Role: "Minister"}},
		Signed:      &declaration.Signing{Place: evil, Date: &declaration.Date{Text: evil, ISO: evil}},
		Publication: &declaration.Publication{Date: evil},
		Front: []*declaration.Block{
			{ID: evil, Kind: declaration.TitleBlock, Label: evil, Text: evil, Markup: evil},
			{ID: "", Kind: declaration.IssueDate, Text: evil},
		},
		Preamble: []*declaration.Block{{ID: "a b", Kind: declaration.Recital, Text: evil}},
		Body: []*declaration.Provision{{ID: "x", Kind: declaration.ProvisionKind(evil), Label: evil, Heading: evil, Text: evil,
			Children: []*declaration.Provision{{ID: "y", Kind: declaration.Item, Text: evil}}}},
		Closing:      []*declaration.Block{{ID: "c", Kind: declaration.Signature, Label: evil, Text: evil + evil}},
		Attachments:  []*declaration.Attachment{{ID: evil, Label: evil, Heading: evil}},
		References:   []declaration.Reference{{Title: evil, At: []string{"x", evil}}, {Title: "", At: []string{"x"}}},
		Dates:        []declaration.DateMention{{Date: declaration.Date{Text: "", ISO: "1999-01-01"}, At: "x"}, {Date: declaration.Date{Text: "end", ISO: "1999-02-30"}, At: "x"}},
		DefinedTerms: []declaration.DefinedTerm{{Term: evil, At: "x"}, {Term: "", At: "x"}},
	}
	return d
}

// TestHostile: whatever the strings hold, the output is well-formed, and
// every character XML can hold comes back.
func TestHostile(t *testing.T) {
	d := hostile()
	out := write(t, d)
	p, err := read(out)
	if err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "<script") || strings.Contains(string(out), "<!--") {
		t.Error("markup of the input came through unescaped")
	}
	// The text with what XML cannot hold replaced, as escape promises.
	// (ranging over a string gives U+FFFD for each byte that is not UTF-8)
	var replaced strings.Builder
	for _, r := range strings.Join(verbatim(d), "") {
		if !xmlChar(r) {
			r = '\uFFFD'
		}
		replaced.WriteRune(r)
	}
	if got, want := strings.Join(testfiles.NonSpace(p.text), ""), strings.Join(testfiles.NonSpace(replaced.String()), ""); got != want {
		t.Errorf("text:\n got %q\nwant %q", got, want)
	}
	if bytes.Contains(out, []byte("\x00")) || bytes.Contains(out, []byte("\xff")) {
		t.Error("a byte XML cannot hold is in the output")
	}
}

// TestEscape pins the escaping of text and attributes.
func TestEscape(t *testing.T) {
	for _, c := range []struct {
		in         string
		text, attr string
	}{
		{"a<b>&c", "a&lt;b&gt;&amp;c", "a&lt;b&gt;&amp;c"},
		{`say "hi"`, `say "hi"`, "say &quot;hi&quot;"},
		{"l1\nl2\tx\r", "l1\nl2\tx&#xD;", "l1&#xA;l2&#x9;x&#xD;"},
		{"nul\x00 vt\x0b", "nul\uFFFD vt\uFFFD", "nul\uFFFD vt\uFFFD"},
		{"bad\xff\xfe utf8", "bad\uFFFD\uFFFD utf8", "bad\uFFFD\uFFFD utf8"},
		{"\uFFFE\uFFFF中文\U00020000", "\uFFFD\uFFFD中文\U00020000", "\uFFFD\uFFFD中文\U00020000"},
	} {
		for _, attr := range []bool{false, true} {
			var buf bytes.Buffer
			w := bufio.NewWriter(&buf)
			escape(w, c.in, attr)
			w.Flush()
			want := c.text
			if attr {
				want = c.attr
			}
			if buf.String() != want {
				t.Errorf("escape(%q, attr %v) = %q, want %q", c.in, attr, buf.String(), want)
			}
		}
	}
}

// TestInline checks the inline markup on every canonical document: each
// date known to the day is a <date> with its ISO value in the text of
// the element with its ID; each cited title is a <ref> in the texts that
// cite it; each signatory named in a signature line of the closing is a
// <person> inside a <signature>.
func TestInline(t *testing.T) {
	for name, d := range canonical(t) {
		t.Run(name, func(t *testing.T) {
			p, err := read(write(t, d))
			if err != nil {
				t.Fatal(err)
			}
			byID := map[string]element{}
			for _, e := range p.elements {
				if id := e.attrs["eId"]; id != "" {
					byID[id] = e
				}
			}
			// inside reports whether the element with eId id holds an
			// element el with that text (and attribute value), no other
			// element with an eId between them.
			inside := func(id, el, text, attr, value string) bool {
				return slices.ContainsFunc(p.elements, func(e element) bool {
					return e.owner == id && e.name == el && e.text == text && (attr == "" || e.attrs[attr] == value)
				})
			}
			for _, dm := range d.Dates {
				if !fullDate(dm.ISO) || byID[dm.At].name == "" {
					continue
				}
				if !inside(dm.At, "date", dm.Text, "date", dm.ISO) && !strings.Contains(enclosingMarkup(p, dm.At), dm.Text) {
					t.Errorf("date %q (%s) in %s is not a <date>", dm.Text, dm.ISO, dm.At)
				}
			}
			for _, r := range d.References {
				for _, at := range r.At {
					if byID[at].name != "" && strings.Contains(byID[at].text, r.Title) && !inside(at, "ref", r.Title, "", "") {
						t.Errorf("citation %q in %s is not a <ref>", r.Title, at)
					}
				}
			}
			for _, s := range d.Signatories {
				for _, b := range d.Closing {
					if b.Kind == declaration.Signature && s.Name != "" && strings.Contains(b.Text, s.Name) {
						if !inside(b.ID, "person", s.Name, "", "") || !inside(b.ID, "signature", byID[b.ID].text, "", "") {
							t.Errorf("signatory %q in %s is not a <person> in a <signature>", s.Name, b.ID)
						}
					}
				}
			}
		})
	}
}

// enclosingMarkup is the text of the inline elements other than <date>
// of the element with eId id: a date inside a cited title is part of the
// <ref>, not a <date> of its own (spans do not nest).
func enclosingMarkup(p *parsed, id string) string {
	var s strings.Builder
	for _, e := range p.elements {
		if e.owner == id && slices.Contains([]string{"ref", "def", "person", "role", "location", "docTitle"}, e.name) {
			s.WriteString(e.text)
		}
	}
	return s.String()
}

func TestNil(t *testing.T) {
	if err := (Options{}).Write(io.Discard, nil); err == nil {
		t.Error("nil document: no error")
	}
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	if err := (Options{}).Write(errWriter{}, small(declaration.Treaty)); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v, want the writer's error", err)
	}
}

// TestIdentification pins the FRBR identification of the seed and the
// country option.
func TestIdentification(t *testing.T) {
	d := canonical(t)["seed"]
	for _, c := range []struct {
		w       Options
		country string
	}{{Options{}, "cn"}, {Options{Country: "KZ"}, "kz"}} {
		var buf bytes.Buffer
		if err := c.w.Write(&buf, d); err != nil {
			t.Fatal(err)
		}
		p, err := read(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		values := map[string][]string{}
		for _, e := range p.elements {
			for _, a := range []string{"value", "date", "language", "href"} {
				if v, ok := e.attrs[a]; ok && strings.HasPrefix(e.name, "FRBR") {
					values[e.name] = append(values[e.name], v)
				}
			}
		}
		work := "/akn/" + c.country + "/statement/joint-statement/1995-09-11/" + d.Source.SHA256[:12]
		for name, want := range map[string][]string{
			"FRBRcountry":  {c.country},
			"FRBRlanguage": {"zho"},
			"FRBRuri":      {work, work + "/zho@", work + "/zho@.akn"},
			"FRBRdate":     {"1995-09-11", "1995-09-13", "1995-09-13"},
			"FRBRauthor":   {"#party-1", "#party-2", "#party-1", "#party-2", "#declconv"},
		} {
			if !slices.Equal(values[name], want) {
				t.Errorf("%s: %v, want %v", name, values[name], want)
			}
		}
	}
}
