package autograd

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// near reports whether got is within tol of want, relative to max(1, |want|).
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func TestEveryOpMatchesFiniteDifferences(t *testing.T) {
	ops := []struct {
		name   string
		points []float64
		build  func(x, y *Value) *Value // y is a second leaf, used by binary ops
	}{
		{"Add", []float64{-3, -0.5, 0, 0.25, 7}, func(x, y *Value) *Value { return x.Add(y) }},
		{"Mul", []float64{-3, -0.5, 0, 0.25, 7}, func(x, y *Value) *Value { return x.Mul(y) }},
		{"Sub", []float64{-3, -0.5, 0, 0.25, 7}, func(x, y *Value) *Value { return x.Sub(y) }},
		{"Div", []float64{-3, -0.5, 0.25, 7, 1e-2}, func(x, y *Value) *Value { return y.Div(x) }},
		{"Neg", []float64{-3, 0, 7}, func(x, _ *Value) *Value { return x.Neg() }},
		{"Pow2", []float64{-3, -0.5, 0, 0.25, 7}, func(x, _ *Value) *Value { return x.Pow(2) }},
		{"Pow3", []float64{-3, -0.5, 0, 0.25, 7}, func(x, _ *Value) *Value { return x.Pow(3) }},
		{"Pow-1", []float64{-3, -0.5, 0.25, 7, 1e-2}, func(x, _ *Value) *Value { return x.Pow(-1) }},
		{"Pow0.5", []float64{0.01, 0.25, 7, 1e4}, func(x, _ *Value) *Value { return x.Pow(0.5) }},
		{"Exp", []float64{-30, -3, 0, 0.25, 7, 700}, func(x, _ *Value) *Value { return x.Exp() }},
		{"Log", []float64{1e-2, 0.25, 1, 7, 1e9}, func(x, _ *Value) *Value { return x.Log() }},
		{"Tanh", []float64{-20, -3, -0.5, 0, 0.25, 7, 19}, func(x, _ *Value) *Value { return x.Tanh() }},
		{"ReLU", []float64{-3, -1e-3, 1e-3, 7}, func(x, _ *Value) *Value { return x.ReLU() }},
		{"Sigmoid", []float64{-40, -3, 0, 0.25, 7, 40}, func(x, _ *Value) *Value { return x.Sigmoid() }},
		{"square by reuse", []float64{-3, 0, 7}, func(x, _ *Value) *Value { return x.Mul(x) }},
		{"x+x", []float64{-3, 0, 7}, func(x, _ *Value) *Value { return x.Add(x) }},
	}
	for _, op := range ops {
		for _, p := range op.points {
			t.Run(fmt.Sprintf("%s(%g)", op.name, p), func(t *testing.T) {
				x, y := New(p).Named("x"), New(1.5).Named("y")
				for _, r := range GradCheck(op.build(x, y)) {
					if !r.OK {
						t.Errorf("d/d%s: Backward %g, finite differences %g (rel. error %.2g)",
							r.Label, r.Analytic, r.Numeric, r.RelErr)
					}
				}
			})
		}
	}
}

// TestTheDocumentsExamples replays the computations of the lesson notebooks,
// with gradients derived by hand.
func TestTheDocumentsExamples(t *testing.T) {
	t.Run("a+a", func(t *testing.T) {
		// b = a + a = 2a, so db/da = 2: one for each use of a.
		a := New(3).Named("a")
		b := a.Add(a)
		b.Backward()
		if b.Data != 6 || a.Grad != 2 {
			t.Errorf("b = %v, a.Grad = %v; want 6 and 2", b.Data, a.Grad)
		}
		if len(b.Prev) != 2 || b.Prev[0] != a || b.Prev[1] != a {
			t.Errorf("b.Prev = %v, want [a a]", b.Prev)
		}
	})
	t.Run("(a*b)*(a+b)", func(t *testing.T) {
		// f = d*e with d = a*b = -6, e = a+b = 1.
		// df/da = e*b + d*1 = 1*3 + -6 = -3; df/db = e*a + d*1 = -2 + -6 = -8.
		a, b := New(-2).Named("a"), New(3).Named("b")
		d := a.Mul(b).Named("d")
		e := a.Add(b).Named("e")
		f := d.Mul(e).Named("f")
		f.Backward()
		for _, c := range []struct {
			name      string
			got, want float64
		}{{"f", f.Data, -6}, {"a.Grad", a.Grad, -3}, {"b.Grad", b.Grad, -8},
			{"d.Grad", d.Grad, 1}, {"e.Grad", e.Grad, -6}} {
			if c.got != c.want {
				t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
			}
		}
	})
	t.Run("tanh neuron", func(t *testing.T) {
		// n = x1*w1 + x2*w2 + b = -6 + 0 + 6.8813735870195432 = 0.8813735870195432,
		// chosen so that o = tanh(n) = 1/√2 ≈ 0.7071. do/dn = 1 - o² = 0.5.
		// The adds pass 0.5 on unchanged to x1*w1, x2*w2 and b; each product
		// gives each factor the other factor times 0.5:
		// x1.Grad = w1*0.5 = -1.5, w1.Grad = x1*0.5 = 1,
		// x2.Grad = w2*0.5 = 0.5,  w2.Grad = x2*0.5 = 0.
		x1, x2, w1, w2, b, o := neuron(func(n *Value) *Value { return n.Tanh() })
		checkNeuron(t, o, x1, x2, w1, w2, b)
	})
	t.Run("tanh rebuilt from exp", func(t *testing.T) {
		// tanh(n) = (e^2n - 1) / (e^2n + 1): the same o and the same leaf
		// gradients through a graph of exp, +, *, **-1 instead of one tanh.
		x1, x2, w1, w2, b, o := neuron(func(n *Value) *Value {
			e := Mul(2, n).Exp()
			return Div(Sub(e, 1), Add(e, 1))
		})
		checkNeuron(t, o, x1, x2, w1, w2, b)
		_, _, _, _, _, reference := neuron(func(n *Value) *Value { return n.Tanh() })
		if math.Abs(o.Data-reference.Data) > 1e-12 {
			t.Errorf("rebuilt o = %v, Tanh o = %v", o.Data, reference.Data)
		}
		if got, want := len(Topo(o)), len(Topo(reference)); got <= want {
			t.Errorf("rebuilt graph has %d nodes, want more than tanh's %d", got, want)
		}
	})
}

// neuron builds the document's neuron o = activation(x1*w1 + x2*w2 + b)
// and runs Backward.
func neuron(activation func(*Value) *Value) (x1, x2, w1, w2, b, o *Value) {
	x1, x2 = New(2).Named("x1"), New(0).Named("x2")
	w1, w2 = New(-3).Named("w1"), New(1).Named("w2")
	b = New(6.8813735870195432).Named("b")
	n := x1.Mul(w1).Add(x2.Mul(w2)).Add(b).Named("n")
	o = activation(n).Named("o")
	o.Backward()
	return x1, x2, w1, w2, b, o
}

func checkNeuron(t *testing.T, o, x1, x2, w1, w2, b *Value) {
	t.Helper()
	if !near(o.Data, math.Sqrt2/2, 1e-12) {
		t.Errorf("o = %v, want 1/√2", o.Data)
	}
	for _, c := range []struct {
		v    *Value
		want float64
	}{{x1, -1.5}, {w1, 1}, {x2, 0.5}, {w2, 0}, {b, 0.5}} {
		if !near(c.v.Grad, c.want, 1e-12) {
			t.Errorf("%s.Grad = %v, want %v", c.v.Label, c.v.Grad, c.want)
		}
	}
}

func TestIEEEEdges(t *testing.T) {
	inf := math.Inf(1)
	cases := []struct {
		name               string
		build              func(x *Value) *Value
		x                  float64
		wantData, wantGrad float64 // NaN means NaN
	}{
		{"1/0", func(x *Value) *Value { return New(1).Div(x) }, 0, inf, math.Inf(-1)},
		{"Pow(-8, 0.5)", func(x *Value) *Value { return x.Pow(0.5) }, -8, math.NaN(), math.NaN()},
		{"Log(0)", func(x *Value) *Value { return x.Log() }, 0, math.Inf(-1), inf},
		{"Log(-1)", func(x *Value) *Value { return x.Log() }, -1, math.NaN(), -1},
		{"Exp(1000)", func(x *Value) *Value { return x.Exp() }, 1000, inf, inf},
		{"Tanh(1000)", func(x *Value) *Value { return x.Tanh() }, 1000, 1, 0},
		{"Tanh(-1000)", func(x *Value) *Value { return x.Tanh() }, -1000, -1, 0},
		{"Sigmoid(-1000)", func(x *Value) *Value { return x.Sigmoid() }, -1000, 0, 0},
		{"ReLU(NaN)", func(x *Value) *Value { return x.ReLU() }, math.NaN(), math.NaN(), 0},
	}
	same := func(got, want float64) bool {
		return got == want || math.IsNaN(got) && math.IsNaN(want)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := New(c.x)
			y := c.build(x)
			y.Backward()
			if !same(y.Data, c.wantData) || !same(x.Grad, c.wantGrad) {
				t.Errorf("data %v, grad %v; want %v, %v", y.Data, x.Grad, c.wantData, c.wantGrad)
			}
		})
	}
}

func TestNilOperandPanicNamesTheOperation(t *testing.T) {
	a := New(1)
	for _, c := range []struct {
		name string // what the panic names: the method, or the operation's Op
		call func()
	}{
		{`"+"`, func() { a.Add(nil) }},
		{`"*"`, func() { (*Value)(nil).Mul(a) }},
		{`"tanh"`, func() { (*Value)(nil).Tanh() }},
		{"Pow", func() { (*Value)(nil).Pow(2) }},
		{"Div", func() { a.Div(nil) }},
		{"Sub", func() { Sub(a, (*Value)(nil)) }},
		{"Backward", func() { (*Value)(nil).Backward() }},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				msg := fmt.Sprint(recover())
				if !strings.Contains(msg, c.name) || !strings.Contains(msg, "nil") {
					t.Errorf("panic %q does not name %s and nil", msg, c.name)
				}
			}()
			c.call()
		})
	}
}

func TestBackwardTwiceDoublesLeafGradients(t *testing.T) {
	x1, x2, w1, w2, b, o := neuron(func(n *Value) *Value { return n.Tanh() })
	leaves := []*Value{x1, x2, w1, w2, b}
	var once []float64
	for _, l := range leaves {
		once = append(once, l.Grad)
	}
	n := o.Prev[0]
	nGrad := n.Grad
	o.Backward()
	for i, l := range leaves {
		if l.Grad != 2*once[i] {
			t.Errorf("%s.Grad = %v after two passes, want 2 × %v", l.Label, l.Grad, once[i])
		}
	}
	if n.Grad != nGrad {
		t.Errorf("interior n.Grad = %v after two passes, want this pass's %v", n.Grad, nGrad)
	}
	o.ZeroGrad()
	for _, v := range Topo(o) {
		if v.Grad != 0 {
			t.Errorf("after ZeroGrad %v", v)
		}
	}
}

func TestUnusedLeafKeepsZeroGradient(t *testing.T) {
	a, b, unused := New(2), New(3), New(4)
	a.Mul(b).Backward()
	if unused.Grad != 0 {
		t.Errorf("unused.Grad = %v", unused.Grad)
	}
	// x*0 uses x, and its gradient is 0 too, but through the graph.
	x := New(5)
	x.Mul(New(0)).Backward()
	if x.Grad != 0 {
		t.Errorf("x.Grad = %v", x.Grad)
	}
}

func TestBackwardIsDeterministic(t *testing.T) {
	build := func() (*Value, []*Value) {
		var leaves []*Value
		for i := range 30 {
			leaves = append(leaves, New(0.1*float64(i)-1.3))
		}
		sum := New(0)
		for i, l := range leaves {
			sum = sum.Add(l.Mul(leaves[(i*7)%len(leaves)]).Tanh())
		}
		return sum.Mul(sum).Exp(), leaves
	}
	root, leaves := build()
	root.Backward()
	for range 5 {
		again, againLeaves := build()
		again.Backward()
		for i := range leaves {
			if math.Float64bits(leaves[i].Grad) != math.Float64bits(againLeaves[i].Grad) {
				t.Fatalf("leaf %d: %v then %v", i, leaves[i].Grad, againLeaves[i].Grad)
			}
		}
	}
}

func TestDeepGraphsDoNotOverflowTheStack(t *testing.T) {
	const depth = 1_000_000
	x := New(1)
	v := x
	for range depth {
		v = v.Mul(New(1))
	}
	v.Backward()
	if x.Grad != 1 || len(Topo(v)) != 2*depth+1 {
		t.Errorf("x.Grad = %v, nodes = %d", x.Grad, len(Topo(v)))
	}
}

func TestMixingNumbers(t *testing.T) {
	a := New(2).Named("a")
	cases := []struct {
		name string
		got  *Value
		want float64
	}{
		{"Add(a, 1)", Add(a, 1), 3},
		{"Add(1, a)", Add(1, a), 3},
		{"Mul(2, a)", Mul(2, a), 4},
		{"Mul(a, 3.5)", Mul(a, 3.5), 7},
		{"Sub(10, a)", Sub(10, a), 8},
		{"Sub(a, uint8(1))", Sub(a, uint8(1)), 1},
		{"Div(10.0, a)", Div(10.0, a), 5},
		{"Div(a, float32(4))", Div(a, float32(4)), 0.5},
		{"Add(a, a)", Add(a, a), 4},
		{"Mul(int64(-3), a)", Mul(int64(-3), a), -6},
	}
	for _, c := range cases {
		if c.got.Data != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got.Data, c.want)
		}
	}
	// d/da (10/a) = -10/a² = -2.5
	y := Div(10, a)
	y.Backward()
	if a.Grad != -2.5 {
		t.Errorf("d(10/a)/da = %v, want -2.5", a.Grad)
	}
}

func TestString(t *testing.T) {
	for _, c := range []struct {
		v    *Value
		want string
	}{
		{New(2), "Value(data=2, grad=0)"},
		{New(-0.5).Named("a"), `Value(data=-0.5, grad=0, label="a")`},
		{New(math.Inf(1)), "Value(data=+Inf, grad=0)"},
		{nil, "Value(nil)"},
	} {
		if got := fmt.Sprintf("%v", c.v); got != c.want {
			t.Errorf("got %s, want %s", got, c.want)
		}
	}
}

func TestOpNamesAndSubDivGraphs(t *testing.T) {
	a, b := New(6), New(3)
	for _, c := range []struct {
		v        *Value
		wantOp   string
		wantPrev int
	}{
		{a.Add(b), "+", 2}, {a.Mul(b), "*", 2}, {a.Pow(2), "**2", 1}, {a.Pow(-1), "**-1", 1},
		{a.Pow(0.5), "**0.5", 1}, {a.Exp(), "exp", 1}, {a.Log(), "log", 1}, {a.Tanh(), "tanh", 1},
		{a.ReLU(), "ReLU", 1}, {a.Sigmoid(), "sigmoid", 1}, {New(1), "", 0},
		{a.Neg(), "*", 2}, {a.Sub(b), "+", 2}, {a.Div(b), "*", 2},
	} {
		if c.v.Op != c.wantOp || len(c.v.Prev) != c.wantPrev {
			t.Errorf("Op %q with %d operands, want %q with %d", c.v.Op, len(c.v.Prev), c.wantOp, c.wantPrev)
		}
	}
	// a/b is a * b**-1; a-b is a + (b * -1).
	if d := a.Div(b); d.Prev[0] != a || d.Prev[1].Op != "**-1" || d.Prev[1].Prev[0] != b {
		t.Errorf("a/b is not a * b**-1")
	}
	if s := a.Sub(b); s.Prev[0] != a || s.Prev[1].Op != "*" || s.Prev[1].Prev[1].Data != -1 {
		t.Errorf("a-b is not a + b*-1")
	}
}

func TestApplyRebuildsEveryOp(t *testing.T) {
	a, b := New(0.7), New(-1.3)
	for _, want := range []*Value{
		a.Add(b), a.Mul(b), a.Pow(-1), a.Pow(2.5), a.Exp(), a.Log(), a.Tanh(), a.ReLU(), a.Sigmoid(),
	} {
		got, err := Apply(want.Op, want.Prev...)
		if err != nil || got.Data != want.Data || got.Op != want.Op {
			t.Errorf("Apply(%q) = %v, %v; want %v", want.Op, got, err, want)
		}
	}
	for _, c := range []struct {
		op       string
		operands []*Value
		wantErr  string
	}{
		{"%", []*Value{a, b}, `unknown operation "%"`},
		{"+", []*Value{a}, "got 1 operands, want 2"},
		{"tanh", []*Value{a, b}, "got 2 operands, want 1"},
		{"**x", []*Value{a}, "exponent is not a number"},
		{"*", []*Value{a, nil}, "operand 1 is nil"},
	} {
		if _, err := Apply(c.op, c.operands...); err == nil || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("Apply(%q): error %v, want one saying %q", c.op, err, c.wantErr)
		}
	}
}

func TestLocalGrads(t *testing.T) {
	a, b := New(2), New(5)
	for _, c := range []struct {
		v    *Value
		want []float64
	}{
		{a.Mul(b), []float64{5, 2}}, {a.Add(b), []float64{1, 1}},
		{a.Pow(3), []float64{12}}, {New(0).Tanh(), []float64{1}}, {a, nil},
	} {
		if got := c.v.LocalGrads(); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: LocalGrads = %v, want %v", c.v.Op, got, c.want)
		}
	}
}

func TestNumericGradOfAnInteriorNode(t *testing.T) {
	// f = d * e: df/dd = e = 1, df/de = d = -6.
	a, b := New(-2), New(3)
	d, e := a.Mul(b), a.Add(b)
	f := d.Mul(e)
	if g := NumericGrad(f, d); !near(g, 1, 1e-8) {
		t.Errorf("df/dd = %v, want 1", g)
	}
	if g := NumericGrad(f, e); !near(g, -6, 1e-8) {
		t.Errorf("df/de = %v, want -6", g)
	}
	if f.Data != -6 || d.Data != -6 || e.Data != 1 {
		t.Errorf("NumericGrad changed the data: f=%v d=%v e=%v", f.Data, d.Data, e.Data)
	}
}
