package font

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	// testfiles defines -update, so that go test ./... -update runs in
	// every package (this one has no goldens).
	_ "github.com/declconv/declconv/internal/testfiles"
)

const (
	uming = "/usr/share/fonts/truetype/arphic/uming.ttc"
	wqy   = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
)

// need skips the test when a system font it reads is not installed.
func need(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("font %s not installed (apt-get install fonts-arphic-uming fonts-wqy-microhei): %v", path, err)
	}
	return data
}

// checkSums verifies what Extract and Subset must get right for any
// reader: every table checksum, and the whole-file checksum adjustment.
func checkSums(t *testing.T, font []byte) {
	t.Helper()
	_, dir, err := directory(font, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range dir {
		b := font[tb.offset : tb.offset+tb.length]
		if tb.tag == "head" {
			b = append([]byte(nil), b...)
			binary.BigEndian.PutUint32(b[8:], 0)
		}
		want := binary.BigEndian.Uint32(font[12+16*indexOf(dir, tb.tag)+4:])
		if got := checksum(b); got != want {
			t.Errorf("table %q checksum %08x, directory says %08x", tb.tag, got, want)
		}
		if tb.offset%4 != 0 {
			t.Errorf("table %q at unaligned offset %d", tb.tag, tb.offset)
		}
	}
	if sum := checksum(font); sum != 0xB1B0AFBA {
		t.Errorf("whole-font checksum %08x, want B1B0AFBA", sum)
	}
}

func indexOf(dir []table, tag string) int {
	for i, tb := range dir {
		if tb.tag == tag {
			return i
		}
	}
	return -1
}

func TestExtractCollectionFaces(t *testing.T) {
	data := need(t, uming)
	families := []string{"AR PL UMing CN", "AR PL UMing HK", "AR PL UMing TW", "AR PL UMing TW MBE"}
	for i, family := range families {
		face, err := Extract(data, i)
		if err != nil {
			t.Fatalf("face #%d: %v", i, err)
		}
		checkSums(t, face)
		f, err := Parse(face, uming)
		if err != nil {
			t.Fatalf("extracted face #%d does not parse: %v", i, err)
		}
		if f.Family != family {
			t.Errorf("face #%d is %q, want %q", i, f.Family, family)
		}
		if !f.Has('镕') || f.Advance('中') != 1 {
			t.Errorf("face #%d: 镕 %v, advance of 中 %v", i, f.Has('镕'), f.Advance('中'))
		}
	}
	if _, err := Extract(data, len(families)); err == nil || !strings.Contains(err.Error(), "has 4 faces") {
		t.Errorf("face #4 of 4: got %v", err)
	}
}

// TestLoadReadsWhatExtractGives checks that a face loaded from its file
// (only the tables a face uses, the outlines mapped) is the face
// extracted from the whole file: same tables, same metrics, same subsets.
func TestLoadReadsWhatExtractGives(t *testing.T) {
	for _, spec := range []string{uming, uming + "#2", wqy + "#1", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"} {
		path, index := SplitSpec(spec)
		face, err := Extract(need(t, path), index)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Parse(face, spec)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Load(spec)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.tables) != len(used) {
			t.Errorf("%s: loaded %d tables, want the %d of used", spec, len(got.tables), len(used))
		}
		for tag, b := range got.tables {
			w := want.tables[tag]
			switch tag {
			case "post":
				w = w[:min(len(w), postHeader)]
			case "head":
				// Extract sets checkSumAdjustment for its own file.
				b, w = slices.Concat(b[:8], b[12:]), slices.Concat(w[:8], w[12:])
			}
			if string(b) != string(w) {
				t.Errorf("%s: table %q differs from the extracted face's", spec, tag)
			}
		}
		if got.Family != want.Family || got.unitsPerEm != want.unitsPerEm ||
			string(got.cmapBytes()) != string(want.cmapBytes()) || len(got.advances) != len(want.advances) {
			t.Errorf("%s: loaded face differs from the extracted one", spec)
		}
		runes := []rune("中华人民共和国第一条ABCxyz（）“”，。镕")
		if string(got.Subset(runes)) != string(want.Subset(runes)) {
			t.Errorf("%s: subsets differ", spec)
		}
	}
}

// cmapBytes is the face's character map as bytes, to compare two faces.
func (f *Face) cmapBytes() []byte {
	b := make([]byte, 2*len(f.cmap))
	for i, g := range f.cmap {
		binary.BigEndian.PutUint16(b[2*i:], g)
	}
	return b
}

// TestLoadErrors checks what reading a face from a file refuses: each
// message as Extract gives it.
func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cff := make([]byte, 16+12)
	copy(cff, "ttcf")
	binary.BigEndian.PutUint32(cff[8:], 1)
	binary.BigEndian.PutUint32(cff[12:], 16)
	copy(cff[16:], "OTTO")
	truncated := make([]byte, 12+16)
	binary.BigEndian.PutUint32(truncated, tagTrueType)
	binary.BigEndian.PutUint16(truncated[4:], 1)
	copy(truncated[12:], "glyf")
	binary.BigEndian.PutUint32(truncated[20:], 28)
	binary.BigEndian.PutUint32(truncated[24:], 1000)
	for _, c := range []struct{ spec, want string }{
		{write("cff.ttc", cff), "CFF"},
		{write("cff.ttc", cff) + "#1", "has 1 faces"},
		{write("short.ttf", []byte("0001")), "not a font"},
		{write("text.ttf", []byte("hello, world, not a font")), "not a TrueType font or collection"},
		{write("truncated.ttf", truncated), "runs past the end"},
		{write("truncated.ttf", truncated) + "#1", "not a .ttc"},
	} {
		if _, err := load(c.spec); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error saying %q", c.spec, err, c.want)
		}
	}
}

func TestExtractStandaloneFont(t *testing.T) {
	data := need(t, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
	got, err := Extract(data, 0)
	if err != nil || len(got) != len(data) {
		t.Fatalf("a .ttf must come back unchanged: %v", err)
	}
	if _, err := Extract(data, 1); err == nil || !strings.Contains(err.Error(), "not a .ttc") {
		t.Errorf("#1 of a .ttf: got %v", err)
	}
}

func TestCFFRejected(t *testing.T) {
	_, err := Load(filepath.Join("testdata", "fake-cff.otf"))
	if err == nil || !strings.Contains(err.Error(), "CFF") || !strings.Contains(err.Error(), "fake-cff.otf") {
		t.Fatalf("got %v, want a CFF error naming the file", err)
	}
	// A collection whose face is CFF (as NotoSansCJK.ttc is).
	ttc := make([]byte, 16+12)
	copy(ttc, "ttcf")
	binary.BigEndian.PutUint32(ttc[8:], 1)
	binary.BigEndian.PutUint32(ttc[12:], 16)
	copy(ttc[16:], "OTTO")
	if _, err := Extract(ttc, 0); !errors.Is(err, errCFF) {
		t.Errorf("CFF face in a collection: got %v", err)
	}
}

func TestNotAFont(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("hello, world, not a font"), make([]byte, 40)} {
		if _, err := Extract(data, 0); err == nil {
			t.Errorf("%q: no error", data)
		}
	}
	if _, err := Load(filepath.Join("testdata", "no-such.ttf")); err == nil || !strings.Contains(err.Error(), "no-such.ttf") {
		t.Errorf("missing file: got %v", err)
	}
}

func TestSubset(t *testing.T) {
	need(t, uming)
	f, err := Load(uming)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("中华人民共和国，。“”——１９")
	sub := f.Subset(runes)
	checkSums(t, sub)
	g, err := Parse(sub, "subset")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runes {
		if !g.Has(r) || g.Advance(r) != f.Advance(r) {
			t.Errorf("%q: in subset %v, advance %v, want %v", r, g.Has(r), g.Advance(r), f.Advance(r))
		}
	}
	if g.Has('镕') {
		t.Error("the subset maps a character it was not asked for")
	}
	if len(sub) > 1<<20 {
		t.Errorf("subset of %d characters is %d bytes", len(runes), len(sub))
	}
}

func TestLoadOncePerProcess(t *testing.T) {
	need(t, wqy)
	var wg sync.WaitGroup
	faces := make([]*Face, 8)
	for i := range faces {
		wg.Go(func() {
			spec := wqy
			if i%2 == 1 {
				spec = wqy + "#0"
			}
			faces[i], _ = Load(spec)
		})
	}
	wg.Wait()
	for _, f := range faces {
		if f == nil || f != faces[0] {
			t.Fatal("Load prepared the same face more than once")
		}
	}
	mono, err := Load(wqy + "#1")
	if err != nil || mono == faces[0] || !strings.Contains(mono.Family, "Mono") {
		t.Errorf("face #1: %v, %v", mono, err)
	}
}

func TestLocate(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == EnvFont {
				return v
			}
			return ""
		}
	}
	exists := filepath.Join("testdata", "fake-cff.otf")
	cases := []struct {
		explicit, env string
		candidates    []string
		want          string
	}{
		{"a.ttf", "b.ttf", []string{exists}, "a.ttf"},
		{"", "b.ttc#2", []string{exists}, "b.ttc#2"},
		{"", "", []string{"testdata/none.ttf", exists}, exists},
	}
	for _, c := range cases {
		got, err := Locate(c.explicit, env(c.env), c.candidates, "-font")
		if err != nil || got != c.want {
			t.Errorf("Locate(%q, env %q) = %q, %v; want %q", c.explicit, c.env, got, err, c.want)
		}
	}
	_, err := Locate("", env(""), []string{"testdata/none.ttf"}, "-font")
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("got %v, want a NotFoundError", err)
	}
	for _, want := range []string{"-font", "DECLCONV_FONT", "apt-get install fonts-arphic-uming", "testdata/none.ttf"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not mention %q", err, want)
		}
	}
}

func TestSplitSpec(t *testing.T) {
	for spec, want := range map[string]struct {
		path  string
		index int
	}{
		"a.ttc":      {"a.ttc", 0},
		"a.ttc#3":    {"a.ttc", 3},
		"dir#x/a.tt": {"dir#x/a.tt", 0},
		"a.ttc#-1":   {"a.ttc#-1", 0},
	} {
		if p, i := SplitSpec(spec); p != want.path || i != want.index {
			t.Errorf("SplitSpec(%q) = %q, %d", spec, p, i)
		}
	}
}

func TestSubsetComposite(t *testing.T) {
	need(t, uming)
	f, err := Load(uming)
	if err != nil {
		t.Fatal(err)
	}
	var r rune // a character drawn by a composite glyph
	for c := rune(0x4E00); c <= 0x9FFF && r == 0; c++ {
		if g := f.cmap[c]; g != 0 {
			if d := f.tables["glyf"][f.loca[g]:f.loca[g+1]]; len(d) > 10 && int16(binary.BigEndian.Uint16(d)) < 0 {
				r = c
			}
		}
	}
	if r == 0 {
		t.Skip("no composite glyph among the ideographs")
	}
	sub, err := Parse(f.Subset([]rune{r}), "subset")
	if err != nil {
		t.Fatal(err)
	}
	g := sub.cmap[r]
	d := sub.tables["glyf"][sub.loca[g]:sub.loca[g+1]]
	if len(d) < 14 || int16(binary.BigEndian.Uint16(d)) >= 0 {
		t.Fatalf("%q lost its composite glyph", r)
	}
	for at := 10; ; at += componentSize(binary.BigEndian.Uint16(d[at:])) {
		comp := binary.BigEndian.Uint16(d[at+2:])
		if int(comp) >= len(sub.advances) || sub.loca[comp+1] == sub.loca[comp] {
			t.Errorf("%q: component %d missing from the subset", r, comp)
		}
		if binary.BigEndian.Uint16(d[at:])&moreComps == 0 {
			break
		}
	}
}

// TestSubsetUnhinted checks that a subset of a hinted face carries no
// hinting: no hinting tables, no instructions in any glyph, and the
// glyphs otherwise as they were.
func TestSubsetUnhinted(t *testing.T) {
	// The whole face, hinting tables and all (Load reads only what a
	// subset uses).
	face, err := Extract(need(t, wqy), 0)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(face, wqy)
	if err != nil {
		t.Fatal(err)
	}
	if f.tables["fpgm"] == nil {
		t.Skip("the face is not hinted")
	}
	runes := []rune("中华人民共和国第一条ABCxyz（）“”，。")
	sub := f.Subset(runes)
	checkSums(t, sub)
	g, err := Parse(sub, "subset")
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"fpgm", "prep", "cvt ", "gasp", "hdmx", "LTSH", "VDMX", "kern", "DSIG"} {
		if g.tables[tag] != nil {
			t.Errorf("subset keeps the %q table", tag)
		}
	}
	be := binary.BigEndian
	if maxp := g.tables["maxp"]; len(maxp) >= 32 && be.Uint16(maxp[26:]) != 0 {
		t.Errorf("maxp.maxSizeOfInstructions = %d, want 0", be.Uint16(maxp[26:]))
	}
	stripped := 0
	for _, r := range runes {
		if !g.Has(r) {
			t.Errorf("%q missing from the subset", r)
			continue
		}
		old := f.tables["glyf"][f.loca[f.cmap[r]]:f.loca[f.cmap[r]+1]]
		d := g.tables["glyf"][g.loca[g.cmap[r]]:g.loca[g.cmap[r]+1]]
		if len(d) < 10 {
			continue
		}
		n := int(int16(be.Uint16(d)))
		if n < 0 {
			for at := 10; at+4 <= len(d); at += componentSize(be.Uint16(d[at:])) {
				if be.Uint16(d[at:])&hasInstr != 0 {
					t.Errorf("%q: composite glyph keeps WE_HAVE_INSTRUCTIONS", r)
				}
				if be.Uint16(d[at:])&moreComps == 0 {
					break
				}
			}
			continue
		}
		at := 10 + 2*n
		if il := be.Uint16(d[at:]); il != 0 {
			t.Errorf("%q: %d bytes of instructions left", r, il)
		}
		oldLen := int(be.Uint16(old[at:]))
		if oldLen > 0 {
			stripped++
		}
		// Header, contours and outline unchanged; only the instructions gone.
		if string(d[:at]) != string(old[:at]) || !strings.HasPrefix(string(old[at+2+oldLen:]), strings.TrimRight(string(d[at+2:]), "\x00")) {
			t.Errorf("%q: outline changed by removing the instructions", r)
		}
	}
	if stripped == 0 {
		t.Error("no glyph had instructions to strip: the test proves nothing")
	}
}

// TestAppendUnhintedComposite strips a composite glyph made by hand: two
// components, instructions after the last one.
func TestAppendUnhintedComposite(t *testing.T) {
	glyph := []byte{
		0xFF, 0xFF, 0, 0, 0, 0, 0, 10, 0, 10, // numberOfContours -1, bbox
		0x01, 0x21, 0, 5, 0, 1, 0, 2, // ARG_1_AND_2_ARE_WORDS|MORE_COMPONENTS|WE_HAVE_INSTRUCTIONS, glyph 5, words
		0x01, 0x00, 0, 6, 3, 4, // WE_HAVE_INSTRUCTIONS, glyph 6, bytes
		0, 3, 0xB0, 0x01, 0x2C, // three bytes of instructions
	}
	got := appendUnhinted([]byte("x"), glyph)
	want := []byte{
		'x',
		0xFF, 0xFF, 0, 0, 0, 0, 0, 10, 0, 10,
		0x00, 0x21, 0, 5, 0, 1, 0, 2,
		0x00, 0x00, 0, 6, 3, 4,
	}
	if string(got) != string(want) {
		t.Errorf("got % x\nwant % x", got, want)
	}
	simple := []byte{0, 1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 2, 0, 2, 0xB0, 0x01, 0x01, 0x01, 0x01, 5, 5, 5}
	got = appendUnhinted(nil, simple)
	want = []byte{0, 1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 2, 0, 0, 0x01, 0x01, 0x01, 5, 5, 5}
	if string(got) != string(want) {
		t.Errorf("simple: got % x\nwant % x", got, want)
	}
}
