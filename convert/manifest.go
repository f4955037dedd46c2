package convert

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/pdf/font"
)

// ManifestSchema is the version of the manifest format, in its "schema"
// field.
const ManifestSchema = "declconv-manifest/v1"

// Status is what became of one input of a batch.
type Status string

// The statuses of an input in a [Manifest].
const (
	StatusOK      Status = "ok"      // converted; its outputs written
	StatusFailed  Status = "failed"  // not converted, or not every output written: see the error
	StatusSkipped Status = "skipped" // unchanged since the previous manifest (-incremental); outputs verified
)

// Manifest records a batch run: per input its path, hash, status and
// outputs. It holds no times, so that the same run gives the same bytes.
// Inputs are sorted by path (see [Manifest.Sort]).
type Manifest struct {
	// Schema is [ManifestSchema].
	Schema string `json:"schema"`
	// Model is the schema version of the canonical model written.
	Model string `json:"model"`
	// Options is a fingerprint of everything that decides the bytes of
	// the outputs (see [Fingerprint]): an incremental run reuses an
	// output only when it is unchanged.
	Options string `json:"options"`
	// Shard is the shard this run converted, "K/N", if any.
	Shard string `json:"shard,omitempty"`
	// Workbooks are the corpus workbooks written (one per run, so more
	// only in merged manifests).
	Workbooks []OutputRecord `json:"workbooks,omitempty"`
	// Inputs are the inputs, sorted by path. The manifest of a
	// [Runner]'s batch has none: it spools its entries to a file instead
	// (see [Summary.Manifest]).
	Inputs []ManifestEntry `json:"inputs"`

	spool *entrySpool
}

// ManifestEntry is one input in a [Manifest].
type ManifestEntry struct {
	// Path is the input's path as given or found ("<stdin>" for
	// standard input), slash-separated.
	Path string `json:"path"`
	// SHA256 is the hash of the input's bytes, when they were read.
	SHA256 string `json:"sha256,omitempty"`
	Status Status `json:"status"`
	// Error is why the input failed, one problem per line.
	Error string `json:"error,omitempty"`
	// Diagnostics counts the parser's diagnostics.
	Diagnostics int `json:"diagnostics"`
	// Outputs are the files written, in the order of the formats.
	Outputs []OutputRecord `json:"outputs"`
}

// OutputRecord is one file written.
type OutputRecord struct {
	Path   string `json:"path"` // slash-separated, as written
	Format string `json:"format"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Sort orders the inputs by path (and entries of one path by status),
// and the workbooks by path: the order a merged manifest has, whatever
// the order of its shards.
func (m *Manifest) Sort() {
	slices.SortStableFunc(m.Inputs, func(a, b ManifestEntry) int { return strings.Compare(a.Path, b.Path) })
	slices.SortStableFunc(m.Workbooks, func(a, b OutputRecord) int { return strings.Compare(a.Path, b.Path) })
}

// WriteTo writes m as indented JSON, with a final newline: its Inputs,
// or for the manifest of a [Runner]'s batch the entries it spooled.
func (m *Manifest) WriteTo(w io.Writer) (int64, error) {
	// The inputs are encoded one at a time, not the whole manifest into
	// one buffer: a batch of 100,000 inputs has a manifest of ~80 MB. The
	// bytes are those of encoding the whole (TestManifestStreamed).
	head := *m
	head.Inputs = []ManifestEntry{}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(head); err != nil {
		return 0, err
	}
	cw := &countWriter{w: w}
	if len(m.Inputs) == 0 && (m.spool == nil || m.spool.n == 0) {
		_, err := cw.Write(buf.Bytes())
		return cw.n, err
	}
	const tail = "[]\n}\n"
	cw.Write(bytes.TrimSuffix(buf.Bytes(), []byte(tail)))
	cw.Write([]byte("[\n"))
	first := true
	entry := func(data []byte) error {
		if !first {
			cw.Write([]byte(",\n"))
		}
		first = false
		cw.Write(data)
		return cw.err
	}
	var err error
	if m.spool != nil {
		err = m.spool.each(entry)
	} else {
		var x entryEncoder
		for _, e := range m.Inputs {
			data, err := x.encode(e)
			if err != nil {
				return cw.n, err
			}
			if entry(data) != nil {
				break
			}
		}
	}
	if err != nil {
		return cw.n, err
	}
	cw.Write([]byte("\n  ]\n}\n"))
	return cw.n, cw.err
}

// add records the entry of one input: in the spool, if m has one.
func (m *Manifest) add(e ManifestEntry) {
	if m.spool != nil {
		m.spool.add(e)
		return
	}
	m.Inputs = append(m.Inputs, e)
}

// countWriter counts what it writes and keeps the first error; a write
// after an error writes nothing.
type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

// ReadManifest reads a manifest written by [Manifest.WriteTo]. Errors
// name the file.
func ReadManifest(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	return parseManifest(path, data)
}

// parseManifest reads the bytes of a manifest; path only feeds messages.
func parseManifest(path string, data []byte) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: not a manifest: %v", path, err)
	}
	if m.Schema != ManifestSchema {
		return nil, fmt.Errorf("%s: manifest schema %q, want %q", path, m.Schema, ManifestSchema)
	}
	return &m, nil
}

// MergeManifests joins the manifests of the shards of one batch into
// one, sorted as [Manifest.Sort] does, without a shard. They must have
// the same model and options, and no input may appear in two.
func MergeManifests(ms []*Manifest) (*Manifest, error) {
	if len(ms) == 0 {
		return nil, errors.New("no manifests to merge")
	}
	out := &Manifest{Schema: ManifestSchema, Model: ms[0].Model, Options: ms[0].Options}
	seen := map[string]int{} // input path → the manifest it is in
	for i, m := range ms {
		if m.Model != out.Model || m.Options != out.Options {
			return nil, fmt.Errorf("manifests of different runs: model %s options %s, and model %s options %s", out.Model, out.Options, m.Model, m.Options)
		}
		for _, e := range m.Inputs {
			if other, ok := seen[e.Path]; ok && other != i {
				return nil, fmt.Errorf("input %s is in manifests %d (shard %q) and %d (shard %q)", e.Path, other+1, ms[other].Shard, i+1, m.Shard)
			}
			seen[e.Path] = i
			out.Inputs = append(out.Inputs, e)
		}
		out.Workbooks = append(out.Workbooks, m.Workbooks...)
	}
	out.Sort()
	return out, nil
}

// Fingerprint returns a hash of everything besides the input's bytes
// that decides the bytes of the outputs: the model's schema version,
// the program's version, the formats, how inputs are read, every option
// of the writers (read by reflection, so that a new option cannot be
// forgotten; a field tagged `fingerprint:"-"` changes no byte), and the
// environment variables the writers read ([WriterEnv]). getenv nil means
// [os.Getenv].
func Fingerprint(version string, formats []Format, from From, o Options, getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	var env []string
	for _, k := range WriterEnv() {
		env = append(env, k+"="+getenv(k))
	}
	data, _ := json.Marshal(struct {
		Model, Version string
		Formats        []string
		From           From
		Options        []string
		Env            []string
	}{declaration.SchemaVersion, version, names, from, optionValues(reflect.ValueOf(o), "", nil), env})
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// WriterEnv returns the environment variables the writers read.
func WriterEnv() []string {
	return []string{font.EnvFont, font.EnvHei, font.EnvKai, font.EnvLatin, "SOURCE_DATE_EPOCH"}
}

// optionValues lists "path=value" for every exported field under v, in
// field order; functions are left out (they read the environment, which
// WriterEnv covers), as are fields tagged `fingerprint:"-"`.
func optionValues(v reflect.Value, path string, out []string) []string {
	switch v.Kind() {
	case reflect.Struct:
		if t, ok := v.Interface().(time.Time); ok {
			return append(out, path+"="+t.UTC().Format(time.RFC3339Nano))
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Tag.Get("fingerprint") == "-" {
				continue
			}
			out = optionValues(v.Field(i), path+"."+f.Name, out)
		}
		return out
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return out
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return append(out, path+"=nil")
		}
		return optionValues(v.Elem(), path, out)
	}
	return append(out, fmt.Sprintf("%s=%v", path, v.Interface()))
}

// Shard picks a part of a batch: shard K of N, K counted from 0 (as
// Kubernetes counts JOB_COMPLETION_INDEX). The zero Shard is the whole
// batch.
type Shard struct {
	K, N int
}

// ParseShard reads "K/N", 0 ≤ K < N.
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(strings.TrimSpace(s), "/")
	ki, err1 := strconv.Atoi(k)
	ni, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 0 || ki >= ni {
		return Shard{}, fmt.Errorf("shard %q: want K/N with 0 <= K < N (K counts from 0)", s)
	}
	return Shard{ki, ni}, nil
}

// String gives the shard as "K/N", or "" for the whole batch.
func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return strconv.Itoa(s.K) + "/" + strconv.Itoa(s.N)
}

// Has reports whether the input at rel (see [Input.Rel]) belongs to the
// shard. The choice is a 64-bit FNV-1a hash of rel without its extension,
// modulo N: stable across machines and runs, and inputs that would share
// an output (x.txt and x.yaml) share a shard.
func (s Shard) Has(rel string) bool {
	if s.N <= 1 {
		return true
	}
	stem := rel
	if i := strings.LastIndexByte(rel, '.'); i > strings.LastIndexByte(rel, '/')+1 {
		stem = rel[:i]
	}
	h := fnv.New64a()
	h.Write([]byte(stem))
	return h.Sum64()%uint64(s.N) == uint64(s.K)
}
