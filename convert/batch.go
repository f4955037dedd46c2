package convert

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/sizedread"
	"github.com/declconv/declconv/output/xlsx"
	"github.com/declconv/declconv/parse"
)

// Runner converts a batch of [Job]s, as [Plan] makes them, with several
// workers, and reports every input in the order of the jobs, whatever
// the number of workers: so the outputs, the reports, the diagnostics and
// the manifest are the same bytes for any Workers.
//
// A worker reads one input, converts it and renders each of its formats
// into memory, then writes each output file atomically (see
// [WriteFileAtomic]) and hands a small [Result] to the coordinator,
// which reports results in order. At most a few documents per worker are
// in flight, so memory does not grow with the batch. The zero Runner
// works: every CPU, reading by content, default writer options.
type Runner struct {
	// Workers is the number of documents converted at once; 0 means
	// runtime.NumCPU().
	Workers int
	// From says how inputs are read; "" means [FromAuto].
	From From
	// Options configures the writers.
	Options Options
	// Timeout bounds the time to read and render one document; 0 means
	// no bound. A document that takes longer fails with a timeout error
	// and the batch goes on. Its conversion cannot be stopped and goes on
	// in the background until it ends (Go cannot kill a goroutine), but
	// what it produces is thrown away: files are written only by the
	// worker, and only from a conversion that ended in time.
	Timeout time.Duration
	// TimeoutPerMB is added to Timeout for each MiB of the input, so
	// that the bound of a large legitimate input grows with it (see
	// [DefaultTimeout]).
	TimeoutPerMB time.Duration
	// FailFast stops starting new inputs after the first failure (in the
	// order of the jobs). Inputs already started finish and are reported.
	FailFast bool
	// Sync writes every output file to disk (fsync) before renaming it
	// into place, so that a power failure cannot leave an empty or partial
	// file under the output's name. Without it outputs are still never
	// half-written (a temporary file, then a rename), and writing many
	// small files is several times faster.
	Sync bool
	// Check parses only: no outputs are rendered or written.
	Check bool
	// Dir is the output directory, if any. The directories of outputs
	// below it are made as needed, and an output whose directory would
	// resolve outside Dir (through a symbolic link) fails instead.
	Dir string
	// Workbook is the path of a corpus workbook, if any: every document
	// converted is added to it, every failure listed, in the order of
	// the jobs, and it is written atomically at the end.
	Workbook string
	// Previous is the manifest of an earlier run, for incremental runs:
	// an input whose bytes, options (Fingerprint) and outputs (present,
	// with the recorded hashes) are unchanged is skipped. Nil converts
	// every input.
	Previous *Manifest
	// NoManifest leaves Summary.Manifest's inputs empty, for a run that
	// writes no manifest: a large batch then keeps nothing per input.
	// Unless Previous is set, the results' entries then carry no SHA-256
	// of the input or its outputs either: nothing reads them.
	NoManifest bool
	// Fingerprint is the options fingerprint recorded in the manifest
	// (see [Fingerprint]).
	Fingerprint string
	// Stdin is read for the input with an empty Path.
	Stdin io.Reader
	// Stdout receives the outputs with an empty Path.
	Stdout io.Writer
	// Diagnostics, when not nil, receives the parser's diagnostics of
	// every document, in order. Skipped inputs are read again for it.
	Diagnostics *DiagnosticsWriter
	// Report, when not nil, is called with each result, in the order of
	// the jobs, from one goroutine.
	Report func(*Result)
	// Progress, when not nil, is called after each result with the
	// number of inputs done and the number in the batch.
	Progress func(done, total int)

	sweep *tmpSweeper
	cwd   string // the working directory, read once per run
}

// The default bound of a document's conversion, as the command sets
// it: DefaultTimeout plus DefaultTimeoutPerMB per MiB of input, 188 s
// for the largest input (64 MiB). A legitimate input converts in well
// under a second per MB, even on a slow machine; the bound is for inputs
// built to make a conversion run away.
const (
	DefaultTimeout      = 60 * time.Second
	DefaultTimeoutPerMB = 2 * time.Second
)

// timeoutFor is the bound of the conversion of an input of size bytes;
// 0 means none.
func (r *Runner) timeoutFor(size int) time.Duration {
	if r.Timeout <= 0 && r.TimeoutPerMB <= 0 {
		return 0
	}
	return r.Timeout + time.Duration(float64(r.TimeoutPerMB)*float64(size)/(1<<20))
}

// Result is what became of one job.
type Result struct {
	Job    *Job
	Status Status
	// Err is why the job failed; it may hold one problem per line.
	Err error
	// Entry is the job's line in the manifest.
	Entry ManifestEntry
	// Diagnostics are the parser's diagnostics, positioned in the file
	// named Source (the source the document was parsed from, which for a
	// canonical input is not the file read).
	Diagnostics []declaration.Diagnostic
	Source      string

	index       int
	interrupted bool
	notStarted  bool // -fail-fast: a worker met the job after a failure and left it
	size        int64
	doc         *declaration.Document // kept only for a corpus workbook
	stdout      [][]byte
}

// Summary is the outcome of a batch.
type Summary struct {
	// Inputs is the number of jobs; Converted, Skipped and Failed count
	// those reported, which with FailFast or an interrupt may be fewer.
	Inputs, Converted, Skipped, Failed int
	// Files counts the files written, the corpus workbook included.
	Files int
	// Bytes counts the input bytes read.
	Bytes int64
	// Interrupted is set when the context was cancelled: the run
	// stopped early, every file it wrote is whole and no temporary file
	// is left, and the corpus workbook is not written.
	Interrupted bool
	// Err is a failure of the batch as a whole (the corpus workbook
	// could not be written), besides those of single inputs.
	Err error
	// Manifest records every input reported, sorted by path. Unless
	// Runner.NoManifest is set, its entries are spooled to a temporary
	// file as they come, not kept in Inputs: [Manifest.WriteTo] writes
	// them, and [Summary.Close] lets the file go.
	Manifest *Manifest
}

// Close releases the file the manifest's entries are spooled to; the
// manifest cannot be written after it.
func (s *Summary) Close() error {
	if s.Manifest == nil || s.Manifest.spool == nil {
		return nil
	}
	sp := s.Manifest.spool
	s.Manifest.spool = nil
	return sp.close()
}

// conversion is what a worker's conversion goroutine hands back.
type conversion struct {
	doc *declaration.Document
	// source is the file the diagnostics point into: the source.name
	// of a canonical input, "" for a source text (the input itself).
	source string
	outs   [][]byte // per target; nil where not rendered
	errs   []error  // per target
	err    error
	bufs   []*bytes.Buffer // what outs are held in
}

// outputBuffers hold rendered outputs between documents: growing a new
// buffer to each output's size, and clearing it, was about 4 % of a
// json,yaml,txt batch.
var outputBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// release gives back the buffers of the outputs written to files, once
// they are (those for standard output are still to be written); a
// buffer that one very large output grew is left to the collector.
func (c *conversion) release(targets []Target) {
	for i, b := range c.bufs {
		if b != nil && targets[i].Path != "" && b.Cap() <= 4<<20 {
			c.outs[i] = nil
			b.Reset()
			outputBuffers.Put(b)
		}
	}
	c.bufs = nil
}

// Run converts jobs and returns the summary. Cancelling ctx (on an
// interrupt) stops the run: no new input is started, conversions in
// progress are abandoned, writes in progress finish (a job's files are
// written all or none once started), and Run returns once the workers
// have stopped.
func (r *Runner) Run(ctx context.Context, jobs *Jobs) *Summary {
	workers := r.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	window := max(4*workers, 8)
	sum := &Summary{Inputs: jobs.Len(), Manifest: &Manifest{Schema: ManifestSchema, Model: declaration.SchemaVersion, Options: r.Fingerprint}}
	if !r.NoManifest {
		// Without a temporary directory, the entries are kept in memory.
		sum.Manifest.spool, _ = newEntrySpool()
	}

	var prev map[string]ManifestEntry
	if r.Previous != nil && r.Previous.Options == r.Fingerprint && r.Previous.Model == declaration.SchemaVersion {
		prev = make(map[string]ManifestEntry, len(r.Previous.Inputs))
		for _, e := range r.Previous.Inputs {
			prev[e.Path] = e
		}
	}
	var guard *dirGuard
	if r.Dir != "" {
		guard = newDirGuard(r.Dir)
	}
	var wb *xlsx.Workbook
	if r.Workbook != "" && !r.Check {
		wb = xlsx.NewWorkbook(r.Options.XLSX)
		defer wb.Close()
	}

	r.sweep = newTmpSweeper(time.Now())
	r.cwd, _ = os.Getwd()
	stopCtx, stop := context.WithCancel(ctx)
	defer stop()
	todo := make(chan int)
	results := make(chan *Result, window)
	slots := make(chan struct{}, window)
	go func() {
		defer close(todo)
		for i := range jobs.Len() {
			select {
			case slots <- struct{}{}:
			case <-stopCtx.Done():
				return
			}
			select {
			case todo <- i:
			case <-stopCtx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	var failed atomic.Bool // FailFast: a worker's job failed; start no other
	for range workers {
		wg.Go(func() {
			for i := range todo {
				if r.FailFast && failed.Load() {
					results <- &Result{index: i, notStarted: true}
					continue
				}
				res := r.do(ctx, jobs.Job(i), prev, guard, wb != nil)
				res.index = i
				if res.Status == StatusFailed {
					failed.Store(true)
				}
				results <- res
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	pending := map[int]*Result{}
	next, done := 0, 0
	for res := range results {
		pending[res.index] = res
		for pending[next] != nil {
			res := pending[next]
			delete(pending, next)
			next++
			<-slots
			if res.notStarted {
				continue
			}
			if res.interrupted {
				sum.Interrupted = true
				continue
			}
			r.emit(res, wb, sum)
			done++
			if res.Status == StatusFailed && r.FailFast {
				stop()
			}
			if r.Progress != nil {
				r.Progress(done, jobs.Len())
			}
		}
	}
	if ctx.Err() != nil {
		sum.Interrupted = true
	}
	sum.Manifest.Sort()
	if wb != nil && !sum.Interrupted {
		rec, err := writeWorkbook(r.Workbook, wb)
		if err != nil {
			sum.Err = err
		} else {
			sum.Files++
			sum.Manifest.Workbooks = []OutputRecord{rec}
		}
	}
	return sum
}

// emit reports one result, in order.
func (r *Runner) emit(res *Result, wb *xlsx.Workbook, sum *Summary) {
	for _, data := range res.stdout {
		if _, err := r.Stdout.Write(data); err != nil {
			res.fail(fmt.Errorf("<stdout>: %w", err))
			break
		}
	}
	if wb != nil {
		switch {
		case res.Status == StatusFailed:
			wb.AddFailure(res.Job.Name, res.Err)
		case res.doc != nil:
			if err := wb.Add(res.doc); err != nil {
				res.fail(fmt.Errorf("%s: %w", r.Workbook, err))
				wb.AddFailure(res.Job.Name, err)
			}
		}
	}
	switch {
	case r.Diagnostics == nil:
	case res.Status == StatusFailed:
		if r.Diagnostics.format == DiagnosticsText {
			break // the failure is reported as it is
		}
		r.Diagnostics.Add(diagnosticsPath(r.cwd, res.Job.Name, ""), failureDiagnostics(res.Job.Name, res.Err))
	case res.Source != "":
		r.Diagnostics.Add(res.Source, res.Diagnostics)
	}
	res.doc, res.stdout = nil, nil
	sum.Bytes += res.size
	switch res.Status {
	case StatusOK:
		sum.Converted++
		sum.Files += len(res.Entry.Outputs)
	case StatusSkipped:
		sum.Skipped++
	default:
		sum.Failed++
		sum.Files += len(res.Entry.Outputs)
	}
	if !r.NoManifest {
		sum.Manifest.add(res.Entry)
	}
	if r.Report != nil {
		r.Report(res)
	}
}

func (res *Result) fail(err error) {
	res.Status = StatusFailed
	res.Err = errors.Join(res.Err, err)
	res.Entry.Status = StatusFailed
	res.Entry.Error = res.Err.Error()
}

// do converts one job in a worker.
func (r *Runner) do(ctx context.Context, j *Job, prev map[string]ManifestEntry, guard *dirGuard, keepDoc bool) *Result {
	res := &Result{Job: j, Status: StatusOK, Entry: ManifestEntry{Path: filepath.ToSlash(j.Name), Status: StatusOK}}
	if j.Err != nil {
		res.fail(j.Err)
		return res
	}
	if ctx.Err() != nil {
		res.interrupted = true
		return res
	}
	data, err := r.readInput(j)
	if err != nil {
		res.fail(err)
		return res
	}
	res.size = int64(len(data))
	// The hashes of the input and its outputs are for the manifest and
	// for an incremental run: a run with neither does without them.
	hashes := !r.NoManifest || prev != nil
	if hashes {
		h := sha256.Sum256(data)
		res.Entry.SHA256 = hex.EncodeToString(h[:])
	}

	cached := false
	if prev != nil {
		if e, ok := r.unchanged(j, res.Entry.SHA256, prev); ok {
			cached = true
			res.Status, res.Entry = StatusSkipped, e
			res.Entry.Status = StatusSkipped
			if !keepDoc && r.Diagnostics == nil {
				return res
			}
		}
	}

	c, err := r.convert(ctx, j, data, cached || r.Check)
	defer c.release(j.Targets)
	switch {
	case errors.Is(err, context.Canceled):
		res.interrupted = true
		return res
	case err != nil:
		res.fail(err)
		return res
	case c.err != nil:
		res.fail(c.err)
		return res
	}
	res.Diagnostics = c.doc.Diagnostics
	res.Source = diagnosticsPath(r.cwd, j.Name, c.source)
	if !cached {
		res.Entry.Diagnostics = len(c.doc.Diagnostics)
	}
	if keepDoc {
		res.doc = c.doc
	}
	if cached || r.Check {
		return res
	}

	// Write: all of the job's files, or none. A target that cannot be
	// written (it would land on an input) or a format that failed to
	// render fails the document before anything is written; then every
	// file is staged under a temporary name, and only when all are
	// staged are they renamed into place.
	if ctx.Err() != nil {
		res.interrupted = true
		return res
	}
	var errs []error
	for i, t := range j.Targets {
		switch {
		case t.Err != nil:
			errs = append(errs, t.Err)
		case c.errs[i] != nil:
			errs = append(errs, renderError(j.Name, c, t, c.errs[i]))
		}
	}
	if len(errs) > 0 {
		res.fail(errors.Join(errs...))
		return res
	}
	var staged []*stagedFile
	var stdout [][]byte
	for i, t := range j.Targets {
		if t.Path == "" {
			stdout = append(stdout, c.outs[i])
			continue
		}
		if guard != nil {
			if err := guard.check(t.Path); err != nil {
				errs = append(errs, err)
				break
			}
		}
		r.sweep.dir(filepath.Dir(t.Path))
		out := c.outs[i]
		f, err := stageFile(t.Path, func(w io.Writer) error { _, err := w.Write(out); return err }, r.Sync)
		if err != nil {
			errs = append(errs, err)
			break
		}
		staged = append(staged, f)
	}
	if len(errs) > 0 {
		for _, f := range staged {
			f.discard()
		}
		res.fail(errors.Join(errs...))
		return res
	}
	res.stdout = stdout
	k := 0
	for i, t := range j.Targets {
		if t.Path == "" {
			continue
		}
		f := staged[k]
		k++
		if err := f.commit(); err != nil {
			// Rare (the path became a directory meanwhile): what was
			// renamed stays and is listed; the rest is removed.
			for _, g := range staged[k:] {
				g.discard()
			}
			res.fail(err)
			return res
		}
		rec := OutputRecord{Path: filepath.ToSlash(t.Path), Format: t.Format.Name, Size: int64(len(c.outs[i]))}
		if hashes {
			sum := sha256.Sum256(c.outs[i])
			rec.SHA256 = hex.EncodeToString(sum[:])
		}
		res.Entry.Outputs = append(res.Entry.Outputs, rec)
	}
	return res
}

// renderError says which output of the input name could not be
// rendered. A line of the writer's error that is positioned in the input
// (the writers name it by source.name) keeps its position first, under
// the input's name, so that it is reported once and read as a
// diagnostic: "corpus/x.txt:3:8: out/x.pdf: character …"; other lines
// are "out/x.pdf: message".
func renderError(name string, c conversion, t Target, err error) error {
	out := t.Path
	if out == "" {
		out = "<stdout>"
	}
	src := name
	if c.source == "" && c.doc != nil {
		src = c.doc.Source.Name // a source text: positions are in the input
	}
	var lines []string
	for line := range strings.SplitSeq(err.Error(), "\n") {
		if line == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(line, src+":"); ok {
			var l, c int
			if n, _ := fmt.Sscanf(rest, "%d:%d:", &l, &c); n == 2 {
				_, after, _ := strings.Cut(rest, ":")
				_, after, _ = strings.Cut(after, ":")
				lines = append(lines, fmt.Sprintf("%s:%d:%d: %s: %s", name, l, c, out, strings.TrimSpace(after)))
				continue
			}
			line = strings.TrimSpace(rest)
		}
		lines = append(lines, out+": "+line)
	}
	return errors.New(strings.Join(lines, "\n"))
}

// maxInput is the size of the largest input any reader accepts.
const maxInput = max(declaration.MaxEncodedSize, parse.MaxInputSize)

// readInput reads the bytes of an input. A file larger than any reader
// accepts is refused by its size, before a byte is read; standard input
// is read up to one byte more than that, then refused.
func (r *Runner) readInput(j *Job) ([]byte, error) {
	tooLarge := func(size int64) error {
		return fmt.Errorf("%s: input of %.1f MiB, larger than the %d MiB an input may have", j.Name, float64(size)/(1<<20), maxInput>>20)
	}
	if j.Path == "" {
		if r.Stdin == nil {
			return nil, nil
		}
		data, err := io.ReadAll(io.LimitReader(r.Stdin, maxInput+1))
		if err == nil && len(data) > maxInput {
			err = tooLarge(int64(len(data)))
		}
		return data, err
	}
	f, err := os.Open(j.Path)
	if err != nil {
		return nil, fileError(j.Path, err)
	}
	defer f.Close()
	var size int64
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		if size = info.Size(); size > maxInput {
			return nil, tooLarge(size)
		}
	}
	data, err := sizedread.ReadAll(io.LimitReader(f, maxInput+1), size)
	if err != nil {
		return nil, fileError(j.Path, err)
	}
	if len(data) > maxInput {
		return nil, tooLarge(int64(len(data)))
	}
	return data, nil
}

// convert reads the document and renders its targets, in a goroutine
// of its own so that a timeout or an interrupt can abandon it. What it
// renders stays in memory: the caller writes it, or throws it away.
func (r *Runner) convert(ctx context.Context, j *Job, data []byte, readOnly bool) (conversion, error) {
	done := make(chan conversion, 1) // buffered: an abandoned conversion can still finish
	go func() {
		var c conversion
		defer func() {
			if p := recover(); p != nil {
				c = conversion{err: fmt.Errorf("%s: internal error: %v", j.Name, p)}
			}
			done <- c
		}()
		from := cmp.Or(r.From, FromAuto)
		if from == FromAuto {
			from = Sniff(data)
		}
		c.doc, c.err = readBytes(data, j.Name, from) // data is ours and stays as read: shared, not copied
		if c.err != nil {
			return
		}
		if from == FromText {
			c.doc.Source.Name = SourceNameOf(j.Input)
		} else {
			c.source = c.doc.Source.Name
		}
		if readOnly {
			return
		}
		c.outs = make([][]byte, len(j.Targets))
		c.errs = make([]error, len(j.Targets))
		c.bufs = make([]*bytes.Buffer, len(j.Targets))
		for i, t := range j.Targets {
			if t.Err != nil {
				continue
			}
			buf := outputBuffers.Get().(*bytes.Buffer)
			c.bufs[i] = buf
			if err := t.Format.Write(buf, c.doc, r.Options); err != nil {
				c.errs[i] = err
				continue
			}
			c.outs[i] = buf.Bytes()
		}
	}()
	var timeout <-chan time.Time
	limit := r.timeoutFor(len(data))
	if limit > 0 {
		t := time.NewTimer(limit)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case c := <-done:
		return c, nil
	case <-timeout:
		return conversion{}, fmt.Errorf("%s: timed out after %v (-timeout)", j.Name, limit)
	case <-ctx.Done():
		return conversion{}, context.Canceled
	}
}

// unchanged returns the previous manifest's entry for j when the input's
// hash and every output are as recorded there.
func (r *Runner) unchanged(j *Job, sum string, prev map[string]ManifestEntry) (ManifestEntry, bool) {
	e, ok := prev[filepath.ToSlash(j.Name)]
	if !ok || j.Path == "" || e.SHA256 != sum || e.Status != StatusOK && e.Status != StatusSkipped || len(e.Outputs) != len(j.Targets) {
		return e, false
	}
	for i, t := range j.Targets {
		rec := e.Outputs[i]
		if t.Err != nil || t.Path == "" || rec.Path != filepath.ToSlash(t.Path) || rec.Format != t.Format.Name {
			return e, false
		}
		if got, err := hashFile(t.Path); err != nil || got != rec.SHA256 {
			return e, false
		}
	}
	return e, true
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// FailureCode is the code of the diagnostic that stands for an input
// that failed, in a diagnostics report.
const FailureCode = "input-error"

// failureDiagnostics turns the error of an input that failed into error
// diagnostics, one per line, positioned where the line says
// (name:line:col: message).
func failureDiagnostics(name string, err error) []declaration.Diagnostic {
	var ds []declaration.Diagnostic
	for line := range strings.SplitSeq(err.Error(), "\n") {
		if line == "" {
			continue
		}
		g := declaration.Diagnostic{Level: declaration.LevelError, Code: FailureCode, Message: line}
		if rest, ok := strings.CutPrefix(line, name+":"); ok {
			g.Message = strings.TrimSpace(rest)
			var l, c int
			if n, _ := fmt.Sscanf(rest, "%d:%d:", &l, &c); n == 2 && l > 0 {
				g.Pos = declaration.Pos{Line: l, Col: c}
				_, after, _ := strings.Cut(rest, ":")
				_, after, _ = strings.Cut(after, ":")
				g.Message = strings.TrimSpace(after)
			}
		}
		ds = append(ds, g)
	}
	return ds
}

// diagnosticsPath names the file a document's diagnostics point into:
// source, the file it was parsed from when that is not the input name
// (for a canonical input, its source.name), made relative to the
// working directory wd when it is an absolute path below it.
func diagnosticsPath(wd, name, source string) string {
	if source != "" {
		name = source
	}
	if filepath.IsAbs(name) && wd != "" {
		if rel, err := filepath.Rel(wd, name); err == nil && filepath.IsLocal(rel) {
			return rel
		}
	}
	return name
}

// writeWorkbook writes the corpus workbook atomically.
func writeWorkbook(path string, wb *xlsx.Workbook) (OutputRecord, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return OutputRecord{}, fileError(dir, err)
		}
	}
	h := sha256.New()
	var n int64
	err := WriteFileAtomic(path, func(w io.Writer) error {
		var err error
		n, err = wb.WriteTo(io.MultiWriter(w, h))
		return err
	})
	if err != nil {
		return OutputRecord{}, err
	}
	return OutputRecord{Path: filepath.ToSlash(path), Format: "xlsx", Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// dirGuard makes the directories of outputs below an output directory,
// refusing any that would resolve outside it through a symbolic link.
type dirGuard struct {
	root string
	real string // root with its symbolic links resolved
	err  error  // root cannot be resolved
	mu   sync.Mutex
	seen map[string]error
}

func newDirGuard(root string) *dirGuard {
	g := &dirGuard{root: filepath.Clean(root), seen: map[string]error{}}
	g.real, g.err = filepath.EvalSymlinks(g.root)
	if g.err == nil {
		g.real, g.err = filepath.Abs(g.real)
	}
	return g
}

// check makes the directory of path, which must lie below the root, and
// makes sure it resolves inside the root.
func (g *dirGuard) check(path string) error {
	if g.err != nil {
		return fileError(g.root, g.err)
	}
	dir := filepath.Dir(path)
	g.mu.Lock()
	defer g.mu.Unlock()
	if err, ok := g.seen[dir]; ok {
		return err
	}
	err := g.make(dir, path)
	g.seen[dir] = err
	return err
}

func (g *dirGuard) make(dir, path string) error {
	rel, err := filepath.Rel(g.root, dir)
	if err != nil || rel != "." && !filepath.IsLocal(rel) {
		return fmt.Errorf("not writing %s: it is outside the output directory %s", path, g.root)
	}
	p := g.root
	for c := range strings.SplitSeq(rel, string(filepath.Separator)) {
		if c == "." {
			continue
		}
		p = filepath.Join(p, c)
		info, err := os.Lstat(p)
		if errors.Is(err, os.ErrNotExist) {
			if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
				return fileError(p, err)
			}
			info, err = os.Lstat(p)
		}
		if err != nil {
			return fileError(p, err)
		}
		if info.Mode()&os.ModeSymlink != 0 {
			real, err := filepath.EvalSymlinks(p)
			if err != nil {
				return fileError(p, err)
			}
			if real, err = filepath.Abs(real); err != nil {
				return fileError(p, err)
			}
			if r, err := filepath.Rel(g.real, real); err != nil || r != "." && !filepath.IsLocal(r) {
				return fmt.Errorf("not writing %s: %s is a link to %s, outside the output directory %s", path, p, real, g.root)
			}
			if info, err = os.Stat(p); err != nil {
				return fileError(p, err)
			}
		}
		if !info.IsDir() {
			return fmt.Errorf("not writing %s: %s is not a directory", path, p)
		}
	}
	return nil
}

// staleAfter is how old a temporary file of ours must be, at the start
// of a run, to be taken for the leftover of a run that was killed: a
// live run keeps its temporary files for a moment (a document's files
// are staged, then renamed), never for a minute.
const staleAfter = time.Minute

// tmpSweeper removes, once per output directory, the temporary files of
// our naming pattern (".NAME.EXT.DIGITS.tmp", EXT an output format's)
// that a run killed mid-write (SIGKILL, a power cut) left behind, when
// they were last modified more than staleAfter before this run started.
type tmpSweeper struct {
	before time.Time
	mu     sync.Mutex
	done   map[string]bool
}

func newTmpSweeper(start time.Time) *tmpSweeper {
	return &tmpSweeper{before: start.Add(-staleAfter), done: map[string]bool{}}
}

// dir sweeps dir, the first time it is asked to.
func (s *tmpSweeper) dir(dir string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done[dir] {
		return
	}
	s.done[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !isTempName(e.Name()) {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(s.before) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// isTempName reports whether name is that of a temporary file
// [WriteFileAtomic] makes for an output: ".NAME.EXT.DIGITS.tmp".
func isTempName(name string) bool {
	rest, ok := strings.CutSuffix(name, tmpSuffix)
	if !ok || !strings.HasPrefix(rest, ".") {
		return false
	}
	i := strings.LastIndexByte(rest, '.')
	digits := rest[i+1:]
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return false
	}
	out := rest[1:i]
	return slices.ContainsFunc(formats, func(f Format) bool {
		return f.HasExt(out)
	})
}
