package display

import (
	"fmt"
	"strings"

	"github.com/gograd/gograd/display/output"
)

// StepByStep shows the backward pass of the graph ending in root one step
// at a time, at the student's pace: Prev and Next buttons and a slider
// over the steps, each step's picture next to its caption, the frames of
// [Steps]. Each frame highlights the Value whose turn it is (yellow), its
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
// shown the same way as [Graph]'s, and a view larger than [MaxViewSize] is
// one: keep it for graphs of tens of Values.
func StepByStep(root any, opts ...Option) error {
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
func stepsView(root any, opts []Option) (*view, error) {
	d, err := prepare(root, opts)
	if err != nil {
		return nil, err
	}
	// The frames show grad, whatever the options say.
	cfg := *d.cfg
	cfg.dataOnly = false
	d.cfg = &cfg
	if size := leastSize(len(d.nodes)); size > MaxViewSize {
		return nil, tooBig(size, true, stepsHint)
	}
	data, replayed, err := replay(d)
	if err != nil {
		return nil, err
	}
	v := &view{d: d, kind: "steps", hint: stepsHint, data: make([][]string, len(d.nodes)),
		grad: make([][]string, len(d.nodes))}
	s := &steps{}
	var text strings.Builder
	for _, st := range replayed {
		for i := range d.nodes {
			v.data[i] = append(v.data[i], number(data[i], d.digits))
			v.grad[i] = append(v.grad[i], number(st.grads[i], d.digits))
		}
		v.marks = append(v.marks, st.marks)
		s.Captions = append(s.Captions, st.text)
		fmt.Fprintf(&text, "%s\n\n", st.text)
	}
	v.extra, v.text = s, text.String()
	v.alt = "the first step of the backward pass from " + d.name(len(d.nodes)-1)
	return v, nil
}
