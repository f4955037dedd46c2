package parse

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"sync"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/internal/sizedread"
)

// Parse reads the source text of a declaration and returns its canonical
// model. name only feeds positions and messages.
//
// An input that is not text at all (empty, binary, invalid UTF-8, an
// unknown encoding) gives an *Error naming line, column and byte offset.
// Anything else parses: what looks wrong is reported in the document's
// Diagnostics, never dropped.
func Parse(r io.Reader, name string) (*declaration.Document, error) {
	data, err := readInput(r)
	if err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	return ParseBytes(data, name)
}

// ParseBytes is [Parse] of an input already read whole into data, which
// it does not copy: the document's texts share data's array, so data must
// not change afterwards. A batch that has read a file (to hash it, to
// tell its kind) hands over its bytes rather than a reader of them:
// reading them again was a third of the bytes the parser allocated.
func ParseBytes(data []byte, name string) (*declaration.Document, error) {
	if len(data) > MaxInputSize {
		return nil, &Error{File: name, Msg: fmt.Sprintf("input larger than %d MiB", MaxInputSize>>20)}
	}
	text, enc, err := decodeSource(name, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	p := &parser{
		doc: &declaration.Document{
			Schema: declaration.SchemaVersion,
			Source: declaration.Source{Name: name, SHA256: hex.EncodeToString(sum[:]), Encoding: enc, Bytes: len(data)},
			Kind:   declaration.Other,
		},
	}
	sc := scratches.Get().(*scratch)
	defer sc.release()
	p.lines, p.starts = splitLines(text, sc.lines, sc.starts)
	sc.lines, sc.starts = p.lines, p.starts
	p.spans, p.segs = sc.spans, sc.segs
	p.paras, p.paraRefs, p.texts, p.own = sc.paras, sc.paraRefs, sc.texts, sc.own
	p.parse()
	sc.segs = p.segs
	sc.paras, sc.paraRefs, sc.texts, sc.own = p.paras, p.paraRefs, p.texts, p.own
	return p.doc, nil
}

// scratch holds what a Parse call uses only while it runs — the lines,
// their positions, the spans, the segments of a paragraph — for the next
// call to reuse: a batch then does not make (and collect) them anew for
// every document. Nothing of it stays in the document returned.
type scratch struct {
	lines  []line
	starts []declaration.Pos
	spans  map[*string]span
	segs   []seg
	// the paragraphs, pointers to them and the texts of one paragraph's
	// lines (see parser.paragraphs)
	paras    []para
	paraRefs []*para
	texts    []string
	own      []string // the document's own words (ownWords)
}

var scratches = sync.Pool{New: func() any { return &scratch{spans: map[*string]span{}} }}

// release empties sc, so that it holds on to no text of the document
// just parsed, and puts it back into the pool.
func (sc *scratch) release() {
	clear(sc.lines)
	clear(sc.spans)
	clear(sc.segs[:cap(sc.segs)])
	clear(sc.paras)
	clear(sc.paraRefs)
	clear(sc.texts[:cap(sc.texts)])
	clear(sc.own)
	sc.lines, sc.starts, sc.segs = sc.lines[:0], sc.starts[:0], sc.segs[:0]
	sc.paras, sc.paraRefs, sc.texts, sc.own = sc.paras[:0], sc.paraRefs[:0], sc.texts[:0], sc.own[:0]
	scratches.Put(sc)
}

// readInput reads r whole, up to one byte past MaxInputSize. Where r
// tells its size (a file, a bytes or strings reader) the buffer is made
// that size at once, rather than grown by doubling as io.ReadAll does: on
// a batch, reading was a fifth of the parser's allocations.
func readInput(r io.Reader) ([]byte, error) {
	size := -1
	switch r := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		size = r.Len()
	case interface{ Stat() (fs.FileInfo, error) }: // *os.File
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() {
			size = int(min(fi.Size(), MaxInputSize))
		}
	}
	if size < 0 || size > MaxInputSize {
		return io.ReadAll(io.LimitReader(r, MaxInputSize+1))
	}
	return sizedread.ReadAll(io.LimitReader(r, MaxInputSize+1), int64(size))
}

// parser holds the state of one Parse call.
type parser struct {
	doc   *declaration.Document
	lines []line
	// starts holds the position of each line; the spans of lines are
	// slices of it (see splitLines).
	starts []declaration.Pos
	next   int              // index of the first line not yet consumed by the front
	spans  map[*string]span // verbatim span of each block and provision text, for positions
	// year, month and day of the publication or dispatch, to complete
	// dates written without a year.
	refYear, refMonth, refDay int
	editorRef                 bool  // the ref date is the front matter's, which the text's own date overrides
	leadRest                  *para // the part of a lead paragraph that holds inline items
	editorTitle               bool  // the title so far is an editor's (front matter), not the text's own
	warnings                  int   // diagnostics reported, kept or not
	segs                      []seg // segments' array, reused from one paragraph to the next
	paras                     []para
	paraRefs                  []*para
	texts                     []string // scratch of paragraphs
	own                       []string // scratch of finish
}

func (p *parser) parse() {
	p.front()
	body, closing, attachments := p.segment(p.paragraphs(p.lines[p.next:]))
	p.body(body)
	p.closing(closing, &p.doc.Closing, true)
	p.attachments(attachments)
	p.checkRunOn()
	p.doc.AssignIDs()
	p.scan()
	p.finish()
}

// maxDiagnostics bounds the diagnostics of one document: past that many,
// one more says how many were left out, so that a hostile input cannot
// flood the report.
const maxDiagnostics = 1000

func (p *parser) warn(code string, pos declaration.Pos, format string, args ...any) {
	if p.warnings++; p.warnings > maxDiagnostics {
		return
	}
	p.doc.Diagnostics = append(p.doc.Diagnostics, declaration.Diagnostic{
		Level: declaration.LevelWarning, Code: code, Pos: pos, Message: fmt.Sprintf(format, args...),
	})
}

// addBlock appends a block to one of the document's block lists and
// remembers its span.
func (p *parser) addBlock(list *[]*declaration.Block, kind declaration.BlockKind, markup, label string, s span) *declaration.Block {
	b := &declaration.Block{Kind: kind, Markup: markup, Label: label, Text: s.text, Pos: s.starts[0]}
	if label != "" || markup != "" {
		b.Pos = p.markupPos(s)
	}
	*list = append(*list, b)
	p.spans[&b.Text] = s
	return b
}

// markupPos is where a line starts when markup or a label stands before
// its text: the line's own first column.
func (p *parser) markupPos(s span) declaration.Pos {
	l := p.lines[s.starts[0].Line-1]
	return l.pos()
}
