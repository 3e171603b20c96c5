package autograd

import (
	"sync"
	"sync/atomic"
)

// lastWalk numbers graph walks. A walk marks each node it reaches with its
// own number, so "visited?" is one comparison instead of a map lookup, and
// starting a new walk clears every old mark at once.
var lastWalk atomic.Uint64

// walkBuffers recycles the slices of a walk: a deep graph needs large ones,
// and a training loop walks a graph of the same size at every step.
var walkBuffers = sync.Pool{New: func() any { return new(walk) }}

type walk struct {
	order []*Value
	stack []frame
}

// frame is a node waiting on the walk's stack: expanded is false until its
// operands have been pushed, true when they are all done.
type frame struct {
	node     *Value
	expanded bool
}

// walkGraph puts the nodes of root's graph into w.order in topological
// order, using an explicit stack rather than recursion so no graph is too
// deep. The caller hands w back with release once done with w.order.
func walkGraph(root *Value) *walk {
	mark := lastWalk.Add(1) << 8
	w := walkBuffers.Get().(*walk)
	w.stack = append(w.stack[:0], frame{node: root})
	w.order = w.order[:0]
	for len(w.stack) > 0 {
		top := w.stack[len(w.stack)-1]
		w.stack = w.stack[:len(w.stack)-1]
		n := top.node
		if top.expanded {
			w.order = append(w.order, n)
			continue
		}
		if n.tag&^0xff == mark {
			continue
		}
		n.tag = mark | uint64(n.kind())
		w.stack = append(w.stack, frame{node: n, expanded: true})
		// Push the operands last-first, so the first operand is finished
		// first, as a recursive walk over Prev would do.
		for i := len(n.Prev) - 1; i >= 0; i-- {
			if p := n.Prev[i]; p.tag&^0xff != mark {
				w.stack = append(w.stack, frame{node: p})
			}
		}
	}
	return w
}

func (w *walk) release() { walkBuffers.Put(w) }
