package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/declconv/declconv/convert"
	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/pdf"
)

// Exit codes.
const (
	exitOK     = 0 // every input converted
	exitFailed = 1 // some input failed; the others were written
	exitUsage  = 2 // bad flags or arguments: nothing was done
)

const synopsis = "usage: convert [-to LIST] [-from auto|text|yaml|json] [-o PATH] [-check] [-schema] [-version] INPUT..."

// stdinName names standard input in messages and in the model.
const stdinName = "<stdin>"

// usageError is a problem with the command line: reported with the
// synopsis, exit code 2.
type usageError string

func (e usageError) Error() string { return string(e) }

func usagef(format string, args ...any) error { return usageError(fmt.Sprintf(format, args...)) }

// run is the whole command: it parses args, converts and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	to := fs.String("to", "yaml", "output formats, a comma-separated `LIST` (see Formats)")
	from := fs.String("from", string(convert.FromAuto), "how to read the inputs, a `KIND`: auto (canonical YAML or JSON recognised by content, else text), text, yaml or json")
	outPath := fs.String("o", "", "output `PATH`: a file for one input and one format, else a directory (created if missing); - is standard output")
	check := fs.Bool("check", false, "parse only: print every diagnostic as file:line:col: level: message; write nothing")
	schema := fs.Bool("schema", false, "print the JSON Schema of the canonical model and exit")
	version := fs.Bool("version", false, "print the version and exit")
	width := fs.Int("width", 0, "line width of txt output in `COLUMNS` (CJK characters count two; default 80)")
	font := fs.String("font", "", "CJK TrueType font for pdf output, `PATH[#INDEX]` (.ttf or .ttc); default $DECLCONV_FONT, then system fonts")
	fallback := fs.String("font-fallback", "", "second font for characters the first lacks, `PATH[#INDEX]`")
	pdfStyle := fs.String("pdf-style", string(pdf.Official), "pdf layout, a `STYLE`: official (GB/T 9704) or compact")

	inputs, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		usage(stdout, fs)
		return exitOK
	}
	if err != nil {
		return reportUsage(stderr, err)
	}

	switch {
	case *schema || *version:
		if len(inputs) > 0 {
			return reportUsage(stderr, usagef("-schema and -version take no inputs"))
		}
		if *schema {
			stdout.Write(declaration.JSONSchema)
		} else {
			fmt.Fprintln(stdout, versionLine())
		}
		return exitOK
	case len(inputs) == 0:
		return reportUsage(stderr, usagef("no inputs"))
	}

	c := &command{stdin: stdin, stdout: stdout, stderr: stderr, check: *check}
	if !slices.Contains(pdf.Styles, pdf.Style(*pdfStyle)) {
		return reportUsage(stderr, usagef("-pdf-style: unknown style %q (known: official, compact)", *pdfStyle))
	}
	if *width < 0 {
		return reportUsage(stderr, usagef("-width: %d is negative", *width))
	}
	c.opts = convert.Options{TextWidth: *width, PDF: pdf.Writer{Font: *font, Fallback: *fallback, Style: pdf.Style(*pdfStyle)}}
	if c.from, err = convert.ParseFrom(*from); err != nil {
		return reportUsage(stderr, usagef("-from: %v", err))
	}
	if c.formats, err = parseFormats(*to); err != nil {
		return reportUsage(stderr, err)
	}
	if *check && *outPath != "" {
		return reportUsage(stderr, usagef("-check writes nothing: -o makes no sense with it"))
	}
	if err := c.plan(inputs, *outPath); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return reportUsage(stderr, err)
		}
		fmt.Fprintln(stderr, err)
		return exitFailed
	}
	return c.convert()
}

// parseArgs parses the flags and returns the inputs. Flags may follow
// inputs (convert a.txt -to json); after "--" everything is an input.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var inputs []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(inputs, rest...), nil
		}
		if len(rest) == 0 {
			return inputs, nil
		}
		inputs = append(inputs, rest[0])
		args = rest[1:]
	}
}

// parseFormats looks up the formats of a -to list, in the order given,
// each once.
func parseFormats(list string) ([]convert.Format, error) {
	var formats []convert.Format
	seen := map[string]bool{}
	for name := range strings.SplitSeq(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		f, ok := convert.Lookup(name)
		if !ok {
			return nil, usagef("-to: unknown format %q (known: %s)", name, strings.Join(convert.FormatNames(), ", "))
		}
		if !seen[f.Name] {
			seen[f.Name] = true
			formats = append(formats, f)
		}
	}
	if len(formats) == 0 {
		return nil, usagef("-to: no formats (known: %s)", strings.Join(convert.FormatNames(), ", "))
	}
	return formats, nil
}

func reportUsage(w io.Writer, err error) int {
	fmt.Fprintf(w, "convert: %v\n%s\nRun 'convert -h' for help.\n", err, synopsis)
	return exitUsage
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, `%s

Convert declarations, treaties, joint statements and laws into the canonical
model (schema %s) and write it in one or more formats.

An INPUT is a file, - for standard input, or a directory, which stands for
the files in it at any depth whose names end in %s
(sorted; names starting with a dot are skipped). Canonical YAML or JSON
written by convert is recognised by its content and rendered again.

Without -o, each output goes next to its input with the format's extension
(a/statement.txt -> a/statement.json), and standard input goes to standard
output; in a directory given as input, a file that is such an output of
another (a.json beside a.txt, with -to json) is taken to be one and skipped.
An input is never overwritten. With -o DIR, outputs go into DIR under
their input's name (a/statement.txt -> DIR/statement.json); two inputs of
one name are an error for the second. -o names a file only for one input
and one format; an existing directory, or a PATH ending in /, is always a
directory.

Flags:
`, synopsis, declaration.SchemaVersion, strings.Join(convert.InputExts(), ", "))
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprintf(w, "\nFormats:\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range convert.Formats() {
		names := f.Name
		if len(f.Aliases) > 0 {
			names += " (" + strings.Join(f.Aliases, ", ") + ")"
		}
		kind := "text"
		if f.Binary {
			kind = "binary"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", names, f.Ext, kind, f.Doc)
	}
	tw.Flush()
	fmt.Fprint(w, `
Examples:
  convert statement.txt                      write statement.yaml next to it
  convert -to yaml,json a/statement.txt      write a/statement.yaml and a/statement.json
  convert -to json -o out/ corpus/           convert a whole folder into out/
  convert -to json -o s.json statement.txt   write exactly s.json
  convert -to json statement.yaml            render a hand-edited canonical file again
  convert -to json - < statement.txt         read standard input, write standard output
  convert -check corpus/                     report diagnostics, write nothing
  convert -schema > schema.json              the JSON Schema of the canonical model

Errors are printed as file:line:col: message. Exit status: 0 when every
input converted, 1 when any failed (the others are still written), 2 for a
usage error.
`)
}

// versionLine is what -version prints: the main module's version, or
// "devel" for a build outside a released module.
func versionLine() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return "declconv " + v + " (schema " + declaration.SchemaVersion + ")"
}

// command is one run of the converter, planned before anything is read.
type command struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	check          bool
	from           convert.From
	formats        []convert.Format
	opts           convert.Options
	jobs           []*job
}

// job is one input and the outputs it goes to.
type job struct {
	path  string      // the file to read; "" for standard input
	found bool        // found in a directory given as input, not named
	name  string      // the input in messages: its path, or <stdin>
	info  os.FileInfo // of path, for telling whether an output is an input
	err   error       // a problem found before reading: nothing is written
	outs  []target
}

// target is one output of a job.
type target struct {
	format convert.Format
	path   string // "" for standard output
	err    error  // why it cannot be written
}

// plan expands the inputs and decides where every output goes. It
// returns a usageError for an impossible combination, any other error
// for a failure that stops everything (an output directory that cannot
// be made).
func (c *command) plan(args []string, outPath string) error {
	sawDir, err := c.expand(args)
	if err != nil {
		return err
	}
	if c.check {
		return nil
	}

	single := len(args) == 1 && !sawDir && len(c.formats) == 1
	dir := ""
	switch {
	case outPath == "-":
		if !single {
			return usagef("-o - takes one input and one format")
		}
	case outPath != "":
		info, err := os.Stat(outPath)
		isDir := err == nil && info.IsDir() || strings.HasSuffix(outPath, "/") || strings.HasSuffix(outPath, string(filepath.Separator))
		switch {
		case !isDir && single:
			// -o FILE
		case !isDir && err == nil:
			return usagef("-o %s is a file: it can take only one input in one format", outPath)
		case !isDir && looksLikeFile(outPath):
			return usagef("-o %s looks like a file: it can take only one input in one format (end a directory's name with /)", outPath)
		default:
			dir = outPath
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fileError(dir, err)
			}
			c.skipUnder(dir)
		}
	}

	if outPath == "" {
		c.skipOutputs()
	}

	claimed := map[string]string{} // absolute output path → the input it belongs to
	for _, j := range c.jobs {
		if j.err != nil {
			continue
		}
		for _, f := range c.formats {
			t := target{format: f}
			switch {
			case outPath == "-", outPath == "" && j.path == "":
				if len(c.formats) > 1 {
					return usagef("standard input with several formats needs -o DIR")
				}
				if f.Binary && isTerminal(c.stdout) {
					return usagef("%s is a binary format: not writing it to a terminal (redirect it, or use -o)", f.Name)
				}
			case dir == "" && outPath != "":
				t.path = outPath
			case j.path == "":
				t.path = convert.OutputPath("stdin", dir, f)
			default:
				t.path = convert.OutputPath(j.path, dir, f)
			}
			if t.path != "" {
				key, err := filepath.Abs(t.path)
				if err != nil {
					key = filepath.Clean(t.path)
				}
				if other, link := c.inputAt(t.path, key); other != nil {
					switch {
					case link:
						t.err = fmt.Errorf("%s: not writing %s: it is the input %s, through a link", j.name, t.path, other.name)
					case other == j:
						t.err = fmt.Errorf("%s: not writing %s over its own input (use -o)", j.name, t.path)
					default:
						t.err = fmt.Errorf("%s: not writing %s: it is the input %s", j.name, t.path, other.name)
					}
				} else if first, ok := claimed[key]; ok {
					t.err = fmt.Errorf("%s: not writing %s: it is the output of %s", j.name, t.path, first)
				} else {
					claimed[key] = j.name
				}
			}
			j.outs = append(j.outs, t)
		}
	}
	return nil
}

// expand queues a job per input: a file as named, a directory's files
// through [convert.FindInputs], - for standard input. sawDir reports
// whether a directory was among the inputs.
func (c *command) expand(args []string) (sawDir bool, err error) {
	sawStdin := false
	for _, arg := range args {
		if arg == "-" {
			if sawStdin {
				return false, usagef("standard input (-) given twice")
			}
			sawStdin = true
			c.jobs = append(c.jobs, &job{name: stdinName})
			continue
		}
		info, err := os.Stat(arg)
		switch {
		case err != nil:
			c.jobs = append(c.jobs, &job{path: arg, name: arg, err: fileError(arg, err)})
		case info.IsDir():
			sawDir = true
			files, err := convert.FindInputs(arg)
			for _, f := range files {
				c.add(f)
			}
			if err == nil && len(files) == 0 {
				err = fmt.Errorf("%s: no %s files in this directory", arg, strings.Join(convert.InputExts(), ", "))
			}
			if err != nil {
				c.jobs = append(c.jobs, &job{path: arg, name: arg, err: err})
			}
		default:
			c.jobs = append(c.jobs, &job{path: arg, name: arg, info: info})
		}
	}
	return sawDir, nil
}

// add queues the input file path.
func (c *command) add(path string) {
	info, err := os.Stat(path)
	c.jobs = append(c.jobs, &job{path: path, name: path, found: true, info: info, err: fileError(path, err)})
}

// skipUnder drops the inputs found under the output directory dir while
// expanding an input directory, so that the outputs of an earlier run do
// not become inputs (convert -o out/ . run twice). Inputs named on the
// command line stay.
func (c *command) skipUnder(dir string) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	c.jobs = slices.DeleteFunc(c.jobs, func(j *job) bool {
		p, err := filepath.Abs(j.path)
		return j.found && err == nil && strings.HasPrefix(p, abs+string(filepath.Separator))
	})
}

// skipOutputs drops the inputs found in a directory that are the outputs
// of a sibling from an earlier run: a file whose extension is that of an
// output format being written, next to a file with the same name and
// another extension (a.json beside a.txt, for -to json). So converting a
// directory next to its inputs can be run again. Inputs named on the
// command line stay.
func (c *command) skipOutputs() {
	isOut := func(path string) bool {
		return slices.ContainsFunc(c.formats, func(f convert.Format) bool { return strings.EqualFold(filepath.Ext(path), f.Ext) })
	}
	stem := func(path string) string { return strings.TrimSuffix(path, filepath.Ext(path)) }
	sources := map[string]bool{}
	for _, j := range c.jobs {
		if j.found && j.err == nil && !isOut(j.path) {
			sources[stem(j.path)] = true
		}
	}
	c.jobs = slices.DeleteFunc(c.jobs, func(j *job) bool {
		return j.found && isOut(j.path) && sources[stem(j.path)]
	})
}

// inputAt returns the job whose input is at path (whose absolute form is
// key), by name or, with link set, as the same file through a symbolic
// or hard link; or nil.
func (c *command) inputAt(path, key string) (j *job, link bool) {
	for _, j := range c.jobs {
		if abs, err := filepath.Abs(j.path); err == nil && j.path != "" && abs == key {
			return j, false
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, false
	}
	for _, j := range c.jobs {
		if j.info != nil && os.SameFile(info, j.info) {
			return j, true
		}
	}
	return nil, false
}

// looksLikeFile reports whether an -o path that does not exist yet has
// the extension of an output format or an input.
func looksLikeFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		return false
	}
	for _, f := range convert.Formats() {
		if f.Ext == ext {
			return true
		}
	}
	for _, e := range convert.InputExts() {
		if e == ext {
			return true
		}
	}
	return false
}

// convert reads every input in order and writes its outputs, reporting
// each problem on stderr and going on with the next.
func (c *command) convert() int {
	code := exitOK
	fail := func(j *job, err error) {
		report(c.stderr, j.name, err)
		code = exitFailed
	}
	for _, j := range c.jobs {
		if j.err != nil {
			fail(j, j.err)
			continue
		}
		d, err := c.read(j)
		if err != nil {
			fail(j, err)
			continue
		}
		if c.check {
			printDiagnostics(c.stdout, j.name, d)
			continue
		}
		var files []convert.Output
		for _, t := range j.outs {
			switch {
			case t.err != nil:
				fail(j, t.err)
			case t.path == "":
				var buf bytes.Buffer
				if err := t.format.Write(&buf, d, c.opts); err != nil {
					fail(j, err)
				} else if _, err := c.stdout.Write(buf.Bytes()); err != nil {
					fail(j, fmt.Errorf("<stdout>: %w", err))
				}
			default:
				files = append(files, convert.Output{Format: t.format, Path: t.path})
			}
		}
		if err := convert.Convert(d, files, c.opts); err != nil {
			fail(j, err)
		}
	}
	return code
}

// read reads and parses one input.
func (c *command) read(j *job) (*declaration.Document, error) {
	if j.path == "" {
		return convert.Read(c.stdin, j.name, c.from)
	}
	f, err := os.Open(j.path)
	if err != nil {
		return nil, fileError(j.path, err)
	}
	defer f.Close()
	return convert.Read(f, j.name, c.from)
}

// printDiagnostics prints the diagnostics of d as file:line:col: level:
// message. Their positions are in the source, so the file is the source's
// name as recorded in the model (which for canonical input differs from
// the file read).
func printDiagnostics(w io.Writer, name string, d *declaration.Document) {
	if d.Source.Name != "" {
		name = d.Source.Name
	}
	for _, g := range d.Diagnostics {
		e := &declaration.Error{File: name, Pos: g.Pos, Msg: string(g.Level) + ": " + g.Message}
		fmt.Fprintln(w, e.Error())
	}
}

// report prints err on w one line per problem, each starting with the
// input's name: file:line:col: message, or file: message.
func report(w io.Writer, name string, err error) {
	for line := range strings.SplitSeq(err.Error(), "\n") {
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, name+":") {
			line = name + ": " + line
		}
		fmt.Fprintln(w, line)
	}
}

// fileError gives an error about path as "path: cause", without the
// operation an [*os.PathError] adds; nil stays nil.
func fileError(path string, err error) error {
	if err == nil {
		return nil
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: %w", path, err)
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
