package convert

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/declconv/declconv/declaration"
	"github.com/declconv/declconv/output/akn"
	"github.com/declconv/declconv/output/html"
	"github.com/declconv/declconv/output/pdf"
	"github.com/declconv/declconv/output/pdf/font"
	"github.com/declconv/declconv/output/text"
	"github.com/declconv/declconv/output/xlsx"
)

// Options configures the writers, one options struct each, every one of
// which works as its zero value.
type Options struct {
	// Text: the line width, in columns (CJK characters count two).
	Text text.Options
	// PDF: fonts (path[#index] of a .ttf or .ttc; empty means the fonts
	// found on the system, see [FromEnv] for the environment), page
	// style and paper.
	PDF pdf.Options
	// XLSX: the workbook's date, and where rows are spooled.
	XLSX xlsx.Options
	// HTML and AKN: the HTML page and the Akoma Ntoso document.
	HTML html.Options
	AKN  akn.Options
}

// Format is one output format: a row of the table [Formats] returns.
type Format struct {
	// Name is what -to takes, in lower case: "yaml", "json", "txt".
	Name string
	// Aliases are other names [Lookup] accepts, such as "yml".
	Aliases []string
	// Ext is the file extension of the output, with its dot.
	Ext string
	// Binary formats are never written to a terminal.
	Binary bool
	// Doc describes the format in one line, for usage messages.
	Doc string

	write func(w io.Writer, d *declaration.Document, o Options) error
}

// formats is the table of output formats, in the order usage messages
// list them. Adding a format is adding a row here.
var formats = []Format{
	{
		Name: "yaml", Aliases: []string{"yml"}, Ext: ".yaml",
		Doc: "the canonical model as YAML (" + declaration.SchemaVersion + ")",
		write: func(w io.Writer, d *declaration.Document, _ Options) error {
			return declaration.EncodeYAML(w, d)
		},
	},
	{
		Name: "json", Ext: ".json",
		Doc: "the canonical model as JSON (convert -schema prints its JSON Schema)",
		write: func(w io.Writer, d *declaration.Document, _ Options) error {
			return declaration.EncodeJSON(w, d)
		},
	},
	{
		Name: "txt", Aliases: []string{"text"}, Ext: ".txt",
		Doc: "plain text, numbering kept, wrapped by display width",
		write: func(w io.Writer, d *declaration.Document, o Options) error {
			return o.Text.Write(w, d)
		},
	},
	{
		Name: "pdf", Ext: ".pdf", Binary: true,
		Doc: "A4 PDF typeset as a Chinese official text (GB/T 9704), CJK font embedded",
		write: func(w io.Writer, d *declaration.Document, o Options) error {
			return o.PDF.Write(w, d)
		},
	},
	{
		Name: "xlsx", Ext: ".xlsx", Binary: true,
		Doc: "XLSX clause table: one row per provision, with metadata, references, dates and diagnostics sheets",
		write: func(w io.Writer, d *declaration.Document, o Options) error {
			return o.XLSX.Write(w, d)
		},
	},
	{
		Name: "akn", Ext: ".akn.xml",
		Doc: "Akoma Ntoso 3.0 XML (OASIS LegalDocML): FRBR metadata, eIds equal to the model's IDs",
		write: func(w io.Writer, d *declaration.Document, o Options) error {
			return o.AKN.Write(w, d)
		},
	},
	{
		Name: "html", Aliases: []string{"htm"}, Ext: ".html",
		Doc: "one self-contained HTML page, every clause an anchor (statement.html#art_4__sec_1__item_2)",
		write: func(w io.Writer, d *declaration.Document, o Options) error {
			return o.HTML.Write(w, d)
		},
	},
}

// Formats returns the output formats in their table order. The slice is a
// copy: changing it changes nothing here.
func Formats() []Format {
	return slices.Clone(formats)
}

// FormatNames returns the names of [Formats], in order.
func FormatNames() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}

// Lookup finds a format by its name or one of its aliases, ignoring case
// and surrounding spaces.
func Lookup(name string) (Format, bool) {
	name = strings.TrimSpace(name)
	for _, f := range formats {
		if strings.EqualFold(f.Name, name) || slices.ContainsFunc(f.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
			return f, true
		}
	}
	return Format{}, false
}

// HasExt reports whether path ends with the format's extension, ignoring
// case. It is how to tell an output by its name: filepath.Ext sees only
// the last dot, and akn's extension has two (x.akn.xml).
func (f Format) HasExt(path string) bool {
	return len(path) > len(f.Ext) && strings.EqualFold(path[len(path)-len(f.Ext):], f.Ext)
}

// ForPath finds the format whose extension path ends with (".json",
// ".akn.xml", or ".yml" for the alias yml), ignoring case; the longest
// extension wins.
func ForPath(path string) (Format, bool) {
	var found Format
	n := 0
	for _, f := range formats {
		exts := []string{f.Ext}
		for _, a := range f.Aliases {
			exts = append(exts, "."+a)
		}
		for _, ext := range exts {
			if len(ext) > n && (Format{Ext: ext}).HasExt(path) {
				found, n = f, len(ext)
			}
		}
	}
	return found, n > 0
}

// Write renders d in format f to w.
func (f Format) Write(w io.Writer, d *declaration.Document, o Options) error {
	if f.write == nil {
		return errors.New("format " + f.Name + " has no writer")
	}
	return f.write(w, d, o)
}

// FromEnv fills in what the environment sets and o leaves unset: the PDF
// fonts (DECLCONV_FONT, DECLCONV_FONT_HEI, DECLCONV_FONT_KAI,
// DECLCONV_FONT_LATIN) and the date of PDFs and workbooks
// (SOURCE_DATE_EPOCH, seconds since 1970). The writers read no
// environment themselves: the command calls FromEnv once, with os.Getenv.
func FromEnv(o Options, getenv func(string) string) (Options, error) {
	for _, f := range []struct {
		field *string
		env   string
	}{
		{&o.PDF.Font, font.EnvFont}, {&o.PDF.HeadingFont, font.EnvHei},
		{&o.PDF.KaiFont, font.EnvKai}, {&o.PDF.LatinFont, font.EnvLatin},
	} {
		if *f.field == "" {
			*f.field = getenv(f.env)
		}
	}
	if v := getenv("SOURCE_DATE_EPOCH"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return o, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", v)
		}
		for _, date := range []*time.Time{&o.PDF.Date, &o.XLSX.Modified} {
			if date.IsZero() {
				*date = time.Unix(n, 0).UTC()
			}
		}
	}
	return o, nil
}
