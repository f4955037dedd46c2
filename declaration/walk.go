package declaration

// Walk calls fn for every provision in document order (depth first,
// parents before children): the body's, then each attachment's. ancestors
// holds the provisions above p, outermost first; fn must not keep it. Walk
// stops when fn returns false.
func (d *Document) Walk(fn func(p *Provision, ancestors []*Provision) bool) {
	if !WalkProvisions(d.Body, fn) {
		return
	}
	for _, a := range d.Attachments {
		if !WalkProvisions(a.Body, fn) {
			return
		}
	}
}

// WalkProvisions walks one provision tree — the body, or an attachment's
// — as Walk does; false means fn stopped it. It is for readers of the
// model that show the body and each attachment apart.
func WalkProvisions(ps []*Provision, fn func(p *Provision, ancestors []*Provision) bool) bool {
	var stack []*Provision
	var walk func(ps []*Provision) bool
	walk = func(ps []*Provision) bool {
		for _, p := range ps {
			if !fn(p, stack) {
				return false
			}
			stack = append(stack, p)
			ok := walk(p.Children)
			stack = stack[:len(stack)-1]
			if !ok {
				return false
			}
		}
		return true
	}
	return walk(ps)
}

// Provisions returns every provision in document order: the body's, then
// each attachment's.
func (d *Document) Provisions() []*Provision {
	var all []*Provision
	d.Walk(func(p *Provision, _ []*Provision) bool {
		all = append(all, p)
		return true
	})
	return all
}

// Verbatim returns every verbatim string of the document in source order:
// the markup, label, text and underline of each front block, preamble
// block and closing block, and the markup, label, heading, underline and
// text of each provision; then, for each attachment, its markup, label,
// heading and underline, its provisions and its closing. Joined and with
// whitespace removed, it equals the source with whitespace removed: that
// is the lossless invariant the parser keeps and the tests check.
func (d *Document) Verbatim() []string {
	var out []string
	add := func(s ...string) {
		for _, x := range s {
			if x != "" {
				out = append(out, x)
			}
		}
	}
	blocks := func(bs []*Block) {
		for _, b := range bs {
			add(b.Markup, b.Label, b.Text, b.Underline)
		}
	}
	blocks(d.Front)
	blocks(d.Preamble)
	provision := func(p *Provision, _ []*Provision) bool {
		add(p.Markup, p.Label, p.Heading, p.Underline, p.Text)
		return true
	}
	WalkProvisions(d.Body, provision)
	blocks(d.Closing)
	for _, a := range d.Attachments {
		add(a.Markup, a.Label, a.Heading, a.Underline)
		WalkProvisions(a.Body, provision)
		blocks(a.Closing)
	}
	return out
}
