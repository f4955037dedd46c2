package convert

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// StdinName names standard input in messages and in the model.
const StdinName = "<stdin>"

// Input is one input of a batch: a file, or standard input.
type Input struct {
	// Path is the file to read; "" means standard input.
	Path string
	// Name is the input in messages and in the model: its path as
	// given or found, or [StdinName].
	Name string
	// Rel is where the input stands under its root argument,
	// slash-separated: the path below the directory that was given
	// ("sub/x.txt" for corpus/sub/x.txt found in corpus/), the base name
	// of a file given by name, "stdin" for standard input. Outputs under
	// an output directory are placed at Rel, and shards are chosen by it.
	Rel string
	// Found is set for a file found by walking a directory, as opposed
	// to one named on the command line or in a list.
	Found bool
	// Err is a problem found before reading: the input fails with it.
	Err error
}

// Filter chooses the files a directory contributes to a batch. Its
// zero value takes the files whose names end in one of [InputExts],
// ignoring case.
//
// A pattern is a glob in the syntax of [path.Match], matched against a
// file's path relative to the directory argument, slash-separated; "**"
// as a whole segment matches any number of directories. A pattern
// without a slash is matched against the base name alone, at any depth
// (so "input.txt" takes every fixtures/*/input.txt). Include, when not
// empty, replaces the default extensions; Exclude wins over Include and
// also prunes directories it matches. Names starting with a dot are
// always skipped.
type Filter struct {
	Include []string
	Exclude []string
}

// Check reports a malformed pattern.
func (f Filter) Check() error {
	for _, p := range slices.Concat(f.Include, f.Exclude) {
		if p == "" {
			return errors.New("empty pattern")
		}
		for seg := range strings.SplitSeq(p, "/") {
			if _, err := path.Match(seg, ""); err != nil {
				return fmt.Errorf("bad pattern %q: %v", p, err)
			}
		}
	}
	return nil
}

// Describe says which files the filter takes, for messages.
func (f Filter) Describe() string {
	s := "*" + strings.Join(inputExts, ", *")
	if len(f.Include) > 0 {
		s = strings.Join(f.Include, ", ")
	}
	if len(f.Exclude) > 0 {
		s += " (not " + strings.Join(f.Exclude, ", ") + ")"
	}
	return s
}

// Takes reports whether the filter takes the file at rel, a
// slash-separated path relative to its directory argument.
func (f Filter) Takes(rel string) bool {
	if f.excludes(rel) {
		return false
	}
	if len(f.Include) == 0 {
		return slices.Contains(inputExts, strings.ToLower(path.Ext(rel)))
	}
	return slices.ContainsFunc(f.Include, func(p string) bool { return matchGlob(p, rel) })
}

func (f Filter) excludes(rel string) bool {
	return slices.ContainsFunc(f.Exclude, func(p string) bool { return matchGlob(p, rel) })
}

// matchGlob matches a slash-separated path against a pattern: by base
// name for a pattern without a slash, else segment by segment with "**"
// for any number of segments.
func matchGlob(pattern, rel string) bool {
	if !strings.Contains(pattern, "/") {
		ok, _ := path.Match(pattern, path.Base(rel))
		return ok
	}
	return matchSegments(strings.Split(strings.TrimPrefix(pattern, "/"), "/"), strings.Split(rel, "/"))
}

func matchSegments(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if matchSegments(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// Expand turns input arguments into the inputs of a batch, in order: a
// file as named (Rel its base name), "-" for standard input, a
// directory for the files in it that f takes, at any depth, sorted (Rel
// their path below it). A file or directory that cannot be read becomes
// an input with Err set; so does a directory with no file f takes. Files
// whose absolute paths are in skip (such as the manifest being written)
// are left out of directories. Expand fails only when "-" is given
// twice.
func Expand(args []string, f Filter, skip []string) ([]Input, error) {
	l, err := expandList(args, f, skip)
	if err != nil {
		return nil, err
	}
	return l.inputs(), nil
}

// expandList is [Expand] into an [inputList].
func expandList(args []string, f Filter, skip []string) (inputList, error) {
	skipped := map[string]bool{}
	for _, s := range skip {
		if abs, err := filepath.Abs(s); err == nil {
			skipped[abs] = true
		}
	}
	var b listBuilder
	sawStdin := false
	for _, arg := range args {
		if arg == "-" {
			if sawStdin {
				return inputList{}, errors.New("standard input (-) given twice")
			}
			sawStdin = true
			b.add(Input{Name: StdinName, Rel: "stdin"})
			continue
		}
		info, err := os.Stat(arg)
		switch {
		case err != nil:
			b.add(Input{Path: arg, Name: arg, Rel: fileRel(arg), Err: fileError(arg, err)})
		case info.IsDir():
			before := len(b.items)
			err := walkList(&b, arg, f, skipped)
			if err == nil && len(b.items) == before {
				err = fmt.Errorf("%s: no files matching %s in this directory", arg, f.Describe())
			}
			if err != nil {
				b.add(Input{Path: arg, Name: arg, Rel: fileRel(arg), Err: err})
			}
		default:
			b.add(Input{Path: arg, Name: arg, Rel: fileRel(arg)})
		}
	}
	return b.list(), nil
}

// SourceNameOf is what the model records as source.name for a source
// text read from in: its path relative to the argument that named it
// ([Input.Rel]: sub/x.txt for corpus/sub/x.txt found in corpus/, x.txt
// for ../a/x.txt named as such), so that the same batch run from
// another folder, or from another place in the tree, gives the same
// bytes; [StdinName] for standard input.
func SourceNameOf(in Input) string {
	if in.Path == "" {
		return StdinName
	}
	return in.Rel
}

// fileRel is the Rel of a file given by name: its base name.
func fileRel(name string) string { return filepath.Base(name) }

// walk finds the files under root that f takes, sorted by path.
func walk(root string, f Filter, skipped map[string]bool) ([]Input, error) {
	var b listBuilder
	err := walkList(&b, root, f, skipped)
	l := b.list()
	return l.inputs(), err
}

// ReadFileList reads a list of inputs, one path per line, as -files-from
// takes it: surrounding spaces and a carriage return are trimmed, and
// blank lines and lines starting with # are skipped.
func ReadFileList(r io.Reader) ([]string, error) {
	var list []string
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		list = append(list, line)
	}
	return list, sc.Err()
}

// fileError gives an error about path as "path: cause", without the
// operation an [*fs.PathError] adds; nil stays nil.
func fileError(path string, err error) error {
	if err == nil {
		return nil
	}
	return pathError(path, err)
}
