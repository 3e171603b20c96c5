package vec

import (
	"math"
	"strings"
	"testing"

	"github.com/gograd/gograd/autograd"
)

// opCases builds a graph for every op in the table: each takes fresh
// leaves and returns a 1×1 root, through Dot with fixed weights where the op
// itself gives more than one number, so that every output element reaches
// the root with a different gradient.
var opCases = []struct {
	op     string
	leaves func() []*Value
	root   func(in []*Value) *Value
}{
	{"a·b", func() []*Value { return []*Value{Vector(0.5, -1.2, 2), Vector(1.5, 0.3, -0.7)} },
		func(in []*Value) *Value { return Dot(in[0], in[1]) }},
	{"W·x", func() []*Value {
		return []*Value{Matrix([][]float64{{1, 2, -3}, {0.4, -0.5, 0.6}}), Vector(0.7, -1.1, 0.2)}
	},
		func(in []*Value) *Value { return Dot(MatVec(in[0], in[1]), Vector(1.3, -0.9)) }},
	{"X·Wᵀ+b", func() []*Value {
		return []*Value{Matrix([][]float64{{1, -2}, {0.5, 0.25}, {-1, 3}}), Matrix([][]float64{{0.3, -0.6, 0.1}, {1.2, 0.4, -0.2}})}
	}, func(in []*Value) *Value { return Dot(Linear(in[0], in[1]), Vector(0.2, -0.4, 0.6, 0.8, -1, 1.2)) }},
	{"ReLU", func() []*Value { return []*Value{Vector(-1.5, 0.5, 2, -0.1)} },
		func(in []*Value) *Value { return Dot(in[0].ReLU(), Vector(1, 2, 3, 4)) }},
	{"+", func() []*Value { return []*Value{Vector(1, 2), Vector(-3, 0.5)} },
		func(in []*Value) *Value { return Dot(in[0].Add(in[1]), Vector(0.7, -1.9)) }},
	{"*", func() []*Value { return []*Value{Vector(1, 2), Vector(-3, 0.5)} },
		func(in []*Value) *Value { return Dot(in[0].Mul(in[1]), Vector(0.7, -1.9)) }},
	{"hinge", func() []*Value { return []*Value{Vector(0.3, -2, 1.7, -0.4)} },
		func(in []*Value) *Value { return Hinge(in[0], Vector(1, 1, 1, -1)) }},
	{"Σp²", func() []*Value { return []*Value{Vector(0.3, -2), Matrix([][]float64{{1, 2}, {-0.5, 4}})} },
		func(in []*Value) *Value { return SumSquares(in...) }},
}

// TestOpsAgainstFiniteDifferences checks every op's backward loop against
// central differences, element by element, and that every op of the table
// is checked.
func TestOpsAgainstFiniteDifferences(t *testing.T) {
	checked := map[string]bool{}
	for _, c := range opCases {
		leaves := c.leaves()
		root := c.root(leaves)
		for _, n := range Topo(root) {
			checked[n.Op] = true
		}
		root.Backward()
		for k, leaf := range leaves {
			for i := range leaf.Data {
				eval := func(shift float64) float64 {
					moved := c.leaves()
					moved[k].Data[i] += shift
					return c.root(moved).Data[0]
				}
				const h = 1e-6
				numeric := (eval(h) - eval(-h)) / (2 * h)
				if !autograd.GradOK(leaf.Grad[i], numeric) {
					t.Errorf("%s: operand %d, element %d: backward %.9g, finite differences %.9g", c.op, k, i, leaf.Grad[i], numeric)
				}
			}
		}
	}
	for _, o := range ops[1:] {
		if !checked[o.name] {
			t.Errorf("op %q has no case in opCases", o.name)
		}
	}
}

// TestHandDerived checks MatVec and Dot against gradients worked out by
// hand: for y = W·x and L = c·y, dL/dW = c xᵀ and dL/dx = Wᵀ c.
func TestHandDerived(t *testing.T) {
	W := Matrix([][]float64{{1, 2, 3}, {4, 5, 6}})
	x := Vector(1, -1, 2)
	L := Dot(MatVec(W, x), Vector(1, 10)) // y = (5, 11), L = 5 + 110
	L.Backward()
	for _, c := range []struct {
		what      string
		got, want []float64
	}{
		{"L", L.Data, []float64{115}},
		{"dL/dW = c xᵀ", W.Grad, []float64{1, -1, 2, 10, -10, 20}},
		{"dL/dx = Wᵀ c", x.Grad, []float64{41, 52, 63}},
	} {
		if !equal(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}

	a, b := Vector(1, 2, 3), Vector(4, 5, 6)
	d := Dot(a, b)
	d.Backward()
	if d.Data[0] != 32 || !equal(a.Grad, b.Data) || !equal(b.Grad, a.Data) {
		t.Errorf("a·b = %v with da %v, db %v; want 32, da = b, db = a", d.Data, a.Grad, b.Grad)
	}
}

// TestMatchesScalarEngine builds a dot product and a matrix-vector product
// from package autograd's Values, as chains of Mul and Add, and checks that
// the vector nodes give the same numbers to the last bit.
func TestMatchesScalarEngine(t *testing.T) {
	w, x := []float64{0.1, -0.7, 1.3, 0.25}, []float64{2.2, 0.3, -1.1, 0.9}
	ws, xs := leaves(w), leaves(x)
	sum := ws[0].Mul(xs[0])
	for i := 1; i < len(w); i++ {
		sum = sum.Add(ws[i].Mul(xs[i]))
	}
	sum.Backward()
	a, b := Vector(w...), Vector(x...)
	d := Dot(a, b)
	d.Backward()
	if d.Data[0] != sum.Data || !equal(a.Grad, grads(ws)) || !equal(b.Grad, grads(xs)) {
		t.Errorf("Dot: %v, grads %v %v; the scalar engine: %v, %v %v", d.Data[0], a.Grad, b.Grad, sum.Data, grads(ws), grads(xs))
	}
}

func leaves(x []float64) []*autograd.Value {
	vs := make([]*autograd.Value, len(x))
	for i, xi := range x {
		vs[i] = autograd.New(xi)
	}
	return vs
}

func grads(vs []*autograd.Value) []float64 {
	g := make([]float64, len(vs))
	for i, v := range vs {
		g[i] = v.Grad
	}
	return g
}

// equal reports whether a and b hold the same numbers to the last bit.
func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

func TestShapeErrors(t *testing.T) {
	for _, c := range []struct {
		name, msg string
		f         func()
	}{
		{"Dot", "lengths 2 and 3 differ", func() { Dot(Vector(1, 2), Vector(1, 2, 3)) }},
		{"MatVec", "want x a vector of length 3", func() { MatVec(New(2, 3, make([]float64, 6)), Vector(1, 2)) }},
		{"Linear", "want W with 3 columns", func() { Linear(New(4, 2, make([]float64, 8)), New(5, 2, make([]float64, 10))) }},
		{"Add", "shapes 2×1 and 1×2 differ", func() { Vector(1, 2).Add(New(1, 2, []float64{1, 2})) }},
		{"Hinge", "want two n×1 columns", func() { Hinge(Vector(1, 2), Vector(1)) }},
		{"New", "got 3 numbers, want 4", func() { New(2, 2, []float64{1, 2, 3}) }},
		{"Matrix", "row 1 has 1 numbers, row 0 has 2", func() { Matrix([][]float64{{1, 2}, {3}}) }},
		{"Backward", "want 1×1", func() { Vector(1, 2).Backward() }},
		{"Dot nil", "vec: Dot: operand 1 is nil", func() { Dot(Vector(1), nil) }},
		{"Add nil", "vec: Add: operand 0 is nil", func() { (*Value)(nil).Add(Vector(1)) }},
		{"ReLU nil", "vec: ReLU: operand 0 is nil", func() { (*Value)(nil).ReLU() }},
		{"SumSquares nil", "vec: SumSquares: operand 1 is nil", func() { SumSquares(Vector(1), nil) }},
	} {
		func() {
			defer func() {
				if p, _ := recover().(string); !strings.Contains(p, c.msg) {
					t.Errorf("%s: panicked %q, want %q", c.name, p, c.msg)
				}
			}()
			c.f()
		}()
	}
}

// TestBackwardAccumulates checks that leaves collect gradients over calls,
// as in package autograd, and that interior gradients start again.
func TestBackwardAccumulates(t *testing.T) {
	a, b := Vector(1, 2), Vector(3, 4)
	y := a.Mul(b)
	d := Dot(y, Vector(1, 1))
	d.Backward()
	d.Backward()
	if !equal(a.Grad, []float64{6, 8}) || !equal(y.Grad, []float64{1, 1}) {
		t.Errorf("after two Backward calls: a.Grad %v, want [6 8]; y.Grad %v, want [1 1]", a.Grad, y.Grad)
	}
}
