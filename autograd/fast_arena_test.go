package autograd

import (
	"math"
	"sync"
	"testing"
)

// inArena reports whether v is one of the nodes of arena a's blocks.
func inArena(a *Arena, v *Value) bool {
	for _, block := range a.blocks {
		for i := range block {
			if &block[i] == v {
				return true
			}
		}
	}
	return false
}

func TestArenaPlacement(t *testing.T) {
	arena := NewArena()
	w := New(0.5).Named("w") // a parameter: on the heap
	x := arena.New(2).Named("x")
	cases := []struct {
		name    string
		v       *Value
		inArena bool
	}{
		{"arena leaf", x, true},
		{"heap leaf", w, false},
		{"arena first operand", x.Mul(w), true},
		{"arena second operand", w.Mul(x), true},
		{"heap operands only", w.Mul(w), false},
		{"unary on arena", x.Tanh(), true},
		{"pow on arena", x.Pow(2), true},
		{"built from arena nodes", Sub(10, x.Exp()).Div(x.Add(w)), true},
		{"plain number and arena", Mul(3, x), true},
	}
	for _, c := range cases {
		if got := inArena(arena, c.v); got != c.inArena {
			t.Errorf("%s: in the arena = %v, want %v", c.name, got, c.inArena)
		}
		if got := c.v.arena == arena; got != c.inArena {
			t.Errorf("%s: knows its arena = %v, want %v", c.name, got, c.inArena)
		}
	}
}

// arenaNeuron builds the document's tanh neuron, with the inputs made in
// arena (nil: on the heap) and the weights and bias as given, and runs
// Backward.
func arenaNeuron(arena *Arena, w1, w2, b *Value) (o, x1, x2 *Value) {
	x1, x2 = arena.New(2).Named("x1"), arena.New(0).Named("x2")
	o = x1.Mul(w1).Add(x2.Mul(w2)).Add(b).Tanh()
	w1.Grad, w2.Grad, b.Grad = 0, 0, 0
	o.Backward()
	return o, x1, x2
}

// TestArenaMatchesHeap checks that a graph in an arena computes exactly
// what the same graph on the heap does, step after step of resets.
func TestArenaMatchesHeap(t *testing.T) {
	params := func() (w1, w2, b *Value) { return New(-3), New(1), New(6.8813735870195432) }
	hw1, hw2, hb := params()
	aw1, aw2, ab := params()
	arena := NewArena()
	for step := range 4 {
		arena.Reset()
		ho, hx1, hx2 := arenaNeuron(nil, hw1, hw2, hb)
		ao, ax1, ax2 := arenaNeuron(arena, aw1, aw2, ab)
		pairs := [][2]*Value{{ho, ao}, {hx1, ax1}, {hx2, ax2}, {hw1, aw1}, {hw2, aw2}, {hb, ab}}
		for i, p := range pairs {
			if p[0].Data != p[1].Data || p[0].Grad != p[1].Grad {
				t.Fatalf("step %d, value %d: heap %v, arena %v", step, i, p[0], p[1])
			}
		}
		for _, p := range [][2]*Value{{hw1, aw1}, {hw2, aw2}, {hb, ab}} {
			p[0].Data -= 0.1 * p[0].Grad
			p[1].Data -= 0.1 * p[1].Grad
		}
	}
}

// TestArenaReuse checks that after Reset the arena hands out the same
// memory again, so that a training step allocates nothing once warm.
func TestArenaReuse(t *testing.T) {
	arena := NewArena()
	w1, w2, b := New(-3), New(1), New(6.8813735870195432)
	o1, _, _ := arenaNeuron(arena, w1, w2, b)
	arena.Reset()
	o2, _, _ := arenaNeuron(arena, w1, w2, b)
	if o1 != o2 {
		t.Error("after Reset, the same graph did not reuse the same nodes")
	}
	allocs := testing.AllocsPerRun(100, func() {
		arena.Reset()
		arenaNeuron(arena, w1, w2, b)
	})
	if allocs != 0 {
		t.Errorf("a warm step allocated %v times, want 0", allocs)
	}
}

// TestArenaGrows checks a graph larger than one block, and that the
// blocks are kept and reused after Reset.
func TestArenaGrows(t *testing.T) {
	arena := NewArena()
	const ops = 3*arenaBlockSize + 10
	chain := func() *Value {
		x := arena.New(0.5)
		v := x
		for range ops {
			v = v.Add(x).Tanh()
		}
		v.Backward()
		return x
	}
	heap := New(0.5)
	v := heap
	for range ops {
		v = v.Add(heap).Tanh()
	}
	v.Backward()
	for range 2 {
		arena.Reset()
		if x := chain(); x.Grad != heap.Grad {
			t.Fatalf("gradient %v in the arena, %v on the heap", x.Grad, heap.Grad)
		}
		if got, want := len(arena.blocks), (2*ops+1+arenaBlockSize-1)/arenaBlockSize; got != want {
			t.Fatalf("%d blocks, want %d", got, want)
		}
	}
}

func TestNilArena(t *testing.T) {
	var arena *Arena
	arena.Reset() // does nothing
	v := arena.New(2)
	if v.Data != 2 || v.arena != nil {
		t.Errorf("nil arena: New(2) = %v in arena %p, want a heap leaf", v, v.arena)
	}
}

// TestArenaConcurrent builds graphs in several goroutines at once, each in
// its own arena; run it with -race.
func TestArenaConcurrent(t *testing.T) {
	wantW1 := New(-3)
	want, _, _ := arenaNeuron(nil, wantW1, New(1), New(6.8813735870195432))
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			arena := NewArena()
			w1, w2, b := New(-3), New(1), New(6.8813735870195432)
			for range 200 {
				arena.Reset()
				if o, _, _ := arenaNeuron(arena, w1, w2, b); o.Data != want.Data || w1.Grad != wantW1.Grad {
					t.Errorf("got o = %v, w1.Grad = %v; want %v and %v", o.Data, w1.Grad, want.Data, wantW1.Grad)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestZeroArena checks that an Arena that was not made by NewArena works.
func TestZeroArena(t *testing.T) {
	var arena Arena
	arena.Reset() // does nothing
	x := arena.New(2)
	if y := x.Mul(x); y.Data != 4 || !inArena(&arena, x) || !inArena(&arena, y) {
		t.Errorf("x*x = %v; in the zero Arena: x %v, x*x %v", y, inArena(&arena, x), inArena(&arena, y))
	}
}

func TestArenaIEEE(t *testing.T) {
	arena := NewArena()
	if v := arena.New(1).Div(New(0)); !math.IsInf(v.Data, 1) {
		t.Errorf("1/0 in an arena = %v, want +Inf", v.Data)
	}
}
