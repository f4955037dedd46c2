// declconv patch: this file is not part of fpdf v0.12.0.

package fpdf

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestCIDWidths compares cidWidths with upstream's generateCIDFontMap on
// random width tables: runs of consecutive characters with repeated
// widths (upstream's intervals), gaps, zero widths (65535), characters
// below 256 that are not used, used ones marked 0. It walks the CIDs both
// ways generateCIDFontMap does: all up to the last rune, and a subset's
// character map.
func TestCIDWidths(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2))
	widths := []int{1000, 1000, 1000, 500, 500, 250, 65535, 600, 333}
	for n := range 4000 {
		cw := make([]int, 1<<16)
		used := map[int]int{}
		var runes []rune
		cid := rng.IntN(300)
		for range rng.IntN(60) + 1 {
			cid += 1 + rng.IntN(3)*rng.IntN(40)
			for range rng.IntN(9) + 1 {
				if cid >= 1<<16 {
					break
				}
				switch {
				case rng.IntN(8) == 0: // a character the font lacks
				case rng.IntN(3) == 0 && n%2 == 0:
					cw[cid] = widths[rng.IntN(3)] // long runs of one width
				default:
					cw[cid] = widths[rng.IntN(len(widths))]
				}
				if cw[cid] != 0 {
					runes = append(runes, rune(cid))
				}
				switch rng.IntN(10) {
				case 0: // not drawn
				case 1:
					used[cid] = 0
				default:
					used[cid] = cid
				}
				cid++
			}
		}
		last := cid + rng.IntN(3) - 1
		all := func(yield func(int) bool) {
			for c := 1; c <= last; c++ {
				if !yield(c) {
					return
				}
			}
		}
		mapped := func(yield func(int) bool) {
			for _, r := range runes {
				if c := int(r); c >= 1 && c <= last && !yield(c) {
					return
				}
			}
		}
		want := referenceCIDWidths(all, &fontDefType{Cw: cw, usedRunes: used})
		if got := cidWidths(all, cw, used); got != want {
			t.Fatalf("case %d, all CIDs:\n got %q\nwant %q", n, got, want)
		}
		if got := cidWidths(mapped, cw, used); got != want {
			t.Fatalf("case %d, mapped CIDs:\n got %q\nwant %q", n, got, want)
		}
	}
}

// referenceCIDWidths is upstream's generateCIDFontMap (v0.12.0), but for
// the CIDs it walks, given as cids, and returning the /W array's body
// instead of writing it: the reference cidWidths must match.
func referenceCIDWidths(cids func(yield func(int) bool), font *fontDefType) string {
	rangeID := 0
	cidArray := make(map[int]*untypedKeyMap)
	cidArrayKeys := make([]int, 0)
	prevCid := -2
	prevWidth := -1
	interval := false

	for cid := range cids {
		if font.Cw[cid] == 0x00 {
			continue
		}
		width := font.Cw[cid]
		if width == 65535 {
			width = 0
		}
		if numb, OK := font.usedRunes[cid]; cid > 255 && (!OK || numb == 0) {
			continue
		}

		if cid == prevCid+1 {
			if width == prevWidth {

				if width == cidArray[rangeID].get(0) {
					cidArray[rangeID].put(nil, width)
				} else {
					cidArray[rangeID].pop()
					rangeID = prevCid
					r := untypedKeyMap{
						valueSet: make([]int, 0),
						keySet:   make([]any, 0),
					}
					cidArray[rangeID] = &r
					cidArrayKeys = append(cidArrayKeys, rangeID)
					cidArray[rangeID].put(nil, prevWidth)
					cidArray[rangeID].put(nil, width)
				}
				interval = true
				cidArray[rangeID].put("interval", 1)
			} else {
				if interval {
					// new range
					rangeID = cid
					r := untypedKeyMap{
						valueSet: make([]int, 0),
						keySet:   make([]any, 0),
					}
					cidArray[rangeID] = &r
					cidArrayKeys = append(cidArrayKeys, rangeID)
					cidArray[rangeID].put(nil, width)
				} else {
					cidArray[rangeID].put(nil, width)
				}
				interval = false
			}
		} else {
			rangeID = cid
			r := untypedKeyMap{
				valueSet: make([]int, 0),
				keySet:   make([]any, 0),
			}
			cidArray[rangeID] = &r
			cidArrayKeys = append(cidArrayKeys, rangeID)
			cidArray[rangeID].put(nil, width)
			interval = false
		}
		prevCid = cid
		prevWidth = width

	}
	previousKey := -1
	nextKey := -1
	isInterval := false
	for g := 0; g < len(cidArrayKeys); {
		key := cidArrayKeys[g]
		ws := *cidArray[key]
		cws := len(ws.keySet)
		if (key == nextKey) && (!isInterval) && (ws.getIndex("interval") < 0 || cws < 4) {
			if cidArray[key].getIndex("interval") >= 0 {
				cidArray[key].delete("interval")
			}
			cidArray[previousKey] = arrayMerge(cidArray[previousKey], cidArray[key])
			cidArrayKeys = remove(cidArrayKeys, key)
		} else {
			g++
			previousKey = key
		}
		nextKey = key + cws
		// ui := ws.getIndex("interval")
		// ui = ui + 1
		if ws.getIndex("interval") >= 0 {
			if cws > 3 {
				isInterval = true
			} else {
				isInterval = false
			}
			cidArray[key].delete("interval")
			nextKey--
		} else {
			isInterval = false
		}
	}
	var w fmtBuffer
	for _, k := range cidArrayKeys {
		ws := cidArray[k]
		if len(arrayCountValues(ws.valueSet)) == 1 {
			w.printf(" %d %d %d", k, k+len(ws.valueSet)-1, ws.get(0))
		} else {
			w.printf(" %d [ %s ]\n", k, implode(" ", ws.valueSet))
		}
	}
	return w.String()
}

// TestTextUTF8 compares Text's UTF-8 path (textUTF8) with its general one
// on random strings: characters whose UTF-16 bytes must be escaped
// (U+2829, U+5C0D, U+0D28, ASCII parentheses and backslashes), characters
// beyond U+FFFF (surrogate pairs), and invalid UTF-8.
func TestTextUTF8(t *testing.T) {
	head := make([]byte, 54)
	head[18], head[19] = 0x03, 0xE8 // unitsPerEm 1000
	pdf := New("P", "mm", "A4", "")
	pdf.AddUTF8Subset("t", "", &UTF8Subset{
		Glyphs: [][]byte{nil}, Hmtx: make([]byte, 4),
		Head: head, Hhea: make([]byte, 36), Maxp: make([]byte, 6),
	})
	pdf.AddPage()
	pdf.SetFont("t", "", 10)
	if pdf.Err() {
		t.Fatal(pdf.Error())
	}
	page := pdf.pages[pdf.page]
	rng := rand.New(rand.NewPCG(14, 3))
	pool := []rune{'(', ')', '\\', '\r', 'a', ' ', 0x2829, 0x5C0D, 0x0D28, 0x4E2D, 0x3001, 0xFF08, 0x1F600, 0x20000, 0xFFFD}
	for n := range 2000 {
		var s []byte
		for range rng.IntN(12) {
			switch rng.IntN(6) {
			case 0:
				s = append(s, byte(0x80+rng.IntN(0x80))) // a stray continuation or lead byte
			case 1:
				s = utf8.AppendRune(s, rune(rng.IntN(0x110000)))
			default:
				s = utf8.AppendRune(s, pool[rng.IntN(len(pool))])
			}
		}
		x, y := rng.Float64()*200, rng.Float64()*280
		at := page.Len()
		pdf.text(x, y, string(s))
		want := string(page.Bytes()[at:])
		at = page.Len()
		pdf.textUTF8(x, y, string(s))
		if got := string(page.Bytes()[at:]); got != want {
			t.Fatalf("case %d, %q:\n got %q\nwant %q", n, s, got, want)
		}
	}
}
