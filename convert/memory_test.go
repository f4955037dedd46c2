package convert

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// What a batch may keep per input, in bytes, at most: a plan holds a
// small item and the input's path (~20 bytes here) per input, and the
// manifest's entries are spooled to a file. When a plan held a job and
// its targets' paths, and the manifest its entries, it was ~600 bytes
// for each.
const (
	maxPlanBytesPerInput     = 150
	maxManifestBytesPerInput = 50
)

// TestPlanMemoryPerInput: the heap a plan of many inputs keeps grows by
// little more than their paths, whatever the number of formats.
func TestPlanMemoryPerInput(t *testing.T) {
	if testing.Short() {
		t.Skip("makes 10,000 files")
	}
	const n = 10000
	in := manyInputs(t, n, nil)
	b := Batch{Args: []string{in}, Formats: textFormats(t), Out: filepath.Join(t.TempDir(), "out") + "/"}
	before := heapInUse()
	p, err := b.Plan()
	if err != nil {
		t.Fatal(err)
	}
	perInput := float64(int64(heapInUse())-int64(before)) / n
	runtime.KeepAlive(p)
	if p.Jobs.Len() != n {
		t.Fatalf("planned %d jobs, want %d", p.Jobs.Len(), n)
	}
	t.Logf("plan: %.0f bytes per input", perInput)
	if perInput > maxPlanBytesPerInput {
		t.Errorf("a plan keeps %.0f bytes per input, more than %d: per-input state is back", perInput, maxPlanBytesPerInput)
	}
}

// TestManifestMemoryPerInput: a batch keeps none of its manifest's
// entries in memory until the manifest is written, and the manifest
// written lists them all, sorted.
func TestManifestMemoryPerInput(t *testing.T) {
	if testing.Short() {
		t.Skip("converts 2,000 documents")
	}
	const n = 2000
	in := manyInputs(t, n, []byte("一、双方同意。\n"))
	b := Batch{Args: []string{in}, Formats: textFormats(t), Out: filepath.Join(t.TempDir(), "out") + "/", Manifest: "m.json"}
	b.Runner.Workers = 2
	p, err := b.Plan()
	if err != nil {
		t.Fatal(err)
	}
	before := heapInUse()
	sum := p.Runner.Run(context.Background(), p.Jobs)
	perInput := float64(int64(heapInUse())-int64(before)) / n
	defer sum.Close()
	if sum.Converted != n {
		t.Fatalf("converted %d of %d", sum.Converted, n)
	}
	t.Logf("manifest: %.0f bytes per input", perInput)
	if perInput > maxManifestBytesPerInput {
		t.Errorf("a batch keeps %.0f bytes per input for its manifest, more than %d: the entries are held again", perInput, maxManifestBytesPerInput)
	}
	var buf bytes.Buffer
	if _, err := sum.Manifest.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := parseManifest("m.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Inputs) != n || len(m.Inputs[n-1].Outputs) != 3 {
		t.Fatalf("manifest lists %d inputs, want %d with 3 outputs each", len(m.Inputs), n)
	}
	for i := 1; i < n; i++ {
		if m.Inputs[i].Path <= m.Inputs[i-1].Path {
			t.Fatalf("manifest not sorted: %s after %s", m.Inputs[i].Path, m.Inputs[i-1].Path)
		}
	}
}

// manyInputs writes n text files, data each (empty if nil), in 20
// folders of a new directory, and returns it.
func manyInputs(t *testing.T, n int, data []byte) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "in")
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("s%02d", i%20))
		if i < 20 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("d%05d.txt", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// textFormats are json, yaml and txt, the formats of a text batch.
func textFormats(t testing.TB) []Format {
	t.Helper()
	var fs []Format
	for _, name := range []string{"json", "yaml", "txt"} {
		f, ok := Lookup(name)
		if !ok {
			t.Fatalf("no format %s", name)
		}
		fs = append(fs, f)
	}
	return fs
}

// heapInUse is the heap's live bytes, after a collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
