package convert

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
// extension keeps its whole name (a/README → a/README.json).
func OutputPath(input, dir string, f Format) string {
	base := filepath.Base(input)
	if stem := strings.TrimSuffix(base, filepath.Ext(base)); stem != "" {
		base = stem
	}
	if dir == "" {
		dir = filepath.Dir(input)
	}
	return filepath.Join(dir, base+f.Ext)
}

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
func writeFileAtomic(path string, write func(io.Writer) error, sync bool) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return pathError(path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("%s: %w", path, err) // the writer's own message, whole
	}
	if err := bw.Flush(); err != nil {
		return pathError(path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return pathError(path, err)
	}
	if sync {
		if err := f.Sync(); err != nil {
			return pathError(path, err)
		}
	}
	if err := f.Close(); err != nil {
		return pathError(path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return pathError(path, err)
	}
	return nil
}

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
