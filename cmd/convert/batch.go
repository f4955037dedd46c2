package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/declconv/declconv/convert"
	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/pdf"
	"github.com/declconv/declconv/output/text"
)

// errInterrupted discards the diagnostics file of an interrupted run.
var errInterrupted = errors.New("interrupted")

// batch is one run of the converter, set up from the command line
// before anything is read.
type batch struct {
	opts           options
	stdin          io.Reader
	stdout, stderr io.Writer

	runner   convert.Runner
	jobs     *convert.Jobs
	many     bool // more than one input, or a directory: print a summary
	diagFmt  convert.DiagnosticsFormat
	shard    convert.Shard
	workbook string
}

// setUp checks the flags, finds the inputs and plans the outputs. It
// returns a usageError for a bad command line, any other error for a
// failure that stops everything.
func (b *batch) setUp(args []string) error {
	if err := b.checkFlags(); err != nil {
		return err
	}
	formats, filter, err := b.parseFlags()
	if err != nil {
		return err
	}
	if b.runner.Options, err = b.writerOptions(formats); err != nil {
		return err
	}
	if b.opts.filesFrom != "" {
		list, err := b.readList(args)
		if err != nil {
			return err
		}
		args = append(args, list...)
	}
	planned, err := b.plan(args, formats, filter)
	if err != nil {
		return err
	}
	if planned.Note != "" {
		fmt.Fprintln(b.stderr, "convert:", planned.Note)
	}
	b.runner, b.jobs, b.many, b.workbook = *planned.Runner, planned.Jobs, planned.Many, planned.Runner.Workbook
	return b.checkStdout(b.opts.out == "-")
}

// plan plans the batch. Planning holds a list that grows with the
// inputs and makes much garbage on the way (paths joined, stat results):
// the garbage is collected at a lower GOGC while it lasts, so that the
// heap stays close to the list; then the run's GOGC is set from what is
// live (see runGCPercent). A GOGC in the environment rules throughout.
func (b *batch) plan(args []string, formats []convert.Format, filter convert.Filter) (*convert.Planned, error) {
	if os.Getenv("GOGC") != "" {
		return b.batch(args, formats, filter).Plan()
	}
	debug.SetGCPercent(planGCPercent)
	planned, err := b.batch(args, formats, filter).Plan()
	debug.SetGCPercent(runGCPercent(liveHeap()))
	return planned, err
}

// planGCPercent is the GOGC of planning.
const planGCPercent = 50

// runGCPercent is the GOGC of the run, given the heap live after
// planning. GOGC 100 lets the heap grow by as much again as is live, but
// what is live then is mostly the plan, which holds no pointers and does
// not grow, while the documents in flight need a few megabytes whatever
// the plan's size. So the room is capped at runHeadroom: a plan of
// 100,000 inputs (11–12 MB live) gets GOGC 50–55, and 44–46 MB of peak
// RSS becomes under 40; 10,000 inputs (4 MB live) keep GOGC 100.
func runGCPercent(live uint64) int {
	if live <= runHeadroom {
		return 100
	}
	return max(25, int(100*runHeadroom/live))
}

// runHeadroom is the most room the collector leaves above the live heap.
const runHeadroom = 6 << 20

// liveHeap is the heap the last collection found live, in bytes.
func liveHeap() uint64 {
	m := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(m)
	if m[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return m[0].Value.Uint64()
}

// batch is the run the flags describe, for convert to plan.
func (b *batch) batch(args []string, formats []convert.Format, filter convert.Filter) convert.Batch {
	o := &b.opts
	r := b.runner
	r.Workers = o.jobs
	r.Timeout, r.TimeoutPerMB = convert.DefaultTimeout, convert.DefaultTimeoutPerMB
	if o.timeout.set {
		r.Timeout, r.TimeoutPerMB = o.timeout.d, 0
	}
	r.FailFast, r.Check = o.failFast, o.check
	r.Stdin, r.Stdout = b.stdin, b.stdout
	return convert.Batch{Args: args, Filter: filter, Formats: formats, Out: o.out, Sides: b.sideFiles(),
		Manifest: o.manifest, Incremental: o.incremental, Shard: b.shard, Fsync: o.fsync, Version: versionLine(), Runner: r}
}

// checkFlags refuses flags that are out of range or contradict each other.
func (b *batch) checkFlags() error {
	o := &b.opts
	switch {
	case !slices.Contains(pdf.Styles(), pdf.Style(o.pdfStyle)):
		return usagef("-pdf-style: unknown style %q (known: %v)", o.pdfStyle, pdf.Styles())
	case !slices.Contains(pdf.Papers(), pdf.Paper(o.pdfPaper)):
		return usagef("-pdf-paper: unknown size %q (known: %v)", o.pdfPaper, pdf.Papers())
	case o.width < 0:
		return usagef("-width: %d is negative", o.width)
	case o.jobs < 1:
		return usagef("-j: %d is not a number of workers", o.jobs)
	case o.timeout.d < 0:
		return usagef("-timeout: %v is negative", o.timeout.d)
	case o.quiet && o.verbose:
		return usagef("-q and -v contradict each other")
	case o.check && o.out != "":
		return usagef("-check writes nothing: -o makes no sense with it")
	case o.incremental && o.manifest == "":
		return usagef("-incremental needs -manifest FILE (the previous run's manifest)")
	case o.check && o.manifest != "":
		return usagef("-check writes nothing: -manifest makes no sense with it")
	}
	return nil
}

// parseFlags reads the flags that name values: how inputs are read, the
// formats, the diagnostics format, the shard and the filter.
func (b *batch) parseFlags() ([]convert.Format, convert.Filter, error) {
	o := &b.opts
	var err error
	if b.runner.From, err = convert.ParseFrom(o.from); err != nil {
		return nil, convert.Filter{}, usagef("-from: %v", err)
	}
	formats, err := b.formats()
	if err != nil {
		return nil, convert.Filter{}, err
	}
	if o.diagnostics != "" || o.diagnosticsOut != "" || o.check {
		if o.diagnostics == "" {
			o.diagnostics = string(convert.DiagnosticsText)
		}
		if b.diagFmt, err = convert.ParseDiagnosticsFormat(o.diagnostics); err != nil {
			return nil, convert.Filter{}, usagef("-diagnostics: %v", err)
		}
	}
	if o.shard != "" {
		if b.shard, err = convert.ParseShard(o.shard); err != nil {
			return nil, convert.Filter{}, usagef("-shard: %v", err)
		}
	}
	filter := convert.Filter{Include: o.include, Exclude: o.exclude}
	if err := filter.Check(); err != nil {
		return nil, convert.Filter{}, usagef("-include/-exclude: %v", err)
	}
	return formats, filter, nil
}

// writerOptions are the writers' options the flags give, then the
// environment (convert.FromEnv); with pdf among the formats, a face the
// PDF writer cannot find is noted on stderr.
func (b *batch) writerOptions(formats []convert.Format) (convert.Options, error) {
	o := &b.opts
	opts, err := convert.FromEnv(convert.Options{Text: text.Options{Width: o.width}, PDF: pdf.Options{Font: o.font, Fallback: o.fallback,
		HeadingFont: o.fontHei, KaiFont: o.fontKai, LatinFont: o.fontLatin, Style: pdf.Style(o.pdfStyle), Paper: pdf.Paper(o.pdfPaper)}}, os.Getenv)
	if err != nil {
		return opts, usageError(err.Error())
	}
	if slices.ContainsFunc(formats, func(f convert.Format) bool { return f.Name == "pdf" }) {
		if note := opts.PDF.FontNotes(); note != "" {
			fmt.Fprintln(b.stderr, "convert: pdf:", note)
		}
	}
	return opts, nil
}

// checkStdout refuses what would go to standard output wrongly: a
// binary format to a terminal unless -o - forces it (forced), and
// diagnostics mixed into the outputs.
func (b *batch) checkStdout(forced bool) error {
	toStdout := false
	for i := range b.jobs.Len() {
		for _, t := range b.jobs.Job(i).Targets {
			if t.Path != "" || t.Err != nil {
				continue
			}
			toStdout = true
			if t.Format.Binary && !forced && isTerminal(b.stdout) {
				return usagef("%s is a binary format: not writing it to a terminal (redirect it, give -o FILE, or -o - to force it)", t.Format.Name)
			}
		}
	}
	if toStdout && b.diagFmt != "" && b.opts.diagnosticsOut == "" {
		return usagef("outputs go to standard output: give -diagnostics-out FILE for the diagnostics")
	}
	return nil
}

// formats reads -to. Without it, the extension of -o FILE names the
// format (yaml when it names none); with it, a -o FILE whose extension
// is another format's is refused: its name would lie about its content.
func (b *batch) formats() ([]convert.Format, error) {
	o := &b.opts
	var named convert.Format
	ok := false
	if out := o.out; out != "" && out != "-" && !convert.IsDirPath(out) {
		named, ok = convert.ForPath(out)
	}
	if o.to == "" {
		if ok {
			return []convert.Format{named}, nil
		}
		o.to = "yaml"
	}
	formats, err := parseFormats(o.to)
	if err != nil {
		return nil, err
	}
	if ok && len(formats) == 1 && formats[0].Name != named.Name {
		return nil, usagef("-o %s: its extension is that of %s, not of %s (-to): name the file .%s, or leave -to out", o.out, named.Name, formats[0].Name, strings.TrimPrefix(formats[0].Ext, "."))
	}
	return formats, nil
}

// sideFiles lists the manifest and the diagnostics file, when written
// to a file.
func (b *batch) sideFiles() []convert.Side {
	var sides []convert.Side
	if p := b.opts.manifest; p != "" {
		sides = append(sides, convert.Side{Flag: "-manifest", Path: p})
	}
	if p := b.opts.diagnosticsOut; p != "" && p != "-" {
		sides = append(sides, convert.Side{Flag: "-diagnostics-out", Path: p})
	}
	return sides
}

// readList reads the -files-from list.
func (b *batch) readList(args []string) ([]string, error) {
	name := b.opts.filesFrom
	if name == "-" {
		if slices.Contains(args, "-") {
			return nil, usagef("standard input (-) given twice: as an input and as -files-from")
		}
		list, err := convert.ReadFileList(b.stdin)
		if err != nil {
			return nil, fmt.Errorf("-files-from: <stdin>: %v", err)
		}
		return list, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fileError(name, err)
	}
	defer f.Close()
	list, err := convert.ReadFileList(f)
	if err != nil {
		return nil, fileError(name, err)
	}
	return list, nil
}

// run converts the batch and reports it; it returns the exit code.
func (b *batch) run(ctx context.Context) int {
	rep := &reporter{w: b.stderr, quiet: b.opts.quiet, verbose: b.opts.verbose, start: time.Now(),
		strict: b.opts.strict, tellWarnings: b.opts.strict && b.diagFmt == ""}
	rep.bar = b.many && !b.opts.quiet && isTerminal(b.stderr)
	b.runner.Report = rep.result
	if rep.bar {
		b.runner.Progress = rep.progress
	}
	sum, diagErr := b.convert(ctx)
	rep.clear()
	code := b.finish(sum, rep, diagErr)
	sum.Close()
	if !b.opts.quiet && (b.many || b.opts.verbose) {
		fmt.Fprintln(b.stderr, rep.summary(sum, b.opts.check))
	}
	if sum.Interrupted {
		return exitInterrupted
	}
	return code
}

// convert runs the batch, printing the diagnostics where -diagnostics
// and -diagnostics-out say; the error is the diagnostics'.
func (b *batch) convert(ctx context.Context) (*convert.Summary, error) {
	var sum *convert.Summary
	convertAll := func(diag io.Writer) error {
		if diag != nil {
			b.runner.Diagnostics = convert.NewDiagnosticsWriter(diag, b.diagFmt, versionLine())
		}
		sum = b.runner.Run(ctx, b.jobs)
		if b.runner.Diagnostics != nil {
			if err := b.runner.Diagnostics.Close(); err != nil {
				return err
			}
		}
		if sum.Interrupted {
			return errInterrupted
		}
		return nil
	}
	var err error
	switch {
	case b.diagFmt == "":
		convertAll(nil)
	case b.opts.diagnosticsOut == "" || b.opts.diagnosticsOut == "-":
		err = convertAll(b.stdout)
	default:
		err = convert.WriteFileAtomic(b.opts.diagnosticsOut, convertAll)
	}
	return sum, err
}

// finish reports the batch's own failures, writes the manifest and
// returns the exit code, short of an interrupt.
func (b *batch) finish(sum *convert.Summary, rep *reporter, diagErr error) int {
	code := exitOK
	if sum.Failed > 0 || rep.warned > 0 {
		code = exitFailed // with -strict, a warning fails the run
	}
	if sum.Err != nil {
		fmt.Fprintln(b.stderr, sum.Err)
		code = exitFailed
	}
	if diagErr != nil && !errors.Is(diagErr, errInterrupted) {
		fmt.Fprintf(b.stderr, "convert: diagnostics: %v\n", diagErr)
		code = exitFailed
	}
	if b.opts.manifest != "" {
		sum.Manifest.Shard = b.shard.String()
		err := convert.WriteFileAtomic(b.opts.manifest, func(w io.Writer) error { _, err := sum.Manifest.WriteTo(w); return err })
		if err != nil {
			fmt.Fprintln(b.stderr, err)
			code = exitFailed
		}
	}
	return code
}

// reporter prints what becomes of each input on standard error.
type reporter struct {
	w              io.Writer
	quiet, verbose bool
	bar            bool // a progress bar on a terminal
	start, drawn   time.Time
	shown          bool // the bar is on screen

	strict       bool // -strict: count the documents with warnings
	tellWarnings bool // and say which, the diagnostics not being printed
	warned       int  // documents with warnings, under -strict
}

func (r *reporter) result(res *convert.Result) {
	if res.Err != nil {
		r.clear()
		report(r.w, res.Job.Name, res.Err)
		return
	}
	if n := r.warnings(res); n > 0 {
		r.warned++
		if r.tellWarnings {
			r.clear()
			fmt.Fprintf(r.w, "%s: %s (-strict; -check prints them)\n", res.Job.Name, count(n, "warning"))
		}
	}
	if !r.verbose {
		return
	}
	r.clear()
	line := res.Job.Name + ": " + string(res.Status)
	if res.Status == convert.StatusSkipped {
		line += " (unchanged)"
	}
	for _, out := range res.Entry.Outputs {
		line += " " + out.Path
	}
	if n := res.Entry.Diagnostics; n > 0 {
		line += " (" + count(n, "diagnostic") + ")"
	}
	fmt.Fprintln(r.w, line)
}

// warnings counts the diagnostics of res that fail a run under -strict:
// warnings (and errors). An input skipped as unchanged and not parsed
// again counts the diagnostics its previous run recorded.
func (r *reporter) warnings(res *convert.Result) int {
	if !r.strict {
		return 0
	}
	if res.Diagnostics == nil && res.Status == convert.StatusSkipped {
		return res.Entry.Diagnostics
	}
	n := 0
	for _, g := range res.Diagnostics {
		if g.Level == declaration.LevelWarning || g.Level == declaration.LevelError {
			n++
		}
	}
	return n
}

// progress draws the bar, at most ten times a second.
func (r *reporter) progress(done, total int) {
	now := time.Now()
	if done < total && now.Sub(r.drawn) < 100*time.Millisecond {
		return
	}
	r.drawn = now
	secs := now.Sub(r.start).Seconds()
	rate := float64(done) / max(secs, 1e-3)
	eta := "--"
	if rate > 0 && done < total {
		eta = (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second).String()
	}
	figures := fmt.Sprintf("%*d/%d documents  %.0f/s  ETA %s", len(strconv.Itoa(total)), done, total, rate, eta)
	fmt.Fprint(r.w, "\r\x1b[K"+barLine(figures, done, total, columns(r.w)))
	r.shown = true
}

// Widths of the progress bar, in columns, between its brackets.
const (
	minBar = 10
	maxBar = 40
)

// barLine is the progress line for a terminal cols wide: the bar takes
// what the figures leave, up to maxBar, and gives way below minBar. The
// line stays off the last column, so that the terminal never wraps it
// and "\r" always returns to its start. The bar's width depends on the
// terminal and the batch's size alone, not on the figures of the
// moment, so that it does not jitter as they change.
func barLine(figures string, done, total, cols int) string {
	widest := len(fmt.Sprintf("%d/%d documents  9999/s  ETA 59m59s", total, total))
	room := cols - 1 - widest - len("[] ")
	if room < minBar {
		return figures[:max(0, min(len(figures), cols-1))]
	}
	width := min(room, maxBar)
	filled := width * done / max(total, 1)
	line := "[" + strings.Repeat("=", filled) + strings.Repeat(" ", width-filled) + "] " + figures
	return line[:min(len(line), cols-1)] // figures wider than foreseen (10,000/s, hours) are cut
}

// clear takes the bar off the screen.
func (r *reporter) clear() {
	if r.shown {
		fmt.Fprint(r.w, "\r\x1b[K")
		r.shown = false
	}
}

// summary is the line printed at the end of a batch.
func (r *reporter) summary(sum *convert.Summary, check bool) string {
	var s string
	if check {
		s = fmt.Sprintf("checked %d of %s", sum.Converted, count(sum.Inputs, "document"))
	} else {
		s = fmt.Sprintf("converted %d of %s (%s)", sum.Converted, count(sum.Inputs, "document"), count(sum.Files, "file"))
	}
	s += fmt.Sprintf(" in %.1f s", time.Since(r.start).Seconds())
	if sum.Skipped > 0 {
		s += fmt.Sprintf("; %d unchanged", sum.Skipped)
	}
	if r.warned > 0 {
		s += fmt.Sprintf("; %d with warnings", r.warned)
	}
	if sum.Failed > 0 {
		s += fmt.Sprintf("; %d failed", sum.Failed)
	}
	if sum.Interrupted {
		s = "interrupted: " + s
	}
	return s
}

// count gives n and the noun, plural unless n is 1: "1 file", "2 files".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
