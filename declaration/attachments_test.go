package declaration

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// withAttachments is sample() with a closing and two annexes: the first
// has two articles, an item and a closing line of its own; the second has
// a label and no heading.
func withAttachments() *Document {
	d := sample()
	d.Closing = []*Block{{Kind: PlaceDate, Text: "二○○一年三月五日于东海", Pos: Pos{6, 1}}}
	d.Attachments = []*Attachment{
		{Label: "附件一", Number: 1, Heading: "联合委员会议事规则", Pos: Pos{8, 1}, Body: []*Provision{
			{Kind: Article, Label: "一、", Number: 1, Text: "委员会每年举行一次会议。", Pos: Pos{9, 1}},
			{Kind: Article, Label: "二、", Number: 2, Text: "会议议程包括：", Pos: Pos{10, 1}, Children: []*Provision{
				{Kind: Item, Label: "——", Text: "审议年度报告；", Pos: Pos{11, 1}},
			}},
		}, Closing: []*Block{{Kind: Note, Label: "注：", Text: "本附件与协定同时生效。", Pos: Pos{12, 1}}}},
		{Markup: "##", Label: "附件二", Number: 2, Pos: Pos{14, 1}, Body: []*Provision{
			{Kind: Paragraph, Text: "甲国和乙国联络人名单另行交换。", Pos: Pos{15, 1}},
		}},
	}
	d.AssignIDs()
	return d
}

func TestAssignIDsAttachments(t *testing.T) {
	d := withAttachments()
	a := d.Attachments[0]
	got := []string{a.ID, a.Body[0].ID, a.Body[1].ID, a.Body[1].Children[0].ID, a.Closing[0].ID, d.Attachments[1].ID, d.Attachments[1].Body[0].ID}
	want := []string{"att_1", "att_1__art_1", "att_1__art_2", "att_1__art_2__item_1", "att_1__p_1", "att_2", "att_2__para_1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ids = %v, want %v", got, want)
	}
	// The body's own IDs do not move for the attachments.
	if d.Body[0].ID != "art_1" || d.Closing[0].ID != "closing__p_1" {
		t.Errorf("body ids = %q, %q", d.Body[0].ID, d.Closing[0].ID)
	}
	var walked []string
	d.Walk(func(p *Provision, _ []*Provision) bool { walked = append(walked, p.ID); return true })
	if want := []string{"art_1", "art_1__item_1", "art_1__item_2", "att_1__art_1", "att_1__art_2", "att_1__art_2__item_1", "att_2__para_1"}; !reflect.DeepEqual(walked, want) {
		t.Errorf("Walk = %v, want %v", walked, want)
	}
}

func TestValidateAttachments(t *testing.T) {
	if err := withAttachments().Validate(); err != nil {
		t.Fatalf("a good document: %v", err)
	}
	for _, c := range []struct {
		name  string
		spoil func(d *Document)
		want  string
	}{
		{"provision outside its attachment", func(d *Document) { d.Attachments[0].Body[0].ID = "art_7" },
			`provision art_7: id must start with its attachment's id "att_1__"`},
		{"provision of another attachment", func(d *Document) { d.Attachments[1].Body[0].ID = "att_1__para_1" },
			`provision att_1__para_1: id must start with its attachment's id "att_2__"`},
		{"duplicate attachment id", func(d *Document) { d.Attachments[1].ID = "att_1" }, `duplicate id "att_1"`},
		{"duplicate with the body", func(d *Document) { d.Attachments[0].Body[0].ID = "art_1" }, `duplicate id "art_1"`},
		{"closing block outside its attachment", func(d *Document) { d.Attachments[0].Closing[0].ID = "closing__p_2" },
			`block closing__p_2 in att_1: id must start with "att_1__"`},
		{"no position", func(d *Document) { d.Attachments[1].Pos = Pos{} }, `attachment att_2 has no position`},
	} {
		d := withAttachments()
		c.spoil(d)
		err := d.Validate()
		var list ErrorList
		if !errors.As(err, &list) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Validate = %v, want an error containing %q", c.name, err, c.want)
		}
	}
}

// TestRoundTripAttachments encodes a document with attachments, decodes it
// strictly and gets the same document; a document without attachments
// does not mention the field at all.
func TestRoundTripAttachments(t *testing.T) {
	d := withAttachments()
	for _, c := range []struct {
		name   string
		encode func(*bytes.Buffer, *Document) error
		decode func(*bytes.Buffer) (*Document, error)
		key    string
	}{
		{"yaml", func(b *bytes.Buffer, d *Document) error { return EncodeYAML(b, d) }, func(b *bytes.Buffer) (*Document, error) { return DecodeYAML(b, "x.yaml") }, "\nattachments:\n"},
		{"json", func(b *bytes.Buffer, d *Document) error { return EncodeJSON(b, d) }, func(b *bytes.Buffer) (*Document, error) { return DecodeJSON(b, "x.json") }, `"attachments": [`},
	} {
		var buf bytes.Buffer
		if err := c.encode(&buf, d); err != nil {
			t.Fatal(err)
		}
		text := buf.String()
		if !strings.Contains(text, c.key) {
			t.Errorf("%s: no %q in\n%s", c.name, c.key, text)
		}
		got, err := c.decode(&buf)
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.name, err, text)
		}
		if !reflect.DeepEqual(got, d) {
			t.Errorf("%s: decoded document differs from the encoded one\n%s", c.name, text)
		}

		buf.Reset()
		if err := c.encode(&buf, sample()); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "attachments") {
			t.Errorf("%s: a document without attachments mentions them", c.name)
		}
	}
	// The strict decoder knows the attachment's fields, and only those.
	var y bytes.Buffer
	if err := EncodeYAML(&y, d); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(y.String(), "heading: 联合委员会议事规则", "heading: 联合委员会议事规则\n    colour: red", 1)
	if _, err := DecodeYAML(strings.NewReader(bad), "x"); err == nil || !strings.Contains(err.Error(), `unknown field "colour"`) {
		t.Errorf("unknown field in an attachment: error = %v", err)
	}
}

// TestVerbatimAttachments: the attachments' verbatim strings come after the
// document's closing, each attachment's markup, label, heading, then its
// provisions, then its closing.
func TestVerbatimAttachments(t *testing.T) {
	got := withAttachments().Verbatim()
	want := []string{
		"###", "联合声明",
		"一、", "双方：", "——", "=SUM(A1) 不是公式", "——", "第二项",
		"二○○一年三月五日于东海",
		"附件一", "联合委员会议事规则",
		"一、", "委员会每年举行一次会议。", "二、", "会议议程包括：", "——", "审议年度报告；",
		"注：", "本附件与协定同时生效。",
		"##", "附件二", "甲国和乙国联络人名单另行交换。",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Verbatim =\n%q\nwant\n%q", got, want)
	}
}
