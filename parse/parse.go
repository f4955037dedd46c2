// Package parse turns the text of a declaration into a declaration.Document.
package parse

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"

	"github.com/declconv/declconv/declaration"
)

// Parse reads a source text. TEMPORARY STUB: every non-empty line becomes a
// preamble paragraph; the real parser replaces it.
func Parse(r io.Reader, name string) (*declaration.Document, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	d := &declaration.Document{
		Schema: declaration.SchemaVersion,
		Source: declaration.Source{Name: name, SHA256: hex.EncodeToString(sum[:]), Encoding: "utf-8", Bytes: len(data)},
		Kind:   declaration.Other,
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	line := 0
	for sc.Scan() {
		line++
		if t := strings.TrimSpace(sc.Text()); t != "" {
			d.Preamble = append(d.Preamble, &declaration.Block{Kind: declaration.Para, Text: t, Pos: declaration.Pos{Line: line, Col: 1}})
		}
	}
	d.AssignIDs()
	return d, nil
}
