package views

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/gograd/gograd/display"
	"github.com/gograd/gograd/display/output"
	"github.com/gograd/gograd/internal/graph"
	"github.com/gograd/gograd/internal/page"
)

// A Slider is the range of inputs that a [Nudge] view offers: the
// positions At, At ± By, At ± 2·By, … from From to To.
type Slider struct {
	At       float64 // the input shown first
	From, To float64 // the ends of the range; when both are 0, At-2 and At+2
	By       float64 // the distance between positions; when 0, a 40th of the range
	H        float64 // the nudge of the finite-difference estimate; when 0, 1e-6
}

// Nudge shows the graph that build makes, with a slider for its input:
// moving the slider to x shows the graph that build(x) made, every Value's
// data and grad, and readouts of the output L, the input's grad and the
// finite-difference estimate (L(x+h) − L(x))/h, marked "agree" or
// "differ". A derivative is how much the output moves when the input is
// nudged: where the engine is right, grad and estimate agree.
//
// build makes the graph at x with the caller's engine, runs its backward
// pass, and returns the input, whose Data must be x, and the root:
//
//	views.Nudge(func(x float64) (a, b *Value) {
//		a = New(x).Named("a")
//		b = a.Add(a).Named("b")
//		b.Backward()
//		return a, b
//	}, views.Slider{At: 3})
//
// Nudge calls build twice for every position of the slider (at x and at
// x+h), before showing anything: the view switches between the results in
// the browser, without the kernel, so it keeps working in a saved notebook
// and in an HTML export. Every position must give a graph of the same
// shape, the same Values made by the same operations; the picture is laid
// out once. The options are those of [display.Graph]; the input is drawn
// highlighted.
//
// Outside a notebook Nudge prints the readouts as a table. Errors are shown
// the same way as [display.Graph]'s, and a view larger than [display.MaxViewSize] is one.
func Nudge[V any](build func(x float64) (input, root *V), s Slider, opts ...display.Option) error {
	v, err := nudgeView(func(x float64) (any, any) {
		input, root := build(x)
		return input, root
	}, s, opts)
	if err == nil {
		err = v.show()
	}
	if err != nil {
		return output.Error(failed("Nudge", err))
	}
	return nil
}

// A nudge is what a Nudge view shows besides the graph: the readouts at
// every position of the slider.
type nudge struct {
	Input  string   `json:"input"`  // the input's name
	Output string   `json:"output"` // the root's name
	H      string   `json:"h"`
	X      []string `json:"x"`
	Out    []string `json:"out"`   // the root's Data, L(x)
	Grad   []string `json:"grad"`  // the input's Grad
	Slope  []string `json:"slope"` // (L(x+h) - L(x)) / h
	Agree  []bool   `json:"agree"`
}

// nudgeView builds and reads the graph at every position of the slider,
// once, and at every position plus h for the estimate.
func nudgeView(build func(x float64) (input, root any), s Slider, opts []display.Option) (*view, error) {
	xs, start, h, err := s.positions()
	if err != nil {
		return nil, err
	}
	cfg, err := graph.NewConfig(display.DefaultMaxNodes, opts)
	if err != nil {
		return nil, err
	}
	// The graph at the first position shown sets the layout, and the shape
	// that every other position must have.
	first, input, err := readAt(build, xs[start], -1, cfg.MaxNodes)
	if err != nil {
		return nil, err
	}
	d, err := graph.NewDrawing(first, cfg)
	if err != nil {
		return nil, err
	}
	if size := leastSize(len(d.Nodes)) + len(xs)*bytesPerPosition; size > display.MaxViewSize {
		return nil, page.TooBig(size, display.MaxViewSize, true, nudgeHint)
	}
	num := func(x float64) string { return graph.Number(x, d.Digits) }
	root := len(d.Nodes) - 1
	v := &view{d: d, kind: "nudge", hint: nudgeHint, start: start, data: make([][]string, len(d.Nodes))}
	if !d.Cfg.DataOnly {
		v.grad = make([][]string, len(d.Nodes))
	}
	marks := slices.Clone(d.Marks)
	marks[input] = graph.Current
	r := &nudge{Input: d.Name(input), Output: d.Name(root), H: strconv.FormatFloat(h, 'g', -1, 64)}
	for k, x := range xs {
		g := first
		if k != start {
			if g, _, err = readAt(build, x, input, cfg.MaxNodes); err == nil {
				err = sameShape(d.Graph, g, xs[start], x)
			}
			if err != nil {
				return nil, err
			}
		}
		for i, n := range g.Nodes {
			v.data[i] = append(v.data[i], num(n.Data))
			if v.grad != nil {
				v.grad[i] = append(v.grad[i], num(n.Grad))
			}
		}
		v.marks = append(v.marks, marks)
		// The estimate uses the caller's own forward pass at x+h.
		nudged, _, err := readAt(build, x+h, input, cfg.MaxNodes)
		if err != nil {
			return nil, err
		}
		out, grad := g.Nodes[root].Data, g.Nodes[input].Grad
		slope := (nudged.Nodes[len(nudged.Nodes)-1].Data - out) / h
		r.X = append(r.X, strconv.FormatFloat(x, 'g', -1, 64))
		r.Out = append(r.Out, num(out))
		r.Grad = append(r.Grad, num(grad))
		r.Slope = append(r.Slope, num(slope))
		r.Agree = append(r.Agree, agree(grad, slope, h))
		if k == start {
			v.alt = fmt.Sprintf("the graph of %s at %s = %s", r.Output, r.Input, r.X[k])
		}
	}
	v.extra, v.text = r, r.table()
	return v, nil
}

// bytesPerPosition is about the least that a slider position adds to a
// view: its x and three readouts.
const bytesPerPosition = 24

const nudgeHint = "use fewer slider positions (a larger Slider.By or a narrower range), fewer Digits, or a smaller graph"

// readAt calls build(x) and reads the graph it made. It checks that the
// input is in the graph, is the Value numbered want (unless want < 0), and
// holds x.
func readAt(build func(float64) (any, any), x float64, want, limit int) (g *graph.Graph, input int, err error) {
	at := strconv.FormatFloat(x, 'g', -1, 64)
	in, root, err := call(build, x)
	if err != nil {
		return nil, 0, fmt.Errorf("build(%s) panicked: %v", at, err)
	}
	if g, err = graph.Read(root, limit); err != nil {
		return nil, 0, fmt.Errorf("the graph of build(%s): %w", at, err)
	}
	if rv := reflect.ValueOf(in); in == nil || rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil, 0, fmt.Errorf("build(%s) returned a nil input", at)
	}
	if input, err = g.Find(in); err != nil {
		return nil, 0, fmt.Errorf("the input that build(%s) returned %w", at, err)
	}
	switch n := g.Nodes[input]; {
	case want >= 0 && input != want:
		return nil, 0, fmt.Errorf("build(%s) returned as its input %s (v%d), where the starting position's was %s (v%d): the input must be the same Value at every position",
			at, g.Name(input), input, g.Name(want), want)
	case n.Data != x:
		return nil, 0, fmt.Errorf("build(%s) returned an input whose Data is %g, want %s: make the input from x, as in New(x)", at, n.Data, at)
	}
	return g, input, nil
}

// call calls build(x), turning a panic into an error.
func call(build func(float64) (any, any), x float64) (input, root any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	input, root = build(x)
	return input, root, nil
}

// sameShape checks that g, built at x, has the shape of want, built at
// wantX: the same Values, labels and operations, in the same order.
func sameShape(want, g *graph.Graph, wantX, x float64) error {
	if len(g.Nodes) != len(want.Nodes) {
		return fmt.Errorf("build(%g) made a graph of %d Values, build(%g) one of %d: every position of the slider must give a graph of the same shape",
			x, len(g.Nodes), wantX, len(want.Nodes))
	}
	for i, n := range g.Nodes {
		w := want.Nodes[i]
		if n.Label != w.Label || n.Op != w.Op || !slices.Equal(n.Prev, w.Prev) {
			return fmt.Errorf("build(%g) made v%d %s, build(%g) made it %s: every position of the slider must give a graph of the same shape",
				x, i, g.Describe(i), wantX, want.Describe(i))
		}
	}
	return nil
}

// agree reports whether a gradient matches its forward-difference
// estimate made with the step h, whose error grows with h: they agree
// within 100·h (and at least 1e-4) of the larger of 1 and their sizes.
func agree(grad, slope, h float64) bool {
	if grad == slope { // also the same infinity
		return true
	}
	return math.Abs(grad-slope) <= max(100*h, 1e-4)*max(1, math.Abs(grad), math.Abs(slope))
}

// positions returns the inputs of the slider, which one to show first,
// and the step of the estimate.
func (s Slider) positions() (xs []float64, start int, h float64, err error) {
	for _, f := range []struct {
		name string
		x    float64
	}{{"At", s.At}, {"From", s.From}, {"To", s.To}, {"By", s.By}, {"H", s.H}} {
		if math.IsNaN(f.x) || math.IsInf(f.x, 0) {
			return nil, 0, 0, fmt.Errorf("Slider.%s is %g, want a finite number", f.name, f.x)
		}
	}
	from, to := s.From, s.To
	if from == 0 && to == 0 {
		from, to = s.At-2, s.At+2
	}
	step, h := s.By, s.H
	if step == 0 {
		step = (to - from) / 40
	}
	if h == 0 {
		h = 1e-6
	}
	switch {
	case !(from < to):
		return nil, 0, 0, fmt.Errorf("Slider goes from %g to %g, want From < To", from, to)
	case s.At < from || s.At > to:
		return nil, 0, 0, fmt.Errorf("Slider.At is %g, outside From = %g to To = %g", s.At, from, to)
	case step < 0:
		return nil, 0, 0, fmt.Errorf("Slider.By is %g, want more than 0", step)
	case h < 0:
		return nil, 0, 0, fmt.Errorf("Slider.H is %g, want more than 0", h)
	}
	// A position on an end of the range may be a rounding error away.
	below := math.Floor((s.At-from)/step + 1e-9)
	above := math.Floor((to-s.At)/step + 1e-9)
	if n := below + above + 1; n*bytesPerPosition > float64(display.MaxViewSize) {
		return nil, 0, 0, fmt.Errorf("Slider from %g to %g by %g has %.0f positions, more than a view of display.MaxViewSize = %d bytes holds: use a larger By or a narrower range",
			from, to, step, n, display.MaxViewSize)
	}
	// Show 0.3, not 0.30000000000000004, and 0, not -5.55e-17: round each
	// position to 9 more decimals than the step has.
	decimals := max(0, 9-int(math.Floor(math.Log10(step))))
	for k := -below; k <= above; k++ {
		x := s.At
		if k != 0 {
			x, _ = strconv.ParseFloat(strconv.FormatFloat(x+k*step, 'f', decimals, 64), 64)
			if x == 0 {
				x = 0 // not -0
			}
		}
		xs = append(xs, x)
	}
	return xs, int(below), h, nil
}

// table writes the readouts as a plain-text table.
func (r *nudge) table() string {
	// A line break in a name would break the table: show it as ⏎, as GradTable does.
	in, out := oneLine(r.Input), oneLine(r.Output)
	var b strings.Builder
	fmt.Fprintf(&b, "Nudge %s from %s to %s: %s, %s.grad, and the estimate (%s(%s+h) - %s(%s))/h with h = %s\n",
		in, r.X[0], r.X[len(r.X)-1], out, in, out, in, out, in, r.H)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\t%s\t%s.grad\testimate\tcheck\t\n", in, out, in)
	for k := range r.X {
		check := "agree"
		if !r.Agree[k] {
			check = "DIFFER"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", r.X[k], r.Out[k], r.Grad[k], r.Slope[k], check)
	}
	tw.Flush()
	return b.String()
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", "⏎") }
