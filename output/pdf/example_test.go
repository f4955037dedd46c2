package pdf_test

import (
	"bytes"
	"fmt"
	"log"
	"strings"

	"github.com/declconv/declconv/output/pdf"
	"github.com/declconv/declconv/parse"
)

// Options's zero value typesets a document in the official layout with
// the CJK fonts found on the system (scripts/deps.sh installs them);
// SOURCE_DATE_EPOCH, here pinned through Getenv, dates the file so that
// two runs give the same bytes.
func ExampleOptions_Write() {
	src := "东海共和国和西岭联邦联合声明\n\n一、双方同意发展两国友好关系。\n\n二、双方将于明年举行会谈。\n"
	d, err := parse.Parse(strings.NewReader(src), "statement.txt")
	if err != nil {
		log.Fatal(err)
	}
	w := pdf.Options{Getenv: func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "0"
		}
		return ""
	}}
	var a, b bytes.Buffer
	if err := w.Write(&a, d); err != nil {
		log.Fatal(err)
	}
	if err := w.Write(&b, d); err != nil {
		log.Fatal(err)
	}
	// The version, whether the file is complete, and whether two runs
	// gave the same bytes. (The page objects are in a compressed object
	// stream: pdfinfo or qpdf count them.)
	fmt.Println(string(a.Bytes()[:8]), bytes.HasSuffix(a.Bytes(), []byte("%%EOF\n")), bytes.Equal(a.Bytes(), b.Bytes()))
	// Output:
	// %PDF-1.5 true true
}
