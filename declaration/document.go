package declaration

// SchemaVersion names the version of the canonical representation. Every
// encoded document carries it in its "schema" field; decoding refuses any
// other value.
const SchemaVersion = "declconv/v1"

// Document is one parsed declaration.
type Document struct {
	Schema       string        `yaml:"schema" json:"schema" doc:"schema version, always declconv/v1"`
	Source       Source        `yaml:"source" json:"source" doc:"the input this document was read from"`
	Publication  *Publication  `yaml:"publication,omitempty" json:"publication,omitempty" doc:"newspaper-archive header, when present"`
	Dispatch     *Dispatch     `yaml:"dispatch,omitempty" json:"dispatch,omitempty" doc:"news lead (agency, place, date), when present"`
	Title        string        `yaml:"title,omitempty" json:"title,omitempty" doc:"the document's own title, verbatim"`
	Kind         Kind          `yaml:"kind" json:"kind" doc:"what sort of document this is"`
	Language     string        `yaml:"language,omitempty" json:"language,omitempty" doc:"BCP 47 tag of the main language (zh-Hans, zh-Hant, en)"`
	Parties      []string      `yaml:"parties,omitempty" json:"parties,omitempty" doc:"the states or bodies that make the declaration"`
	Signatories  []Signatory   `yaml:"signatories,omitempty" json:"signatories,omitempty" doc:"who signed, as stated in the lead or the closing"`
	Signed       *Signing      `yaml:"signed,omitempty" json:"signed,omitempty" doc:"when and where it was signed"`
	DefinedTerms []DefinedTerm `yaml:"defined_terms,omitempty" json:"defined_terms,omitempty" doc:"terms the text defines (以下简称“…”, hereinafter referred to as …)"`
	Front        []*Block      `yaml:"front,omitempty" json:"front,omitempty" doc:"verbatim blocks before the text: front matter, archive header, headline, lead, title"`
	Preamble     []*Block      `yaml:"preamble,omitempty" json:"preamble,omitempty" doc:"paragraphs before the first provision"`
	Body         []*Provision  `yaml:"body,omitempty" json:"body,omitempty" doc:"the provision tree"`
	Closing      []*Block      `yaml:"closing,omitempty" json:"closing,omitempty" doc:"signature blocks, place-and-date lines, notes"`
	Attachments  []*Attachment `yaml:"attachments,omitempty" json:"attachments,omitempty" doc:"annexes, schedules and other texts appended after the closing, each with its own provision tree"`
	References   []Reference   `yaml:"references,omitempty" json:"references,omitempty" doc:"instruments the text cites"`
	Dates        []DateMention `yaml:"dates,omitempty" json:"dates,omitempty" doc:"every date the text mentions, in order"`
	Diagnostics  []Diagnostic  `yaml:"diagnostics,omitempty" json:"diagnostics,omitempty" doc:"problems found while parsing, in source order"`
}

// Source describes the bytes a document was parsed from.
type Source struct {
	Name     string `yaml:"name" json:"name" doc:"file name as given on the command line"`
	SHA256   string `yaml:"sha256" json:"sha256" doc:"SHA-256 of the input bytes, lower-case hex"`
	Encoding string `yaml:"encoding" json:"encoding" doc:"detected encoding: utf-8, utf-8-bom, utf-16le, utf-16be, gb18030"`
	Bytes    int    `yaml:"bytes" json:"bytes" doc:"size of the input in bytes"`
}

// Publication is the newspaper-archive header (### title / date / 第N版(栏目) / 专栏：).
type Publication struct {
	Headline string `yaml:"headline,omitempty" json:"headline,omitempty" doc:"the headline as printed"`
	Date     string `yaml:"date,omitempty" json:"date,omitempty" doc:"issue date, ISO 8601"`
	Page     int    `yaml:"page,omitempty" json:"page,omitempty" doc:"page number (第N版)"`
	Section  string `yaml:"section,omitempty" json:"section,omitempty" doc:"page section (栏目), e.g. 要闻"`
	Column   string `yaml:"column,omitempty" json:"column,omitempty" doc:"column (专栏)"`
}

// Dispatch is a news lead such as 新华社北京９月１２日电.
type Dispatch struct {
	Text   string `yaml:"text" json:"text" doc:"the lead's dateline exactly as written"`
	Agency string `yaml:"agency,omitempty" json:"agency,omitempty" doc:"news agency"`
	Place  string `yaml:"place,omitempty" json:"place,omitempty" doc:"where it was filed"`
	Date   *Date  `yaml:"date,omitempty" json:"date,omitempty" doc:"when it was filed"`
}

// Date is a date as written, with its ISO 8601 value. The precision of the
// value is its length: 1994, 1994-04 or 1994-04-26.
type Date struct {
	Text         string `yaml:"text" json:"text" doc:"the date exactly as written"`
	ISO          string `yaml:"iso,omitempty" json:"iso,omitempty" doc:"ISO 8601 value; its length gives the precision (YYYY, YYYY-MM, YYYY-MM-DD)"`
	YearInferred bool   `yaml:"year_inferred,omitempty" json:"year_inferred,omitempty" doc:"the year is not written and was taken from the publication date"`
}

// Signatory is a person who signed, with their office and the party they signed for.
type Signatory struct {
	Name  string `yaml:"name" json:"name" doc:"name as written"`
	Role  string `yaml:"role,omitempty" json:"role,omitempty" doc:"office, e.g. 国家主席"`
	Party string `yaml:"party,omitempty" json:"party,omitempty" doc:"the party signed for"`
}

// Signing says when and where the document was signed.
type Signing struct {
	Date  *Date  `yaml:"date,omitempty" json:"date,omitempty" doc:"date of signature"`
	Place string `yaml:"place,omitempty" json:"place,omitempty" doc:"place of signature"`
}

// DefinedTerm is a short name the text defines for something it names in full.
type DefinedTerm struct {
	Term  string `yaml:"term" json:"term" doc:"the short name"`
	Means string `yaml:"means,omitempty" json:"means,omitempty" doc:"what it stands for, as written"`
	At    string `yaml:"at,omitempty" json:"at,omitempty" doc:"ID of the provision or block that defines it"`
}

// Pos is a position in the source: 1-based line and column, the column
// counted in characters (runes), not bytes.
type Pos struct {
	Line int `yaml:"line" json:"line" doc:"1-based line"`
	Col  int `yaml:"col" json:"col" doc:"1-based column, in characters"`
}

// Block is a verbatim piece of text outside the provision tree: a header
// line, the lead, a preamble paragraph, a signature line.
type Block struct {
	ID        string    `yaml:"id" json:"id" doc:"stable ID, e.g. preamble__p_2"`
	Kind      BlockKind `yaml:"kind" json:"kind" doc:"what the block is"`
	Markup    string    `yaml:"markup,omitempty" json:"markup,omitempty" doc:"source markup before the text, e.g. Markdown ### or >"`
	Label     string    `yaml:"label,omitempty" json:"label,omitempty" doc:"a leading marker as written, e.g. 附注："`
	Text      string    `yaml:"text" json:"text" doc:"the text, verbatim (lines joined with newlines)"`
	Underline string    `yaml:"underline,omitempty" json:"underline,omitempty" doc:"a Markdown setext underline (=== or ---) under the text"`
	Pos       Pos       `yaml:"pos,flow" json:"pos" doc:"where the block starts"`
}

// Provision is one node of the provision tree: a chapter, article, section,
// paragraph, item or point.
type Provision struct {
	ID        string        `yaml:"id" json:"id" doc:"stable Akoma-Ntoso-style eId, e.g. art_4__sec_1__item_2"`
	Kind      ProvisionKind `yaml:"kind" json:"kind" doc:"the provision's level"`
	Markup    string        `yaml:"markup,omitempty" json:"markup,omitempty" doc:"source markup before the label, e.g. Markdown ##"`
	Label     string        `yaml:"label,omitempty" json:"label,omitempty" doc:"the marker exactly as written: 四、 （一） —— 第二十一条 Article 1"`
	Number    int           `yaml:"number,omitempty" json:"number,omitempty" doc:"the marker's value: 一 → 1, （１７） → 17, 第二十一条 → 21, (b) → 2"`
	Heading   string        `yaml:"heading,omitempty" json:"heading,omitempty" doc:"a heading that follows the label, verbatim"`
	Underline string        `yaml:"underline,omitempty" json:"underline,omitempty" doc:"a Markdown setext underline (=== or ---) under the label and heading"`
	Text      string        `yaml:"text,omitempty" json:"text,omitempty" doc:"the provision's own text, verbatim; continuation lines joined with newlines"`
	Pos       Pos           `yaml:"pos,flow" json:"pos" doc:"where the provision starts"`
	Children  []*Provision  `yaml:"children,omitempty" json:"children,omitempty" doc:"nested provisions"`
}

// Attachment is a text appended to the document and apart from its body:
// an annex, a schedule, an appended specification, a decision printed
// after a law. Its provisions have IDs below its own (att_1__art_2).
type Attachment struct {
	ID        string       `yaml:"id" json:"id" doc:"stable ID, att_N in document order"`
	Markup    string       `yaml:"markup,omitempty" json:"markup,omitempty" doc:"source markup before the label, e.g. Markdown ##"`
	Label     string       `yaml:"label,omitempty" json:"label,omitempty" doc:"the attachment's marker as written: 附件一, 附：, Annex I, SCHEDULE"`
	Number    int          `yaml:"number,omitempty" json:"number,omitempty" doc:"the label's number, when it has one: 附件二 → 2, Annex III → 3"`
	Heading   string       `yaml:"heading,omitempty" json:"heading,omitempty" doc:"its title, verbatim"`
	Underline string       `yaml:"underline,omitempty" json:"underline,omitempty" doc:"a Markdown setext underline (=== or ---) under the label and heading"`
	Pos       Pos          `yaml:"pos,flow" json:"pos" doc:"where the attachment starts"`
	Body      []*Provision `yaml:"body,omitempty" json:"body,omitempty" doc:"its provision tree"`
	Closing   []*Block     `yaml:"closing,omitempty" json:"closing,omitempty" doc:"its own signature lines, place-and-date lines and notes"`
}

// Reference is an instrument the text cites, such as 《联合公报》.
type Reference struct {
	Title  string   `yaml:"title" json:"title" doc:"the instrument's name without brackets"`
	Date   *Date    `yaml:"date,omitempty" json:"date,omitempty" doc:"its date, when the text gives one"`
	Action string   `yaml:"action,omitempty" json:"action,omitempty" doc:"what was done with it: 签署, 发表, 通过, …"`
	At     []string `yaml:"at,flow" json:"at" doc:"IDs of the provisions and blocks that cite it, in order"`
	Pos    Pos      `yaml:"pos,flow" json:"pos" doc:"the first citation"`
}

// DateMention is a date found in the text.
type DateMention struct {
	Date `yaml:",inline"`
	At   string `yaml:"at" json:"at" doc:"ID of the provision or block that mentions it"`
	Pos  Pos    `yaml:"pos,flow" json:"pos" doc:"where it is written"`
}

// Diagnostic is a problem found while parsing. Diagnostics never stop a
// conversion; errors do and are returned, not stored.
type Diagnostic struct {
	Level   Level  `yaml:"level" json:"level" doc:"how serious it is"`
	Code    string `yaml:"code" json:"code" doc:"stable machine-readable name, e.g. numbering-skip"`
	Pos     Pos    `yaml:"pos,flow" json:"pos" doc:"where the problem is"`
	Message string `yaml:"message" json:"message" doc:"what is wrong, for a person"`
}
