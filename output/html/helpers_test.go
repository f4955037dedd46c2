package html

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testfiles"
)

func write(t testing.TB, w Options, d *declaration.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := w.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// wellFormed reads page as XML, strictly: every element closed and
// nested, every attribute quoted, no entity XML does not know, no
// character XML cannot carry. It also refuses what could run code or
// fetch anything: a <script>, <iframe>, <object>, <embed>, <link>, <img>
// or media element, an on… attribute, a src, a link out of the page.
func wellFormed(page string) error {
	dec := xml.NewDecoder(strings.NewReader(page))
	dec.Strict = true
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			switch strings.ToLower(tok.Name.Local) {
			case "script", "iframe", "object", "embed", "link", "img", "video", "audio", "source", "base", "form":
				return errors.New("a <" + tok.Name.Local + "> element")
			}
			for _, a := range tok.Attr {
				name := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(name, "on") {
					return errors.New("an event attribute " + a.Name.Local)
				}
				if name == "src" || (name == "href" && !strings.HasPrefix(a.Value, "#")) {
					return errors.New("a link out of the page: " + a.Value)
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if depth != 0 {
		return errors.New("unbalanced elements")
	}
	return nil
}

// parsePage parses page as a browser would (the HTML5 algorithm).
func parsePage(t testing.TB, page string) *xhtml.Node {
	t.Helper()
	root, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func attr(n *xhtml.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *xhtml.Node, class string) bool {
	c, _ := attr(n, "class")
	return slices.Contains(strings.Fields(c), class)
}

// find returns the elements under n, n included, that match.
func find(n *xhtml.Node, match func(*xhtml.Node) bool) []*xhtml.Node {
	var out []*xhtml.Node
	for d := range n.Descendants() {
		if d.Type == xhtml.ElementNode && match(d) {
			out = append(out, d)
		}
	}
	if n.Type == xhtml.ElementNode && match(n) {
		out = append([]*xhtml.Node{n}, out...)
	}
	return out
}

func element(tag string) func(*xhtml.Node) bool {
	return func(n *xhtml.Node) bool { return n.Data == tag }
}

// textContent is the DOM's textContent of n: its text nodes, in order.
func textContent(n *xhtml.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == xhtml.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// ids maps each id attribute of the page to the elements that have it.
func ids(root *xhtml.Node) map[string][]*xhtml.Node {
	out := map[string][]*xhtml.Node{}
	for _, n := range find(root, func(n *xhtml.Node) bool { _, ok := attr(n, "id"); return ok }) {
		id, _ := attr(n, "id")
		out[id] = append(out[id], n)
	}
	return out
}

// modelIDs returns every ID of the document's blocks, provisions and
// attachments, in document order.
func modelIDs(d *declaration.Document) []string {
	var out []string
	blocks := func(bs []*declaration.Block) {
		for _, b := range bs {
			out = append(out, b.ID)
		}
	}
	blocks(d.Front)
	blocks(d.Preamble)
	declaration.WalkProvisions(d.Body, func(p *declaration.Provision, _ []*declaration.Provision) bool {
		out = append(out, p.ID)
		return true
	})
	blocks(d.Closing)
	for _, a := range d.Attachments {
		out = append(out, a.ID)
		declaration.WalkProvisions(a.Body, func(p *declaration.Provision, _ []*declaration.Provision) bool {
			out = append(out, p.ID)
			return true
		})
		blocks(a.Closing)
	}
	return out
}

// carried is the document's verbatim text as a page can carry it: what
// neither HTML nor XML holds (invalid UTF-8, control characters that are
// not whitespace, U+FFFE, U+FFFF) is U+FFFD. For the fixtures and the
// corpus it is the verbatim text itself. A title field that no block says
// (edited by hand) takes the place of its title block's text, as every
// writer shows it ([declaration.Document.TitleBlock]).
func carried(d *declaration.Document) []string {
	if b := d.TitleBlock(); b != nil && !declaration.SameTitle(b.Text, d.Title) {
		shown, edited := *d, *b
		edited.Text, edited.Label, edited.Markup, edited.Underline = d.Title, "", "", ""
		swap := func(bs []*declaration.Block) []*declaration.Block {
			bs = slices.Clone(bs)
			if i := slices.Index(bs, b); i >= 0 {
				bs[i] = &edited
			}
			return bs
		}
		shown.Front, shown.Preamble = swap(d.Front), swap(d.Preamble)
		d = &shown
	}
	var out []string
	for _, s := range d.Verbatim() {
		out = append(out, carry(s))
	}
	return out
}

// carry is s as a page carries it, and as a parser reads it back: see
// carried; whitespace control characters are spaces, and CR LF and CR
// are LF.
func carry(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1,
			!unicode.IsSpace(r) && (r < 0x20 || (0x7f <= r && r <= 0x9f) || r == 0xfffe || r == 0xffff):
			b.WriteRune(utf8.RuneError)
		case unicode.IsSpace(r) && (r == '\f' || r == '\v' || r == 0x85):
			b.WriteByte(' ')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return strings.ReplaceAll(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\r", "\n")
}

// textElement is the page's <div class="text">, which holds the document.
func textElement(t testing.TB, root *xhtml.Node) *xhtml.Node {
	t.Helper()
	els := find(root, func(n *xhtml.Node) bool { return n.Data == "div" && hasClass(n, "text") })
	if len(els) != 1 {
		t.Fatalf("%d <div class=\"text\"> elements, want 1", len(els))
	}
	return els[0]
}

// checkDOM checks a page's document tree, as parsed by x/net/html or
// dumped by a browser: every model ID is the id of exactly one element,
// and the text content of the text element is the document's verbatim
// text, whitespace aside.
func checkDOM(t testing.TB, d *declaration.Document, root *xhtml.Node) {
	t.Helper()
	all := ids(root)
	for _, id := range modelIDs(d) {
		if id == "" {
			continue
		}
		if n := len(all[carry(id)]); n != 1 {
			t.Errorf("id %q is on %d elements, want 1", id, n)
		}
	}
	got, want := testfiles.NonSpace(textContent(textElement(t, root))), testfiles.NonSpace(carried(d)...)
	if !slices.Equal(got, want) {
		g, w := strings.Join(got, ""), strings.Join(want, "")
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Fatalf("the text content is not the verbatim text: they part at byte %d:\n got …%q\nwant …%q", i, g[i:min(len(g), i+60)], w[i:min(len(w), i+60)])
	}
}

// checkPage checks every promise of Write that does not need a browser.
func checkPage(t testing.TB, d *declaration.Document, page string) {
	t.Helper()
	if err := wellFormed(page); err != nil {
		t.Fatalf("not well-formed: %v", err)
	}
	if !utf8.ValidString(page) {
		t.Fatal("not valid UTF-8")
	}
	root := parsePage(t, page)
	if s := find(root, element("script")); len(s) > 0 {
		t.Fatal("the page has a script")
	}
	checkDOM(t, d, root)
}
