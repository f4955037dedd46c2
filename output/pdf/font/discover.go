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
	for _, p := range candidates {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
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
