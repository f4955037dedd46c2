package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/declconv/declconv/convert"
	"github.com/declconv/declconv/internal/testfiles"
)

// corpus makes a batch of inputs under dir/corpus: the fixtures' inputs
// (the bad ones too, which fail) as NAME.txt, and n distinct copies of
// the statement in sub/. It returns dir.
func corpus(t *testing.T, n int) string {
	t.Helper()
	m := map[string]string{}
	fixtures, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*", "input.txt"))
	for _, f := range fixtures {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m["corpus/"+filepath.Base(filepath.Dir(f))+".txt"] = string(b)
	}
	for i := range n {
		m[fmt.Sprintf("corpus/sub/s%03d.txt", i)] = statement + fmt.Sprintf("\n附：副本 %d\n", i)
	}
	return files(t, m)
}

// snapshot reads every file under dir: slash path → content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, name := range tree(t, dir) {
		m[name] = read(t, filepath.Join(dir, name))
	}
	return m
}

func sameTrees(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	for name, ca := range a {
		if cb, ok := b[name]; !ok {
			t.Errorf("%s: %s only in the first", what, name)
		} else if ca != cb {
			t.Errorf("%s: %s differs", what, name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			t.Errorf("%s: %s only in the second", what, name)
		}
	}
}

var elapsed = regexp.MustCompile(` in [0-9.]+ s`)

// TestBatchDeterministic: the same outputs, manifest, reports and
// diagnostics, byte for byte, with 1 and 4 workers.
func TestBatchDeterministic(t *testing.T) {
	needFont(t)
	dir := corpus(t, 20)
	var runs []result
	var trees []map[string]string
	for _, j := range []string{"1", "4"} {
		r := convertIn(t, dir, "", "-j", j, "-to", "yaml,json,txt,pdf,xlsx", "-o", "out", "-manifest", "out/manifest.json",
			"-diagnostics", "sarif", "-v", "corpus")
		r.want(t, 1) // the bad fixtures fail
		r.stderr = elapsed.ReplaceAllString(r.stderr, "")
		runs = append(runs, r)
		trees = append(trees, snapshot(t, filepath.Join(dir, "out")))
		if err := os.Rename(filepath.Join(dir, "out"), filepath.Join(dir, "out-j"+j)); err != nil {
			t.Fatal(err)
		}
	}
	sameTrees(t, "-j 1 and -j 4", trees[0], trees[1])
	if runs[0].stderr != runs[1].stderr {
		t.Errorf("reports differ:\n-j 1:\n%s\n-j 4:\n%s", runs[0].stderr, runs[1].stderr)
	}
	if runs[0].stdout != runs[1].stdout {
		t.Error("diagnostics differ between -j 1 and -j 4")
	}
	if _, ok := trees[0]["sub/s007.pdf"]; !ok {
		t.Errorf("no sub/s007.pdf among %d files", len(trees[0]))
	}
	// Reports are in input order: the failures' lines appear sorted by name.
	var names []string
	for l := range strings.Lines(runs[0].stderr) {
		if name, _, ok := strings.Cut(l, ": "); ok && strings.HasPrefix(name, "corpus") {
			names = append(names, strings.SplitN(name, ":", 2)[0])
		}
	}
	if !slices.IsSorted(names) || len(names) < 20 {
		t.Errorf("report lines not in input order: %q", names)
	}
}

// TestShards: shards are disjoint, cover every input, and together write
// what the unsharded run writes; their merged manifests are its manifest.
func TestShards(t *testing.T) {
	dir := corpus(t, 30)
	convertIn(t, dir, "", "-to", "json,txt", "-o", "all", "-manifest", "all.json", "corpus").want(t, 1)
	whole := snapshot(t, filepath.Join(dir, "all"))
	union := map[string]string{}
	var manifests []string
	for k := range 3 {
		out := fmt.Sprintf("shard%d", k)
		r := convertIn(t, dir, "", "-to", "json,txt", "-o", out, "-manifest", out+".json", "-shard", fmt.Sprintf("%d/3", k), "corpus")
		if r.code > 1 {
			r.want(t, 1)
		}
		part := snapshot(t, filepath.Join(dir, out))
		if len(part) == 0 {
			t.Errorf("shard %d/3 is empty", k)
		}
		for name, content := range part {
			if _, dup := union[name]; dup {
				t.Errorf("%s is in two shards", name)
			}
			union[name] = content
		}
		manifests = append(manifests, out+".json")
	}
	sameTrees(t, "shards and the whole", whole, union)

	r := convertIn(t, dir, "", append([]string{"-merge-manifests", "merged.json"}, manifests...)...)
	r.want(t, 0)
	// The merged manifest names the shards' output folders: map them.
	merged := regexp.MustCompile(`"shard[0-9]/`).ReplaceAllString(read(t, filepath.Join(dir, "merged.json")), `"all/`)
	if want := read(t, filepath.Join(dir, "all.json")); merged != want {
		t.Errorf("merged manifest differs from the unsharded one:\n%s\nwant\n%s", merged, want)
	}
	// A shard given twice is refused.
	r = convertIn(t, dir, "", "-merge-manifests", "-", manifests[0], manifests[0], manifests[1])
	r.want(t, 1)
	if !strings.Contains(r.stderr, "is in manifests 1") {
		t.Errorf("stderr %q", r.stderr)
	}
	for _, bad := range [][]string{{"-shard", "3/3"}, {"-shard", "1"}, {"-shard", "-1/2"}} {
		convertIn(t, dir, "", append(bad, "corpus")...).want(t, 2)
	}
}

// manifestOf reads a manifest.
func manifestOf(t *testing.T, path string) *convert.Manifest {
	t.Helper()
	m, err := convert.ReadManifest(path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func entry(t *testing.T, m *convert.Manifest, path string) convert.ManifestEntry {
	t.Helper()
	for _, e := range m.Inputs {
		if e.Path == path {
			return e
		}
	}
	t.Fatalf("manifest has no input %s", path)
	return convert.ManifestEntry{}
}

// TestManifestBadAmongGood: exit 1, the good outputs written, the
// manifest says which input failed and why, with sizes and hashes.
func TestManifestBadAmongGood(t *testing.T) {
	dir := files(t, map[string]string{"in/a.txt": statement, "in/bad.yaml": brokenYAML, "in/c.txt": statement + "三、附件。\n"})
	r := convertIn(t, dir, "", "-to", "json,txt", "-o", "out", "-manifest", "m.json", "in")
	r.want(t, 1)
	if got := tree(t, filepath.Join(dir, "out")); !slices.Equal(got, []string{"a.json", "a.txt", "c.json", "c.txt"}) {
		t.Errorf("out/ holds %q", got)
	}
	m := manifestOf(t, filepath.Join(dir, "m.json"))
	if m.Schema != convert.ManifestSchema || !strings.HasPrefix(m.Options, "sha256:") || len(m.Inputs) != 3 {
		t.Fatalf("manifest %+v", m)
	}
	bad := entry(t, m, "in/bad.yaml")
	if bad.Status != convert.StatusFailed || !strings.Contains(bad.Error, "in/bad.yaml:3:1: ") || len(bad.Outputs) != 0 {
		t.Errorf("bad entry %+v", bad)
	}
	a := entry(t, m, "in/a.txt")
	sum := sha256.Sum256([]byte(statement))
	if a.Status != convert.StatusOK || a.SHA256 != hex.EncodeToString(sum[:]) || len(a.Outputs) != 2 {
		t.Fatalf("a entry %+v", a)
	}
	for _, o := range a.Outputs {
		b := read(t, filepath.Join(dir, o.Path))
		s := sha256.Sum256([]byte(b))
		if int64(len(b)) != o.Size || hex.EncodeToString(s[:]) != o.SHA256 {
			t.Errorf("output %+v: the file has %d bytes", o, len(b))
		}
	}
	if strings.Contains(read(t, filepath.Join(dir, "m.json")), "time") {
		t.Error("the manifest holds a time")
	}
}

// TestUnwritableOutput: outputs that cannot be written fail their input;
// the others are written.
func TestUnwritableOutput(t *testing.T) {
	dir := files(t, map[string]string{"in/a.txt": statement, "in/sub/b.txt": statement, "out/sub": "a file where a folder should be"})
	r := convertIn(t, dir, "", "-to", "json", "-o", "out", "-manifest", "m.json", "in")
	r.want(t, 1)
	if !strings.Contains(r.stderr, "in/sub/b.txt: not writing out/sub/b.json: out/sub is not a directory") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	decode(t, filepath.Join(dir, "out/a.json"))
	if e := entry(t, manifestOf(t, filepath.Join(dir, "m.json")), "in/sub/b.txt"); e.Status != convert.StatusFailed {
		t.Errorf("b: %+v", e)
	}

	if os.Geteuid() == 0 {
		t.Log("running as root, which ignores file modes: the chmod case is skipped")
		return
	}
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o500)
	defer os.Chmod(ro, 0o755)
	r = convertIn(t, dir, "", "-to", "json", "-o", "ro", "in/a.txt")
	r.want(t, 1)
	if !strings.Contains(r.stderr, "permission denied") || tree(t, ro) != nil {
		t.Errorf("stderr %q, files %q", r.stderr, tree(t, ro))
	}
}

// TestInputMissing: an input listed but gone (deleted after the list was
// made) fails alone.
func TestInputMissing(t *testing.T) {
	dir := files(t, map[string]string{"a.txt": statement, "b.txt": statement, "list": "a.txt\n# a comment\n\ngone.txt\nb.txt\n"})
	r := convertIn(t, dir, "", "-to", "json", "-o", "out", "-files-from", "list")
	r.want(t, 1)
	if got := r.reports(t); got != "gone.txt: no such file or directory\n" {
		t.Errorf("reports %q", got)
	}
	if got := tree(t, filepath.Join(dir, "out")); !slices.Equal(got, []string{"a.json", "b.json"}) {
		t.Errorf("out/ holds %q", got)
	}
	// The list from standard input.
	r = convertIn(t, dir, "a.txt\nb.txt\n", "-to", "txt", "-o", "out", "-files-from", "-")
	r.want(t, 0)
	convertIn(t, dir, "a.txt\n", "-files-from", "-", "-").want(t, 2)
}

// TestIncremental: a rerun converts nothing; a changed input, or a
// missing or changed output, is converted again, and only that one.
func TestIncremental(t *testing.T) {
	dir := corpus(t, 5)
	args := []string{"-to", "json,txt", "-o", "out", "-manifest", "out/manifest.json", "-incremental", "-v", "corpus"}
	convertIn(t, dir, "", args...).want(t, 1)
	first := snapshot(t, filepath.Join(dir, "out"))

	r := convertIn(t, dir, "", args...)
	r.want(t, 1) // the bad fixtures fail again
	if !regexp.MustCompile(`converted 0 of [0-9]+ documents \(0 files\) in [0-9.]+ s; [0-9]+ unchanged; [0-9]+ failed\n$`).MatchString(r.stderr) {
		t.Errorf("rerun converted something:\n%s", r.stderr)
	}
	again := snapshot(t, filepath.Join(dir, "out"))
	delete(first, "manifest.json") // lists the inputs as skipped now
	delete(again, "manifest.json")
	sameTrees(t, "rerun", first, again)

	os.WriteFile(filepath.Join(dir, "corpus/sub/s002.txt"), []byte(statement+"三、修改。\n"), 0o644)
	os.Remove(filepath.Join(dir, "out/sub/s003.txt"))
	r = convertIn(t, dir, "", args...)
	r.want(t, 1)
	var converted []string
	for l := range strings.Lines(r.stderr) {
		if name, ok := strings.CutSuffix(strings.SplitN(l, " ", 2)[0], ":"); ok && strings.Contains(l, ": ok ") {
			converted = append(converted, name)
		}
	}
	if want := []string{"corpus/sub/s002.txt", "corpus/sub/s003.txt"}; !slices.Equal(converted, want) {
		t.Errorf("converted %q, want %q\n%s", converted, want, r.stderr)
	}
	m := manifestOf(t, filepath.Join(dir, "out/manifest.json"))
	if e := entry(t, m, "corpus/sub/s004.txt"); e.Status != convert.StatusSkipped || len(e.Outputs) != 2 {
		t.Errorf("s004: %+v", e)
	}
	// Other options: everything again.
	r = convertIn(t, dir, "", append([]string{"-width", "40"}, args...)...)
	if !strings.Contains(r.stderr, "converted 1") && strings.Contains(r.stderr, "unchanged") {
		t.Errorf("changed options still skipped inputs:\n%s", r.stderr)
	}
}

// TestPathEscape: nothing is written outside -o, whatever the inputs'
// paths and whatever links stand in the output folder.
func TestPathEscape(t *testing.T) {
	dir := files(t, map[string]string{"work/in/sub/a.txt": statement, "work/b.txt": statement, "elsewhere/keep": ""})
	work := filepath.Join(dir, "work")
	abs := filepath.Join(work, "b.txt")
	os.WriteFile(filepath.Join(work, "list"), []byte("../work/b.txt\n"+abs+"\n"), 0o644)
	// Inputs named with .. and an absolute path land in out/ by base name.
	r := convertIn(t, work, "", "-to", "json", "-o", "out", "-files-from", "list")
	r.want(t, 1) // the same file twice: one output, the second an error
	if got := tree(t, filepath.Join(work, "out")); !slices.Equal(got, []string{"b.json"}) {
		t.Errorf("out/ holds %q", got)
	}
	// A link in the output folder to a folder outside it.
	os.MkdirAll(filepath.Join(work, "out2"), 0o755)
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(work, "out2", "sub")); err != nil {
		t.Skip("no symlinks:", err)
	}
	r = convertIn(t, work, "", "-to", "json", "-o", "out2", "in")
	r.want(t, 1)
	if !strings.Contains(r.stderr, "outside the output directory out2") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if got := tree(t, filepath.Join(dir, "elsewhere")); !slices.Equal(got, []string{"keep"}) {
		t.Errorf("written outside -o: %q", got)
	}
	// A link inside the output folder to a folder inside it is fine.
	os.MkdirAll(filepath.Join(work, "out3", "real"), 0o755)
	os.Symlink("real", filepath.Join(work, "out3", "sub"))
	convertIn(t, work, "", "-to", "json", "-o", "out3", "in").want(t, 0)
	decode(t, filepath.Join(work, "out3", "real", "a.json"))
	// A symlinked input folder: its files are read, their outputs go in -o.
	os.Symlink(filepath.Join(work, "in"), filepath.Join(dir, "linked"))
	convertIn(t, dir, "", "-to", "json", "-o", "out4", "linked").want(t, 0)
	decode(t, filepath.Join(dir, "out4", "sub", "a.json"))
}

// TestIncludeExclude converts the fixtures' inputs and nothing beside them.
func TestIncludeExclude(t *testing.T) {
	fixtures, _ := filepath.Abs(filepath.Join("..", "..", "fixtures"))
	dir := t.TempDir()
	r := convertIn(t, dir, "", "-to", "json", "-o", "out", "-include", "input.txt", "-exclude", "bad-*,empty", fixtures)
	r.want(t, 0)
	got := tree(t, filepath.Join(dir, "out"))
	if len(got) < 10 || slices.ContainsFunc(got, func(s string) bool { return !strings.HasSuffix(s, "/input.json") || strings.HasPrefix(s, "bad-") }) {
		t.Errorf("out/ holds %q", got)
	}
	if !slices.Contains(got, "seed/input.json") {
		t.Errorf("no seed/input.json in %q", got)
	}
	// Patterns with a slash match the path below the directory; ** any depth.
	d := files(t, map[string]string{"c/a/x.txt": statement, "c/a/b/y.txt": statement, "c/z.txt": statement})
	r = convertIn(t, d, "", "-to", "json", "-o", "out", "-include", "a/**/*.txt", "c")
	r.want(t, 0)
	if got := tree(t, filepath.Join(d, "out")); !slices.Equal(got, []string{"a/b/y.json", "a/x.json"}) {
		t.Errorf("out/ holds %q", got)
	}
	convertIn(t, d, "", "-include", "[", "c").want(t, 2)
}

// TestTimeoutAndFailFast: a document over -timeout fails alone and
// nothing of it is written; -fail-fast stops after the first failure.
func TestTimeoutAndFailFast(t *testing.T) {
	dir := corpus(t, 3)
	r := convertIn(t, dir, "", "-to", "json", "-o", "out", "-timeout", "1ns", "corpus/sub")
	r.want(t, 1)
	if !strings.Contains(r.stderr, "corpus/sub/s000.txt: timed out after 1ns") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	time.Sleep(50 * time.Millisecond) // let abandoned conversions end
	if got := tree(t, filepath.Join(dir, "out")); got != nil {
		t.Errorf("timed-out documents were written: %q", got)
	}

	d := files(t, map[string]string{"in/a.yaml": brokenYAML, "in/b.txt": statement, "in/c.txt": statement})
	r = convertIn(t, d, "", "-j", "1", "-to", "json", "-o", "out", "-fail-fast", "in")
	r.want(t, 1)
	if got := tree(t, filepath.Join(d, "out")); len(got) > 1 {
		t.Errorf("-fail-fast went on: %q", got)
	}
}

// TestCorpusWorkbook: -to xlsx -o FILE.xlsx puts every input in one
// workbook, failures listed; -o DIR gives one workbook per input.
func TestCorpusWorkbook(t *testing.T) {
	dir := files(t, map[string]string{"a.txt": statement, "bad.yaml": brokenYAML, "d/b.txt": statement, "d/c.txt": statement})
	r := convertIn(t, dir, "", "-to", "xlsx", "-o", "corpus.xlsx", "-manifest", "m.json", "a.txt", "bad.yaml", "d")
	r.want(t, 1)
	if got := tree(t, dir); !slices.Equal(got, []string{"a.txt", "bad.yaml", "corpus.xlsx", "d/b.txt", "d/c.txt", "m.json"}) {
		t.Errorf("files %q", got)
	}
	text := xlsxText(t, filepath.Join(dir, "corpus.xlsx"))
	for _, want := range []string{"Documents", "a.txt", "bad.yaml", "c.txt", "双方同意。"} {
		if !strings.Contains(text, want) {
			t.Errorf("the workbook lacks %q", want)
		}
	}
	if m := manifestOf(t, filepath.Join(dir, "m.json")); len(m.Workbooks) != 1 || m.Workbooks[0].Path != "corpus.xlsx" {
		t.Errorf("manifest workbooks %+v", m.Workbooks)
	}
	convertIn(t, dir, "", "-to", "xlsx", "-o", "out", "a.txt", "d").want(t, 0)
	if got := tree(t, filepath.Join(dir, "out")); !slices.Equal(got, []string{"a.xlsx", "b.xlsx", "c.xlsx"}) {
		t.Errorf("out/ holds %q", got)
	}
	// One input and -o FILE.xlsx: that document's workbook.
	convertIn(t, dir, "", "-to", "xlsx", "-o", "one.xlsx", "a.txt").want(t, 0)
	if strings.Contains(xlsxText(t, filepath.Join(dir, "one.xlsx")), "bad.yaml") {
		t.Error("one.xlsx holds another input")
	}
}

// xlsxText is all the XML of a workbook's sheets and strings.
func xlsxText(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var b strings.Builder
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/") {
			rc, _ := f.Open()
			io.Copy(&b, rc)
			rc.Close()
		}
	}
	return b.String()
}

// sarifSubset is the part of the SARIF 2.1.0 schema (required
// properties, types and enumerations) that our logs must satisfy.
const sarifSubset = `{
  "type": "object",
  "required": ["version", "runs"],
  "properties": {
    "version": {"enum": ["2.1.0"]},
    "$schema": {"type": "string"},
    "runs": {"type": "array", "minItems": 1, "items": {
      "type": "object",
      "required": ["tool"],
      "properties": {
        "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
        "tool": {"type": "object", "required": ["driver"], "properties": {
          "driver": {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string"}, "version": {"type": "string"},
            "informationUri": {"type": "string"},
            "rules": {"type": "array", "items": {"type": "object", "required": ["id"]}}}}}},
        "results": {"type": "array", "items": {
          "type": "object",
          "required": ["message", "ruleId", "level", "locations"],
          "properties": {
            "ruleId": {"type": "string", "minLength": 1},
            "level": {"enum": ["none", "note", "warning", "error"]},
            "message": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
            "locations": {"type": "array", "items": {"type": "object", "properties": {
              "physicalLocation": {"type": "object", "required": ["artifactLocation"], "properties": {
                "artifactLocation": {"type": "object", "required": ["uri"], "properties": {"uri": {"type": "string"}}},
                "region": {"type": "object", "required": ["startLine"], "properties": {
                  "startLine": {"type": "integer", "minimum": 1},
                  "startColumn": {"type": "integer", "minimum": 1}}}}}}}}}}}}}}
  }
}`

// TestSARIF reads the SARIF log back: its structure, a result per
// diagnostic and per failure, and (with python3-jsonschema) the subset
// of the SARIF 2.1.0 schema above.
func TestSARIF(t *testing.T) {
	dir := corpus(t, 2)
	r := convertIn(t, dir, "", "-check", "-diagnostics", "sarif", "-diagnostics-out", "log.sarif", "corpus")
	r.want(t, 1)
	data := []byte(read(t, filepath.Join(dir, "log.sarif")))
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string                `json:"ruleId"`
				Level     string                `json:"level"`
				Message   struct{ Text string } `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "declconv" {
		t.Fatalf("log %+v", log)
	}
	res := log.Runs[0].Results
	if len(res) < 3 {
		t.Fatalf("%d results", len(res))
	}
	rules := map[string]bool{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		rules[r.ID] = true
	}
	sawFailure := false
	for _, r := range res {
		if r.RuleID == "" || !slices.Contains([]string{"error", "warning", "note"}, r.Level) || r.Message.Text == "" || len(r.Locations) != 1 || !rules[r.RuleID] {
			t.Errorf("result %+v", r)
		}
		loc := r.Locations[0].PhysicalLocation
		if !strings.HasPrefix(loc.ArtifactLocation.URI, "corpus/") {
			t.Errorf("uri %q is not relative to the working directory", loc.ArtifactLocation.URI)
		}
		if r.RuleID == convert.FailureCode {
			sawFailure = true
		} else if loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			t.Errorf("result %+v has no region", r)
		}
	}
	if !sawFailure {
		t.Error("no result for the inputs that failed")
	}

	python := testfiles.Python(t, "json", "jsonschema")
	schema := filepath.Join(dir, "sarif-subset.json")
	os.WriteFile(schema, []byte(sarifSubset), 0o644)
	out, err := exec.Command(python, "-c", `import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))`, schema, filepath.Join(dir, "log.sarif")).CombinedOutput()
	if err != nil {
		t.Errorf("SARIF log invalid: %v\n%s", err, out)
	}
}

// TestDiagnosticsFormats: github workflow commands, JSON and text, on
// standard output while the outputs go to files.
func TestDiagnosticsFormats(t *testing.T) {
	dir := corpus(t, 0)
	r := convertIn(t, dir, "", "-to", "json", "-o", "out", "-diagnostics", "github", "corpus")
	r.want(t, 1)
	cmd := regexp.MustCompile(`^::(error|warning|notice) file=corpus/[^,:]+\.txt(,line=[1-9][0-9]*,col=[1-9][0-9]*)?,title=[a-z-]+::[^\n]+$`)
	n := 0
	for l := range strings.Lines(r.stdout) {
		n++
		if !cmd.MatchString(strings.TrimSuffix(l, "\n")) {
			t.Errorf("not a workflow command: %q", l)
		}
	}
	if n == 0 || !strings.Contains(r.stdout, "::error file=corpus/bad-truncated-utf8.txt,line=") {
		t.Errorf("github diagnostics:\n%s", r.stdout)
	}

	r = convertIn(t, dir, "", "-to", "json", "-o", "out", "-diagnostics", "json", "corpus")
	var ds []struct {
		File, Level, Code, Message string
		Line, Col                  int
	}
	if err := json.Unmarshal([]byte(r.stdout), &ds); err != nil || len(ds) != n {
		t.Errorf("json diagnostics (%v, %d of %d):\n%s", err, len(ds), n, r.stdout)
	}
	// Outputs on standard output and diagnostics there too: refused.
	convertIn(t, dir, statement, "-diagnostics", "json", "-").want(t, 2)
	convertIn(t, dir, "", "-diagnostics", "xml", "corpus").want(t, 2)
}

// TestInterrupt sends SIGINT to the built command in the middle of a
// batch: exit 130, no temporary file, every output whole.
func TestInterrupt(t *testing.T) {
	needFont(t)
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "convert")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	seed, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "seed", "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	for i := range 400 {
		os.WriteFile(filepath.Join(in, fmt.Sprintf("s%03d.txt", i)), fmt.Appendf(bytes.Clone(seed), "\n附：副本 %d\n", i), 0o644)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "-j", "2", "-to", "pdf,json", "-o", out, "-manifest", filepath.Join(dir, "m.json"), in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m, _ := filepath.Glob(filepath.Join(out, "*.pdf")); len(m) > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no output after 60 s:\n%s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	if cmd.ProcessState.ExitCode() != exitInterrupted {
		t.Fatalf("exit %v, want 130; stderr:\n%s", err, stderr.String())
	}
	if !strings.HasPrefix(stderr.String(), "interrupted: converted ") {
		t.Errorf("stderr %q", stderr.String())
	}
	names := tree(t, out)
	if len(names) == 0 || len(names) >= 800 {
		t.Fatalf("%d outputs: the run was not interrupted mid-way", len(names))
	}
	m := manifestOf(t, filepath.Join(dir, "m.json"))
	recorded := map[string]string{}
	for _, e := range m.Inputs {
		for _, o := range e.Outputs {
			recorded[filepath.Base(o.Path)] = o.SHA256
		}
	}
	for _, name := range names {
		data := read(t, filepath.Join(out, name))
		if strings.HasSuffix(name, ".tmp") || strings.HasPrefix(name, ".") {
			t.Errorf("temporary file %s left", name)
		}
		if strings.HasSuffix(name, ".pdf") && (!strings.HasPrefix(data, "%PDF-") || !strings.HasSuffix(strings.TrimSpace(data), "%%EOF")) {
			t.Errorf("%s is not a whole PDF", name)
		}
		if pair := strings.TrimSuffix(name, filepath.Ext(name)); !slices.Contains(names, pair+".pdf") || !slices.Contains(names, pair+".json") {
			t.Errorf("%s without its other format: a job half written", name)
		}
		sum := sha256.Sum256([]byte(data))
		if recorded[name] != hex.EncodeToString(sum[:]) {
			t.Errorf("%s is not in the manifest as written", name)
		}
	}
}

// TestRunGCPercent: the run's GOGC leaves at most runHeadroom above the
// heap live after planning, and never goes below 25.
func TestRunGCPercent(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{4 << 20, 100},
		{runHeadroom, 100},
		{12 << 20, 50},
		{24 << 20, 25},
		{1 << 30, 25},
	} {
		if got := runGCPercent(c.live); got != c.want {
			t.Errorf("runGCPercent(%d MB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}
