package declaration

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// idPattern is what an ID may contain: ASCII only, never CJK punctuation.
var idPattern = regexp.MustCompile(`^[a-z]+(_[0-9]+(_[0-9]+)?)?(__[a-z]+_[0-9]+(_[0-9]+)?)*$`)

// isoPattern is an ISO 8601 calendar date of year, month or day precision.
var isoPattern = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

// ValidISODate reports whether s is a real date written as YYYY, YYYY-MM or YYYY-MM-DD.
func ValidISODate(s string) bool {
	if !isoPattern.MatchString(s) {
		return false
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}

// Validate checks what decoding cannot (reporting at most the first
// maxErrors problems): the schema version, known kinds,
// IDs that are well formed, unique and nested in their parent's, positions
// inside the source, references to existing IDs and real ISO dates. Each
// problem is an [*Error] whose message names the node; positions are those
// recorded in the document.
func (d *Document) Validate() error {
	var errs ErrorList
	bad := func(pos Pos, format string, args ...any) {
		if len(errs) < maxErrors {
			errs = append(errs, &Error{File: d.Source.Name, Pos: pos, Msg: fmt.Sprintf(format, args...)})
		}
	}
	if d.Schema != SchemaVersion {
		bad(Pos{}, "schema is %q, want %q", d.Schema, SchemaVersion)
	}
	if !d.Kind.Valid() {
		bad(Pos{}, "unknown document kind %q", d.Kind)
	}
	ids := map[string]bool{}
	checkID := func(id string, pos Pos) {
		switch {
		case !idPattern.MatchString(id):
			bad(pos, "malformed id %q", id)
		case ids[id]:
			bad(pos, "duplicate id %q", id)
		}
		ids[id] = true
	}
	checkPos := func(what string, pos Pos) {
		if pos.Line < 1 || pos.Col < 1 {
			bad(pos, "%s has no position (line and col start at 1)", what)
		}
	}
	checkDate := func(what string, dt *Date, pos Pos) {
		if dt != nil && dt.ISO != "" && !ValidISODate(dt.ISO) {
			bad(pos, "%s: %q is not an ISO 8601 date", what, dt.ISO)
		}
	}
	checkBlocks := func(part string, bs []*Block) {
		for _, b := range bs {
			checkID(b.ID, b.Pos)
			checkPos("block "+b.ID, b.Pos)
			if !b.Kind.Valid() {
				bad(b.Pos, "block %s: unknown kind %q", b.ID, b.Kind)
			}
			if !strings.HasPrefix(b.ID, part+"__") {
				bad(b.Pos, "block %s in %s: id must start with %q", b.ID, part, part+"__")
			}
		}
	}
	for part, bs := range map[string][]*Block{"front": d.Front, "preamble": d.Preamble, "closing": d.Closing} {
		checkBlocks(part, bs)
	}
	for _, a := range d.Attachments {
		checkID(a.ID, a.Pos)
		checkPos("attachment "+a.ID, a.Pos)
		if a.Number < 0 {
			bad(a.Pos, "attachment %s: negative number %d", a.ID, a.Number)
		}
		for _, p := range a.Body {
			if !strings.HasPrefix(p.ID, a.ID+"__") {
				bad(p.Pos, "provision %s: id must start with its attachment's id %q", p.ID, a.ID+"__")
			}
		}
		checkBlocks(a.ID, a.Closing)
	}
	d.Walk(func(p *Provision, ancestors []*Provision) bool {
		checkID(p.ID, p.Pos)
		checkPos("provision "+p.ID, p.Pos)
		if !p.Kind.Valid() {
			bad(p.Pos, "provision %s: unknown kind %q", p.ID, p.Kind)
		}
		if n := len(ancestors); n > 0 && !strings.HasPrefix(p.ID, ancestors[n-1].ID+"__") {
			bad(p.Pos, "provision %s: id must start with its parent's id %q", p.ID, ancestors[n-1].ID+"__")
		}
		if p.Number < 0 {
			bad(p.Pos, "provision %s: negative number %d", p.ID, p.Number)
		}
		return true
	})
	if d.Publication != nil && d.Publication.Date != "" && !ValidISODate(d.Publication.Date) {
		bad(Pos{}, "publication.date: %q is not an ISO 8601 date", d.Publication.Date)
	}
	if d.Dispatch != nil {
		checkDate("dispatch.date", d.Dispatch.Date, Pos{})
	}
	if d.Signed != nil {
		checkDate("signed.date", d.Signed.Date, Pos{})
	}
	checkAt := func(what, id string, pos Pos) {
		if id != "" && !ids[id] {
			bad(pos, "%s refers to unknown id %q", what, id)
		}
	}
	for _, t := range d.DefinedTerms {
		checkAt("defined term "+t.Term, t.At, Pos{})
	}
	for _, r := range d.References {
		checkDate("reference "+r.Title, r.Date, r.Pos)
		for _, at := range r.At {
			checkAt("reference "+r.Title, at, r.Pos)
		}
	}
	for _, m := range d.Dates {
		checkDate("date "+m.Text, &m.Date, m.Pos)
		checkAt("date "+m.Text, m.At, m.Pos)
	}
	for _, g := range d.Diagnostics {
		if !g.Level.Valid() {
			bad(g.Pos, "diagnostic %q: unknown level %q", g.Message, g.Level)
		}
	}
	return errs.Err()
}
