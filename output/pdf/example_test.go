package pdf_test

import (
	"bytes"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/declconv/declconv/output/pdf"
	"github.com/declconv/declconv/parse"
)

// Options's zero value typesets a document in the official layout with
// the CJK fonts found on the system (scripts/deps.sh installs them),
// dated by the document itself: two runs give the same bytes. Date pins
// the date, as the command does from SOURCE_DATE_EPOCH. It prints
// "%PDF-1.5 true true". (go test compiles this example but does not run
// it: it needs a CJK font, which a fresh machine may lack, and the tests
// that need one skip there; TestReproducible checks the same.)
func ExampleOptions_Write() {
	src := "东海共和国和西岭联邦联合声明\n\n一、双方同意发展两国友好关系。\n\n二、双方将于明年举行会谈。\n"
	d, err := parse.Parse(strings.NewReader(src), "statement.txt")
	if err != nil {
		log.Fatal(err)
	}
	w := pdf.Options{Date: time.Unix(0, 0)}
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
}
