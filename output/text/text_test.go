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

func write(t testing.TB, w Options, d *declaration.Document) string {
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

// printed is what the text must hold, whitespace aside: every verbatim
// string of the document in order, without the markup the writer leaves
// out — markup and underline fields, front matter blocks, HTML comments,
// an archive column label with no column after it. Emphasis markers (*
// and _) are compared apart, by emphasisFree on both sides: which of them
// are markup is pinned by TestStrip. (Written apart from the writer's own
// rules, so that one checks the other.)
func printed(d *declaration.Document) []string {
	var out []string
	add := func(ss ...string) {
		for _, s := range ss {
			out = append(out, emphasisFree(testfiles.NonSpace(uncomment(s)))...)
		}
	}
	blocks := func(bs []*declaration.Block) {
		for _, b := range bs {
			_, value, field := strings.Cut(strings.ReplaceAll(b.Label+b.Text, ":", "："), "：")
			if b.Kind == declaration.FrontMatter || b.Kind == declaration.ColumnLine && field && strings.Trim(value, "*_ \t\n\r\f\v\u00a0\u3000") == "" {
				continue
			}
			add(b.Label, b.Text)
		}
	}
	var provisions func([]*declaration.Provision)
	provisions = func(ps []*declaration.Provision) {
		for _, p := range ps {
			add(p.Label, p.Heading, p.Text)
			provisions(p.Children)
		}
	}
	blocks(d.Front)
	blocks(d.Preamble)
	provisions(d.Body)
	blocks(d.Closing)
	for _, a := range d.Attachments {
		add(a.Label, a.Heading)
		provisions(a.Body)
		blocks(a.Closing)
	}
	return out
}

// uncomment removes HTML comments.
func uncomment(s string) string {
	for {
		i := strings.Index(s, "<!--")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i+4:], "-->")
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+4+j+3:]
	}
}

// emphasisFree drops the characters Markdown emphasis is made of.
func emphasisFree(rs []string) []string {
	return slices.DeleteFunc(rs, func(r string) bool { return r == "*" || r == "_" })
}

// checkOutput checks the promises of Write: exactly the document's
// verbatim text, markup and whitespace aside; no line wider than the
// width unless linebreak had to let it be; no trailing whitespace; no two
// blank lines in a row; a final newline.
func checkOutput(t *testing.T, d *declaration.Document, width int, out string) {
	t.Helper()
	if got, want := emphasisFree(testfiles.NonSpace(out)), printed(d); !slices.Equal(got, want) {
		g, w := strings.Join(got, ""), strings.Join(want, "")
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Fatalf("text is not the verbatim text: they part at byte %d:\n got …%q\nwant …%q", i, g[i:min(len(g), i+60)], w[i:min(len(w), i+60)])
	}
	if out != "" && !strings.HasSuffix(out, "\n") {
		t.Error("output does not end with a newline")
	}
	if strings.Contains(out, "\n\n\n") || strings.HasPrefix(out, "\n") {
		t.Error("output has two blank lines in a row, or starts with one")
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
			out := write(t, Options{Width: c.width}, c.doc)
			checkOutput(t, c.doc, cmp(c.width, DefaultWidth), out)
			golden(t, filepath.Join("testdata", c.name+".txt"), out)
			if again := write(t, Options{Width: c.width}, c.doc); again != out {
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
	body := write(t, Options{}, sampleZh())
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

	if lines[0] != "中国—甲国联合声明　2001-05-20　第3版(要闻)" || lines[1] != "" {
		t.Errorf("the text should start with the archive header on one line, without markup or a bare 专栏：, then a blank line; got %q", lines[:2])
	}
	if _, l := find("中华人民共和国和甲国关于"); indent(l) != (width-columns(strings.TrimSpace(l)))/2 {
		t.Errorf("title not centred: %q", l)
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

// TestWidths writes the samples at many widths, down to absurdly narrow
// ones, and checks every promise each time.
func TestWidths(t *testing.T) {
	for _, d := range []*declaration.Document{sampleZh(), sampleEn()} {
		for width := 1; width <= 120; width++ {
			out := write(t, Options{Width: width}, d)
			checkOutput(t, d, width, out)
		}
	}
}

func TestEmptyAndNil(t *testing.T) {
	d := &declaration.Document{Schema: declaration.SchemaVersion, Kind: declaration.Other}
	out := write(t, Options{Width: 10}, d)
	if out != "" {
		t.Errorf("empty document gave %q", out)
	}
	if err := (Options{}).Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil document: no error")
	}
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

func TestWriteError(t *testing.T) {
	if err := (Options{}).Write(errWriter{}, sampleZh()); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v, want the writer's error", err)
	}
}

// TestFixtures renders every canonical test document (fixtures/*/want.yaml,
// internal/testdocs/testdata/*/want.yaml) and compares it with
// want.txt beside it (go test -update rewrites want.txt).
// TestWriterKinds: a *bytes.Buffer is written straight into, any other
// writer through a buffer; the bytes are the same.
func TestWriterKinds(t *testing.T) {
	var direct bytes.Buffer
	var through strings.Builder
	for _, d := range []*declaration.Document{sampleZh(), testdocs.Load(t, filepath.Join(testfiles.Root(t), "fixtures", "seed", "want.yaml"))} {
		direct.Reset()
		through.Reset()
		if err := (Options{}).Write(&direct, d); err != nil {
			t.Fatal(err)
		}
		if err := (Options{}).Write(&through, d); err != nil {
			t.Fatal(err)
		}
		if direct.String() != through.String() || direct.Len() == 0 {
			t.Errorf("a bytes.Buffer got %d bytes, a strings.Builder %d, not the same", direct.Len(), through.Len())
		}
	}
}

func TestFixtures(t *testing.T) {
	for _, path := range testfiles.Canonical(t) {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			d := testdocs.Load(t, path)
			out := write(t, Options{}, d)
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
	if err := (Options{}).Write(&buf, d); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		buf.Reset()
		if err := (Options{}).Write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAttachments: an annex follows the closing under a centred line of
// its label and heading, without its Markdown markup and setext underline, and
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
		checkOutput(t, d, width, write(t, Options{Width: width}, d))
	}
	const width = 80
	body := write(t, Options{}, d)
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
	for _, h := range []string{"附件一　联合委员会议事规则", "Annex II Contact points"} {
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

// TestUnderlines: Markdown setext underlines are markup: the line they
// underline is printed, they are not.
func TestUnderlines(t *testing.T) {
	d := sampleZh()
	d.Front[len(d.Front)-1].Underline = "======"
	d.Preamble[0].Underline = "------"
	d.Body[1].Children[0].Underline = "~~~~"
	d.Body[0].Underline = "----"
	for _, width := range []int{20, 80} {
		out := write(t, Options{Width: width}, d)
		checkOutput(t, d, width, out)
	}
	body := write(t, Options{}, d)
	for _, u := range []string{"==", "--", "~~"} {
		if strings.Contains(body, u) {
			t.Errorf("an underline %q is printed:\n%s", u, body)
		}
	}
	if !strings.Contains(body, "\n  （一）在政治领域\n") {
		t.Errorf("the heading of an underlined provision is not printed:\n%s", body)
	}
}

// squeezed is s without whitespace.
func squeezed(s string) string { return strings.Join(testfiles.NonSpace(s), "") }

// TestTitleOnce: the seed's title is printed once, from the title field:
// a hand-edited title replaces it, and the old one is gone.
func TestTitleOnce(t *testing.T) {
	d := testdocs.Load(t, filepath.Join(testfiles.Root(t), "fixtures", "seed", "want.yaml"))
	out := squeezed(write(t, Options{}, d))
	if n := strings.Count(out, squeezed(d.Title)); n != 1 {
		t.Errorf("the title is printed %d times, want once", n)
	}
	for _, markup := range []string{"###", "专栏：", "===="} {
		if strings.Contains(out, markup) {
			t.Errorf("%q is printed", markup)
		}
	}
	old := d.Title
	d.Title = "中哈两国关于友好关系的声明（修订稿）"
	out = write(t, Options{}, d)
	if n := strings.Count(squeezed(out), d.Title); n != 1 {
		t.Errorf("the edited title is printed %d times, want once:\n%s", n, out)
	}
	if strings.Contains(squeezed(out), squeezed(old)) {
		t.Errorf("the title before the edit is still printed")
	}
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == d.Title {
			if lines[i-1] != "" || lines[i+1] != "" || len(l)-len(strings.TrimLeft(l, " ")) != (DefaultWidth-columns(d.Title))/2 {
				t.Errorf("the edited title is not centred between blank lines: %q", lines[i-1:i+2])
			}
		}
	}

	// A title no block says (from front matter, which is not printed) is
	// printed at the top.
	d = testdocs.Load(t, filepath.Join(testfiles.Root(t), "fixtures", "markdown-front-matter", "want.yaml"))
	d.Front = d.Front[2:] // the front matter and the title heading
	if out := write(t, Options{}, d); !strings.HasPrefix(strings.TrimLeft(out, " "), d.Title+"\n\n") {
		t.Errorf("a title no block holds is not printed first:\n%s", out)
	}
}

// TestMarkupLeftOut: front matter, HTML comments and Markdown heading
// markup are not printed; the text around them is.
func TestMarkupLeftOut(t *testing.T) {
	d := testdocs.Load(t, filepath.Join(testfiles.Root(t), "fixtures", "markdown-front-matter", "want.yaml"))
	d.Preamble = append(d.Preamble, &declaration.Block{Kind: declaration.Heading, Text: "<!-- FORCE BREAK -->"},
		&declaration.Block{Kind: declaration.Para, Text: "本法**依照**宪法<!-- 注 -->制定。"})
	out := write(t, Options{}, d)
	checkOutput(t, d, DefaultWidth, out)
	for _, s := range []string{"---", "title:", "<!--", "-->", "##", "**"} {
		if strings.Contains(out, s) {
			t.Errorf("%q is printed:\n%s", s, out)
		}
	}
	for _, s := range []string{"第一章　总则", "  本法依照宪法制定。", "2008年11月20日 南川共和国国民议会第九次会议通过"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q is not printed:\n%s", s, out)
		}
	}
}

func TestStrip(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<!-- INFO END -->", ""},
		{"甲<!-- a\nb -->乙", "甲乙"},
		{"本法**依照**宪法", "本法依照宪法"},
		{"the *present* Convention", "the present Convention"},
		{"__Article__ 1", "Article 1"},
		{"*a* *b*", "a b"},
		{"2*3*4", "2*3*4"},
		{"* 1 The copy on file is unsigned.", "* 1 The copy on file is unsigned."},
		{"snake__case__name", "snake__case__name"},
		{"_ a rule", "_ a rule"},
		{"** not strong **", "** not strong **"},
		{"a < b and c > d", "a < b and c > d"},
	} {
		if got := strip(c.in); got != c.want {
			t.Errorf("strip(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestParagraphAfterPoints: a paragraph of an article that follows its
// points is set two columns in from the article's edge, no deeper than
// the points; one that follows the article's text is set under it.
func TestParagraphAfterPoints(t *testing.T) {
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	for _, c := range []struct {
		fixture, para, point string
		want                 int
	}{
		{"zh-statute-attachment", "以上三种尺度", "3．小号", 2},
		{"items-inline-and-dashes", "中方重申", "——渔业资源", 2},
		{"seed", "哈方重申", "", columns("五、") + 2},
	} {
		d := testdocs.Load(t, filepath.Join(testfiles.Root(t), "fixtures", c.fixture, "want.yaml"))
		lines := strings.Split(write(t, Options{}, d), "\n")
		at := map[string]int{}
		for _, l := range lines {
			for _, s := range []string{c.para, c.point} {
				if _, ok := at[s]; !ok && s != "" && strings.HasPrefix(strings.TrimLeft(l, " "), s) {
					at[s] = indent(l)
				}
			}
		}
		if got, ok := at[c.para]; !ok || got != c.want {
			t.Errorf("%s: %q indented %d, want %d", c.fixture, c.para, got, c.want)
		}
		if c.point != "" && at[c.para] > at[c.point] {
			t.Errorf("%s: %q is deeper than the point %q", c.fixture, c.para, c.point)
		}
	}
}

// FuzzWrite writes documents made of fuzzed strings (Markdown markup,
// comments and emphasis among them) at a fuzzed width and checks every
// promise of Write.
func FuzzWrite(f *testing.F) {
	f.Add("中国—甲国联合声明", "专栏：", "**甲**<!-- x -->乙", "一、", "双方*同意*：", "以上__各项__。", 20)
	f.Add("Title", "Column: a", "<!-- INFO END -->", "(a)", "the *present* 2*3*4 Convention", "_ rule", 7)
	f.Fuzz(func(t *testing.T, title, column, para, label, text, after string, width int) {
		width = 1 + (width%120+120)%120
		// Decoded documents hold valid UTF-8 (the JSON decoder replaces
		// bad bytes, the YAML decoder refuses them).
		for _, s := range []*string{&title, &column, &para, &label, &text, &after} {
			*s = strings.ToValidUTF8(*s, "\uFFFD")
		}
		d := &declaration.Document{Schema: declaration.SchemaVersion, Kind: declaration.Other, Title: title,
			Front: []*declaration.Block{
				{Kind: declaration.Headline, Markup: "###", Text: title},
				{Kind: declaration.ColumnLine, Text: column},
				{Kind: declaration.TitleBlock, Markup: "#", Text: title, Underline: "==="},
			},
			Preamble: []*declaration.Block{{Kind: declaration.Heading, Text: para}, {Kind: declaration.Para, Text: para}},
			Body: []*declaration.Provision{{Kind: declaration.Article, Label: label, Text: text, Children: []*declaration.Provision{
				{Kind: declaration.Item, Label: label, Text: text},
				{Kind: declaration.Paragraph, Text: after},
			}}},
			Closing: []*declaration.Block{{Kind: declaration.Signature, Text: text}},
		}
		d.AssignIDs()
		checkOutput(t, d, width, write(t, Options{Width: width}, d))
	})
}
