// Package parse turns the text of a declaration into a
// [declaration.Document].
//
// Parse works in stages over the decoded lines: the encoding is detected
// (UTF-8 with or without BOM, UTF-16 with BOM, GB18030), the front is
// recognised (YAML front matter, the People's Daily archive header, the
// repeated headline, the news lead, the title), the rest is grouped into
// paragraphs, items run inline are split out, and each paragraph is placed
// in the provision tree by its numbering marker (see styles in markers.go,
// the one list of numbering styles). Trailing signature blocks,
// place-and-date lines and notes become the closing. Finally the verbatim
// text is scanned for references, dates and defined terms, and diagnostics
// are sorted by position.
//
// Nothing is lost: every non-space character of the input ends up, in
// order, in one of the verbatim fields listed by Document.Verbatim.
package parse
