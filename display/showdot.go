package display

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

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
		return report(fmt.Errorf("display: ShowDot: the DOT text is %d bytes long, over the limit of %d (display.MaxDotBytes)", len(dot), MaxDotBytes))
	}
	if strings.TrimSpace(dot) == "" {
		return report(errors.New("display: ShowDot: the DOT text is empty"))
	}
	svg, err := render(dot)
	if err != nil {
		return report(failed("ShowDot", err))
	}
	if inNotebook {
		showPicture(svg, "a graph drawn from DOT text", false)
		return nil
	}
	return writeGraphFile("ShowDot", svg)
}

// writeGraphFile writes svg to graph.svg in the current directory, for the
// function fn, and says so on standard output.
func writeGraphFile(fn string, svg []byte) error {
	if err := os.WriteFile(graphFile, svg, 0o644); err != nil {
		return report(failed(fn, err))
	}
	path, err := filepath.Abs(graphFile)
	if err != nil {
		path = graphFile
	}
	fmt.Fprintf(stdout, "display: %s: wrote %s; open it in a web browser\n", fn, path)
	return nil
}
