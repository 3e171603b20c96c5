package display

import (
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

// The notebook calls reach GoNB and the terminal through these variables,
// so that tests can see what a notebook or a terminal would receive.
var (
	inNotebook              = gonbPipe != ""
	displayOutput           = showOutput
	displayHTML             = func(html string) { displayOutput(html, "") }
	updateHTML              = showUpdate
	uniqueID                = newOutputID
	sleep                   = time.Sleep
	stdout        io.Writer = osFile{&os.Stdout}
	stderr        io.Writer = osFile{&os.Stderr}
)

// An osFile writes to the file that a variable such as os.Stdout holds at
// the time of writing, which lets examples and tests capture the output.
type osFile struct{ f **os.File }

func (w osFile) Write(p []byte) (int, error) { return (*w.f).Write(p) }

// showOutput shows html under the cell, with text for front ends that
// show no HTML, and waits until GoNB has it. A failure goes to standard
// error: the cell's output is what failed.
func showOutput(html, text string) {
	contents := map[string]any{"text/html": html}
	if text != "" {
		contents["text/plain"] = text
	}
	if err := gonbSend(contents, "", true); err != nil {
		fmt.Fprintln(stderr, "display:", err)
	}
}

// showUpdate replaces the contents of the output block id with html.
func showUpdate(id, html string) {
	if err := gonbSend(map[string]any{"text/html": html}, id, false); err != nil {
		fmt.Fprintln(stderr, "display:", err)
	}
}

// InNotebook reports whether the program runs as a cell of a GoNB
// notebook.
func InNotebook() bool { return inNotebook }

// HTML shows html under the notebook cell. Outside a notebook it does
// nothing. Use it rather than gonbui.DisplayHTML in cells that also draw:
// see [Graph].
func HTML(html string) {
	if inNotebook {
		displayHTML(html)
	}
}

// ShowSVG shows an SVG picture made elsewhere, such as a plot, under the
// notebook cell the way [Graph] shows its pictures: as an image, which
// untrusted notebooks keep too, scaled down to the width of the cell, with
// alt as its plain-text description. Outside a notebook it does nothing.
func ShowSVG(svg []byte, alt string) {
	if inNotebook {
		showPicture(svg, alt, false)
	}
}

// showPicture shows svg under the cell as pictureHTML puts it, with alt,
// the picture described in words, as its plain-text alternative.
func showPicture(svg []byte, alt string, fullSize bool) {
	displayOutput(pictureHTML(svg, alt, fullSize), alt+" (a picture in a notebook)")
}

// Live is an output block under the cell that changes while the cell runs,
// such as a progress line. Jupyter does not save what such a block shows, so
// Keep replaces it with an output that the notebook saves.
type Live struct{ id string }

// NewLive returns a new, empty live output block.
func NewLive() *Live { return &Live{id: uniqueID()} }

// Show replaces what the block shows with html. Outside a notebook it does
// nothing.
func (l *Live) Show(html string) {
	if inNotebook {
		updateHTML(l.id, html)
	}
}

// Keep empties the block and shows html as an ordinary output, one that
// the notebook saves. Outside a notebook it does nothing.
func (l *Live) Keep(html string) {
	if inNotebook {
		updateHTML(l.id, "")
		displayHTML(html)
	}
}

// graphFile is the file that [Graph] writes outside a notebook, in the
// current directory.
const graphFile = "graph.svg"

// Graph draws the graph that ends in root: the notebook's way to call [SVG].
// In a GoNB notebook the picture appears under the cell, scaled to the
// width of the cell as far as its text stays readable (see [FullSize]).
// Outside a notebook Graph writes it to the file graph.svg in the current
// directory (replacing any earlier one) and prints the file's path. Errors,
// such as a graph over the size limit, are shown in the cell's output, or
// printed to standard error outside a notebook, and returned.
//
// The picture is an image in the notebook's HTML, which Jupyter shows
// whether or not the notebook is trusted, with a line of plain text for
// front ends that show no pictures. Package display sends its output to
// GoNB itself, not through GoNB's package gonbui, which makes cells that
// draw quicker to build; in exchange, a cell that draws must not also use
// gonbui to show output (it gets an error saying so): use [HTML] and
// [Live] instead.
func Graph(root any, opts ...Option) error {
	d, err := prepare(root, opts)
	if err != nil {
		return report(failed("Graph", err))
	}
	svg, err := render(d.dot())
	if err != nil {
		return report(failed("Graph", err))
	}
	if inNotebook {
		showPicture(svg, d.summary(), d.cfg.fullSize)
		return nil
	}
	return writeGraphFile("Graph", svg)
}

// minTextPx is the smallest text, in CSS pixels, that a picture is shrunk
// to when it is scaled down to fit the width of a cell: still readable,
// and small enough for a compact neuron of 60 Values or a small network's
// graph of 120 to fit a cell.
const minTextPx = 8.5

// maxHeightPx is the height, in CSS pixels, that a picture is shrunk to
// when it is taller, text size allowing: the classic Notebook puts an
// output taller than about 1,800 pixels in a box that scrolls, out of
// sight of the root of a top-down graph.
const maxHeightPx = 1600

// attrPt returns the numbers of every attribute name="Npt" or name="N"
// in the SVG that Graphviz wrote, in order.
func attrPt(svg []byte, name string) []float64 {
	var found []float64
	key := " " + name + `="`
	for s := string(svg); ; {
		i := strings.Index(s, key)
		if i < 0 {
			return found
		}
		s = s[i+len(key):]
		value, _, _ := strings.Cut(s, `"`)
		if n, err := strconv.ParseFloat(strings.TrimSuffix(value, "pt"), 64); err == nil {
			found = append(found, n)
		}
	}
}

// pictureHTML puts an SVG picture that Graphviz drew into HTML for a
// notebook. The SVG is an image (a data URI), not inline markup: Jupyter's
// sanitizer keeps images in notebooks that are not trusted, where it
// removes inline SVG, leaving only its text. The image shrinks to the
// width of the cell, and to maxHeightPx if it is taller, but not below the
// width at which its smallest text is minTextPx tall: a wider picture
// scrolls sideways instead, starting at its right end, where a
// left-to-right graph ends. With fullSize it keeps its own size. alt is
// what shows if the image does not.
func pictureHTML(svg []byte, alt string, fullSize bool) string {
	width, height := 0.0, 0.0 // in CSS pixels; Graphviz gives points
	if w, h := attrPt(svg, "width"), attrPt(svg, "height"); len(w) > 0 && len(h) > 0 {
		width, height = math.Ceil(w[0]*4/3), math.Ceil(h[0]*4/3) // the <svg> element's come first
	}
	minWidth, maxWidth := width, width
	smallest := math.Inf(1)
	for _, pt := range attrPt(svg, "font-size") {
		smallest = min(smallest, pt*4/3)
	}
	if !fullSize && smallest > minTextPx {
		minWidth = math.Ceil(width * minTextPx / smallest)
		if height > maxHeightPx {
			maxWidth = max(minWidth, math.Floor(width*maxHeightPx/height))
		}
	}
	return fmt.Sprintf(`<div class="gograd-graph" style="overflow-x:auto;direction:rtl">`+
		`<img src="data:image/svg+xml;base64,%s" alt="%s" width="%.0f" style="display:block;margin:0 auto 0 0;`+
		`direction:ltr;width:100%%;max-width:%.0fpx;min-width:%.0fpx;height:auto" /></div>`,
		base64.StdEncoding.EncodeToString(svg), html.EscapeString(alt), width, maxWidth, minWidth)
}

// report shows err where the user of a notebook call looks, in the cell's
// output or on standard error, and returns it. In a notebook it is dark red on
// white, readable in a dark theme too.
func report(err error) error {
	if inNotebook {
		displayOutput(`<pre style="color:#b00000;background:#fff;padding:4px 6px;white-space:pre-wrap">`+html.EscapeString(err.Error())+"</pre>", err.Error())
	} else {
		fmt.Fprintln(stderr, err)
	}
	return err
}
