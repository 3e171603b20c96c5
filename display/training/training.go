// Package training records a run of gradient descent on an [nn.MLP] and
// shows it in a GoNB notebook as one view: the decision boundary with the
// points, the loss and accuracy curves, and every layer's weights and
// gradients, at every step, under a step slider. See [Recorder].
package training

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display/output"
	"github.com/gograd/gograd/nn"
)

// A Recorder records a run of gradient descent on an [nn.MLP] while it
// trains, and shows it as one view: watch the network learn. Make one
// before the loop and call [Recorder.Record] at every step, after Backward
// and before the update; [Recorder.Show] shows the whole run at the end:
//
//	rec := training.NewRecorder(model, X, y)
//	rec.Cost = nn.Hinge // the loss's term for one point, shown when pointing at it
//	for k := range 100 {
//		scores := model.Scores(nil, X)
//		loss := nn.MaxMarginLoss(scores, y).Add(nn.L2(params, 1e-4))
//		nn.ZeroGrad(params)
//		loss.Backward()
//		rec.Record(loss, scores) // the step as the forward and backward pass left it
//		nn.SGD(params, 1-0.9*float64(k)/100)
//	}
//	rec.Show()
//
// Each step records the loss and the accuracy of its forward pass, the
// score of every point, every parameter's Data (the weights the forward
// pass used) and Grad (what Backward put there), and, for a network of two
// inputs, the network's score over a grid of the plane around the points:
// its decision boundary.
//
// In a notebook, the output under the cell shows the latest boundary,
// loss and accuracy while the cell runs, updated every [Recorder.Every]
// steps. Show replaces it with the view of every step: a step slider with
// Play and Pause; the boundary with the points, those on the wrong side
// (as [nn.Correct] judges their recorded scores) ringed; the loss and
// accuracy curves with the step marked on them; and each layer's weights
// and gradients as heat maps, one row per neuron and one column per input
// and the bias. Pointing at a point shows its score and side at that step,
// and its cost with [Recorder.Cost]; pointing at a weight, its value and
// gradient. Everything the view shows is decided here and sent to the
// page, which only draws it. Like the views of package display/views, the
// view needs no kernel: it works in a saved (trusted) notebook and in an
// HTML export, and an untrusted notebook shows a still picture of the last
// step. Its output is at most [display.MaxViewSize] bytes, which
// micrograd's demo (MLP(2, [16, 16, 1]), 100 points, 100 steps) fits.
// Outside a notebook Show prints the loss and accuracy of the steps.
type Recorder struct {
	// Title heads the view; "" names the network, e.g. "MLP(2, [16, 16, 1])".
	Title string
	// Every is how many steps go by between two updates of the live
	// output while the cell runs; 0 means 5.
	Every int
	// Cells is the number of grid cells across the plane, at which the
	// boundary is recorded; 0 means 48. Set it before the first Record.
	Cells int
	// Cost is the loss's term for one point, such as nn.Hinge or
	// nn.SquaredError: with it, pointing at a point shows its cost at
	// each step. Set it before the first Record.
	Cost func(score *autograd.Value, label float64) *autograd.Value

	model  *nn.MLP
	points [][]float64 // X, and their labels y
	labels []float64
	params []*autograd.Value
	plane  *plane // nil for a network without two inputs
	steps  []Step
	err    error          // the first error of Record, which Show reports
	arena  autograd.Arena // for the graphs of the points' costs
	live   *output.Live
}

// A Step is what [Recorder.Record] keeps of one step.
type Step struct {
	Loss     float64   // the loss's Data
	Accuracy float64   // the fraction of points whose score has their label's sign, as nn.Accuracy
	Scores   []float64 // the score of each point
	Costs    []float64 // the cost of each point, with a Recorder.Cost; else nil
	Params   []float64 // each parameter's Data, in the order of model.Parameters()
	Grads    []float64 // each parameter's Grad
	Grid     []float64 // the score at the centre of each grid cell, row by row from the bottom; nil without a plane
}

// NewRecorder returns a recorder for training model on the points X with
// labels y (-1 or +1, as [nn.Moons] makes them, or any targets whose sign
// is the class). The model must have one output; an error in the
// arguments is reported by Record and Show.
func NewRecorder(model *nn.MLP, X [][]float64, y []float64) *Recorder {
	t := &Recorder{model: model, points: X, labels: y}
	switch {
	case model == nil || len(model.Layers) == 0:
		t.err = errors.New("the model is nil or has no layers")
	case len(model.Layers[len(model.Layers)-1].Neurons) != 1:
		t.err = fmt.Errorf("the model has %d outputs, want 1: a score", len(model.Layers[len(model.Layers)-1].Neurons))
	case len(X) == 0 || len(X) != len(y):
		t.err = fmt.Errorf("got %d points and %d labels, want as many of each and at least one", len(X), len(y))
	}
	if t.err == nil {
		t.params = model.Parameters()
		nin := len(model.Layers[0].Neurons[0].W)
		for i, x := range X {
			if len(x) != nin {
				t.err = fmt.Errorf("point %d has %d coordinates, the model takes %d inputs", i, len(x), nin)
				break
			}
		}
	}
	if output.InNotebook() {
		t.live = output.NewLive()
	}
	return t
}

// Record records one step: the loss of its forward pass, the scores of the
// points that the loss was computed from, and the parameters' Data and Grad
// as they are now. Call it after Backward and before the update. It returns
// the first error of the recording; once there is one, it records nothing
// more, and Show reports it.
func (t *Recorder) Record(loss *autograd.Value, scores []*autograd.Value) error {
	if t.err == nil {
		t.err = t.record(loss, scores)
	}
	if t.err != nil {
		return failed("Recorder.Record", t.err)
	}
	if t.live != nil && (len(t.steps)-1)%t.every() == 0 {
		t.showLive()
	}
	return nil
}

func (t *Recorder) record(loss *autograd.Value, scores []*autograd.Value) error {
	switch {
	case loss == nil:
		return fmt.Errorf("step %d: the loss is nil", len(t.steps))
	case len(scores) != len(t.points):
		return fmt.Errorf("step %d: got %d scores for %d points", len(t.steps), len(scores), len(t.points))
	}
	s := Step{Loss: loss.Data, Scores: make([]float64, len(scores)),
		Params: make([]float64, len(t.params)), Grads: make([]float64, len(t.params))}
	for i, v := range scores {
		if v == nil {
			return fmt.Errorf("step %d: score %d is nil", len(t.steps), i)
		}
		s.Scores[i] = v.Data
	}
	s.Accuracy = nn.Accuracy(scores, t.labels)
	for i, p := range t.params {
		s.Params[i], s.Grads[i] = p.Data, p.Grad
	}
	if len(t.steps) == 0 && len(t.points[0]) == 2 {
		t.plane = newPlane(t.points, t.cells())
	}
	if t.Cost != nil {
		s.Costs = make([]float64, len(scores))
		for i, v := range s.Scores {
			s.Costs[i] = t.Cost(t.arena.New(v), t.labels[i]).Data
		}
	}
	if t.plane != nil {
		// The model's score at the centre of every cell.
		s.Grid = make([]float64, len(t.plane.centres))
		for i, x := range t.plane.centres {
			s.Grid[i] = t.model.Eval(x)[0]
		}
	}
	t.arena.Reset()
	t.steps = append(t.steps, s)
	return nil
}

// Steps returns the steps recorded so far, in order. They are the
// recorder's own: do not change them.
func (t *Recorder) Steps() []Step { return t.steps }

func (t *Recorder) every() int {
	if t.Every > 0 {
		return t.Every
	}
	return 5
}

func (t *Recorder) cells() int {
	if t.Cells > 0 {
		return t.Cells
	}
	return 48
}

// title is the view's heading.
func (t *Recorder) title() string {
	if t.Title != "" {
		return t.Title
	}
	sizes := make([]string, len(t.model.Layers))
	for i, l := range t.model.Layers {
		sizes[i] = fmt.Sprint(len(l.Neurons))
	}
	return fmt.Sprintf("MLP(%d, [%s])", len(t.model.Layers[0].Neurons[0].W), strings.Join(sizes, ", "))
}

// Show shows the recorded run: in a notebook, the view of every step,
// in place of the live output; elsewhere, the loss and accuracy of the
// steps. An error of the recording, or a view over [display.MaxViewSize], is
// shown as [display.Graph]'s errors are, and returned.
func (t *Recorder) Show() error {
	err := t.err
	if err == nil && len(t.steps) == 0 {
		err = errors.New("no step recorded: call Record at every step of the loop")
	}
	if err == nil && !output.InNotebook() {
		_, err = io.WriteString(os.Stdout, t.text())
		return err
	}
	var page string
	if err == nil {
		page, err = t.html()
	}
	if err != nil {
		if t.live != nil {
			t.live.Show("")
		}
		return output.Error(failed("Recorder.Show", err))
	}
	if t.live != nil {
		t.live.Show("")
	}
	output.Show(page, t.summary())
	return nil
}

// summary is the view in one line, its plain-text version.
func (t *Recorder) summary() string {
	first, last := t.steps[0], t.steps[len(t.steps)-1]
	return fmt.Sprintf("training %s: %d steps, loss %.4f → %.4f, accuracy %.0f%% → %.0f%%",
		t.title(), len(t.steps), first.Loss, last.Loss, 100*first.Accuracy, 100*last.Accuracy)
}

// text is what Show prints outside a notebook: the summary and every
// tenth step.
func (t *Recorder) text() string {
	var b strings.Builder
	fmt.Fprintln(&b, t.summary())
	fmt.Fprintln(&b, "step      loss  accuracy")
	stride := max(1, len(t.steps)/10)
	for k, s := range t.steps {
		if k%stride == 0 || k == len(t.steps)-1 {
			fmt.Fprintf(&b, "%4d  %8.4f  %7.0f%%\n", k, s.Loss, 100*s.Accuracy)
		}
	}
	return b.String()
}

// A plane is the grid over which the boundary is recorded: cols × rows
// square cells over [x0, x1] × [y0, y1], the points' box with a margin.
type plane struct {
	x0, x1, y0, y1 float64
	cols, rows     int
	centres        [][]float64 // of the cells, row by row from the bottom
}

func newPlane(X [][]float64, cols int) *plane {
	p := &plane{x0: math.Inf(1), x1: math.Inf(-1), y0: math.Inf(1), y1: math.Inf(-1), cols: cols}
	for _, x := range X {
		p.x0, p.x1 = min(p.x0, x[0]), max(p.x1, x[0])
		p.y0, p.y1 = min(p.y0, x[1]), max(p.y1, x[1])
	}
	pad := max(p.x1-p.x0, p.y1-p.y0, 1e-9) * 0.15
	if !(pad < math.Inf(1)) { // a point at infinity or NaN: show the unit square
		p.x0, p.x1, p.y0, p.y1, pad = 0, 1, 0, 1, 0.15
	}
	p.x0, p.x1, p.y0, p.y1 = p.x0-pad, p.x1+pad, p.y0-pad, p.y1+pad
	p.rows = max(1, int(math.Round(float64(cols)*(p.y1-p.y0)/(p.x1-p.x0))))
	// Square cells: the rows span as much as the columns' cells make.
	mid, half := (p.y0+p.y1)/2, float64(p.rows)*(p.x1-p.x0)/float64(cols)/2
	p.y0, p.y1 = mid-half, mid+half
	for r := range p.rows {
		for c := range p.cols {
			p.centres = append(p.centres, []float64{p.x(c), p.y(r)})
		}
	}
	return p
}

// x is the centre of column c, y that of row r (row 0 at the bottom).
func (p *plane) x(c int) float64 { return p.x0 + (p.x1-p.x0)*(float64(c)+0.5)/float64(p.cols) }
func (p *plane) y(r int) float64 { return p.y0 + (p.y1-p.y0)*(float64(r)+0.5)/float64(p.rows) }

// showLive shows the latest step as a still picture in the live output.
func (t *Recorder) showLive() {
	t.live.Show(`<div class="gograd-training-live">` + t.stillImage(len(t.steps)-1, 0) + `</div>`)
}

// failed prefixes err with the package and the method that failed, as in
// "training: Recorder.Show: no step recorded: …".
func failed(fn string, err error) error {
	return fmt.Errorf("training: %s: %w", fn, err)
}
