package parse_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/declconv/declconv/parse"
)

// Parse reads a declaration's text into the canonical model: its
// metadata, and the tree of provisions with their IDs.
func ExampleParse() {
	src := "东海共和国和西岭联邦联合声明\n\n" +
		"一、双方同意发展两国友好关系。\n\n" +
		"二、双方将于明年举行会谈。\n\n" +
		"一九九六年五月三日于东海\n"
	d, err := parse.Parse(strings.NewReader(src), "statement.txt")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Title, d.Kind, d.Parties)
	for _, p := range d.Body {
		fmt.Println(p.ID, p.Label, p.Text)
	}
	fmt.Println(d.Signed.Place, d.Signed.Date.ISO)
	// Output:
	// 东海共和国和西岭联邦联合声明 joint-statement [东海共和国 西岭联邦]
	// art_1 一、 双方同意发展两国友好关系。
	// art_2 二、 双方将于明年举行会谈。
	// 东海 1996-05-03
}
