package declaration

import "strconv"

// AssignIDs gives every block and provision its stable ID.
//
// A provision's ID is its parent's ID, "__", the kind's prefix and its
// number (art_4__sec_1); a provision without a number counts among its
// unnumbered siblings of the same kind (art_4__sec_1__item_2). A number
// that repeats among siblings gets the occurrence appended (art_3_2). So an
// ID depends only on the provision's own numbering and that of its
// ancestors, never on text elsewhere: editing one article leaves the IDs of
// the others unchanged. Blocks are numbered within their part
// (front__p_1, preamble__p_2, closing__p_1). Attachments are att_N in
// order, and what they hold is numbered below them (att_1__art_2,
// att_1__p_1).
func (d *Document) AssignIDs() {
	for part, bs := range map[string][]*Block{"front": d.Front, "preamble": d.Preamble, "closing": d.Closing} {
		assignBlockIDs(part, bs)
	}
	assignProvisionIDs("", d.Body)
	for i, a := range d.Attachments {
		a.ID = "att_" + strconv.Itoa(i+1)
		assignProvisionIDs(a.ID, a.Body)
		assignBlockIDs(a.ID, a.Closing)
	}
}

func assignBlockIDs(part string, bs []*Block) {
	for i, b := range bs {
		b.ID = part + "__p_" + strconv.Itoa(i+1)
	}
}

func assignProvisionIDs(parent string, ps []*Provision) {
	if len(ps) == 0 {
		return
	}
	unnumbered := map[ProvisionKind]int{}
	seen := map[string]int{}
	for _, p := range ps {
		n := p.Number
		if n <= 0 {
			unnumbered[p.Kind]++
			n = unnumbered[p.Kind]
		}
		prefix := p.Kind.Prefix()
		if prefix == "" {
			prefix = "x"
		}
		id := prefix + "_" + strconv.Itoa(n)
		seen[id]++
		if k := seen[id]; k > 1 {
			id += "_" + strconv.Itoa(k)
		}
		if parent != "" {
			id = parent + "__" + id
		}
		p.ID = id
		assignProvisionIDs(id, p.Children)
	}
}
