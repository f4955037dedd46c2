package convert

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/declconv/declconv/declaration"
)

// Output is one file to write: a format and the path it goes to.
type Output struct {
	Format Format
	Path   string
}

// Convert writes d once for each output, each file through
// [WriteFileAtomic]. It writes every output it can; the errors of the
// others are joined, one per line, each naming its path.
func Convert(d *declaration.Document, outputs []Output, o Options) error {
	var errs []error
	for _, out := range outputs {
		err := WriteFileAtomic(out.Path, func(w io.Writer) error { return out.Format.Write(w, d, o) })
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// OutputPath names the output of input in format f. With dir empty the
// output goes next to its input, the input's extension replaced by the
// format's (a/statement.txt → a/statement.json); otherwise it goes into
// dir under the same name (dir/statement.json). An input without an
// extension keeps its whole name (a/README → a/README.json). Text
// output next to a .txt input has ".out" before its extension, so that
// it never lands on its input: a/statement.txt → a/statement.out.txt.
// (Canonical YAML or JSON next to itself is refused by [Plan] instead:
// it would be the same document again.)
func OutputPath(input, dir string, f Format) string {
	base := filepath.Base(input)
	ext := filepath.Ext(base)
	if stem := strings.TrimSuffix(base, ext); stem != "" {
		base = stem
	}
	if dir == "" {
		dir = filepath.Dir(input)
		if f.Ext == textExt && strings.EqualFold(ext, textExt) {
			base += sameExtMark
		}
	}
	return filepath.Join(dir, base+f.Ext)
}

// sameExtMark goes before the extension of text output written next to
// a text input (textExt).
const (
	sameExtMark = ".out"
	textExt     = ".txt"
)

// inputExts are the file extensions [FindInputs] collects.
var inputExts = []string{".txt", ".yaml", ".yml", ".json"}

// InputExts returns the file extensions [FindInputs] collects, in lower
// case with their dot.
func InputExts() []string { return slices.Clone(inputExts) }

// FindInputs returns the files under dir, at any depth, whose extension is
// one of [InputExts] (ignoring case), sorted by path. Files and
// directories whose names start with a dot are skipped. It is [Expand]
// of one directory with the zero [Filter].
func FindInputs(dir string) ([]string, error) {
	inputs, err := walk(dir, Filter{}, nil)
	files := make([]string, len(inputs))
	for i, in := range inputs {
		files[i] = in.Path
	}
	return files, err
}

// WriteFileAtomic writes a file through write so that readers see either
// the old file or the complete new one, never a part: it writes a
// temporary file in the same directory (".<name>.*.tmp"), syncs it to
// disk, closes it and renames it over path. On any error, including one
// returned by write, the temporary file is removed and path is left as it
// was. The file's mode is 0644. Errors name path.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return writeFileAtomic(path, write, true)
}

// writeFileAtomic is [WriteFileAtomic], syncing the file to disk before
// the rename only when sync is set. Without it the file is still never
// seen half-written, but a power failure may lose it.
func writeFileAtomic(path string, write func(io.Writer) error, sync bool) error {
	t, err := stageFile(path, write, sync)
	if err != nil {
		return err
	}
	return t.commit()
}

// stagedFile is a file written in full under a temporary name beside
// its path, waiting to be renamed into place (commit) or removed
// (discard): so the files of one document can all be written before
// any of them replaces what was there.
type stagedFile struct {
	path, tmp string
}

// stageFile writes a temporary file (".<name>.*.tmp") in path's
// directory through write, syncing it when sync is set; on any error
// the temporary file is removed.
func stageFile(path string, write func(io.Writer) error, sync bool) (_ *stagedFile, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, tmp, err := createTemp(dir, base)
	if err != nil {
		return nil, pathError(path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := buffers.Get().(*bufio.Writer)
	bw.Reset(f)
	defer func() { bw.Reset(nil); buffers.Put(bw) }()
	if err := write(bw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err) // the writer's own message, whole
	}
	if err := bw.Flush(); err != nil {
		return nil, pathError(path, err)
	}
	if sync {
		if err := f.Sync(); err != nil {
			return nil, pathError(path, err)
		}
	}
	if err := f.Close(); err != nil {
		return nil, pathError(path, err)
	}
	return &stagedFile{path: path, tmp: tmp}, nil
}

// buffers are the write buffers of output files, reused: a batch writes
// thousands of files.
var buffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// createTemp creates ".<base>.<digits>.tmp" in dir, new (O_EXCL), with
// an output's mode (0644 less the umask, as any new file), so that no
// chmod is needed before the rename.
func createTemp(dir, base string) (*os.File, string, error) {
	for range 100 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(uint64(rand.Uint32()), 10)+tmpSuffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, name, err
	}
	return nil, "", fmt.Errorf("%s: cannot create a temporary file", dir)
}

// commit renames the staged file into place; on error it is removed.
func (s *stagedFile) commit() error {
	if err := os.Rename(s.tmp, s.path); err != nil {
		os.Remove(s.tmp)
		return pathError(s.path, err)
	}
	return nil
}

// discard removes the staged file.
func (s *stagedFile) discard() { os.Remove(s.tmp) }

// tmpSuffix ends the names of temporary files.
const tmpSuffix = ".tmp"

// pathError gives err as "path: cause", leaving out the operation and
// the temporary file's name that an [*fs.PathError] or [*os.LinkError]
// would add.
func pathError(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("%s: %w", path, err)
}
