package akn

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/testfiles"
	"github.com/declconv/declconv/parse"
)

// need skips the test with msg, or fails it when the environment
// variable CI is set: CI installs what the tests need (.ci/run) and must
// not pass by skipping.
func need(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// schema returns xmllint and the Akoma Ntoso schema, which lives beside
// the corpus: shared/schemas/akn, found from the corpus folder's parent
// (DECLCONV_CORPUS, else ../shared/corpus beside the repository).
func schema(t *testing.T) (xmllint, xsd string) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		need(t, "xmllint not found (apt-get install libxml2-utils): skipping the schema validation")
	}
	xsd = filepath.Join(filepath.Dir(testfiles.CorpusPath(t)), "schemas", "akn", "akomantoso30.xsd")
	if _, err := os.Stat(xsd); err != nil {
		need(t, fmt.Sprintf("the Akoma Ntoso schema %s is absent (set DECLCONV_CORPUS to shared/corpus beside it): skipping the schema validation", xsd))
	}
	return xmllint, xsd
}

// validate writes each document into a temporary folder and validates
// them all with one xmllint call (one call reads the schema once: much
// faster than one call per file). Each file that does not validate is an
// error naming it with xmllint's messages.
func validate(t *testing.T, docs map[string]*declaration.Document) {
	t.Helper()
	xmllint, xsd := schema(t)
	dir := t.TempDir()
	var files []string
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		path := filepath.Join(dir, strings.ReplaceAll(name, "/", "_")+".akn.xml")
		if err := os.WriteFile(path, write(t, docs[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(xmllint, append([]string{"--noout", "--schema", xsd}, files...)...)
	cmd.Stderr = &stderr
	err := cmd.Run()
	report := stderr.String()
	valid := 0
	for _, f := range files {
		switch {
		case strings.Contains(report, f+" validates"):
			valid++
		default:
			var msgs []string
			for l := range strings.SplitSeq(report, "\n") {
				if strings.HasPrefix(l, f+":") || strings.HasPrefix(l, f+" ") {
					msgs = append(msgs, l)
				}
			}
			t.Errorf("%s does not validate:\n%s", filepath.Base(f), strings.Join(msgs[:min(len(msgs), 10)], "\n"))
		}
	}
	if valid == len(files) && err != nil {
		t.Errorf("xmllint: %v\n%s", err, report)
	}
	t.Logf("%d of %d documents validate against %s", valid, len(files), xsd)
}

// TestSchemaFixtures validates against the OASIS schema every canonical
// test document, a small document of every kind (with and without
// provisions) and the hostile one.
func TestSchemaFixtures(t *testing.T) {
	docs := canonical(t)
	for _, k := range declaration.Kinds() {
		d := small(k)
		docs["small-"+string(k)] = d
		empty := small(k)
		empty.Body = nil
		docs["small-"+string(k)+"-no-provisions"] = empty
		bare := &declaration.Document{Schema: declaration.SchemaVersion, Kind: k}
		docs["bare-"+string(k)] = bare
	}
	docs["hostile"] = hostile()
	validate(t, docs)
}

// TestCorpus parses every file of the shared corpus (those that parse:
// one is truncated on purpose) and checks each as TestFixtures does,
// then validates them all against the schema.
func TestCorpus(t *testing.T) {
	docs := map[string]*declaration.Document{}
	dir := testfiles.CorpusDir(t)
	for _, path := range testfiles.CorpusFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		d, err := parse.Parse(bytes.NewReader(src), filepath.Base(path))
		if err != nil {
			t.Logf("%s does not parse, so has no XML: %v", path, err)
			continue
		}
		rel, _ := filepath.Rel(dir, path)
		docs[rel] = d
		t.Run(rel, func(t *testing.T) {
			p, err := read(write(t, d))
			if err != nil {
				t.Fatalf("not well-formed: %v", err)
			}
			checkRoot(t, d, p)
			checkEIDs(t, d, p)
			checkLossless(t, d, p)
		})
	}
	if len(docs) == 0 {
		t.Fatal("no corpus document parses")
	}
	validate(t, docs)
}
