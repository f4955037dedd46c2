package xlsx_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/xlsx"
	"github.com/xuri/excelize/v2"
)

func example() *declaration.Document {
	d := &declaration.Document{
		Schema: declaration.SchemaVersion,
		Source: declaration.Source{Name: "statement.txt", Encoding: "utf-8"},
		Kind:   declaration.JointStatement,
		Title:  "联合声明",
		Body: []*declaration.Provision{{
			Kind: declaration.Article, Label: "一、", Number: 1, Text: "双方一致认为：", Pos: declaration.Pos{Line: 3, Col: 1},
			Children: []*declaration.Provision{
				{Kind: declaration.Item, Label: "——", Text: "=SUM(A1) 仍是文字", Pos: declaration.Pos{Line: 4, Col: 1}},
			},
		}},
	}
	d.AssignIDs()
	return d
}

// Write one document; read the Clauses sheet back.
func ExampleOptions_Write() {
	var buf bytes.Buffer
	if err := (xlsx.Options{}).Write(&buf, example()); err != nil {
		log.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	fmt.Println(f.GetSheetList())
	rows, _ := f.GetRows("Clauses")
	for _, r := range rows[1:] {
		fmt.Printf("%s | %s | %s\n", r[3], r[7], r[9]) // ID, Path, Text
	}
	// Output:
	// [Clauses Document References Dates Diagnostics]
	// art_1 | 一 | 双方一致认为：
	// art_1__item_1 | 一 › —— | =SUM(A1) 仍是文字
}

// Collect a corpus, including an input that failed, into one workbook.
func ExampleWorkbook() {
	b := xlsx.NewWorkbook(xlsx.Options{})
	defer b.Close()
	if err := b.Add(example()); err != nil {
		log.Fatal(err)
	}
	b.AddFailure("broken.txt", errors.New("broken.txt:1:1: not UTF-8 or GB18030"))
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		log.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Documents")
	for _, r := range rows[1:] {
		fmt.Println(r[0], r[6]) // Name, Status
	}
	// Output:
	// statement.txt ok
	// broken.txt failed
}
