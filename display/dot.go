package display

import (
	"fmt"
	"slices"
	"strings"
)

// A drawing is a graph read for one call, with the call's options and the
// marks of the Values that stand out.
type drawing struct {
	*graph
	cfg     *config
	marks   []mark   // one per node
	compact bool     // the compact style: see Compact
	topDown bool     // laid out top to bottom
	digits  int      // decimals shown
	cost    int      // the layout's cost: see layoutCost
	redrawn [][]bool // [node][operand]: the arrow comes from a copy of the operand; see chooseRedrawn
	copied  []bool   // [node]: the Value is drawn again somewhere

	// For the layout of a view (see view.layout): the whole texts of the
	// data and grad fields, instead of prefixes and the nodes' numbers, and
	// marks written as CSS classes, which the view's script changes,
	// instead of colours.
	fieldTexts [][2]string
	classes    bool
}

// prepare reads the options and the graph that ends in root.
func prepare(root any, opts []Option) (*drawing, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	g, err := readGraph(root, cfg.maxNodes)
	if err != nil {
		return nil, err
	}
	return newDrawing(g, cfg)
}

// newDrawing chooses how to draw g with the options cfg.
func newDrawing(g *graph, cfg *config) (*drawing, error) {
	d := &drawing{graph: g, cfg: cfg, marks: make([]mark, len(g.nodes)), digits: cfg.digits}
	d.compact = cfg.style == compact || cfg.style == autoStyle && len(g.nodes) > CompactAbove
	if d.compact && !cfg.digitsGiven {
		d.digits = 2
	}
	d.chooseRedrawn()
	d.topDown = cfg.layout == topDown || cfg.layout == autoLayout && d.fitsBetterTopDown()
	for i, h := range cfg.highlight {
		j, err := g.find(h)
		if err != nil {
			return nil, fmt.Errorf("Highlight: node %d %w", i, err)
		}
		d.marks[j] = wrong
	}
	return d, nil
}

// A mark is how a Value stands out in a picture.
type mark uint8

const (
	plain     mark = iota
	receiving      // an operand receiving gradient in a step of backward
	wrong          // chosen with Highlight
	current        // the Value whose backward step is shown
)

// markStyle holds the DOT attributes of each mark.
var markStyle = [...]string{
	plain:     "",
	receiving: ` style=filled fillcolor="#e3f0ff" color="#1f5fbf"`,
	wrong:     ` style=filled fillcolor="#ffe6e6" color="#d00000" fontcolor="#b00000" penwidth=2`,
	current:   ` style=filled fillcolor="#fff0b3" color="#c77700" penwidth=2`,
}

// dot writes the drawing as DOT text.
func (d *drawing) dot() string {
	// The braces of a record label turn its fields across the direction of
	// the layout: side by side left to right, one above the other top down.
	rankdir := "LR"
	if d.topDown {
		rankdir = "TB"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "digraph gograd {\n\trankdir=%s;\n", rankdir)
	if d.cost > boundAbove {
		// Bound Graphviz's network simplex, which places the nodes: the
		// picture takes a little more room and is laid out in a fraction
		// of the time.
		b.WriteString("\tnslimit=2;\n\tnslimit1=2;\n")
	}
	if d.compact {
		b.WriteString("\tnodesep=0.15;\n\tranksep=0.25;\n")
	}
	if legend := d.legend(); legend != "" {
		fontsize := 14
		if d.compact {
			fontsize = 10
		}
		fmt.Fprintf(&b, "\tlabel=\"%s\";\n\tlabelloc=t;\n\tfontname=\"Courier\";\n\tfontsize=%d;\n", legend, fontsize)
	}
	if d.compact {
		b.WriteString("\tnode [shape=record fontname=\"Courier\" fontsize=10 height=0.2 margin=\"0.04,0.02\"];\n\tedge [arrowsize=0.5];\n")
	} else {
		b.WriteString("\tnode [shape=record fontname=\"Courier\"];\n")
	}
	spine := d.spine()
	for i, n := range d.nodes {
		fmt.Fprintf(&b, "\tv%d [label=\"{ %s }\"%s];\n", i, d.fields(i), d.markAttrs(d.marks[i]))
		into := fmt.Sprintf("v%d", i)
		if d.hasOpNode(i) {
			// The operation is a node of its own, between operands and result.
			opMark := plain
			if d.marks[i] == current {
				opMark = current
			}
			fmt.Fprintf(&b, "\top%d [shape=ellipse label=\"%s\"%s];\n\top%d -> v%d%s;\n", i, dotText(n.op), d.markAttrs(opMark), i, i, spine.attrs(i, -1))
			into = fmt.Sprintf("op%d", i)
		}
		for k, p := range n.prev {
			if !d.isRedrawn(i, k) {
				fmt.Fprintf(&b, "\tv%d -> %s%s;\n", p, into, spine.attrs(i, k))
			}
		}
		d.writeCopies(&b, i, into)
	}
	b.WriteString("}\n")
	return b.String()
}

// legend returns the picture's title, which says what its boxes show:
// in the compact style, what each field of a box is, and what a dashed box
// is when Values are drawn again.
func (d *drawing) legend() string {
	var parts []string
	if d.compact {
		fields := "name (operation), data, grad"
		if d.cfg.dataOnly {
			fields = "name (operation), data"
		}
		parts = append(parts, "each box: "+fields)
	}
	if slices.Contains(d.copied, true) {
		parts = append(parts, copyLegend)
	}
	return strings.Join(parts, `\n`) // a line each: the title stays narrower than most pictures
}

// hasOpNode reports whether node i's operation is a node of its own, an
// oval titled opN: in the detailed style, when the Value has an operation.
func (d *drawing) hasOpNode(i int) bool {
	return d.nodes[i].op != "" && !d.compact
}

// markAttrs returns the DOT attributes of a node with the mark m.
func (d *drawing) markAttrs(m mark) string {
	if d.classes && m != plain {
		return ` class="` + markClass[m] + `"`
	}
	return markStyle[m]
}

// prefixes returns what comes before the numbers of a Value's box: "data "
// and "grad ", or nothing in the compact style.
func (d *drawing) prefixes() [2]string {
	if d.compact {
		return [2]string{}
	}
	return [2]string{"data ", "grad "}
}

// texts returns what the fields of node i's box say: its name (in the
// compact style with the operation after it), its data and its grad.
func (d *drawing) texts(i int) []string {
	n := d.nodes[i]
	name := n.label
	if name == "" && d.copied[i] { // the copies need a name to show
		name = d.name(i)
	}
	if d.compact && n.op != "" { // the operation has no oval of its own
		if name != "" {
			name += " (" + n.op + ")"
		} else {
			name = n.op
		}
	}
	p := d.prefixes()
	fields := [2]string{p[0] + number(n.data, d.digits), p[1] + number(n.grad, d.digits)}
	if d.fieldTexts != nil {
		fields = d.fieldTexts[i]
	}
	texts := []string{name, fields[0]}
	if !d.cfg.dataOnly {
		texts = append(texts, fields[1])
	}
	return texts
}

// fields returns the record fields of node i's box, as DOT text.
func (d *drawing) fields(i int) string {
	texts := d.texts(i)
	for k, t := range texts {
		texts[k] = dotText(t)
	}
	return strings.Join(texts, " | ")
}
