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
// text, and a small fixed-size item per input. An [Input] is made from
// its item when it is needed; its strings point into the text.
type inputList struct {
	text  string // the paths (and the Rels that are no suffix of their path)
	items []inputItem
	errs  []error // the inputs' Errs, by inputItem.err
}

// inputItem is one input of an [inputList].
type inputItem struct {
	path, name, rel span  // in the list's text
	err             int32 // index into errs, or -1
	terrs           int32 // index into the plan's target errors, or -1 (see [Jobs])
	size            int64 // the file's size, as planning stats it; -1 before
	found           bool
}

// span is a part of an inputList's text.
type span struct{ off, n uint32 }

func (s span) of(text string) string { return text[s.off : s.off+s.n] }

// len is the number of inputs.
func (l *inputList) len() int { return len(l.items) }

// input makes the input at i.
func (l *inputList) input(i int) Input {
	it := &l.items[i]
	in := Input{Path: it.path.of(l.text), Name: it.name.of(l.text), Rel: it.rel.of(l.text), Found: it.found}
	if it.err >= 0 {
		in.Err = l.errs[it.err]
	}
	return in
}

// setErr sets the Err of the input at i.
func (l *inputList) setErr(i int, err error) {
	if err == nil {
		l.items[i].err = -1
		return
	}
	l.items[i].err = int32(len(l.errs))
	l.errs = append(l.errs, err)
}

// hasErr reports whether the input at i has an Err.
func (l *inputList) hasErr(i int) bool { return l.items[i].err >= 0 }

// path is the Path of the input at i.
func (l *inputList) path(i int) string { return l.items[i].path.of(l.text) }

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
// and becomes the list's when it is done.
type listBuilder struct {
	text  []byte
	items []inputItem
	errs  []error
}

// add appends in.
func (b *listBuilder) add(in Input) {
	it := inputItem{err: -1, terrs: -1, size: -1, found: in.Found}
	it.path = b.put(in.Path)
	it.name = it.path
	if in.Name != in.Path {
		it.name = b.put(in.Name)
	}
	if strings.HasSuffix(in.Path, in.Rel) {
		it.rel = span{it.path.off + it.path.n - uint32(len(in.Rel)), uint32(len(in.Rel))}
	} else {
		it.rel = b.put(in.Rel)
	}
	if in.Err != nil {
		it.err = int32(len(b.errs))
		b.errs = append(b.errs, in.Err)
	}
	b.items = append(b.items, it)
}

func (b *listBuilder) put(s string) span {
	sp := span{uint32(len(b.text)), uint32(len(s))}
	b.text = append(b.text, s...)
	return sp
}

// str is the text of sp, as it stands while building.
func (b *listBuilder) str(sp span) []byte { return b.text[sp.off : sp.off+sp.n] }

// list returns the list built.
func (b *listBuilder) list() inputList {
	return inputList{text: string(b.text), items: slices.Clip(b.items), errs: b.errs}
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
	slices.SortFunc(found, func(x, y inputItem) int { return bytes.Compare(b.str(x.path), b.str(y.path)) })
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
	name span
	dir  bool
}

func (ls *listing) name(e listEntry) string { return string(ls.text[e.name.off : e.name.off+e.name.n]) }

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
			ls.entries = append(ls.entries, listEntry{span{uint32(len(ls.text)), uint32(len(e.Name()))}, e.IsDir()})
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
	key := func(e listEntry) []byte { return ls.text[e.name.off : e.name.off+e.name.n] }
	slices.SortFunc(ls.entries, func(x, y listEntry) int { return bytes.Compare(key(x), key(y)) })
	return ls.entries
}
