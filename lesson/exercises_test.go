package lesson

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/nn"
)

// tv is the lessons' Value as lesson 02 leaves it, enough for the
// checkers: what a student's notebook holds.
type tv struct {
	Data, Grad float64
	Op         string
	Prev       []*tv
	backward   func()
}

func newTV(x float64) *tv { return &tv{Data: x} }

// assigning makes Add and Mul assign (=) as lesson 01's engine does.
var assigning = false

// pass is a backward step's update of one operand's gradient.
func pass(grad *float64, share float64) {
	if assigning {
		*grad = share
	} else {
		*grad += share
	}
}

func (v *tv) Add(w *tv) *tv {
	out := &tv{Data: v.Data + w.Data, Op: "+", Prev: []*tv{v, w}}
	out.backward = func() { pass(&v.Grad, out.Grad); pass(&w.Grad, out.Grad) }
	return out
}

func (v *tv) Mul(w *tv) *tv {
	out := &tv{Data: v.Data * w.Data, Op: "*", Prev: []*tv{v, w}}
	out.backward = func() { pass(&v.Grad, w.Data*out.Grad); pass(&w.Grad, v.Data*out.Grad) }
	return out
}

func (v *tv) Backward() {
	var topo []*tv
	seen := map[*tv]bool{}
	var build func(n *tv)
	build = func(n *tv) {
		if !seen[n] {
			seen[n] = true
			for _, p := range n.Prev {
				build(p)
			}
			topo = append(topo, n)
		}
	}
	build(v)
	v.Grad = 1
	for i := len(topo) - 1; i >= 0; i-- {
		if topo[i].backward != nil {
			topo[i].backward()
		}
	}
}

// unaryOp makes a one-operand op of tv from its forward function and a
// backward step written as a student might: step gets the operand, the
// result and the local derivative's inputs.
func unaryOp(f func(float64) float64, step func(v, out *tv)) func(*tv) *tv {
	return func(v *tv) *tv {
		out := &tv{Data: f(v.Data), Op: "op", Prev: []*tv{v}}
		out.backward = func() { step(v, out) }
		return out
	}
}

// want is what a checker must say: right (""), not answered, or a mistake
// whose message contains the text.
type want string

const (
	right       want = ""
	notAnswered want = "<not answered>"
)

func verify(t *testing.T, name string, r Result, w want) {
	t.Helper()
	t.Logf("%s: %s", name, r) // go test -v lists what each answer gets
	switch {
	case w == right && r.Err != nil:
		t.Errorf("%s: rejected a right answer: %v", name, r)
	case w == notAnswered && !errors.Is(r.Err, ErrNotAnswered):
		t.Errorf("%s: got %q, want not answered", name, r)
	case w != right && w != notAnswered && (r.Err == nil || errors.Is(r.Err, ErrNotAnswered) || !strings.Contains(r.Err.Error(), string(w))):
		t.Errorf("%s: got %q, want a mistake mentioning %q", name, r, w)
	}
	if w == right && !strings.HasPrefix(r.String(), r.Exercise+": right! ") {
		t.Errorf("%s: a right answer prints %q", name, r)
	}
}

func TestCheckLog(t *testing.T) {
	ln, inv := math.Log, func(x float64) float64 { return 1 / x }
	for _, tc := range []struct {
		name string
		log  func(*tv) *tv
		want want
	}{
		{"right", unaryOp(ln, func(v, out *tv) { v.Grad += inv(v.Data) * out.Grad }), right},
		{"placeholder", func(v *tv) *tv { return v }, notAnswered},
		{"= instead of +=", unaryOp(ln, func(v, out *tv) { v.Grad = inv(v.Data) * out.Grad }), "assign (=)"},
		{"no out.Grad", unaryOp(ln, func(v, out *tv) { v.Grad += inv(v.Data) }), "leaves out the factor out.Grad"},
		{"local derivative of Exp", unaryOp(ln, func(v, out *tv) { v.Grad += out.Data * out.Grad }), "local derivative is wrong"},
		{"-1/x", unaryOp(ln, func(v, out *tv) { v.Grad -= inv(v.Data) * out.Grad }), "sign is wrong"},
		{"no backward step", func(v *tv) *tv { return &tv{Data: ln(v.Data), Prev: []*tv{v}} }, "no gradient reaches x"},
		{"log10", unaryOp(math.Log10, func(v, out *tv) { v.Grad += inv(v.Data) * out.Grad }), "Log(2).Data"},
		{"nil", func(*tv) *tv { return nil }, "returned nil"},
		{"panics", func(*tv) *tv { panic("YOUR CODE HERE") }, "panicked: YOUR CODE HERE"},
		{"1/2 written in", unaryOp(ln, func(v, out *tv) { v.Grad += 0.5 * out.Grad }), "number written in"},
		{"right up to x = 20", unaryOp(ln, func(v, out *tv) {
			if v.Data < 20 {
				v.Grad += inv(v.Data) * out.Grad
			}
		}), "number written in"},
	} {
		verify(t, tc.name, CheckLog(newTV, tc.log), tc.want)
	}
}

func TestCheckDivDirect(t *testing.T) {
	div := func(dv, dw func(v, w float64) float64, assign bool, scale bool) func(v, w *tv) *tv {
		return func(v, w *tv) *tv {
			out := &tv{Data: v.Data / w.Data, Op: "/", Prev: []*tv{v, w}}
			out.backward = func() {
				g := out.Grad
				if !scale {
					g = 1
				}
				if assign {
					v.Grad = dv(v.Data, w.Data) * g
					w.Grad = dw(v.Data, w.Data) * g
				} else {
					v.Grad += dv(v.Data, w.Data) * g
					w.Grad += dw(v.Data, w.Data) * g
				}
			}
			return out
		}
	}
	dv := func(v, w float64) float64 { return 1 / w }
	dw := func(v, w float64) float64 { return -v / (w * w) }
	for _, tc := range []struct {
		name string
		div  func(v, w *tv) *tv
		want want
	}{
		{"right", div(dv, dw, false, true), right},
		{"placeholder", func(v, w *tv) *tv { return v }, notAnswered},
		{"= instead of +=", div(dv, dw, true, true), "assign (=)"},
		{"no out.Grad", div(dv, dw, false, false), "leaves out the factor out.Grad"},
		{"+v/w²", div(dv, func(v, w float64) float64 { return v / (w * w) }, false, true), "sign is wrong"},
		{"-1/w", div(func(v, w float64) float64 { return -1 / w }, dw, false, true), "sign is wrong"},
		{"swapped", div(dw, dv, false, true), "swapped"},
		{"1/w²", div(dv, func(v, w float64) float64 { return -1 / (w * w) }, false, true), "local derivative is wrong"},
		{"two nodes", func(v, w *tv) *tv { return v.Mul(w) }, "Data"},
		{"wrong Op", func(v, w *tv) *tv { q := div(dv, dw, false, true)(v, w); q.Op = "*"; return q }, "Op"},
		{"Prev swapped", func(v, w *tv) *tv { q := div(dv, dw, false, true)(v, w); q.Prev = []*tv{w, v}; return q }, "Prev"},
		{"0.125 written in", div(dv, func(v, w float64) float64 {
			if v == w { // right for g/g
				return -v / (w * w)
			}
			return 0.125
		}, false, true), "numbers written in"},
	} {
		verify(t, tc.name, CheckDivDirect(newTV, tc.div), tc.want)
	}
}

func TestCheckSigmoid(t *testing.T) {
	s := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	for _, tc := range []struct {
		name    string
		sigmoid func(*tv) *tv
		want    want
	}{
		{"right", unaryOp(s, func(v, out *tv) { v.Grad += out.Data * (1 - out.Data) * out.Grad }), right},
		{"placeholder", func(v *tv) *tv { return v }, notAnswered},
		{"e^x", unaryOp(func(x float64) float64 { return s(-x) }, func(v, out *tv) { v.Grad += out.Data * (1 - out.Data) * out.Grad }), "minus sign"},
		{"from x.Data", func(v *tv) *tv { return newTV(s(v.Data)) }, "no gradient reaches x"},
		{"= instead of +=", unaryOp(s, func(v, out *tv) { v.Grad = out.Data * (1 - out.Data) * out.Grad }), "assign (=)"},
		{"no out.Grad", unaryOp(s, func(v, out *tv) { v.Grad += out.Data * (1 - out.Data) }), "out.Grad"},
		{"wrong sign", unaryOp(s, func(v, out *tv) { v.Grad -= out.Data * (1 - out.Data) * out.Grad }), "sign is wrong"},
		{"σ as derivative", unaryOp(s, func(v, out *tv) { v.Grad += out.Data * out.Grad }), "local derivative is wrong"},
		{"σ'(0.5) written in", unaryOp(s, func(v, out *tv) { v.Grad += 0.2350037122015945 * out.Grad }), "number written in"},
		{"right for x > 0 only", unaryOp(s, func(v, out *tv) { v.Grad += 0.2350037122015945 * out.Grad * v.Data / 0.5 }), "number written in"},
	} {
		verify(t, tc.name, CheckSigmoid(newTV, tc.sigmoid), tc.want)
	}
}

// TestCheckSoftplus feeds the checker answers built with package autograd,
// as lesson 08 does.
func TestCheckSoftplus(t *testing.T) {
	one := func() *autograd.Value { return autograd.New(1) }
	for _, tc := range []struct {
		name     string
		softplus func(*autograd.Value) *autograd.Value
		want     want
	}{
		{"right", func(x *autograd.Value) *autograd.Value { return one().Add(x.Exp()).Log() }, right},
		{"placeholder", func(x *autograd.Value) *autograd.Value { return x }, notAnswered},
		{"e^-x", func(x *autograd.Value) *autograd.Value { return one().Add(x.Neg().Exp()).Log() }, "softplus(1).Data"},
		{"from x.Data", func(x *autograd.Value) *autograd.Value { return autograd.New(math.Log(1 + math.Exp(x.Data))) }, "no gradient reaches x"},
		{"no Log", func(x *autograd.Value) *autograd.Value { return one().Add(x.Exp()) }, "Data"},
		{"σ(1) written in", func(x *autograd.Value) *autograd.Value {
			sp := one().Add(x.Exp()).Log()
			return x.Mul(autograd.New(1 / (1 + math.Exp(-1)))).Add(autograd.New(sp.Data - x.Data/(1+math.Exp(-1))))
		}, "number written in"},
	} {
		verify(t, tc.name, CheckSoftplus(autograd.New, tc.softplus), tc.want)
	}
}

func TestCheckPoly(t *testing.T) {
	num := func(x float64) *tv { return newTV(x) }
	for _, tc := range []struct {
		name string
		poly func(*tv) *tv
		want want
	}{
		{"right", func(x *tv) *tv { return num(3).Mul(x.Mul(x)).Add(num(2).Mul(x)).Add(num(1)) }, right},
		{"placeholder", func(x *tv) *tv { return x }, notAnswered},
		{"- 2x", func(x *tv) *tv { return num(3).Mul(x.Mul(x)).Add(num(-2).Mul(x)).Add(num(1)) }, "wrong sign"},
		{"no + 1", func(x *tv) *tv { return num(3).Mul(x.Mul(x)).Add(num(2).Mul(x)) }, "constant term"},
		{"3x² from x.Data", func(x *tv) *tv { return num(3 * x.Data * x.Data).Add(num(2).Mul(x)).Add(num(1)) }, "x.Data"},
		{"3x instead of 3x²", func(x *tv) *tv { return num(3).Mul(x).Add(num(2).Mul(x)).Add(num(1)) }, "check each term"},
		{"17 and 2 written in", func(x *tv) *tv {
			if x.Data == 2 {
				return num(3).Mul(x.Mul(x)).Add(num(2).Mul(x)).Add(num(1))
			}
			return num(3).Mul(x.Mul(x)).Add(num(2).Mul(x)).Add(num(1)).Add(num(0).Mul(num(x.Data + 1)))
		}, right}, // right everywhere: the extra term adds nothing
		{"the two points written in", func(x *tv) *tv {
			switch x.Data {
			case 2:
				return x.Mul(num(14)).Add(num(-11))
			case -1:
				return x.Mul(num(-4)).Add(num(-2))
			}
			return num(0)
		}, "check each term"},
	} {
		verify(t, tc.name, CheckPoly(newTV, tc.poly), tc.want)
	}
}

func TestCheckHandGradients(t *testing.T) {
	a, b, c, f := newTV(1), newTV(4), newTV(-2), newTV(3)
	a.Mul(b).Add(c).Mul(f).Backward()
	if got := [4]float64{a.Grad, b.Grad, c.Grad, f.Grad}; got != [4]float64{12, 3, 3, 2} {
		t.Fatalf("the engine gives %v, not the checker's right answer", got)
	}
	for _, tc := range []struct {
		got  [4]float64
		want want
	}{
		{[4]float64{12, 3, 3, 2}, right},
		{[4]float64{}, notAnswered},
		{[4]float64{4, 1, 1, 2}, "stop at the local derivatives"}, // no factor from above
		{[4]float64{3, 12, 3, 2}, "swapped"},
		{[4]float64{-12, -3, -3, 2}, "sign"},
		{[4]float64{12, 3, 3, 3}, "other factor"},
		{[4]float64{12, 3, 2, 2}, "unchanged"},
		{[4]float64{6, 3, 3, 2}, "work from L down"},
	} {
		verify(t, "CheckHandGradients", CheckHandGradients(tc.got[0], tc.got[1], tc.got[2], tc.got[3]), tc.want)
	}
}

func TestCheckNeuronGradients(t *testing.T) {
	for _, tc := range []struct {
		db, dx1, dw1, dw2 float64
		want              want
	}{
		{0.64, 0.32, 1.28, -0.64, right},
		{0.64, 0.3200001, 1.28, -0.64, right}, // rounded
		{0, 0, 0, 0, notAnswered},
		{1, 0.5, 2, -1, "tanh's local derivative is left out"},
		{0.5195, 0.26, 1.04, -0.52, "1 - n²"},
		{0.4, 0.2, 0.8, -0.4, "1 - o"},
		{0.6, 0.3, 1.2, -0.6, "1 - o² with o = 0.6"},
		{0.7, 0.35, 1.4, -0.7, "passes its gradient on unchanged"},
		{0.64, 1.28, 0.32, -0.64, "swapped"},
		{0.64, 0.32, 1.28, 0.64, "wrong sign"},
		{0.64, 0.32, 1.28, -1, "x2 times the gradient"},
		{0.64, 0.32, 1.3, -0.64, "the other factor"},
	} {
		verify(t, "CheckNeuronGradients", CheckNeuronGradients(tc.db, tc.dx1, tc.dw1, tc.dw2), tc.want)
	}
}

// TestNeuronGradientsAreTheEngines checks the numbers CheckNeuronGradients
// calls right against the engine: the neuron built with tv and tanh, and
// backpropagated.
func TestNeuronGradientsAreTheEngines(t *testing.T) {
	tanh := unaryOp(math.Tanh, func(v, out *tv) { v.Grad += (1 - out.Data*out.Data) * out.Grad })
	x1, w1, x2, w2, b := newTV(2), newTV(0.5), newTV(-1), newTV(1), newTV(math.Ln2)
	o := tanh(x1.Mul(w1).Add(x2.Mul(w2)).Add(b))
	o.Backward()
	if !near(o.Data, 0.6) {
		t.Errorf("o = %g, want tanh(ln 2) = 0.6", o.Data)
	}
	if r := CheckNeuronGradients(b.Grad, x1.Grad, w1.Grad, w2.Grad); r.Err != nil {
		t.Errorf("the engine's gradients (%g, %g, %g, %g): %v", b.Grad, x1.Grad, w1.Grad, w2.Grad, r)
	}
}

// walk is a student's order function: a depth-first walk from the root
// over Prev, written with the classic mistakes switched on.
func walk(visited, appendFirst, reverse bool) func(*tv) []*tv {
	return func(root *tv) []*tv {
		var list []*tv
		seen := map[*tv]bool{}
		var build func(n *tv)
		build = func(n *tv) {
			if visited && seen[n] {
				return
			}
			seen[n] = true
			if appendFirst {
				list = append(list, n)
			}
			for _, p := range n.Prev {
				build(p)
			}
			if !appendFirst {
				list = append(list, n)
			}
		}
		build(root)
		if reverse {
			slices.Reverse(list)
		}
		return list
	}
}

func TestCheckBackwardOrder(t *testing.T) {
	for _, tc := range []struct {
		name  string
		order func(*tv) []*tv
		want  want
	}{
		{"right", walk(true, false, true), right},
		{"a BFS from the root", func(root *tv) []*tv {
			// Kahn's algorithm: a node once every node built from it is listed.
			users := map[*tv]int{}
			for _, n := range walk(true, false, false)(root) {
				for _, p := range n.Prev {
					users[p]++
				}
			}
			var list []*tv
			for queue := []*tv{root}; len(queue) > 0; queue = queue[1:] {
				list = append(list, queue[0])
				for _, p := range queue[0].Prev {
					if users[p]--; users[p] == 0 {
						queue = append(queue, p)
					}
				}
			}
			return list
		}, right},
		{"stub", func(*tv) []*tv { return nil }, notAnswered},
		{"no visited set", walk(false, false, true), "listed 2 times"},
		{"no visited set, appended first", walk(false, true, false), "without a visited set"},
		{"not reversed", walk(true, false, false), "wrong way round"},
		{"appended before the operands", walk(true, true, false), "before visiting its operands"},
		{"appended before the operands, reversed", walk(true, true, true), "and then reverses"},
		{"root left out", func(root *tv) []*tv { return walk(true, false, true)(root)[1:] }, "(the root) is missing"},
		{"a stranger", func(root *tv) []*tv { return append(walk(true, false, true)(root), newTV(1)) }, "not in f's graph"},
		{"a lone Value left out", func(root *tv) []*tv {
			if len(root.Prev) == 0 {
				return []*tv{}
			}
			return walk(true, false, true)(root)
		}, "lone Value"},
		{"a + a: a listed per use", func(root *tv) []*tv {
			if len(root.Prev) == 2 && root.Prev[0] == root.Prev[1] {
				return []*tv{root, root.Prev[0], root.Prev[1]}
			}
			return walk(true, false, true)(root)
		}, "a once"},
		{"leaves first, then the rest", func(root *tv) []*tv {
			l := walk(true, false, true)(root)
			return []*tv{l[0], l[2], l[1], l[3], l[4]} // f, d, s, ...
		}, "d = a·b comes before s = d + a"},
	} {
		verify(t, "CheckBackwardOrder: "+tc.name, CheckBackwardOrder(newTV, tc.order), tc.want)
	}
}

func TestCheckSquarePrediction(t *testing.T) {
	for _, tc := range []struct {
		buggy, correct float64
		want           want
	}{
		{3, 6, right},
		{0, 0, notAnswered},
		{6, 6, "assigns (=)"}, // what an engine already fixed (+=) shows
		{9, 6, "last write"},
		{3, 3, "one use"},
		{3, -6, "wrong sign"},
		{3, 9, "c itself"},
		{3, 12, "2a"},
	} {
		verify(t, "CheckSquarePrediction", CheckSquarePrediction(tc.buggy, tc.correct), tc.want)
	}
}

func TestCheckCubePrediction(t *testing.T) {
	for _, tc := range []struct {
		dgda float64
		want want
	}{
		{13, right}, {0, notAnswered}, {4, "assigns (=)"}, {12, "+ a"}, {-13, "wrong sign"},
		{9, "3a²"}, {5, "a²"}, {14, "hint"},
	} {
		verify(t, "CheckCubePrediction", CheckCubePrediction(tc.dgda), tc.want)
	}
}

// TestPredictionsAreTheEngines checks the numbers that the prediction
// checkers call right, and the ones they call the buggy engine's, against
// an engine that adds and one that assigns, both built as the lessons build
// theirs (a - b as a + b·(-1)).
func TestPredictionsAreTheEngines(t *testing.T) {
	sub := func(a, b *tv) *tv { return a.Add(b.Mul(newTV(-1))) }
	for _, tc := range []struct {
		assign bool
		want   [3]float64 // a.Grad of a·a at 3, of a·a·a + a at 2, and (∂h/∂a, ∂h/∂b)
		wantB  float64
	}{
		{false, [3]float64{6, 13, 6}, -4},
		{true, [3]float64{3, 4, 5}, -5},
	} {
		assigning = tc.assign
		a := newTV(3)
		a.Mul(a).Backward()
		a2 := newTV(2)
		a2.Mul(a2).Mul(a2).Add(a2).Backward()
		a3, b3 := newTV(3), newTV(2)
		sub(a3, b3).Mul(a3.Add(b3)).Backward()
		if got := [3]float64{a.Grad, a2.Grad, a3.Grad}; got != tc.want || b3.Grad != tc.wantB {
			t.Errorf("assigning %v: got %v and %g, want %v and %g", tc.assign, got, b3.Grad, tc.want, tc.wantB)
		}
	}
	assigning = false
}

func TestCheckDiffOfSquaresPrediction(t *testing.T) {
	for _, tc := range []struct {
		dhda, dhdb float64
		want       want
	}{
		{6, -4, right}, {0, 0, notAnswered}, {6, 4, "sign"}, {2, 0, "leaves out the gradients"},
		{5, -5, "one path"}, {1, 1, "one path"}, {3, 3, "hint"},
	} {
		verify(t, "CheckDiffOfSquaresPrediction", CheckDiffOfSquaresPrediction(tc.dhda, tc.dhdb), tc.want)
	}
}

func TestCheckNumParams(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(int, []int) int
		want want
	}{
		{"right", func(nin int, sizes []int) int {
			n := 0
			for _, s := range sizes {
				n, nin = n+(nin+1)*s, s
			}
			return n
		}, right},
		{"placeholder", func(int, []int) int { return 0 }, notAnswered},
		{"no biases", func(nin int, sizes []int) int {
			n := 0
			for _, s := range sizes {
				n, nin = n+nin*s, s
			}
			return n
		}, "biases"},
		{"nin everywhere", func(nin int, sizes []int) int {
			n := 0
			for _, s := range sizes {
				n += (nin + 1) * s
			}
			return n
		}, "layer before"},
		{"41 always", func(int, []int) int { return 41 }, "Hint"},
		{"the four shapes written in", func(nin int, sizes []int) int {
			switch {
			case nin == 3 && len(sizes) == 3:
				return 41
			case nin == 2:
				return 337
			case nin == 1 && len(sizes) == 1 && sizes[0] == 1:
				return 2
			case nin == 5:
				return 18 + 28
			}
			return 1
		}, "has"},
	} {
		verify(t, tc.name, CheckNumParams(tc.f), tc.want)
	}
}

// TestCheckLearningRate trains lesson 09's network for real.
func TestCheckLearningRate(t *testing.T) {
	newModel := func() *nn.MLP {
		return nn.NewMLP(rand.New(rand.NewPCG(1, 2)), 3, []int{4, 4, 1}, nn.Tanh, nn.Tanh)
	}
	for _, tc := range []struct {
		lr   float64
		want want
	}{
		{0.2, right}, {0.15, right}, {0.3, right},
		{0, notAnswered},
		{0.05, "larger step"},     // loss 0.033
		{0.5, "overshoot"},        // loss 8
		{2, "flat against ±1"},    // loss 1e-5, 29 of 36 outputs saturated
		{0.35, "flat against ±1"}, // loss 1.5e-4, 14 of 36
		{-0.1, "negative"},
	} {
		verify(t, "CheckLearningRate", CheckLearningRate(tc.lr, newModel), tc.want)
	}
}

func TestMust(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Must did not panic on a wrong answer")
		}
	}()
	CheckCubePrediction(12).Must()
}

func TestExpectBug(t *testing.T) {
	ExpectBug("a.Grad", 1, 1, 2)
	for got, msg := range map[float64]string{2: "no longer has the bug", 5: "want the bug's value 1"} {
		func() {
			defer func() {
				if p, _ := recover().(string); !strings.Contains(p, msg) {
					t.Errorf("ExpectBug(got %g) panicked %q, want %q", got, p, msg)
				}
			}()
			ExpectBug("a.Grad", got, 1, 2)
		}()
	}
}
