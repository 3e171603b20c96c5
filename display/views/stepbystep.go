package views

import (
	"fmt"
	"strings"

	"github.com/gograd/gograd/display"
	"github.com/gograd/gograd/display/output"
	"github.com/gograd/gograd/internal/graph"
	"github.com/gograd/gograd/internal/page"
)

// StepByStep shows the backward pass of the graph ending in root one step
// at a time, at the student's pace: Prev and Next buttons and a slider
// over the steps, each step's picture next to its caption, the frames of
// [display.BackwardFrames]. Each frame highlights the Value whose turn it is (yellow), its
// operation and the operands receiving gradient (blue), and its caption
// gives each operand's share: local derivative × the Value's gradient,
// added into the operand's.
//
// All steps are computed before anything is shown, as numbers and marks,
// and the graph is laid out once; the view switches between the steps in
// the browser, without the kernel: it keeps working in a saved notebook
// and in an HTML export, and the picture is scaled to fit the height of
// the window with its caption.
//
// Outside a notebook StepByStep prints the frames' captions. Errors are
// shown the same way as [display.Graph]'s, and a view larger than [display.MaxViewSize] is
// one: keep it for graphs of tens of Values.
func StepByStep(root any, opts ...display.Option) error {
	v, err := stepsView(root, opts)
	if err == nil {
		err = v.show()
	}
	if err != nil {
		return output.Error(failed("StepByStep", err))
	}
	return nil
}

// steps is what a StepByStep view shows besides the graph.
type steps struct {
	Captions []string `json:"captions"`
}

const stepsHint = "step through a smaller graph, for instance from one of its inner Values"

// stepsView replays the backward pass into the states of a view.
func stepsView(root any, opts []display.Option) (*view, error) {
	d, err := graph.Prepare(root, display.DefaultMaxNodes, opts)
	if err != nil {
		return nil, err
	}
	// The frames show grad, whatever the options say.
	cfg := *d.Cfg
	cfg.DataOnly = false
	d.Cfg = &cfg
	if size := leastSize(len(d.Nodes)); size > display.MaxViewSize {
		return nil, page.TooBig(size, display.MaxViewSize, true, stepsHint)
	}
	data, replayed, err := graph.Replay(d)
	if err != nil {
		return nil, err
	}
	v := &view{d: d, kind: "steps", hint: stepsHint, data: make([][]string, len(d.Nodes)),
		grad: make([][]string, len(d.Nodes))}
	s := &steps{}
	var text strings.Builder
	for _, st := range replayed {
		for i := range d.Nodes {
			v.data[i] = append(v.data[i], graph.Number(data[i], d.Digits))
			v.grad[i] = append(v.grad[i], graph.Number(st.Grads[i], d.Digits))
		}
		v.marks = append(v.marks, st.Marks)
		s.Captions = append(s.Captions, st.Text)
		fmt.Fprintf(&text, "%s\n\n", st.Text)
	}
	v.extra, v.text = s, text.String()
	v.alt = "the first step of the backward pass from " + d.Name(len(d.Nodes)-1)
	return v, nil
}
