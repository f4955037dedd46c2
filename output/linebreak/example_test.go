package linebreak_test

import (
	"fmt"

	"github.com/declconv/declconv/output/linebreak"
)

func ExampleLines() {
	text := "双方重申，恪守《友好合作条约》的各项原则，决心把两国关系提高到新的水平。"
	for _, l := range linebreak.Lines(text, 18, 22, linebreak.Columns) {
		fmt.Println(l)
	}
	// Output:
	// 双方重申，恪守《友
	// 好合作条约》的各项原
	// 则，决心把两国关系提高
	// 到新的水平。
}

func ExampleLines_english() {
	text := "The Parties shall consult together whenever, in the opinion of any of them, their security is threatened."
	for _, l := range linebreak.Lines(text, 40, 40, linebreak.Columns) {
		fmt.Println(l)
	}
	// Output:
	// The Parties shall consult together
	// whenever, in the opinion of any of them,
	// their security is threatened.
}

// AppendLines lets a writer that breaks text after text reuse one slice.
func ExampleAppendLines() {
	var lines []string
	for _, text := range []string{"第一条　本协定自签字之日起生效。", "第二条　本协定有效期为五年。"} {
		lines = linebreak.AppendLines(lines[:0], text, 20, 16, linebreak.Columns)
		fmt.Println(lines)
	}
	// Output:
	// [第一条　本协定自签字 之日起生效。]
	// [第二条　本协定有效期 为五年。]
}
