// Package parse turns the text of a declaration into a
// [declaration.Document].
//
// Parse works in stages over the decoded lines: the encoding is detected
// (UTF-8 with or without BOM, UTF-16 with BOM, GB18030), the front is
// recognised (YAML front matter, the People's Daily archive header, the
// repeated headline, the news lead, the title), and the rest is grouped
// into paragraphs. Then the document is segmented (segment.go): where the
// body ends and the closing (formulas, signatures, place and date, notes)
// begins, and where each attachment (annex, schedule, appended text)
// begins. Each part's provision tree is built by sequence (tree.go): a
// marker continues the innermost open list whose next value it is, a
// marker that starts a sequence opens a list; the numbering styles are one
// table (markers.go) and a paragraph is split at its markers in inline.go.
// Finally the verbatim text is scanned for references, dates and defined
// terms, metadata the title did not give is read from the text, and
// diagnostics are sorted by position.
//
// Nothing is lost: every non-space character of the input ends up, in
// order, in one of the verbatim fields listed by Document.Verbatim.
package parse
