package text_test

import (
	"os"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/text"
)

func ExampleOptions_Write() {
	d := &declaration.Document{
		Schema:  declaration.SchemaVersion,
		Title:   "联合公报",
		Kind:    declaration.JointCommunique,
		Parties: []string{"甲国", "乙国"},
		Body: []*declaration.Provision{
			{Kind: declaration.Article, Label: "一、", Text: "双方同意自公报发表之日起建立大使级外交关系。"},
			{Kind: declaration.Article, Label: "二、", Text: "双方商定：", Children: []*declaration.Provision{
				{Kind: declaration.Item, Label: "——", Text: "互派大使；"},
				{Kind: declaration.Item, Label: "——", Text: "为对方的外交活动提供便利。"},
			}},
		},
		Closing: []*declaration.Block{{Kind: declaration.PlaceDate, Text: "二○○一年五月二十日于北京"}},
	}
	if err := (text.Options{Width: 36}).Write(os.Stdout, d); err != nil {
		panic(err)
	}
	// Output:
	//               联合公报
	//
	// 一、双方同意自公报发表之日起建立大使
	//     级外交关系。
	//
	// 二、双方商定：
	//   ——互派大使；
	//   ——为对方的外交活动提供便利。
	//
	//             二○○一年五月二十日于北京
}
