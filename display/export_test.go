package display

// LayoutCost returns, for the tests of package display_test, the layout
// cost of the picture of root (see layoutCost) and the number of copies
// drawn in it (see chooseRedrawn).
func LayoutCost(root any, opts ...Option) (cost, copies int, err error) {
	d, err := prepare(root, opts)
	if err != nil {
		return 0, 0, err
	}
	for i := range d.nodes {
		copies += len(d.copies(i))
	}
	return d.cost, copies, nil
}
