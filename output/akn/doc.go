// Package akn writes a declaration as Akoma Ntoso 3.0 XML (OASIS
// LegalDocML), valid against the OASIS schema akomantoso30.xsd.
//
// The root is the document type of the kind (docTypes: statement for
// joint statements, communiqués, declarations and statements; act for
// treaties, agreements, laws and orders; doc for the rest), named after
// the kind. Its <meta> holds the FRBR identification (work, expression
// and manifestation IRIs after the Akoma Ntoso naming convention, the
// date, the authors, the country, the language in ISO 639-2) and a
// references section: the parties (TLCOrganization), signatories
// (TLCPerson), their offices (TLCRole), the place of signature
// (TLCLocation), defined terms (TLCTerm) and cited instruments
// (TLCReference). Then the front as the <preface> (the title as
// <docTitle>), the preamble, the provision tree as the <mainBody> or
// <body> (provisionElements; every eId is the model's ID), the
// closing as the <conclusions> (signature lines as <signature>), and the
// attachments, each a doc of its own.
//
// Inline markup is placed where the model records the text: dates known
// to the day as <date date="…">, cited instruments as <ref>, a defined
// term as <def> where it is defined, signatories and offices as <person>
// and <role> in the lead and the closing, the place of signature as
// <location> in the closing.
//
// Outside <meta> the writer adds no text: the character data of the
// document is every verbatim string of the model in order (labels,
// headings, texts), Markdown markup and setext underlines aside, which
// the XML's structure replaces. Escaping is total (see escape); a
// character XML cannot hold at all, such as NUL, becomes U+FFFD.
package akn
