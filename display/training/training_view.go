package training

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"

	"github.com/gograd/gograd/display"
	"github.com/gograd/gograd/internal/page"
	"github.com/gograd/gograd/nn"
)

// The view of a Recorder is made like the views of package display/views:
// the cell computes every step, and the output holds the data, a still
// picture of the last step for a notebook that is not trusted, and the
// script that draws the steps in the browser. The numbers travel packed
// (package internal/page): each rounded to one of 65,535 levels of its
// range (its layer's weights over the whole run, a layer's gradients at
// one step, the points' scores over the run), which keeps four
// significant digits of the largest; a weight as its change since the
// step before, which is small and compresses well. What the page shows of
// them is decided here: the boundary as one level per grid cell (see
// gridLevel), the points on the wrong side as one flag per point and step
// (nn.Correct), the legend's labels.

// The script of the training view, run in the browser.
//
//go:embed training.js
var trainingJS string

// The colours of the view, shared by the still picture and the script.
var (
	// gridColors are the plane's colours at each gridLevel: a score of
	// at most -1, in (-1, 0], in (0, 1), at least 1, and not a number.
	gridColors = [...]string{"#8fbbe3", "#d3e4f4", "#fcdcbc", "#f5ad6b", "#b0b0b0"}
	// pointColors are the points' colours, for the labels -1 and +1, and
	// the ring of a point on the wrong side.
	pointColors = [...]string{"#1f5f9f", "#c84f00", "#d00000"}
)

// gridLevel is the level of a score on the plane: which side of the
// boundary (score > 0 is class +1, as nn.Accuracy counts it) and whether
// inside the margin |score| < 1, where the max-margin loss still charges.
func gridLevel(s float64) byte {
	switch {
	case math.IsNaN(s):
		return 4
	case s <= -1:
		return 0
	case s <= 0:
		return 1
	case s < 1:
		return 2
	}
	return 3
}

// The codes of the largest magnitude: weights keep five significant
// digits, gradients and scores four.
const (
	weightLevels = math.MaxInt16
	gradLevels   = 8191
)

// gridLegend names the levels of gridLevel, for the view's legend, and
// wrongLegend the ring of a point on the wrong side.
var gridLegend = [...]string{"score ≤ −1", "(−1, 0]", "(0, 1)", "≥ 1"}

const wrongLegend = "wrong side"

// trainingData is what the script receives.
type trainingData struct {
	Title  string              `json:"title"`
	Steps  int                 `json:"steps"`
	Loss   []json.RawMessage   `json:"loss"`
	Acc    []json.RawMessage   `json:"acc"`
	Held   []json.RawMessage   `json:"heldOut,omitempty"` // the held-out accuracy, if there are held-out points
	Points [][]json.RawMessage `json:"points"`            // their coordinates
	Labels []json.RawMessage   `json:"labels"`
	Layers []trainingLayer     `json:"layers"`
	Plane  *trainingPlane      `json:"plane,omitempty"`
	Colors map[string]any      `json:"colors"`
	Legend []string            `json:"legend"`          // the labels of the plane's levels, then of the ring of a wrong point
	Costs  bool                `json:"costs,omitempty"` // the packed numbers hold each point's cost
	// Packed holds the numbers of every step: each layer's weights
	// ("w0", "w1", …, as changes from the step before) and gradients ("g0",
	// …), parameter by parameter; the scores ("scores", as changes) and,
	// with a Recorder.Cost, each point's cost ("costs"), point by point;
	// then, step by step, a byte per point that is 1 when it is on the
	// wrong side ("wrong") and the plane's levels, a byte a cell ("grid").
	Packed page.Packed `json:"packed"`
}

type trainingLayer struct {
	Act    string    `json:"act"`
	Rows   int       `json:"rows"` // neurons
	Cols   int       `json:"cols"` // inputs + the bias
	Labels []string  `json:"labels"`
	W      float64   `json:"wScale"`
	G      []float64 `json:"gScale"` // one per step
}

type trainingPlane struct {
	X0   float64 `json:"x0"`
	X1   float64 `json:"x1"`
	Y0   float64 `json:"y0"`
	Y1   float64 `json:"y1"`
	Cols int     `json:"cols"`
	Rows int     `json:"rows"`
}

// jsNumber is a number for the script: JSON's, or a string for the script's
// Number() where JSON has none.
func jsNumber(v float64, digits int) json.RawMessage {
	switch {
	case math.IsNaN(v):
		return json.RawMessage(`"NaN"`)
	case math.IsInf(v, 1):
		return json.RawMessage(`"Infinity"`)
	case math.IsInf(v, -1):
		return json.RawMessage(`"-Infinity"`)
	}
	return json.RawMessage(strconv.FormatFloat(v, 'g', digits, 64))
}

const trainingHint = "record fewer steps, or fewer points, or a coarser grid (Recorder.Cells)"

// data packs the recorded steps for the script.
func (t *Recorder) data() (*trainingData, error) {
	steps := t.steps
	d := &trainingData{Title: t.title(), Steps: len(steps),
		Colors: map[string]any{"grid": gridColors, "points": pointColors},
		Legend: append(gridLegend[:], wrongLegend)}
	for _, s := range steps {
		d.Loss = append(d.Loss, jsNumber(s.Loss, 6))
		d.Acc = append(d.Acc, jsNumber(s.Accuracy, 6))
		if len(t.held) > 0 {
			d.Held = append(d.Held, jsNumber(s.HeldOut, 6))
		}
	}
	for i, x := range t.points {
		var p []json.RawMessage
		for _, c := range x {
			p = append(p, jsNumber(c, 5))
		}
		d.Points = append(d.Points, p)
		d.Labels = append(d.Labels, jsNumber(t.labels[i], 4))
	}
	p := page.NewPacker(len(steps))
	first := 0 // of the layer's parameters
	for li, l := range t.model.Layers {
		cols := len(l.Neurons[0].W) + 1
		n := len(l.Neurons) * cols
		layer := trainingLayer{Act: l.Neurons[0].Act.String(), Rows: len(l.Neurons), Cols: cols}
		var ws [][]float64
		for _, s := range steps {
			ws = append(ws, s.Params[first:first+n])
			layer.G = append(layer.G, page.ScaleOf(s.Grads[first:first+n]))
		}
		layer.W = page.ScaleOf(ws...)
		for _, param := range t.params[first : first+n] {
			layer.Labels = append(layer.Labels, param.Label)
		}
		for _, n := range l.Neurons {
			if n.Act != l.Neurons[0].Act || len(n.W) != cols-1 {
				return nil, fmt.Errorf("layer %d mixes activations or numbers of inputs, which the view cannot show", li)
			}
		}
		first0 := first
		p.Codes(fmt.Sprint("w", li), n, true, weightLevels, []float64{layer.W}, func(i, k int) float64 { return steps[k].Params[first0+i] })
		p.Codes(fmt.Sprint("g", li), n, false, gradLevels, layer.G, func(i, k int) float64 { return steps[k].Grads[first0+i] })
		d.Layers = append(d.Layers, layer)
		first += n
	}
	scores := make([][]float64, len(steps))
	for k, s := range steps {
		scores[k] = s.Scores
	}
	p.Codes("scores", len(t.points), true, gradLevels, []float64{page.ScaleOf(scores...)}, func(i, k int) float64 { return steps[k].Scores[i] })
	if t.Cost != nil {
		costs := make([][]float64, len(steps))
		for k, s := range steps {
			costs[k] = s.Costs
		}
		d.Costs = true
		p.Codes("costs", len(t.points), true, gradLevels, []float64{page.ScaleOf(costs...)}, func(i, k int) float64 { return steps[k].Costs[i] })
	}
	p.Bytes("wrong", len(t.points), func(i, k int) byte {
		if nn.Correct(steps[k].Scores[i], t.labels[i]) {
			return 0
		}
		return 1
	})
	if pl := t.plane; pl != nil {
		d.Plane = &trainingPlane{X0: pl.x0, X1: pl.x1, Y0: pl.y0, Y1: pl.y1, Cols: pl.cols, Rows: pl.rows}
		p.Bytes("grid", pl.cols*pl.rows, func(i, k int) byte { return gridLevel(steps[k].Grid[i]) })
	}
	d.Packed = p.Packed()
	return d, nil
}

// html writes the view's output: its data and the still picture of the
// last step in a box, and the script.
func (t *Recorder) html() (string, error) {
	d, err := t.data()
	if err != nil {
		return "", err
	}
	return page.Page{Class: "gograd-training", Data: d, Still: page.StillNote(" of the last step") + t.stillImage(len(t.steps)-1, len(t.steps)),
		Script: strings.TrimSpace(trainingJS) + "(" + strings.TrimSpace(page.PackedJS) + ")", Text: t.summary(), Hint: trainingHint}.HTML(display.MaxViewSize)
}

// stillImage returns an <img> of step k of steps (0 while training): the
// loss and accuracy, and the boundary with the points.
func (t *Recorder) stillImage(k, steps int) string {
	s := t.steps[k]
	of := ""
	if steps > 0 {
		of = fmt.Sprintf(" of %d", steps)
	}
	heading := fmt.Sprintf("%s, step %d%s: loss %.4f, accuracy %.0f%%", t.title(), k, of, s.Loss, 100*s.Accuracy)
	if len(t.held) > 0 {
		heading += fmt.Sprintf(", held-out %.0f%%", 100*s.HeldOut)
	}
	const width = 480
	var svg strings.Builder
	height, top := 40, 40
	if k > 0 {
		height += curvesHeight
		top += curvesHeight
	}
	if pl := t.plane; pl != nil {
		height += width * pl.rows / pl.cols
	}
	fmt.Fprintf(&svg, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica,Arial,sans-serif">`,
		width, height, width, height)
	fmt.Fprintf(&svg, `<rect width="%d" height="%d" fill="#fff"/><text x="4" y="24" font-size="14">%s</text>`, width, height, html.EscapeString(heading))
	if k > 0 {
		t.curves(&svg, k, width)
	}
	if pl := t.plane; pl != nil {
		img := image.NewRGBA(image.Rect(0, 0, pl.cols, pl.rows))
		for r := range pl.rows {
			for c := range pl.cols {
				img.Set(c, pl.rows-1-r, hexColor(gridColors[gridLevel(s.Grid[r*pl.cols+c])]))
			}
		}
		var pngData bytes.Buffer
		png.Encode(&pngData, img)
		ph := float64(width * pl.rows / pl.cols)
		fmt.Fprintf(&svg, `<g transform="translate(0 %d)"><image width="%d" height="%.0f" preserveAspectRatio="none" href="data:image/png;base64,%s"/>`,
			top, width, ph, base64.StdEncoding.EncodeToString(pngData.Bytes()))
		for i, x := range t.points {
			px := (x[0] - pl.x0) / (pl.x1 - pl.x0) * width
			py := (pl.y1 - x[1]) / (pl.y1 - pl.y0) * ph
			if math.IsNaN(px+py) || math.IsInf(px+py, 0) {
				continue
			}
			class := 0
			if t.labels[i] > 0 {
				class = 1
			}
			fmt.Fprintf(&svg, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s"`, px, py, pointColors[class])
			if !nn.Correct(s.Scores[i], t.labels[i]) {
				fmt.Fprintf(&svg, ` stroke="%s" stroke-width="2.5"`, pointColors[2])
			}
			svg.WriteString("/>")
		}
		svg.WriteString("</g>")
	}
	svg.WriteString("</svg>")
	return fmt.Sprintf(`<img alt="%s" src="data:image/svg+xml;base64,%s"/>`, html.EscapeString(heading),
		base64.StdEncoding.EncodeToString([]byte(svg.String())))
}

// curvesHeight is the height of the still picture's curves of the loss
// and the accuracy, in pixels.
const curvesHeight = 150

// The colours of the curves: the loss, the accuracy and the held-out
// accuracy.
var curveColors = [...]string{"#1f5f9f", "#c84f00", "#6a3d9a"}

// curves draws the loss (from 0 to its largest), the accuracy and, with
// held-out points, their accuracy (from 0% to 100%) over steps 0 to k,
// under the heading of a still picture width pixels wide, with a legend.
func (t *Recorder) curves(svg *strings.Builder, k, width int) {
	const left, right, top, bottom = 44, 12, 62, 40 + curvesHeight - 18 // the plot's box
	most := 0.0
	for _, s := range t.steps[:k+1] {
		if !math.IsInf(s.Loss, 0) && !math.IsNaN(s.Loss) {
			most = max(most, s.Loss)
		}
	}
	if most == 0 {
		most = 1
	}
	x := func(i int) float64 { return left + float64(i)/float64(k)*float64(width-left-right) }
	y := func(v float64) float64 { return bottom - max(0, min(1, v))*(bottom-top) }
	fmt.Fprintf(svg, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999"/>`, left, top, width-left-right, bottom-top)
	fmt.Fprintf(svg, `<g font-size="12" fill="#222"><text x="%d" y="%d" text-anchor="end">%.3g</text><text x="%d" y="%d" text-anchor="end">0</text>`+
		`<text x="%d" y="%d">step 0</text><text x="%d" y="%d" text-anchor="end">step %d</text></g>`,
		left-4, top+10, most, left-4, bottom, left, bottom+14, width-right, bottom+14, k)
	line := func(color string, value func(Step) float64) {
		fmt.Fprintf(svg, `<polyline fill="none" stroke="%s" stroke-width="2" points="`, color)
		for i, s := range t.steps[:k+1] {
			if v := value(s); !math.IsNaN(v) && !math.IsInf(v, 0) {
				fmt.Fprintf(svg, "%.1f,%.1f ", x(i), y(v))
			}
		}
		svg.WriteString(`"/>`)
	}
	legend := []string{fmt.Sprintf("loss (0 to %.3g)", most), "accuracy (0 to 100%)", "held-out accuracy"}
	line(curveColors[0], func(s Step) float64 { return s.Loss / most })
	line(curveColors[1], func(s Step) float64 { return s.Accuracy })
	shown := 2
	if len(t.held) > 0 {
		line(curveColors[2], func(s Step) float64 { return s.HeldOut })
		shown = 3
	}
	for i := range shown {
		fmt.Fprintf(svg, `<text x="%d" y="%d" font-size="12" fill="%s">%s</text>`, left+4+150*i, top-6, curveColors[i], legend[i])
	}
}

// hexColor reads a colour #rrggbb.
func hexColor(hex string) color.RGBA {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}
