package autograd

// node is the part of a Value that is there for speed alone.
//
// A Value is one allocation, and Go rounds it up to one of its size
// classes: Value's fields fill a class exactly, and every byte beyond it
// would cost memory and time on every node of every graph. The graph walk
// and Backward read Data, Grad, op, the mark and the operands of each node
// one after the other; Value keeps them together at its start so that they
// share as few cache lines as possible.
type node struct {
	mark  uint64 // the last graph walk that reached the Value (fast_walk.go)
	arena *Arena // the Arena that holds the Value (fast_arena.go); nil for the heap

	// operands is the storage behind Prev, so that a Value and the list of
	// its operands are one allocation instead of two. For Pow, operands[1]
	// holds the exponent, which is not part of the graph and so not in Prev.
	operands [2]*Value
}

// newValue returns a new Value that the op numbered k made from a and b:
// its data, its Op and its Prev, which holds a, and b if the op takes two
// operands. It lives in the arena of a, or else of b, like the rest of a
// graph built from an arena's inputs, and on the heap if neither is in an
// arena. Every field is set here, in one place, so that the compiler can
// issue their write barriers (the garbage collector's bookkeeping of
// pointer stores) together.
func newValue(k opIndex, data float64, a, b *Value) *Value {
	arena := a.arena
	if arena == nil && b != nil {
		arena = b.arena
	}
	out := arena.alloc()
	n := ops[k].operands
	out.Data, out.op, out.Op = data, k, ops[k].name
	out.operands = [2]*Value{a, b}
	out.Prev = out.operands[:n:n]
	return out
}
