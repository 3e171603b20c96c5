package display

// LayoutCost returns, for the tests of package display_test, the layout
// cost of the picture of root (see internal/graph's layoutCost).
func LayoutCost(root any, opts ...Option) (int, error) {
	d, err := prepare(root, opts)
	if err != nil {
		return 0, err
	}
	return d.Cost, nil
}
