package display

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
