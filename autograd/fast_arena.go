package autograd

// An Arena holds the Values of short-lived graphs, such as the graph of one
// training step, and reuses their memory after Reset.
//
// A training loop builds a graph of the same shape at every step, uses it
// once and drops it. Left to the garbage collector, those nodes cost more
// than the arithmetic on them: allocating them, and marking the graph under
// construction each time a collection starts. An arena hands nodes out of
// large blocks instead, and Reset takes them all back at once, so a loop
// that resets its arena at the start of every step allocates almost nothing
// after the first.
//
// Make the inputs of a forward pass with the arena's New. An operation puts
// its result in the arena of its first operand, or else of its second, so
// everything computed from those inputs lands in the arena, while the
// parameters, made with the package's [New], stay on the heap:
//
//	arena := autograd.NewArena()
//	for range steps {
//		arena.Reset()         // frees the previous step's graph
//		x := arena.New(input) // and everything computed from x goes in the arena
//		loss := x.Mul(w).Add(b).Tanh().Sub(autograd.New(target)).Pow(2)
//		w.Grad, b.Grad = 0, 0
//		loss.Backward()
//		w.Data -= 0.1 * w.Grad
//		b.Data -= 0.1 * b.Grad
//	}
//
// Reset is a promise that none of the arena's Values will be used again:
// the next step overwrites them, and a Value kept from before silently
// shows another node's numbers. Like a graph, an Arena is for one goroutine
// at a time; goroutines that build graphs at once need an arena each. The
// zero Arena is empty and ready to use; a nil *Arena is valid too, and
// allocates on the heap.
type Arena struct {
	blocks [][]Value
	block  int // the block being handed out
	next   int // the index of its next free Value
}

// arenaBlockSize is the number of Values in a block of an Arena.
const arenaBlockSize = 1024

// NewArena returns an empty Arena. Make one per training loop, not one per
// step: Reset is what makes an arena cheap.
func NewArena() *Arena { return new(Arena) }

// New returns a leaf Value holding data, in the arena; for a nil arena it
// is the package's [New].
func (a *Arena) New(data float64) *Value {
	v := a.alloc()
	v.Data = data
	return v
}

// Reset takes back every Value in the arena, for the operations that follow
// to reuse. None of those Values may be used again: see [Arena].
func (a *Arena) Reset() {
	if a != nil {
		a.block, a.next = 0, 0
	}
}

// alloc returns a zeroed Value that belongs to the arena, from its blocks,
// adding a block when all are in use. A nil arena allocates on the heap.
func (a *Arena) alloc() *Value {
	if a == nil {
		return new(Value)
	}
	if a.next == arenaBlockSize {
		a.block, a.next = a.block+1, 0
	}
	if a.block == len(a.blocks) {
		a.blocks = append(a.blocks, make([]Value, arenaBlockSize))
	}
	v := &a.blocks[a.block][a.next]
	a.next++
	*v = Value{}
	v.arena = a
	return v
}
