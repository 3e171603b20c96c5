package views

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gograd/gograd/display"
	"github.com/gograd/gograd/display/output"
	"github.com/gograd/gograd/internal/graph"
	"github.com/gograd/gograd/internal/page"
)

// The interactive views, [Nudge] and [StepByStep], work without a kernel:
// the cell computes every state a view can show (every slider position,
// every step) with the caller's engine, lays the graph out once, and sends
// one output holding the picture, the numbers of each state and a small
// script that switches between them in the browser. So the views respond
// at once, Run All never waits for input, and they keep working after the
// notebook is saved and reopened (trusted) and in nbconvert's HTML export.
//
// The output is built for the front ends that sanitise it: an untrusted
// notebook strips the script and inline SVG, so the picture the script
// draws travels inside the script's data, and the HTML around it shows a
// still image of the first state (an <img> with a data URI, which the
// sanitisers keep) with a note that the controls need a trusted notebook.
//
// A new kind of view plugs in at one of two levels. A view of a graph's
// states (numbers and marks per state, like these two) is a view with its
// own kind: in Go, a function computes the states as data into a view
// (its kind, the numbers of every Value in every state, the marks, and
// extra, what else it shows, such as Nudge's readouts) and calls show,
// which lays the graph out once; in view.js, KINDS maps the kind to a
// function that receives extra and the parts of the page (the box, the
// controls row, the slider over the states, the picture), lays out its
// controls, and returns what shows its readouts of a state. A view of
// something else, such as the training view of package display/training, writes a page (package internal/page) of its own
// data, still picture and script, a function of its box and its data that
// page.js calls once the box is on the page.

// The script and style of the views, run in the browser.
//
//go:embed view.js
var viewJS string

// A view is a graph drawn once, with the states it can show: in each, the
// numbers of every Value and the marks of the nodes.
type view struct {
	d     *graph.Drawing
	kind  string         // "nudge" or "steps": which controls the script makes
	hint  string         // what to reduce when the view is too big
	start int            // the state shown first
	data  [][]string     // [node][state]: each Value's Data, formatted
	grad  [][]string     // [node][state]: each Value's Grad, formatted; nil with DataOnly
	marks [][]graph.Mark // [state][node]: how each Value stands out
	extra any            // what the kind of view shows besides the graph, for the script
	text  string         // the plain-text version
	alt   string         // what the picture shows, for the still image's alt text
}

// classes returns the CSS class of every node that stands out in a state
// with the given marks, by the node's title in the SVG (v3, op3): the
// operation of the current Value is current too, as in [display.BackwardFrames].
func (v *view) classes(marks []graph.Mark) map[string]string {
	classes := map[string]string{}
	for i, m := range marks {
		if m == graph.Plain {
			continue
		}
		classes["v"+strconv.Itoa(i)] = graph.MarkClass[m]
		if m == graph.Current && v.d.HasOpNode(i) {
			classes["op"+strconv.Itoa(i)] = graph.MarkClass[m]
		}
	}
	return classes
}

// A field is a text of a Value's box that changes from state to state.
type field struct {
	Node    string `json:"node"`    // the title of the Value's node: v3
	FromEnd int    `json:"fromEnd"` // which of the node's texts: 1 for the last
	Prefix  string `json:"prefix"`  // "data " or "grad ", "" in the compact style
	Changes []any  `json:"changes"` // state, value, state, value, …: the value from each state on
}

// viewData is what the script receives.
type viewData struct {
	Kind   string              `json:"kind"`
	SVG    string              `json:"svg"`
	Fit    pictureFit          `json:"fit"`
	States int                 `json:"states"`
	Start  int                 `json:"start"`
	Fields []field             `json:"fields"`
	Marks  []map[string]string `json:"marks,omitempty"` // per state, when they change: node title → class
	Extra  any                 `json:"extra"`
}

// A pictureFit is how a view's picture fits: as a picture of
// display.Graph does (output.Fit), and in the room that the window leaves
// beside the notebook's toolbars and the view's controls.
type pictureFit struct {
	output.Fit
	Room     string `json:"room"`     // the height the picture may take, a CSS length
	FullSize bool   `json:"fullSize"` // whether the view has a Full size button (output.Fit.MayShrink)
}

// pictureRoom is the height that a view's picture may take, by the kind
// of view: the window's, less room for a notebook's toolbars and the
// view's controls (and a step's caption, up to five lines, above the
// picture). A picture that its readable size (output.Fit's MinScale) makes
// taller scrolls in a box of that height, which follows the Value that the
// state marks as current.
var pictureRoom = map[string]string{
	"nudge": output.WindowRoom(200),
	"steps": output.WindowRoom(290),
}

// fit returns how the view's picture, svg, fits.
func (v *view) fit(svg []byte) pictureFit {
	f := output.FitOf(svg)
	return pictureFit{Fit: f, Room: pictureRoom[v.kind], FullSize: f.MayShrink()}
}

// show sends the view to the notebook, or prints its text outside one.
func (v *view) show() error {
	if !output.InNotebook() {
		_, err := io.WriteString(os.Stdout, v.text)
		return err
	}
	page, err := v.html()
	if err != nil {
		return err
	}
	output.Show(page, v.text)
	return nil
}

// html lays the view out and writes its output: the view's data and a
// still image of its first state in a box, and the script.
func (v *view) html() (string, error) {
	data, err := v.scriptData()
	if err != nil {
		return "", err
	}
	still := page.StillNote("") + fmt.Sprintf(`<img alt="%s" src="data:image/svg+xml;base64,%s">`,
		html.EscapeString(v.alt), base64.StdEncoding.EncodeToString([]byte(data.SVG)))
	return page.Page{Class: "gograd-view", Data: data, Still: still, Script: viewJS, Text: v.text, Hint: v.hint}.HTML(display.MaxViewSize)
}

// scriptData lays the view out and returns what its script receives.
func (v *view) scriptData() (*viewData, error) {
	svg, err := v.layout()
	if err != nil {
		return nil, err
	}
	data := &viewData{Kind: v.kind, SVG: string(svg), Fit: v.fit(svg), States: len(v.marks), Start: v.start,
		Fields: v.fields(), Extra: v.extra}
	if slices.ContainsFunc(v.marks, func(m []graph.Mark) bool { return !slices.Equal(m, v.marks[0]) }) {
		for _, marks := range v.marks {
			data.Marks = append(data.Marks, v.classes(marks))
		}
	}
	return data, nil
}

// svgBytesPerValue is about the least that Graphviz's SVG takes for one
// Value (its box, its operation, their arrows); the lessons' graphs take
// 1.2 to 1.3 KB. The picture travels twice, as the script's data and as
// the still image in base64.
const svgBytesPerValue = 700

// leastSize is about the least that a view of a graph of values Values
// takes, to refuse one that cannot fit before the work of making it.
func leastSize(values int) int {
	return values * svgBytesPerValue * 7 / 3
}

// layout renders the graph once, in its first state, with every field
// that changes padded to the width of its widest value in any state, so
// that no number overflows its box when the script shows it, and the
// marks as CSS classes, whose style it puts in the picture, so that the
// SVG looks right on its own, as an image.
func (v *view) layout() ([]byte, error) {
	shown := *v.d
	shown.Classes = true
	shown.Marks = v.marks[v.start]
	shown.FieldTexts = make([][2]string, len(v.d.Nodes))
	p := v.d.Prefixes()
	for i := range shown.FieldTexts {
		shown.FieldTexts[i][0] = padded(p[0], v.data[i], v.start)
		if v.grad != nil {
			shown.FieldTexts[i][1] = padded(p[1], v.grad[i], v.start)
		}
	}
	svg, err := shown.SVG()
	if err != nil {
		return nil, err
	}
	// The renderer's SVG starts with its <svg> start tag, which holds no >.
	open := bytes.IndexByte(svg, '>') + 1
	if !bytes.HasPrefix(svg, []byte("<svg")) || open == 0 {
		return nil, errors.New("the renderer's answer does not start with an <svg> element")
	}
	return slices.Concat(svg[:open], []byte("<style>"+graph.MarkCSS()+"</style>"), svg[open:]), nil
}

// padded returns the text of a field that shows prefix and values[s],
// padded with no-break spaces to the width of the longest of values, so
// that Graphviz sizes its box for every state. The record parser would
// trim plain spaces, and Graphviz's estimate of a text's width (Courier
// gives every character the same) counts a no-break space, two bytes of
// UTF-8, twice: so the padding takes half as many, and for an odd number
// of characters the space after the prefix becomes a no-break one. Only
// without a prefix (the compact style) may a box come out half a
// character wider on either side than the widest value needs.
func padded(prefix string, values []string, s int) string {
	const nbsp = "\u00a0"
	width := 0
	for _, x := range values {
		width = max(width, utf8.RuneCountInString(x))
	}
	pad := width - utf8.RuneCountInString(values[s])
	if before, ok := strings.CutSuffix(prefix, " "); ok && pad%2 == 1 {
		prefix, pad = before+nbsp, pad-1
	}
	n := (pad + 1) / 2
	return strings.Repeat(nbsp, n/2) + prefix + values[s] + strings.Repeat(nbsp, n-n/2)
}

// fields lists the texts that change between states, for the script; the
// others are right in the picture of the first state. None is an empty list,
// not JSON's null, which the script cannot map over.
func (v *view) fields() []field {
	fields := []field{}
	for i := range v.d.Nodes {
		columns := [][]string{v.data[i]}
		if v.grad != nil {
			columns = append(columns, v.grad[i])
		}
		for c, values := range columns {
			f := field{Node: "v" + strconv.Itoa(i), FromEnd: len(columns) - c, Prefix: v.d.Prefixes()[c]}
			for s, value := range values {
				if s == 0 || value != values[s-1] {
					f.Changes = append(f.Changes, s, value)
				}
			}
			if len(f.Changes) > 2 {
				fields = append(fields, f)
			}
		}
	}
	return fields
}

// failed prefixes err with the package and the function that failed, as in
// "views: Nudge: build(3) panicked: …".
func failed(fn string, err error) error {
	return fmt.Errorf("views: %s: %w", fn, err)
}
