package graph

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// A ReplayStep is one step of the backward pass as Replay computes it: whose
// turn it is, what it does, and the picture's numbers and marks after it.
type ReplayStep struct {
	Node  int       // the Value whose step this is
	Text  string    // what the step does
	Grads []float64 // every Value's gradient after the step
	Marks []Mark    // every Value's mark during the step
}

// Replay replays the backward pass of d's graph in the engine and returns
// the engine's Data of every Value, and the steps, root first.
func Replay(d *Drawing) (data []float64, steps []ReplayStep, err error) {
	vals, err := Rebuild(d.Graph)
	if err != nil {
		return nil, nil, err
	}
	// The steps show the engine's copy: its Data, and the gradients found
	// so far, starting from zero.
	g := d.Graph
	data = make([]float64, len(vals))
	grads := make([]float64, len(vals))
	for i, v := range vals {
		data[i] = v.Data
	}
	num := func(x float64) string { return Number(x, d.Digits) }
	rootAt := len(vals) - 1
	grads[rootAt] = 1
	for i := rootAt; i >= 0; i-- {
		n := g.Nodes[i]
		var text []string
		if i == rootAt {
			text = append(text, fmt.Sprintf("%s = 1: the derivative of %s with respect to itself.", g.GradName(i), g.Name(i)))
		}
		if n.Op == "" {
			text = append(text, fmt.Sprintf("%s is a leaf: %s = %s is complete.", g.Name(i), g.GradName(i), num(grads[i])))
		} else {
			text = append(text, fmt.Sprintf("%s = %s: each operand's grad += local derivative × %s", g.Name(i), g.Expr(i), g.GradName(i)))
		}
		marks := slices.Clone(d.Marks)
		marks[i] = Current
		for j, local := range vals[i].LocalGrads() {
			p := n.Prev[j]
			marks[p] = max(marks[p], Receiving)
			grads[p] += local * grads[i]
			text = append(text, fmt.Sprintf("  %s += %s × %s = %s → %s = %s", g.GradName(p),
				num(local), num(grads[i]), num(local*grads[i]), g.GradName(p), num(grads[p])))
		}
		steps = append(steps, ReplayStep{Node: i, Text: strings.Join(text, "\n"), Grads: slices.Clone(grads), Marks: marks})
	}
	return data, steps, nil
}

// GradName names node i's gradient: "n.grad", or "(x1*w1 + x2*w2).grad" when
// the name is not a plain identifier, so that it reads as one thing.
func (g *Graph) GradName(i int) string {
	return bracketed(g.Name(i)) + ".grad"
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

// Expr writes how node i was computed from its operands, such as "a + b",
// "tanh(n)" or "e**-1". An operand is named by its label, bracketed when
// the label is an expression; one without a label, which the picture shows
// by no name, by its number if it is a constant, else by its own
// expression, two levels deep: "o = (e - 1) * (e + 1)**-1".
func (g *Graph) Expr(i int) string {
	text, _ := g.exprDepth(i, 2)
	return text
}

// exprDepth is expr with operands written out depth levels deep; binary
// says that the text is an operator between two operands, which an operand
// of another operator then brackets.
func (g *Graph) exprDepth(i, depth int) (text string, binary bool) {
	n := g.Nodes[i]
	op := VisibleText(n.Op)
	var names []string
	var binaries []bool
	for _, p := range n.Prev {
		name, bin := g.Name(p), false
		switch {
		case g.Nodes[p].Label != "":
			bin = bracketed(name) != name
		case len(g.Nodes[p].Prev) == 0: // a constant
			name = strconv.FormatFloat(g.Nodes[p].Data, 'g', -1, 64)
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

// Describe names node i and how it was made, for errors, as in
// "e = exp(2n)" or "x1, an input".
func (g *Graph) Describe(i int) string {
	if g.Nodes[i].Op == "" && len(g.Nodes[i].Prev) == 0 {
		return strconv.Quote(g.Name(i)) + ", an input"
	}
	return strconv.Quote(g.Name(i)) + " = " + g.Expr(i)
}
