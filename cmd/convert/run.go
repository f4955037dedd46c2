package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
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

const synopsis = "usage: convert [-t LIST] [-f KIND] [-o PATH] [flags] [INPUT...]"

// usageError is a problem with the command line (convert.UsageError,
// which the batch's policies return too): reported with the
// synopsis, exit code 2.
type usageError = convert.UsageError

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
	listFormats, strict                     bool
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

// aliases are other names of flags: pandoc's -t and -f, and its
// --list-output-formats (the flag package takes - and -- alike).
var aliases = [...]struct{ alias, name string }{
	{"t", "to"},
	{"f", "from"},
	{"list-output-formats", "list-formats"},
}

// flags defines the flags, each with a one-line description: -h lists
// them one a line, and README's Usage section tells the rest.
func flags(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&o.to, "to", "", "output formats, a comma `LIST` (default yaml, or what -o FILE's extension names)")
	fs.StringVar(&o.from, "from", string(convert.FromAuto), "read inputs as `KIND`: auto (canonical YAML/JSON by content, else text), text, yaml, json")
	fs.StringVar(&o.out, "o", "", "output file, directory or corpus .xlsx `PATH`; - for standard output (binary too)")
	fs.BoolVar(&o.listFormats, "list-formats", false, "print the output formats and exit")
	fs.BoolVar(&o.check, "check", false, "parse only: print the diagnostics, write nothing")
	fs.BoolVar(&o.strict, "strict", false, "warnings fail the run too (exit 1), for CI gates")
	fs.BoolVar(&o.schema, "schema", false, "print the JSON Schema of the canonical model and exit")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.IntVar(&o.width, "width", 0, "line width of txt output in `COLUMNS` (default 80; CJK characters count two)")
	fs.StringVar(&o.font, "font", "", "CJK font of pdf output, a .ttf/.ttc `PATH[#INDEX]` (default $DECLCONV_FONT, then system fonts)")
	fs.StringVar(&o.fallback, "font-fallback", "", "pdf font (`PATH[#INDEX]`) for the characters -font lacks")
	fs.StringVar(&o.pdfStyle, "pdf-style", string(pdf.Auto), "pdf layout `STYLE`: auto, official (GB/T 9704), compact or english")
	fs.StringVar(&o.pdfPaper, "pdf-paper", string(pdf.A4), "pdf paper `SIZE`: a4 or letter")
	fs.StringVar(&o.fontHei, "font-hei", "", "pdf face of level-1 headings, `PATH[#INDEX]` or none (default $DECLCONV_FONT_HEI)")
	fs.StringVar(&o.fontKai, "font-kai", "", "pdf face of level-2 headings, `PATH[#INDEX]` or none (default $DECLCONV_FONT_KAI)")
	fs.StringVar(&o.fontLatin, "font-latin", "", "pdf face of Latin text, `PATH[#INDEX]` or none (default $DECLCONV_FONT_LATIN)")
	fs.Var(&o.include, "include", "in directories, take only the files matching `GLOB` (repeatable)")
	fs.Var(&o.exclude, "exclude", "in directories, skip what matches `GLOB` (repeatable; wins over -include)")
	fs.StringVar(&o.filesFrom, "files-from", "", "read more inputs from `FILE`, one path a line (- for standard input)")
	fs.IntVar(&o.jobs, "j", runtime.NumCPU(), "convert `N` documents at once (default: the number of CPUs)")
	fs.BoolVar(&o.quiet, "q", false, "quiet: report errors only")
	fs.BoolVar(&o.verbose, "v", false, "verbose: one line per document")
	fs.StringVar(&o.diagnostics, "diagnostics", "", "print the diagnostics as `FORMAT`: text, json, sarif or github")
	fs.StringVar(&o.diagnosticsOut, "diagnostics-out", "", "write the diagnostics to `FILE`, not standard output")
	fs.StringVar(&o.manifest, "manifest", "", "write a JSON manifest of the run to `FILE`")
	fs.BoolVar(&o.incremental, "incremental", false, "skip inputs unchanged since the previous run's -manifest")
	fs.BoolVar(&o.failFast, "fail-fast", false, "start no new input after the first failure")
	fs.BoolVar(&o.fsync, "fsync", false, "sync every output to disk before renaming it into place")
	fs.Var(&o.timeout, "timeout", "fail a document taking longer than `DURATION` (default 60s + 2s/MB; 0: none)")
	fs.StringVar(&o.shard, "shard", "", "convert only shard `K/N` of the inputs (0 <= K < N)")
	fs.StringVar(&o.merge, "merge-manifests", "", "join the shards' manifests given as inputs into `OUT` and exit")
	for _, a := range aliases {
		fs.Var(fs.Lookup(a.name).Value, a.alias, "same as -"+a.name)
	}
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

	if code, done := info(&o, inputs, stdout, stderr); done {
		return code
	}
	switch {
	case o.merge != "":
		return merge(o.merge, inputs, stdout, stderr)
	case len(inputs) == 0 && o.filesFrom == "":
		// Like pandoc: no input named reads standard input, unless a
		// person sits at it.
		if isTerminal(stdin) {
			return reportUsage(stderr, usagef("no inputs (and standard input is a terminal)"))
		}
		inputs = []string{"-"}
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

// info answers -schema, -version and -list-formats, which take no
// inputs and convert nothing; done says one of them was given.
func info(o *options, inputs []string, stdout, stderr io.Writer) (code int, done bool) {
	if !o.schema && !o.version && !o.listFormats {
		return 0, false
	}
	if len(inputs) > 0 {
		return reportUsage(stderr, usagef("-schema, -version and -list-formats take no inputs")), true
	}
	switch {
	case o.schema:
		stdout.Write(declaration.JSONSchema())
	case o.version:
		fmt.Fprintln(stdout, versionLine())
	default:
		listFormats(stdout)
	}
	return exitOK, true
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

// usage is -h: the synopsis, the flags one a line, the formats and a
// few examples. The rest is README's Usage section.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, `%s

Convert declarations, treaties and laws into the canonical model (%s)
and write it in the formats -to names. An INPUT is a file, a directory or -;
with none, standard input is read.

Flags:
`, synopsis, declaration.SchemaVersion)
	printFlags(w, fs)
	fmt.Fprintf(w, "\nFormats: %s (convert -list-formats describes them)\n", strings.Join(convert.FormatNames(), ", "))
	fmt.Fprint(w, `
Examples:
  convert statement.txt                     write statement.yaml beside it
  convert -t json < statement.txt           standard input to standard output
  convert -t pdf,json -o out/ corpus/       a whole folder into out/
  convert -t xlsx -o corpus.xlsx corpus/    every input in one workbook
  convert -check -strict corpus/            a CI gate: any warning fails it

Exit status: 0 done, 1 an input failed (or warned, with -strict), 2 usage
error, 130 interrupted. README.md (Usage) tells where outputs go and the rest.
`)
}

// printFlags lists the flags one a line, in name order, each with its
// aliases: "-t, -to LIST  output formats…".
func printFlags(w io.Writer, fs *flag.FlagSet) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		names := "-" + f.Name
		arg, text := flag.UnquoteUsage(f)
		for _, a := range aliases {
			switch {
			case f.Name == a.alias:
				return // listed with its flag
			case f.Name == a.name && len(a.alias) == 1:
				names = "-" + a.alias + ", " + names
			case f.Name == a.name:
				text += " (also -" + a.alias + ")"
			}
		}
		if arg != "" {
			names += " " + arg
		}
		if def := f.DefValue; def != "" && def != "false" && def != "0" && !strings.Contains(text, "default") {
			text += " (default " + def + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\n", names, text)
	})
	tw.Flush()
}

// listFormats is -list-formats: the format table, one format a line.
func listFormats(w io.Writer) {
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", names, f.Ext, kind, f.Doc)
	}
	tw.Flush()
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
