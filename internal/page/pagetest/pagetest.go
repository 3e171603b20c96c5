// Package pagetest checks the HTML of pictures and views in tests.
package pagetest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// SVGElements are the elements Graphviz writes for package display's graphs.
var SVGElements = map[string]bool{"svg": true, "g": true, "title": true, "polygon": true,
	"polyline": true, "path": true, "ellipse": true, "text": true}

// CheckHTML fails unless html is well-formed XML whose elements are all
// in allowed, so that no label has injected markup.
func CheckHTML(t *testing.T, html string, allowed ...string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(html))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, html)
		}
		if s, ok := tok.(xml.StartElement); ok && !SVGElements[s.Name.Local] && !slices.Contains(allowed, s.Name.Local) {
			t.Fatalf("unexpected element <%s> in\n%s", s.Name.Local, html)
		}
	}
}

// PictureSVG returns the SVG of the first image in html, a data URI.
func PictureSVG(t *testing.T, html string) []byte {
	t.Helper()
	const prefix = `src="data:image/svg+xml;base64,`
	start := strings.Index(html, prefix)
	if start < 0 {
		t.Fatalf("no SVG image in %.200q", html)
	}
	data := html[start+len(prefix):]
	svg, err := base64.StdEncoding.DecodeString(data[:strings.IndexByte(data, '"')])
	if err != nil {
		t.Fatal(err)
	}
	return svg
}

// TextsByTitle decodes svg and returns the texts of each node group, by
// the group's title; it fails on any element that Graphviz does not write
// for a graph, which a label might have injected.
func TextsByTitle(t *testing.T, svg []byte) map[string][]string {
	t.Helper()
	texts := map[string][]string{}
	d := xml.NewDecoder(bytes.NewReader(svg))
	var group, element string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return texts
		}
		if err != nil {
			t.Fatalf("the SVG is not XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			element = tok.Name.Local
			if !SVGElements[element] {
				t.Fatalf("unexpected element <%s> in the SVG:\n%s", element, svg)
			}
		case xml.EndElement:
			element = ""
		case xml.CharData:
			switch element {
			case "title":
				group = string(tok)
			case "text":
				texts[group] = append(texts[group], string(tok))
			}
		}
	}
}

// CheckInert fails if the script js, embedded in a <script> element, could
// end it early or open an HTML comment in it.
func CheckInert(t *testing.T, name, js string) {
	t.Helper()
	for _, bad := range []string{"</", "<!--", "<script"} {
		if strings.Contains(js, bad) {
			t.Errorf("%s contains %q", name, bad)
		}
	}
}

// FixturesEnv names the folder where the Go tests write the fixtures of
// the JavaScript tests (make jstest sets it); the Node tests read them
// there.
const FixturesEnv = "GOGRAD_JS_FIXTURES"

// WriteFixture writes v as JSON to the file name in the folder that
// $GOGRAD_JS_FIXTURES names, for a Node test of a page's script; without
// it, the test is skipped.
func WriteFixture(t *testing.T, name string, v any) {
	t.Helper()
	dir := os.Getenv(FixturesEnv)
	if dir == "" {
		t.Skip(FixturesEnv + " is not set: make jstest sets it")
	}
	js, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), append(js, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
