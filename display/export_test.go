package display

import "github.com/gograd/gograd/internal/graph"

// LayoutCost is layoutCost for the tests of package display_test.
func LayoutCost(root any, opts ...Option) (int, error) {
	d, err := prepare(root, opts)
	if err != nil {
		return 0, err
	}
	return d.Cost, nil
}

// MaxLayoutCost is the layout cost that the default limits admit.
func MaxLayoutCost() int { return graph.CostPerValue * DefaultMaxNodes }
