package html_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/html"
)

// The text of a page: every provision an element whose id is its model
// ID, so that communique.html#art_2__item_1 opens at the first item of
// article 二. (The page around it — the style sheet, the metadata and the
// contents — is left out here.)
func ExampleOptions_Write() {
	d := &declaration.Document{
		Schema:   declaration.SchemaVersion,
		Title:    "联合公报",
		Kind:     declaration.JointCommunique,
		Language: "zh-Hans",
		Body: []*declaration.Provision{
			{Kind: declaration.Article, Label: "一、", Number: 1, Text: "双方决定自１９７９年１月１日起建立外交关系。"},
			{Kind: declaration.Article, Label: "二、", Number: 2, Text: "双方商定：", Children: []*declaration.Provision{
				{Kind: declaration.Item, Label: "——", Text: "互派大使；"},
			}},
		},
	}
	d.AssignIDs()
	d.Dates = []declaration.DateMention{{Date: declaration.Date{Text: "１９７９年１月１日", ISO: "1979-01-01"}, At: "art_1"}}
	var buf bytes.Buffer
	if err := (html.Options{}).Write(&buf, d); err != nil {
		panic(err)
	}
	page := buf.String()
	start := strings.Index(page, `<div class="text">`)
	end := strings.Index(page, "</article>")
	fmt.Print(page[start:end])
	// Output:
	// <div class="text">
	// <div class="body">
	// <div id="art_1" class="article"><a class="pin" href="#art_1" aria-label="§ art_1"></a><p><span class="label">一、</span>双方决定自<time datetime="1979-01-01">１９７９年１月１日</time>起建立外交关系。</p>
	// </div>
	// <div id="art_2" class="article"><a class="pin" href="#art_2" aria-label="§ art_2"></a><p><span class="label">二、</span>双方商定：</p>
	// <ul>
	// <li id="art_2__item_1" class="item"><a class="pin" href="#art_2__item_1" aria-label="§ art_2__item_1"></a><p><span class="label">——</span>互派大使；</p>
	// </li>
	// </ul>
	// </div>
	// </div>
	// </div>
}
