package declaration

import (
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// EncodeYAML writes d as canonical YAML: block style with a two-space
// indent, fields in the order of the Go types (their yaml tags: omitempty,
// flow, inline), positions and ID lists in flow style, a string plain
// where YAML 1.1 and 1.2 readers both read it back as that string, as a
// literal block when it spans lines, else double-quoted.
//
// It is written here rather than with yaml.v3's encoder, which builds the
// whole event stream in memory (gigabytes for a 100,000-article input) and
// takes a millisecond for the seed; decoding still uses yaml.v3.
func EncodeYAML(w io.Writer, d *Document) error {
	e := newEmitter(w)
	defer e.release()
	e.mapping(reflect.ValueOf(d).Elem(), 0, false)
	return e.flush(true)
}

type yamlEmitter struct {
	buf []byte
	w   io.Writer
	err error
}

// flushAt is the size at which the buffer is written out.
const flushAt = 64 << 10

// buffers holds the emitters' buffers between documents: a batch encodes
// thousands, and growing a new buffer to flushAt for each was a sixth of
// the encoders' time.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, flushAt+4<<10); return &b }}

func newEmitter(w io.Writer) *yamlEmitter {
	return &yamlEmitter{buf: (*buffers.Get().(*[]byte))[:0], w: w}
}

// release gives the buffer back, unless one long string grew it far
// beyond flushAt.
func (e *yamlEmitter) release() {
	if cap(e.buf) <= 4*flushAt {
		b := e.buf[:0]
		buffers.Put(&b)
	}
	e.buf = nil
}

// flush writes out the buffer once it is large (or at the end), so that
// memory stays bounded whatever the document's size.
func (e *yamlEmitter) flush(final bool) error {
	if e.err == nil && (final || len(e.buf) >= flushAt) {
		_, e.err = e.w.Write(e.buf)
		e.buf = e.buf[:0]
	}
	return e.err
}

func (e *yamlEmitter) indent(n int) {
	for range n {
		e.buf = append(e.buf, ' ')
	}
}

// mapping writes the fields of struct v at the given indent; the first
// line's indent is already written when continued (after "- ").
// omitted: the field is left out of the encoding.
func omitted(f field, fv reflect.Value) bool {
	return f.omitempty && (fv.IsZero() || fv.Kind() == reflect.Slice && fv.Len() == 0)
}

// emptyMapping: every field of the struct v is left out.
func emptyMapping(v reflect.Value) bool {
	for _, f := range fields(v.Type()) {
		if !omitted(f, v.FieldByIndex(f.index)) {
			return false
		}
	}
	return true
}

func (e *yamlEmitter) mapping(v reflect.Value, indent int, continued bool) {
	first := true
	for _, f := range fields(v.Type()) {
		fv := v.FieldByIndex(f.index)
		if omitted(f, fv) {
			continue
		}
		if !(first && continued) {
			e.indent(indent)
		}
		first = false
		e.buf = append(e.buf, f.name...)
		e.buf = append(e.buf, ':')
		e.value(fv, indent, f.flow)
		e.flush(false)
	}
	if first && continued { // an empty mapping in a list
		e.buf = append(e.buf, "{}\n"...)
	}
}

// value writes what follows "key:" for a field at the given indent.
func (e *yamlEmitter) value(v reflect.Value, indent int, flow bool) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			e.buf = append(e.buf, " null\n"...)
			return
		}
		v = v.Elem()
	}
	switch {
	case flow:
		e.buf = append(e.buf, ' ')
		e.flow(v)
		e.buf = append(e.buf, '\n')
	case v.Kind() == reflect.Struct && emptyMapping(v):
		e.buf = append(e.buf, " {}\n"...) // not a bare key, which reads back as null
	case v.Kind() == reflect.Struct:
		e.buf = append(e.buf, '\n')
		e.mapping(v, indent+2, false)
	case v.Kind() == reflect.Slice:
		if v.Len() == 0 {
			e.buf = append(e.buf, " []\n"...)
			return
		}
		e.buf = append(e.buf, '\n')
		for i := range v.Len() {
			item := v.Index(i)
			if item.Kind() == reflect.Pointer {
				item = item.Elem()
			}
			e.indent(indent + 2)
			e.buf = append(e.buf, "- "...)
			if item.Kind() == reflect.Struct {
				e.mapping(item, indent+4, true)
			} else {
				e.scalar(item, indent+4)
			}
			e.flush(false)
		}
	default:
		e.buf = append(e.buf, ' ')
		e.scalar(v, indent+2)
	}
}

// flow writes a struct or a list of scalars on one line: {line: 3, col: 5}, [a, b].
func (e *yamlEmitter) flow(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		e.buf = append(e.buf, '{')
		for i, f := range fields(v.Type()) {
			if i > 0 {
				e.buf = append(e.buf, ", "...)
			}
			e.buf = append(e.buf, f.name...)
			e.buf = append(e.buf, ": "...)
			e.flowScalar(v.FieldByIndex(f.index))
		}
		e.buf = append(e.buf, '}')
	case reflect.Slice:
		e.buf = append(e.buf, '[')
		for i := range v.Len() {
			if i > 0 {
				e.buf = append(e.buf, ", "...)
			}
			e.flowScalar(v.Index(i))
		}
		e.buf = append(e.buf, ']')
	}
}

func (e *yamlEmitter) flowScalar(v reflect.Value) {
	if v.Kind() == reflect.String && !plainInFlow(v.String()) {
		e.doubleQuoted(v.String())
		return
	}
	e.plainScalar(v)
}

// scalar writes a scalar and its newline; blockIndent is the indent of a
// literal block's lines.
func (e *yamlEmitter) scalar(v reflect.Value, blockIndent int) {
	if v.Kind() == reflect.String {
		s := v.String()
		switch {
		case plainSafe(s):
			e.buf = append(e.buf, s...)
		case literalSafe(s):
			e.buf = append(e.buf, "|-\n"...)
			for line := range strings.SplitSeq(s, "\n") {
				if line != "" {
					e.indent(blockIndent)
					e.buf = append(e.buf, line...)
				}
				e.buf = append(e.buf, '\n')
			}
			return
		default:
			e.doubleQuoted(s)
		}
		e.buf = append(e.buf, '\n')
		return
	}
	e.plainScalar(v)
	e.buf = append(e.buf, '\n')
}

func (e *yamlEmitter) plainScalar(v reflect.Value) {
	switch v.Kind() {
	case reflect.Int:
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	default:
		e.buf = append(e.buf, v.String()...)
	}
}

// doubleQuoted writes s in double quotes, escaping what YAML requires.
func (e *yamlEmitter) doubleQuoted(s string) {
	e.buf = append(e.buf, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			e.buf = append(e.buf, '\\', byte(r))
		case r == '\n':
			e.buf = append(e.buf, `\n`...)
		case r == '\t':
			e.buf = append(e.buf, `\t`...)
		case r == '\r':
			e.buf = append(e.buf, `\r`...)
		case !yamlPrintable(r) || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xFEFF:
			if r <= 0xFF {
				e.buf = append(e.buf, `\x`...)
				e.buf = append(e.buf, hex2(r)...)
			} else {
				e.buf = append(e.buf, `\u`...)
				e.buf = append(e.buf, strings.ToUpper(strconv.FormatInt(int64(r)+0x10000, 16)[1:])...)
			}
		default:
			e.buf = utf8.AppendRune(e.buf, r)
		}
	}
	e.buf = append(e.buf, '"')
}

func hex2(r rune) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[r>>4&0xF], digits[r&0xF]})
}

// yamlPrintable is YAML's printable set (tab and line breaks aside).
func yamlPrintable(r rune) bool {
	return r >= 0x20 && r <= 0x7E || r >= 0xA0 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF || r >= 0x10000 && r <= 0x10FFFF
}

// yamlWords are the plain scalars YAML 1.1 or 1.2 read as something other
// than a string.
var yamlWords = map[string]bool{
	"null": true, "~": true, "true": true, "false": true, "yes": true, "no": true,
	"on": true, "off": true, "y": true, "n": true, ".inf": true, ".nan": true, "<<": true, "=": true,
}

// plainSafe reports whether s can be written without quotes in block
// context and read back as the same string by YAML 1.1 and 1.2 readers.
// It is conservative: anything that might be a number, a date, a boolean,
// null or syntax is quoted.
func plainSafe(s string) bool {
	if s == "" || len(s) <= 5 && yamlWords[strings.ToLower(s)] {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`+.~ \t", first) || first >= '0' && first <= '9' ||
		last == ' ' || last == ':' || last == '\t' {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	// Every character printable (and not one YAML 1.1 reads as a line
	// break): no control character, line break or tab.
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
				return false
			}
			i++
			continue
		}
		if n := printableRune(s[i:]); n > 0 {
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !yamlPrintable(r) || r == 0x85 || r == 0x2028 || r == 0x2029 {
			return false
		}
		i += size
	}
	return true
}

// printableRune is the length of the character at the start of s when
// it is one of the multi-byte characters that are valid UTF-8 and
// printable for YAML whatever their continuation bytes (plainSafe's
// common case): U+00A0 to U+07FF, U+1000 to U+1FFF and U+3000 to
// U+CFFF, the Han script among them. Else 0, for the decoder to tell.
func printableRune(s string) int {
	switch b := s[0]; {
	case b == 0xC2:
		if len(s) >= 2 && 0xA0 <= s[1] && s[1] <= 0xBF {
			return 2
		}
	case 0xC3 <= b && b <= 0xDF:
		if len(s) >= 2 && s[1]&0xC0 == 0x80 {
			return 2
		}
	case b == 0xE1 || 0xE3 <= b && b <= 0xEC:
		if len(s) >= 3 && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 {
			return 3
		}
	}
	return 0
}

// plainInFlow adds to what must be quoted the flow indicators, and the
// characters that start a key or a comment there (a reader takes [art_?]
// for a mapping).
func plainInFlow(s string) bool {
	return plainSafe(s) && !strings.ContainsAny(s, ",[]{}?:#")
}

// literalSafe reports whether s can be a literal block (|-): lines of
// printable text, none ending in a space, not starting with a space.
func literalSafe(s string) bool {
	if !strings.Contains(s, "\n") || strings.HasSuffix(s, "\n") || strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\t") || strings.HasPrefix(s, "\n") {
		return false
	}
	for line := range strings.SplitSeq(s, "\n") {
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") {
			return false
		}
		for _, r := range line {
			if r != '\t' && !yamlPrintable(r) || r == 0x85 || r == 0x2028 || r == 0x2029 || r == '\r' {
				return false
			}
		}
	}
	return true
}
