package display

import (
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
)

// The notebook calls reach GoNB and the terminal through these variables,
// so that tests can see what a notebook or a terminal would receive.
var (
	inNotebook            = gonbui.IsNotebook
	displayHTML           = showHTML
	updateHTML            = gonbui.UpdateHTML
	uniqueID              = gonbui.UniqueId
	sleep                 = time.Sleep
	stdout      io.Writer = os.Stdout
	stderr      io.Writer = os.Stderr
)

// showHTML displays html under the cell and waits until GoNB has it: a
// cell's program that exits right after drawing would otherwise lose the
// picture still in the pipe, as about one drawing in a hundred did under load.
func showHTML(html string) {
	gonbui.DisplayHTML(html)
	gonbui.Sync()
}

// graphFile is the file that [Graph] writes outside a notebook, in the
// current directory.
const graphFile = "graph.svg"

// Graph draws the graph that ends in root: the notebook's way to call [SVG].
// In a GoNB notebook the picture appears under the cell. Outside a notebook
// Graph writes it to the file graph.svg in the current directory
// (replacing any earlier one) and prints the file's path. Errors, such as a
// graph over the size limit, are shown in the cell's output, or printed to
// standard error outside a notebook, and returned.
func Graph(root any, opts ...Option) error {
	svg, err := renderRoot(root, opts)
	if err != nil {
		return report(failed("Graph", err))
	}
	if inNotebook {
		displayHTML(svgHTML(svg))
		return nil
	}
	if err := os.WriteFile(graphFile, svg, 0o644); err != nil {
		return report(failed("Graph", err))
	}
	path, err := filepath.Abs(graphFile)
	if err != nil {
		path = graphFile
	}
	fmt.Fprintf(stdout, "display: Graph: wrote %s; open it in a web browser\n", path)
	return nil
}

// svgHTML puts svg into HTML for a notebook. Jupyter shrinks an SVG to the
// width of the cell, which makes the text of a wide graph unreadable: the
// SVG keeps its own size, and its box scrolls sideways instead.
func svgHTML(svg []byte) string {
	return `<div style="overflow-x:auto"><svg style="max-width:none"` +
		strings.TrimPrefix(string(svg), "<svg") + "</div>"
}

// report shows err where the user of a notebook call looks, in the cell's
// output or on standard error, and returns it.
func report(err error) error {
	if inNotebook {
		displayHTML(`<pre style="color:#b00000;white-space:pre-wrap">` + html.EscapeString(err.Error()) + "</pre>")
	} else {
		fmt.Fprintln(stderr, err)
	}
	return err
}
