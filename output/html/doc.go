// Package html writes a declaration as one self-contained HTML5 page: the
// style sheet inline, no scripts, no external resources, UTF-8.
//
// The page is an <article> holding, in order, a header with the metadata
// (title when the text has no title block, kind, parties, signatories,
// signed date and place, defined terms, the publication line and the news
// lead's dateline), a table of contents of the parts, chapters, sections
// and articles (and attachments), and the text itself in a <div
// class="text">. The header and the contents are the writer's; the text
// holds the document's verbatim strings ([declaration.Document.Verbatim])
// and nothing else but markup and whitespace, so its text content is the
// document, whitespace aside.
//
// Every block and provision of the model is an element whose id is its
// model ID, so that statement.html#art_4__sec_1__item_2 opens at that
// clause; an empty <a class="pin"> in each shows a § link on hover (the
// sign comes from the style sheet, not the text). Provisions with a
// heading, and parts and chapters, are <section>s headed <h2>–<h6> by
// depth; articles and paragraphs are <div>s; runs of items, points and
// subpoints are lists (<ol> when numbered, <ul> for —— items), their
// labels written as in the text. Blocks are <p>, the title <h1>, headings
// <h2>, front matter <pre>.
//
// Inline, the dates the model records are <time datetime="…"> (where it
// has an ISO value), the instruments it cites <cite> in every element that
// cites them, a defined term <dfn> where it is defined; runs of Latin
// script in a Chinese text, and of Chinese in an English one, carry their
// own lang; —— and …… are kept on one line.
//
// Escaping is total: every character of the model is written as text or
// in a quoted attribute, with & < > " ' escaped. Characters that neither
// HTML nor XML can carry (NUL and other control characters, invalid
// UTF-8) become U+FFFD, or a space where they were whitespace. The page
// is also well-formed XML.
//
// The output depends on the document only: the same document gives the
// same bytes.
package html
