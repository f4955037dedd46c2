// Package linebreak breaks Chinese, Japanese, English and mixed text into
// lines of a given width, following the line-breaking rules of Chinese and
// Japanese typesetting (GB/T 15834 and JIS X 4051 kinsoku shori).
//
// The width of a line is the sum of the widths of its runes, measured by a
// function the caller gives: [Columns] for monospaced text (the plain-text
// writer), glyph advances in points for a PDF. [Lines] never drops or
// changes a character other than whitespace at a break, so the lines,
// joined and with whitespace removed, are the text with whitespace removed.
//
// # Rules
//
// A break may fall between any two ideographs, around a dash, and at
// spaces. It never falls:
//
//   - before closing punctuation (，。、；：？！）》」』’”〕】… and ASCII ,.;:?!)]),
//     so that no line starts with one;
//   - after opening punctuation (（《「『‘“〔【 and ASCII ([), so that no line
//     ends with one;
//   - inside a pair of dashes —— or of ellipses ……;
//   - inside a run of letters or digits (ASCII or full-width): Latin words
//     break at spaces only;
//   - before a combining mark, or around a no-break space or joiner.
//
// Lines are filled greedily. When the next piece does not fit, it moves to
// the next line whole, taking the character before a closing mark with it
// (oidashi) rather than letting the line overflow. Only a piece wider than
// a whole line is dealt with otherwise, in this order of preference: kept
// whole if all that overflows is one closing mark (burasage); cut inside a
// word at the widest point that fits and keeps the punctuation rules; cut
// where one closing mark hangs; cut at the widest point that fits; cut
// after the smallest unit that can never be cut (a letter with its
// combining marks, a pair of dashes), which then overflows alone.
//
// Newlines are hard breaks. Whitespace at a break and at the end of a line
// is dropped; whitespace at the start of a hard line is kept when it fits.
//
// Lines does not allocate per rune: each line is a substring of the text,
// and its only allocation is the slice it returns (AppendLines appends to
// one the caller reuses). It reads each rune once (twice in a piece too
// wide for a line); ASCII, ideographs and CJK punctuation are classified
// and measured by table, not by search.
package linebreak
