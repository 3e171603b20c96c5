package graph

import (
	"fmt"
	"unicode/utf8"

	"github.com/gograd/gograd/display/output"
	"github.com/gograd/gograd/internal/render"
)

// This file chooses between the two layouts of a picture without drawing
// it twice: it estimates the width of each from the lengths of the labels
// (the font, Courier, gives every character the same width) and the ranks
// that Graphviz gives the nodes.

// cellPx is the width of a notebook cell's output, in CSS pixels, that the
// layout is chosen for: the classic Notebook's at a window 1280 pixels wide
// (JupyterLab's is a little wider).
const cellPx = 960

// goodTextPx is the size of text, in CSS pixels, that a left-to-right
// picture scaled down to cellPx should keep for the layout to stay left to
// right, the direction of micrograd's pictures.
const goodTextPx = 11

// fitsBetterTopDown reports whether the picture shows larger in a notebook
// cell top down than left to right.
func (d *Drawing) fitsBetterTopDown() bool {
	fontPt, ranksep, nodesep := 14.0, 36.0, 18.0 // Graphviz's defaults, in points
	if d.Compact {
		fontPt, ranksep, nodesep = 10, 18, 11
	}
	textPx := func(widthPt float64) float64 {
		return output.Px(fontPt) * min(1, cellPx/output.Px(widthPt))
	}
	columns, rows := d.estimateWidths(fontPt, ranksep, nodesep)
	lr, tb := textPx(columns), textPx(rows)
	return lr < goodTextPx && tb > lr
}

// estimateWidths estimates, in points, the width of the picture laid out
// left to right (the widest box of each rank, side by side) and top down
// (the widest rank's boxes side by side).
func (d *Drawing) estimateWidths(fontPt, ranksep, nodesep float64) (leftToRight, topDown float64) {
	charPt := 0.6 * fontPt // Courier
	pad := 16.0            // a record field's margins
	if d.Compact {
		pad = 6
	}
	type box struct{ lr, tb float64 } // a node's width in each layout
	var ranks [][]box                 // by distance from the root
	add := func(rank int, b box) {
		for len(ranks) <= rank {
			ranks = append(ranks, nil)
		}
		ranks[rank] = append(ranks[rank], b)
	}
	dist := d.ranks()
	for i := len(d.Nodes) - 1; i >= 0; i-- {
		n := d.Nodes[i]
		var sum, widest float64
		for _, f := range d.texts(i) {
			w := float64(utf8.RuneCountInString(f))*charPt + pad
			sum += w
			widest = max(widest, w)
		}
		// Records turn their fields across the layout: side by side left
		// to right, stacked top down.
		add(dist[i], box{lr: sum, tb: max(widest, 54)})
		if d.HasOpNode(i) {
			w := max(54, float64(utf8.RuneCountInString(n.Op))*charPt+24) // an ellipse
			add(dist[i]+1, box{lr: w, tb: w})
		}
	}
	for _, rank := range ranks {
		var widest, side float64
		for _, b := range rank {
			widest = max(widest, b.lr)
			side += b.tb
		}
		leftToRight += widest + ranksep
		topDown = max(topDown, side+nodesep*float64(len(rank)-1))
	}
	return leftToRight, topDown
}

// ranks returns the rank of every Value, counted from the root, as
// Graphviz would about give it: a Value's longest distance from the root,
// since Graphviz puts each node as close to the nodes that use it as the
// others allow. An operation's oval, if it has one, is a rank further than
// its Value.
func (d *Drawing) ranks() []int {
	dist := make([]int, len(d.Nodes))
	for i := len(d.Nodes) - 1; i >= 0; i-- {
		for _, p := range d.Nodes[i].Prev {
			dist[p] = max(dist[p], d.into(i, dist)+1)
		}
	}
	return dist
}

// into returns the rank of the node that node i's operands point to: its
// operation's oval, or the Value itself in the compact style.
func (d *Drawing) into(i int, ranks []int) int {
	if d.HasOpNode(i) {
		return ranks[i] + 1
	}
	return ranks[i]
}

// layoutCost estimates the work of Graphviz's layout: the number of nodes,
// with the virtual nodes by which Graphviz routes an edge through every
// rank between its ends. An input used at every step of a long chain has
// edges across most of the picture, and those make a graph of a few
// hundred Values cost as much as one of thousands.
func (d *Drawing) layoutCost() int {
	ranks := d.ranks()
	cost := d.nodeCount()
	for i, n := range d.Nodes {
		for _, p := range n.Prev {
			cost += ranks[p] - d.into(i, ranks) - 1
		}
	}
	return cost
}

// CostPerValue is the layout cost that each Value of display.MaxNodes allows: a
// graph is refused when its cost is over costPerValue × MaxNodes, 2,500
// for the default 500 Values. Measured here (BenchmarkZoo), the costliest
// graphs below it, such as a chain of 87 Values that uses its inputs x and
// c at every step (v = tanh(v*x + c)), take under half a CPU second to lay
// out; the same chain of 120 Values costs 4,566 and took 1.8 CPU seconds
// bounded, 8 unbounded, and the time grows faster than the cost.
const CostPerValue = 5

// boundAbove is the cost above which a layout's network simplex is
// bounded (nslimit): such graphs take many times longer to lay out
// otherwise, and none of the lessons' pictures costs that much.
const boundAbove = 1000

// SVG lays the drawing out and returns its SVG, unless its layout would
// cost more than its limit allows: Graphviz cannot be interrupted once it
// has started.
func (d *Drawing) SVG() ([]byte, error) {
	if limit := CostPerValue * d.Cfg.MaxNodes; d.Cost > limit {
		return nil, fmt.Errorf("the graph of %d Values would take Graphviz too long to lay out: its arrows cross %d ranks "+
			"(Values used again far from where they are made, such as an input used at every step of a long chain), "+
			"a cost of %d, over the limit of %d that display.MaxNodes(%d) allows; "+
			"draw part of the graph by passing one of its inner Values as the root, or raise the limit with display.MaxNodes(n)",
			len(d.Nodes), d.Cost-d.nodeCount(), d.Cost, limit, d.Cfg.MaxNodes)
	}
	return LayOut(d.DOT())
}

// LayOut renders DOT text: a variable, so that tests can count layouts.
var LayOut = render.SVG

// nodeCount is the number of nodes in the drawing: the Values, and the
// ovals of their operations in the detailed style.
func (d *Drawing) nodeCount() int {
	n := len(d.Nodes)
	for i := range d.Nodes {
		if d.HasOpNode(i) {
			n++
		}
	}
	return n
}

// Summary describes the picture in words, for where it cannot show: "a
// graph of 10 Values ending in o = tanh(n)".
func (d *Drawing) Summary() string {
	root := len(d.Nodes) - 1
	end := d.Expr(root)
	if l := d.Nodes[root].Label; l != "" && d.Nodes[root].Op != "" {
		end = VisibleText(l) + " = " + end
	} else if d.Nodes[root].Op == "" {
		end = d.Name(root)
	}
	values := "Values"
	if len(d.Nodes) == 1 {
		values = "Value"
	}
	return fmt.Sprintf("a graph of %d %s ending in %s", len(d.Nodes), values, end)
}
