package declaration

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what sort of document a declaration is.
type Kind string

// The document kinds.
const (
	JointStatement  Kind = "joint-statement"  // 联合声明
	JointCommunique Kind = "joint-communique" // 联合公报
	DeclarationKind Kind = "declaration"      // 宣言
	Treaty          Kind = "treaty"           // 条约, 宪章
	Agreement       Kind = "agreement"        // 协定, 协议, memorandum
	Statement       Kind = "statement"        // 声明
	Law             Kind = "law"              // 法, 宪法, 条例, 简章, 决定
	Order           Kind = "order"            // 命令, 布告
	Other           Kind = "other"            // anything else: news, editorials
)

var kinds = [...]Kind{JointStatement, JointCommunique, DeclarationKind, Treaty, Agreement, Statement, Law, Order, Other}

// Kinds lists every document kind, in the order the schema documents
// them. The slice is a copy: changing it changes nothing here.
func Kinds() []Kind { return slices.Clone(kinds[:]) }

// Valid reports whether k is one of [Kinds].
func (k Kind) Valid() bool { return slices.Contains(kinds[:], k) }

// ProvisionKind is the level of a provision in the tree.
type ProvisionKind string

// The provision kinds, from the outermost level in.
const (
	Part      ProvisionKind = "part"      // 第一编
	Chapter   ProvisionKind = "chapter"   // 第一章, CHAPTER I
	Section   ProvisionKind = "section"   // 第一节, （一） groups with a heading, （甲）
	Article   ProvisionKind = "article"   // 第一条, 一、, Article 1
	Paragraph ProvisionKind = "paragraph" // 第一款, numbered or unmarked paragraphs
	Item      ProvisionKind = "item"      // （一）, ——, (a), １、
	Point     ProvisionKind = "point"     // 1., （１）, ㈠
	Subpoint  ProvisionKind = "subpoint"  // anything nested deeper
)

// ProvisionKindPrefix is a provision kind with its eId prefix.
type ProvisionKindPrefix struct {
	Kind   ProvisionKind
	Prefix string
}

var provisionKinds = [...]ProvisionKindPrefix{
	{Part, "part"}, {Chapter, "chp"}, {Section, "sec"}, {Article, "art"},
	{Paragraph, "para"}, {Item, "item"}, {Point, "point"}, {Subpoint, "subpoint"},
}

// ProvisionKinds lists every provision kind with its eId prefix, from the
// outermost level in. The slice is a copy.
func ProvisionKinds() []ProvisionKindPrefix { return slices.Clone(provisionKinds[:]) }

// Valid reports whether k is one of [ProvisionKinds].
func (k ProvisionKind) Valid() bool { return k.Prefix() != "" }

// Prefix is the kind's eId prefix (chapter → chp), or "" for an unknown kind.
func (k ProvisionKind) Prefix() string {
	for _, pk := range provisionKinds {
		if pk.Kind == k {
			return pk.Prefix
		}
	}
	return ""
}

// BlockKind says what a verbatim block is.
type BlockKind string

// The block kinds.
const (
	FrontMatter BlockKind = "front-matter" // YAML front matter, an HTML comment, a Markdown rule
	Headline    BlockKind = "headline"     // ### 标题 and its repetition
	IssueDate   BlockKind = "issue-date"   // 1995-09-13 in the archive header
	PageLine    BlockKind = "page"         // 第4版(要闻)
	ColumnLine  BlockKind = "column"       // 专栏：
	Lead        BlockKind = "lead"         // 新华社北京９月１２日电…
	TitleBlock  BlockKind = "title"        // the document's own title
	Subtitle    BlockKind = "subtitle"     // a date line or note under the title
	Heading     BlockKind = "heading"      // an unnumbered heading (序言, Preamble)
	Para        BlockKind = "paragraph"    // a paragraph of prose
	Recital     BlockKind = "recital"      // 鉴于…, Whereas…
	Signature   BlockKind = "signature"    // a signature line
	PlaceDate   BlockKind = "place-date"   // 一九九五年九月十一日于北京, Done at …
	Note        BlockKind = "note"         // notes, 附注, sources, editorial remarks
)

var blockKinds = [...]BlockKind{FrontMatter, Headline, IssueDate, PageLine, ColumnLine, Lead, TitleBlock, Subtitle, Heading, Para, Recital, Signature, PlaceDate, Note}

// BlockKinds lists every block kind. The slice is a copy.
func BlockKinds() []BlockKind { return slices.Clone(blockKinds[:]) }

// Valid reports whether k is one of [BlockKinds].
func (k BlockKind) Valid() bool { return slices.Contains(blockKinds[:], k) }

// EmptyField reports whether b is an archive's column line that names
// its field with nothing after the colon (专栏： when the issue gave the
// article no column): a blank of the archive's form, which writers leave
// out. Emphasis characters alone (*专栏：*) are nothing.
func (b *Block) EmptyField() bool {
	if b.Kind != ColumnLine {
		return false
	}
	t := b.Label + b.Text
	i := strings.IndexAny(t, ":：")
	if i < 0 {
		return false
	}
	_, size := utf8.DecodeRuneInString(t[i:])
	return strings.TrimFunc(t[i+size:], func(r rune) bool { return unicode.IsSpace(r) || r == '*' || r == '_' }) == ""
}

// InArchiveHeader reports whether b belongs to a newspaper archive's
// header (### headline, issue date, page, column), which writers set as
// one line of source information, not as the document's text.
func (b *Block) InArchiveHeader() bool {
	switch b.Kind {
	case IssueDate, PageLine, ColumnLine:
		return true
	case Headline:
		return b.Markup != ""
	}
	return false
}

// Level is how serious a diagnostic is.
type Level string

// The diagnostic levels.
const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelInfo    Level = "info"
)

var levels = [...]Level{LevelError, LevelWarning, LevelInfo}

// Levels lists every diagnostic level. The slice is a copy.
func Levels() []Level { return slices.Clone(levels[:]) }

// Valid reports whether l is one of [Levels].
func (l Level) Valid() bool { return slices.Contains(levels[:], l) }
