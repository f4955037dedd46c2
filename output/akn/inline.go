package akn

import (
	"cmp"
	"slices"
	"strings"

	"github.com/declconv/declconv/declaration"
)

// span marks s[start:end] of a text as an inline element.
type span struct {
	start, end int
	name       string
	attrs      []attr
}

// entity is something of the references section that the text names:
// a party, a signatory, a role, the place of signature, a defined term,
// a cited instrument.
type entity struct {
	eID  string // its eId in <references>
	text string // how the text writes it
}

// marks knows, for each ID of the model, what inline markup the text of
// that block or provision gets. It is built once per document.
type marks struct {
	dates    map[string][]declaration.DateMention // by the ID that mentions them
	cites    map[string][]entity                  // instruments, by the IDs that cite them
	defs     map[string][]entity                  // defined terms, by the ID that defines them
	persons  []entity                             // signatories with a name
	roles    []entity                             // their offices
	place    *entity                              // the place of signature
	personAs map[string]string                    // a person's eId → the eId of their role
}

// inline writes text, escaped, with the spans of markup found in it.
// Spans that overlap one written before them are dropped: the longest of
// those starting at one place wins, and none nests in another.
func (p *printer) inline(text string, spans []span) {
	slices.SortStableFunc(spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	at := 0
	for _, s := range spans {
		if s.start < at || s.end <= s.start {
			continue
		}
		escape(p.w, text[at:s.start], false)
		p.tag(s.name, s.attrs)
		escape(p.w, text[s.start:s.end], false)
		p.w.WriteString("</" + s.name + ">")
		at = s.end
	}
	escape(p.w, text[at:], false)
}

// scope says which kinds of inline markup a text may get beyond what
// the model places by ID (dates, citations, definitions): signatories
// and roles are looked for in the lead and the closing, the place of
// signature in the closing only.
type scope struct {
	people, place bool
}

// spans finds the inline markup of text, the text of the block or
// provision id.
func (m *marks) spans(id, text string, ctx scope) []span {
	var out []span
	// Dates: each mention in order, found after the one before it, so a
	// date written twice in one text is marked where it is.
	from := 0
	for _, dm := range m.dates[id] {
		if dm.Text == "" || !fullDate(dm.ISO) {
			continue
		}
		if i := strings.Index(text[from:], dm.Text); i >= 0 {
			start := from + i
			from = start + len(dm.Text)
			out = append(out, span{start, from, "date", []attr{{name: "date", value: dm.ISO}}})
		}
	}
	for _, e := range m.cites[id] {
		out = appendAll(out, text, e.text, "ref", []attr{{name: "href", value: "#" + e.eID}})
	}
	for _, e := range m.defs[id] {
		if i := strings.Index(text, e.text); i >= 0 && e.text != "" {
			out = append(out, span{i, i + len(e.text), "def", []attr{{name: "refersTo", value: "#" + e.eID}}})
		}
	}
	if ctx.people {
		for _, e := range m.persons {
			out = appendAll(out, text, e.text, "person", []attr{{name: "refersTo", value: "#" + e.eID}, {name: "as", value: m.personAs[e.eID]}})
		}
		for _, e := range m.roles {
			out = appendAll(out, text, e.text, "role", []attr{{name: "refersTo", value: "#" + e.eID}})
		}
	}
	if ctx.place && m.place != nil {
		out = appendAll(out, text, m.place.text, "location", []attr{{name: "refersTo", value: "#" + m.place.eID}})
	}
	return out
}

// appendAll adds a span for every occurrence of what in text.
func appendAll(out []span, text, what, name string, attrs []attr) []span {
	if what == "" {
		return out
	}
	for at := 0; ; {
		i := strings.Index(text[at:], what)
		if i < 0 {
			return out
		}
		start := at + i
		at = start + len(what)
		out = append(out, span{start, at, name, attrs})
	}
}
