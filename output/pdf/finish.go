package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strconv"
)

// finish makes the PDF library's output what we want to ship: fonts get
// proper subset names (subsetNames), CID fonts' width arrays lose the
// widths their default gives (trimWidths), and the objects that are not
// streams are packed into a compressed object stream (packObjects).
func finish(pdf []byte, used [numFaces][]rune) []byte {
	return packObjects(trimWidths(subsetNames(pdf, used)))
}

// trimWidths removes from each CID font's width array the widths its
// default width (/DW) already gives — the library lists every
// character, and a CJK face's are nearly all one em, 8 KB of the seed's
// PDF. The cross-reference table is then written again for the objects'
// new offsets. Output it cannot read back as expected is returned as it
// is.
func trimWidths(pdf []byte) []byte {
	type edit struct {
		at, end int // the bytes replaced
		with    []byte
	}
	var edits []edit
	for from := 0; ; {
		i := bytes.Index(pdf[from:], []byte("/DW "))
		if i < 0 {
			break
		}
		i += from
		from = i + 4
		dwEnd := i + 4
		for dwEnd < len(pdf) && pdf[dwEnd] >= '0' && pdf[dwEnd] <= '9' {
			dwEnd++
		}
		w := bytes.Index(pdf[dwEnd:min(len(pdf), dwEnd+16)], []byte("/W ["))
		if w < 0 {
			continue
		}
		w += dwEnd + len("/W [")
		end := bytes.IndexByte(pdf[w:], ']')
		if end < 0 {
			break
		}
		end += w
		fields := bytes.Fields(pdf[w:end])
		if len(fields)%3 != 0 || bytes.IndexByte(pdf[w:end], '[') >= 0 {
			from = end
			continue // not only the c_first c_last width form
		}
		// The most common width becomes the default.
		count := map[string]int{}
		dw := string(pdf[i+4 : dwEnd])
		for k := 2; k < len(fields); k += 3 {
			if n := count[string(fields[k])] + 1; n > count[dw] || n == count[dw] && string(fields[k]) < dw {
				dw = string(fields[k])
			}
			count[string(fields[k])]++
		}
		var kept bytes.Buffer
		kept.WriteString(dw + "\n/W [")
		for k := 0; k < len(fields); k += 3 {
			if string(fields[k+2]) != dw {
				kept.WriteByte(' ')
				kept.Write(bytes.Join(fields[k:k+3], []byte(" ")))
			}
		}
		kept.WriteByte(' ')
		edits = append(edits, edit{i + 4, end, kept.Bytes()})
		from = end
	}
	if len(edits) == 0 {
		return pdf
	}
	// The xref table lists offsets; each shifts by the edits before it.
	xref := bytes.LastIndex(pdf, []byte("\nxref\n"))
	start := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if xref < 0 || start < xref || edits[len(edits)-1].end > xref {
		return pdf
	}
	table := pdf[xref+len("\nxref\n") : start]
	head, rows, ok := bytes.Cut(table, []byte("\n"))
	if !ok {
		return pdf
	}
	shift := func(off int) int {
		d := 0
		for _, e := range edits {
			if e.at < off {
				d += len(e.with) - (e.end - e.at)
			}
		}
		return off + d
	}
	var out bytes.Buffer
	out.Grow(len(pdf))
	last := 0
	for _, e := range edits {
		out.Write(pdf[last:e.at])
		out.Write(e.with)
		last = e.end
	}
	out.Write(pdf[last:xref])
	out.WriteString("\nxref\n")
	out.Write(head)
	out.WriteByte('\n')
	for len(rows) >= 20 && (rows[17] == 'n' || rows[17] == 'f') {
		row := rows[:20]
		rows = rows[20:]
		if row[17] == 'n' {
			off, err := strconv.Atoi(string(row[:10]))
			if err != nil {
				return pdf
			}
			fmt.Fprintf(&out, "%010d", shift(off))
			out.Write(row[10:])
		} else {
			out.Write(row)
		}
	}
	// The trailer, then startxref with the table's new offset.
	out.Write(rows)
	out.WriteString("\nstartxref\n")
	fmt.Fprintf(&out, "%d\n%%%%EOF\n", shift(xref+1))
	return out.Bytes()
}

// subsetNames gives the embedded fonts proper subset names. The library
// names a font "utf8" + its family; our families are "xm+face" and the
// like, so "/utf8xm+" becomes "/ABCDEF+": six capitals, then '+', the PDF
// convention for a subset (readers and pdffonts look for it). The tag is
// a hash of the characters the subset holds, so it changes only with them.
// Both strings have the same length, so the bytes are changed in place and
// the cross-reference offsets stay right.
func subsetNames(pdf []byte, used [numFaces][]rune) []byte {
	var tags [numFaces][]byte
	for id := range numFaces {
		if len(used[id]) > 0 {
			sum := sha256.Sum256([]byte(string(used[id]) + faceID(id).family()))
			tags[id] = make([]byte, 6)
			for i := range tags[id] {
				tags[id][i] = 'A' + sum[i]%26
			}
		}
	}
	for _, key := range [][]byte{[]byte("/BaseFont /utf8"), []byte("/FontName /utf8")} {
		for from := 0; ; {
			i := bytes.Index(pdf[from:], key)
			if i < 0 {
				break
			}
			at := from + i + len(key) - len("utf8")
			from = at
			for id := range numFaces {
				if tags[id] != nil && bytes.HasPrefix(pdf[at+4:], []byte(faceID(id).family()[:2])) {
					copy(pdf[at:], tags[id])
				}
			}
		}
	}
	return pdf
}
