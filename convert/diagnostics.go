package convert

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/declconv/declconv/declaration"
)

// DiagnosticsFormat is how a [DiagnosticsWriter] prints the parser's
// diagnostics.
type DiagnosticsFormat string

// The diagnostics formats.
const (
	// DiagnosticsText prints file:line:col: level: message, one a line.
	DiagnosticsText DiagnosticsFormat = "text"
	// DiagnosticsJSON prints one JSON array of objects with file, line,
	// col, level, code and message.
	DiagnosticsJSON DiagnosticsFormat = "json"
	// DiagnosticsSARIF prints a SARIF 2.1.0 log, for code-scanning
	// upload: ruleId is the diagnostic's code; level error, warning or
	// note (for info).
	DiagnosticsSARIF DiagnosticsFormat = "sarif"
	// DiagnosticsGitHub prints GitHub Actions workflow commands
	// (::warning file=…,line=…,col=…,title=code::message), which the
	// runner shows as annotations.
	DiagnosticsGitHub DiagnosticsFormat = "github"
)

// DiagnosticsFormats lists the diagnostics formats. The slice is a copy.
func DiagnosticsFormats() []DiagnosticsFormat {
	return []DiagnosticsFormat{DiagnosticsText, DiagnosticsJSON, DiagnosticsSARIF, DiagnosticsGitHub}
}

// ParseDiagnosticsFormat reads a diagnostics format's name, ignoring case.
func ParseDiagnosticsFormat(s string) (DiagnosticsFormat, error) {
	for _, f := range DiagnosticsFormats() {
		if strings.EqualFold(string(f), strings.TrimSpace(s)) {
			return f, nil
		}
	}
	var names []string
	for _, f := range DiagnosticsFormats() {
		names = append(names, string(f))
	}
	return "", fmt.Errorf("unknown diagnostics format %q (want %s)", s, strings.Join(names, ", "))
}

// SARIFSchema is the JSON Schema a SARIF log names in its "$schema".
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// DiagnosticsWriter prints diagnostics as they come, document by
// document, in one of the [DiagnosticsFormats]. JSON and SARIF are one
// document: call Close to finish it. It is not safe for concurrent use.
type DiagnosticsWriter struct {
	w       *bufio.Writer
	format  DiagnosticsFormat
	version string
	n       int
	rules   map[string]bool
	err     error
}

// NewDiagnosticsWriter starts printing diagnostics to w in format;
// version is the program's version, for SARIF's tool.driver.
func NewDiagnosticsWriter(w io.Writer, format DiagnosticsFormat, version string) *DiagnosticsWriter {
	dw := &DiagnosticsWriter{w: bufio.NewWriter(w), format: format, version: version, rules: map[string]bool{}}
	switch format {
	case DiagnosticsJSON:
		dw.put("[")
	case DiagnosticsSARIF:
		dw.put(`{
  "$schema": "` + SARIFSchema + `",
  "version": "2.1.0",
  "runs": [
    {
      "columnKind": "unicodeCodePoints",
      "results": [`)
	}
	return dw
}

func (dw *DiagnosticsWriter) put(s string) {
	if dw.err == nil {
		_, dw.err = dw.w.WriteString(s)
	}
}

func jsonString(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}

// Add prints the diagnostics of the file at path (positions are in that
// file), the path slash-separated in every format but text.
func (dw *DiagnosticsWriter) Add(path string, ds []declaration.Diagnostic) error {
	file := filepath.ToSlash(path)
	for _, g := range ds {
		switch dw.format {
		case DiagnosticsText:
			e := &declaration.Error{File: path, Pos: g.Pos, Msg: string(g.Level) + ": " + g.Message}
			dw.put(e.Error() + "\n")
		case DiagnosticsJSON:
			sep := ",\n  "
			if dw.n == 0 {
				sep = "\n  "
			}
			dw.put(sep + jsonString(struct {
				File    string `json:"file"`
				Line    int    `json:"line"`
				Col     int    `json:"col"`
				Level   string `json:"level"`
				Code    string `json:"code"`
				Message string `json:"message"`
			}{file, g.Pos.Line, g.Pos.Col, string(g.Level), g.Code, g.Message}))
		case DiagnosticsSARIF:
			sep := ",\n"
			if dw.n == 0 {
				sep = "\n"
			}
			res := sarifResult(file, g)
			dw.rules[res.RuleID] = true // a rule for every ruleId, the fallback's too
			dw.put(sep + "        " + jsonString(res))
		case DiagnosticsGitHub:
			cmd := map[declaration.Level]string{declaration.LevelError: "error", declaration.LevelWarning: "warning"}[g.Level]
			if cmd == "" {
				cmd = "notice"
			}
			props := "file=" + ghProperty(file)
			if g.Pos.Line > 0 {
				props += ",line=" + strconv.Itoa(g.Pos.Line)
				if g.Pos.Col > 0 {
					props += ",col=" + strconv.Itoa(g.Pos.Col)
				}
			}
			if g.Code != "" {
				props += ",title=" + ghProperty(g.Code)
			}
			dw.put("::" + cmd + " " + props + "::" + ghData(g.Message) + "\n")
		}
		dw.n++
	}
	return dw.err
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifResultJSON struct {
	RuleID    string          `json:"ruleId"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

// sarifRule is a SARIF reportingDescriptor: a code, described from
// [DiagnosticCodes].
type sarifRule struct {
	ID               string        `json:"id"`
	ShortDescription *sarifMessage `json:"shortDescription,omitempty"`
	Help             *sarifMessage `json:"help,omitempty"`
}

// sarifRules describes the codes a log used. A code not in the table
// (from a canonical input's own diagnostics) gets its id alone.
func sarifRules(codes []string) []sarifRule {
	rs := make([]sarifRule, len(codes))
	for i, code := range codes {
		rs[i].ID = code
		if c, ok := LookupDiagnosticCode(code); ok {
			rs[i].ShortDescription, rs[i].Help = &sarifMessage{c.Short}, &sarifMessage{c.Help}
		}
	}
	return rs
}

func sarifResult(file string, g declaration.Diagnostic) sarifResultJSON {
	level := map[declaration.Level]string{declaration.LevelError: "error", declaration.LevelWarning: "warning"}[g.Level]
	if level == "" {
		level = "note"
	}
	uri := (&url.URL{Path: file}).EscapedPath()
	if strings.HasPrefix(file, "/") {
		uri = (&url.URL{Scheme: "file", Path: file}).String()
	}
	loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}}
	if g.Pos.Line > 0 {
		loc.Region = &sarifRegion{StartLine: g.Pos.Line, StartColumn: g.Pos.Col}
	}
	code := g.Code
	if code == "" {
		code = fallbackCode
	}
	return sarifResultJSON{RuleID: code, Level: level, Message: sarifMessage{Text: g.Message}, Locations: []sarifLocation{{loc}}}
}

// ghData escapes the message of a workflow command.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a property value of a workflow command.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Close finishes the document (JSON and SARIF) and flushes what is
// buffered. It reports the first error writing met.
func (dw *DiagnosticsWriter) Close() error {
	switch dw.format {
	case DiagnosticsJSON:
		if dw.n > 0 {
			dw.put("\n")
		}
		dw.put("]\n")
	case DiagnosticsSARIF:
		driver := struct {
			Name           string      `json:"name"`
			Version        string      `json:"version,omitempty"`
			InformationURI string      `json:"informationUri"`
			Rules          []sarifRule `json:"rules"`
		}{"declconv", dw.version, "https://github.com/declconv/declconv", sarifRules(slices.Sorted(maps.Keys(dw.rules)))}
		if dw.n > 0 {
			dw.put("\n      ")
		}
		dw.put("],\n      \"tool\": {\n        \"driver\": " + jsonString(driver) + "\n      }\n    }\n  ]\n}\n")
	}
	if dw.err == nil {
		dw.err = dw.w.Flush()
	}
	return dw.err
}
