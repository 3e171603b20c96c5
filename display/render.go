package display

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/goccy/go-graphviz"
)

// SVG renders the graph that ends in root as an SVG document, without the
// XML prolog and DOCTYPE, so that it can be put straight into HTML.
func SVG(root any, opts ...Option) ([]byte, error) {
	svg, err := renderRoot(root, opts)
	if err != nil {
		return nil, failed("SVG", err)
	}
	return svg, nil
}

// renderRoot does the work of SVG.
func renderRoot(root any, opts []Option) ([]byte, error) {
	d, err := prepare(root, opts)
	if err != nil {
		return nil, err
	}
	return render(d.dot())
}

// renderer serialises every use of go-graphviz, which is not safe for
// concurrent use; its Graphviz instance is made on first use.
var renderer struct {
	sync.Mutex
	gv *graphviz.Graphviz
}

// render lays out and renders DOT text as SVG. go-graphviz ignores
// cancellation, so the context is only a formality: the size limit applied
// before the DOT text was written is what keeps this short.
func render(dot string) ([]byte, error) {
	renderer.Lock()
	defer renderer.Unlock()
	ctx := context.Background()
	if renderer.gv == nil {
		gv, err := graphviz.New(ctx)
		if err != nil {
			return nil, fmt.Errorf("starting Graphviz: %w", err)
		}
		renderer.gv = gv
	}
	g, err := graphviz.ParseBytes([]byte(dot))
	if err != nil {
		return nil, fmt.Errorf("Graphviz could not parse the DOT text: %w", err)
	}
	if g == nil {
		return nil, errors.New("Graphviz found no graph in the DOT text")
	}
	defer g.Close()
	var buf bytes.Buffer
	if err := renderer.gv.Render(ctx, g, graphviz.SVG, &buf); err != nil {
		return nil, fmt.Errorf("Graphviz could not render the graph: %w", err)
	}
	// Graphviz starts with an XML declaration, a DOCTYPE and comments,
	// which do not belong inside HTML: keep the <svg> element only.
	start := bytes.Index(buf.Bytes(), []byte("<svg"))
	if start < 0 {
		return nil, errors.New("Graphviz produced no <svg> element")
	}
	return buf.Bytes()[start:], nil
}
