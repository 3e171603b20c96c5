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
	"slices"
	"strconv"
	"strings"

	"github.com/gograd/gograd/internal/gonb"
	"github.com/gograd/gograd/internal/page"
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

// ProjectorTextPx is the smallest text, in CSS pixels, that pictures and
// views show in JupyterLab's presentation mode (View ▸ Appearance ▸
// Presentation Mode), where a teacher projects a lesson at 1280x720:
// there a CSS pixel is a projector's pixel, and at 14 px a character's
// capitals (about 0.6 of the size) span 10 minutes of arc from four
// times the screen's height, the farthest seat that the 4-6-8 rule of
// audiovisual design allows for detailed content and the least that
// ISO 9241-3 calls usable for dark text on a light ground (16 minutes is
// its minimum for continuous reading). docs/TEACHING.md has the
// numbers. A picture in presentation mode keeps at least this text size,
// however wide or tall it then is: it scrolls instead.
const ProjectorTextPx = 14

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
// unless FullSize; a wider picture scrolls sideways. A picture that may
// show smaller than its own size has a Full size control, and in
// JupyterLab's presentation mode its text stays ProjectorTextPx tall or
// more (see html). Outside a notebook it
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
//
// Two rules of a style sheet in the output (pictureCSS), which a trusted
// notebook, nbconvert's export and the course's site keep, and an
// untrusted notebook drops with the custom properties they read: in
// JupyterLab's presentation mode the picture keeps its text at least
// ProjectorTextPx tall (--gograd-projected, its width then); and a picture
// that may show smaller than its own size (Fit.MayShrink) has a Full size
// control above it, a <details> element, which a keyboard reaches and
// opens (Enter or Space) with no script: open, the picture takes its own
// width (--gograd-full). Where the style sheet is dropped, the opened
// control says how to trust the notebook instead.
func (p Picture) html() string {
	f := FitOf(p.SVG)
	width, height := math.Ceil(f.Width), math.Ceil(f.Height)
	minWidth, maxWidth := width, width
	inWindow, props, sheet, control := "", "", "", ""
	if !p.FullSize {
		minWidth = math.Ceil(width * f.MinScale)
		if height > maxHeightPx {
			maxWidth = max(minWidth, math.Floor(width*maxHeightPx/height))
		}
		if height > 0 {
			inWindow = fmt.Sprintf(";max-width:max(%.0fpx, min(%.0fpx, (%s) * %.4f))", minWidth, maxWidth, WindowRoom(160), width/height)
		}
		props = fmt.Sprintf(` style="--gograd-projected:%.0fpx;--gograd-full:%.0fpx"`, max(minWidth, math.Ceil(width*f.ProjectorScale)), width)
		sheet = "<style>" + pictureCSS + "</style>"
		if f.MayShrink() {
			// Lumino's shortcuts (Enter edits a cell) skip an element marked
			// data-lm-suppress-shortcuts, so that Enter and Space open it.
			control = fmt.Sprintf(`<details class="gograd-full"><summary data-lm-suppress-shortcuts="true" style="cursor:pointer">`+
				`Full size (%.0f × %.0f px)</summary><p><em>The picture shows at full size in a trusted notebook, or when its cell runs again. %s</em></p></details>`,
				width, height, page.TrustHow)
		}
	}
	return fmt.Sprintf(`<div class="gograd-graph"%s>%s%s<div style="overflow-x:auto;direction:rtl">`+
		`<img src="data:image/svg+xml;base64,%s" alt="%s" width="%.0f" style="display:block;margin:0 auto 0 0;`+
		`direction:ltr;width:100%%;max-width:%.0fpx%s;min-width:%.0fpx;height:auto" /></div></div>`,
		props, sheet, control, base64.StdEncoding.EncodeToString(p.SVG), html.EscapeString(p.Alt), width, maxWidth, inWindow, minWidth)
}

// pictureCSS is the style sheet of pictures (see html): it hides the note
// of the Full size control, which only shows where the sheet is dropped;
// rings the control when it has the keyboard's focus, as the views' are; gives an opened control's picture its own width; and in presentation
// mode keeps its text at least ProjectorTextPx tall.
const pictureCSS = `div.gograd-graph details>p{display:none}` +
	`div.gograd-graph summary:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}` +
	`div.gograd-graph:has(>details[open]) img{width:var(--gograd-full)!important;max-width:none!important}` +
	`.jp-mod-presentationMode div.gograd-graph img{min-width:var(--gograd-projected)!important}`

// MayShrink reports whether the picture may show smaller than its own
// size, and so has a Full size control: whether it is wider or taller than
// the room it has in the smallest window the course is checked at
// (1024x700, JupyterLab's file browser open: the browser test's check
// lab:small measures its output area 557 pixels wide, and WindowRoom(160)
// leaves 540 pixels of its height).
func (f Fit) MayShrink() bool {
	return f.Width > smallRoomPx[0] || f.Height > smallRoomPx[1]
}

// smallRoomPx is the width and height that a picture has in the smallest
// window (see MayShrink), a little less than measured.
var smallRoomPx = [2]float64{550, 540}

// A Fit is how a picture fits a notebook cell: its own size in CSS pixels,
// the smallest scale that it may be shrunk to, the one at which its
// smallest text is MinTextPx tall (1 if its text is that small already, 0
// if it has none), and the smallest scale in presentation mode, the one at
// which its smallest text is ProjectorTextPx tall (above 1 for smaller
// text, 0 without text).
// Pictures and the views of package display/views both fit by it.
type Fit struct {
	Width          float64 `json:"width"`
	Height         float64 `json:"height"`
	MinScale       float64 `json:"minScale"`
	ProjectorScale float64 `json:"projectorScale"`
}

// FitOf returns the fit of an SVG picture, from the width and height of
// its <svg> element and the font sizes of its texts, as attributes
// (Graphviz: font-size="14.00") or styles (gonum: font-size:13px), all in
// points: both draw in points, their viewBox the picture's size in points.
func FitOf(svg []byte) Fit {
	f := Fit{MinScale: 1}
	if w, h := attrPt(svg, ` width="`, `"`), attrPt(svg, ` height="`, `"`); len(w) > 0 && len(h) > 0 {
		f.Width, f.Height = Px(w[0]), Px(h[0]) // the <svg> element's come first
	}
	smallest := math.Inf(1)
	for _, pt := range slices.Concat(attrPt(svg, ` font-size="`, `"`), attrPt(svg, `font-size:`, `px`)) {
		smallest = min(smallest, Px(pt))
	}
	if smallest > MinTextPx {
		f.MinScale = MinTextPx / smallest // 0 for a picture without text, which may shrink as it likes
	}
	if smallest > 0 {
		f.ProjectorScale = ProjectorTextPx / smallest // 0 without text
	}
	return f
}

// attrPt returns the numbers that follow every key in svg, up to end,
// with or without a unit "pt", in order.
func attrPt(svg []byte, key, end string) []float64 {
	var found []float64
	for s := string(svg); ; {
		i := strings.Index(s, key)
		if i < 0 {
			return found
		}
		s = s[i+len(key):]
		value, _, _ := strings.Cut(s, end)
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
