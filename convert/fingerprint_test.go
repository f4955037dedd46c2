package convert

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestFingerprintCoversOptions sets every option of the writers, one at a
// time, and wants the fingerprint to change: a new option that changes
// the outputs cannot be forgotten by -incremental. Fields tagged
// `fingerprint:"-"` must not change it.
func TestFingerprintCoversOptions(t *testing.T) {
	noEnv := func(string) string { return "" }
	base := Fingerprint("v", nil, FromAuto, Options{}, noEnv)
	var o Options
	check := func(path string, excluded bool) {
		t.Helper()
		if changed := Fingerprint("v", nil, FromAuto, o, noEnv) != base; changed == excluded {
			t.Errorf("%s: fingerprint changed %v, want %v", path, changed, !excluded)
		}
	}
	var visit func(v reflect.Value, path string, excluded bool)
	n := 0
	visit = func(v reflect.Value, path string, excluded bool) {
		if v.Type() == reflect.TypeFor[time.Time]() {
			old := v.Interface()
			v.Set(reflect.ValueOf(time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)))
			check(path, excluded)
			v.Set(reflect.ValueOf(old))
			return
		}
		switch v.Kind() {
		case reflect.Struct:
			for i := range v.NumField() {
				f := v.Type().Field(i)
				if f.IsExported() {
					visit(v.Field(i), path+"."+f.Name, excluded || f.Tag.Get("fingerprint") == "-")
				}
			}
			return
		case reflect.String:
			v.SetString("x")
		case reflect.Int, reflect.Int64, reflect.Int32:
			v.SetInt(7)
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Float64, reflect.Float32:
			v.SetFloat(1.5)
		case reflect.Func:
			return // the environment: covered by WriterEnv below
		default:
			t.Errorf("%s: a %s option the test cannot set; teach it", path, v.Kind())
			return
		}
		n++
		check(path, excluded)
		v.SetZero()
	}
	visit(reflect.ValueOf(&o).Elem(), "Options", false)
	if n < 5 {
		t.Errorf("only %d options visited", n)
	}
	for _, k := range WriterEnv() {
		if got := Fingerprint("v", nil, FromAuto, Options{}, func(e string) string {
			if e == k {
				return "x"
			}
			return ""
		}); got == base {
			t.Errorf("%s: the fingerprint does not change with it", k)
		}
	}
}

// TestFromEnv: the environment fills what the options leave unset, never
// what they set, and a SOURCE_DATE_EPOCH that is no number is an error.
func TestFromEnv(t *testing.T) {
	env := map[string]string{"DECLCONV_FONT": "body.ttf", "DECLCONV_FONT_KAI": "kai.ttf", "SOURCE_DATE_EPOCH": "86400"}
	var o Options
	o.PDF.HeadingFont = "hei.ttf"
	got, err := FromEnv(o, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if got.PDF.Font != "body.ttf" || got.PDF.KaiFont != "kai.ttf" || got.PDF.HeadingFont != "hei.ttf" || got.PDF.LatinFont != "" {
		t.Errorf("fonts: %+v", got.PDF)
	}
	if !got.PDF.Date.Equal(time.Unix(86400, 0)) || !got.XLSX.Modified.Equal(time.Unix(86400, 0)) {
		t.Errorf("dates %v, %v, want 1970-01-02", got.PDF.Date, got.XLSX.Modified)
	}
	env["SOURCE_DATE_EPOCH"] = "yesterday"
	if _, err := FromEnv(Options{}, func(k string) string { return env[k] }); err == nil {
		t.Error("SOURCE_DATE_EPOCH=yesterday: no error")
	}
}

// TestManifestStreamed: the manifest written entry by entry is the same
// bytes as the whole encoded at once.
func TestManifestStreamed(t *testing.T) {
	whole := func(m *Manifest) []byte {
		c := *m
		c.Inputs = append([]ManifestEntry{}, m.Inputs...)
		for i := range c.Inputs {
			if c.Inputs[i].Outputs == nil {
				c.Inputs[i].Outputs = []OutputRecord{}
			}
		}
		if c.Inputs == nil {
			c.Inputs = []ManifestEntry{}
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(c); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, m := range []*Manifest{
		{Schema: ManifestSchema, Model: "m", Options: "o"},
		{Schema: ManifestSchema, Model: "m", Options: "o", Shard: "0/2", Inputs: []ManifestEntry{
			{Path: "a<b>&c.txt", Status: StatusOK, Outputs: []OutputRecord{{Path: "a.json", Format: "json", Size: 12, SHA256: "ab"}}},
			{Path: "b.txt", Status: StatusFailed, Error: `b.txt:1:1: "quoted" <tag>`},
		}},
	} {
		var got bytes.Buffer
		n, err := m.WriteTo(&got)
		if err != nil || n != int64(got.Len()) {
			t.Fatalf("WriteTo: %d, %v", n, err)
		}
		if want := whole(m); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("streamed:\n%s\nwhole:\n%s", got.Bytes(), want)
		}
	}
}
