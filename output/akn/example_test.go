package akn_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/akn"
)

func ExampleOptions_Write() {
	d := &declaration.Document{
		Schema:  declaration.SchemaVersion,
		Kind:    declaration.JointCommunique,
		Parties: []string{"甲国", "乙国"},
		Body: []*declaration.Provision{
			{Kind: declaration.Article, Label: "一、", Number: 1, Text: "双方决定自一九九二年一月五日起建立大使级外交关系。"},
		},
		Dates: []declaration.DateMention{{Date: declaration.Date{Text: "一九九二年一月五日", ISO: "1992-01-05"}, At: "art_1"}},
	}
	d.AssignIDs()
	var buf bytes.Buffer
	if err := (akn.Options{}).Write(&buf, d); err != nil {
		panic(err)
	}
	out := buf.String()
	// the body, after the <meta>
	fmt.Println(out[strings.Index(out, "    <mainBody>"):])
	// Output:
	//     <mainBody>
	//       <article eId="art_1">
	//         <num>一、</num>
	//         <content>
	//           <p>双方决定自<date date="1992-01-05">一九九二年一月五日</date>起建立大使级外交关系。</p>
	//         </content>
	//       </article>
	//     </mainBody>
	//   </statement>
	// </akomaNtoso>
}
