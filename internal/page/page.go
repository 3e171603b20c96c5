// Package page writes the output of an interactive view: the view's data,
// a still picture for where scripts do not run, and the view's script,
// started by one shared script (page.js).
package page

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strings"
)

// A Page is the output of an interactive view (views.Nudge, views.StepByStep,
// training.Recorder.Show): one box holding the data of the view's script and a still
// picture for where scripts do not run (an untrusted notebook), then the
// script, which finds the box and replaces the picture with the view.
type Page struct {
	Class  string // the box's class, such as "gograd-view"; its key is in data-<class>
	Data   any    // what the view's script receives, as JSON
	Still  string // what the box shows until the script runs: the picture and a note
	Script string // the view's script: see page.js
	Text   string // the view in plain text, its alternative
	Hint   string // what to reduce when the page is too big
}

// The start of every view's script, which hands the view's box to the
// view's own.
//
//go:embed page.js
var pageJS string

// PackedJS is the decoder of packed numbers in the browser, an expression
// whose value is an object of two functions: unpack(packed), a promise of
// the parts of a [Packed], and decode(packed, buffer) (see packed.go).
//
//go:embed packed.js
var PackedJS string

// HTML writes the page, and refuses it if it is larger than maxSize
// bytes.
func (p Page) HTML(maxSize int) (string, error) {
	js, err := ScriptJSON(p.Data)
	if err != nil {
		return "", err
	}
	// The key ties the script to its box. It depends only on the view, so
	// a notebook's output is the same on every run; two identical views
	// share it and the script tells them apart (see page.js).
	h := fnv.New64a()
	h.Write(js)
	key := fmt.Sprintf("%016x", h.Sum64())
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="%s" data-%s="%s"><script type="application/json">%s</script><div class="gograd-still">%s</div></div>`,
		p.Class, p.Class, key, js, p.Still)
	fmt.Fprintf(&b, "<script>%s(%q, %q, %s);</script>", strings.TrimSpace(pageJS), key, p.Class, strings.TrimSpace(p.Script))
	if size := b.Len() + len(p.Text); size > maxSize {
		return "", TooBig(size, maxSize, false, p.Hint)
	}
	return b.String(), nil
}

// StillNote is what a still picture says about itself, before the picture:
// how to trust the notebook in each front end, as their menus have it
// (JupyterLab 4 has Trust Notebook only in its command palette; Notebook 7
// in its File menu), for an untrusted output cannot tell which one shows it.
func StillNote(what string) string {
	return `<p><em>A still picture` + what + `: the controls of this view need a trusted notebook, ` +
		`or the cell run again. ` + TrustHow + `</em></p>`
}

// TrustHow says how to trust a notebook in each front end, as their menus
// have it (see StillNote).
const TrustHow = `To trust it in JupyterLab: Ctrl+Shift+C (the command palette), ` +
	`then Trust Notebook; in Notebook 7: File ▸ Trust Notebook.`

// TooBig is the error for a view of size bytes, or of at least size bytes,
// over maxSize, display.MaxViewSize.
func TooBig(size, maxSize int, atLeast bool, hint string) error {
	would := "would take"
	if atLeast {
		would = "would take at least"
	}
	return fmt.Errorf("the view %s %d bytes, over the limit of display.MaxViewSize = %d: %s", would, size, maxSize, hint)
}

// ScriptJSON writes data as JSON that can sit inside a <script> element:
// no < at all, so no </script> or <!-- can end or confuse it.
func ScriptJSON(data any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // escaping > and & as well would make the SVG a quarter longer
	if err := enc.Encode(data); err != nil {
		return nil, err
	}
	// A < can only be inside a JSON string, where \u003c means the same.
	return bytes.ReplaceAll(bytes.TrimSpace(b.Bytes()), []byte("<"), []byte(`\u003c`)), nil
}
