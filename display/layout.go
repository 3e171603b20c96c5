package display

import (
	"fmt"
	"unicode/utf8"

	"github.com/gograd/gograd/display/output"
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
func (d *drawing) fitsBetterTopDown() bool {
	fontPt, ranksep, nodesep := 14.0, 36.0, 18.0 // Graphviz's defaults, in points
	if d.compact {
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
func (d *drawing) estimateWidths(fontPt, ranksep, nodesep float64) (leftToRight, topDown float64) {
	charPt := 0.6 * fontPt // Courier
	pad := 16.0            // a record field's margins
	if d.compact {
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
	// A node's rank is its longest distance from the root: Graphviz puts
	// each node as close to the nodes that use it as the others allow.
	dist := make([]int, len(d.nodes))
	for i := len(d.nodes) - 1; i >= 0; i-- {
		n := d.nodes[i]
		var sum, widest float64
		for _, f := range d.texts(i) {
			w := float64(utf8.RuneCountInString(f))*charPt + pad
			sum += w
			widest = max(widest, w)
		}
		// Records turn their fields across the layout: side by side left
		// to right, stacked top down.
		add(dist[i], box{lr: sum, tb: max(widest, 54)})
		below := dist[i] + 1
		if n.op != "" && !d.compact {
			w := max(54, float64(utf8.RuneCountInString(n.op))*charPt+24) // an ellipse
			add(below, box{lr: w, tb: w})
			below++
		}
		for _, p := range n.prev {
			dist[p] = max(dist[p], below)
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

// summary describes the picture in words, for where it cannot show: "a
// graph of 10 Values ending in o = tanh(n)".
func (d *drawing) summary() string {
	root := len(d.nodes) - 1
	end := d.expr(root)
	if l := d.nodes[root].label; l != "" && d.nodes[root].op != "" {
		end = visibleText(l) + " = " + end
	} else if d.nodes[root].op == "" {
		end = d.name(root)
	}
	values := "Values"
	if len(d.nodes) == 1 {
		values = "Value"
	}
	return fmt.Sprintf("a graph of %d %s ending in %s", len(d.nodes), values, end)
}
