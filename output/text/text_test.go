package text

import (
	"bytes"
	"fmt"
	"github.com/declconv/declconv/internal/testdocs"
	"github.com/declconv/declconv/internal/testfiles"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/linebreak"
)

// sampleZh is a joint statement shaped like those of the corpus, with our
// own text: archive header, lead, title, preamble, a three-level provision
// tree, an unlabelled paragraph, signatures, place and date, a note.
func sampleZh() *declaration.Document {
	d := &declaration.Document{
		Schema:      declaration.SchemaVersion,
		Source:      declaration.Source{Name: "sample-zh.txt", Encoding: "utf-8"},
		Publication: &declaration.Publication{Headline: "中国—甲国联合声明", Date: "2001-05-20", Page: 3, Section: "要闻"},
		Dispatch: &declaration.Dispatch{Text: "新华社北京５月１９日电", Agency: "新华社", Place: "北京",
			Date: &declaration.Date{Text: "５月１９日", ISO: "2001-05-19", YearInferred: true}},
		Title:    "中华人民共和国和甲国关于进一步加强全面合作的联合声明",
		Kind:     declaration.JointStatement,
		Language: "zh-Hans",
		Parties:  []string{"中华人民共和国", "甲国"},
		Signed:   &declaration.Signing{Date: &declaration.Date{Text: "二○○一年五月二十日", ISO: "2001-05-20"}, Place: "北京"},
		Front: []*declaration.Block{
			{Kind: declaration.Headline, Markup: "###", Text: "中国—甲国联合声明"},
			{Kind: declaration.IssueDate, Text: "2001-05-20"},
			{Kind: declaration.PageLine, Text: "第3版(要闻)"},
			{Kind: declaration.ColumnLine, Text: "专栏："},
			{Kind: declaration.Lead, Text: "新华社北京５月１９日电　国家主席和甲国总统今天在北京签署了两国关于进一步加强全面合作的联合声明。声明全文如下："},
			{Kind: declaration.TitleBlock, Text: "中华人民共和国和甲国关于进一步加强全面合作的联合声明"},
		},
		Preamble: []*declaration.Block{
			{Kind: declaration.Para, Text: "应中华人民共和国主席的邀请，甲国总统于２００１年５月１７日至２０日对中国进行了国事访问。双方在友好、坦诚的气氛中就双边关系和共同关心的国际问题深入交换了意见，达成了广泛共识。"},
		},
		Body: []*declaration.Provision{
			{Kind: declaration.Article, Label: "一、", Number: 1, Text: "双方一致认为，发展长期稳定的睦邻友好关系，符合两国人民的根本利益，也有利于本地区的和平与发展。"},
			{Kind: declaration.Article, Label: "二、", Number: 2, Text: "为此目的，双方决定采取以下步骤：", Children: []*declaration.Provision{
				{Kind: declaration.Section, Label: "（一）", Number: 1, Heading: "在政治领域", Children: []*declaration.Provision{
					{Kind: declaration.Item, Label: "——", Text: "保持两国领导人经常会晤，加强各级政府部门、立法机构和政党之间的交往与对话；"},
					{Kind: declaration.Item, Label: "——", Text: "严格遵守１９９９年１１月３日签署的《边界协定》，本着平等协商、互谅互让的精神解决遗留问题；"},
				}},
				{Kind: declaration.Section, Label: "（二）", Number: 2, Heading: "在经济领域", Children: []*declaration.Provision{
					{Kind: declaration.Item, Label: "——", Text: "扩大贸易规模，优化贸易结构，力争到２００５年使双边贸易额达到１０亿美元……"},
				}},
			}},
			{Kind: declaration.Article, Label: "三、", Number: 3, Text: "本声明于２００１年５月２０日在北京签署，用中文和甲文写成，两种文本同等作准。", Children: []*declaration.Provision{
				{Kind: declaration.Paragraph, Text: "双方商定，本声明的执行情况由两国外交部每年进行一次评估。"},
			}},
		},
		Closing: []*declaration.Block{
			{Kind: declaration.Signature, Text: "中华人民共和国主席          甲国总统\n（签字）          （签字）"},
			{Kind: declaration.PlaceDate, Text: "二○○一年五月二十日于北京"},
			{Kind: declaration.Note, Label: "附注：", Text: "本文据新华社电讯稿刊印。"},
		},
	}
	d.AssignIDs()
	return d
}

// sampleEn is an English treaty with our own text: articles, lettered
// points, a heading, a Markdown heading and a place-and-date line.
func sampleEn() *declaration.Document {
	d := &declaration.Document{
		Schema:   declaration.SchemaVersion,
		Source:   declaration.Source{Name: "sample-en.txt", Encoding: "utf-8"},
		Title:    "Agreement on Scientific Cooperation",
		Kind:     declaration.Agreement,
		Language: "en",
		Parties:  []string{"Australia", "New Zealand"},
		Signed:   &declaration.Signing{Date: &declaration.Date{Text: "12 July 1961", ISO: "1961-07-12"}, Place: "Canberra"},
		Front: []*declaration.Block{
			{Kind: declaration.FrontMatter, Text: "---\ntitle: Agreement on Scientific Cooperation\n---"},
			{Kind: declaration.TitleBlock, Markup: "##", Text: "AGREEMENT ON SCIENTIFIC COOPERATION"},
		},
		Preamble: []*declaration.Block{
			{Kind: declaration.Recital, Text: "Desiring to strengthen the ties of friendship between their peoples and to promote cooperation in science and technology for peaceful purposes,"},
			{Kind: declaration.Para, Text: "Have agreed as follows:"},
		},
		Body: []*declaration.Provision{
			{Kind: declaration.Article, Label: "ARTICLE I.", Number: 1, Heading: "OBJECTIVES", Text: "The Parties shall encourage and facilitate the development of scientific and technological cooperation on the basis of equality and mutual benefit."},
			{Kind: declaration.Article, Label: "ARTICLE II.", Number: 2, Text: "Cooperation under this Agreement may include:", Children: []*declaration.Provision{
				{Kind: declaration.Point, Label: "(a)", Number: 1, Text: "the exchange of scientists, researchers and technical experts;"},
				{Kind: declaration.Point, Label: "(b)", Number: 2, Text: "joint research projects in fields such as agriculture, oceanography (including Antarctic research), and public health; and"},
				{Kind: declaration.Point, Label: "(c)", Number: 3, Text: "any other form of cooperation agreed upon by the Parties."},
			}},
		},
		Closing: []*declaration.Block{
			{Kind: declaration.PlaceDate, Text: "Done at Canberra on 12 July 1961."},
			{Kind: declaration.Signature, Text: "For Australia:          For New Zealand:"},
		},
	}
	d.AssignIDs()
	return d
}

func write(t testing.TB, w Writer, d *declaration.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := w.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// golden compares got with the file at path, or rewrites it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if testfiles.Updating() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update and read the diff):\n%s", path, testfiles.Diff(string(want), got))
	}
}

// checkOutput checks the promises of Write: a header ending in a rule as
// wide as the text, then exactly the document's verbatim text, whitespace
// aside; no line wider than the width unless linebreak had to let it be;
// no trailing whitespace; no two blank lines in a row; a final newline.
func checkOutput(t *testing.T, d *declaration.Document, width int, out string) {
	t.Helper()
	header, body := SplitHeader(out)
	if header == "" {
		t.Fatalf("no header rule in output:\n%s", out)
	}
	if rule := strings.Repeat(string(Rule), width) + "\n"; !strings.HasSuffix(header, rule) {
		t.Errorf("header does not end with a rule %d wide:\n%s", width, header)
	}
	if got, want := testfiles.NonSpace(body), testfiles.NonSpace(d.Verbatim()...); !slices.Equal(got, want) {
		g, w := strings.Join(got, ""), strings.Join(want, "")
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Fatalf("body is not the verbatim text: they part at byte %d:\n got …%q\nwant …%q", i, g[i:min(len(g), i+60)], w[i:min(len(w), i+60)])
	}
	if !strings.HasSuffix(out, "\n") {
		t.Error("output does not end with a newline")
	}
	if strings.Contains(out, "\n\n\n") {
		t.Error("output has two blank lines in a row")
	}
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.TrimRightFunc(l, unicode.IsSpace) != l {
			t.Errorf("line %d %q ends with whitespace", i+1, l)
		}
		if w := columns(l); w > width {
			// Allowed only where linebreak lets a line overflow: a closing
			// mark hanging, or a piece that cannot be cut (such as a long
			// word on a narrow line, or an indent wider than the text).
			s := strings.TrimLeft(l, " ")
			if ls := linebreak.Lines(s, float64(columns(s)-1), float64(columns(s)-1), linebreak.Columns); len(ls) > 1 {
				t.Errorf("line %d is %d columns wide, more than %d: %q", i+1, w, width, l)
			}
		}
	}
}

func TestWrite(t *testing.T) {
	for _, c := range []struct {
		name  string
		doc   *declaration.Document
		width int
	}{
		{"sample-zh", sampleZh(), 0},
		{"sample-zh-40", sampleZh(), 40},
		{"sample-en", sampleEn(), 60},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := write(t, Writer{Width: c.width}, c.doc)
			checkOutput(t, c.doc, cmp(c.width, DefaultWidth), out)
			golden(t, filepath.Join("testdata", c.name+".txt"), out)
			if again := write(t, Writer{Width: c.width}, c.doc); again != out {
				t.Error("a second run gave different output")
			}
		})
	}
}

// cmp is w, or def when w is zero or less.
func cmp(w, def int) int {
	if w <= 0 {
		return def
	}
	return w
}

// TestLayout pins the layout rules on the Chinese sample.
func TestLayout(t *testing.T) {
	const width = 80
	out := write(t, Writer{}, sampleZh())
	header, body := SplitHeader(out)
	lines := strings.Split(body, "\n")
	find := func(prefix string) (int, string) {
		t.Helper()
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimLeft(l, " "), prefix) {
				return i, l
			}
		}
		t.Fatalf("no line starts with %q in\n%s", prefix, body)
		return 0, ""
	}
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

	hl := strings.Split(header, "\n")
	if title := hl[0]; indent(title) != (width-columns(strings.TrimSpace(title)))/2 {
		t.Errorf("title not centred: %q", title)
	}
	for _, want := range []string{"2001-05-20 第3版 要闻", "新华社 北京 2001-05-19", "签署：2001-05-20 北京", "各方：中华人民共和国、甲国"} {
		if !slices.Contains(hl, want) {
			t.Errorf("header lacks %q:\n%s", want, header)
		}
	}
	if lines[0] != "" || lines[1] != "### 中国—甲国联合声明" {
		t.Errorf("body should start with a blank line and the headline, got %q", lines[:2])
	}
	if _, l := find("中华人民共和国和甲国关于"); indent(l) != (width-columns(strings.TrimSpace(l)))/2 {
		t.Errorf("title block not centred: %q", l)
	}
	if _, l := find("应中华人民共和国主席"); indent(l) != 2 {
		t.Errorf("paragraph without a first-line indent of 2: %q", l)
	}
	i, l := find("一、双方一致认为")
	if indent(l) != 0 || lines[i-1] != "" {
		t.Errorf("article 一 should start at column 0 after a blank line: %q", l)
	}
	if next := lines[i+1]; indent(next) != columns("一、") {
		t.Errorf("wrapped line of article 一 does not hang after its label: %q", next)
	}
	if _, l := find("（一）在政治领域"); indent(l) != 2 {
		t.Errorf("section （一） should be indented 2: %q", l)
	}
	i, l = find("——严格遵守")
	if indent(l) != 4 {
		t.Errorf("item —— should be indented 4: %q", l)
	}
	if next := lines[i+1]; indent(next) != 4+columns("——") {
		t.Errorf("wrapped line of an item does not hang after its label: %q", next)
	}
	if _, l := find("双方商定"); indent(l) != columns("三、")+2 {
		t.Errorf("unlabelled paragraph of article 三 should be set under its text, with a first-line indent of 2: %q", l)
	}
	for _, s := range []string{"中华人民共和国主席", "（签字）", "二○○一年五月二十日于北京"} {
		if _, l := find(s); columns(l) != width {
			t.Errorf("%q is not flush right: %q (%d columns)", s, l, columns(l))
		}
	}
	if _, l := find("附注："); l != "  附注：本文据新华社电讯稿刊印。" {
		t.Errorf("note: %q", l)
	}
	for _, l := range lines {
		if s := strings.TrimLeft(l, " "); strings.HasPrefix(s, "，") || strings.HasPrefix(s, "。") || strings.HasPrefix(s, "、") {
			t.Errorf("line starts with a closing mark: %q", l)
		}
	}
}

func TestJoin(t *testing.T) {
	for _, c := range []struct{ head, text, want string }{
		{"四、", "为此目的", "四、为此目的"},
		{"（一）", "在政治关系方面", "（一）在政治关系方面"},
		{"——", "以和平共处", "——以和平共处"},
		{"第一条", "中华人民共和国", "第一条\u3000中华人民共和国"},
		{"Article 1", "The Parties", "Article 1 The Parties"},
		{"1.", "The Parties", "1. The Parties"},
		{"1.", "中国", "1.中国"},
		{"(a)", "the exchange", "(a) the exchange"},
		{"###", "发刊词", "### 发刊词"},
		{"附注：", "本文", "附注：本文"},
		{"", "text", "text"},
		{"label", "", "label"},
		{"第一条 ", "  中华", "第一条\u3000中华"},
	} {
		if got := join(c.head, c.text); got != c.want {
			t.Errorf("join(%q, %q) = %q, want %q", c.head, c.text, got, c.want)
		}
	}
}

func TestSplitHeader(t *testing.T) {
	for _, c := range []struct{ in, header, body string }{
		{"T\n===\n\nbody\n===\n", "T\n===\n", "\nbody\n===\n"},
		{"===", "===", ""},
		{"no rule\n", "", "no rule\n"},
		{"", "", ""},
	} {
		if h, b := SplitHeader(c.in); h != c.header || b != c.body {
			t.Errorf("SplitHeader(%q) = %q, %q; want %q, %q", c.in, h, b, c.header, c.body)
		}
	}
}

// TestWidths writes the samples at many widths, down to absurdly narrow
// ones, and checks every promise each time.
func TestWidths(t *testing.T) {
	for _, d := range []*declaration.Document{sampleZh(), sampleEn()} {
		for width := 1; width <= 120; width++ {
			out := write(t, Writer{Width: width}, d)
			checkOutput(t, d, width, out)
		}
	}
}

func TestEmptyAndNil(t *testing.T) {
	d := &declaration.Document{Schema: declaration.SchemaVersion, Kind: declaration.Other}
	out := write(t, Writer{Width: 10}, d)
	if out != "==========\n" {
		t.Errorf("empty document gave %q", out)
	}
	if err := (Writer{}).Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil document: no error")
	}
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

func TestWriteError(t *testing.T) {
	if err := (Writer{}).Write(errWriter{}, sampleZh()); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v, want the writer's error", err)
	}
}

// TestFixtures renders every canonical test document (fixtures/*/want.yaml,
// internal/testdocs/testdata/*/want.yaml) and compares it with
// want.txt beside it (go test -update rewrites want.txt).
func TestFixtures(t *testing.T) {
	for _, path := range testfiles.Canonical(t) {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			d := testdocs.Load(t, path)
			out := write(t, Writer{}, d)
			checkOutput(t, d, DefaultWidth, out)
			golden(t, filepath.Join(dir, "want.txt"), out)
		})
	}
}

func BenchmarkWrite(b *testing.B) {
	d := sampleZh()
	// A long document: the sample's body forty times over.
	for range 40 {
		d.Body = append(d.Body, sampleZh().Body...)
	}
	var buf bytes.Buffer
	if err := (Writer{}).Write(&buf, d); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		buf.Reset()
		if err := (Writer{}).Write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRuleInTitle checks that a title made of rule runes cannot end the
// header early.
func TestRuleInTitle(t *testing.T) {
	d := &declaration.Document{Schema: declaration.SchemaVersion, Kind: declaration.Other, Title: "=====",
		Front: []*declaration.Block{{Kind: declaration.FrontMatter, Text: "Title\n====="}}}
	out := write(t, Writer{Width: 20}, d)
	checkOutput(t, d, 20, out)
}

// TestAttachments: an annex follows the closing under a centred line of
// its label and heading, Markdown markup and setext underline kept, and
// every promise of Write still holds at any width.
func TestAttachments(t *testing.T) {
	d := sampleZh()
	d.Attachments = []*declaration.Attachment{
		{Label: "附件一", Heading: "联合委员会议事规则", Body: []*declaration.Provision{
			{Kind: declaration.Article, Label: "一、", Number: 1, Text: "委员会每年举行一次会议，必要时经双方同意可举行特别会议。"},
		}, Closing: []*declaration.Block{{Kind: declaration.Note, Label: "注：", Text: "本附件与声明同时生效。"}}},
		{Markup: "##", Label: "Annex II", Heading: "Contact points", Underline: "==========", Body: []*declaration.Provision{
			{Kind: declaration.Paragraph, Text: "Each Party shall name its contact point."},
		}},
	}
	d.AssignIDs()
	for width := 1; width <= 100; width++ {
		checkOutput(t, d, width, write(t, Writer{Width: width}, d))
	}
	const width = 80
	_, body := SplitHeader(write(t, Writer{}, d))
	lines := strings.Split(body, "\n")
	at := func(s string) int {
		t.Helper()
		for i, l := range lines {
			if strings.TrimSpace(l) == s {
				return i
			}
		}
		t.Fatalf("no line %q in\n%s", s, body)
		return 0
	}
	closing := at("二○○一年五月二十日于北京")
	for _, h := range []string{"附件一　联合委员会议事规则", "## Annex II Contact points", "=========="} {
		i := at(h)
		if i < closing {
			t.Errorf("%q comes before the closing", h)
		}
		if l := lines[i]; len(l)-len(strings.TrimLeft(l, " ")) != (width-columns(h))/2 {
			t.Errorf("%q is not centred: %q", h, l)
		}
	}
	if i := at("附件一　联合委员会议事规则"); lines[i-1] != "" || lines[i+1] != "" {
		t.Error("an attachment's heading line does not stand between blank lines")
	}
	if i := at("一、委员会每年举行一次会议，必要时经双方同意可举行特别会议。"); i < at("附件一　联合委员会议事规则") {
		t.Error("the annex's article is not under its heading")
	}
	at("注：本附件与声明同时生效。")
}

// TestUnderlines: Markdown setext underlines are verbatim text, printed
// under the line they underline.
func TestUnderlines(t *testing.T) {
	d := sampleZh()
	d.Front[len(d.Front)-1].Underline = "======"
	d.Preamble[0].Underline = "------"
	d.Body[1].Children[0].Underline = "~~~~"
	d.Body[0].Underline = "----"
	for _, width := range []int{20, 80} {
		out := write(t, Writer{Width: width}, d)
		checkOutput(t, d, width, out)
	}
	_, body := SplitHeader(write(t, Writer{}, d))
	if !strings.Contains(body, "（一）在政治领域\n  ~~~~\n") {
		t.Errorf("the underline of a provision heading is not under it:\n%s", body)
	}
}
