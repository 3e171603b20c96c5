package display

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode"
)

// A Frame is one step of the backward pass, as [Steps] draws it.
type Frame struct {
	Node any    // the Value whose step this is, a pointer into the caller's graph
	Text string // what the step does, e.g. "n.grad += 0.5000 × 1.0000 = 0.5000 → n.grad = 0.5000"
	SVG  []byte // the graph with Node highlighted and the gradients found so far
}

// Steps replays the backward pass of the graph ending in root and returns
// one frame per Value, in reverse topological order: root first, every
// Value after all the Values computed from it, so that its gradient is
// complete when its turn comes. Each frame highlights its Value (yellow),
// its operation and the operands receiving gradient (blue), and its Text
// shows each operand's contribution: local derivative × the Value's
// gradient. Leaves pass nothing on; their frame says that their gradient is
// complete.
//
// The replay runs on a copy of the graph rebuilt in the engine with
// autograd.Apply, starting from zero gradients and using the engine's
// LocalGrads, so the frames show correct gradients whatever the caller's
// graph holds, and the caller's graph is left alone. [DataOnly] is
// ignored. Steps renders one picture per Value: keep it for graphs of tens
// of Values.
func Steps(root any, opts ...Option) ([]Frame, error) {
	d, err := prepare(root, opts)
	if err == nil {
		var frames []Frame
		if err = replay(d, func(f Frame) { frames = append(frames, f) }); err == nil {
			return frames, nil
		}
	}
	return nil, failed("Steps", err)
}

// StepThrough animates the frames of [Steps] under the cell of a GoNB
// notebook, in one output that updates in place, one step every
// [FrameDelay]; at the end the last frame stays in the notebook's saved
// output. Outside a notebook it prints the frames' texts. Errors are shown
// the same way as [Graph]'s.
func StepThrough(root any, opts ...Option) error {
	d, err := prepare(root, opts)
	if err != nil {
		return report(failed("StepThrough", err))
	}
	id, last := "", ""
	err = replay(d, func(f Frame) {
		if !inNotebook {
			fmt.Fprintf(stdout, "%s\n\n", f.Text)
			return
		}
		if id == "" {
			id = uniqueID()
		} else {
			sleep(d.cfg.delay)
		}
		last = frameHTML(f)
		updateHTML(id, last)
	})
	if err != nil {
		return report(failed("StepThrough", err))
	}
	if id != "" {
		// An output updated in place is transient: replace it with one that
		// the notebook saves.
		updateHTML(id, "")
		displayHTML(last)
	}
	return nil
}

// frameHTML shows a frame in a notebook: its text above its picture.
func frameHTML(f Frame) string {
	return `<div><pre style="font-family:monospace;white-space:pre-wrap">` + html.EscapeString(f.Text) +
		"</pre>" + pictureHTML(f.SVG, f.Text, false) + "</div>"
}

// replay does the work of Steps, handing each frame to show as soon as it
// is drawn.
func replay(d *drawing, show func(Frame)) error {
	vals, err := rebuild(d.graph)
	if err != nil {
		return err
	}
	// The frames draw the engine's copy: its Data, and the gradients found
	// so far, starting from zero.
	shown := *d
	shown.graph = &graph{nodes: slices.Clone(d.nodes)}
	shown.cfg = new(config)
	*shown.cfg = *d.cfg
	shown.cfg.dataOnly = false
	for i := range shown.nodes {
		shown.nodes[i].data, shown.nodes[i].grad = vals[i].Data, 0
	}
	digits := d.digits
	num := func(x float64) string { return number(x, digits) }
	rootAt := len(shown.nodes) - 1
	shown.nodes[rootAt].grad = 1
	for i := rootAt; i >= 0; i-- {
		n := shown.nodes[i]
		var text []string
		if i == rootAt {
			text = append(text, fmt.Sprintf("%s = 1: the derivative of %s with respect to itself.", shown.grad(i), shown.name(i)))
		}
		if n.op == "" {
			text = append(text, fmt.Sprintf("%s is a leaf: %s = %s is complete.", shown.name(i), shown.grad(i), num(n.grad)))
		} else {
			text = append(text, fmt.Sprintf("%s = %s: each operand's grad += local derivative × %s", shown.name(i), shown.expr(i), shown.grad(i)))
		}
		shown.marks = slices.Clone(d.marks)
		shown.marks[i] = current
		for j, local := range vals[i].LocalGrads() {
			p := n.prev[j]
			shown.marks[p] = max(shown.marks[p], receiving)
			shown.nodes[p].grad += local * n.grad
			text = append(text, fmt.Sprintf("  %s += %s × %s = %s → %s = %s", shown.grad(p),
				num(local), num(n.grad), num(local*n.grad), shown.grad(p), num(shown.nodes[p].grad)))
		}
		svg, err := render(shown.dot())
		if err != nil {
			return err
		}
		show(Frame{Node: d.nodes[i].ptr, Text: strings.Join(text, "\n"), SVG: svg})
	}
	return nil
}

// grad names node i's gradient: "n.grad", or "(x1*w1 + x2*w2).grad" when
// the name is not a plain identifier, so that it reads as one thing.
func (g *graph) grad(i int) string {
	name := g.name(i)
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			return "(" + name + ").grad"
		}
	}
	return name + ".grad"
}

// expr writes how node i was computed from its operands, such as "a + b",
// "tanh(n)" or "e**-1".
func (g *graph) expr(i int) string {
	n := g.nodes[i]
	op := visibleText(n.op)
	var names []string
	for _, p := range n.prev {
		names = append(names, g.name(p))
	}
	switch {
	case len(names) == 2:
		return names[0] + " " + op + " " + names[1]
	case len(names) == 1 && strings.HasPrefix(op, "**"):
		return names[0] + op
	default:
		return op + "(" + strings.Join(names, ", ") + ")"
	}
}
