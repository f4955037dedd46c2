//go:build ignore

// testreport reads `go test -json` on standard input and prints what a
// person running make test must see: each package's result line, the
// output of every test that failed, and every test that was SKIPPED
// with its reason (go test alone shows skips only under -v, so a corpus
// or reader test that did not run would pass unnoticed). It exits 1 when
// a test or a build failed, or the input was not go test's.
//
//	go test -json ./... | go run scripts/testreport.go
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

type event struct {
	Action, Package, Test, Output string
}

func main() {
	out := map[string][]string{} // package + test → its output lines
	failed, skipped := false, 0
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		line := sc.Text()
		var e event
		if err := json.Unmarshal([]byte(line), &e); err != nil || e.Action == "" {
			fmt.Println(line) // a build error, as go test printed it
			if strings.TrimSpace(line) != "" {
				failed = true
			}
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			if e.Test == "" {
				if e.Output != "PASS\n" && e.Output != "FAIL\n" && !strings.HasPrefix(e.Output, "=== ") {
					fmt.Print(e.Output) // ok/FAIL pkg, and what a package prints outside tests
				}
				continue
			}
			if !strings.HasPrefix(e.Output, "=== ") && !strings.HasPrefix(strings.TrimSpace(e.Output), "--- PASS") {
				out[key] = append(out[key], e.Output)
			}
		case "skip":
			if e.Test != "" {
				skipped++
				fmt.Printf("SKIP %s %s:\n%s", e.Package, e.Test, indent(out[key]))
			}
			delete(out, key)
		case "fail":
			failed = true
			if e.Test != "" {
				fmt.Printf("FAIL %s %s:\n%s", e.Package, e.Test, indent(out[key]))
			}
			delete(out, key)
		case "build-fail":
			failed = true
		case "pass":
			delete(out, key)
		}
	}
	if skipped > 0 {
		fmt.Printf("%d tests skipped (see SKIP above); under CI=1 a missing reader or font fails instead\n", skipped)
	}
	if failed || sc.Err() != nil {
		os.Exit(1)
	}
}

// indent keeps the reason lines of a skipped or failed test, without the
// --- SKIP/--- FAIL line that repeats the name.
func indent(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "--- SKIP") || strings.HasPrefix(t, "--- FAIL") {
			continue
		}
		b.WriteString("    " + strings.TrimLeft(l, " "))
	}
	return b.String()
}
