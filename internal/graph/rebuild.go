package graph

import (
	"fmt"

	"github.com/gograd/gograd/autograd"
)

// Rebuild makes the engine's copy of g: one *autograd.Value per node, in
// the same order, leaves from their Data and every other node with
// autograd.Apply from its Op and operands. The copy's gradients are 0 and
// the caller's graph is left alone. Inner nodes get their Data from the
// engine's forward pass, which differs from the caller's only if the
// caller's forward pass is wrong.
func Rebuild(g *Graph) ([]*autograd.Value, error) {
	vals := make([]*autograd.Value, len(g.Nodes))
	for i, n := range g.Nodes {
		if n.Op == "" {
			if len(n.Prev) > 0 {
				return nil, fmt.Errorf("cannot rebuild %s in the engine: it has %d operands but no Op", g.Name(i), len(n.Prev))
			}
			vals[i] = autograd.New(n.Data).Named(n.Label)
			continue
		}
		operands := make([]*autograd.Value, len(n.Prev))
		for j, p := range n.Prev {
			operands[j] = vals[p]
		}
		v, err := autograd.Apply(n.Op, operands...)
		if err != nil {
			return nil, fmt.Errorf("cannot rebuild %s in the engine: %w", g.Name(i), err)
		}
		vals[i] = v.Named(n.Label)
	}
	return vals, nil
}
