// Package declaration is the canonical model of a declaration, treaty, joint
// statement or law: its metadata, the verbatim blocks around it, the tree of
// provisions, and what was found in it (references, dates, diagnostics).
//
// The model is a leaf: it imports nothing of this module. It knows how to
// encode and decode itself (YAML and JSON, both strict, errors with line and
// column), validate itself, give its provisions stable IDs and walk its tree.
//
// Verbatim text is never rewritten. Every non-space character of the source
// appears in the model exactly once, in order, in one of the fields listed by
// [Document.Verbatim]; normalized values (numbers, ISO dates, page numbers)
// stand beside the verbatim text, never in place of it.
package declaration
