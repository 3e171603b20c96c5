package display

import (
	_ "embed"
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/gograd/gograd/display/output"
)

// A page is the output of an interactive view ([Nudge], [StepByStep],
// [Training]): one box holding the data of the view's script and a still
// picture for where scripts do not run (an untrusted notebook), then the
// script, which finds the box and replaces the picture with the view.
type page struct {
	class  string // the box's class, such as "gograd-view"; its key is in data-<class>
	data   any    // what the view's script receives, as JSON
	still  string // what the box shows until the script runs: the picture and a note
	script string // the view's script: see page.js
	text   string // the view in plain text, its alternative
	hint   string // what to reduce when the page is too big
}

// The start of every view's script, which hands the view's box to the
// view's own.
//
//go:embed page.js
var pageJS string

// pageConstants are the numbers that the scripts share with package
// output, which shows the pictures of [Graph]: passed to them, so that
// they are written once.
var pageConstants = fmt.Sprintf(`{"ptPerInch":%d,"pxPerInch":%d,"minTextPx":%g}`, output.PtPerInch, output.PxPerInch, output.MinTextPx)

// html writes the page, and refuses it if it is larger than MaxViewSize.
func (p page) html() (string, error) {
	js, err := scriptJSON(p.data)
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
		p.class, p.class, key, js, p.still)
	fmt.Fprintf(&b, "<script>%s(%q, %q, %s, %s);</script>", strings.TrimSpace(pageJS), key, p.class, pageConstants, strings.TrimSpace(p.script))
	if size := b.Len() + len(p.text); size > MaxViewSize {
		return "", tooBig(size, false, p.hint)
	}
	return b.String(), nil
}

// stillNote is what a still picture says about itself, before the picture.
func stillNote(what string) string {
	return `<p><em>A still picture` + what + `: the controls of this view need a trusted notebook ` +
		`(File ▸ Trust Notebook) or the cell run again.</em></p>`
}
