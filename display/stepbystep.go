package display

import (
	"fmt"
	"strconv"
	"strings"
)

// StepByStep shows the backward pass of the graph ending in root one step
// at a time, at the student's pace: Prev and Next buttons and a slider
// over the steps, each step's picture next to its caption, the frames of
// [Steps]. Each frame highlights the Value whose turn it is (yellow), its
// operation and the operands receiving gradient (blue), and its caption
// gives each operand's share: local derivative × the Value's gradient,
// added into the operand's.
//
// All frames are computed before anything is shown, and the view switches
// between them in the browser, without the kernel: it keeps working in a
// saved notebook and in an HTML export, and the picture is scaled to fit
// the height of the window with its caption. [StepThrough] plays the same
// frames as a timed animation instead.
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
		return report(failed("StepByStep", err))
	}
	return nil
}

// steps is what a StepByStep view shows besides the graph.
type steps struct {
	Captions []string `json:"captions"`
}

const stepsHint = "step through a smaller graph, for instance from one of its inner Values"

// stepsView replays the backward pass and reads the numbers and the marks
// of each frame from its picture.
func stepsView(root any, opts []Option) (*view, error) {
	d, err := prepare(root, opts)
	if err != nil {
		return nil, err
	}
	// The frames show grad, whatever the options say.
	cfg := *d.cfg
	cfg.dataOnly = false
	d.cfg = &cfg
	// Each step is a layout of the whole graph: refuse one that cannot fit
	// before all that work.
	if size := leastSize(len(d.nodes)); size > MaxViewSize {
		return nil, tooBig(size, true, stepsHint)
	}
	var frames []Frame
	if err := replay(d, func(f Frame) { frames = append(frames, f) }); err != nil {
		return nil, err
	}
	v := &view{d: d, kind: "steps", hint: stepsHint, data: make([][]string, len(d.nodes)),
		grad: make([][]string, len(d.nodes))}
	s := &steps{}
	var text strings.Builder
	for k, f := range frames {
		pic, err := readPicture(f.SVG)
		if err != nil {
			return nil, err
		}
		for i := range d.nodes {
			n, ok := pic.nodes["v"+strconv.Itoa(i)]
			if !ok || len(n.texts) < 2 {
				return nil, fmt.Errorf("frame %d has no box with data and grad for %s", k, d.name(i))
			}
			for c, prefix := range d.prefixes() {
				shown := n.texts[len(n.texts)-2+c].text
				number, ok := strings.CutPrefix(shown, prefix)
				if !ok {
					return nil, fmt.Errorf("frame %d shows %q for %s, where %q… was expected", k, shown, d.name(i), prefix)
				}
				column := &v.data[i]
				if c == 1 {
					column = &v.grad[i]
				}
				*column = append(*column, number)
			}
		}
		marks := markSet{}
		_, fills := markRules()
		for title, n := range pic.nodes {
			if m, ok := fills[n.fill]; ok {
				marks[title] = m
			}
		}
		v.marks = append(v.marks, marks)
		s.Captions = append(s.Captions, f.Text)
		fmt.Fprintf(&text, "%s\n\n", f.Text)
	}
	v.extra, v.text = s, text.String()
	v.alt = "the first step of the backward pass from " + d.name(len(d.nodes)-1)
	return v, nil
}
