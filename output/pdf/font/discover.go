package font

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// EnvFont is the environment variable that names the font when no option
// does: a path, with #index to pick a face of a .ttc collection.
const EnvFont = "DECLCONV_FONT"

// InstallHint is the command that installs the default font on Debian and
// Ubuntu.
const InstallHint = "apt-get install fonts-arphic-uming"

// SystemFonts lists well-known places of TrueType CJK fonts, best first:
// Ming (Song) faces before Kai and Hei, since Song is the face of official
// text.
func SystemFonts() []string {
	return []string{
		// Debian and Ubuntu packages.
		"/usr/share/fonts/truetype/arphic/uming.ttc",                   // fonts-arphic-uming
		"/usr/share/fonts/truetype/lxgw/LXGWWenKai-Regular.ttf",        // fonts-lxgw-wenkai
		"/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", // fonts-lxgw-wenkai (older layout)
		"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",               // fonts-wqy-microhei
		"/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",       // fonts-arphic-gbsn00lp
		// Fedora and Arch.
		"/usr/share/fonts/uming/uming.ttc",
		"/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
		"/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
		// macOS.
		"/System/Library/Fonts/Supplemental/Songti.ttc",
		"/Library/Fonts/Songti.ttc",
		"/System/Library/Fonts/STHeiti Light.ttc",
		"/Library/Fonts/Arial Unicode.ttf",
		"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
		// Windows.
		`C:\Windows\Fonts\simsun.ttc`,
		`C:\Windows\Fonts\simfang.ttf`,
		`C:\Windows\Fonts\simhei.ttf`,
	}
}

// HeiFonts lists well-known places of sans-serif (Hei) faces, which official
// texts use for headings.
func HeiFonts() []string {
	return []string{
		"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
		"/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
		"/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
		"/System/Library/Fonts/STHeiti Medium.ttc",
		`C:\Windows\Fonts\simhei.ttf`,
	}
}

// The environment variables that name the faces of other roles when no
// option does, as EnvFont names the body's.
const (
	EnvHei   = "DECLCONV_FONT_HEI"   // first-level headings
	EnvKai   = "DECLCONV_FONT_KAI"   // second-level headings
	EnvLatin = "DECLCONV_FONT_LATIN" // Latin text
)

// KaiFonts lists well-known places of Kai (楷体) faces, which official
// texts use for second-level headings.
func KaiFonts() []string {
	return []string{
		"/usr/share/fonts/truetype/arphic/ukai.ttc", // fonts-arphic-ukai
		"/usr/share/fonts/arphic-ukai/ukai.ttc",
		"/usr/share/fonts/ukai/ukai.ttc",
		"/System/Library/Fonts/Supplemental/Kaiti.ttc",
		"/Library/Fonts/Kaiti.ttc",
		`C:\Windows\Fonts\simkai.ttf`,
	}
}

// LatinFonts lists well-known places of serif TrueType faces for Latin
// text; each has italic and bold siblings beside it (see [Siblings]).
func LatinFonts() []string {
	return []string{
		"/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", // fonts-liberation2
		"/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",  // fonts-liberation
		"/usr/share/fonts/liberation-serif/LiberationSerif-Regular.ttf",     // Fedora
		"/usr/share/fonts/liberation/LiberationSerif-Regular.ttf",           // Arch
		"/System/Library/Fonts/Supplemental/Times New Roman.ttf",
		"/Library/Fonts/Times New Roman.ttf",
		"/System/Library/Fonts/Supplemental/Georgia.ttf",
		`C:\Windows\Fonts\times.ttf`,
		`C:\Windows\Fonts\georgia.ttf`,
	}
}

// siblingNames maps the file name of a regular Latin face to those of its
// italic and bold faces, as each family names them.
var siblingNames = []struct{ regular, italic, bold string }{
	{"-Regular.ttf", "-Italic.ttf", "-Bold.ttf"},
	{" New Roman.ttf", " New Roman Italic.ttf", " New Roman Bold.ttf"},
	{"Georgia.ttf", "Georgia Italic.ttf", "Georgia Bold.ttf"},
	{"times.ttf", "timesi.ttf", "timesbd.ttf"},
	{"georgia.ttf", "georgiai.ttf", "georgiab.ttf"},
}

// Siblings returns the italic and bold faces beside a regular face, by
// its family's naming; "" for one that is not there.
func Siblings(spec string) (italic, bold string) {
	path, _ := SplitSpec(spec)
	for _, n := range siblingNames {
		if stem, ok := strings.CutSuffix(path, n.regular); ok {
			return existing(stem + n.italic), existing(stem + n.bold)
		}
	}
	return "", ""
}

// existing returns path when it is a regular file, else "".
func existing(path string) string {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		return path
	}
	return ""
}

// Find returns the first of paths that is a regular file, or "".
func Find(paths []string) string {
	for _, p := range paths {
		if existing(p) != "" {
			return p
		}
	}
	return ""
}

// NotFoundError says that no font was named and none was found.
type NotFoundError struct {
	Option string   // the writer option or CLI flag that names a font
	Tried  []string // the system paths looked at
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no CJK TrueType font found: name one with %s PATH[#INDEX] or the %s environment variable, "+
		"or install one (Debian/Ubuntu: %s); looked in %s",
		e.Option, EnvFont, InstallHint, strings.Join(e.Tried, ", "))
}

// Locate returns the font to use: explicit if given, else $DECLCONV_FONT,
// else the first of candidates that exists. getenv is os.Getenv outside
// tests; option names the setting for the message when nothing is found.
func Locate(explicit string, getenv func(string) string, candidates []string, option string) (string, error) {
	if explicit != "" {
		return explicit, nil
	}
	if getenv != nil {
		if env := getenv(EnvFont); env != "" {
			return env, nil
		}
	}
	if p := Find(candidates); p != "" {
		return p, nil
	}
	return "", &NotFoundError{Option: option, Tried: candidates}
}

// SplitSpec splits "path#index" into the path and the face index. A '#'
// followed by anything but digits is part of the path.
func SplitSpec(spec string) (path string, index int) {
	if i := strings.LastIndexByte(spec, '#'); i >= 0 {
		if n, err := strconv.Atoi(spec[i+1:]); err == nil && n >= 0 {
			return spec[:i], n
		}
	}
	return spec, 0
}

// canonical is the cache key of a spec: the cleaned path and the index, so
// that "a.ttc" and "./a.ttc#0" share one loaded face.
func canonical(spec string) string {
	path, index := SplitSpec(spec)
	return filepath.Clean(path) + "#" + strconv.Itoa(index)
}
