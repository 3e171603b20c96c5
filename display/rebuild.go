package display

import (
	"fmt"

	"github.com/gograd/gograd/autograd"
)

// rebuild makes the engine's copy of g: one *autograd.Value per node, in
// the same order, leaves from their Data and every other node with
// autograd.Apply from its Op and operands. The copy's gradients are 0 and
// the caller's graph is left alone. Inner nodes get their Data from the
// engine's forward pass, which differs from the caller's only if the
// caller's forward pass is wrong.
func rebuild(g *graph) ([]*autograd.Value, error) {
	vals := make([]*autograd.Value, len(g.nodes))
	for i, n := range g.nodes {
		if n.op == "" {
			if len(n.prev) > 0 {
				return nil, fmt.Errorf("cannot rebuild %s in the engine: it has %d operands but no Op", g.name(i), len(n.prev))
			}
			vals[i] = autograd.New(n.data).Named(n.label)
			continue
		}
		operands := make([]*autograd.Value, len(n.prev))
		for j, p := range n.prev {
			operands[j] = vals[p]
		}
		v, err := autograd.Apply(n.op, operands...)
		if err != nil {
			return nil, fmt.Errorf("cannot rebuild %s in the engine: %w", g.name(i), err)
		}
		vals[i] = v.Named(n.label)
	}
	return vals, nil
}
