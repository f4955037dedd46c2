// Command convert turns declarations, treaties and statements into the
// canonical declconv model and writes it as YAML, JSON or plain text.
//
// Usage:
//
//	convert [-to LIST] [-from auto|text|yaml|json] [-o PATH] [-check] [-schema] [-version] INPUT...
//
// Run convert -h for the flags, the formats and examples.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
