package convert

import (
	"fmt"
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

// Job is one input of a batch and the outputs it goes to.
type Job struct {
	Input
	// Targets are the outputs, one per format, in the order of the
	// formats.
	Targets []Target

	info os.FileInfo // of Path, for telling whether an output is an input
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
func Plan(inputs []Input, formats []Format, dest Destination) []*Job {
	jobs := make([]*Job, 0, len(inputs))
	for _, in := range inputs {
		j := &Job{Input: in}
		if in.Err == nil && in.Path != "" {
			info, err := os.Stat(in.Path)
			j.info, j.Err = info, fileError(in.Path, err)
		}
		jobs = append(jobs, j)
	}
	switch {
	case dest.Dir != "":
		jobs = skipUnder(jobs, dest.Dir, newAbsolver())
	case dest == (Destination{}):
		jobs = skipOutputs(jobs, formats)
	}
	jobs = skipDerived(jobs)

	a := newAbsolver()
	idx := newInputIndex(jobs, a)
	claimed := map[string]string{} // absolute output path → the input it belongs to
	for _, j := range jobs {
		if j.Err != nil {
			continue
		}
		for i := range formats {
			f := &formats[i] // shared by every job: a large batch holds no copies
			if dest.Workbook != "" && f.Name == "xlsx" {
				continue
			}
			t := Target{Format: f}
			switch {
			case dest.Stdout, dest == (Destination{}) && j.Path == "":
				// standard output
			case dest.File != "":
				t.Path = dest.File
			case dest.Dir != "":
				if !filepath.IsLocal(filepath.FromSlash(j.Rel)) {
					t.Err = fmt.Errorf("%s: not writing %s: it would land outside %s", j.Name, j.Rel, dest.Dir)
					break
				}
				t.Path = relOutputPath(j.Rel, dest.Dir, *f)
			default:
				t.Path = OutputPath(j.Path, "", *f)
			}
			if t.Path != "" && t.Err == nil {
				key := a.abs(t.Path)
				if other, link := idx.at(t.Path, key, !dest.Fresh); other != nil {
					switch {
					case link:
						t.Err = fmt.Errorf("%s: not writing %s: it is the input %s, through a link", j.Name, t.Path, other.Name)
					case other == j:
						t.Err = fmt.Errorf("%s: not writing %s over its own input (use -o)", j.Name, t.Path)
					default:
						t.Err = fmt.Errorf("%s: not writing %s: it is the input %s", j.Name, t.Path, other.Name)
					}
				} else if first, ok := claimed[key]; ok {
					t.Err = fmt.Errorf("%s: not writing %s: it is the output of %s", j.Name, t.Path, first)
				} else {
					claimed[key] = j.Name
				}
			}
			j.Targets = append(j.Targets, t)
		}
	}
	for _, j := range jobs {
		j.info = nil // needed no more: keep a large batch small
	}
	return jobs
}

// WorkbookClash returns the input a corpus workbook at path would
// overwrite, or "".
func WorkbookClash(jobs []*Job, path string) string {
	a := newAbsolver()
	if other, _ := newInputIndex(jobs, a).at(path, a.abs(path), true); other != nil {
		return other.Name
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

// inputIndex finds the input at a path, by name or as the same file.
type inputIndex struct {
	byPath map[string]*Job
	bySize map[int64][]*Job
}

func newInputIndex(jobs []*Job, a absolver) inputIndex {
	idx := inputIndex{byPath: map[string]*Job{}, bySize: map[int64][]*Job{}}
	for _, j := range jobs {
		if j.Path == "" {
			continue
		}
		if key := a.abs(j.Path); idx.byPath[key] == nil {
			idx.byPath[key] = j
		}
		if j.info != nil {
			idx.bySize[j.info.Size()] = append(idx.bySize[j.info.Size()], j)
		}
	}
	return idx
}

// at returns the job whose input is at path (whose absolute form is
// key), by name or, with link set, as the same file through a symbolic
// or hard link; or nil. Only with exists does it look for a file at
// path (a path in a folder this run made holds none).
func (idx inputIndex) at(path, key string, exists bool) (j *Job, link bool) {
	if j := idx.byPath[key]; j != nil || !exists {
		return j, false
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, false
	}
	for _, j := range idx.bySize[info.Size()] {
		if os.SameFile(info, j.info) {
			return j, true
		}
	}
	return nil, false
}

// skipUnder drops the inputs found below dir while walking a directory.
func skipUnder(jobs []*Job, dir string, a absolver) []*Job {
	abs := a.abs(dir)
	return slices.DeleteFunc(jobs, func(j *Job) bool {
		return j.Found && strings.HasPrefix(a.abs(j.Path), abs+string(filepath.Separator))
	})
}

// skipOutputs drops the found inputs that are the outputs of a sibling
// from an earlier run: a file whose extension is that of an output
// format, next to a found file with the same name and another extension.
func skipOutputs(jobs []*Job, formats []Format) []*Job {
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
	sources := map[string]bool{}
	for _, j := range jobs {
		if j.Found && j.Err == nil && !isOut(j.Path) {
			sources[stem(j.Path)] = true
		}
	}
	return slices.DeleteFunc(jobs, func(j *Job) bool {
		return j.Found && isOut(j.Path) && sources[stem(j.Path)]
	})
}

// skipDerived drops the found inputs that are our own outputs of a
// source found beside them, so that the source, not a stale output of
// an earlier in-place run, is the input: a canonical YAML or JSON file
// (recognised by content) whose source.name has the base name of a
// found sibling of the same stem (x.json, x.yaml of x.txt), and
// x.out.txt, the text output of x.txt (see [OutputPath]).
func skipDerived(jobs []*Job) []*Job {
	found := map[string]bool{}
	stems := map[string]int{}
	for _, j := range jobs {
		if j.Found && j.Err == nil {
			found[j.Path] = true
			stems[stemOf(j.Path)]++
		}
	}
	return slices.DeleteFunc(jobs, func(j *Job) bool {
		if !j.Found || j.Err != nil {
			return false
		}
		dir, base := filepath.Split(j.Path)
		if n := len(base) - len(sameExtMark+textExt); n > 0 && strings.EqualFold(base[n:], sameExtMark+textExt) {
			return found[filepath.Join(dir, base[:n]+base[len(base)-len(textExt):])]
		}
		if stems[stemOf(j.Path)] < 2 || !slices.Contains(canonicalExts, strings.ToLower(filepath.Ext(base))) {
			return false
		}
		src := path.Base(canonicalSource(j.Path))
		return src != "." && src != "/" && src != base && stemOf(src) == stemOf(base) && found[filepath.Join(dir, src)]
	})
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
