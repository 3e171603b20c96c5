// Package plots shows gonum plots (gonum.org/v1/plot) inline in a GoNB
// notebook, as SVG, the way package display shows computation graphs: a loss
// curve, a decision boundary, a scatter of the data.
//
// Outside a notebook, [Show] writes the picture to plot.svg in the current
// directory instead, as display.Graph writes graph.svg: both show their
// pictures with package display/output.
//
// It is a package of its own so that notebooks drawing only graphs do not
// compile gonum's plotting code into every cell.
package plots

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/gograd/gograd/display/output"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// plotFile is the file that [Show] writes outside a notebook, in the
// current directory.
const plotFile = "plot.svg"

// SVG renders p as an SVG picture of width w and height h, ready to go
// inside HTML: without the XML prolog, and with raster parts (a heat map is
// an embedded image) stretched to fill their rectangle, as they are in
// gonum's other formats, rather than keeping the grid's aspect ratio.
func SVG(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	wt, err := p.WriterTo(w, h, "svg")
	if err != nil {
		return nil, fmt.Errorf("plots: SVG: %w", err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: SVG: %w", err)
	}
	svg := buf.String()
	start := strings.Index(svg, "<svg")
	if start < 0 {
		return nil, fmt.Errorf("plots: SVG: gonum wrote no <svg> element")
	}
	svg = strings.ReplaceAll(svg[start:], "<image ", `<image preserveAspectRatio="none" `)
	return []byte(svg), nil
}

// Show displays p under the notebook cell as an SVG picture of width w and
// height h, as display.Graph shows its pictures: cells that show plots may
// draw graphs too. Outside a notebook it writes the picture to the file
// plot.svg in the current directory (replacing any earlier one) and prints
// the file's path, as display.Graph does with graph.svg.
func Show(p *plot.Plot, w, h vg.Length) error {
	svg, err := SVG(p, w, h)
	if err != nil {
		return err
	}
	return output.Picture{SVG: svg, Alt: "a plot: " + p.Title.Text}.Show(plotFile, "plots: Show")
}
