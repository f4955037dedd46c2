package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/declconv/declconv/convert"
	"github.com/declconv/declconv/declaration"
)

// closed is the statement with a place and date: the parser finds
// nothing to warn about in it.
const closed = statement + "\n二〇二三年五月十八日于西安\n"

// TestShortFlags: -t and -f are -to and -from, as in pandoc.
func TestShortFlags(t *testing.T) {
	dir := files(t, map[string]string{"s.txt": statement})
	r := convertIn(t, dir, "", "-t", "json", "-f", "text", "s.txt")
	r.want(t, 0)
	if got := tree(t, dir); !slices.Equal(got, []string{"s.json", "s.txt"}) {
		t.Errorf("files %q", got)
	}
	// -f reaches -from: a text read as canonical YAML fails.
	r = convertIn(t, dir, "", "-t", "json", "-f", "yaml", "-o", "-", "s.txt")
	r.want(t, 1)
	// --to, as pandoc users type it, is -to.
	r = convertIn(t, dir, "", "--to", "txt", "-o", "-", "s.txt")
	r.want(t, 0)
	if !strings.Contains(r.stdout, "双方同意") {
		t.Errorf("--to txt gave:\n%s", r.stdout)
	}
}

// TestListFormats: -list-formats (and --list-output-formats) prints the
// format table, a line per format, and nothing else.
func TestListFormats(t *testing.T) {
	dir := t.TempDir()
	r := convertIn(t, dir, "", "-list-formats")
	r.want(t, 0)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	formats := convert.Formats()
	if len(lines) != len(formats) {
		t.Fatalf("%d lines for %d formats:\n%s", len(lines), len(formats), r.stdout)
	}
	for i, f := range formats {
		fields := strings.Fields(lines[i])
		if fields[0] != f.Name || !strings.Contains(lines[i], " "+f.Ext+" ") || !strings.HasSuffix(lines[i], f.Doc) {
			t.Errorf("line %q does not describe %s (%s: %s)", lines[i], f.Name, f.Ext, f.Doc)
		}
		if kind := map[bool]string{true: "binary", false: "text"}[f.Binary]; !slices.Contains(fields, kind) {
			t.Errorf("line %q does not say %s", lines[i], kind)
		}
	}
	pandoc := convertIn(t, dir, "", "--list-output-formats")
	pandoc.want(t, 0)
	if pandoc.stdout != r.stdout {
		t.Errorf("--list-output-formats:\n%s\nwant:\n%s", pandoc.stdout, r.stdout)
	}
	r = convertIn(t, dir, "", "-list-formats", "a.txt")
	r.want(t, 2)
}

// TestImplicitStdin: with no input named, standard input is read when it
// is not a terminal (convert -to json < a.txt), and is refused when it is.
func TestImplicitStdin(t *testing.T) {
	dir := t.TempDir()
	r := convertIn(t, dir, statement, "-to", "json")
	r.want(t, 0)
	var d declaration.Document
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if d.Source.Name != convert.StdinName || len(d.Body) != 2 {
		t.Errorf("source.name %q, %d provisions", d.Source.Name, len(d.Body))
	}
	if r.stderr != "" || tree(t, dir) != nil {
		t.Errorf("stderr %q, files %q: want neither", r.stderr, tree(t, dir))
	}
	// The same bytes as naming it -.
	if named := convertIn(t, dir, statement, "-to", "json", "-"); named.stdout != r.stdout {
		t.Error("standard input read implicitly differs from -")
	}

	var out, errOut bytes.Buffer
	r = convertWith(t, dir, &tty{width: 80}, &out, &errOut, "-to", "json")
	r.want(t, 2)
	if !strings.Contains(r.stderr, "no inputs") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	// -files-from names the inputs: standard input is not one of them.
	list := files(t, map[string]string{"list": "s.txt\n", "s.txt": statement})
	r = convertIn(t, list, "not read", "-to", "json", "-files-from", "list")
	r.want(t, 0)
	if !slices.Contains(tree(t, list), "s.json") {
		t.Errorf("files %q", tree(t, list))
	}
}

// TestBinaryToTerminal: a binary format is not written to a terminal
// unless -o - forces it, as pandoc does.
func TestBinaryToTerminal(t *testing.T) {
	dir := files(t, map[string]string{"s.txt": statement})
	var out, errOut bytes.Buffer
	r := convertWith(t, dir, strings.NewReader(statement), &tty{width: 80}, &errOut, "-to", "xlsx")
	r.want(t, 2)
	if !strings.Contains(r.stderr, "binary") || !strings.Contains(r.stderr, "-o -") || r.stdout != "" {
		t.Errorf("stdout %q, stderr:\n%s", r.stdout, r.stderr)
	}
	for _, args := range [][]string{{"-to", "xlsx", "-o", "-"}, {"-to", "xlsx", "-o", "-", "s.txt"}} {
		errOut.Reset()
		r = convertWith(t, dir, strings.NewReader(statement), &tty{width: 80}, &errOut, args...)
		r.want(t, 0)
		if !strings.HasPrefix(r.stdout, "PK\x03\x04") { // a zip, as XLSX is
			t.Errorf("%q: stdout starts %q", args, r.stdout[:min(len(r.stdout), 8)])
		}
	}
	// Not a terminal: binary goes to standard output as before.
	out.Reset()
	errOut.Reset()
	r = convertWith(t, dir, strings.NewReader(statement), &out, &errOut, "-to", "xlsx")
	r.want(t, 0)
	if !strings.HasPrefix(r.stdout, "PK\x03\x04") || !slices.Equal(tree(t, dir), []string{"s.txt"}) {
		t.Errorf("stdout starts %q; files %q", r.stdout[:min(len(r.stdout), 8)], tree(t, dir))
	}
}

// TestHelpShort: -h starts with the synopsis and the flags, lists every
// flag once with its aliases, and is short: the prose is in README.
func TestHelpShort(t *testing.T) {
	r := convertIn(t, t.TempDir(), "", "-h")
	r.want(t, 0)
	lines := strings.Split(r.stdout, "\n")
	if lines[0] != synopsis {
		t.Errorf("first line %q, want the synopsis", lines[0])
	}
	flagsAt := slices.Index(lines, "Flags:")
	if flagsAt < 0 || flagsAt > 8 {
		t.Errorf("Flags: at line %d, want within the first 8", flagsAt+1)
	}
	if len(lines) > 60 {
		t.Errorf("-h is %d lines, want at most 60", len(lines))
	}
	var o options
	flags(&o).VisitAll(func(f *flag.Flag) {
		if !regexp.MustCompile(`(?m)[ ,]-` + regexp.QuoteMeta(f.Name) + `\b`).MatchString(r.stdout) {
			t.Errorf("-h does not list -%s", f.Name)
		}
	})
	for _, want := range []string{"  -t, -to LIST ", "  -f, -from KIND ", "(also -list-output-formats)", strings.Join(convert.FormatNames(), ", ")} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-h lacks %q:\n%s", want, r.stdout)
		}
	}
}

// bars splits what the reporter wrote to a terminal at each redraw and
// returns the progress lines among the pieces.
func bars(stderr string) []string {
	var out []string
	for piece := range strings.SplitSeq(stderr, "\r\x1b[K") {
		if strings.HasPrefix(piece, "[") || strings.Contains(piece, " documents ") && !strings.Contains(piece, "\n") {
			out = append(out, piece)
		}
	}
	return out
}

// TestProgressBarFitsTerminal: at any width every progress line stays
// off the terminal's last column (so it never wraps and scrolls), the
// bar grows with the width, and the last line shows the whole batch.
func TestProgressBarFitsTerminal(t *testing.T) {
	dir := corpus(t, 5)
	barWidth := map[int]int{}
	for _, cols := range []int{120, 60, 30} {
		var out bytes.Buffer
		errOut := &tty{width: cols}
		r := convertWith(t, dir, strings.NewReader(""), &out, errOut, "-check", "-diagnostics-out", "d.txt", "corpus")
		r.want(t, 1) // the bad fixtures fail
		lines := bars(r.stderr)
		if len(lines) == 0 {
			t.Fatalf("%d columns: no progress line in %q", cols, r.stderr)
		}
		for _, l := range lines {
			if n := utf8.RuneCountInString(l); n > cols-1 {
				t.Errorf("%d columns: a %d-column progress line %q", cols, n, l)
			}
		}
		for _, l := range lines[1:] {
			if strings.Index(l, "]") != strings.Index(lines[0], "]") {
				t.Errorf("%d columns: the bar's width changes during the run: %q, then %q", cols, lines[0], l)
			}
		}
		last := lines[len(lines)-1]
		if !regexp.MustCompile(`\b([0-9]+)/([0-9]+) documents`).MatchString(last) {
			t.Errorf("%d columns: last progress line %q", cols, last)
		}
		if open, shut := strings.Index(last, "["), strings.Index(last, "]"); open == 0 && shut > 0 {
			barWidth[cols] = shut - 1
		}
		// The bar is cleared before the summary, which is the last line.
		if i := strings.LastIndex(r.stderr, "\r\x1b[K"); !summaryLine.MatchString(r.stderr[i+len("\r\x1b[K"):]) {
			t.Errorf("%d columns: stderr does not end with the bar cleared, then the summary: %q", cols, r.stderr)
		}
	}
	if !(barWidth[120] > barWidth[60] && barWidth[60] >= minBar && barWidth[120] <= maxBar) || barWidth[30] != 0 {
		t.Errorf("bar widths by terminal width: %v", barWidth)
	}
}

// TestNoProgressBarOffTerminal: standard error that is not a terminal
// gets no bar and no escape sequence, only the reports.
func TestNoProgressBarOffTerminal(t *testing.T) {
	dir := corpus(t, 5)
	r := convertIn(t, dir, "", "-check", "-diagnostics-out", "d.txt", "corpus")
	r.want(t, 1)
	if strings.ContainsAny(r.stderr, "\r\x1b") {
		t.Errorf("stderr holds a bar or escapes: %q", r.stderr)
	}
	r.reports(t)
}

// TestStrict: with -strict a document with warnings fails the run
// (exit 1) but is still written; one without passes.
func TestStrict(t *testing.T) {
	dir := files(t, map[string]string{"warns.txt": statement, "clean.txt": closed})

	r := convertIn(t, dir, "", "-check", "warns.txt")
	r.want(t, 0) // warnings alone pass
	if !strings.Contains(r.stdout, "warning: ") {
		t.Fatalf("warns.txt has no warning:\n%s", r.stdout)
	}
	r = convertIn(t, dir, "", "-check", "-strict", "warns.txt")
	r.want(t, 1)
	r = convertIn(t, dir, "", "-check", "-strict", "clean.txt")
	r.want(t, 0)
	if r.stdout != "" {
		t.Errorf("clean.txt has diagnostics:\n%s", r.stdout)
	}

	// Converting: the output is written, the run fails, and stderr says
	// why when the diagnostics are not printed.
	r = convertIn(t, dir, "", "-strict", "-to", "json", "-o", "out/", "warns.txt", "clean.txt")
	r.want(t, 1)
	if got := tree(t, filepath.Join(dir, "out")); !slices.Equal(got, []string{"clean.json", "warns.json"}) {
		t.Errorf("outputs %q", got)
	}
	if !strings.Contains(r.reports(t), "warns.txt: 1 warning") || strings.Contains(r.stderr, "clean.txt") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, "converted 2 of 2 documents (2 files)") || !strings.Contains(r.stderr, "; 1 with warnings") {
		t.Errorf("summary:\n%s", r.stderr)
	}
	// With the diagnostics in a file, stderr does not repeat them.
	r = convertIn(t, dir, "", "-strict", "-diagnostics", "json", "-diagnostics-out", "d.json", "-to", "json", "-o", "out/", "warns.txt")
	r.want(t, 1)
	if r.stderr != "" {
		t.Errorf("stderr %q", r.stderr)
	}
}

// TestStrictIncremental: an input skipped as unchanged still fails a
// -strict run when its previous run recorded warnings.
func TestStrictIncremental(t *testing.T) {
	dir := files(t, map[string]string{"warns.txt": statement})
	args := []string{"-to", "json", "-o", "out/", "-manifest", "m.json", "-incremental", "warns.txt"}
	convertIn(t, dir, "", args...).want(t, 0)
	r := convertIn(t, dir, "", append([]string{"-strict"}, args...)...)
	r.want(t, 1)
	if m := manifestOf(t, filepath.Join(dir, "m.json")); m.Inputs[0].Status != convert.StatusSkipped {
		t.Errorf("status %s, want skipped", m.Inputs[0].Status)
	}
	if !strings.Contains(r.stderr, "warns.txt: 1 warning") {
		t.Errorf("stderr %q", r.stderr)
	}
}

// TestBarLineNeverWraps: whatever the figures (a very fast run, a very
// long one) and the width, the line stays off the last column.
func TestBarLineNeverWraps(t *testing.T) {
	for _, figures := range []string{"5/48 documents  12/s  ETA 3s", "5/48 documents  123456/s  ETA 1h2m3s"} {
		for cols := 1; cols <= 200; cols++ {
			if line := barLine(figures, 5, 48, cols); len(line) > cols-1 {
				t.Fatalf("%d columns: %d-column line %q", cols, len(line), line)
			}
		}
	}
}
