package graph

import (
	"fmt"
	"slices"
	"strings"
)

// Long arrows. Graphviz routes an arrow through every rank between its
// ends, as a chain of invisible nodes that its layout places one by one,
// so an arrow across half a picture costs as much as the Values it passes.
// A graph whose Values are used far from where they are made (an input
// used at every step of a long chain, a weight shared by every example of
// a batch) would take seconds to lay out, minutes at a few hundred Values,
// and its arrows would cross the whole picture. So a Value used more than
// a few ranks away from where it stands is drawn again beside that use:
// a dashed box with its name and the arrow from it, as a map shows a road
// that leaves the page again where it comes back. Every arrow is then
// short, the layout takes about as long as the number of nodes says, and
// each step of a long chain reads on its own.

// redrawSpan is the most ranks that an arrow may cross before its Value
// is drawn again where it is used: an arrow from a Value to the oval of
// the operation that uses it crosses one rank. In the lessons' graphs
// every arrow is shorter; a chain v = tanh(v*x + c) uses x again three
// ranks further at each step (in the compact style), so x keeps its
// arrows to its first two uses.
const redrawSpan = 6

// maxCost is the layout cost (see layoutCost) that redrawing keeps a
// picture under where it can: when arrows of redrawSpan ranks or fewer
// still cost more, shorter ones are redrawn too.
const maxCost = 2500

// chooseRedrawn decides which arrows are drawn from a copy of their
// Value: those that cross more than redrawSpan ranks, and shorter ones
// if the layout would still cost more than maxCost. The ranks stay what
// they were: a Value's rank is set by its use farthest from the root (see
// ranks), which is one rank away and never redrawn.
func (d *Drawing) chooseRedrawn() {
	ranks := d.ranks()
	for span := redrawSpan; ; span-- {
		d.redrawn = make([][]bool, len(d.Nodes))
		d.copied = make([]bool, len(d.Nodes))
		for i, n := range d.Nodes {
			for k, p := range n.Prev {
				if ranks[p]-d.into(i, ranks) > span {
					if d.redrawn[i] == nil {
						d.redrawn[i] = make([]bool, len(n.Prev))
					}
					d.redrawn[i][k], d.copied[p] = true, true
				}
			}
		}
		if d.Cost = d.layoutCost(); d.Cost <= maxCost || span == 1 {
			return
		}
	}
}

// isRedrawn reports whether the arrow from node i's operand k comes from
// a copy of the operand.
func (d *Drawing) isRedrawn(i, k int) bool {
	return d.redrawn[i] != nil && d.redrawn[i][k]
}

// copies returns the copies of Values that node i's operands are drawn
// from, each once however often i uses it.
func (d *Drawing) copies(i int) []int {
	var ps []int
	for k, p := range d.Nodes[i].Prev {
		if d.isRedrawn(i, k) && !slices.Contains(ps, p) {
			ps = append(ps, p)
		}
	}
	return ps
}

// copyLegend explains the dashed boxes, in the picture's title.
const copyLegend = "a dashed box: a Value drawn again where it is used"

// writeCopies writes the copies that node i's operands are drawn from
// and the arrows from them to into, the node that i's operands point to.
func (d *Drawing) writeCopies(b *strings.Builder, i int, into string) {
	for _, p := range d.copies(i) {
		name := fmt.Sprintf("v%d_%d", p, i)
		tip := fmt.Sprintf("%s, drawn again where it is used", d.Name(p))
		fmt.Fprintf(b, "\t%s [shape=box style=dashed color=\"#666666\" fontcolor=\"#444444\" label=\"%s\" tooltip=\"%s\"];\n",
			name, dotText(d.Name(p)), dotText(tip))
		for k, q := range d.Nodes[i].Prev {
			if q == p && d.isRedrawn(i, k) {
				fmt.Fprintf(b, "\t%s -> %s;\n", name, into)
			}
		}
	}
}

// A spine holds, for every Value, the operand on its longest path from
// the leaves (the first of the longest), or -1 for a leaf; nil when no
// Value is drawn again.
type spine []int

// spine returns the drawing's spine. In a picture with copies the arrows
// along it weigh more than the others, so that Graphviz keeps the longest
// chain of operations straight and draws the copies and the shorter
// branches beside it, rather than letting each step pull the chain
// sideways. The lessons' graphs, which have no copies, keep the layout
// they always had.
func (d *Drawing) spine() spine {
	if !slices.Contains(d.copied, true) {
		return nil
	}
	height := make([]int, len(d.Nodes)) // the longest path from a leaf
	s := make(spine, len(d.Nodes))
	for i, n := range d.Nodes { // operands come first
		s[i] = -1
		for k, p := range n.Prev {
			if s[i] < 0 || height[p] > height[n.Prev[s[i]]] {
				s[i] = k
			}
		}
		if s[i] >= 0 {
			height[i] = height[n.Prev[s[i]]] + 1
		}
	}
	return s
}

// attrs returns the DOT attributes of the arrow into node i from its
// operand k, or from its operation's oval when k is -1.
func (s spine) attrs(i, k int) string {
	if s != nil && (k < 0 || s[i] == k) {
		return " [weight=3]"
	}
	return ""
}
