package pdf

import "github.com/declconv/declconv/declaration"

// synthetic is a small document with the structures the seed lacks:
// preamble, chapters, article headings, nested items with a continuation
// paragraph, a two-column signature padded with U+3000, a place-and-date
// line and a note. Its parties are fictional.
func synthetic() *declaration.Document {
	pos := func(line int) declaration.Pos { return declaration.Pos{Line: line, Col: 1} }
	return &declaration.Document{
		Schema: declaration.SchemaVersion,
		Source: declaration.Source{Name: "synthetic.txt", Encoding: "utf-8"},
		Title:  "甲国和乙国关于海洋合作的协定",
		Kind:   declaration.Agreement, Language: "zh-Hans",
		Parties: []string{"甲国", "乙国"},
		Signed:  &declaration.Signing{Date: &declaration.Date{Text: "二○○一年三月五日", ISO: "2001-03-05"}, Place: "东海"},
		Front: []*declaration.Block{
			{ID: "front__p_1", Kind: declaration.TitleBlock, Text: "甲国和乙国关于海洋合作的协定", Pos: pos(1)},
		},
		Preamble: []*declaration.Block{
			{ID: "preamble__p_1", Kind: declaration.Recital, Text: "甲国和乙国（以下简称“双方”），鉴于两国在海洋领域有着广泛的共同利益，愿意在平等互利的基础上发展合作，达成协议如下：", Pos: pos(2)},
		},
		Body: []*declaration.Provision{
			{ID: "chp_1", Kind: declaration.Chapter, Label: "第一章", Number: 1, Heading: "总则", Pos: pos(3), Children: []*declaration.Provision{
				{ID: "chp_1__art_1", Kind: declaration.Article, Label: "第一条", Number: 1, Text: "双方根据本协定，在海洋科学研究、海洋环境保护和海上搜救等领域开展合作。", Pos: pos(4)},
				{ID: "chp_1__art_2", Kind: declaration.Article, Label: "第二条", Number: 2, Heading: "合作方式", Pos: pos(5),
					Text: "双方的合作可采取下列方式：", Children: []*declaration.Provision{
						{ID: "chp_1__art_2__item_1", Kind: declaration.Item, Label: "（一）", Number: 1, Text: "交换科学资料、出版物和情报，包括“海洋观测年报”《海区图集》等；", Pos: pos(6)},
						{ID: "chp_1__art_2__item_2", Kind: declaration.Item, Label: "（二）", Number: 2, Text: "互派专家、学者和技术人员进行考察、讲学和合作研究……并为此提供便利；", Pos: pos(7), Children: []*declaration.Provision{
							{ID: "chp_1__art_2__item_2__point_1", Kind: declaration.Point, Label: "1.", Number: 1, Text: "每年互派人员不少于20人次，每次不超过30天（特殊情况除外）；", Pos: pos(8)},
							{ID: "chp_1__art_2__item_2__point_2", Kind: declaration.Point, Label: "2.", Number: 2, Text: "费用按对等原则承担。\n派遣方负担国际旅费，接待方负担在其境内的食宿和交通费用。", Pos: pos(9)},
						}},
						{ID: "chp_1__art_2__item_3", Kind: declaration.Item, Label: "——", Text: "双方商定的其他方式。", Pos: pos(11)},
					}},
			}},
			{ID: "chp_2", Kind: declaration.Chapter, Label: "第二章", Number: 2, Heading: "最后条款", Pos: pos(12), Children: []*declaration.Provision{
				{ID: "chp_2__art_3", Kind: declaration.Article, Label: "第三条", Number: 3, Text: "本协定自签字之日起生效，有效期五年。如任何一方未在期满前六个月以书面形式通知另一方终止本协定，则本协定自动延长五年，并依此法顺延。", Pos: pos(13)},
			}},
		},
		Closing: []*declaration.Block{
			{ID: "closing__p_1", Kind: declaration.Para, Text: "本协定于二○○一年三月五日在东海签订，一式两份，每份均用中文写成，两种文本同等作准。", Pos: pos(14)},
			{ID: "closing__p_2", Kind: declaration.Signature, Text: "甲国代表　　　　乙国代表\n（签字）　　　　（签字）", Pos: pos(15)},
			{ID: "closing__p_3", Kind: declaration.PlaceDate, Text: "二○○一年三月五日于东海", Pos: pos(17)},
			{ID: "closing__p_4", Kind: declaration.Note, Label: "附注：", Text: "本文本为测试用虚构文本。", Pos: pos(18)},
		},
	}
}
