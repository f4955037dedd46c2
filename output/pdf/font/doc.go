// Package font finds, loads and prepares the TrueType faces the PDF writer
// embeds.
//
// The PDF library reads standalone TrueType ('glyf') fonts only, so [Load]
// reads one face of a TrueType collection (.ttc) or a single font, and
// only the tables a face needs — the glyph outlines mapped into memory,
// not read — and [Face.Subset] writes standalone fonts from them
// ([Extract] copies a whole face out of a collection, for tools and
// tests). CFF-flavoured OpenType ('OTTO', e.g. Noto CJK) is refused with
// a message saying why. A [Face] knows its character map and advance
// widths, so the writer can check every character before drawing it and
// measure lines itself. [Load] prepares each face once per process;
// [Face.Subset] then cuts, per document, a small font holding only the
// glyphs the document draws, without hinting (of no use in a PDF), which
// keeps the library's own per-document font work proportional to the
// document rather than to a 20 MB collection, and the embedded font as
// small as its outlines. The writer hands the library that subset's parts
// ([Face.SubsetParts]: glyphs, tables, character map), so that it need not
// parse the font file again.
package font
