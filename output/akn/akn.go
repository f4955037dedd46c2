package akn

import (
	"bufio"
	"errors"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/declconv/declconv/declaration"
)

// Namespace is the Akoma Ntoso 3.0 namespace of every element written.
const Namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

// Options writes a document as Akoma Ntoso 3.0 XML. Its zero value works.
type Options struct {
	// Country is the ISO 3166-1 alpha-2 code of the jurisdiction in the
	// FRBR IRIs (FRBRcountry). Empty means the language's row of
	// languages: cn for simplified Chinese, else zz (unknown).
	Country string
}

// docTypes is the table of document types: the Akoma Ntoso element each
// kind of document is written as. The element's name attribute is the
// kind itself (name="joint-statement"). A kind not listed is a doc.
var docTypes = []struct {
	Kind    declaration.Kind
	Element string
}{
	{declaration.JointStatement, "statement"},
	{declaration.JointCommunique, "statement"},
	{declaration.DeclarationKind, "statement"},
	{declaration.Statement, "statement"},
	{declaration.Treaty, "act"},
	{declaration.Agreement, "act"},
	{declaration.Law, "act"},
	{declaration.Order, "act"},
	{declaration.Other, "doc"},
}

// provisionElements is the table of provision kinds and the hierarchical
// elements they are written as. Akoma Ntoso has no item or subpoint: the
// model's item, point and subpoint are all points, nested as they are;
// the eId (item_2, point_1) still says which. A kind not listed (a
// document decoded without validation may hold one) is an hcontainer
// named after it.
var provisionElements = []struct {
	Kind    declaration.ProvisionKind
	Element string
}{
	{declaration.Part, "part"},
	{declaration.Chapter, "chapter"},
	{declaration.Section, "section"},
	{declaration.Article, "article"},
	{declaration.Paragraph, "paragraph"},
	{declaration.Item, "point"},
	{declaration.Point, "point"},
	{declaration.Subpoint, "point"},
}

// languages is the table of the model's languages (BCP 47, matched by
// prefix) with their ISO 639-2 code for FRBRlanguage and the country the
// FRBR IRIs use when [Options.Country] is empty. The last row matches any
// language: undetermined (und), unknown country (zz, the code ISO 3166
// leaves to users and CLDR uses for "unknown region").
var languages = []struct {
	Prefix, Code, Country string
}{
	{"zh-Hans", "zho", "cn"},
	{"zh", "zho", "zz"},
	{"en", "eng", "zz"},
	{"", "und", "zz"},
}

// docType returns the element and name of d's root: the kind's row of
// docTypes, except that an act whose body is empty is a doc (an act's
// body must hold at least one provision).
func docType(d *declaration.Document) (element, name string) {
	element = "doc"
	for _, t := range docTypes {
		if t.Kind == d.Kind {
			element = t.Element
		}
	}
	if element == "act" && len(d.Body) == 0 {
		element = "doc"
	}
	return element, string(d.Kind)
}

func provisionElement(k declaration.ProvisionKind) string {
	for _, pe := range provisionElements {
		if pe.Kind == k {
			return pe.Element
		}
	}
	return "hcontainer"
}

func language(tag string) (code, country string) {
	for _, l := range languages {
		if strings.HasPrefix(tag, l.Prefix) {
			return l.Code, l.Country
		}
	}
	return "und", "zz"
}

// eIDPattern is what an eId written must be: an XML NCName. The model's
// IDs always are; one that is not (a document decoded without
// validation) is left out rather than written invalid.
var eIDPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

func eID(id string) attr {
	if !eIDPattern.MatchString(id) {
		id = ""
	}
	return attr{name: "eId", value: id}
}

// fullDate reports whether iso is a real date of day precision, the only
// kind the schema's date attribute (xsd:date) takes.
func fullDate(iso string) bool {
	return len(iso) == 10 && declaration.ValidISODate(iso)
}

// Write writes d to w as Akoma Ntoso XML. The output depends on d and
// the writer's options only.
func (wr Options) Write(w io.Writer, d *declaration.Document) error {
	if d == nil {
		return errors.New("akn: nil document")
	}
	element, name := docType(d)
	p := &printer{w: bufio.NewWriter(w)}
	p.w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	p.start("akomaNtoso", attr{name: "xmlns", value: Namespace})
	p.start(element, attr{name: "name", value: name, keep: true})
	id := wr.identify(d, element, name)
	m := p.meta(d, id)

	if len(d.Front) > 0 {
		p.start("preface")
		for _, b := range d.Front {
			p.prefaceBlock(d, m, b)
		}
		p.end("preface")
	}
	bodyTag := "mainBody"
	if element == "act" {
		bodyTag = "body"
	}
	switch {
	case len(d.Body) > 0:
		if len(d.Preamble) > 0 {
			p.start("preamble")
			p.blocks(m, d.Preamble, scope{}, true)
			p.end("preamble")
		}
		p.start(bodyTag)
		p.provisions(m, d.Body)
		p.end(bodyTag)
	case len(d.Preamble) > 0:
		// No provisions: the paragraphs the model calls the preamble
		// (those before the first provision) are the whole text.
		p.start(bodyTag)
		p.blocks(m, d.Preamble, scope{}, false)
		p.end(bodyTag)
	default:
		p.emptyBody(bodyTag)
	}
	if len(d.Closing) > 0 {
		p.start("conclusions")
		p.blocks(m, d.Closing, scope{people: true, place: true}, false)
		p.end("conclusions")
	}
	if len(d.Attachments) > 0 {
		p.start("attachments")
		for _, a := range d.Attachments {
			p.attachment(m, id, a)
		}
		p.end("attachments")
	}
	p.end(element)
	p.end("akomaNtoso")
	p.w.WriteByte('\n')
	return p.w.Flush()
}

// emptyBody writes a main body with nothing in it: the schema wants one
// element at least, so it is one empty paragraph.
func (p *printer) emptyBody(tag string) {
	p.start(tag)
	p.empty("p")
	p.end(tag)
}

// identity is what the FRBR identification of the document and of each
// attachment is made of.
type identity struct {
	work, expression    string // IRIs of the work and the expression
	date                frbrDate
	expressionDate      frbrDate
	country, lang, name string
	number, title       string
	authors             []string // eIds of the work's authors
}

// frbrDate is a date of the FRBR identification and what it is.
type frbrDate struct{ iso, name string }

// identify builds the FRBR IRIs, following the Akoma Ntoso naming
// convention: /akn/COUNTRY/TYPE/SUBTYPE/DATE/NUMBER for the work, then
// /LANG@ for the expression. The number is the first 12 hex digits of
// the source's SHA-256 (the model has no official number); the date is
// [workDate]'s.
func (wr Options) identify(d *declaration.Document, element, name string) *identity {
	lang, country := language(d.Language)
	if wr.Country != "" {
		country = strings.ToLower(wr.Country)
	}
	number := "nn"
	if sha := d.Source.SHA256; len(sha) >= 12 && strings.Trim(sha[:12], "0123456789abcdef") == "" {
		number = sha[:12]
	}
	id := &identity{date: workDate(d), country: country, lang: lang, name: name, number: number, title: d.Title}
	id.expressionDate = id.date
	if pub := d.Publication; pub != nil && fullDate(pub.Date) {
		id.expressionDate = frbrDate{pub.Date, "publication"}
	}
	seg := url.PathEscape
	id.work = "/akn/" + seg(country) + "/" + element + "/" + seg(name) + "/" + id.date.iso + "/" + number
	id.expression = id.work + "/" + lang + "@"
	return id
}

// workDate is the date of the work: of its signature, else of the news
// dispatch, else of the publication — the first that is known to the
// day; else the first known at all, on its first day, with the name
// saying what was known ("signature (1951)"); else 0001-01-01, unknown.
func workDate(d *declaration.Document) frbrDate {
	type candidate struct {
		date *declaration.Date
		name string
	}
	var cs []candidate
	if d.Signed != nil {
		cs = append(cs, candidate{d.Signed.Date, "signature"})
	}
	if d.Dispatch != nil {
		cs = append(cs, candidate{d.Dispatch.Date, "dispatch"})
	}
	if d.Publication != nil {
		cs = append(cs, candidate{&declaration.Date{ISO: d.Publication.Date}, "publication"})
	}
	for _, c := range cs {
		if c.date != nil && fullDate(c.date.ISO) {
			return frbrDate{c.date.ISO, c.name}
		}
	}
	for _, c := range cs {
		if c.date == nil || !declaration.ValidISODate(c.date.ISO) {
			continue
		}
		iso := c.date.ISO
		switch len(iso) {
		case 4:
			iso += "-01-01"
		case 7:
			iso += "-01"
		}
		return frbrDate{iso, c.name + " (" + c.date.ISO + ")"}
	}
	return frbrDate{"0001-01-01", "unknown"}
}

// sourceEID is the eId of the organization that made the markup: this
// program.
const sourceEID = "declconv"

// meta writes <meta>: the FRBR identification and the references section
// (the parties, signatories, roles, place of signature, defined terms
// and cited instruments, each with the eId the text's inline markup
// refers to). It returns what the inline markup needs.
func (p *printer) meta(d *declaration.Document, id *identity) *marks {
	m := &marks{
		dates:    map[string][]declaration.DateMention{},
		cites:    map[string][]entity{},
		defs:     map[string][]entity{},
		personAs: map[string]string{},
	}
	for _, dm := range d.Dates {
		m.dates[dm.At] = append(m.dates[dm.At], dm)
	}

	type tlc struct {
		element, eID, href, showAs string
	}
	var refs []tlc
	seen := map[string]string{} // element + "\x00" + showAs → eId
	add := func(element, class, prefix, showAs string) string {
		key := element + "\x00" + showAs
		if e, ok := seen[key]; ok {
			return e
		}
		n := 1
		for _, r := range refs {
			if strings.HasPrefix(r.eID, prefix+"-") {
				n++
			}
		}
		e := prefix + "-" + strconv.Itoa(n)
		seen[key] = e
		refs = append(refs, tlc{element, e, "/akn/ontology/" + class + "/" + url.PathEscape(showAs), showAs})
		return e
	}
	refs = append(refs, tlc{"TLCOrganization", sourceEID, "/akn/ontology/organization/declconv", "declconv"})

	for _, party := range d.Parties {
		if party != "" {
			id.authors = append(id.authors, add("TLCOrganization", "organization", "party", party))
		}
	}
	for _, s := range d.Signatories {
		if s.Party != "" {
			add("TLCOrganization", "organization", "party", s.Party)
		}
		var role string
		if s.Role != "" {
			role = add("TLCRole", "role", "role", s.Role)
			m.roles = appendEntity(m.roles, entity{role, s.Role})
		}
		if s.Name != "" {
			person := add("TLCPerson", "person", "signatory", s.Name)
			m.persons = appendEntity(m.persons, entity{person, s.Name})
			if role != "" && m.personAs[person] == "" {
				m.personAs[person] = "#" + role
			}
		}
	}
	if len(id.authors) == 0 {
		for _, e := range m.persons {
			id.authors = append(id.authors, e.eID)
		}
	}
	if len(id.authors) == 0 {
		id.authors = append(id.authors, add("TLCOrganization", "organization", "author", "unknown"))
	}
	if s := d.Signed; s != nil && s.Place != "" {
		m.place = &entity{add("TLCLocation", "location", "place", s.Place), s.Place}
	}
	for _, t := range d.DefinedTerms {
		if t.Term != "" {
			m.defs[t.At] = append(m.defs[t.At], entity{add("TLCTerm", "term", "term", t.Term), t.Term})
		}
	}
	for _, r := range d.References {
		if r.Title == "" {
			continue
		}
		e := entity{add("TLCReference", "instrument", "cite", r.Title), r.Title}
		for _, at := range r.At {
			m.cites[at] = appendEntity(m.cites[at], e)
		}
	}

	p.start("meta")
	p.identification(id, "main")
	p.start("references", attr{name: "source", value: "#" + sourceEID})
	for _, r := range refs {
		var name string // TLCReference names its class
		if r.element == "TLCReference" {
			name = "instrument"
		}
		p.empty(r.element, attr{name: "eId", value: r.eID}, attr{name: "href", value: r.href},
			attr{name: "showAs", value: r.showAs, keep: true}, attr{name: "name", value: name})
	}
	p.end("references")
	p.end("meta")
	return m
}

// appendEntity adds e unless it is there.
func appendEntity(es []entity, e entity) []entity {
	for _, x := range es {
		if x == e {
			return es
		}
	}
	return append(es, e)
}

// identification writes the FRBR Work, Expression and Manifestation of
// the document's component named component: main, or an attachment's ID.
// The manifestation's date is the expression's: the writer reads no
// clock, so that reruns give the same bytes.
func (p *printer) identification(id *identity, component string) {
	p.start("identification", attr{name: "source", value: "#" + sourceEID})
	level := func(tag, this, uri string, date frbrDate, authors []string, props func()) {
		p.start(tag)
		p.empty("FRBRthis", attr{name: "value", value: this, keep: true})
		p.empty("FRBRuri", attr{name: "value", value: uri, keep: true})
		p.empty("FRBRdate", attr{name: "date", value: date.iso}, attr{name: "name", value: date.name, keep: true})
		for _, a := range authors {
			p.empty("FRBRauthor", attr{name: "href", value: "#" + a, keep: true})
		}
		props()
		p.end(tag)
	}
	level("FRBRWork", id.work+"/!"+component, id.work, id.date, id.authors, func() {
		p.empty("FRBRcountry", attr{name: "value", value: id.country, keep: true})
		p.empty("FRBRsubtype", attr{name: "value", value: id.name, keep: true})
		p.empty("FRBRnumber", attr{name: "value", value: id.number, keep: true})
		if id.title != "" {
			p.empty("FRBRname", attr{name: "value", value: id.title})
		}
	})
	level("FRBRExpression", id.expression+"/!"+component, id.expression, id.expressionDate, id.authors, func() {
		p.empty("FRBRlanguage", attr{name: "language", value: id.lang})
	})
	level("FRBRManifestation", id.expression+"/!"+component+".xml", id.expression+".akn", id.expressionDate, []string{sourceEID}, func() {})
	p.end("identification")
}

// prefaceBlock writes a block of the front: the title as the docTitle of
// a longTitle, the archive's issue date as a docDate, the others as
// paragraphs classed by their kind (headline, page, column, lead …). The
// news lead names the signatories, so they are marked in it.
func (p *printer) prefaceBlock(d *declaration.Document, m *marks, b *declaration.Block) {
	switch {
	case b.Kind == declaration.TitleBlock:
		if b == d.TitleBlock() && !declaration.SameTitle(b.Text, d.Title) {
			edited := *b
			edited.Text = d.Title // a hand-edited title field wins over the block's text
			b = &edited
		}
		p.start("longTitle", eID(b.ID))
		p.para(m, b, scope{}, "", nil, "docTitle", nil)
		p.end("longTitle")
	case b.Kind == declaration.IssueDate && d.Publication != nil && fullDate(d.Publication.Date):
		p.para(m, b, scope{}, string(b.Kind), []attr{eID(b.ID)}, "docDate", []attr{{name: "date", value: d.Publication.Date}})
	default:
		p.para(m, b, scope{people: b.Kind == declaration.Lead}, string(b.Kind), []attr{eID(b.ID)}, "", nil)
	}
}

// blocks writes the blocks of the preamble, a main body made of them, or
// the conclusions. With recitals set, runs of recitals are grouped in a
// <recitals> (the preamble's own container for them).
func (p *printer) blocks(m *marks, bs []*declaration.Block, ctx scope, recitals bool) {
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if recitals && b.Kind == declaration.Recital {
			p.start("recitals")
			for ; i < len(bs) && bs[i].Kind == declaration.Recital; i++ {
				p.start("recital", eID(bs[i].ID))
				p.para(m, bs[i], ctx, "", nil, "", nil)
				p.end("recital")
			}
			i--
			p.end("recitals")
			continue
		}
		wrap := ""
		if b.Kind == declaration.Signature && ctx.people {
			wrap = "signature"
		}
		p.para(m, b, ctx, string(b.Kind), []attr{eID(b.ID)}, wrap, nil)
	}
}

// para writes a block as one <p>: its label, then its text with its
// inline markup, all inside a wrap element when wrap is set (docTitle,
// docDate, signature). Markdown markup and setext underlines are source
// syntax and are not written.
func (p *printer) para(m *marks, b *declaration.Block, ctx scope, class string, attrs []attr, wrap string, wrapAttrs []attr) {
	p.indent()
	p.tag("p", append([]attr{{name: "class", value: class}}, attrs...))
	if wrap != "" {
		p.tag(wrap, wrapAttrs)
	}
	if b.Label != "" {
		escape(p.w, b.Label, false)
		if last := b.Label[len(b.Label)-1]; last < 0x80 && b.Text != "" {
			p.w.WriteByte(' ') // Note: text, not 附注：text
		}
	}
	p.inline(b.Text, m.spans(b.ID, b.Text, ctx))
	if wrap != "" {
		p.w.WriteString("</" + wrap + ">")
	}
	p.w.WriteString("</p>")
}

// provisions writes a provision tree: each provision as the element of
// its kind, its label as <num>, its heading as <heading>, its text as
// <content> when it has no children and as <intro> before them when it
// has.
func (p *printer) provisions(m *marks, ps []*declaration.Provision) {
	for _, pr := range ps {
		element := provisionElement(pr.Kind)
		attrs := []attr{eID(pr.ID)}
		if element == "hcontainer" {
			attrs = append(attrs, attr{name: "name", value: string(pr.Kind), keep: true})
		}
		p.start(element, attrs...)
		if pr.Label != "" {
			p.indent()
			p.w.WriteString("<num>")
			escape(p.w, pr.Label, false)
			p.w.WriteString("</num>")
		}
		if pr.Heading != "" {
			p.indent()
			p.w.WriteString("<heading>")
			p.inline(pr.Heading, m.spans(pr.ID, pr.Heading, scope{}))
			p.w.WriteString("</heading>")
		}
		if pr.Text != "" {
			wrap := "content"
			if len(pr.Children) > 0 {
				wrap = "intro"
			}
			p.start(wrap)
			p.indent()
			p.w.WriteString("<p>")
			p.inline(pr.Text, m.spans(pr.ID, pr.Text, scope{}))
			p.w.WriteString("</p>")
			p.end(wrap)
		}
		p.provisions(m, pr.Children)
		p.end(element)
	}
}

// attachment writes an annex as an <attachment> holding a doc of its own
// (the schema wants one with its own meta): its label and heading as the
// attachment's <num> and <heading>, its provisions as the doc's main
// body, its closing as the doc's conclusions.
func (p *printer) attachment(m *marks, id *identity, a *declaration.Attachment) {
	p.start("attachment", eID(a.ID))
	if a.Label != "" {
		p.indent()
		p.w.WriteString("<num>")
		escape(p.w, a.Label, false)
		p.w.WriteString("</num>")
	}
	if a.Heading != "" {
		p.indent()
		p.w.WriteString("<heading>")
		escape(p.w, a.Heading, false)
		p.w.WriteString("</heading>")
	}
	p.start("doc", attr{name: "name", value: "attachment"})
	p.start("meta")
	component := a.ID
	if !eIDPattern.MatchString(component) {
		component = "attachment"
	}
	p.identification(id, component)
	p.end("meta")
	if len(a.Body) > 0 {
		p.start("mainBody")
		p.provisions(m, a.Body)
		p.end("mainBody")
	} else {
		p.emptyBody("mainBody")
	}
	if len(a.Closing) > 0 {
		p.start("conclusions")
		p.blocks(m, a.Closing, scope{people: true, place: true}, false)
		p.end("conclusions")
	}
	p.end("doc")
	p.end("attachment")
}
