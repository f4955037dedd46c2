package convert

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Destination says where the outputs of a batch go. Its zero value puts
// each output next to its input (standard input's on standard output).
type Destination struct {
	// Dir, when set, is the output directory: each output goes under Dir
	// at its input's [Input.Rel], with the format's extension in place of
	// the input's (corpus/sub/x.txt found in corpus/ → Dir/sub/x.json).
	Dir string
	// File, when set, is the one output file of a batch of one input in
	// one format.
	File string
	// Stdout sends the one output of a batch of one input in one format
	// to standard output.
	Stdout bool
	// Workbook, when set, is the corpus workbook: every input goes into
	// this one XLSX file, and the xlsx format has no file per input.
	Workbook string
	// Fresh says that Dir did not exist before this run made it: no
	// output below it can be an existing file (an input through a link),
	// so planning looks for none.
	Fresh bool
}

// Job is one input of a batch and the outputs it goes to, as [Jobs.Job]
// makes it.
type Job struct {
	Input
	// Targets are the outputs, one per format, in the order of the
	// formats.
	Targets []Target
}

// Target is one output of a [Job].
type Target struct {
	// Format points into the formats given to [Plan], shared by every job.
	Format *Format
	// Path is the file to write; "" means standard output.
	Path string
	// Err says why the output cannot be written; the job fails with it
	// and its other outputs are still written.
	Err error
}

// Jobs is a planned batch: its inputs and where their outputs go. It
// keeps every input's path once, in a compact list, and the few errors
// planning found; a [Job] is made from them when it is asked for, its
// targets' paths derived from the destination again. So a batch of
// 100,000 inputs holds a few megabytes, not a job and three output paths
// per input.
type Jobs struct {
	list    inputList
	formats []Format
	dest    Destination
}

// Len is the number of jobs.
func (js *Jobs) Len() int {
	if js == nil {
		return 0
	}
	return js.list.len()
}

// Job makes the job at i.
func (js *Jobs) Job(i int) *Job {
	j := &Job{Input: js.list.input(i)}
	if j.Err != nil {
		return j
	}
	terrs := js.list.targetErrs(i)
	for k, f := range js.targetFormats() {
		t := js.target(j.Input, f)
		if terrs != nil && terrs[k] != nil {
			t.Err = terrs[k]
		}
		j.Targets = append(j.Targets, t)
	}
	return j
}

// targetFormats are the formats that have a target: all but xlsx with a
// corpus workbook, which the batch runner adds every document to instead.
func (js *Jobs) targetFormats() []*Format {
	var fs []*Format
	for i := range js.formats {
		f := &js.formats[i] // shared by every job: a large batch holds no copies
		if js.dest.Workbook != "" && f.Name == "xlsx" {
			continue
		}
		fs = append(fs, f)
	}
	return fs
}

// target is where the output of in in format f goes.
func (js *Jobs) target(in Input, f *Format) Target {
	dest := js.dest
	t := Target{Format: f}
	switch {
	case dest.Stdout, dest == (Destination{}) && in.Path == "":
		// standard output
	case dest.File != "":
		t.Path = dest.File
	case dest.Dir != "":
		if !filepath.IsLocal(filepath.FromSlash(in.Rel)) {
			t.Err = fmt.Errorf("%s: not writing %s: it would land outside %s", in.Name, in.Rel, dest.Dir)
			break
		}
		t.Path = relOutputPath(in.Rel, dest.Dir, *f)
	default:
		t.Path = OutputPath(in.Path, "", *f)
	}
	return t
}

// Plan decides where every output of a batch goes: it makes a [Job] of
// each input with a [Target] per format. It never lets an output land
// on an input (by name, or as the same file through a link), nor two
// outputs on one path: such a target gets an Err naming the other input.
// With an output directory, inputs found below it are dropped (the
// outputs of an earlier run are not inputs); with outputs next to their
// inputs, a found file that is the output of a sibling being written
// (a.json beside a.txt, with json among formats) is dropped. In every
// case a found file that is our own output of a source found beside it
// is dropped, whatever the formats (see skipDerived): a derived file
// never wins over its source. Inputs named on the command line always
// stay.
//
// With a corpus workbook, the xlsx format has no targets: the batch
// runner adds every document to the workbook instead.
func Plan(inputs []Input, formats []Format, dest Destination) *Jobs {
	return planList(listOf(inputs), formats, dest)
}

// planList is [Plan] of an [inputList]. What it finds out for every
// output (its path, whether it clashes) it forgets again, but for the
// errors.
func planList(l inputList, formats []Format, dest Destination) *Jobs {
	for i := range l.items {
		if l.hasErr(i) || l.path(i) == "" {
			continue
		}
		info, err := os.Stat(l.path(i))
		if err != nil {
			l.setErr(i, fileError(l.path(i), err))
			continue
		}
		l.items[i].size = info.Size()
	}
	switch {
	case dest.Dir != "":
		skipUnder(&l, dest.Dir, newAbsolver())
	case dest == (Destination{}):
		skipOutputs(&l, formats)
	}
	skipDerived(&l)

	js := &Jobs{list: l, formats: formats, dest: dest}
	a := newAbsolver()
	// With an output directory every output lies below it: only an
	// input below it can be one by name.
	idx := newInputIndex(&js.list, a, dest.Dir)
	fs := js.targetFormats()
	refuse := func(i, k int, err error) {
		x := js.list.extra(i)
		if x.targetErrs == nil {
			x.targetErrs = make([]error, len(fs))
		}
		x.targetErrs[k] = err
	}
	// A target that lands on no input claims its path; of targets on one
	// path, the first (in the order of jobs, then formats) has it. Only
	// the hashes of the paths are kept; the paths of hashes seen twice
	// are compared in a second pass.
	claims := make([]uint64, 0, js.list.len()*len(fs)) // sized once: 100,000 inputs make 300,000 claims
	js.eachClaim(fs, func(i, k int, in Input, t Target, key string) {
		if other, link := idx.at(t.Path, key, !dest.Fresh); other >= 0 {
			name := js.list.input(other).Name
			switch {
			case link:
				refuse(i, k, fmt.Errorf("%s: not writing %s: it is the input %s, through a link", in.Name, t.Path, name))
			case other == i:
				refuse(i, k, fmt.Errorf("%s: not writing %s over its own input (use -o)", in.Name, t.Path))
			default:
				refuse(i, k, fmt.Errorf("%s: not writing %s: it is the input %s", in.Name, t.Path, name))
			}
			return
		}
		claims = append(claims, hashPath(key))
	})
	slices.Sort(claims)
	twice := map[uint64]bool{}
	for g := 1; g < len(claims); g++ {
		if claims[g] == claims[g-1] {
			twice[claims[g]] = true
		}
	}
	claims = nil
	if len(twice) > 0 {
		first := map[string]string{} // path → the input it belongs to
		js.eachClaim(fs, func(i, k int, in Input, t Target, key string) {
			if terrs := js.list.targetErrs(i); terrs != nil && terrs[k] != nil || !twice[hashPath(key)] {
				return
			}
			if other, ok := first[key]; ok {
				refuse(i, k, fmt.Errorf("%s: not writing %s: it is the output of %s", in.Name, t.Path, other))
			} else {
				first[key] = in.Name
			}
		})
	}
	return js
}

// eachClaim calls fn with every target that goes to a file, in the order
// of jobs, then formats (fs), with its absolute path.
func (js *Jobs) eachClaim(fs []*Format, fn func(i, k int, in Input, t Target, key string)) {
	a := newAbsolver()
	for i := range js.list.items {
		if js.list.hasErr(i) {
			continue
		}
		in := js.list.input(i)
		for k, f := range fs {
			if t := js.target(in, f); t.Path != "" && t.Err == nil {
				fn(i, k, in, t, a.abs(t.Path))
			}
		}
	}
}

// hashPath hashes a path, for finding equal paths among many without
// keeping them.
func hashPath(p string) uint64 { return maphash.String(pathSeed, p) }

var pathSeed = maphash.MakeSeed()

// WorkbookClash returns the input a corpus workbook at path would
// overwrite, or "".
func WorkbookClash(jobs *Jobs, path string) string {
	a := newAbsolver()
	if other, _ := newInputIndex(&jobs.list, a, "").at(path, a.abs(path), true); other >= 0 {
		return jobs.list.input(other).Name
	}
	return ""
}

// relOutputPath places the output of the input at rel (slash-separated)
// under dir: its directories kept, its extension replaced by the
// format's.
func relOutputPath(rel, dir string, f Format) string {
	d, base := path.Split(rel)
	return OutputPath(base, filepath.Join(dir, filepath.FromSlash(d)), f)
}

// absolver makes paths absolute against the working directory, read
// once: filepath.Abs reads it again, with two stat calls, for every path,
// and a batch asks for several paths per input.
type absolver string

func newAbsolver() absolver {
	cwd, _ := os.Getwd()
	return absolver(cwd)
}

func (a absolver) abs(p string) string {
	if filepath.IsAbs(p) || a == "" {
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return filepath.Clean(p)
	}
	return filepath.Join(string(a), p)
}

// inputIndex finds the input at a path, by name or as the same file. It
// keeps a hash of every input's absolute path, not the path.
type inputIndex struct {
	l      *inputList
	a      absolver
	byPath []hashedInput     // sorted
	bySize map[int64][]int32 // inputs by size; made when first needed
}

type hashedInput struct {
	h uint64
	i int32
}

// newInputIndex indexes the inputs of l, by name those below the folder
// under alone, if it is not "".
func newInputIndex(l *inputList, a absolver, under string) *inputIndex {
	idx := &inputIndex{l: l, a: a}
	prefix := ""
	if under != "" {
		prefix = a.abs(under)
		if !strings.HasSuffix(prefix, string(filepath.Separator)) {
			prefix += string(filepath.Separator)
		}
	}
	for i := range l.items {
		if p := l.path(i); p != "" {
			if abs := a.abs(p); strings.HasPrefix(abs, prefix) {
				idx.byPath = append(idx.byPath, hashedInput{hashPath(abs), int32(i)})
			}
		}
	}
	slices.SortFunc(idx.byPath, func(x, y hashedInput) int { return cmp.Or(cmp.Compare(x.h, y.h), cmp.Compare(x.i, y.i)) })
	return idx
}

// at returns the job whose input is at path (whose absolute form is
// key), by name or, with link set, as the same file through a symbolic
// or hard link; or -1. Only with exists does it look for a file at
// path (a path in a folder this run made holds none).
func (idx *inputIndex) at(path, key string, exists bool) (j int, link bool) {
	h := hashPath(key)
	n, _ := slices.BinarySearchFunc(idx.byPath, h, func(x hashedInput, h uint64) int { return cmp.Compare(x.h, h) })
	for ; n < len(idx.byPath) && idx.byPath[n].h == h; n++ {
		if i := int(idx.byPath[n].i); idx.a.abs(idx.l.path(i)) == key {
			return i, false
		}
	}
	if !exists {
		return -1, false
	}
	info, err := os.Stat(path)
	if err != nil {
		return -1, false
	}
	if idx.bySize == nil {
		idx.bySize = map[int64][]int32{}
		for i, it := range idx.l.items {
			if it.size >= 0 && !idx.l.hasErr(i) && idx.l.path(i) != "" {
				idx.bySize[it.size] = append(idx.bySize[it.size], int32(i))
			}
		}
	}
	for _, i := range idx.bySize[info.Size()] {
		if other, err := os.Stat(idx.l.path(int(i))); err == nil && os.SameFile(info, other) {
			return int(i), true
		}
	}
	return -1, false
}

// skipUnder drops the inputs found below dir while walking a directory.
func skipUnder(l *inputList, dir string, a absolver) {
	abs := a.abs(dir)
	l.filter(func(i int) bool {
		return !l.items[i].found || !strings.HasPrefix(a.abs(l.path(i)), abs+string(filepath.Separator))
	})
}

// skipOutputs drops the found inputs that are the outputs of a sibling
// from an earlier run: a file whose extension is that of an output
// format, next to a found file with the same name and another extension.
func skipOutputs(l *inputList, formats []Format) {
	isOut := func(p string) bool {
		return slices.ContainsFunc(formats, func(f Format) bool { return f.HasExt(p) })
	}
	stem := func(p string) string {
		for _, f := range formats {
			if f.HasExt(p) {
				return p[:len(p)-len(f.Ext)] // x.akn.xml → x
			}
		}
		return strings.TrimSuffix(p, filepath.Ext(p))
	}
	sources := newKeySet(l, stem, func(i int) bool { return l.items[i].found && !l.hasErr(i) && !isOut(l.path(i)) })
	l.filter(func(i int) bool {
		return !l.items[i].found || !isOut(l.path(i)) || sources.count(stem(l.path(i))) == 0
	})
}

// skipDerived drops the found inputs that are our own outputs of a
// source found beside them, so that the source, not a stale output of
// an earlier in-place run, is the input: a canonical YAML or JSON file
// (recognised by content) whose source.name has the base name of a
// found sibling of the same stem (x.json, x.yaml of x.txt), and
// x.out.txt, the text output of x.txt (see [OutputPath]).
func skipDerived(l *inputList) {
	take := func(i int) bool { return l.items[i].found && !l.hasErr(i) }
	found := newKeySet(l, func(p string) string { return p }, take)
	stems := newKeySet(l, stemOf, take)
	l.filter(func(i int) bool {
		if !l.items[i].found || l.hasErr(i) {
			return true
		}
		p := l.path(i)
		dir, base := filepath.Split(p)
		if n := len(base) - len(sameExtMark+textExt); n > 0 && strings.EqualFold(base[n:], sameExtMark+textExt) {
			return found.count(filepath.Join(dir, base[:n]+base[len(base)-len(textExt):])) == 0
		}
		if stems.count(stemOf(p)) < 2 || !slices.Contains(canonicalExts, strings.ToLower(filepath.Ext(base))) {
			return true
		}
		src := path.Base(canonicalSource(p))
		return !(src != "." && src != "/" && src != base && stemOf(src) == stemOf(base) && found.count(filepath.Join(dir, src)) > 0)
	})
}

// keySet counts the inputs of a list by a key of their paths (the path,
// its stem), keeping a hash of each key and the input's index, not the
// key: a set of 100,000 paths costs 1.6 MB, not a map of strings.
type keySet struct {
	l   *inputList
	key func(path string) string
	hs  []hashedInput // sorted
}

// newKeySet makes the set of the keys of the inputs of l that take
// takes. It holds while l is not changed (as [inputList.filter] does
// not, while it asks which inputs to keep).
func newKeySet(l *inputList, key func(string) string, take func(i int) bool) *keySet {
	s := &keySet{l: l, key: key, hs: make([]hashedInput, 0, l.len())}
	for i := range l.items {
		if take(i) {
			s.hs = append(s.hs, hashedInput{hashPath(key(l.path(i))), int32(i)})
		}
	}
	slices.SortFunc(s.hs, func(x, y hashedInput) int { return cmp.Compare(x.h, y.h) })
	return s
}

// count is the number of inputs whose key is k.
func (s *keySet) count(k string) int {
	h := hashPath(k)
	n := 0
	i, _ := slices.BinarySearchFunc(s.hs, h, func(x hashedInput, h uint64) int { return cmp.Compare(x.h, h) })
	for ; i < len(s.hs) && s.hs[i].h == h; i++ {
		if s.key(s.l.path(int(s.hs[i].i))) == k {
			n++
		}
	}
	return n
}

// canonicalExts are the extensions of canonical files.
var canonicalExts = []string{".yaml", ".yml", ".json"}

func stemOf(p string) string { return strings.TrimSuffix(p, filepath.Ext(p)) }

// canonicalSource returns the source.name of the canonical file at p,
// read from its head, or "" when it is not one.
func canonicalSource(p string) string {
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, sniffSize)
	n, _ := io.ReadFull(f, head)
	return SourceName(head[:n])
}
