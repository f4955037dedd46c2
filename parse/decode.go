package parse

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/declconv/declconv/declaration"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// MaxInputSize bounds the input: a larger file is refused, not read whole.
const MaxInputSize = 64 << 20

// decodeSource turns the input bytes into text with LF newlines and names
// the encoding it found. UTF-8 text shares data's array, so data must not
// change afterwards (Parse's buffer is its own; ParseBytes' caller
// promises it).
func decodeSource(name string, data []byte) (string, string, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", "", &Error{File: name, Msg: "empty input: nothing to convert"}
	}
	var text, enc string
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		enc = "utf-16le"
		if data[0] == 0xFE {
			enc = "utf-16be"
		}
		if len(data)%2 != 0 {
			return "", "", &Error{File: name, Offset: len(data) - 1, HasOffset: true, Msg: "truncated UTF-16: odd number of bytes"}
		}
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", "", &Error{File: name, Msg: "invalid UTF-16: " + err.Error()}
		}
		text = string(out)
		if i := firstInvalidUTF16(data); i >= 0 {
			return "", "", &Error{File: name, Offset: i, HasOffset: true, Msg: "invalid UTF-16: unpaired surrogate"}
		}
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		enc = "utf-8-bom"
		body := data[3:]
		if err := checkUTF8(name, body, 3); err != nil {
			return "", "", err
		}
		text = shared(body)
	case utf8.Valid(data):
		enc, text = "utf-8", shared(data)
	case looksLikeBrokenUTF8(data):
		return "", "", checkUTF8(name, data, 0)
	default:
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
			return "", "", checkUTF8(name, data, 0)
		}
		enc, text = "gb18030", string(out)
	}
	if i := binaryAt(text); i >= 0 {
		line, col := lineCol(text, i)
		off := -1 // in a decoded encoding, the text's offsets are not the input's
		switch enc {
		case "utf-8":
			off = i
		case "utf-8-bom":
			off = i + 3
		}
		return "", "", &Error{File: name, Pos: declaration.Pos{Line: line, Col: col}, Offset: off, HasOffset: true, Msg: fmt.Sprintf("binary data (control character U+%04X): not a text file", text[i])}
	}
	return normalizeNewlines(text), enc, nil
}

// shared is b as a string without a copy: a copy of the input was a
// tenth of the parser's allocated bytes. b must never change afterwards.
func shared(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// checkUTF8 reports the first invalid UTF-8 sequence with its line, column
// and byte offset (base is the length of a BOM already skipped).
func checkUTF8(name string, data []byte, base int) error {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			line, col := lineCol(string(data[:i]), i)
			msg := fmt.Sprintf("invalid UTF-8 byte 0x%02X", data[i])
			if !utf8.FullRune(data[i:]) {
				msg = "truncated UTF-8: the input ends inside a multi-byte character"
			}
			if bytes.IndexByte(data, 0) >= 0 {
				i = bytes.IndexByte(data, 0)
				line, col = lineCol(string(data[:i]), i)
				return &Error{File: name, Pos: declaration.Pos{Line: line, Col: col}, Offset: base + i, HasOffset: true, Msg: "binary data (NUL byte): not a text file"}
			}
			if base == 0 { // without a BOM it might have been a legacy encoding
				msg += " (and not GB18030 or UTF-16 with a BOM)"
			}
			return &Error{File: name, Pos: declaration.Pos{Line: line, Col: col}, Offset: base + i, HasOffset: true, Msg: msg}
		}
		i += size
	}
	return nil
}

// looksLikeBrokenUTF8 tells UTF-8 with a few bad bytes from a legacy
// encoding: GB18030 text rarely contains well-formed multi-byte UTF-8
// sequences, while damaged UTF-8 is mostly made of them.
func looksLikeBrokenUTF8(data []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			invalid++
		case size > 1:
			valid++
		}
		i += size
	}
	return bytes.IndexByte(data, 0) >= 0 || valid > invalid
}

// firstInvalidUTF16 finds an unpaired surrogate in UTF-16LE/BE data.
func firstInvalidUTF16(data []byte) int {
	be := data[0] == 0xFE
	for i := 2; i+1 < len(data); i += 2 {
		u := uint16(data[i]) | uint16(data[i+1])<<8
		if be {
			u = uint16(data[i])<<8 | uint16(data[i+1])
		}
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if i+3 >= len(data) {
				return i
			}
			n := uint16(data[i+2]) | uint16(data[i+3])<<8
			if be {
				n = uint16(data[i+2])<<8 | uint16(data[i+3])
			}
			if n < 0xDC00 || n > 0xDFFF {
				return i
			}
			i += 2
		case u >= 0xDC00 && u <= 0xDFFF:
			return i
		}
	}
	return -1
}

// binaryAt returns the byte index of the first control character that no
// text file contains (NUL and friends; tab, newline, CR, form feed are fine).
func binaryAt(text string) int {
	i := 0
	// Eight bytes at a time first: a word with no byte below 0x20 and no
	// 0x7F holds none of them (nearly all words of a text), and only the
	// others are looked at byte by byte. The tests are the classic ones
	// for "some byte is less than n" and "some byte is zero", exact where
	// they say no.
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(text); i += 8 {
		w := binary.LittleEndian.Uint64([]byte(text[i : i+8]))
		del := w ^ (0x7F * ones) // a zero byte where w has 0x7F
		if (w-0x20*ones)&^w&highs == 0 && (del-ones)&^del&highs == 0 {
			continue
		}
		if j := binaryByteAt(text[i : i+8]); j >= 0 {
			return i + j
		}
	}
	if j := binaryByteAt(text[i:]); j >= 0 {
		return i + j
	}
	return -1
}

// binaryByteAt is binaryAt byte by byte.
func binaryByteAt(text string) int {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F {
			return i
		}
	}
	return -1
}

func normalizeNewlines(s string) string {
	if !bytesContainsCR(s) {
		return s
	}
	var b bytes.Buffer
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' {
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func bytesContainsCR(s string) bool { return strings.IndexByte(s, '\r') >= 0 }

// lineCol gives the 1-based line and rune column of byte i of s.
func lineCol(s string, i int) (int, int) {
	i = min(i, len(s))
	line, start := 1, 0
	for j := 0; j < i; j++ {
		if s[j] == '\n' {
			line, start = line+1, j+1
		}
	}
	return line, utf8.RuneCountInString(s[start:i]) + 1
}
