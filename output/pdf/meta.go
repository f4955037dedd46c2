package pdf

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/declconv/declconv/declaration"
)

// EnvSourceDateEpoch is the reproducible-builds variable: seconds since
// 1970 to use as the PDF's creation and modification date.
const EnvSourceDateEpoch = "SOURCE_DATE_EPOCH"

// fixedEpoch is the date of a document that gives none: a constant, never
// the clock, so that reruns give the same bytes.
var fixedEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// date is the PDF's creation and modification date: the one the options
// give, else the document's own date (publication, signature, dispatch),
// else a fixed epoch.
func date(d *declaration.Document, given time.Time) time.Time {
	if !given.IsZero() {
		return given.UTC()
	}
	var isos []string
	if d.Publication != nil {
		isos = append(isos, d.Publication.Date)
	}
	isos = append(isos, frontMatter(d).date)
	if d.Signed != nil && d.Signed.Date != nil {
		isos = append(isos, d.Signed.Date.ISO)
	}
	if d.Dispatch != nil && d.Dispatch.Date != nil {
		isos = append(isos, d.Dispatch.Date.ISO)
	}
	for _, iso := range isos {
		for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
			if t, err := time.Parse(layout, iso); err == nil {
				return t.UTC()
			}
		}
	}
	return fixedEpoch
}

// editorial is what an editor's YAML front matter says of the document,
// for the PDF's metadata: its date and what collection it belongs to.
type editorial struct {
	date, subject string
}

// frontMatter reads the YAML front matter of d, if any. Keys vary by
// collection; each field takes the first key present.
func frontMatter(d *declaration.Document) editorial {
	for _, bl := range d.Front {
		if bl.Kind != declaration.FrontMatter || !strings.HasPrefix(bl.Text, "---") {
			continue
		}
		body := strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(bl.Text, "---")), "---")
		var m map[string]any
		if yaml.Unmarshal([]byte(body), &m) != nil {
			return editorial{}
		}
		first := func(keys ...string) string {
			for _, k := range keys {
				switch v := m[k].(type) {
				case string:
					return strings.Join(strings.Fields(v), " ")
				case time.Time:
					return v.Format("2006-01-02")
				}
			}
			return ""
		}
		return editorial{date: first("date", "doc_date"), subject: first("subject", "vol_full_title", "volume")}
	}
	return editorial{}
}

// subject is the PDF's subject: the document's kind, and the collection
// its front matter names.
func subject(d *declaration.Document) string {
	if s := frontMatter(d).subject; s != "" {
		return string(d.Kind) + "; " + s
	}
	return string(d.Kind)
}

// title is the document's title for the metadata and the running header:
// its own title, else its title block, else the newspaper's headline.
func title(d *declaration.Document) string {
	if d.Title != "" {
		return d.Title
	}
	for _, kind := range []declaration.BlockKind{declaration.TitleBlock, declaration.Headline} {
		for _, b := range d.Front {
			if b.Kind == kind && b.Text != "" {
				return strings.ReplaceAll(b.Text, "\n", "")
			}
		}
	}
	if d.Publication != nil {
		return d.Publication.Headline
	}
	return ""
}

// language is the document's BCP 47 tag, Chinese when the parser did not
// say.
func language(d *declaration.Document) string {
	if d.Language != "" {
		return d.Language
	}
	return "zh-Hans"
}
