package convert

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestBatchPlan: a batch described as the command line does is planned
// and runs: the output folder made, the previous manifest in the input
// folder not an input, a shard taken, the runner ready; a wrong batch is
// a usage error.
func TestBatchPlan(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("..", "fixtures", "seed", "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.txt", "b.txt", "c.txt", "d.txt"} {
		if err := os.WriteFile(filepath.Join(in, name), seed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	manifest := filepath.Join(in, "manifest.json")
	if err := os.WriteFile(manifest, []byte(`{"schema":"`+ManifestSchema+`","model":"x","options":"y","inputs":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	json, _ := Lookup("json")
	out := filepath.Join(dir, "out") + string(filepath.Separator)
	b := Batch{Args: []string{in}, Formats: []Format{json}, Out: out, Manifest: manifest,
		Sides: []Side{{"-manifest", manifest}}, Incremental: true, Shard: Shard{K: 0, N: 2}, Version: "test", Runner: Runner{Workers: 2}}
	p, err := b.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if !p.Many || p.Jobs.Len() == 0 || p.Jobs.Len() >= 4 {
		t.Fatalf("planned %d jobs (many %v): want a shard of the 4 inputs, the manifest none of them", p.Jobs.Len(), p.Many)
	}
	if p.Runner.Dir != out || p.Runner.Fingerprint == "" || p.Runner.Previous == nil {
		t.Errorf("runner: dir %q, fingerprint %q, previous %v", p.Runner.Dir, p.Runner.Fingerprint, p.Runner.Previous)
	}
	if s := p.Runner.Run(context.Background(), p.Jobs); s.Converted != p.Jobs.Len() {
		t.Errorf("converted %d of %d", s.Converted, p.Jobs.Len())
	}

	b = Batch{Args: []string{in}, Formats: []Format{json}, Out: "-"}
	var ue UsageError
	if _, err := b.Plan(); !errors.As(err, &ue) {
		t.Errorf("-o - with a folder: %v, want a usage error", err)
	}
}
