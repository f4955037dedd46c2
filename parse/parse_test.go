package parse

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testfiles"
)

// corpusFailures are the corpus files that must be refused, with the error
// they must give.
var corpusFailures = map[string]string{
	"encodings/udhr-zh-utf8-bom-truncated-midchar.txt": "truncated UTF-8: the input ends inside a multi-byte character",
}

func fixtureDirs(t testing.TB) []string {
	var dirs []string
	for _, p := range testfiles.Fixtures(t, "input.txt") {
		dirs = append(dirs, filepath.Dir(p))
	}
	return dirs
}

// TestFixtures compares the canonical YAML of every fixture with its
// reviewed want.yaml, or the error with want.err.
func TestFixtures(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, "input.txt"))
			if err != nil {
				t.Fatal(err)
			}
			var got []byte
			golden := filepath.Join(dir, "want.yaml")
			d, err := Parse(bytes.NewReader(data), "input.txt")
			if err != nil {
				golden = filepath.Join(dir, "want.err")
				got = []byte(err.Error() + "\n")
			} else {
				var buf bytes.Buffer
				if err := declaration.EncodeYAML(&buf, d); err != nil {
					t.Fatal(err)
				}
				got = buf.Bytes()
				checkInvariants(t, data, d)
			}
			testfiles.Golden(t, golden, got)
		})
	}
}

// TestCorpus parses every real document: each converts, losing nothing,
// or fails with its documented error.
func TestCorpus(t *testing.T) {
	dir := testfiles.CorpusDir(t)
	for _, path := range testfiles.CorpusFiles(t) {
		rel, _ := filepath.Rel(dir, path)
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Parse(bytes.NewReader(data), rel)
			if want, ok := corpusFailures[filepath.ToSlash(rel)]; ok {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("error = %v, want one containing %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, data, d)
		})
	}
}

// TestParseBytes: ParseBytes gives what Parse gives, the document or the
// error, for every fixture and corpus input, and leaves the bytes it
// shares as they were.
func TestParseBytes(t *testing.T) {
	paths := testfiles.Fixtures(t, "input.txt")
	paths = append(paths, testfiles.CorpusFiles(t)...)
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, wantErr := Parse(bytes.NewReader(data), path)
		kept := bytes.Clone(data)
		got, err := ParseBytes(data, path)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ParseBytes differs from Parse (error %v, want %v)", path, err, wantErr)
		}
		if !bytes.Equal(data, kept) {
			t.Errorf("%s: ParseBytes changed its input", path)
		}
	}
	big := make([]byte, MaxInputSize+1)
	if _, err := ParseBytes(big, "x"); err == nil || !strings.Contains(err.Error(), "input larger than 64 MiB") {
		t.Errorf("an input of MaxInputSize+1 bytes: error %v, want it refused by its size", err)
	}
}

// checkInvariants holds for every successful parse: the document is
// valid, nothing is lost, it round-trips through YAML and JSON, and every
// position points at what it names.
func checkInvariants(t *testing.T, data []byte, d *declaration.Document) {
	t.Helper()
	if err := d.Validate(); err != nil {
		t.Errorf("invalid document: %v", err)
	}
	text, _, err := decodeSource("x", data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := noSpace(strings.Join(d.Verbatim(), "")), noSpace(text); got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("text lost or changed at character %d:\n model: %.60q\nsource: %.60q", utf8.RuneCountInString(want[:i]), got[i:], want[i:])
	}
	for _, c := range []struct {
		name   string
		encode func(*bytes.Buffer) error
		decode func(*bytes.Buffer) (*declaration.Document, error)
	}{
		{"yaml", func(b *bytes.Buffer) error { return declaration.EncodeYAML(b, d) }, func(b *bytes.Buffer) (*declaration.Document, error) { return declaration.DecodeYAML(b, "x") }},
		{"json", func(b *bytes.Buffer) error { return declaration.EncodeJSON(b, d) }, func(b *bytes.Buffer) (*declaration.Document, error) { return declaration.DecodeJSON(b, "x") }},
	} {
		var buf bytes.Buffer
		if err := c.encode(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := c.decode(&buf)
		if err != nil {
			t.Errorf("%s: decoding what we encoded: %v", c.name, err)
		} else if !reflect.DeepEqual(back, d) {
			t.Errorf("%s: the decoded document differs from the encoded one", c.name)
		}
	}
	lines := strings.Split(text, "\n")
	at := func(pos declaration.Pos) string {
		if pos.Line < 1 || pos.Line > len(lines) {
			return ""
		}
		rs := []rune(lines[pos.Line-1])
		if pos.Col < 1 || pos.Col > len(rs)+1 {
			return ""
		}
		return string(rs[pos.Col-1:])
	}
	startsWith := func(what string, pos declaration.Pos, want string) {
		first := noSpace(strings.SplitN(want, "\n", 2)[0])
		if first != "" && !strings.HasPrefix(noSpace(at(pos)), first) {
			t.Errorf("%s at %d:%d: source there is %.30q, want it to start with %.30q", what, pos.Line, pos.Col, at(pos), first)
		}
	}
	for _, bs := range [][]*declaration.Block{d.Front, d.Preamble, d.Closing} {
		for _, b := range bs {
			startsWith("block "+b.ID, b.Pos, b.Markup+b.Label+firstOf(b.Text))
		}
	}
	d.Walk(func(p *declaration.Provision, _ []*declaration.Provision) bool {
		startsWith("provision "+p.ID, p.Pos, firstNonEmpty(p.Markup, p.Label, p.Heading, p.Text))
		return true
	})
	for _, m := range d.Dates {
		startsWith("date "+m.Text, m.Pos, m.Text)
	}
	for _, g := range d.Diagnostics {
		if at(g.Pos) == "" && g.Pos.Col != len([]rune(lines[max(0, min(len(lines), g.Pos.Line)-1)]))+1 {
			t.Errorf("diagnostic %q at %d:%d lies outside the input", g.Message, g.Pos.Line, g.Pos.Col)
		}
	}
}

func firstOf(s string) string { return strings.SplitN(s, "\n", 2)[0] }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestSeedStructure states what the seed's canonical form must show.
func TestSeedStructure(t *testing.T) {
	data, err := os.ReadFile("../fixtures/seed/input.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(bytes.NewReader(data), "input.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Body) != 6 {
		t.Fatalf("%d articles, want 6", len(d.Body))
	}
	for i, a := range d.Body {
		if a.Kind != declaration.Article || a.Number != i+1 {
			t.Errorf("body[%d] = %s %d, want article %d", i, a.Kind, a.Number, i+1)
		}
	}
	art4 := d.Body[3]
	if art4.Text != "为此目的双方决心采取积极和全面的步骤：" || len(art4.Children) != 5 {
		t.Fatalf("article 四: text %q, %d children; want its lead sentence and 5 sections", art4.Text, len(art4.Children))
	}
	for i, sec := range art4.Children {
		if sec.Kind != declaration.Section || sec.Number != i+1 || !strings.HasPrefix(sec.Heading, "在") || len(sec.Children) == 0 {
			t.Errorf("section %d: %s %q heading %q with %d items", i+1, sec.Kind, sec.Label, sec.Heading, len(sec.Children))
		}
		for _, item := range sec.Children {
			if item.Kind != declaration.Item || item.Label != "——" {
				t.Errorf("%s: kind %s label %q, want an item ——", item.ID, item.Kind, item.Label)
			}
		}
	}
	if cont := art4.Children[4].Children[3].Text; !strings.Contains(cont, "\n从本地区多样化的实际出发") {
		t.Errorf("the paragraph 从本地区… must continue the item before it, got %.40q", cont)
	}
	for _, n := range []int{4, 5} {
		a := d.Body[n]
		if len(a.Children) != 1 || a.Children[0].Kind != declaration.Paragraph || !strings.HasPrefix(a.Children[0].Text, "哈方") {
			t.Errorf("article %d: want its second paragraph (哈方…) as a paragraph child", n+1)
		}
	}
	want := struct {
		pub  declaration.Publication
		disp declaration.Dispatch
	}{
		declaration.Publication{Headline: "中国—哈萨克斯坦联合声明", Date: "1995-09-13", Page: 4, Section: "要闻"},
		declaration.Dispatch{Text: "新华社北京９月１２日电", Agency: "新华社", Place: "北京", Date: &declaration.Date{Text: "９月１２日", ISO: "1995-09-12", YearInferred: true}},
	}
	if !reflect.DeepEqual(*d.Publication, want.pub) {
		t.Errorf("publication = %+v", *d.Publication)
	}
	if !reflect.DeepEqual(*d.Dispatch, want.disp) {
		t.Errorf("dispatch = %+v", *d.Dispatch)
	}
	if d.Signed == nil || d.Signed.Date.ISO != "1995-09-11" || d.Signed.Place != "北京" {
		t.Errorf("signed = %+v", d.Signed)
	}
	wantSig := []declaration.Signatory{{Name: "江泽民", Role: "国家主席", Party: "中华人民共和国"}, {Name: "纳扎尔巴耶夫", Role: "哈萨克斯坦总统", Party: "哈萨克斯坦共和国"}}
	if !reflect.DeepEqual(d.Signatories, wantSig) {
		t.Errorf("signatories = %+v", d.Signatories)
	}
	if !reflect.DeepEqual(d.Parties, []string{"中华人民共和国", "哈萨克斯坦共和国"}) {
		t.Errorf("parties = %v", d.Parties)
	}
	if len(d.DefinedTerms) != 1 || d.DefinedTerms[0].Term != "双方" || d.DefinedTerms[0].At != "art_1" {
		t.Errorf("defined terms = %+v", d.DefinedTerms)
	}
	dated := map[string]string{
		"中哈建交公报": "1992-01", "联合公报": "1992-02", "中哈友好关系基础联合声明": "1993-10",
		"中华人民共和国和哈萨克斯坦共和国关于中哈国界的协定": "1994-04-26", "不扩散核武器条约": "",
	}
	for _, r := range d.References {
		iso, ok := dated[r.Title]
		if !ok {
			continue
		}
		delete(dated, r.Title)
		if got := ""; r.Date != nil {
			got = r.Date.ISO
			if got != iso {
				t.Errorf("reference %s dated %s, want %s", r.Title, got, iso)
			}
		} else if iso != "" {
			t.Errorf("reference %s has no date, want %s", r.Title, iso)
		}
	}
	if len(dated) > 0 {
		t.Errorf("references missing: %v", dated)
	}
	var noClosing bool
	for _, g := range d.Diagnostics {
		noClosing = noClosing || g.Code == "no-closing" && strings.Contains(g.Message, "六")
	}
	if !noClosing {
		t.Errorf("no diagnostic that the text ends after article 六 without a closing: %+v", d.Diagnostics)
	}
}

func TestEncodings(t *testing.T) {
	for _, name := range []string{"encoding-gb18030", "encoding-utf16"} {
		data, err := os.ReadFile(filepath.Join("..", "fixtures", name, "input.txt"))
		if err != nil {
			t.Fatal(err)
		}
		src, err := os.ReadFile(filepath.Join("..", "fixtures", name, "source.utf8.txt"))
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(bytes.NewReader(data), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, want := noSpace(strings.Join(d.Verbatim(), "")), noSpace(string(src)); got != want {
			t.Errorf("%s: decoded text differs from source.utf8.txt", name)
		}
	}
}

func TestBadInput(t *testing.T) {
	for _, c := range []struct {
		name  string
		input []byte
		want  string
	}{
		{"empty", nil, "x: empty input"},
		{"spaces only", []byte(" \n\t\n"), "x: empty input"},
		{"invalid utf-8", []byte("第一条\n双方\xC3(同意"), "x:2:3: invalid UTF-8 byte 0xC3 (and not GB18030 or UTF-16 with a BOM) (byte offset 16)"},
		{"truncated utf-8", []byte("\xEF\xBB\xBF第一条\n双方同意\xE3\x80"), "x:2:5: truncated UTF-8"},
		{"nul", []byte("第一条\x00双方"), "x:1:4: binary data"},
		{"control", []byte("abc\x01def"), "x:1:4: binary data (control character U+0001)"},
		{"odd utf-16", []byte{0xFF, 0xFE, 0x41}, "truncated UTF-16"},
		{"unpaired surrogate", []byte{0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00}, "unpaired surrogate"},
	} {
		_, err := Parse(bytes.NewReader(c.input), "x")
		var pe *Error
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error = %v, want a *parse.Error containing %q", c.name, err, c.want)
		}
	}
}

func TestNewlines(t *testing.T) {
	lf := "### 题\n\n1995-09-13\n第4版(要闻)\n专栏：\n\n    一、双方同意。\n    二、双方重申。\n"
	want, err := Parse(strings.NewReader(lf), "x")
	if err != nil {
		t.Fatal(err)
	}
	for _, nl := range []string{"\r\n", "\r"} {
		got, err := Parse(strings.NewReader(strings.ReplaceAll(lf, "\n", nl)), "x")
		if err != nil {
			t.Fatal(err)
		}
		got.Source, want.Source = declaration.Source{}, declaration.Source{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("newline %q parses differently from LF", nl)
		}
	}
}

// archiveInputs are the inputs of the fixtures laid out as a newspaper
// archive's page (### headline first), by fixture name.
func archiveInputs(t *testing.T) map[string][]byte {
	inputs := map[string][]byte{}
	for _, dir := range fixtureDirs(t) {
		data, err := os.ReadFile(filepath.Join(dir, "input.txt"))
		if err == nil && bytes.HasPrefix(data, []byte("### ")) {
			inputs[filepath.Base(dir)] = data
		}
	}
	if len(inputs) == 0 {
		t.Fatal("no archive fixture")
	}
	return inputs
}

// TestArchiveLayouts: a newspaper archive's page as copied from the web
// may have a blank line after every line, or its headline without the
// Markdown mark. The header (date, page, column), the repeated headline
// and the lead read the same from either.
func TestArchiveLayouts(t *testing.T) {
	layouts := map[string]func([]byte) []byte{
		"blank lines": func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\n\n")) },
		"no ### mark": func(b []byte) []byte { return bytes.TrimPrefix(b, []byte("### ")) },
	}
	for fixture, data := range archiveInputs(t) {
		want, err := Parse(bytes.NewReader(data), "x")
		if err != nil {
			t.Fatal(err)
		}
		if want.Publication == nil {
			t.Fatalf("%s: no archive header in the fixture as it is", fixture)
		}
		for name, layout := range layouts {
			t.Run(fixture+"/"+name, func(t *testing.T) {
				got, err := Parse(bytes.NewReader(layout(data)), "x")
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got.Publication, want.Publication) {
					t.Errorf("publication %+v, want %+v", got.Publication, want.Publication)
				}
				if !reflect.DeepEqual(got.Dispatch, want.Dispatch) {
					t.Errorf("dispatch %+v, want %+v", got.Dispatch, want.Dispatch)
				}
				if got.Title != want.Title || got.Kind != want.Kind {
					t.Errorf("title %q (%s), want %q (%s)", got.Title, got.Kind, want.Title, want.Kind)
				}
			})
		}
	}
}

// TestNewsItemWithoutHeader: a news item copied as plain text, without
// the archive's header (### headline, date, page, column), still has its
// lead read as its dispatch, below a headline of one or more lines, and
// the kind its headline tells.
func TestNewsItemWithoutHeader(t *testing.T) {
	header := regexp.MustCompile(`^(### .*|\d{4}-\d\d-\d\d|第.{1,3}版.*|专栏：.*|\s*)$`)
	for fixture, data := range archiveInputs(t) {
		t.Run(fixture, func(t *testing.T) {
			want, err := Parse(bytes.NewReader(data), "x")
			if err != nil {
				t.Fatal(err)
			}
			if want.Dispatch == nil {
				return // a fixture without a lead has nothing to show here
			}
			lines := strings.Split(string(data), "\n")
			for len(lines) > 0 && header.MatchString(lines[0]) {
				lines = lines[1:]
			}
			got, err := Parse(strings.NewReader(strings.Join(lines, "\n")), "x")
			if err != nil {
				t.Fatal(err)
			}
			if got.Publication != nil {
				t.Fatalf("the header is still there: %+v", got.Publication)
			}
			if got.Dispatch == nil || got.Dispatch.Agency != want.Dispatch.Agency || got.Dispatch.Place != want.Dispatch.Place {
				t.Errorf("dispatch %+v, want agency %q and place %q", got.Dispatch, want.Dispatch.Agency, want.Dispatch.Place)
			}
			if got.Kind != want.Kind {
				t.Errorf("kind %s, want %s as the headline tells", got.Kind, want.Kind)
			}
		})
	}
}

// TestHardWrappedArchive: an archive page whose paragraphs are wrapped
// at 40 characters, each paragraph's first line indented and the lines
// after it not, reads as it does unwrapped: lead, title, kind, signing,
// parties and the top of the provision tree.
func TestHardWrappedArchive(t *testing.T) {
	for fixture, data := range archiveInputs(t) {
		t.Run(fixture, func(t *testing.T) {
			want, err := Parse(bytes.NewReader(data), "x")
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(strings.NewReader(hardWrap(string(data), 40)), "x")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Dispatch, want.Dispatch) {
				t.Errorf("dispatch %+v, want %+v", got.Dispatch, want.Dispatch)
			}
			if got.Title != want.Title || got.Kind != want.Kind {
				t.Errorf("title %q (%s), want %q (%s)", got.Title, got.Kind, want.Title, want.Kind)
			}
			if !reflect.DeepEqual(got.Signed, want.Signed) || !reflect.DeepEqual(got.Parties, want.Parties) {
				t.Errorf("signed %+v and parties %q, want %+v and %q", got.Signed, got.Parties, want.Signed, want.Parties)
			}
			if g, w := topLabels(got), topLabels(want); !slices.Equal(g, w) {
				t.Errorf("top provisions %q, want %q", g, w)
			}
		})
	}
}

// hardWrap wraps every indented line longer than width characters: the
// first line keeps its indent, the lines after it start at the margin.
func hardWrap(text string, width int) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		body := strings.TrimLeft(l, " \u3000")
		rs := []rune(body)
		if body == l || len(rs) <= width {
			out = append(out, l)
			continue
		}
		out = append(out, l[:len(l)-len(body)]+string(rs[:width]))
		for rs = rs[width:]; len(rs) > 0; {
			n := min(width, len(rs))
			out, rs = append(out, string(rs[:n])), rs[n:]
		}
	}
	return strings.Join(out, "\n")
}

func topLabels(d *declaration.Document) []string {
	var labels []string
	for _, p := range d.Body {
		labels = append(labels, p.Label)
	}
	return labels
}

// TestDatelineAboveTitle: a dateline on the first line is not the title:
// the heading under it is; a title that holds a date stays the title.
func TestDatelineAboveTitle(t *testing.T) {
	for _, c := range []struct{ text, title string }{
		{"Wellington, 9 December 1980\n\n## Joint Statement of General Principles\n\n1. The two federations met.\n", "Joint Statement of General Principles"},
		{"[Hobart, 30 September 1980]\n\n## Joint Statement of the Conference\n\nThe meeting agreed.\n", "Joint Statement of the Conference"},
		{"13 April 1982\n\n## MEMORANDUM OF UNDERSTANDING ON DAIRY PRODUCTS\n\n1. The Governments agree.\n", "MEMORANDUM OF UNDERSTANDING ON DAIRY PRODUCTS"},
		{"Joint Communique of 20 June 1962\n\nThe President and the Prime Minister met.\n", "Joint Communique of 20 June 1962"},
	} {
		d, err := Parse(strings.NewReader(c.text), "x")
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != c.title {
			t.Errorf("%q: title %q, want %q", c.text, d.Title, c.title)
		}
	}
}

// TestOwnTitleUnderDateline: under front matter whose title an editor
// gave, the text's own title is found past a dateline and a heading in
// title case above it; a title line right under the dateline is the
// title block, printed once, not a paragraph too.
func TestOwnTitleUnderDateline(t *testing.T) {
	const fm = "---\ntitle: Nareen Statement\n---\n\n"
	d, err := Parse(strings.NewReader(fm+"Canberra, 20 March 1978\n\nJoint Statement\n\nThe Prime Ministers met.\n"), "x")
	if err != nil {
		t.Fatal(err)
	}
	var front []string
	for _, b := range d.Front {
		front = append(front, string(b.Kind)+": "+b.Text)
	}
	want := []string{"subtitle: Canberra, 20 March 1978", "title: Joint Statement"}
	if d.Title != "Joint Statement" || len(front) < 2 || !slices.Equal(front[len(front)-2:], want) {
		t.Errorf("title %q, front %q, want the front to end %q", d.Title, front, want)
	}
	for _, b := range d.Preamble {
		if b.Text == "Joint Statement" {
			t.Errorf("the title line is a paragraph of the preamble too")
		}
	}
	d, err = Parse(strings.NewReader(fm+"13 April 1982\n\nAustralia- New Zealand Closer Economic Relations\n\nMEMORANDUM OF UNDERSTANDING ON DAIRY PRODUCTS\n\n1. The Governments agree.\n"), "x")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "MEMORANDUM OF UNDERSTANDING ON DAIRY PRODUCTS" {
		t.Errorf("title %q, want the memorandum's own", d.Title)
	}
	for _, c := range []struct{ text, title string }{
		{"[22 April 1982]1\n\nAgreed Minutes of Meetings of Australian and New Zealand Permanent Heads\n\nIn their discussions the Heads agreed.\n", "Agreed Minutes of Meetings of Australian and New Zealand Permanent Heads"},
		{"Dear Sir,\n\nI have the honour to refer to our talks.\n", "Nareen Statement"}, // a salutation is no heading
	} {
		d, err := Parse(strings.NewReader(fm+c.text), "x")
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != c.title {
			t.Errorf("%q: title %q, want %q", c.text, d.Title, c.title)
		}
	}
}

// TestASCIIPunctuation: Chinese typed with ASCII punctuation (. , : ;
// for 。，：；) has the same top provisions and closing: items run inline
// after a full stop, a closing formula ends with one.
func TestASCIIPunctuation(t *testing.T) {
	ascii := strings.NewReplacer("。", ".", "，", ",", "：", ":", "；", ";")
	for _, dir := range fixtureDirs(t) {
		data, err := os.ReadFile(filepath.Join(dir, "input.txt"))
		if err != nil || !hasHan(string(data)) {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want, err := Parse(bytes.NewReader(data), "x")
			if err != nil {
				return // a fixture of bad input
			}
			got, err := Parse(strings.NewReader(ascii.Replace(string(data))), "x")
			if err != nil {
				t.Fatal(err)
			}
			if g, w := topLabels(got), topLabels(want); !slices.Equal(g, w) {
				t.Errorf("top provisions %q, want %q", g, w)
			}
			if len(got.Closing) != len(want.Closing) {
				t.Errorf("%d closing blocks, want %d", len(got.Closing), len(want.Closing))
			}
		})
	}
}

// TestArticleNumbersInCapitals: ARTICLE 1. on a line of its own is an
// article, as ARTICLE I. is, not a side heading ARTICLE over an item 1.;
// a side heading in capitals run into a numbered provision stays one.
func TestArticleNumbersInCapitals(t *testing.T) {
	for _, c := range []struct {
		text string
		top  []string
	}{
		{"The Parties agree.\n\nARTICLE 1.\n\nThey settle disputes.\n\nARTICLE 2.\n\nThey keep the peace.\n", []string{"ARTICLE 1.", "ARTICLE 2."}},
		{"The Parties agree.\n\nARTICLE I.\n\nThey settle disputes.\n\nARTICLE II.\n\nThey keep the peace.\n", []string{"ARTICLE I.", "ARTICLE II."}},
		{"The Parties agree.\n\nGENERAL PROVISIONS 1. They settle disputes.\n\n2. They keep the peace.\n", []string{""}},
	} {
		d, err := Parse(strings.NewReader(c.text), "x")
		if err != nil {
			t.Fatal(err)
		}
		if got := topLabels(d); !slices.Equal(got, c.top) {
			t.Errorf("%q: top provisions %q, want %q", c.text, got, c.top)
		}
	}
}

// TestNumeralFullStop: 一、 typed as 一． or 一. is the same marker; a
// number with a decimal point (四三．○○, a price) is none.
func TestNumeralFullStop(t *testing.T) {
	for _, c := range []struct {
		text, label string
		n           int
	}{
		{"一、总则", "一、", 1}, {"二．组织", "二．", 2}, {"十二.附则", "十二.", 12}, {"一.一般存户凭折存取", "一.", 1},
		{"四三．○○净棉", "", 0}, {"二．五元", "二．", 2}, {"五六．七八", "", 0}, {"三.5", "", 0},
	} {
		st, label, n, ok := findMarker(c.text)
		if c.label == "" {
			if ok {
				t.Errorf("%q: marker %q of %s, want none", c.text, label, st.name)
			}
			continue
		}
		if !ok || st.name != "cn-dun" || label != c.label || n != c.n {
			t.Errorf("%q: marker %q (%d, %v), want %q (%d) of cn-dun", c.text, label, n, ok, c.label, c.n)
		}
	}
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "seed", "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Parse(bytes.NewReader(data), "x")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(strings.NewReader(strings.ReplaceAll(string(data), "、", "．")), "x")
	if err != nil {
		t.Fatal(err)
	}
	if g, w := len(got.Body), len(want.Body); g != w || g == 0 {
		t.Errorf("the seed with 一． for 一、 has %d top provisions, want %d", g, w)
	}
}

// TestMoreNumberingForms: numbers and letters closed by a parenthesis
// only (1) a) １）), and Art. for Article, number provisions as their
// other forms do; a word before a parenthesis or a number run on is none.
func TestMoreNumberingForms(t *testing.T) {
	for _, c := range []struct {
		text string
		top  []string
		sub  []string // the second top provision's children
	}{
		{"The Parties agree as follows:\n\n1) They settle disputes.\n\n2) They keep the peace:\n\na) by talks;\n\nb) by courts.\n\n3) They meet.\n", []string{"1)", "2)", "3)"}, []string{"a)", "b)"}},
		{"双方同意：\n\n1）互相尊重。\n\n2）互不侵犯：（1）不动武；（2）不威胁。\n", []string{"1）", "2）"}, []string{"（1）", "（2）"}},
		{"The Parties agree.\n\nArt. 1. They settle disputes.\n\nArt. 2. They keep the peace:\n\n(a) by talks;\n\n(b) by courts.\n", []string{"Art. 1.", "Art. 2."}, []string{"(a)", "(b)"}},
		{"The Parties agree.\n\nart) is a word.\n\n2)x is no marker.\n", nil, nil}, // no provision: the text is all preamble
	} {
		d, err := Parse(strings.NewReader(c.text), "x")
		if err != nil {
			t.Fatal(err)
		}
		got := topLabels(d)
		var sub []string
		if len(d.Body) > 1 {
			for _, ch := range d.Body[1].Children {
				sub = append(sub, ch.Label)
			}
		}
		if !slices.Equal(got, c.top) || !slices.Equal(sub, c.sub) {
			t.Errorf("%q: top %q and under the second %q, want %q and %q", c.text, got, sub, c.top, c.sub)
		}
	}
}

// TestTraditionalForms: a text in traditional characters has its lead
// (新華社…電), the signing it reports (國家主席…在北京簽署) and a closing
// place (…於北京) read as in simplified ones.
func TestTraditionalForms(t *testing.T) {
	const text = "　　中哈聯合聲明\n　　新華社北京９月１２日電　國家主席江澤民和哈薩克斯坦總統納扎爾巴耶夫９月１１日在北京簽署了聯合聲明。\n　　一、雙方同意。\n　　二、雙方重申。\n　　一九九五年九月十一日於北京\n"
	d, err := Parse(strings.NewReader(text), "x")
	if err != nil {
		t.Fatal(err)
	}
	if d.Dispatch == nil || d.Dispatch.Agency != "新華社" || d.Dispatch.Place != "北京" {
		t.Errorf("dispatch %+v, want 新華社 in 北京", d.Dispatch)
	}
	var signers []string
	for _, s := range d.Signatories {
		signers = append(signers, s.Role+" "+s.Name)
	}
	if want := []string{"國家主席 江澤民", "哈薩克斯坦總統 納扎爾巴耶夫"}; !slices.Equal(signers, want) {
		t.Errorf("signatories %q, want %q", signers, want)
	}
	if d.Signed == nil || d.Signed.Place != "北京" {
		t.Errorf("signed %+v, want in 北京", d.Signed)
	}
	var closing string
	for _, b := range d.Closing {
		closing += b.Text
	}
	if !strings.Contains(closing, "一九九五年九月十一日於北京") {
		t.Errorf("closing %q, want the place and date line", closing)
	}
}

func FuzzParse(f *testing.F) {
	for _, dir := range fixtureDirs(f) {
		if data, err := os.ReadFile(filepath.Join(dir, "input.txt")); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("一、甲：（１）乙；（２）丙。\n——丁；\n戊\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(bytes.NewReader(data), "fuzz")
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if pe.Offset > len(data) || pe.Pos.Line > bytes.Count(data, []byte("\n"))+bytes.Count(data, []byte("\r"))+1 {
				t.Fatalf("error position outside the input: %v", err)
			}
			return
		}
		checkInvariants(t, data, d)
	})
}

// BenchmarkParse parses every corpus file, from bytes already in memory
// as the batch runner hands them over (ParseBytes); b.SetBytes gives
// MB/s.
func BenchmarkParse(b *testing.B) {
	var inputs [][]byte
	total := 0
	files, _ := filepath.Glob(filepath.Join(testfiles.CorpusDir(b), "*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, data)
		total += len(data)
	}
	b.SetBytes(int64(total))
	for b.Loop() {
		for _, data := range inputs {
			if _, err := ParseBytes(data, "x"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestStableIDs edits one article of the seed and checks that the IDs
// elsewhere do not move: they come from numbering, not from positions.
func TestStableIDs(t *testing.T) {
	data, err := os.ReadFile("../fixtures/seed/input.txt")
	if err != nil {
		t.Fatal(err)
	}
	ids := func(src string) map[string]string {
		d, err := Parse(strings.NewReader(src), "input.txt")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		d.Walk(func(p *declaration.Provision, _ []*declaration.Provision) bool {
			m[p.ID] = p.Text
			return true
		})
		return m
	}
	before := ids(string(data))
	for name, edit := range map[string]func(string) string{
		"longer article": func(s string) string {
			return strings.Replace(s, "巨大的潜力。", "巨大的潜力。双方还同意加强磋商。", 1)
		},
		"extra paragraph in an article": func(s string) string {
			return strings.Replace(s, "把两国关系提高到崭新水平。\n", "把两国关系提高到崭新水平。\n    双方对此表示满意。\n", 1)
		},
		"extra item in a section": func(s string) string {
			return strings.Replace(s, "    （二）在经贸领域\n", "    ——加强两国议会交往；\n    （二）在经贸领域\n", 1)
		},
	} {
		src := edit(string(data))
		if src == string(data) {
			t.Fatalf("%s: the edit did not apply", name)
		}
		after := ids(src)
		for id, text := range before {
			if _, ok := after[id]; !ok {
				t.Errorf("%s: id %s disappeared", name, id)
			} else if after[id] != text && !strings.HasPrefix(id, "art_2") && !strings.HasPrefix(id, "art_3") && id != "art_4__sec_1" {
				t.Errorf("%s: the provision with id %s changed text", name, id)
			}
		}
	}
}

func TestDates(t *testing.T) {
	p := &parser{doc: &declaration.Document{}, refYear: 1995, refMonth: 9, refDay: 13}
	for text, want := range map[string]string{
		"１９９２年１月发表":                          "1992-01",
		"一九九五年九月十一日于北京":                      "1995-09-11",
		"二○○一年":                              "2001",
		"1948 年 12 月 10 日":                   "1948-12-10",
		"９月１１日在北京":                           "1995-09-11",
		"Done at Canberra on 3 March 1962":   "1962-03-03",
		"this twelfth day of September 1960": "1960-09-12",
		"the twenty-first day of July, 1947": "1947-07-21",
		"March 3, 1962":                      "1962-03-03",
		"一九九五年十三月":                           "",
		"DONE at Geneva the twenty-fifth day of September, one thousand nine hundred and twenty-six": "1926-09-25",
		"DATED this twenty-first day of January, One thousand nine hundred and forty-four.":          "1944-01-21",
		"DONE at Washington, the fourth day of April, 1949":                                          "1949-04-04",
		"appointed on June 12th, 1924;":                                                              "1924-06-12",
		"made effective in May, 1957, and":                                                           "1957-05",
		"民国三十五年五月三日":                                                                                 "1946-05-03",
		"自一千八百四十年以来":                                                                                 "1840",
		"十月一日":                                                                                       "", // later than the reference month: the year may be the one before
		// English dates read by hand around month names (english.go)
		"met on 28th of May":         "1995-05-28",
		"on Wednesday, May 3rd.":     "1995-05-03",
		"on Monday 3 May":            "", // 3 May 1995 was a Wednesday: the year is not that one
		"SIGNED 3 MAY 1960":          "1960-05-03",
		"May 3 1960":                 "1960-05-03",
		"the 3RD DAY OF MAY, 1960":   "1960-05-03",
		"Article 3 may be amended":   "",
		"3 mAy":                      "",
		"ref 123 May 1990":           "1990-05", // no day: 123 is no day of a month
		"since May 12345":            "",
		"the forty-first day of May": "",
	} {
		ms := p.findDates(text)
		got := ""
		if len(ms) > 0 {
			got = ms[0].date.ISO
		}
		if got != want {
			t.Errorf("%q: iso %q, want %q", text, got, want)
		}
	}
}

// TestStatuteNesting: items under an article stay under it, however deep
// the chapter and section above are, and after items seen at another depth;
// a further paragraph (款) that ends with a colon holds the items after it.
func TestStatuteNesting(t *testing.T) {
	src := "第一章　总则\n\n第一条　国家实行下列制度：\n\n（一）甲；\n\n（二）乙。\n\n第二章　机构\n\n第一节　议会\n\n第二条　议会行使下列职权：\n\n（一）立法；\n\n（二）监督。\n\n第三条　议会每届任期五年。\n\n第四条　议员按照下列程序产生：\n\n（一）选举；\n\n（二）确认。\n\n下列人员不得为议员：\n\n（一）法官；\n\n（二）军人。\n"
	d, err := Parse(strings.NewReader(src), "law.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	d.Walk(func(p *declaration.Provision, _ []*declaration.Provision) bool {
		got = append(got, p.ID+" "+string(p.Kind))
		return true
	})
	want := []string{
		"chp_1 chapter", "chp_1__art_1 article", "chp_1__art_1__item_1 item", "chp_1__art_1__item_2 item",
		"chp_2 chapter", "chp_2__sec_1 section", "chp_2__sec_1__art_2 article",
		"chp_2__sec_1__art_2__item_1 item", "chp_2__sec_1__art_2__item_2 item", "chp_2__sec_1__art_3 article",
		"chp_2__sec_1__art_4 article", "chp_2__sec_1__art_4__item_1 item", "chp_2__sec_1__art_4__item_2 item",
		"chp_2__sec_1__art_4__para_1 paragraph", "chp_2__sec_1__art_4__para_1__item_1 item", "chp_2__sec_1__art_4__para_1__item_2 item",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tree:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(d.Diagnostics) > 0 {
		t.Errorf("a list that starts again after a paragraph is no numbering error: %+v", d.Diagnostics)
	}
}

// TestManyDiagnostics: a flood of problems is cut at maxDiagnostics, with
// one more diagnostic saying how many were left out.
func TestManyDiagnostics(t *testing.T) {
	d, err := Parse(strings.NewReader("一、"+strings.Repeat("（", 5000)+"\n"), "x")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(d.Diagnostics); n != maxDiagnostics+1 {
		t.Fatalf("%d diagnostics, want %d", n, maxDiagnostics+1)
	}
	if last := d.Diagnostics[maxDiagnostics]; last.Code != "too-many-diagnostics" || !strings.Contains(last.Message, "4001 more") { // 5,000 brackets and the truncated text
		t.Errorf("last diagnostic = %+v", last)
	}
}

// BenchmarkParseHostile parses inputs built to be slow: one long line full
// of dates, of unclosed brackets, of inline items, 100,000 short
// articles, and one paragraph hard-wrapped over 20,000 lines. ns/B should
// stay near BenchmarkParse's: no input is quadratic.
func BenchmarkParseHostile(b *testing.B) {
	var items, articles strings.Builder
	for i := 1; i <= 20000; i++ {
		fmt.Fprintf(&items, "（%d）项目；", i)
	}
	for i := 1; i <= 100000; i++ {
		fmt.Fprintf(&articles, "第%d条 内容。\n", i)
	}
	for _, c := range []struct{ name, text string }{
		{"dates", "一、" + strings.Repeat("１９９２年１月，", 100000)},
		{"brackets", "一、" + strings.Repeat("（", 100000)},
		{"inline-items", "一、总则：" + items.String()},
		{"articles", articles.String()},
		{"wrapped", "Article 1\n\n" + strings.Repeat("the Parties shall consult each other on matters\n", 20000)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				if _, err := Parse(strings.NewReader(c.text), "x"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestTextRunsOn: a provision whose text runs on past a sentence end into
// a footnote line is reported, and one that does not is not.
func TestTextRunsOn(t *testing.T) {
	for src, want := range map[string]bool{
		"Article 1\n\nThe Parties shall consult.\n[1] See the exchange of notes.\n":          true,
		"Article 1\n\nThe Parties shall consult each other\non matters of common concern.\n": false,
	} {
		d, err := Parse(strings.NewReader(src), "runs-on.txt")
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, g := range d.Diagnostics {
			got = got || g.Code == "text-runs-on"
		}
		if got != want {
			t.Errorf("%q: text-runs-on reported %v, want %v (%v)", src, got, want, d.Diagnostics)
		}
	}
}

// TestSignatureLines: what one line of a signature block gives.
func TestSignatureLines(t *testing.T) {
	for line, want := range map[string]string{
		"中共东海区党委敬贺":                         "中共东海区党委",
		"为人民利益而奋斗到底":                        "",
		"_":                                 "",
		"Yours faithfully":                  "",
		"Minister for Trade 6th July, 1957": "role Minister for Trade",
		"ANNA KOLLIAS JOHN SMITH P. Q. MARROS ED. J. VANCE LEO D'ARCY": "ANNA KOLLIAS|JOHN SMITH|P. Q. MARROS|ED. J. VANCE|LEO D'ARCY",
	} {
		p := &parser{doc: &declaration.Document{}, refYear: 1957, refMonth: 7, refDay: 6}
		p.signatureLine(line, &signatureState{})
		var got []string
		for _, s := range p.doc.Signatories {
			if s.Name == "" {
				got = append(got, "role "+s.Role)
			} else {
				got = append(got, s.Name)
			}
		}
		if g := strings.Join(got, "|"); g != want {
			t.Errorf("%q: got %q, want %q", line, g, want)
		}
	}
}

// TestAttachmentHeading: the headings that start an attachment, and the
// lines that only look like one.
func TestAttachmentHeading(t *testing.T) {
	for line, want := range map[string]string{
		"附件一：":                        "附件一： 1",
		"附：":                          "附： 0",
		"附件2　口岸名单":                    "附件2 2 口岸名单",
		"ANNEX I":                     "ANNEX I 1",
		"Schedule 3":                  "Schedule 3 3",
		"ANNEX: TEXT OF THE PROTOCOL": "ANNEX: 0 TEXT OF THE PROTOCOL",
		"Annex to the note":           "",
		"SCHEDULED MEETINGS":          "",
		"附近地区的居民":                     "",
		"附件所列的物品，由海关查验。": "",
	} {
		label, n, title, ok := attachmentHeading(line)
		got := ""
		if ok {
			got = strings.TrimSpace(fmt.Sprintf("%s %d %s", strings.TrimSpace(label), n, title))
		}
		if got != want {
			t.Errorf("%q: got %q, want %q", line, got, want)
		}
	}
}

// TestYearsAfterPreposition: an English year written alone is a date only
// after a preposition and not as part of another number.
func TestYearsAfterPreposition(t *testing.T) {
	for text, want := range map[string]int{
		"The Agreement was signed in 1965, and trade grew.": 1,
		"Since 1945. Then in 2001.":                         2,
		"a rise of 1965% in 1999":                           1,
		"from 1,965 tonnes by 1965.5 units":                 0,
		"in the 1960s":                                      0,
		"Article 1965 applies":                              0,
	} {
		if got := len(yearsAfterPreposition(text)); got != want {
			t.Errorf("%q: %d years, want %d", text, got, want)
		}
	}
}
