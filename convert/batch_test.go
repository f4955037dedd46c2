package convert

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/declconv/declconv/declaration"
)

func TestFilter(t *testing.T) {
	for _, tc := range []struct {
		f    Filter
		rel  string
		want bool
	}{
		{Filter{}, "a.txt", true},
		{Filter{}, "sub/A.TXT", true},
		{Filter{}, "sub/notes.md", false},
		{Filter{Include: []string{"input.txt"}}, "seed/input.txt", true},
		{Filter{Include: []string{"input.txt"}}, "seed/want.txt", false},
		{Filter{Include: []string{"*.txt"}, Exclude: []string{"want.*"}}, "seed/want.txt", false},
		{Filter{Include: []string{"a/*.txt"}}, "a/x.txt", true},
		{Filter{Include: []string{"a/*.txt"}}, "a/b/x.txt", false},
		{Filter{Include: []string{"a/**/*.txt"}}, "a/x.txt", true},
		{Filter{Include: []string{"a/**/*.txt"}}, "a/b/c/x.txt", true},
		{Filter{Include: []string{"**/x.txt"}}, "x.txt", true},
		{Filter{Exclude: []string{"sub"}}, "sub", false},
	} {
		if got := tc.f.Takes(tc.rel); got != tc.want {
			t.Errorf("%+v takes %s: %v, want %v", tc.f, tc.rel, got, tc.want)
		}
	}
	if (Filter{Include: []string{"["}}).Check() == nil || (Filter{Exclude: []string{""}}).Check() == nil {
		t.Error("bad patterns accepted")
	}
}

// TestShard: every path is in exactly one shard, and the shards are
// roughly even; x.txt and x.yaml share one.
func TestShard(t *testing.T) {
	const n = 4
	counts := make([]int, n)
	for i := range 1000 {
		rel := fmt.Sprintf("sub%d/doc%d.txt", i%7, i)
		in := 0
		for k := range n {
			if (Shard{k, n}).Has(rel) {
				in++
				counts[k]++
			}
		}
		if in != 1 {
			t.Fatalf("%s is in %d shards", rel, in)
		}
	}
	for k, c := range counts {
		if c < 180 || c > 320 {
			t.Errorf("shard %d has %d of 1000", k, c)
		}
	}
	for k := range n {
		if (Shard{k, n}).Has("a/x.txt") != (Shard{k, n}).Has("a/x.yaml") {
			t.Error("x.txt and x.yaml in different shards")
		}
	}
	for _, s := range []string{"0/1", "3/4"} {
		if sh, err := ParseShard(s); err != nil || sh.String() != s {
			t.Errorf("ParseShard(%q) = %v, %v", s, sh, err)
		}
	}
	for _, s := range []string{"4/4", "1", "-1/3", "a/b", "0/0"} {
		if _, err := ParseShard(s); err == nil {
			t.Errorf("ParseShard(%q) accepted", s)
		}
	}
}

func TestMergeManifests(t *testing.T) {
	a := &Manifest{Schema: ManifestSchema, Model: "m", Options: "o", Shard: "0/2", Inputs: []ManifestEntry{{Path: "b"}, {Path: "d"}}}
	b := &Manifest{Schema: ManifestSchema, Model: "m", Options: "o", Shard: "1/2", Inputs: []ManifestEntry{{Path: "a"}, {Path: "c"}}}
	m, err := MergeManifests([]*Manifest{a, b})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range m.Inputs {
		paths = append(paths, e.Path)
	}
	if strings.Join(paths, ",") != "a,b,c,d" || m.Shard != "" {
		t.Errorf("merged %v, shard %q", paths, m.Shard)
	}
	if _, err := MergeManifests([]*Manifest{a, a}); err == nil {
		t.Error("a shard merged twice")
	}
	c := *b
	c.Options = "other"
	if _, err := MergeManifests([]*Manifest{a, &c}); err == nil {
		t.Error("manifests of different options merged")
	}
}

func TestDiagnosticsEscaping(t *testing.T) {
	if ghData("50%\nnext") != "50%25%0Anext" || ghProperty("a:b,c") != "a%3Ab%2Cc" {
		t.Error("workflow command escaping")
	}
	var buf bytes.Buffer
	dw := NewDiagnosticsWriter(&buf, DiagnosticsGitHub, "v")
	dw.Add("a b.txt", failureDiagnostics("a b.txt", errors.New("a b.txt:3:19: invalid UTF-8\na b.txt: second")))
	dw.Close()
	want := "::error file=a b.txt,line=3,col=19,title=input-error::invalid UTF-8\n::error file=a b.txt,title=input-error::second\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

// TestRunnerTimeoutNotWritten: a conversion abandoned at its timeout
// writes nothing, even once it ends.
func TestRunnerTimeoutNotWritten(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "s.txt")
	os.WriteFile(in, []byte("一、双方同意。\n"), 0o644)
	json, _ := Lookup("json")
	jobs := Plan([]Input{{Path: in, Name: in, Rel: "s.txt"}}, []Format{json}, Destination{Dir: filepath.Join(dir, "out")})
	r := Runner{Timeout: 1, Dir: filepath.Join(dir, "out")}
	os.Mkdir(filepath.Join(dir, "out"), 0o755)
	sum := r.Run(context.Background(), jobs)
	if sum.Failed != 1 || sum.Files != 0 {
		t.Errorf("summary %+v", sum)
	}
	time.Sleep(20 * time.Millisecond) // the abandoned conversion ends, unwritten
	if _, err := os.Stat(filepath.Join(dir, "out", "s.json")); err == nil {
		t.Error("a timed-out conversion was written")
	}
	r.Timeout = 0
	sum = r.Run(context.Background(), jobs)
	if sum.Converted != 1 || sum.Files != 1 {
		t.Errorf("summary %+v", sum)
	}
	var buf bytes.Buffer
	if _, err := sum.Manifest.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if m, err := parseManifest("m.json", buf.Bytes()); err != nil || m.Inputs[0].Outputs[0].Format != "json" {
		t.Errorf("manifest %s: %v", buf.Bytes(), err)
	}
	if sum.Manifest.Model != declaration.SchemaVersion {
		t.Errorf("manifest model %q", sum.Manifest.Model)
	}
}
