package html

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
	"github.com/declconv/declconv/parse"
)

// seed loads the seed's reviewed canonical document.
func seed(t testing.TB) *declaration.Document {
	t.Helper()
	return testdocs.Load(t, filepath.Join(testfiles.Root(t), "fixtures", "seed", "want.yaml"))
}

// TestFixtures renders every canonical test document (fixtures/*/want.yaml,
// internal/testdocs/testdata/*/want.yaml), checks the page and compares it
// with want.html beside it (go test -update rewrites want.html). The
// goldens hold the page with its style sheet, the same in every page and
// reviewed as style.css, left out.
func TestFixtures(t *testing.T) {
	for _, path := range testfiles.Canonical(t) {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			d := testdocs.Load(t, path)
			out := write(t, Options{}, d)
			checkPage(t, d, out)
			if strings.Count(out, style) != 1 {
				t.Fatal("the page does not hold the style sheet once")
			}
			testfiles.Golden(t, filepath.Join(dir, "want.html"), []byte(strings.Replace(out, style, "/* style.css */\n", 1)))
			if again := write(t, Options{}, d); again != out {
				t.Error("a second run gave different bytes")
			}
		})
	}
}

// TestCorpus renders every document of the shared corpus and checks the
// page: well-formed, no script, every model ID an element, the text
// content the document's. (The inputs the parser refuses on purpose, and
// its test pins, have no page.)
func TestCorpus(t *testing.T) {
	for _, path := range testfiles.CorpusFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			d, err := parseFile(path)
			if err != nil {
				t.Logf("no page: the parser refuses it (parse's TestCorpus pins that): %v", err)
				return
			}
			checkPage(t, d, write(t, Options{}, d))
		})
	}
}

func parseFile(path string) (*declaration.Document, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parse.Parse(bytes.NewReader(src), path)
}

// TestMarks: on the seed, every date the model records is a <time> with
// its ISO value, inside the element it is in; every cited instrument is a
// <cite> in each element that cites it; the defined term is a <dfn> at its
// definition.
func TestMarks(t *testing.T) {
	d := seed(t)
	root := parsePage(t, write(t, Options{}, d))
	all := ids(root)
	for _, dm := range d.Dates {
		el := all[dm.At]
		if len(el) != 1 {
			t.Fatalf("no element %s", dm.At)
		}
		times := find(el[0], func(n *xhtml.Node) bool {
			v, _ := attr(n, "datetime")
			return n.Data == "time" && v == dm.ISO && textContent(n) == dm.Text
		})
		if len(times) != 1 {
			t.Errorf("date %q (%s) in %s: %d <time datetime=%q> elements, want 1", dm.Text, dm.ISO, dm.At, len(times), dm.ISO)
		}
	}
	for _, r := range d.References {
		for _, id := range r.At {
			cites := find(all[id][0], func(n *xhtml.Node) bool { return n.Data == "cite" && textContent(n) == r.Title })
			if len(cites) == 0 {
				t.Errorf("reference %q: no <cite> in %s", r.Title, id)
			}
		}
	}
	// 联合国宪章 is cited without brackets; the others within 《》, which
	// stay outside the <cite>.
	if n := len(find(root, element("cite"))); n != len(d.References) {
		t.Errorf("%d <cite> elements, want %d", n, len(d.References))
	}
	dfn := find(root, element("dfn"))
	if len(dfn) != 1 || textContent(dfn[0]) != "双方" || len(find(all["art_1"][0], element("dfn"))) != 1 {
		t.Fatalf("want one <dfn>双方</dfn>, in art_1; got %d", len(dfn))
	}
	if s := textContent(dfn[0].Parent); !strings.Contains(s, "（以下简称“双方”）") {
		t.Errorf("the <dfn> is not at the definition: %q", s)
	}
}

// TestDefinition: a term is marked where it is defined, not where it
// first occurs.
func TestDefinition(t *testing.T) {
	for _, c := range []struct{ line, term, want string }{
		{"中华人民共和国和哈萨克斯坦共和国（以下简称“双方”）一致认为", "双方", "（以下简称“"},
		{"缔约双方在东海渔场开展渔业合作，本公约所称渔场，是指双方划定的共同渔区。", "渔场", "本公约所称"},
		{"甲方（下称甲方）", "甲方", "甲方（下称"},
		{"The Parties agree that the Treaty of 1950 and \"Treaty\" means the Treaty of 1950.", "Treaty", "the Treaty of 1950 and \""},
		{"本法所称档案，是指……", "档案", "本法所称"},
		{"no cue: the term, then the term", "term", "no cue: the "},
		{"the term, then the term", "term", "the "},
		{"absent", "term", ""},
	} {
		i := definition(c.line, c.term)
		got := ""
		if i >= 0 {
			got = c.line[:i]
		}
		if (i < 0) != (c.want == "") || !strings.HasSuffix(got, c.want) || (i >= 0 && !strings.HasPrefix(c.line[i:], c.term)) {
			t.Errorf("definition(%q, %q) comes after %q, want after %q", c.line, c.term, got, c.want)
		}
	}
}

// TestDeepLink: the element whose id is art_4__sec_1__item_2 holds that
// clause, its label and text, and nothing of the clauses beside it.
func TestDeepLink(t *testing.T) {
	d := seed(t)
	root := parsePage(t, write(t, Options{}, d))
	el := ids(root)["art_4__sec_1__item_2"]
	if len(el) != 1 || el[0].Data != "li" {
		t.Fatalf("art_4__sec_1__item_2: %d elements, want one <li>", len(el))
	}
	got := strings.Join(testfiles.NonSpace(textContent(el[0])), "")
	if want := "——严格遵守１９９４年４月２６日签署的《中华人民共和国和哈萨克斯坦共和国关于中哈国界的协定》"; !strings.HasPrefix(got, want) {
		t.Errorf("art_4__sec_1__item_2 holds %q", got)
	}
	if !strings.HasSuffix(got, "以找到双方都能接受的公正合理的解决办法；") {
		t.Errorf("art_4__sec_1__item_2 does not end with its text: %q", got)
	}
}

// TestStructure pins the elements the seed and the law fixture are made
// of: the title an <h1>, sections with a heading <section>s, —— items an
// unnumbered list, chapters <h2> and their sections <h3>.
func TestStructure(t *testing.T) {
	d := seed(t)
	all := ids(parsePage(t, write(t, Options{}, d)))
	for id, tag := range map[string]string{
		"front__p_7": "h1", "front__p_6": "p", "art_4": "div", "art_4__sec_1": "section",
		"art_4__sec_1__item_1": "li", "art_5__para_1": "div",
	} {
		if n := all[id]; len(n) != 1 || n[0].Data != tag {
			t.Errorf("%s is not one <%s>", id, tag)
		}
	}
	if p := all["art_4__sec_1__item_1"][0].Parent; p.Data != "ul" {
		t.Errorf("—— items are in a <%s>, want <ul>", p.Data)
	}
	if h := find(all["art_4__sec_1"][0], element("h2")); len(h) != 1 || !hasClass(h[0], "side") || textContent(h[0]) != "（一）在政治关系方面" {
		t.Error("section （一） has no side heading <h2 class=\"side\">（一）在政治关系方面</h2>")
	}

	law := testdocs.Load(t, filepath.Join(testfiles.Root(t), "fixtures", "law-articles-chapters", "want.yaml"))
	root := parsePage(t, write(t, Options{}, law))
	all = ids(root)
	var chapters, sections int
	for _, p := range law.Provisions() {
		el := all[p.ID][0]
		switch p.Kind {
		case declaration.Chapter:
			chapters++
			if el.Data != "section" || len(find(el, element("h2"))) != 1 {
				t.Errorf("chapter %s is not a <section> with an <h2>", p.ID)
			}
		case declaration.Section:
			sections++
			if h := find(el, element("h3")); el.Data != "section" || len(h) != 1 || hasClass(h[0], "side") {
				t.Errorf("section %s is not a <section> with a centred <h3>", p.ID)
			}
		}
	}
	if chapters == 0 || sections == 0 {
		t.Fatal("the law fixture has no chapters or sections")
	}
	nav := find(root, element("nav"))
	if len(nav) != 1 {
		t.Fatal("no table of contents")
	}
	var targets []string
	for _, a := range find(nav[0], element("a")) {
		href, _ := attr(a, "href")
		targets = append(targets, strings.TrimPrefix(href, "#"))
	}
	var want []string
	for _, p := range law.Provisions() {
		if p.Kind != declaration.Paragraph && p.Kind != declaration.Item && p.Kind != declaration.Point {
			want = append(want, p.ID)
		}
	}
	if !slices.Equal(targets, want) {
		t.Errorf("contents link to %q, want the chapters, sections and articles %q", targets, want)
	}
}

// TestLanguage: the page's lang is the document's; Latin words in a
// Chinese text and Chinese in an English one carry their own.
func TestLanguage(t *testing.T) {
	d := &declaration.Document{Schema: declaration.SchemaVersion, Kind: declaration.Statement, Language: "zh-Hans",
		Body: []*declaration.Provision{
			{Kind: declaration.Article, Label: "一、", Text: "双方欢迎World Trade Organization的决定，A国表示支持。"},
		}}
	d.AssignIDs()
	out := write(t, Options{}, d)
	checkPage(t, d, out)
	root := parsePage(t, out)
	if l, _ := attr(find(root, element("html"))[0], "lang"); l != "zh-Hans" {
		t.Errorf("page lang %q", l)
	}
	runs := find(root, func(n *xhtml.Node) bool { l, ok := attr(n, "lang"); return ok && n.Data == "span" && l == "en" })
	if len(runs) != 1 || textContent(runs[0]) != "World Trade Organization" {
		t.Errorf("want one <span lang=en>World Trade Organization</span> (a single letter is no run), got %d", len(runs))
	}

	d.Language = "en"
	d.Body[0].Text = "The Parties welcome the Treaty of Amity (《友好条约》) and the 联合公报."
	root = parsePage(t, write(t, Options{}, d))
	var got []string
	for _, n := range find(root, func(n *xhtml.Node) bool { l, _ := attr(n, "lang"); return n.Data == "span" && l == "zh" }) {
		got = append(got, textContent(n))
	}
	if !slices.Equal(got, []string{"《友好条约》", "联合公报"}) {
		t.Errorf("Chinese runs in English: %q", got)
	}
	if !strings.Contains(write(t, Options{}, d), "<title>") {
		t.Error("no title")
	}
}

// TestDashes: —— and …… in the text are kept on one line.
func TestDashes(t *testing.T) {
	d := &declaration.Document{Schema: declaration.SchemaVersion, Kind: declaration.Other, Language: "zh-Hans",
		Preamble: []*declaration.Block{{Kind: declaration.Para, Text: "我们——中国人民……必将胜利——一定！"}}}
	d.AssignIDs()
	var got []string
	for _, n := range find(parsePage(t, write(t, Options{}, d)), func(n *xhtml.Node) bool { return hasClass(n, "nb") }) {
		got = append(got, textContent(n))
	}
	if !slices.Equal(got, []string{"——", "……", "——"}) {
		t.Errorf("unbroken runs %q", got)
	}
}

// TestEscaping feeds the writer text made to break out of its place: no
// character opens a tag, an attribute, an entity or a script, and what
// HTML cannot carry is replaced, not dropped.
func TestEscaping(t *testing.T) {
	hostile := []string{
		`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `' onmouseover='alert(1)`,
		`&amp;&lt;&#60;&`, "</p></div></article></body></html><script>", "]]><!--", "NUL\x00 BEL\x07 FF\f ESC\x1b",
		"C1\u0085\u009b", "bad\xc3\x28utf8\xff", "\ufffe\uffff", `</style><style>body{display:none}`,
		"javascript:alert(1)",
	}
	d := &declaration.Document{Schema: declaration.SchemaVersion, Kind: declaration.Kind(hostile[0]), Language: `en" onload="x`,
		Title:        hostile[1],
		Parties:      hostile,
		Signed:       &declaration.Signing{Date: &declaration.Date{Text: hostile[2], ISO: hostile[3]}, Place: hostile[4]},
		DefinedTerms: []declaration.DefinedTerm{{Term: "<b>", Means: hostile[5], At: `x" onclick="y`}},
		Publication:  &declaration.Publication{Headline: hostile[6], Date: hostile[0], Section: hostile[7], Column: hostile[8]},
		Dispatch:     &declaration.Dispatch{Text: hostile[9], Agency: hostile[10]},
		Signatories:  []declaration.Signatory{{Name: hostile[11], Role: hostile[0], Party: hostile[1]}},
	}
	for i, h := range hostile {
		d.Preamble = append(d.Preamble, &declaration.Block{Kind: declaration.Para, Markup: h, Label: h, Text: h + "\n" + h, Underline: h})
		d.Body = append(d.Body, &declaration.Provision{Kind: declaration.Article, Number: i + 1, Markup: h, Label: h, Heading: h, Text: h,
			Children: []*declaration.Provision{{Kind: declaration.Item, Label: h, Text: h}}})
	}
	d.AssignIDs()
	d.Body[0].ID = `a" onclick="alert(1)`
	d.Preamble[0].ID = "javascript:alert(1)"
	d.References = []declaration.Reference{{Title: "<b>", At: []string{d.Body[1].ID}}}
	d.Dates = []declaration.DateMention{{Date: declaration.Date{Text: "&", ISO: `"><script>`}, At: d.Body[3].ID}}
	out := write(t, Options{}, d)
	checkPage(t, d, out)
	for _, bad := range []string{"<script", "<img", "<b>", "<style><style", "\x00", "\xff"} {
		if strings.Contains(out, bad) {
			t.Errorf("the page has %q", bad)
		}
	}
	if !strings.Contains(out, `lang="en"`) && strings.Contains(out, "onload") {
		t.Error("a malformed language tag reached the page")
	}
}

// TestSelfContained: the style sheet fetches nothing (no url(), no
// @import) and runs nothing.
func TestSelfContained(t *testing.T) {
	for _, bad := range []string{"url(", "@import", "expression(", "javascript:", "<"} {
		if strings.Contains(strings.ToLower(style), bad) {
			t.Errorf("the style sheet has %q", bad)
		}
	}
}

func TestNoContents(t *testing.T) {
	d := seed(t)
	if out := write(t, Options{NoContents: true}, d); strings.Contains(out, "<nav") {
		t.Error("NoContents: the page has a <nav>")
	} else {
		checkPage(t, d, out)
	}
	if out := write(t, Options{}, d); !strings.Contains(out, "<nav") {
		t.Error("the seed's page has no table of contents")
	}
}

func TestEmptyAndNil(t *testing.T) {
	d := &declaration.Document{Schema: declaration.SchemaVersion, Kind: declaration.Other}
	out := write(t, Options{}, d)
	checkPage(t, d, out)
	if !strings.Contains(out, "<title>declconv</title>") || !strings.Contains(out, `lang="en"`) {
		t.Errorf("empty document: %s", out[:200])
	}
	if err := (Options{}).Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil document: no error")
	}
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	if err := (Options{}).Write(errWriter{}, seed(t)); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v, want the writer's error", err)
	}
}

// FuzzWrite renders any document the decoders accept: the page must be
// well-formed, script-free, carry every model ID it can and the document's
// text.
func FuzzWrite(f *testing.F) {
	for _, pattern := range []string{"fixtures/*/want.yaml", "internal/testdocs/testdata/*/want.yaml"} {
		paths, _ := filepath.Glob(filepath.Join("..", "..", pattern))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("schema: declconv/v1\nkind: other\ntitle: \"<script>\\0\"\npreamble:\n  - {id: \"x\\\" onclick=\\\"y\", kind: paragraph, text: \"a\\x01<b>&\", pos: {line: 1, col: 1}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		decode := declaration.DecodeYAML
		if bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			decode = declaration.DecodeJSON
		}
		d, err := decode(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		out := write(t, Options{}, d)
		if err := wellFormed(out); err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		root := parsePage(t, out)
		if len(find(root, element("script"))) > 0 {
			t.Fatal("a script")
		}
		got, want := testfiles.NonSpace(textContent(textElement(t, root))), testfiles.NonSpace(carried(d)...)
		if !slices.Equal(got, want) {
			t.Fatalf("text content %q, want %q", strings.Join(got, ""), strings.Join(want, ""))
		}
		all := ids(root)
		for _, id := range modelIDs(d) {
			if id != "" && len(all[carry(id)]) == 0 {
				t.Fatalf("id %q is no element's", id)
			}
		}
	})
}

// TestMarksAll: in every fixture and corpus document, each date the
// model records with an ISO value is a <time> in its element, each cited
// instrument a <cite> in every element that cites it, and each defined
// term a <dfn> in the element that defines it, wherever the element's own
// text holds the date's text, the title or the term. (Where the text
// does not — a mention the parser read across a line break — there is
// nothing to mark.)
func TestMarksAll(t *testing.T) {
	docs := map[string]*declaration.Document{}
	var names []string
	for _, path := range testfiles.Canonical(t) {
		name := filepath.Base(filepath.Dir(path))
		docs[name] = testdocs.Load(t, path)
		names = append(names, name)
	}
	if _, err := os.Stat(testfiles.CorpusPath(t)); err == nil {
		for _, path := range testfiles.CorpusFiles(t) {
			if d, err := parseFile(path); err == nil {
				docs[filepath.Base(path)] = d
				names = append(names, filepath.Base(path))
			}
		}
	} else if os.Getenv("CI") != "" {
		t.Fatalf("corpus folder %s is absent", testfiles.CorpusPath(t))
	}
	var withISO, dates, marked, cites, cited, terms, defined int
	for _, name := range names {
		d := docs[name]
		all := ids(parsePage(t, write(t, Options{}, d)))
		own := ownText(d)
		for _, dm := range d.Dates {
			if !declaration.ValidISODate(dm.ISO) {
				continue
			}
			withISO++
			if !strings.Contains(own[dm.At], dm.Text) {
				continue
			}
			dates++
			if len(all[dm.At]) == 1 && len(find(all[dm.At][0], func(n *xhtml.Node) bool {
				v, _ := attr(n, "datetime")
				return n.Data == "time" && v == dm.ISO && textContent(n) == dm.Text
			})) > 0 {
				marked++
			} else {
				t.Errorf("%s: date %q (%s) in %s is no <time>", name, dm.Text, dm.ISO, dm.At)
			}
		}
		for _, r := range d.References {
			for _, id := range r.At {
				if !strings.Contains(own[id], r.Title) {
					continue
				}
				cites++
				if len(all[id]) == 1 && len(find(all[id][0], func(n *xhtml.Node) bool { return n.Data == "cite" && textContent(n) == r.Title })) > 0 {
					cited++
				} else {
					t.Errorf("%s: %q in %s is no <cite>", name, r.Title, id)
				}
			}
		}
		for _, dt := range d.DefinedTerms {
			if dt.Term == "" || !strings.Contains(own[dt.At], dt.Term) {
				continue
			}
			terms++
			if len(all[dt.At]) == 1 && len(find(all[dt.At][0], func(n *xhtml.Node) bool { return n.Data == "dfn" && textContent(n) == dt.Term })) > 0 {
				defined++
			} else {
				t.Errorf("%s: defined term %q in %s is no <dfn>", name, dt.Term, dt.At)
			}
		}
	}
	t.Logf("%d documents: %d dates with an ISO value, %d in their element's text, %d of them marked; %d of %d citations; %d of %d defined terms", len(names), withISO, dates, marked, cited, cites, defined, terms)
}

// ownText maps each element ID to its own verbatim text, a line a field.
func ownText(d *declaration.Document) map[string]string {
	out := map[string]string{}
	blocks := func(bs []*declaration.Block) {
		for _, b := range bs {
			out[b.ID] = b.Text
		}
	}
	blocks(d.Front)
	blocks(d.Preamble)
	blocks(d.Closing)
	d.Walk(func(p *declaration.Provision, _ []*declaration.Provision) bool {
		out[p.ID] = p.Heading + "\n" + p.Text
		return true
	})
	for _, a := range d.Attachments {
		out[a.ID] = a.Heading
		blocks(a.Closing)
	}
	return out
}
