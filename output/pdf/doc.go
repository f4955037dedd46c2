// Package pdf writes a declaration as a PDF. A Chinese document is typeset
// the way official Chinese texts are (GB/T 9704 is the reference layout):
// A4, the title centred, a body of 16 pt lines of 28 characters with a
// two-character first-line indent, justified lines that never start with
// closing punctuation nor end with opening punctuation, headings in Hei
// and Kai by level, page numbers on the outer side. An English document
// is set as English treaties are printed (the English style): a serif
// body justified between words, centred article headings, page numbers
// centred at the foot. Both have an outline entry per article and
// section, and document metadata; markup (front matter, comments,
// Markdown emphasis) becomes metadata or typography and is never printed. Attachments (附件, annexes) follow on
// pages of their own, as GB/T 9704 sets them: the label flush left in the
// heading face, the heading centred as a title, an outline entry holding
// those of their articles.
//
// The PDF library's own text flow (MultiCell, SplitText) drops a character
// at every CJK line break, so this package breaks lines with
// output/linebreak, measures them with the font's own advance widths, and
// places every line itself. Justification spreads the spare width of a
// line evenly between its characters (PDF character spacing, Tc), as CJK
// typesetting does, rather than between words. Latin text is drawn in a
// serif face of its own and justified between words, within a limit
// past which a line is set ragged (as it is when the only Latin at hand
// is a CJK face's typewriter Latin, whose spaces cannot stretch
// gracefully). Each face (Song, Hei, Kai, the serif and its italic and
// bold) is found by option, environment variable or system search, and
// falls back to the body face.
//
// Every character is checked against the fonts before anything is drawn:
// a character no font has is an error naming it and where it is, never a
// blank box. Output is byte-identical across runs: dates come from
// SOURCE_DATE_EPOCH or the document, never the clock. Fonts are found and
// prepared by package font, once per process.
package pdf
