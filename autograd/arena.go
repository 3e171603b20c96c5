package autograd

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// An Arena holds the Values of short-lived graphs, such as the graph of one
// training step, and reuses their memory after Reset.
//
// A training loop builds a graph of the same shape at every step, uses it
// once and drops it. Left to the garbage collector, those nodes cost more
// than the arithmetic on them: allocating them, and marking the graph under
// construction each time a collection starts, took over half of a step of
// the moons demo. An arena hands nodes out of large blocks instead, and
// Reset takes them all back at once, so a loop that resets its arena at the
// start of every step allocates almost nothing after the first.
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
// at a time; goroutines that build graphs at once need an arena each. Make
// arenas with NewArena; a nil *Arena is valid too, and allocates on the
// heap.
type Arena struct{ *arenaBlocks }

// arenaBlocks is the memory of an Arena. Operations find it from a node's
// arena number. It is kept apart from the Arena so that an Arena nobody
// holds any more can be collected, which takes its blocks out of reach of
// new operations: the Values still alive then stay valid, and what is
// computed from them goes on the heap.
type arenaBlocks struct {
	id     uint64
	blocks [][]Value
	block  int // the block being handed out
	next   int // the index of its next free node
}

// arenaBlockSize is the number of nodes in a block: 96 KiB.
const arenaBlockSize = 1024

var (
	// arenas finds an arena's blocks from its number; 0 is the heap.
	arenas [1 << arenaBits]atomic.Pointer[arenaBlocks]
	// arenaRefs counts, for each number, the Arena and the blocks that
	// still exist. A number is given out again only once all are gone, so
	// that no Value still carries it: an operation on an old Value must
	// never write into another arena, perhaps another goroutine's.
	arenaRefs   [1 << arenaBits]atomic.Int32
	arenaNumMu  sync.Mutex
	freeNumbers []uint64
	lastNumber  uint64
)

// NewArena returns an empty Arena. Make one per training loop, not one per
// step: Reset is what makes an arena cheap. At most 65,535 arenas can exist
// at once; NewArena panics beyond that.
func NewArena() *Arena {
	id := arenaNumber()
	arenaRefs[id].Store(1)
	blocks := &arenaBlocks{id: id}
	arenas[id].Store(blocks)
	a := &Arena{blocks}
	runtime.AddCleanup(a, func(id uint64) {
		arenas[id].Store(nil)
		dropArenaRef(id)
	}, id)
	return a
}

// arenaNumber returns a number that no existing Value carries.
func arenaNumber() uint64 {
	arenaNumMu.Lock()
	defer arenaNumMu.Unlock()
	if n := len(freeNumbers); n > 0 {
		id := freeNumbers[n-1]
		freeNumbers = freeNumbers[:n-1]
		return id
	}
	if lastNumber == uint64(len(arenas)-1) {
		panic(fmt.Sprintf("autograd: NewArena: %d arenas exist; make one per training loop and Reset it at each step", lastNumber))
	}
	lastNumber++
	return lastNumber
}

func dropArenaRef(id uint64) {
	if arenaRefs[id].Add(-1) == 0 {
		arenaNumMu.Lock()
		freeNumbers = append(freeNumbers, id)
		arenaNumMu.Unlock()
	}
}

// New returns a leaf Value holding data, in the arena; for a nil arena it
// is the package's [New].
func (a *Arena) New(data float64) *Value {
	if a == nil {
		return New(data)
	}
	if a.arenaBlocks == nil {
		panic("autograd: Arena.New: the Arena was not made by NewArena")
	}
	v := a.alloc()
	v.Data, v.tag = data, a.id<<kindBits
	return v
}

// Reset takes back every Value in the arena, for the operations that follow
// to reuse. None of those Values may be used again: see [Arena].
func (a *Arena) Reset() {
	if a != nil && a.arenaBlocks != nil {
		a.block, a.next = 0, 0
	}
}

// alloc returns a zeroed node from the arena's blocks, adding a block when
// all are in use.
func (b *arenaBlocks) alloc() *Value {
	if b.next == arenaBlockSize {
		b.block, b.next = b.block+1, 0
	}
	if b.block == len(b.blocks) {
		block := make([]Value, arenaBlockSize)
		arenaRefs[b.id].Add(1)
		runtime.AddCleanup(&block[0], dropArenaRef, b.id)
		b.blocks = append(b.blocks, block)
	}
	v := &b.blocks[b.block][b.next]
	b.next++
	*v = Value{}
	return v
}

// arenaOf returns the blocks of the arena that holds v, or nil for a Value
// on the heap or in an arena that has been collected.
func arenaOf(v *Value) *arenaBlocks {
	if id := v.arenaID(); id != 0 {
		return arenas[id].Load()
	}
	return nil
}
