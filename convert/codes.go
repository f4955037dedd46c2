package convert

import (
	"slices"
	"strings"
)

// DiagnosticCode describes one code a diagnostic carries: a SARIF log
// gives each code it uses as a rule with these texts, and README lists
// them. A test ties the table to every code the parser and this package
// emit.
type DiagnosticCode struct {
	// Code is the diagnostic's code, as in SARIF's ruleId.
	Code string
	// Short says in a few words what the code finds.
	Short string
	// Help says why it matters and what to do about it.
	Help string
}

// diagnosticCodes is the table of codes, sorted by code. Adding a code to
// the parser is adding a row here.
var diagnosticCodes = [...]DiagnosticCode{
	{"bracket-unclosed", "A bracket or quotation mark is never closed",
		"An opening bracket or quotation mark (（ ( 《 “ 「 『 〔 【 [) has no closer in the same provision or paragraph. Often a line break inside a title or quotation, or text lost in copying: check the source around it."},
	{"date-year-unknown", "A date without a year the text does not tell",
		"A date is written without its year (五月十八日) and the document's own date does not supply it, so the model keeps the text with no ISO date. Add the year to the source, or to the document's date, if it is known."},
	{fallbackCode, "A diagnostic without a code",
		"A diagnostic carried by a canonical input has no code; it is reported under this rule as it was written."},
	{FailureCode, "An input could not be converted",
		"The input failed: it could not be read, decoded, parsed or written (the message says which, at its position). Nothing of it was written; the run exits 1."},
	{"marker-level", "A section or clause outside its parent level",
		"A section marker (第一节) stands in no chapter (第一章), or a clause (款) in no article (条): the numbering of a statute skips a level. Check that the parent heading is in the source and on a line of its own."},
	{"no-closing", "The document ends with no closing",
		"A joint statement, communiqué, declaration, treaty or agreement ends without signatures, place or date. The closing may be missing from the source, or run into the last provision."},
	{"numbering-back", "The numbering goes back",
		"A provision's number is smaller than the one before it at the same level (三 after 四): often two lists run together, or a heading was lost. Check the source's numbering."},
	{"numbering-repeat", "A number is repeated",
		"Two provisions in a row at the same level carry the same number (二、 twice): a typo in the source, or a copy pasted twice."},
	{"numbering-skip", "The numbering skips a number",
		"A provision's number is more than one past the one before it at the same level (一 then 三): a provision may be missing from the source."},
	{"numbering-start", "The numbering does not start at 1",
		"The first item of a numbered list has a number other than 1, and no list before it runs on to it: the start of the list may be missing from the source."},
	{"text-runs-on", "A provision runs on into a closing or note",
		"After a sentence end, a provision's text goes on with a line that looks like a closing formula, a signature or a note heading: a blank line is probably missing before it in the source, and that text is kept inside the provision."},
	{"too-many-diagnostics", "Diagnostics left out",
		"A document had more diagnostics than a report keeps (1,000); this one says how many more were left out. The input is probably not a declaration, or not plain text."},
	{"truncated", "The text ends mid-sentence",
		"The last line ends without a sentence end, a closing or an attachment: the document may be cut short. Compare it with its source."},
}

// fallbackCode is the rule of a diagnostic that has no code.
const fallbackCode = "diagnostic"

// DiagnosticCodes lists every diagnostic code, sorted by code. The slice
// is a copy.
func DiagnosticCodes() []DiagnosticCode { return slices.Clone(diagnosticCodes[:]) }

// LookupDiagnosticCode finds a code in [DiagnosticCodes].
func LookupDiagnosticCode(code string) (DiagnosticCode, bool) {
	i, ok := slices.BinarySearchFunc(diagnosticCodes[:], code, func(c DiagnosticCode, code string) int {
		return strings.Compare(c.Code, code)
	})
	if !ok {
		return DiagnosticCode{}, false
	}
	return diagnosticCodes[i], true
}
