package pdf

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestPackObjects packs a PDF made by the library and has qpdf read both
// files: every object of the original must be in the packed file with
// the same value, the packed file must pass qpdf --check, and it must be
// smaller.
func TestPackObjects(t *testing.T) {
	tool(t, "qpdf")
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetTitle("Packing (test)", true)
	pdf.SetFont("Helvetica", "", 12)
	for page := range 3 {
		pdf.AddPage()
		pdf.Bookmark("Page "+strings.Repeat("I", page+1), 0, -1)
		pdf.Text(20, 20, "Text of a page >> endobj stream")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	packed := packObjects(bytes.Clone(raw))
	if len(packed) >= len(raw) {
		t.Errorf("packed %d bytes, not fewer than the original's %d", len(packed), len(raw))
	}
	if !bytes.Contains(packed, []byte("/Type /ObjStm")) || !bytes.Contains(packed, []byte("/Type /XRef")) {
		t.Fatal("no object stream or cross-reference stream")
	}
	if out := run(t, "qpdf", "--check", saved(t, packed)); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	before, after := qpdfObjects(t, raw), qpdfObjects(t, packed)
	for key, v := range before {
		if key == "trailer" {
			continue
		}
		if string(after[key]) != string(v) {
			t.Errorf("%s: %s, packed %s", key, v, after[key])
		}
	}
	if len(before) < 10 {
		t.Errorf("qpdf read only %d objects: the test proves little", len(before))
	}
}

// qpdfObjects is every object of a PDF as qpdf reads it, in JSON.
func qpdfObjects(t *testing.T, data []byte) map[string]json.RawMessage {
	t.Helper()
	var doc struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-key=qpdf", saved(t, data))), &doc); err != nil || len(doc.Qpdf) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var objs map[string]json.RawMessage
	if err := json.Unmarshal(doc.Qpdf[1], &objs); err != nil {
		t.Fatal(err)
	}
	return objs
}
