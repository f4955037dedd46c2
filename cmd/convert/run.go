package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/declconv/declconv/convert"
	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/pdf"
)

// Exit codes.
const (
	exitOK          = 0   // every input converted
	exitFailed      = 1   // some input failed; the others were written
	exitUsage       = 2   // bad flags or arguments: nothing was done
	exitInterrupted = 130 // stopped by SIGINT or SIGTERM; every file written is whole
)

const synopsis = "usage: convert [-to LIST] [-from auto|text|yaml|json] [-o PATH] [-j N] [-manifest FILE] [flags] INPUT..."

// usageError is a problem with the command line: reported with the
// synopsis, exit code 2.
type usageError string

func (e usageError) Error() string { return string(e) }

func usagef(format string, args ...any) error { return usageError(fmt.Sprintf(format, args...)) }

// timeoutFlag is -timeout: a duration, 0 for no bound. Unset, the bound
// is convert's default, which grows with the input's size.
type timeoutFlag struct {
	d   time.Duration
	set bool
}

func (f *timeoutFlag) String() string {
	if f == nil || !f.set {
		return ""
	}
	return f.d.String()
}

func (f *timeoutFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return errors.New("not a duration (such as 30s or 2m)")
	}
	f.d, f.set = d, true
	return nil
}

// listFlag is a flag that may be given several times, each value a
// comma-separated list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for v := range strings.SplitSeq(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// options are the command line, parsed.
type options struct {
	to, from, out, font, fallback, pdfStyle string
	fontHei, fontKai, fontLatin, pdfPaper   string
	check, schema, version, quiet, verbose  bool
	width, jobs                             int
	include, exclude                        listFlag
	filesFrom                               string
	diagnostics, diagnosticsOut             string
	manifest                                string
	incremental, failFast, fsync            bool
	timeout                                 timeoutFlag
	shard                                   string
	merge                                   string
}

func flags(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&o.to, "to", "", "output formats, a comma-separated `LIST` (see Formats); default yaml, or the format -o FILE's extension names")
	fs.StringVar(&o.from, "from", string(convert.FromAuto), "how to read the inputs, a `KIND`: auto (canonical YAML or JSON recognised by content, else text), text, yaml or json")
	fs.StringVar(&o.out, "o", "", "output `PATH`: a directory (created if missing), a file for one input and one format, a corpus .xlsx for -to xlsx, or - for standard output")
	fs.BoolVar(&o.check, "check", false, "parse only: print every diagnostic (as -diagnostics says, text by default); write nothing")
	fs.BoolVar(&o.schema, "schema", false, "print the JSON Schema of the canonical model and exit")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.IntVar(&o.width, "width", 0, "line width of txt output in `COLUMNS` (CJK characters count two; default 80)")
	fs.StringVar(&o.font, "font", "", "CJK TrueType font for pdf output, `PATH[#INDEX]` (.ttf or .ttc); default $DECLCONV_FONT, then system fonts")
	fs.StringVar(&o.fallback, "font-fallback", "", "second font for characters the first lacks, `PATH[#INDEX]`")
	fs.StringVar(&o.pdfStyle, "pdf-style", string(pdf.Auto), "pdf layout, a `STYLE`: auto (english for documents in English, else official), official (GB/T 9704), compact or english")
	fs.StringVar(&o.pdfPaper, "pdf-paper", string(pdf.A4), "pdf paper size, a `SIZE`: a4 or letter")
	fs.StringVar(&o.fontHei, "font-hei", "", "Hei face of first-level headings in pdf output, `PATH[#INDEX]` or none; default $DECLCONV_FONT_HEI, then system fonts")
	fs.StringVar(&o.fontKai, "font-kai", "", "Kai face of second-level headings in pdf output, `PATH[#INDEX]` or none; default $DECLCONV_FONT_KAI, then system fonts")
	fs.StringVar(&o.fontLatin, "font-latin", "", "serif face of Latin text in pdf output, `PATH[#INDEX]` or none; default $DECLCONV_FONT_LATIN, then system fonts")
	fs.Var(&o.include, "include", "in directories, take only files matching `GLOB` (repeatable or comma-separated; replaces the default *.txt, *.yaml, *.yml, *.json)")
	fs.Var(&o.exclude, "exclude", "in directories, skip files and directories matching `GLOB` (repeatable; wins over -include)")
	fs.StringVar(&o.filesFrom, "files-from", "", "read more inputs from `FILE`, one path a line (- for standard input)")
	fs.IntVar(&o.jobs, "j", runtime.NumCPU(), "convert `N` documents at once")
	fs.BoolVar(&o.quiet, "q", false, "quiet: report errors only")
	fs.BoolVar(&o.verbose, "v", false, "verbose: one line per document")
	fs.StringVar(&o.diagnostics, "diagnostics", "", "print the parser's diagnostics in `FORMAT`: text, json, sarif (SARIF 2.1.0) or github (workflow annotations)")
	fs.StringVar(&o.diagnosticsOut, "diagnostics-out", "", "write diagnostics to `FILE` instead of standard output")
	fs.StringVar(&o.manifest, "manifest", "", "write a JSON manifest of the run to `FILE`: per input its hash, status, error and outputs")
	fs.BoolVar(&o.incremental, "incremental", false, "skip inputs unchanged since the -manifest FILE of the previous run (same bytes, options and outputs)")
	fs.BoolVar(&o.failFast, "fail-fast", false, "stop starting new inputs after the first failure")
	fs.BoolVar(&o.fsync, "fsync", false, "sync every output to disk before renaming it into place (survives a power failure; slower)")
	fs.Var(&o.timeout, "timeout", "fail a document that takes longer than `DURATION` (e.g. 30s; 0 for no bound) to convert, and go on; default 60s plus 2s per MB of the input")
	fs.StringVar(&o.shard, "shard", "", "convert only shard `K/N` of the inputs (K from 0 to N-1, by a hash of each input's relative path)")
	fs.StringVar(&o.merge, "merge-manifests", "", "join the manifests given as inputs (of the shards of one run) into `OUT` and exit")
	return fs
}

// run is the whole command: it parses args, converts and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o options
	fs := flags(&o)
	inputs, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		usage(stdout, fs)
		return exitOK
	}
	if err != nil {
		return reportUsage(stderr, err)
	}

	switch {
	case o.schema || o.version:
		if len(inputs) > 0 {
			return reportUsage(stderr, usagef("-schema and -version take no inputs"))
		}
		if o.schema {
			stdout.Write(declaration.JSONSchema)
		} else {
			fmt.Fprintln(stdout, versionLine())
		}
		return exitOK
	case o.merge != "":
		return merge(o.merge, inputs, stdout, stderr)
	case len(inputs) == 0 && o.filesFrom == "":
		return reportUsage(stderr, usagef("no inputs"))
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	b := &batch{opts: o, stdin: stdin, stdout: stdout, stderr: stderr}
	if err := b.setUp(inputs); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return reportUsage(stderr, err)
		}
		fmt.Fprintln(stderr, err)
		return exitFailed
	}
	return b.run(ctx)
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

// merge joins the manifests named by inputs into out.
func merge(out string, inputs []string, stdout, stderr io.Writer) int {
	if len(inputs) == 0 {
		return reportUsage(stderr, usagef("-merge-manifests: no manifests to merge"))
	}
	var ms []*convert.Manifest
	for _, in := range inputs {
		m, err := convert.ReadManifest(in)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitFailed
		}
		ms = append(ms, m)
	}
	m, err := convert.MergeManifests(ms)
	if err != nil {
		fmt.Fprintf(stderr, "convert: -merge-manifests: %v\n", err)
		return exitFailed
	}
	if out == "-" {
		_, err = m.WriteTo(stdout)
	} else {
		err = convert.WriteFileAtomic(out, func(w io.Writer) error { _, err := m.WriteTo(w); return err })
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailed
	}
	return exitOK
}

func reportUsage(w io.Writer, err error) int {
	fmt.Fprintf(w, "convert: %v\n%s\nRun 'convert -h' for help.\n", err, synopsis)
	return exitUsage
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, `%s

Convert declarations, treaties, joint statements and laws into the canonical
model (schema %s) and write it in one or more formats.

Inputs. An INPUT is a file, - for standard input, or a directory, which
stands for the files in it at any depth whose names match %s
(sorted; names starting with a dot are skipped). -include and -exclude
choose other files: a GLOB is matched against the path relative to the
directory given (a GLOB without / against the base name at any depth; **
matches any number of directories), and -exclude wins. -files-from FILE
adds one input per line (blank lines and # comments skipped), relative to
the working directory. Canonical YAML or JSON written by convert is
recognised by its content and rendered again.

Outputs. Without -o, each output goes next to its input with the format's
extension (a/statement.txt -> a/statement.json; text as
a/statement.out.txt), and standard input goes to standard output; in a
directory given as input, a file that is such an output of another (a.json
beside a.txt, with -to json; our canonical a.yaml of a.txt, whatever -to
says; a.out.txt) is skipped. Without -to, -o FILE's extension names the
format; with -to, it must not be another format's. With -o
DIR, each output goes under DIR at its input's path relative to the
argument that named it: corpus/sub/x.txt from the directory corpus/ ->
DIR/sub/x.json, a file named as such -> DIR/x.json; two inputs with one
output path are an error for the second. Nothing is written outside DIR
(not through a symbolic link either), an input is never overwritten, and
every file is written atomically (a temporary file, then a rename). -o
names a file only for one input and one format; an existing directory, or a
PATH ending in /, is always a directory. With -to xlsx and -o FILE.xlsx,
several inputs (or a directory) go into one corpus workbook, with a
Documents sheet listing every input and the failures among them.

Batches. -j N documents are converted at once; outputs, reports and the
manifest are the same bytes whatever N is, reported in input order. On
standard error: each failure as file:line:col: message, and for more than
one input a summary line (a progress bar instead while it runs, when
standard error is a terminal). -diagnostics writes the parser's diagnostics
to standard output, or to -diagnostics-out FILE. -manifest FILE records
each input (path, sha256, status ok, failed or skipped, error, number of
diagnostics, outputs with their size and sha256) and a fingerprint of the
options, without times, so reruns give the same bytes; with -incremental
it is read first, and inputs whose bytes, options and outputs are
unchanged are skipped. -shard K/N converts only the inputs whose relative
path hashes to shard K (0 <= K < N): N runs are disjoint and cover every
input; -merge-manifests OUT M1 M2... joins their manifests. On SIGINT or
SIGTERM the run starts nothing new, lets writes in progress finish, leaves
no temporary file, writes the manifest of what was done and exits 130.
-timeout fails one document that takes too long (default 60s plus 2s per
MB of input); its conversion may run on in the background until it ends,
but nothing it produces is written. A document that fails in one format
writes none (all of its files, or none). source.name in the model is the
input's path relative to the argument that named it.

Flags:
`, synopsis, declaration.SchemaVersion, convert.Filter{}.Describe())
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
  convert -to xlsx -o corpus.xlsx corpus/    every input in one workbook
  convert -to json statement.yaml            render a hand-edited canonical file again
  convert -to json - < statement.txt         read standard input, write standard output
  convert -check corpus/                     report diagnostics, write nothing
  convert -to json -o out/ -include input.txt fixtures/
                                             only the fixtures' inputs
  convert -to pdf,json -o out/ -manifest out/manifest.json -incremental -shard 0/4 corpus/
                                             one of four CI jobs, skipping what is done
  convert -schema > schema.json              the JSON Schema of the canonical model

Errors are printed as file:line:col: message. Exit status: 0 when every
input converted, 1 when any failed (the others are still written), 2 for a
usage error, 130 when interrupted.
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

// looksLikeFile reports whether an -o path that does not exist yet has
// the extension of an output format or an input.
func looksLikeFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		return false
	}
	return slices.ContainsFunc(convert.Formats(), func(f convert.Format) bool { return f.HasExt(path) }) ||
		slices.Contains(convert.InputExts(), ext)
}
