package convert_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/declconv/declconv/convert"
)

// The format table, in its order, and a case-insensitive lookup by name
// or alias.
func ExampleLookup() {
	for _, f := range convert.Formats() {
		fmt.Printf("%-5s %-6s binary=%v aliases=%v\n", f.Name, f.Ext, f.Binary, f.Aliases)
	}
	f, ok := convert.Lookup("YML")
	fmt.Println(f.Name, ok)
	_, ok = convert.Lookup("docx")
	fmt.Println(ok)
	// Output:
	// yaml  .yaml  binary=false aliases=[yml]
	// json  .json  binary=false aliases=[]
	// txt   .txt   binary=false aliases=[text]
	// pdf   .pdf   binary=true aliases=[]
	// xlsx  .xlsx  binary=true aliases=[]
	// akn   .akn.xml binary=false aliases=[]
	// html  .html  binary=false aliases=[htm]
	// yaml true
	// false
}

// Reading source text and writing it as canonical JSON.
func ExampleRead() {
	d, err := convert.Read(strings.NewReader("一、双方同意。\n"), "s.txt", convert.FromAuto)
	if err != nil {
		fmt.Println(err)
		return
	}
	json, _ := convert.Lookup("json")
	fmt.Println(convert.OutputPath("a/s.txt", "", json))
	if err := json.Write(os.Stdout, d, convert.Options{}); err != nil {
		fmt.Println(err)
	}
}
