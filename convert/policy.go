package convert

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The batch's policies about where files go, which the command applies
// to its flags: an output path names a file or a directory, and the
// files a run writes besides outputs (the manifest, the diagnostics) are
// never an input nor an output.

// UsageError is a batch described wrongly: the command reports it with
// its usage and exit status 2.
type UsageError string

func (e UsageError) Error() string { return string(e) }

func usagef(format string, args ...any) error { return UsageError(fmt.Sprintf(format, args...)) }

// Destine resolves an output path (-o) for a batch: "" puts each output
// beside its input, "-" sends the one output of one input in one format
// to standard output, a directory (existing, or ending in a separator)
// takes every output, and a file takes the one output of one input
// (single) in one format, or every document as a corpus workbook. A file
// path that exists or looks like a file cannot take more.
func Destine(out string, formats []Format, single bool) (Destination, error) {
	single = single && len(formats) == 1
	switch {
	case out == "":
		return Destination{}, nil
	case out == "-" && !single:
		return Destination{}, usagef("-o - takes one input and one format")
	case out == "-":
		return Destination{Stdout: true}, nil
	case IsDirPath(out):
		return Destination{Dir: out}, nil
	}
	_, err := os.Stat(out)
	switch {
	case single:
		return Destination{File: out}, nil
	case len(formats) == 1 && formats[0].Name == "xlsx" && strings.EqualFold(filepath.Ext(out), ".xlsx"):
		return Destination{Workbook: out}, nil
	case err == nil:
		return Destination{}, usagef("-o %s is a file: it can take only one input in one format", out)
	case LooksLikeFile(out):
		return Destination{}, usagef("-o %s looks like a file: it can take only one input in one format (end a directory's name with /)", out)
	}
	return Destination{Dir: out}, nil
}

// IsDirPath reports whether an output path names a directory: an
// existing one, or a path ending in a separator.
func IsDirPath(p string) bool {
	if strings.HasSuffix(p, "/") || strings.HasSuffix(p, string(filepath.Separator)) {
		return true
	}
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// LooksLikeFile reports whether an output path that does not exist yet
// has the extension of an output format or of an input: a file, not a
// directory.
func LooksLikeFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		return false
	}
	return slices.ContainsFunc(formats, func(f Format) bool { return f.HasExt(path) }) || slices.Contains(inputExts, ext)
}

// Side is a file a run writes besides the outputs of its inputs, with the
// name the user gave it (the flag) for messages.
type Side struct{ Flag, Path string }

// SidesNotInputs refuses a side file that is an input, by path or as the
// same file.
func SidesNotInputs(sides []Side, inputs []Input) error {
	l := listOf(inputs)
	return sidesNotInputs(sides, &l)
}

func sidesNotInputs(sides []Side, l *inputList) error {
	a := newAbsolver()
	for _, s := range sides {
		abs := a.abs(s.Path)
		info, statErr := os.Stat(s.Path)
		for i := range l.items {
			p := l.path(i)
			if p == "" {
				continue
			}
			same := false
			if a.abs(p) == abs {
				same = true
			} else if statErr == nil {
				other, err := os.Stat(p)
				same = err == nil && os.SameFile(info, other)
			}
			if same {
				return usagef("%s %s is an input (%s): writing it would destroy it; choose another path, or -exclude it", s.Flag, s.Path, l.input(i).Name)
			}
		}
	}
	return nil
}

// SidesNotOutputs refuses a side file that is an output of the jobs, the
// corpus workbook or another side file.
func SidesNotOutputs(sides []Side, jobs *Jobs, workbook string) error {
	a := newAbsolver()
	abs := make([]string, len(sides))
	for k, s := range sides {
		abs[k] = a.abs(s.Path)
	}
	// What each side's path is, as the last output found there: the
	// outputs are walked once, and only the sides' paths are kept.
	output := make([]string, len(sides))
	if len(sides) > 0 {
		for i := range jobs.Len() {
			j := jobs.Job(i)
			for _, t := range j.Targets {
				if t.Path == "" || t.Err != nil {
					continue
				}
				key := a.abs(t.Path)
				for k := range sides {
					if abs[k] == key {
						output[k] = "the " + t.Format.Name + " output of " + j.Name
					}
				}
			}
		}
	}
	claimed := map[string]string{}
	if workbook != "" {
		claimed[a.abs(workbook)] = "the corpus workbook"
	}
	for k := range sides {
		if output[k] != "" {
			claimed[abs[k]] = output[k]
		}
	}
	for k, s := range sides {
		if what, ok := claimed[abs[k]]; ok {
			return usagef("%s %s is also %s: choose another path", s.Flag, s.Path, what)
		}
		claimed[abs[k]] = "the " + s.Flag + " file"
	}
	return nil
}
