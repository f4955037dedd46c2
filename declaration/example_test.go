package declaration_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/declconv/declconv/declaration"
)

// DecodeYAML reads a canonical file, strictly: an unknown key, a wrong
// type or a broken reference is an error with its line and column.
// EncodeYAML writes the same model back, byte for byte as declconv
// writes it.
func ExampleDecodeYAML() {
	src := `schema: declconv/v1
source:
  name: note.txt
  sha256: "0000000000000000000000000000000000000000000000000000000000000000"
  encoding: utf-8
  bytes: 12
title: Joint Statement
kind: joint-statement
language: en
parties:
  - Arcadia
  - Borealis
body:
  - id: para_1
    kind: paragraph
    text: The two Governments agree.
    pos: {line: 3, col: 1}
`
	d, err := declaration.DecodeYAML(strings.NewReader(src), "note.yaml")
	if err != nil {
		log.Fatal(err)
	}
	d.Parties = append(d.Parties, "Caledonia")
	if err := declaration.EncodeYAML(os.Stdout, d); err != nil {
		log.Fatal(err)
	}
	// Output:
	// schema: declconv/v1
	// source:
	//   name: note.txt
	//   sha256: "0000000000000000000000000000000000000000000000000000000000000000"
	//   encoding: utf-8
	//   bytes: 12
	// title: Joint Statement
	// kind: joint-statement
	// language: en
	// parties:
	//   - Arcadia
	//   - Borealis
	//   - Caledonia
	// body:
	//   - id: para_1
	//     kind: paragraph
	//     text: The two Governments agree.
	//     pos: {line: 3, col: 1}
}

// A hand-edited file with a misspelt kind is refused with the position
// of the mistake.
func ExampleDecodeYAML_error() {
	src := "schema: declconv/v1\nsource: {name: a.txt, sha256: \"00\", encoding: utf-8, bytes: 1}\ntitle: T\nkind: joint-statment\nlanguage: en\n"
	_, err := declaration.DecodeYAML(strings.NewReader(src), "a.yaml")
	fmt.Println(err)
	// Output:
	// a.yaml:4:7: kind: unknown value "joint-statment" (known: joint-statement, joint-communique, declaration, treaty, agreement, statement, law, order, other)
}
