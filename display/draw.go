package display

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gograd/gograd/display/output"
	"github.com/gograd/gograd/internal/graph"
	"github.com/gograd/gograd/internal/render"
)

// Graph draws the graph that ends in root: the notebook's way to call [SVG].
// In a GoNB notebook the picture appears under the cell, scaled to the
// width of the cell as far as its text stays readable (see [FullSize]),
// with a line of plain text for front ends that show no pictures. Outside
// a notebook Graph writes it to the file graph.svg in the current directory
// (replacing any earlier one) and prints the file's path. Errors, such as
// a graph over the size limit, are shown in the cell's output, or printed
// to standard error outside a notebook, and returned.
func Graph(root any, opts ...Option) error {
	d, err := prepare(root, opts)
	if err != nil {
		return output.Error(failed("Graph", err))
	}
	svg, err := d.SVG()
	if err != nil {
		return output.Error(failed("Graph", err))
	}
	pic := output.Picture{SVG: svg, Alt: d.Summary(), FullSize: d.Cfg.FullSize}
	if err := pic.Show(graphFile, "display: Graph"); err != nil {
		return output.Error(err)
	}
	return nil
}

// graphFile is the file that [Graph] and [ShowDot] write outside a
// notebook, in the current directory.
const graphFile = "graph.svg"

// SVG renders the graph that ends in root as an SVG document, without the
// XML prolog and DOCTYPE, so that it can be put straight into HTML.
func SVG(root any, opts ...Option) ([]byte, error) {
	d, err := prepare(root, opts)
	if err != nil {
		return nil, failed("SVG", err)
	}
	svg, err := d.SVG()
	if err != nil {
		return nil, failed("SVG", err)
	}
	return svg, nil
}

// Dot returns the graph that ends in root as Graphviz DOT text: what [SVG]
// renders and [Graph] shows. The text depends only on the graph and the
// options, never on where the Values sit in memory, so the same graph gives
// the same bytes on every run. Values are named v0, v1, … in the order of
// autograd.Topo, and the operation that made vN is the node opN.
func Dot(root any, opts ...Option) (string, error) {
	d, err := prepare(root, opts)
	if err != nil {
		return "", failed("Dot", err)
	}
	return d.DOT(), nil
}

// MaxDotBytes is the longest DOT text that [ShowDot] accepts: four times
// the DOT text that this package writes for a graph of [DefaultMaxNodes]
// Values. Graphviz cannot be interrupted once it lays a graph out.
const MaxDotBytes = 256 << 10

// ShowDot renders DOT text written by hand, such as the draw_dot of the
// lessons, and shows the picture the way [Graph] does: under the notebook
// cell, or in graph.svg outside a notebook. Graphviz's complaints about the
// text, a syntax error with its line for instance, are shown and returned,
// as are other errors.
//
// Use fontname="Courier" for record nodes: the text of Graphviz's default
// font, Times, overflows its boxes in a browser.
func ShowDot(dot string) error {
	if len(dot) > MaxDotBytes {
		return output.Error(fmt.Errorf("display: ShowDot: the DOT text is %d bytes long, over the limit of %d (display.MaxDotBytes)", len(dot), MaxDotBytes))
	}
	if strings.TrimSpace(dot) == "" {
		return output.Error(errors.New("display: ShowDot: the DOT text is empty"))
	}
	svg, err := render.SVG(dot)
	if err != nil {
		return output.Error(failed("ShowDot", err))
	}
	pic := output.Picture{SVG: svg, Alt: "a graph drawn from DOT text"}
	if err := pic.Show(graphFile, "display: ShowDot"); err != nil {
		return output.Error(err)
	}
	return nil
}

// failed prefixes err with the package and the function that failed, as in
// "display: Graph: type main.Value has no field "Grad" (want Grad float64)".
func failed(fn string, err error) error {
	return fmt.Errorf("display: %s: %w", fn, err)
}

// prepare reads the options and the graph that ends in root.
func prepare(root any, opts []Option) (*graph.Drawing, error) {
	return graph.Prepare(root, DefaultMaxNodes, opts)
}
