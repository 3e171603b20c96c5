// Package output shows a program's output under the GoNB notebook cell
// that runs it: HTML, SVG pictures, errors, and live outputs that change
// while the cell runs. Outside a notebook, pictures go to files and errors
// to standard error, and the rest shows nothing.
//
// Packages display and display/plots show their output with it, and cells
// can too:
//
//	output.HTML("<b>step 3</b> of 10")
//
// It speaks GoNB's protocol itself rather than through GoNB's package
// gonbui, whose dependencies would make every cell that shows output
// slower to build. GoNB takes output from one of them only, so a cell that
// shows output with this package must not also use gonbui's (it gets an
// error saying so).
package output

import (
	"encoding/base64"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gograd/gograd/internal/gonb"
)

// Graphviz and gonum size their pictures in points, browsers in CSS
// pixels: PtPerInch and PxPerInch of them make an inch.
const (
	PtPerInch = 72
	PxPerInch = 96
)

// Px converts a length in points to CSS pixels.
func Px(pt float64) float64 { return pt * PxPerInch / PtPerInch }

// MinTextPx is the smallest text, in CSS pixels, that a picture is shrunk
// to when it is scaled down to fit the width of a cell: still readable,
// and small enough for a compact neuron of 60 Values or a small network's
// graph of 120 to fit a cell. The interactive views of package display
// keep the same.
const MinTextPx = 8.5

// maxHeightPx is the height, in CSS pixels, that a picture is shrunk to
// when it is taller, text size allowing: the classic Notebook puts an
// output taller than about 1,800 pixels in a box that scrolls, out of
// sight of the root of a top-down graph.
const maxHeightPx = 1600

// WindowRoom is the height, a CSS length, that a picture under a cell may
// take in a notebook's window: the window's height less lessPx for the
// notebook's menus and toolbars and whatever shows above the picture in
// its output, but at least 320 pixels. Pictures take WindowRoom(160); the
// views of package display/views leave more for their controls.
func WindowRoom(lessPx int) string {
	return fmt.Sprintf("max(320px, 100vh - %dpx)", lessPx)
}

// InNotebook reports whether the program runs as a cell of a GoNB
// notebook.
func InNotebook() bool { return gonb.InNotebook }

// HTML shows html under the notebook cell. Outside a notebook it does
// nothing.
func HTML(html string) { Show(html, "") }

// Show shows html under the notebook cell, with text, if not "", as its
// plain-text alternative for front ends that show no HTML, and returns
// once GoNB has it. Outside a notebook it does nothing. A failure goes to
// standard error: the cell's output is what failed.
func Show(html, text string) {
	if gonb.InNotebook {
		if err := gonb.Send(gonb.Output{HTML: html, Text: text}); err != nil {
			fmt.Fprintln(os.Stderr, "output:", err)
		}
	}
}

// Error shows err where the user looks, under the cell in red or on
// standard error outside a notebook, and returns it. In a notebook it is dark
// red on white, readable in a dark theme too, and its lines wrap between
// words (JupyterLab's outputs break words anywhere, word-break:break-all)
// unless a word is wider than the line.
func Error(err error) error {
	if gonb.InNotebook {
		Show(`<pre style="color:#b00000;background:#fff;padding:4px 6px;white-space:pre-wrap;word-break:normal;overflow-wrap:break-word">`+
			html.EscapeString(err.Error())+"</pre>", err.Error())
	} else {
		fmt.Fprintln(os.Stderr, err)
	}
	return err
}

// A Picture is an SVG picture, such as a graph that Graphviz drew or a
// plot, from its <svg> element on.
type Picture struct {
	SVG      []byte
	Alt      string // the picture in words, for where it cannot show
	FullSize bool   // keep its own size, however wide, instead of scaling down to the cell
}

// Show shows the picture under the notebook cell, as an image, which
// Jupyter shows in trusted and untrusted notebooks alike, scaled down to
// the width of the cell as far as its text stays readable ([MinTextPx])
// unless FullSize; a wider picture scrolls sideways. Outside a notebook it
// writes the picture to file in the current directory (replacing any
// earlier one) and prints the file's path, after who, as in
//
//	display: Graph: wrote /home/me/graph.svg; open it in a web browser
//
// Errors are prefixed with who.
func (p Picture) Show(file, who string) error {
	if gonb.InNotebook {
		Show(p.html(), p.Alt+" (a picture in a notebook)")
		return nil
	}
	if err := os.WriteFile(file, p.SVG, 0o644); err != nil {
		return fmt.Errorf("%s: %w", who, err)
	}
	path, err := filepath.Abs(file)
	if err != nil {
		path = file
	}
	fmt.Printf("%s: wrote %s; open it in a web browser\n", who, path)
	return nil
}

// html puts the picture into HTML for a notebook. The SVG is an image (a
// data URI), not inline markup: Jupyter's sanitizer keeps images in
// notebooks that are not trusted, where it removes inline SVG, leaving only
// its text. The image shrinks to the width of the cell, and to the height
// of the window (WindowRoom(160)), but not below the width at which its
// smallest text is MinTextPx tall: a wider picture scrolls sideways
// instead, starting at its right end, where a left-to-right graph ends.
// The sanitizer of an untrusted notebook drops the rule of the window's
// height (it keeps only plain lengths), and the rule before it holds: a
// picture taller than maxHeightPx shrinks to that height.
func (p Picture) html() string {
	f := FitOf(p.SVG)
	width, height := math.Ceil(f.Width), math.Ceil(f.Height)
	minWidth, maxWidth := width, width
	inWindow := ""
	if !p.FullSize {
		minWidth = math.Ceil(width * f.MinScale)
		if height > maxHeightPx {
			maxWidth = max(minWidth, math.Floor(width*maxHeightPx/height))
		}
		if height > 0 {
			inWindow = fmt.Sprintf(";max-width:max(%.0fpx, min(%.0fpx, (%s) * %.4f))", minWidth, maxWidth, WindowRoom(160), width/height)
		}
	}
	return fmt.Sprintf(`<div class="gograd-graph" style="overflow-x:auto;direction:rtl">`+
		`<img src="data:image/svg+xml;base64,%s" alt="%s" width="%.0f" style="display:block;margin:0 auto 0 0;`+
		`direction:ltr;width:100%%;max-width:%.0fpx%s;min-width:%.0fpx;height:auto" /></div>`,
		base64.StdEncoding.EncodeToString(p.SVG), html.EscapeString(p.Alt), width, maxWidth, inWindow, minWidth)
}

// A Fit is how a picture fits a notebook cell: its own size in CSS pixels,
// and the smallest scale that it may be shrunk to, the one at which its
// smallest text is MinTextPx tall (1 if its text is that small already, 0
// if it has none).
// Pictures and the views of package display/views both fit by it.
type Fit struct {
	Width    float64 `json:"width"`
	Height   float64 `json:"height"`
	MinScale float64 `json:"minScale"`
}

// FitOf returns the fit of an SVG picture, from the width and height of
// its <svg> element and the font sizes of its texts, in points.
func FitOf(svg []byte) Fit {
	f := Fit{MinScale: 1}
	if w, h := attrPt(svg, "width"), attrPt(svg, "height"); len(w) > 0 && len(h) > 0 {
		f.Width, f.Height = Px(w[0]), Px(h[0]) // the <svg> element's come first
	}
	smallest := math.Inf(1)
	for _, pt := range attrPt(svg, "font-size") {
		smallest = min(smallest, Px(pt))
	}
	if smallest > MinTextPx {
		f.MinScale = MinTextPx / smallest // 0 for a picture without text, which may shrink as it likes
	}
	return f
}

// attrPt returns the numbers of every attribute name="Npt" or name="N"
// in svg, in order.
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

// Live is an output block under the cell that changes while the cell runs,
// such as a progress line. Jupyter does not save what such a block shows, so
// Keep replaces it with an output that the notebook saves.
type Live struct{ id string }

// NewLive returns a new, empty live output block.
func NewLive() *Live { return &Live{id: gonb.NewID()} }

// Show replaces what the block shows with html. Outside a notebook it does
// nothing.
func (l *Live) Show(html string) {
	if gonb.InNotebook {
		if err := gonb.Send(gonb.Output{HTML: html, ID: l.id}); err != nil {
			fmt.Fprintln(os.Stderr, "output:", err)
		}
	}
}

// Keep empties the block and shows html as an ordinary output, one that
// the notebook saves. Outside a notebook it does nothing.
func (l *Live) Keep(html string) {
	l.Show("")
	HTML(html)
}
