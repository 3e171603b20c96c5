package autograd

import "sync/atomic"

// This file makes topoSort (value.go) fast. micrograd remembers the Values
// a walk has visited in a set; here each Value carries a mark, the number of
// the last walk that reached it, so "visited?" is one comparison instead of
// a lookup, and a new walk forgets every old mark at once by taking new
// numbers. And a walk's slices are kept for the next walk: a training loop
// walks a graph of the same size at every step, and growing a
// million-entry slice again each time would cost more than the walk itself.

// A walk is one topological sort of a graph: its result, its stack, and
// the marks it gives the Values it reaches.
type walk struct {
	order []*Value // the result: operands before the Values that use them
	stack []*Value // Values entered or waiting to be entered
	marks marks
}

// marks are the two marks of a walk: one for a Value it has entered, one
// for a Value it has put in its order.
type marks struct{ entering, done uint64 }

// lastMark numbers the marks of walks. Each walk takes two numbers; mark 0,
// which no walk takes, is what a Value no walk has reached holds. 64 bits
// do not run out.
var lastMark atomic.Uint64

// spareWalk holds the slices of the last finished walk for the next one. A
// walk that finds no spare (another goroutine holds it) makes new slices.
var spareWalk atomic.Pointer[walk]

// startWalk returns an empty walk with marks of its own, reusing the
// slices of the spare walk if they are free. The caller hands them back
// with release.
func startWalk() *walk {
	w := spareWalk.Swap(nil)
	if w == nil {
		w = new(walk)
	}
	w.marks.done = lastMark.Add(2)
	w.marks.entering = w.marks.done - 1
	return w
}

// entered reports whether the walk has entered v: it is walking, or has
// walked, v's operands.
func (m marks) entered(v *Value) bool { return v.mark == m.entering }

// enter marks v as entered.
func (m marks) enter(v *Value) { v.mark = m.entering }

// listed reports whether the walk has put v in its order.
func (m marks) listed(v *Value) bool { return v.mark == m.done }

// list marks v as being in the order.
func (m marks) list(v *Value) { v.mark = m.done }

// release offers w's slices to the next walk.
func (w *walk) release() {
	// Forget the Values, so that the spare slices do not keep a graph alive.
	clear(w.order)
	clear(w.stack[:cap(w.stack)])
	w.order, w.stack = w.order[:0], w.stack[:0]
	spareWalk.Store(w)
}
