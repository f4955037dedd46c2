package parse

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/declconv/declconv/declaration"
)

// Segmentation decides, before any tree is built, where the body ends,
// where the closing (signatures, place and date, notes) begins and where
// each attachment (annex, schedule, appended text) begins. What it knows
// of documents is in the tables below, one row per form.

// closingFormulas open the paragraph that starts the closing: the treaty
// formulas in English, the end of a text quoted in a cable.
// Each has the first two bytes its matches can start with, in lower case
// (ASCII letters | 0x20): a cheap test before the pattern
// (TestClosingFormulaCues ties them).
var closingFormulas = []struct {
	re     *regexp.Regexp
	starts []string
}{
	{regexp.MustCompile(`(?i)^in (?:witness|faith|testimony|confirmation) (?:whereof|thereof)\b`), []string{"in"}},
	{regexp.MustCompile(`(?i)^(?:done|dated|given|signed|made)\s+(?:at|in|on|this|under)\b`), []string{"do", "da", "gi", "si", "ma"}},
	{regexp.MustCompile(`(?i)^\(?(?:text ends|end of text|end text)\b`), []string{"(t", "(e", "te", "en"}},
}

// closingWords end the paragraph that starts the closing: the formulas
// that end a Chinese order, proclamation or telegram.
var closingWords = []string{"切切此布", "此布", "此令", "特此布告", "特此通告", "特此公告", "特此通知", "特此通令", "此致敬礼", "专此电达", "此电"}

// closingLasts are the last characters of closingWords.
var closingLasts = newRuneSet(edgeRunes(utf8.DecodeLastRuneInString, closingWords...))

// conclusionOpeners start a paragraph that looks back on the provisions
// as a whole: after the last provision it is the document's conclusion,
// not a further paragraph of that provision.
var conclusionOpeners = regexp.MustCompile(`^(?:上述各|以上各|上列各|以上所述|上述这些|以上这些|综上所述|总之，|(?i:the (?:foregoing|above)\b))`)

// noteMarkers start a note: 〔1〕, [1], ⑴, _1 …, 附注：, Note:, and the
// archive references of transcribed records ([NAA: …]).
var noteMarkers = regexp.MustCompile(`^(?:〔[0-9０-９]+〕|\[[0-9]+\]|[⑴-⒇]|_[0-9]+\s|\*\s*[0-9]+\s|(?:附注|附註|注|註|说明|說明)[：:]|(?i:notes?[：:]\s)|_?\[(?:NAA|AA|[A-Z]{2,4})\s*:)`)

// isNoteMarker: t starts with one of noteMarkers. The pattern runs only
// after a cheap test of the first character, which each of its forms
// fixes (TestIsNoteMarker ties the two).
func isNoteMarker(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return noteFirstSet.has(r) && noteMarkers.MatchString(t)
}

// noteFirsts are the characters that begin the forms of noteMarkers.
const noteFirsts = "〔[_*附注註说說nN⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"

var noteFirstSet = newRuneSet(noteFirsts)

// attachmentHeads are the headings that start an attachment: 附件一,
// 附：, 附录, Annex I, SCHEDULE 2, Appendix A, Enclosure.
var attachmentHead = regexp.MustCompile(`^(?:(附件|附录|附錄|附表|附)\s*([一二三四五六七八九十0-9０-９]*)\s*[：:]?|((?i:annex|schedule|appendix|enclosure|attachment))\b(?:\s+([0-9]+|[IVXLC]+|[A-Z])\b)?\.?:?)`)

// attachmentHeading reads an attachment heading: its label, its number
// and the title after it ("" when the title is on the next line), or
// ok == false.
func attachmentHeading(t string) (label string, number int, title string, ok bool) {
	if t == "" || !strings.HasPrefix(t, "附") && !strings.ContainsRune("AaSsEe", rune(t[0])) {
		return "", 0, "", false // the cheap test first: most paragraphs start otherwise
	}
	if strings.Contains(t, "\n") || runesAtMost(t, 61) > 60 || endsWithAny(t, "。；，,;") {
		return "", 0, "", false
	}
	m := attachmentHead.FindStringSubmatchIndex(t)
	if m == nil {
		return "", 0, "", false
	}
	label, rest := t[:m[1]], strings.TrimSpace(t[m[1]:])
	var num string
	switch {
	case m[2] >= 0:
		if t[m[2]:m[3]] == "附" && !strings.ContainsAny(label, "：:") {
			return "", 0, "", false // 附近, 附带: a word, not 附：
		}
		num = t[m[4]:m[5]]
	default:
		if m[8] >= 0 {
			num = t[m[8]:m[9]]
		}
		// Annex must stand alone or before a title in capitals or a
		// colon: "Annex I", "ANNEX: TEXT OF …", not "Annex to the note".
		if rest != "" && !strings.ContainsAny(label, ":") && strings.ToUpper(rest) != rest && num == "" {
			return "", 0, "", false
		}
	}
	if n := cnValue(num); n > 0 {
		number = n
	} else if n := digitValue(num); n > 0 {
		number = n
	} else if n := romanValue(strings.ToLower(num)); n > 0 {
		number = n
	} else if len(num) == 1 && letterValue(num) > 0 { // a letter: Annex A, not Annex 0
		number = letterValue(num)
	}
	return label, number, rest, true
}

// attachmentParas are the paragraphs of one attachment.
type attachmentParas struct {
	head          *para  // the heading paragraph
	label, title  string // as attachmentHeading reads head; ok is false for a Markdown heading
	number        int
	ok            bool
	titleLine     *para // a title on the line after a bare label (附：), or nil
	body, closing []*para
}

// segment splits the paragraphs after the front into the body, the
// closing and the attachments.
func (p *parser) segment(paras []*para) (body, closing []*para, atts []attachmentParas) {
	starts := attachmentStarts(paras)
	end := len(paras)
	if len(starts) > 0 {
		end = starts[0]
	}
	body, closing = p.splitClosing(paras[:end])
	for k, s := range starts {
		stop := len(paras)
		if k+1 < len(starts) {
			stop = starts[k+1]
		}
		a := attachmentParas{head: paras[s]}
		a.label, a.number, a.title, a.ok = attachmentHeading(paras[s].s.text)
		rest := paras[s+1 : stop]
		if a.ok && a.title == "" && paras[s].underline.text == "" && len(rest) > 0 && headingLike(rest[0].s.text) {
			a.titleLine, rest = rest[0], rest[1:]
		}
		a.body, a.closing = p.splitClosing(rest)
		atts = append(atts, a)
	}
	return body, closing, atts
}

// attachmentStarts lists the paragraphs that start attachments: an
// attachment heading after some provision, and, after a closing formula,
// a Markdown heading (a further text: an enclosure, a translation).
func attachmentStarts(paras []*para) []int {
	var starts []int
	marked, closed := false, false
	for i, q := range paras {
		t := q.s.text
		if q.marked {
			marked = true
		}
		if _, _, _, ok := attachmentHeading(t); ok && marked && !q.rule {
			starts = append(starts, i)
			continue
		}
		if closed && strings.HasPrefix(q.markup, "#") {
			starts = append(starts, i)
			closed = false
			continue
		}
		if marked && closingFormula(t) {
			closed = true
		}
	}
	return starts
}

// closingFormula: the paragraph opens or ends with a closing formula.
func closingFormula(t string) bool {
	// The formulas are short and start with one of a few letters: no need
	// to scan a long paragraph, nor most paragraphs at all.
	if len(t) >= 2 && strings.IndexByte("iIdDgGsSmMtTeE(", t[0]) >= 0 {
		head, start := t[:min(len(t), 40)], string([]byte{t[0] | 0x20, t[1] | 0x20})
		for _, f := range closingFormulas {
			if slices.Contains(f.starts, start) && f.re.MatchString(head) {
				return true
			}
		}
	}
	// The last character, as it stands before the spaces and then the 。
	// or ！ that end the text, is the cheap test: most paragraphs end
	// otherwise.
	tail := strings.TrimRight(strings.TrimRightFunc(t, unicode.IsSpace), "。！.!") // . ! as typed in ASCII
	if r, _ := utf8.DecodeLastRuneInString(tail); !closingLasts.has(r) {
		return false
	}
	for _, w := range closingWords {
		if strings.HasSuffix(tail, w) {
			return true
		}
	}
	return false
}

// isNotesHeading: 注释, 注　　释, Notes, 附注：.
func isNotesHeading(t string) bool {
	if len(t) > 80 {
		return false
	}
	// The cheap test first: each form starts with one of notesFirsts.
	if r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(t, unicode.IsSpace)); !strings.ContainsRune(notesFirsts, r) {
		return false
	}
	return runesAtMost(t, 21) <= 20 && notesHead.MatchString(squeeze(t))
}

// notesFirsts are the characters that begin the forms of notesHead
// (TestNotesFirsts ties the two).
const notesFirsts = "注附註NF"

// closingKind classifies a paragraph that can end a document, or "".
//
// Each regular expression is tried only when a cheap test says it can
// match: this runs on the last paragraphs of every document.
func (p *parser) closingKind(q *para) declaration.BlockKind {
	t := q.s.text
	n := runesAtMost(t, 90) // the tests below count no further
	startsFor := len(t) > 4 && strings.EqualFold(t[:4], "for ")
	if first, _, multi := strings.Cut(t, "\n"); multi && startsFor && forParty.MatchString(first) {
		return declaration.Signature
	}
	spaced := strings.Contains(t, "  ") || strings.Contains(t, "\t") || strings.Contains(t, "　")
	switch {
	case q.rule:
		return declaration.Note
	case n <= 60 && contains(t, "日") && placeDateZH.MatchString(t),
		n <= 80 && strings.Contains(t, ",") && cityDateEN.MatchString(t), // a short line: CANBERRA, 21 January 1944
		len(t) > 5 && strings.ContainsAny(t[:1], "DdSsMmGg") && placeDateEN.MatchString(t):
		return declaration.PlaceDate
	case hasSignedMark(t),
		n <= 40 && strings.ContainsAny(t, " 　") && containsAny(t, roleNameWords) && roleName.MatchString(t),
		startsFor && n < 90 && forParty.MatchString(t),
		q.indent >= 10 && n <= 40 && !strings.Contains(t, "\n"),
		spaced && n <= 60 && !endsSentence(t) && padded.MatchString(t),
		isIssuer(t),
		n <= 80 && !endsSentence(t) && p.dateline(t): // an office and a date: Minister for Trade 6th July, 1957
		return declaration.Signature
	case mayBeSourceNote(t) && sourceNote.MatchString(t),
		isNoteMarker(t):
		return declaration.Note
	}
	return ""
}

// hasSignedMark is signedMark.MatchString(t): its first form, a mark in
// brackets, is looked for only after the brackets that stand in t, and
// the pattern runs only for the second, which opens the line with "(X"
// (TestHasSignedMark ties the two).
func hasSignedMark(t string) bool {
	if len(t) > 1 && t[0] == '(' && t[1] >= 'A' && t[1] <= 'Z' && signedMark.MatchString(t) {
		return true
	}
	for _, open := range []string{"(", "（"} {
		for i := range occurrences(t, open) {
			rest := t[i+len(open):]
			for _, w := range signedWords {
				if after, ok := strings.CutPrefix(rest, w); ok {
					if w == "Sgd" {
						after = strings.TrimPrefix(after, ".")
					}
					if strings.HasPrefix(after, ")") || strings.HasPrefix(after, "）") {
						return true
					}
				}
			}
		}
	}
	return false
}

// signedWords are the words of signedMark's first form, in brackets
// (Sgd with or without a full stop).
var signedWords = []string{"签字", "签名", "签署", "盖章", "Signed", "signed", "Sgd"}

// mayBeSourceNote: t starts as every text sourceNote matches does
// (TestPatternCues).
func mayBeSourceNote(t string) bool {
	return strings.HasPrefix(t, "（《") || strings.HasPrefix(t, "(《") || strings.HasPrefix(t, "[") || strings.HasPrefix(t, "_[")
}

// isIssuer: a short line that is only the name of an issuing body.
func isIssuer(t string) bool {
	t = strings.TrimSpace(t)
	if strings.Contains(t, "\n") || runesAtMost(t, 25) > 24 || !hasHan(t) || strings.ContainsAny(t, "，。；：！？、") {
		return false
	}
	return hasAnySuffix(t, bodySuffixes)
}

// weakClosing: a short line without sentence punctuation, such as a name,
// an office or an issuing body, around a signature or place-and-date line.
func weakClosing(t string) bool {
	return !strings.Contains(t, "\n") && runesAtMost(t, 41) <= 40 && !endsSentence(t)
}

// splitClosing finds where the closing of a part starts: at the first of
// a notes heading (or the rule above it), a closing formula (IN WITNESS
// WHEREOF, DONE at, 切切此布), a concluding paragraph after the last
// provision (上述各项…), or the run of signature, place-and-date and note
// paragraphs that ends the part.
func (p *parser) splitClosing(paras []*para) (body, closing []*para) {
	end := len(paras)
	lastMarked := -1
	for i, q := range paras {
		if q.marked {
			lastMarked = i
		}
	}
	for i, q := range paras {
		if i == 0 {
			continue
		}
		switch {
		case isNotesHeading(q.s.text):
			end = i
			if paras[i-1].rule {
				end = i - 1
			}
		case q.rule && (lastMarked >= 0 && lastMarked < i || i+1 < len(paras) && isNoteMarker(paras[i+1].s.text)):
			end = i
		case lastMarked >= 0 && closingFormula(q.s.text):
			end = i
		case lastMarked >= 0 && i > lastMarked && conclusionOpeners.MatchString(q.s.text):
			end = i
		default:
			continue
		}
		break
	}
	// Walk back over closing lines; short unpunctuated lines (a name, an
	// office) count only when a real closing line stands above them.
	start, run, strong := end, end, false
	for run > 0 {
		q := paras[run-1]
		kind := p.closingKind(q)
		if q.marked && kind == "" {
			break
		}
		if kind != "" {
			strong = true
		} else if !weakClosing(q.s.text) {
			break
		}
		run--
	}
	if strong {
		start = run
	}
	if start == 0 {
		start = end // a document made only of such lines has no closing
	}
	return paras[:start], paras[start:]
}

// closing turns closing paragraphs into blocks of list; for the
// document's own closing (readMeta) it reads signatories and the signing
// date and place from them.
func (p *parser) closing(paras []*para, list *[]*declaration.Block, readMeta bool) {
	d := p.doc
	inNotes := false
	var sig signatureState
	for _, q := range paras {
		t := q.s.text
		if q.rule || isNotesHeading(t) {
			inNotes = true
		}
		kind := p.closingKind(q)
		switch {
		case inNotes:
			kind = declaration.Note
		case kind == "" && (weakClosing(t) && !closingFormula(t) || flattenedNames(t) != nil):
			kind = declaration.Signature // a name, an office, an issuing body; names run onto one line
		case kind == "":
			kind = declaration.Para // IN WITNESS WHEREOF, a concluding paragraph, a slogan
		}
		if kind == declaration.Note && !q.rule && isNoteMarker(t) {
			inNotes = true // what follows a note is notes too
		}
		p.addBlock(list, kind, q.markup, "", q.s).Underline = q.underline.text
		if !readMeta {
			continue
		}
		switch kind {
		case declaration.PlaceDate:
			p.signedAt(t)
		case declaration.Signature:
			for _, t := range strings.Split(t, "\n") {
				p.signatureLine(t, &sig)
			}
		}
	}
	if !sig.named {
		for _, role := range sig.columns {
			d.Signatories = append(d.Signatories, declaration.Signatory{Role: role})
		}
	}
}

// attachments builds the attachments: each heading, provision tree and
// closing.
func (p *parser) attachments(atts []attachmentParas) {
	for _, ap := range atts {
		h := ap.head
		a := &declaration.Attachment{Markup: h.markup, Pos: h.pos(), Underline: h.underline.text}
		switch {
		case ap.ok:
			a.Label, a.Number = ap.label, ap.number
			if ap.title != "" {
				_, rest := h.s.cut(len(h.s.text) - len(ap.title))
				a.Heading = rest.text
				p.spans[&a.Heading] = rest
			}
		default:
			a.Heading = h.s.text // a further text under a Markdown heading
			p.spans[&a.Heading] = h.s
		}
		if t := ap.titleLine; t != nil { // only after a bare label: the heading is still empty
			a.Heading, a.Underline = t.s.text, t.underline.text
			p.spans[&a.Heading] = t.s
		}
		p.buildTree(ap.body, &a.Body, nil, false)
		p.closing(ap.closing, &a.Closing, false)
		p.doc.Attachments = append(p.doc.Attachments, a)
	}
}

func (p *parser) hasMarkedBefore(paras []*para) bool {
	for _, q := range paras {
		if q.marked {
			return true
		}
	}
	return false
}

// checkRunOn warns where a provision's text runs on, past a sentence end,
// into a line that looks like another kind of text: a closing formula, a
// notes heading or a note, a signature or place-and-date line. Such text
// was not recognised as the edge it is.
func (p *parser) checkRunOn() {
	p.doc.Walk(func(pr *declaration.Provision, _ []*declaration.Provision) bool {
		if !strings.Contains(pr.Text, "\n") {
			return true // one line: nothing runs on
		}
		lines := strings.Split(pr.Text, "\n")
		for i := 1; i < len(lines); i++ {
			l := strings.TrimSpace(lines[i])
			if !endsSentence(lines[i-1]) {
				continue
			}
			q := &para{s: span{text: l}}
			if closingFormula(l) || isNotesHeading(l) || p.closingKind(q) != "" { // closingKind knows notes too
				s := p.spans[&pr.Text]
				p.warn("text-runs-on", s.starts[min(i, len(s.starts)-1)], "%s runs on past a sentence end into what looks like a closing or a note: %.30q", describe(pr), l)
				return true
			}
		}
		return true
	})
}
