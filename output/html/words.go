package html

import "github.com/declconv/declconv/declaration"

// words are what the page says in its own voice — the header's labels,
// the kinds' names — in each language the model knows: simplified
// Chinese, traditional Chinese, English.
type words struct {
	kind, parties, signatories, signed, terms, published, dispatch, contents string
	kinds                                                                    map[declaration.Kind]string
	column                                                                   string    // before a column's name: 专栏：
	colon, comma                                                             string    // after a term, between a signer's office and party
	parens                                                                   [2]string // around a signer's office and party
	page                                                                     func(n string) string
}

var (
	hans = words{
		kind: "类型", parties: "各方", signatories: "签署人", signed: "签署", terms: "简称",
		published: "刊载", dispatch: "电头", contents: "目录",
		column: "专栏：", colon: "：", comma: "，", parens: [2]string{"（", "）"},
		kinds: map[declaration.Kind]string{
			declaration.JointStatement: "联合声明", declaration.JointCommunique: "联合公报",
			declaration.DeclarationKind: "宣言", declaration.Treaty: "条约", declaration.Agreement: "协定",
			declaration.Statement: "声明", declaration.Law: "法律", declaration.Order: "命令", declaration.Other: "其他",
		},
		page: func(n string) string { return "第" + n + "版" },
	}
	hant = words{
		kind: "類型", parties: "各方", signatories: "簽署人", signed: "簽署", terms: "簡稱",
		published: "刊載", dispatch: "電頭", contents: "目錄",
		column: "專欄：", colon: "：", comma: "，", parens: [2]string{"（", "）"},
		kinds: map[declaration.Kind]string{
			declaration.JointStatement: "聯合聲明", declaration.JointCommunique: "聯合公報",
			declaration.DeclarationKind: "宣言", declaration.Treaty: "條約", declaration.Agreement: "協定",
			declaration.Statement: "聲明", declaration.Law: "法律", declaration.Order: "命令", declaration.Other: "其他",
		},
		page: func(n string) string { return "第" + n + "版" },
	}
	english = words{
		kind: "Kind", parties: "Parties", signatories: "Signatories", signed: "Signed", terms: "Defined terms",
		published: "Published", dispatch: "Dispatch", contents: "Contents",
		column: "Column: ", colon: ": ", comma: ", ", parens: [2]string{" (", ")"},
		kinds: map[declaration.Kind]string{
			declaration.JointStatement: "Joint statement", declaration.JointCommunique: "Joint communiqué",
			declaration.DeclarationKind: "Declaration", declaration.Treaty: "Treaty", declaration.Agreement: "Agreement",
			declaration.Statement: "Statement", declaration.Law: "Law", declaration.Order: "Order", declaration.Other: "Other",
		},
		page: func(n string) string { return "p. " + n },
	}
)
