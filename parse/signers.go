package parse

import (
	"regexp"
	"slices"
	"strings"

	"github.com/declconv/declconv/declaration"
)

// Signers named in running text, for a document whose closing names
// none: 本协定由甲方代表张三与乙方代表李四于…签署; "signed by Mr A for the
// Government of X and by Mr B on behalf of Y".
var (
	signersZH = regexp.MustCompile(`由(\p{Han}{2,30}?)(?:全权)?代表(\p{Han}{2,4}?)(?:和|与|與|同)(\p{Han}{2,30}?)(?:全权)?代表(\p{Han}{2,4}?)(?:分别|分別)?(?:于|於|在|签|簽)`)
	signerEN  = `((?:Mr|Mrs|Ms|Dr|Sir|H\.E\.)?\.?\s*[A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*){0,4}(?:,\s+[A-Z][A-Za-z ]{2,60}?,)?)`
	partyEN   = `(?:the\s+)?([A-Z][A-Za-z]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][A-Za-z]*){0,6})`
	signersEN = regexp.MustCompile(`(?i:signed)\s+(?:by\s+)?` + signerEN + `\s+(?:on\s+behalf\s+of|for)\s+` + partyEN +
		`,?\s+and\s+(?:by\s+)?` + signerEN + `\s+(?:on\s+behalf\s+of|for)\s+` + partyEN + `\b`)
)

// signersInText reads the signatories a text names in a sentence, in
// its last provisions or its closing, where a text says who signed it;
// the party is written as the parties are, without 政府. own are the
// document's own words (ownWords).
func (p *parser) signersInText(own []string) {
	d := p.doc
	texts := slices.Clip(own[max(0, len(own)-3):])
	for _, b := range d.Closing {
		texts = append(texts, b.Text)
	}
	for _, t := range texts {
		if contains(t, "代表") {
			if m := signersZH.FindStringSubmatch(t); m != nil {
				d.Signatories = []declaration.Signatory{
					{Name: m[2], Role: "代表", Party: strings.TrimSuffix(m[1], "政府")},
					{Name: m[4], Role: "代表", Party: strings.TrimSuffix(m[3], "政府")},
				}
				return
			}
		}
		if contains(t, "igned") || contains(t, "IGNED") {
			if m := signersEN.FindStringSubmatch(t); m != nil {
				d.Signatories = []declaration.Signatory{englishSigner(m[1], m[2]), englishSigner(m[3], m[4])}
				return
			}
		}
	}
}

// englishSigner splits "Mr John Smith, Minister for Trade," into name
// and role.
func englishSigner(who, party string) declaration.Signatory {
	name, role, _ := strings.Cut(strings.TrimSuffix(who, ","), ",")
	return declaration.Signatory{Name: strings.TrimSpace(name), Role: strings.TrimSpace(role), Party: party}
}
