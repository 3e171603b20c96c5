package graph

import (
	"fmt"
	"slices"
	"strings"
)

// A Drawing is a graph read for one call, with the call's options and the
// marks of the Values that stand out.
type Drawing struct {
	*Graph
	Cfg     *Config
	Marks   []Mark // one per node
	Compact bool   // the compact style: see Compact
	TopDown bool   // laid out top to bottom
	Digits  int    // decimals shown
	Cost    int    // the layout's cost: see layoutCost

	redrawn [][]bool // [node][operand]: the arrow comes from a copy of the operand; see chooseRedrawn
	copied  []bool   // [node]: the Value is drawn again somewhere

	// For the layout of a view (display/views, view.layout): the whole texts of the
	// data and grad fields, instead of prefixes and the nodes' numbers, and
	// marks written as CSS classes, which the view's script changes,
	// instead of colours.
	FieldTexts [][2]string
	Classes    bool
}

// Prepare reads the options opts, package display's, and the graph that
// ends in root, refusing it if it has more than maxNodes Values or the
// options say fewer.
func Prepare[O ~func(*Config)](root any, maxNodes int, opts []O) (*Drawing, error) {
	cfg, err := NewConfig(maxNodes, opts)
	if err != nil {
		return nil, err
	}
	g, err := Read(root, cfg.MaxNodes)
	if err != nil {
		return nil, err
	}
	return NewDrawing(g, cfg)
}

// NewDrawing chooses how to draw g with the options cfg.
func NewDrawing(g *Graph, cfg *Config) (*Drawing, error) {
	d := &Drawing{Graph: g, Cfg: cfg, Marks: make([]Mark, len(g.Nodes)), Digits: cfg.Digits}
	d.Compact = cfg.Style == StyleCompact || cfg.Style == StyleAuto && len(g.Nodes) > CompactAbove
	if d.Compact && !cfg.DigitsGiven {
		d.Digits = 2
	}
	d.chooseRedrawn()
	d.TopDown = cfg.Layout == LayoutTopDown || cfg.Layout == LayoutAuto && d.fitsBetterTopDown()
	for i, h := range cfg.Highlight {
		j, err := g.Find(h)
		if err != nil {
			return nil, fmt.Errorf("Highlight: node %d %w", i, err)
		}
		d.Marks[j] = Wrong
	}
	return d, nil
}

// A Mark is how a Value stands out in a picture.
type Mark uint8

const (
	Plain     Mark = iota
	Receiving      // an operand receiving gradient in a step of backward
	Wrong          // chosen with Highlight
	Current        // the Value whose backward step is shown
)

// DOT writes the drawing as DOT text.
func (d *Drawing) DOT() string {
	// The braces of a record label turn its fields across the direction of
	// the layout: side by side left to right, one above the other top down.
	rankdir := "LR"
	if d.TopDown {
		rankdir = "TB"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "digraph gograd {\n\trankdir=%s;\n", rankdir)
	if d.Cost > boundAbove {
		// Bound Graphviz's network simplex, which places the nodes: the
		// picture takes a little more room and is laid out in a fraction
		// of the time.
		b.WriteString("\tnslimit=2;\n\tnslimit1=2;\n")
	}
	if d.Compact {
		b.WriteString("\tnodesep=0.15;\n\tranksep=0.25;\n")
	}
	if legend := d.legend(); legend != "" {
		fontsize := 14
		if d.Compact {
			fontsize = 10
		}
		fmt.Fprintf(&b, "\tlabel=\"%s\";\n\tlabelloc=t;\n\tfontname=\"Courier\";\n\tfontsize=%d;\n", legend, fontsize)
	}
	if d.Compact {
		b.WriteString("\tnode [shape=record fontname=\"Courier\" fontsize=10 height=0.2 margin=\"0.04,0.02\"];\n\tedge [arrowsize=0.5];\n")
	} else {
		b.WriteString("\tnode [shape=record fontname=\"Courier\"];\n")
	}
	spine := d.spine()
	for i, n := range d.Nodes {
		fmt.Fprintf(&b, "\tv%d [label=\"{ %s }\"%s];\n", i, d.fields(i), d.markAttrs(d.Marks[i]))
		into := fmt.Sprintf("v%d", i)
		if d.HasOpNode(i) {
			// The operation is a node of its own, between operands and result.
			opMark := Plain
			if d.Marks[i] == Current {
				opMark = Current
			}
			fmt.Fprintf(&b, "\top%d [shape=ellipse label=\"%s\"%s];\n\top%d -> v%d%s;\n", i, dotText(n.Op), d.markAttrs(opMark), i, i, spine.attrs(i, -1))
			into = fmt.Sprintf("op%d", i)
		}
		for k, p := range n.Prev {
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
func (d *Drawing) legend() string {
	var parts []string
	if d.Compact {
		fields := "name (operation), data, grad"
		if d.Cfg.DataOnly {
			fields = "name (operation), data"
		}
		parts = append(parts, "each box: "+fields)
	}
	if slices.Contains(d.copied, true) {
		parts = append(parts, copyLegend)
	}
	return strings.Join(parts, `\n`) // a line each: the title stays narrower than most pictures
}

// HasOpNode reports whether node i's operation is a node of its own, an
// oval titled opN: in the detailed style, when the Value has an operation.
func (d *Drawing) HasOpNode(i int) bool {
	return d.Nodes[i].Op != "" && !d.Compact
}

// markAttrs returns the DOT attributes of a node with the mark m.
func (d *Drawing) markAttrs(m Mark) string {
	if d.Classes && m != Plain {
		return ` class="` + MarkClass[m] + `"`
	}
	return Looks[m].DOTAttrs()
}

// Prefixes returns what comes before the numbers of a Value's box: "data "
// and "grad ", or nothing in the compact style.
func (d *Drawing) Prefixes() [2]string {
	if d.Compact {
		return [2]string{}
	}
	return [2]string{"data ", "grad "}
}

// texts returns what the fields of node i's box say: its name (in the
// compact style with the operation after it), its data and its grad. A
// Value without a name (one that is not redrawn, in the detailed style)
// has no name field, rather than an empty one.
func (d *Drawing) texts(i int) []string {
	n := d.Nodes[i]
	name := n.Label
	if name == "" && d.copied[i] { // the copies need a name to show
		name = d.Name(i)
	}
	if d.Compact && n.Op != "" { // the operation has no oval of its own
		if name != "" {
			name += " (" + n.Op + ")"
		} else {
			name = n.Op
		}
	}
	p := d.Prefixes()
	fields := [2]string{p[0] + Number(n.Data, d.Digits), p[1] + Number(n.Grad, d.Digits)}
	if d.FieldTexts != nil {
		fields = d.FieldTexts[i]
	}
	texts := []string{name, fields[0]}
	if name == "" {
		texts = texts[1:]
	}
	if !d.Cfg.DataOnly {
		texts = append(texts, fields[1])
	}
	return texts
}

// fields returns the record fields of node i's box, as DOT text.
func (d *Drawing) fields(i int) string {
	texts := d.texts(i)
	for k, t := range texts {
		texts[k] = dotText(t)
	}
	return strings.Join(texts, " | ")
}
