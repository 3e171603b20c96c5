package autograd

import "sync/atomic"

// lastWalk numbers graph walks. A walk marks each node it reaches with its
// own number, so "visited?" is one comparison instead of a map lookup, and
// starting a new walk clears every old mark at once. Each walk takes two
// numbers: one marks a node as entered (its operands are being walked),
// the next as finished (it is in the order). A mark has 40 bits, so the
// numbers come round again after 2^39 walks (4 hours of nothing but
// Backward on a two-node graph, at 28 ns each); even then a node is misread
// only if the walk that last visited it had exactly the current number.
// Mark 0 is skipped on the way: it is what a node no walk has visited has.
var lastWalk atomic.Uint64

// spareWalk keeps the buffers of the last finished walk for the next one. A
// training loop walks a graph of the same size at every step, and growing a
// million-entry slice again each time would cost more than the walk itself.
// A walk that finds no spare (another goroutine holds it) makes new buffers.
var spareWalk atomic.Pointer[walk]

type walk struct {
	order []*Value // the result: operands before the nodes that use them
	stack []*Value // nodes entered or waiting to be entered
}

// takeWalk returns walk buffers, the spare ones if they are free. The
// caller hands them back with release.
func takeWalk() *walk {
	if w := spareWalk.Swap(nil); w != nil {
		return w
	}
	return new(walk)
}

// zeroing says which gradients walkGraph sets to 0 on its way, to save the
// caller another pass over the graph.
type zeroing int

const (
	zeroNone     zeroing = iota
	zeroInterior         // the nodes with an operation, for Backward
	zeroAll              // for ZeroGrad
)

// walkGraph puts the nodes of root's graph into w.order in topological
// order: a depth-first walk over Prev, with an explicit stack rather than
// recursion so that no graph is too deep. The caller, named in panics,
// hands w back with release once done with w.order.
func walkGraph(caller string, root *Value, zero zeroing) *walk {
	mustOperand(caller, root)
	w := takeWalk()
	entered := lastWalk.Add(2) << walkShift
	for entered == 0 {
		entered = lastWalk.Add(2) << walkShift
	}
	finished := entered + 1<<walkShift
	w.order = w.order[:0]
	w.stack = append(w.stack[:0], root)
	for len(w.stack) > 0 {
		n := w.stack[len(w.stack)-1]
		switch n.tag &^ nodeBits {
		case finished: // a second copy on the stack: n was reached twice
			w.stack = w.stack[:len(w.stack)-1]
		case entered: // back from n's operands: n is done
			w.stack = w.stack[:len(w.stack)-1]
			n.tag = finished | n.tag&nodeBits
			if zero == zeroAll || zero == zeroInterior && n.kind() != leaf {
				n.Grad = 0
			}
			w.order = append(w.order, n)
		default: // first visit: walk the operands, first operand first
			n.tag = entered | n.tag&nodeBits
			for i := len(n.Prev) - 1; i >= 0; i-- {
				if p := n.Prev[i]; p.tag&^nodeBits != finished {
					w.stack = append(w.stack, p)
				}
			}
		}
	}
	return w
}

// release offers w's buffers to the next walk.
func (w *walk) release() {
	// Forget the nodes, so that the spare buffers do not keep a graph alive.
	clear(w.order)
	clear(w.stack[:cap(w.stack)])
	spareWalk.Store(w)
}
