package display

import (
	"fmt"
	"slices"
	"strconv"
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
		var f []Frame
		if f, err = frames(d); err == nil {
			return f, nil
		}
	}
	return nil, failed("Steps", err)
}

// A step is one step of the backward pass as replay computes it: whose
// turn it is, what it does, and the picture's numbers and marks after it.
type step struct {
	node  int       // the Value whose step this is
	text  string    // what the step does
	grads []float64 // every Value's gradient after the step
	marks []mark    // every Value's mark during the step
}

// replay replays the backward pass of d's graph in the engine and returns
// the engine's Data of every Value, and the steps, root first.
func replay(d *drawing) (data []float64, steps []step, err error) {
	vals, err := rebuild(d.graph)
	if err != nil {
		return nil, nil, err
	}
	// The steps show the engine's copy: its Data, and the gradients found
	// so far, starting from zero.
	g := d.graph
	data = make([]float64, len(vals))
	grads := make([]float64, len(vals))
	for i, v := range vals {
		data[i] = v.Data
	}
	num := func(x float64) string { return number(x, d.digits) }
	rootAt := len(vals) - 1
	grads[rootAt] = 1
	for i := rootAt; i >= 0; i-- {
		n := g.nodes[i]
		var text []string
		if i == rootAt {
			text = append(text, fmt.Sprintf("%s = 1: the derivative of %s with respect to itself.", g.grad(i), g.name(i)))
		}
		if n.op == "" {
			text = append(text, fmt.Sprintf("%s is a leaf: %s = %s is complete.", g.name(i), g.grad(i), num(grads[i])))
		} else {
			text = append(text, fmt.Sprintf("%s = %s: each operand's grad += local derivative × %s", g.name(i), g.expr(i), g.grad(i)))
		}
		marks := slices.Clone(d.marks)
		marks[i] = current
		for j, local := range vals[i].LocalGrads() {
			p := n.prev[j]
			marks[p] = max(marks[p], receiving)
			grads[p] += local * grads[i]
			text = append(text, fmt.Sprintf("  %s += %s × %s = %s → %s = %s", g.grad(p),
				num(local), num(grads[i]), num(local*grads[i]), g.grad(p), num(grads[p])))
		}
		steps = append(steps, step{node: i, text: strings.Join(text, "\n"), grads: slices.Clone(grads), marks: marks})
	}
	return data, steps, nil
}

// frames draws each step of the backward pass: the graph with the
// engine's Data, the step's gradients and its marks.
func frames(d *drawing) ([]Frame, error) {
	data, steps, err := replay(d)
	if err != nil {
		return nil, err
	}
	shown := *d
	shown.graph = &graph{nodes: slices.Clone(d.nodes)}
	shown.cfg = new(config)
	*shown.cfg = *d.cfg
	shown.cfg.dataOnly = false
	var frames []Frame
	for _, s := range steps {
		for i := range shown.nodes {
			shown.nodes[i].data, shown.nodes[i].grad = data[i], s.grads[i]
		}
		shown.marks = s.marks
		svg, err := shown.svg()
		if err != nil {
			return nil, err
		}
		frames = append(frames, Frame{Node: d.nodes[s.node].ptr, Text: s.text, SVG: svg})
	}
	return frames, nil
}

// grad names node i's gradient: "n.grad", or "(x1*w1 + x2*w2).grad" when
// the name is not a plain identifier, so that it reads as one thing.
func (g *graph) grad(i int) string {
	return bracketed(g.name(i)) + ".grad"
}

// bracketed returns text in brackets unless it is a plain identifier or
// number, so that "e - 1" reads as one operand: "(e - 1) * v".
func bracketed(text string) string {
	if _, err := strconv.ParseFloat(text, 64); err == nil {
		return text
	}
	for _, r := range text {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '.' {
			return "(" + text + ")"
		}
	}
	return text
}

// expr writes how node i was computed from its operands, such as "a + b",
// "tanh(n)" or "e**-1". An operand is named by its label, bracketed when
// the label is an expression; one without a label, which the picture shows
// by no name, by its number if it is a constant, else by its own
// expression, two levels deep: "o = (e - 1) * (e + 1)**-1".
func (g *graph) expr(i int) string {
	text, _ := g.exprDepth(i, 2)
	return text
}

// exprDepth is expr with operands written out depth levels deep; binary
// says that the text is an operator between two operands, which an operand
// of another operator then brackets.
func (g *graph) exprDepth(i, depth int) (text string, binary bool) {
	n := g.nodes[i]
	op := visibleText(n.op)
	var names []string
	var binaries []bool
	for _, p := range n.prev {
		name, bin := g.name(p), false
		switch {
		case g.nodes[p].label != "":
			bin = bracketed(name) != name
		case len(g.nodes[p].prev) == 0: // a constant
			name = strconv.FormatFloat(g.nodes[p].data, 'g', -1, 64)
		case depth > 0:
			name, bin = g.exprDepth(p, depth-1)
		default:
			name = "…"
		}
		names, binaries = append(names, name), append(binaries, bin)
	}
	operand := func(k int, power bool) string {
		if binaries[k] || power && bracketed(names[k]) != names[k] {
			return "(" + names[k] + ")"
		}
		return names[k]
	}
	switch {
	case len(names) == 2:
		return operand(0, false) + " " + op + " " + operand(1, false), true
	case len(names) == 1 && strings.HasPrefix(op, "**"):
		return operand(0, true) + op, false
	default:
		return op + "(" + strings.Join(names, ", ") + ")", false
	}
}
