package convert

import (
	"io"
	"io/fs"
	"os"
	"path"
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
	text   []string // the paths (and the Rels that are no suffix of their path), in blocks
	tops   []string // the folders walked, which found files' paths begin with
	items  []inputItem
	extras []itemExtra // what few inputs have besides, by inputItem.extra
}

// inputItem is one input of an [inputList]. A file found in a folder
// keeps only its Rel, relLen bytes at off in the text (see [textAt]):
// its path is that of the folder walked, tops[top], joined with it.
// Another input (top -1) keeps its path, pathLen bytes at off; its Rel
// ends it, or with relAfter follows it.
type inputItem struct {
	off, pathLen, relLen uint32
	top                  int32 // index into tops, or -1
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
	if it.top >= 0 {
		in.Rel = textAt(l.text, it.off, it.relLen)
	} else if it.relAfter {
		in.Rel = textAt(l.text, it.off, it.pathLen+it.relLen)[it.pathLen:]
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
func (l *inputList) path(i int) string { return itemPath(l.text, l.tops, l.items[i]) }

// itemPath is the path of it, in a list of text and tops. That of a file
// found in a folder is made anew each time: a join of two strings, as
// the walk made it.
func itemPath(text, tops []string, it inputItem) string {
	if it.top >= 0 {
		return filepath.Join(tops[it.top], filepath.FromSlash(textAt(text, it.off, it.relLen)))
	}
	return textAt(text, it.off, it.pathLen)
}

// The text of a list is kept in blocks of textBlock bytes (a longer
// string has a block of its own), so that it grows without copying what
// it holds: an offset is a block's number, then a place in it.
const (
	textBlock = 64 << 10
	blockBits = 16
)

// textAt is the string of n bytes at off in a list's text.
func textAt(blocks []string, off, n uint32) string {
	b, pos := off>>blockBits, off&(1<<blockBits-1)
	return blocks[b][pos : pos+n]
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

// filter keeps the inputs for which keep is true, in order. keep sees
// the list as it was, every input at its index.
func (l *inputList) filter(keep func(i int) bool) {
	drop := make([]bool, len(l.items))
	for i := range l.items {
		drop[i] = !keep(i)
	}
	k := 0
	for i := range l.items {
		if !drop[i] {
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
// and becomes the list's when it is done. Each block is a
// strings.Builder written only within its capacity, so that a string
// taken from it stays valid and none is copied.
type listBuilder struct {
	text   []*strings.Builder
	tops   []string
	items  []inputItem
	extras []itemExtra
}

// add appends in.
func (b *listBuilder) add(in Input) {
	it := inputItem{pathLen: uint32(len(in.Path)), relLen: uint32(len(in.Rel)), top: -1, extra: -1, size: -1, found: in.Found}
	rel := ""
	if !strings.HasSuffix(in.Path, in.Rel) {
		it.relAfter = true
		rel = in.Rel
	}
	it.off = b.put(in.Path, rel)
	if in.Name != in.Path || in.Err != nil {
		it.extra = int32(len(b.extras))
		b.extras = append(b.extras, itemExtra{name: in.Name, hasName: in.Name != in.Path, err: in.Err})
	}
	b.items = append(b.items, it)
}

// addFound appends the file at rel found in the folder tops[top].
func (b *listBuilder) addFound(top int, rel string) {
	b.items = append(b.items, inputItem{off: b.put(rel, ""), relLen: uint32(len(rel)), top: int32(top), extra: -1, size: -1, found: true})
}

// put writes s and t together in a block and returns their offset.
func (b *listBuilder) put(s, t string) uint32 {
	n := len(s) + len(t)
	if k := len(b.text); k == 0 || !fits(b.text[k-1], n) {
		var blk strings.Builder
		blk.Grow(max(textBlock, n))
		b.text = append(b.text, &blk)
	}
	k := len(b.text) - 1
	blk := b.text[k]
	off := uint32(k)<<blockBits | uint32(blk.Len())
	blk.WriteString(s)
	blk.WriteString(t)
	return off
}

// fits reports whether n more bytes go in the block without growing it
// or starting past the place an offset can say.
func fits(blk *strings.Builder, n int) bool {
	return blk.Len()+n <= blk.Cap() && (blk.Len() == 0 || blk.Len()+n <= textBlock)
}

// text is the text of it (its Rel for a file found in a folder, else its
// path), as it stands while building.
func (b *listBuilder) textOf(it inputItem) string {
	n := it.pathLen
	if it.top >= 0 {
		n = it.relLen
	}
	pos := it.off & (1<<blockBits - 1)
	return b.text[it.off>>blockBits].String()[pos : pos+n]
}

func (b *listBuilder) blocks() []string {
	blocks := make([]string, len(b.text))
	for i, blk := range b.text {
		blocks[i] = blk.String()
	}
	return blocks
}

// list returns the list built.
func (b *listBuilder) list() inputList {
	// The items are copied to their number: grown by appending, they
	// may have a quarter more room than they fill.
	return inputList{text: b.blocks(), tops: b.tops, items: slices.Clone(b.items), extras: b.extras}
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
// b: the files [filepath.WalkDir] would visit, stopping where it would
// stop at an error, but without holding a folder's entries: a folder of
// 100,000 files is read in chunks, straight into the list.
func walkList(b *listBuilder, root string, f Filter, skipped map[string]bool) error {
	top := root
	if info, err := os.Lstat(root); err == nil && info.Mode()&os.ModeSymlink != 0 {
		top = root + string(filepath.Separator) // walk the folder a link names
	}
	first := len(b.items)
	info, err := os.Lstat(top)
	if err == nil && info.IsDir() {
		b.tops = append(b.tops, top)
		err = walkDir(b, len(b.tops)-1, root, top, f, skipped)
	}
	// Every path found begins with the same folder: sorting by Rel
	// sorts by path.
	found := b.items[first:]
	slices.SortFunc(found, func(x, y inputItem) int { return strings.Compare(b.textOf(x), b.textOf(y)) })
	return err
}

// walkDir adds the files under dir that f takes: first those in dir,
// then those under each of its folders, in order of name. WalkDir visits
// a folder's entries in order of name and stops at the first error: so
// when dir cannot be read, none of its files is kept, and when a folder
// in it fails, none of the files of dir named after that folder.
func walkDir(b *listBuilder, top int, root, dir string, f Filter, skipped map[string]bool) error {
	start := len(b.items)
	var subdirs []string
	err := readDir(dir, func(e fs.DirEntry) error {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			return nil
		}
		p := filepath.Join(dir, name)
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case e.IsDir():
			if !f.excludes(rel) {
				subdirs = append(subdirs, name)
			}
			return nil
		case !f.Takes(rel):
			return nil
		}
		if len(skipped) > 0 {
			if abs, err := filepath.Abs(p); err == nil && skipped[abs] {
				return nil
			}
		}
		b.addFound(top, rel)
		return nil
	})
	if err != nil {
		b.items = b.items[:start]
		return err
	}
	files := len(b.items)
	slices.Sort(subdirs)
	for _, name := range subdirs {
		if err := walkDir(b, top, root, filepath.Join(dir, name), f, skipped); err != nil {
			kept := slices.DeleteFunc(slices.Clone(b.items[start:files]), func(it inputItem) bool { return path.Base(b.textOf(it)) > name })
			b.items = slices.Concat(b.items[:start], kept, b.items[files:])
			return err
		}
	}
	return nil
}

// readDir calls fn with each entry of dir, read a chunk at a time. An
// error is that os.ReadDir would return, which WalkDir stops at.
func readDir(dir string, fn func(fs.DirEntry) error) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	for {
		chunk, err := d.ReadDir(512)
		for _, e := range chunk {
			if err := fn(e); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
