// Package xlsx writes declarations as spreadsheet workbooks for analysis:
// one row per provision in a Clauses sheet, with sheets for the document's
// metadata, references, dates and diagnostics.
//
// [Options.Write] writes one document; [Workbook] collects many documents (a
// corpus) into one workbook with an extra Documents sheet listing every
// input, converted or failed, and a Summary sheet.
//
// # Sheets
//
// Every sheet but the Summary is an Excel table (a ListObject with a style
// and an autofilter) with its header row frozen. Headers are in English
// with the Chinese label on a second line of the same cell; the Document
// sheet's field names follow the same rule. The first column of every
// sheet names the document (its source file name), so that the sheets of
// a corpus workbook can be filtered by document and a one-document
// workbook has the same layout (there the column is kept short).
//
//	Clauses      document, top, top no., id, kind, label, number, path,
//	             heading, text, chars, references, dates, line
//	Documents    name, title, kind, date, ISO, provisions, status, error (corpus only)
//	Summary      documents by kind (with a chart), the most cited references,
//	             provisions by kind per document (corpus only)
//	Document     document, field, value
//	References   document, instrument, date, ISO, date as written, action, cited in, line
//	Dates        document, text, date, ISO, year inferred, at, line, column
//	Diagnostics  document, level, code, line, column, message
//
// The path of a provision is the labels and headings of the provisions
// from the top down to it, so every row has one; Top is the first of them,
// the top-level provision the row belongs to (四), and Top no. its number,
// so that "everything under 四" is one filter. An attachment's provisions
// (annexes, after the body) have a path that starts with the attachment's
// label and heading (附件一 › 口岸名单 › …), a Top after its label (附件一 ›
// 二), and IDs below its own (att_1__art_2).
//
// Numbers (provision number, characters, line, column, page, bytes) are
// number cells, left empty when zero. Dates are date cells formatted to
// their precision (1995-09-13, 1992-01, 1992); one of month or year
// precision holds its first day, and the ISO text stands beside it; a date
// before 1900-03-01, which Excel cannot hold, is the ISO text alone.
// Everything else is an inline string cell, so text that starts with =,
// +, - or @ stays text and is never read as a formula.
//
// # Layout
//
// Excel does not size columns or rows by itself, so the writer estimates:
// a column is as wide as its widest line (a CJK or full-width character
// counts two units), within bounds per column; text wraps (Latin at
// spaces, CJK anywhere), and a row is as high as the most wrapped cell in
// it needs, at 15 pt a line. The bounds keep the Clauses sheet about 200
// units wide, so that printed — landscape A4, one page wide, narrow
// margins — its type is about 8 pt. Every sheet prints with its header row
// repeated on each page, its name in the page header and page numbers in
// the footer.
//
// # Limits
//
// A cell holds at most 32,767 UTF-16 code units. Longer text is cut, a
// marker saying so is appended, and a warning with code "cell-truncated"
// is added to the Diagnostics sheet. A sheet holds at most 1,048,575 data
// rows; [Workbook.Add] refuses a document that would overflow one.
//
// # Reproducible output
//
// Two runs over the same input give identical bytes. The workbook's created
// and modified dates come from [Options.Modified] (which the command sets
// from SOURCE_DATE_EPOCH), else the latest document date (publication,
// signature or dispatch), else 1980-01-01; never the clock. The ZIP
// container is written by this package with its entries sorted by name and
// stamped with that date.
//
// # Memory
//
// Rows are spooled as they are added, in memory up to a small limit and
// then in a temporary file, and streamed into the workbook sheet by sheet
// with excelize's stream writer when it is written. Memory use therefore
// does not grow with the corpus beyond the buffers excelize's stream writer
// keeps itself.
//
// # Speed
//
// A one-document workbook ([Options.Write]) is not built by excelize each
// time: excelize builds one empty one-document workbook per process, the
// template, and each document's workbook is the template with its blanks
// filled (the title and dates, each sheet's dimension, column widths and
// rows, each table's range) in the bytes excelize writes; the parts that
// never change are compressed once (see template.go). A corpus workbook,
// and a document with a text excelize would escape (_x0041_), still go
// through excelize, which is also the test's reference for the template.
package xlsx
