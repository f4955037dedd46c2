// Command floor is the I/O floor of a convert batch: it does the file
// operations a batch does and nothing else, so that scripts/bench.sh can
// say how far convert is from what the machine allows (the ratio
// ours/floor). It converts nothing: it reads each input and writes each
// output with the size convert wrote, filled with a fixed pattern.
//
//	floor plan MANIFEST OUTDIR > PLAN
//	floor run [-j N] [-fsync] -o DIR PLAN
//
// "plan" turns the manifest of a convert run (convert -manifest) whose
// outputs went to OUTDIR into a plan: one line per output, "input TAB
// output TAB size", the output relative to OUTDIR, the lines of one input
// together. "run" carries a plan out into DIR with N workers (as
// convert -j N), each taking one input at a time.
//
// Per input it does what convert's batch runner does (convert/batch.go):
// os.Open, a stat and a read of the input at its size, then the input's outputs staged
// and renamed, as stageFile and commit do (convert/write.go): for each
// output a temporary file created in its directory with its final mode
// (".NAME.DIGITS.tmp", O_EXCL, 0644 less the umask), one write of the
// whole output, an fsync only under convert's policy (-fsync, or a batch
// of one input: here a plan of one input), close; then each renamed over
// its output's name with os.Rename (which first Lstats the name). strace
// shows the same system calls per output for both programs. What it leaves out is convert's own work: the
// walk of the input folder (the plan lists the inputs), the stat of each
// input and of each output while planning, the checks of the output
// directories against symbolic links (a Mkdir of each directory once
// here), hashing, parsing and rendering.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/declconv/declconv/internal/sizedread"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `usage: floor plan MANIFEST OUTDIR > PLAN
       floor run [-j N] [-fsync] -o DIR PLAN`

// run is the command, for tests: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "plan":
		if len(args) != 3 {
			fmt.Fprintln(stderr, usage)
			return 2
		}
		err = writePlan(stdout, args[1], args[2])
	case "run":
		fs := flag.NewFlagSet("floor run", flag.ContinueOnError)
		fs.SetOutput(stderr)
		workers := fs.Int("j", 2, "inputs handled at once, as convert -j")
		fsync := fs.Bool("fsync", false, "sync every output before its rename, as convert -fsync")
		dir := fs.String("o", "", "the output `DIR`")
		if err := fs.Parse(args[1:]); err != nil {
			return 2
		}
		if fs.NArg() != 1 || *dir == "" || *workers < 1 {
			fmt.Fprintln(stderr, usage)
			return 2
		}
		err = runPlan(fs.Arg(0), *dir, *workers, *fsync)
	default:
		fmt.Fprintln(stderr, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "floor: %v\n", err)
		return 1
	}
	return 0
}

// job is one input and the outputs written for it.
type job struct {
	input   string
	outputs []output
}

type output struct {
	path string // relative to the output directory
	size int
}

// writePlan writes the plan of the convert run recorded in the manifest
// at path, whose outputs went below outDir.
func writePlan(w io.Writer, path, outDir string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	// the few fields of convert's manifest (convert.Manifest) a plan needs
	var m struct {
		Inputs []struct {
			Path    string `json:"path"`
			Outputs []struct {
				Path string `json:"path"`
				Size int64  `json:"size"`
			} `json:"outputs"`
		} `json:"inputs"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	bw := bufio.NewWriter(w)
	for _, in := range m.Inputs {
		for _, out := range in.Outputs {
			rel, err := filepath.Rel(outDir, filepath.FromSlash(out.Path))
			if err != nil || !filepath.IsLocal(rel) {
				return fmt.Errorf("%s: output %s is not below %s", path, out.Path, outDir)
			}
			if strings.ContainsAny(in.Path+rel, "\t\n") {
				return fmt.Errorf("%s: %q: a plan cannot hold a path with a tab or a line break", path, in.Path)
			}
			fmt.Fprintf(bw, "%s\t%s\t%d\n", in.Path, filepath.ToSlash(rel), out.Size)
		}
	}
	return bw.Flush()
}

// readPlan reads a plan written by writePlan.
func readPlan(path string) ([]job, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var jobs []job
	for n, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		size := -1
		if len(f) == 3 {
			size, _ = strconv.Atoi(f[2])
		}
		if size < 0 || f[0] == "" || !filepath.IsLocal(filepath.FromSlash(f[1])) {
			return nil, fmt.Errorf("%s:%d: want input TAB output (below the output directory) TAB size", path, n+1)
		}
		if len(jobs) == 0 || jobs[len(jobs)-1].input != f[0] {
			jobs = append(jobs, job{input: f[0]})
		}
		j := &jobs[len(jobs)-1]
		j.outputs = append(j.outputs, output{filepath.FromSlash(f[1]), size})
	}
	return jobs, nil
}

// runPlan carries out the plan at path into dir with the given number
// of workers. Every input is done even when another fails; the errors
// are joined, in the order of the plan.
func runPlan(path, dir string, workers int, fsync bool) error {
	jobs, err := readPlan(path)
	if err != nil {
		return err
	}
	// convert syncs every output of a batch of one input (cmd/convert)
	fsync = fsync || len(jobs) == 1

	largest := 0
	dirs := map[string]bool{}
	for _, j := range jobs {
		for _, out := range j.outputs {
			largest = max(largest, out.size)
			dirs[filepath.Dir(filepath.Join(dir, out.path))] = true
		}
	}
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	content := pattern(largest) // read only: shared by the workers

	errs := make([]error, len(jobs))
	todo := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range todo {
				errs[i] = do(jobs[i], dir, content, fsync)
			}
		})
	}
	for i := range jobs {
		todo <- i
	}
	close(todo)
	wg.Wait()
	return errors.Join(errs...)
}

// do reads one input and writes its outputs, as convert's worker does.
func do(j job, dir string, content []byte, fsync bool) error {
	f, err := os.Open(j.input)
	if err != nil {
		return err
	}
	// convert's readInput: a stat, then the read convert makes
	info, err := f.Stat()
	if err == nil {
		_, err = sizedread.ReadAll(io.LimitReader(f, 64<<20+1), info.Size()) // convert's limit
	}
	f.Close()
	if err != nil {
		return err
	}
	// all of the input's outputs staged, then all renamed: all or none
	var staged []string
	for _, out := range j.outputs {
		tmp, err := stage(filepath.Join(dir, out.path), content[:out.size], fsync)
		if err != nil {
			for _, t := range staged {
				os.Remove(t)
			}
			return err
		}
		staged = append(staged, tmp)
	}
	for i, out := range j.outputs {
		if err := os.Rename(staged[i], filepath.Join(dir, out.path)); err != nil {
			for _, t := range staged[i:] {
				os.Remove(t)
			}
			return err
		}
	}
	return nil
}

// stage writes data to a temporary file beside path, with the system
// calls of convert's stageFile (see the package comment), and returns
// its name.
func stage(path string, data []byte, fsync bool) (tmp string, err error) {
	dir, base := filepath.Split(path)
	var f *os.File
	for range 100 {
		tmp = filepath.Join(dir, "."+base+"."+strconv.FormatUint(uint64(rand.Uint32()), 10)+".tmp")
		f, err = os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return "", err
	}
	if fsync {
		if err := f.Sync(); err != nil {
			return "", err
		}
	}
	return tmp, f.Close()
}

// pattern returns the n bytes an output of size n is made of: lines of
// 63 letters and a line break, so that a file cut short or padded is
// seen.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		if i%64 == 63 {
			b[i] = '\n'
		} else {
			b[i] = 'a' + byte(i%64%26)
		}
	}
	return b
}
