package convert

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
)

// Batch is a run as a command line describes it: the inputs, the formats,
// where the outputs go, the files written besides them, and the runner's
// settings. [Batch.Plan] turns it into jobs and a ready [Runner]; the
// command is left with its flags and its reports.
type Batch struct {
	// Args are the inputs as named (files, directories, "-" for
	// standard input), the -files-from list included.
	Args   []string
	Filter Filter
	// Formats are the formats to write; Runner.Check writes none.
	Formats []Format
	// Out is where outputs go (see [Destine]).
	Out string
	// Sides are the files the run writes besides outputs (see [Side]).
	Sides []Side
	// Manifest is the manifest file the run writes, if any: a previous
	// run's manifest found in a directory is no input, and with
	// Incremental it is read for the inputs that need no conversion.
	Manifest    string
	Incremental bool
	// Shard picks the part of the batch this run converts.
	Shard Shard
	// Fsync syncs every output; a batch of one input is synced anyway.
	Fsync bool
	// Version is the program's version, for the options fingerprint.
	Version string
	// Runner holds the settings the plan keeps: Workers, From, Options,
	// Timeout, TimeoutPerMB, FailFast, Check, Stdin, Stdout,
	// Diagnostics, Report, Progress.
	Runner Runner
}

// Planned is a batch ready to run.
type Planned struct {
	Runner *Runner
	Jobs   *Jobs
	// Many is set for several inputs or a directory: a batch worth a
	// summary.
	Many bool
	// Note says why a previous manifest could not be used, if so: every
	// input is converted.
	Note string
}

// Plan finds the inputs, decides where every output goes, and sets the
// runner up. A [UsageError] is a batch described wrongly; any other error
// stops the batch before it starts (an output directory that cannot be
// made, a corpus workbook over an input).
func (b Batch) Plan() (*Planned, error) {
	inputs, sawDir, err := b.inputs()
	if err != nil {
		return nil, err
	}
	dest, err := Destine(b.Out, b.Formats, len(b.Args) == 1 && !sawDir)
	if err != nil {
		return nil, err
	}
	formats := b.Formats
	if b.Runner.Check {
		formats = nil
	}
	if slices.Contains(b.Args, "-") && dest == (Destination{}) && len(formats) > 1 {
		return nil, usagef("standard input with several formats needs -o DIR")
	}
	if dest.Dir != "" {
		_, err := os.Stat(dest.Dir)
		dest.Fresh = errors.Is(err, fs.ErrNotExist)
		if err := os.MkdirAll(dest.Dir, 0o755); err != nil {
			return nil, pathError(dest.Dir, err)
		}
	}
	jobs := planList(inputs, formats, dest)
	if dest.Workbook != "" {
		if other := WorkbookClash(jobs, dest.Workbook); other != "" {
			return nil, fmt.Errorf("%s: not writing the workbook over the input %s", dest.Workbook, other)
		}
	}
	if err := SidesNotOutputs(b.Sides, jobs, dest.Workbook); err != nil {
		return nil, err
	}
	if b.Shard.N > 0 {
		l := &jobs.list
		l.filter(func(i int) bool { return b.Shard.Has(l.input(i).Rel) })
	}
	p := &Planned{Runner: &b.Runner, Jobs: jobs, Many: len(b.Args) > 1 || sawDir}
	p.Note = b.setUp(p.Runner, dest, formats, jobs.Len())
	return p, nil
}

// inputs expands the arguments; the previous run's manifest found in a
// directory is not an input, and no side file may be one. It also says
// whether an argument is a directory.
func (b Batch) inputs() (inputList, bool, error) {
	var skip []string
	if b.Manifest != "" {
		if _, err := ReadManifest(b.Manifest); err == nil {
			skip = append(skip, b.Manifest)
		}
	}
	inputs, err := expandList(b.Args, b.Filter, skip)
	if err != nil {
		return inputList{}, false, UsageError(err.Error())
	}
	if err := sidesNotInputs(b.Sides, &inputs); err != nil {
		return inputList{}, false, err
	}
	sawDir := slices.ContainsFunc(b.Args, func(a string) bool {
		info, err := os.Stat(a)
		return a != "-" && err == nil && info.IsDir()
	})
	return inputs, sawDir, nil
}

// setUp sets the runner for the plan: where it writes, whether it syncs,
// its fingerprint, and with Incremental the previous manifest. It
// returns why that manifest could not be used, or "".
func (b Batch) setUp(r *Runner, dest Destination, formats []Format, jobs int) string {
	r.NoManifest = b.Manifest == ""
	r.Sync = b.Fsync || jobs == 1
	r.Dir, r.Workbook = dest.Dir, dest.Workbook
	r.Fingerprint = Fingerprint(b.Version, formats, r.From, r.Options, nil)
	if !b.Incremental {
		return ""
	}
	if _, err := os.Stat(b.Manifest); err != nil {
		return "" // no previous run: every input is converted
	}
	prev, err := ReadManifest(b.Manifest)
	r.Previous = prev
	if err != nil {
		return fmt.Sprintf("%v; converting every input", err)
	}
	return ""
}
