package convert

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// inputList holds the inputs of a batch compactly, so that a batch of
// 100,000 inputs costs a few megabytes: every path once, in one shared
// text, and a small item without pointers per input (which the garbage
// collector need not scan). An [Input] is made from its item when it is
// needed; its strings point into the text.
type inputList struct {
	text   string // the paths (and the Rels that are no suffix of their path)
	items  []inputItem
	extras []itemExtra // what few inputs have besides, by inputItem.extra
}

// inputItem is one input of an [inputList]: its path is
// text[off:off+pathLen]; its Rel, relLen bytes long, ends it, or with
// relAfter follows it.
type inputItem struct {
	off, pathLen, relLen uint32
	extra                int32 // index into extras, or -1
	size                 int64 // the file's size, as planning stats it; -1 before
	found, relAfter      bool
}

// itemExtra is what an input rarely has: a Name other than its path
// (standard input's), an Err, or targets planning refused (see [Jobs]).
type itemExtra struct {
	name       string
	hasName    bool
	err        error
	targetErrs []error // per target; nil when none was refused
}

// len is the number of inputs.
func (l *inputList) len() int { return len(l.items) }

// input makes the input at i.
func (l *inputList) input(i int) Input {
	it := &l.items[i]
	in := Input{Path: l.path(i), Found: it.found}
	in.Name = in.Path
	if it.relAfter {
		in.Rel = l.text[it.off+it.pathLen : it.off+it.pathLen+it.relLen]
	} else {
		in.Rel = in.Path[len(in.Path)-int(it.relLen):]
	}
	if it.extra >= 0 {
		x := &l.extras[it.extra]
		if x.hasName {
			in.Name = x.name
		}
		in.Err = x.err
	}
	return in
}

// path is the Path of the input at i.
func (l *inputList) path(i int) string {
	it := &l.items[i]
	return l.text[it.off : it.off+it.pathLen]
}

// extra is what the input at i has besides, made if need be.
func (l *inputList) extra(i int) *itemExtra {
	if l.items[i].extra < 0 {
		l.items[i].extra = int32(len(l.extras))
		l.extras = append(l.extras, itemExtra{})
	}
	return &l.extras[l.items[i].extra]
}

// setErr sets the Err of the input at i.
func (l *inputList) setErr(i int, err error) { l.extra(i).err = err }

// hasErr reports whether the input at i has an Err.
func (l *inputList) hasErr(i int) bool {
	x := l.items[i].extra
	return x >= 0 && l.extras[x].err != nil
}

// targetErrs are the errors of the targets of the input at i that
// planning refused, one per target, or nil.
func (l *inputList) targetErrs(i int) []error {
	if x := l.items[i].extra; x >= 0 {
		return l.extras[x].targetErrs
	}
	return nil
}

// filter keeps the inputs for which keep is true, in order.
func (l *inputList) filter(keep func(i int) bool) {
	k := 0
	for i := range l.items {
		if keep(i) {
			l.items[k] = l.items[i]
			k++
		}
	}
	l.items = slices.Delete(l.items, k, len(l.items))
}

// inputs makes every input.
func (l *inputList) inputs() []Input {
	ins := make([]Input, l.len())
	for i := range ins {
		ins[i] = l.input(i)
	}
	return ins
}

// listBuilder makes an [inputList]: the text grows as inputs are added,
// and becomes the list's when it is done (a strings.Builder gives it
// away without a copy).
type listBuilder struct {
	text   strings.Builder
	items  []inputItem
	extras []itemExtra
}

// add appends in.
func (b *listBuilder) add(in Input) {
	it := inputItem{off: uint32(b.text.Len()), pathLen: uint32(len(in.Path)), relLen: uint32(len(in.Rel)), extra: -1, size: -1, found: in.Found}
	b.text.WriteString(in.Path)
	if !strings.HasSuffix(in.Path, in.Rel) {
		it.relAfter = true
		b.text.WriteString(in.Rel)
	}
	if in.Name != in.Path || in.Err != nil {
		it.extra = int32(len(b.extras))
		b.extras = append(b.extras, itemExtra{name: in.Name, hasName: in.Name != in.Path, err: in.Err})
	}
	b.items = append(b.items, it)
}

// path is the path of it, as the text stands while building.
func (b *listBuilder) path(it inputItem) string { return b.text.String()[it.off : it.off+it.pathLen] }

// list returns the list built.
func (b *listBuilder) list() inputList {
	return inputList{text: b.text.String(), items: slices.Clip(b.items), extras: b.extras}
}

// listOf makes the list of inputs.
func listOf(inputs []Input) inputList {
	var b listBuilder
	for _, in := range inputs {
		b.add(in)
	}
	return b.list()
}

// walkList finds the files under root that f takes, sorted by path, into
// b, as [filepath.WalkDir] would visit them but without holding a
// directory's entries as objects: a folder of 100,000 files is read in
// chunks, its names kept in one text while it is walked.
func walkList(b *listBuilder, root string, f Filter, skipped map[string]bool) error {
	top := root
	if info, err := os.Lstat(root); err == nil && info.Mode()&os.ModeSymlink != 0 {
		top = root + string(filepath.Separator) // walk the folder a link names
	}
	first := len(b.items)
	info, err := os.Lstat(top)
	if err == nil && info.IsDir() {
		err = walkDir(b, root, top, f, skipped)
	}
	found := b.items[first:]
	slices.SortFunc(found, func(x, y inputItem) int { return strings.Compare(b.path(x), b.path(y)) })
	return err
}

// walkDir adds the files under dir, in the order of WalkDir: each
// folder's entries sorted by name, a folder's files before going on.
func walkDir(b *listBuilder, root, dir string, f Filter, skipped map[string]bool) error {
	var ls listing
	if err := ls.read(dir); err != nil {
		return err
	}
	for _, e := range ls.sorted() {
		name := ls.name(e)
		p := filepath.Join(dir, name)
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(name, ".") || e.dir && f.excludes(rel) {
			continue
		}
		if e.dir {
			if err := walkDir(b, root, p, f, skipped); err != nil {
				return err
			}
			continue
		}
		if !f.Takes(rel) {
			continue
		}
		if len(skipped) > 0 {
			if abs, err := filepath.Abs(p); err == nil && skipped[abs] {
				continue
			}
		}
		b.add(Input{Path: p, Name: p, Rel: rel, Found: true})
	}
	return nil
}

// listing is the names in one folder, kept in one text.
type listing struct {
	text    []byte
	entries []listEntry
}

type listEntry struct {
	off, n uint32 // the name, in the listing's text
	dir    bool
}

func (ls *listing) name(e listEntry) string { return string(ls.text[e.off : e.off+e.n]) }

// read reads the names in dir, a chunk at a time. An error is that of
// os.ReadDir, which WalkDir stops at.
func (ls *listing) read(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	for {
		chunk, err := d.ReadDir(512)
		for _, e := range chunk {
			ls.entries = append(ls.entries, listEntry{uint32(len(ls.text)), uint32(len(e.Name())), e.IsDir()})
			ls.text = append(ls.text, e.Name()...)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// sorted returns the entries sorted by name.
func (ls *listing) sorted() []listEntry {
	key := func(e listEntry) []byte { return ls.text[e.off : e.off+e.n] }
	slices.SortFunc(ls.entries, func(x, y listEntry) int { return bytes.Compare(key(x), key(y)) })
	return ls.entries
}
