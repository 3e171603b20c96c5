package nn

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gograd/gograd/autograd"
)

func seeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }

func TestParameterCount(t *testing.T) {
	tests := []struct {
		name  string
		nin   int
		sizes []int
		want  int
	}{
		{"MLP(3,[4,4,1])", 3, []int{4, 4, 1}, 41},
		{"MLP(2,[16,16,1])", 2, []int{16, 16, 1}, 337},
		{"MLP(1,[1])", 1, []int{1}, 2},
		{"MLP(5,[3])", 5, []int{3}, 18},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMLP(seeded(1), tt.nin, tt.sizes, Tanh, Linear)
			if got := len(m.Parameters()); got != tt.want {
				t.Errorf("len(Parameters()) = %d, want %d", got, tt.want)
			}
			if got := m.nin(); got != tt.nin {
				t.Errorf("nin() = %d, want %d", got, tt.nin)
			}
			if got, want := len(m.Forward(Inputs(make([]float64, tt.nin)))), tt.sizes[len(tt.sizes)-1]; got != want {
				t.Errorf("%d outputs, want %d", got, want)
			}
		})
	}
	if got := len(NewNeuron(seeded(1), 3, ReLU).Parameters()); got != 4 {
		t.Errorf("Neuron(3) has %d parameters, want 4", got)
	}
	if got := len(NewMLP(seeded(1), 2, []int{3}, ReLU, ReLU).Layers[0].Parameters()); got != 9 {
		t.Errorf("Layer(2, 3) has %d parameters, want 9", got)
	}
}

func TestInitAndLabels(t *testing.T) {
	m := NewMLP(seeded(7), 2, []int{16, 16, 1}, ReLU, Linear)
	ps := m.Parameters()
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.Label] {
			t.Errorf("label %q used twice", p.Label)
		}
		seen[p.Label] = true
		if p.Op != "" || len(p.Prev) != 0 {
			t.Errorf("parameter %s is not a leaf", p.Label)
		}
		switch {
		case strings.HasSuffix(p.Label, ".b"):
			if p.Data != 0 {
				t.Errorf("bias %s = %v, want 0", p.Label, p.Data)
			}
		case p.Data < -1 || p.Data >= 1:
			t.Errorf("weight %s = %v, want it in [-1, 1)", p.Label, p.Data)
		}
	}
	for i, want := range map[int]string{0: "L0.N0.w0", 1: "L0.N0.w1", 2: "L0.N0.b", 3: "L0.N1.w0",
		48: "L1.N0.w0", 64: "L1.N0.b", 320: "L2.N0.w0", 335: "L2.N0.w15", 336: "L2.N0.b"} {
		if ps[i].Label != want {
			t.Errorf("Parameters()[%d].Label = %q, want %q", i, ps[i].Label, want)
		}
	}
	if got := m.Layers[1].Neurons[3].B.Label; got != "L1.N3.b" {
		t.Errorf("Layers[1].Neurons[3].B.Label = %q, want L1.N3.b", got)
	}
	n := NewNeuron(seeded(1), 2, Tanh)
	if got := []string{n.W[0].Label, n.W[1].Label, n.B.Label}; strings.Join(got, " ") != "w0 w1 b" {
		t.Errorf("NewNeuron labels = %q, want [w0 w1 b]", got)
	}
}

func TestString(t *testing.T) {
	m := NewMLP(seeded(1), 2, []int{2, 1}, ReLU, Linear)
	want := "MLP of [Layer of [ReLUNeuron(2), ReLUNeuron(2)], Layer of [LinearNeuron(2)]]"
	if got := m.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	for a, want := range map[Activation]string{Linear: "Linear", Tanh: "Tanh", ReLU: "ReLU",
		Sigmoid: "Sigmoid", Activation(9): "Activation(9)"} {
		if got := a.String(); got != want {
			t.Errorf("Activation(%d).String() = %q, want %q", int(a), got, want)
		}
	}
}

// TestForward compares the network with the same arithmetic done on plain
// float64s, and checks the graph of one neuron node by node.
func TestForward(t *testing.T) {
	acts := map[Activation]func(float64) float64{
		Linear:  func(s float64) float64 { return s },
		Tanh:    math.Tanh,
		ReLU:    func(s float64) float64 { return math.Max(0, s) },
		Sigmoid: func(s float64) float64 { return 1 / (1 + math.Exp(-s)) },
	}
	for hidden := range acts {
		for output := range acts {
			m := NewMLP(seeded(3), 3, []int{4, 5, 2}, hidden, output)
			x := []float64{0.5, -1.5, 2}
			want := x
			for _, l := range m.Layers {
				next := make([]float64, len(l.Neurons))
				for j, n := range l.Neurons {
					s := n.B.Data
					for i, w := range n.W {
						s += w.Data * want[i]
					}
					next[j] = acts[n.Act](s)
				}
				want = next
			}
			got := m.Forward(Inputs(x))
			for i := range want {
				if got[i].Data != want[i] {
					t.Errorf("%v/%v: output %d = %v, want %v", hidden, output, i, got[i].Data, want[i])
				}
			}
		}
	}

	// One neuron of 3 inputs: 3 weights, 3 inputs and a bias (7 leaves),
	// 3 products, 3 sums and the activation.
	n := NewNeuron(seeded(1), 3, ReLU)
	out := n.Forward(Inputs([]float64{1, 2, 3}))
	count := map[string]int{}
	for _, v := range autograd.Topo(out) {
		count[v.Op]++
	}
	if want := map[string]int{"": 7, "*": 3, "+": 3, "ReLU": 1}; !equalCounts(count, want) {
		t.Errorf("ops in a ReLU neuron's graph = %v, want %v", count, want)
	}
	if out.Op != "ReLU" || out.Prev[0].Op != "+" || out.Prev[0].Prev[1].Op != "*" {
		t.Errorf("neuron output is %s(%s(…, %s)), want ReLU(+(…, *))", out.Op, out.Prev[0].Op, out.Prev[0].Prev[1].Op)
	}
	if lin := NewNeuron(seeded(1), 2, Linear).Forward(Inputs([]float64{1, 2})); lin.Op != "+" {
		t.Errorf("a linear neuron's output has Op %q, want +", lin.Op)
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestGradCheck checks the gradients of small networks under each loss
// against finite differences.
func TestGradCheck(t *testing.T) {
	xs := [][]float64{{2, 3, -1}, {3, -1, 0.5}, {0.5, 1, 1}, {1, 1, -1}}
	ys := []float64{1, -1, -1, 1}
	losses := map[string]func(m *MLP) *autograd.Value{
		"SumSquaredError": func(m *MLP) *autograd.Value { return SumSquaredError(m.Scores(nil, xs), ys) },
		"MaxMargin+L2": func(m *MLP) *autograd.Value {
			return MaxMarginLoss(m.Scores(nil, xs), ys).Add(L2(m.Parameters(), 1e-2))
		},
	}
	tests := []struct{ hidden, output Activation }{
		{Tanh, Tanh}, {ReLU, Linear}, {Sigmoid, Linear}, {Tanh, Sigmoid}, {Linear, Linear},
	}
	for _, tt := range tests {
		for name, loss := range losses {
			t.Run(tt.hidden.String()+"/"+tt.output.String()+"/"+name, func(t *testing.T) {
				m := NewMLP(seeded(5), 3, []int{4, 4, 1}, tt.hidden, tt.output)
				params := map[*autograd.Value]bool{}
				for _, p := range m.Parameters() {
					params[p] = true
				}
				checked, worst := 0, 0.0
				defer func() { t.Logf("largest relative error %.2g", worst) }()
				for _, r := range autograd.GradCheck(loss(m)) {
					if r.RelErr > worst {
						worst = r.RelErr
					}
					if !r.OK {
						t.Errorf("%s: analytic %v, numeric %v (rel. error %.2g)", r.Label, r.Analytic, r.Numeric, r.RelErr)
					}
					if params[r.Node] {
						checked++
					}
				}
				if checked != 41 {
					t.Errorf("GradCheck covered %d parameters, want 41", checked)
				}
			})
		}
	}
}

func TestZeroGrad(t *testing.T) {
	m := NewMLP(seeded(1), 2, []int{3, 1}, Tanh, Linear)
	m.Forward(Inputs([]float64{1, -1}))[0].Backward()
	nonzero := 0
	for _, p := range m.Parameters() {
		if p.Grad != 0 {
			nonzero++
		}
	}
	if nonzero == 0 {
		t.Fatal("Backward left every gradient at 0")
	}
	ZeroGrad(m.Parameters())
	for _, p := range m.Parameters() {
		if p.Grad != 0 {
			t.Errorf("after ZeroGrad, %s.Grad = %v", p.Label, p.Grad)
		}
	}
}

func TestDeterminism(t *testing.T) {
	bits := func(vs []*autograd.Value) []uint64 {
		b := make([]uint64, len(vs))
		for i, v := range vs {
			b[i] = math.Float64bits(v.Data)
		}
		return b
	}
	run := func(dataSeed, weightSeed uint64, onHeap bool) (params []uint64, losses []uint64) {
		d := newDemo(dataSeed, weightSeed)
		if onHeap {
			d.arena = nil
		}
		params = bits(d.params)
		for k := range 5 {
			loss, _ := d.step(k, 100)
			losses = append(losses, math.Float64bits(loss))
		}
		return append(params, bits(d.params)...), losses
	}
	p1, l1 := run(1, 2, false)
	p2, l2 := run(1, 2, false)
	if !equalBits(p1, p2) {
		t.Error("the same seed gave different parameters")
	}
	if !equalBits(l1, l2) {
		t.Errorf("the same seeds gave different losses: %x and %x", l1, l2)
	}
	// An arena changes where the nodes live, not a single bit of the result.
	if p, l := run(1, 2, true); !equalBits(p1, p) || !equalBits(l1, l) {
		t.Errorf("the steps gave other results on the heap than in an arena: losses %x and %x", l, l1)
	}
	if p3, _ := run(1, 3, false); equalBits(p1[:337], p3[:337]) {
		t.Error("different weight seeds gave the same parameters")
	}
	if _, l4 := run(4, 2, false); equalBits(l1, l4) {
		t.Error("different data seeds gave the same losses")
	}
}

func equalBits(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestTrainMoons runs micrograd's demo: 100 steps must separate the moons.
func TestTrainMoons(t *testing.T) {
	if testing.Short() {
		t.Skip("100 training steps; Example_moons runs them too")
	}
	d := newDemo(1, 2)
	first, _ := d.step(0, 100)
	loss, acc := d.train(100)
	if acc < 0.95 {
		t.Errorf("accuracy after 100 steps = %v, want at least 0.95", acc)
	}
	if !(loss < first/10) {
		t.Errorf("loss went from %v to %v, want a tenth or less", first, loss)
	}
}

func TestMoons(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100} {
		X, y := Moons(n, 0, seeded(1))
		if len(X) != n || len(y) != n {
			t.Fatalf("Moons(%d) returned %d points and %d labels", n, len(X), len(y))
		}
		minus := 0
		for i, x := range X {
			var r float64
			switch y[i] {
			case -1: // upper half of the unit circle around (0, 0)
				minus++
				r = math.Hypot(x[0], x[1])
				if x[1] < -1e-12 {
					t.Errorf("Moons(%d): point %v labeled -1 is below y = 0", n, x)
				}
			case 1: // lower half of the unit circle around (1, 0.5)
				r = math.Hypot(x[0]-1, x[1]-0.5)
				if x[1] > 0.5+1e-12 {
					t.Errorf("Moons(%d): point %v labeled +1 is above y = 0.5", n, x)
				}
			default:
				t.Errorf("Moons(%d): label %v, want ±1", n, y[i])
			}
			if math.Abs(r-1) > 1e-12 || len(x) != 2 {
				t.Errorf("Moons(%d): point %v (label %v) is not on its moon", n, x, y[i])
			}
		}
		if minus != n/2 {
			t.Errorf("Moons(%d): %d points labeled -1, want %d", n, minus, n/2)
		}
	}

	// The same seed gives the same points; noise moves them off the arcs.
	X1, y1 := Moons(50, 0.1, seeded(9))
	X2, y2 := Moons(50, 0.1, seeded(9))
	X0, _ := Moons(50, 0, seeded(9))
	moved := 0.0
	for i := range X1 {
		if X1[i][0] != X2[i][0] || X1[i][1] != X2[i][1] || y1[i] != y2[i] {
			t.Fatalf("Moons with the same seed differ at point %d", i)
		}
		moved += math.Hypot(X1[i][0]-X0[i][0], X1[i][1]-X0[i][1])
	}
	// The mean distance moved by 2-D Gaussian noise of σ = 0.1 is σ√(π/2) ≈ 0.125.
	if mean := moved / 50; mean < 0.08 || mean > 0.17 {
		t.Errorf("noise 0.1 moved points by %v on average, want about 0.125", mean)
	}
}

func TestLosses(t *testing.T) {
	vals := func(xs ...float64) []*autograd.Value {
		vs := make([]*autograd.Value, len(xs))
		for i, x := range xs {
			vs[i] = autograd.New(x)
		}
		return vs
	}
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"SumSquaredError", SumSquaredError(vals(1, 2, -1), []float64{0, 0, 1}).Data, 1 + 4 + 4},
		{"MaxMarginLoss", MaxMarginLoss(vals(2, -0.5, 0.5), []float64{1, 1, -1}).Data, (0 + 1.5 + 1.5) / 3},
		{"MaxMarginLoss at margin", MaxMarginLoss(vals(1, -1), []float64{1, -1}).Data, 0},
		{"L2", L2(vals(1, -2), 0.5).Data, 0.5 * (1 + 4)},
		{"L2 of nothing", L2(nil, 0.5).Data, 0},
		{"Accuracy", Accuracy(vals(2, -0.5, 0.5, 0), []float64{1, 1, -1, -1}), 0.5},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-15 {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}

	// Gradients of the hinge: -y/n on the wrong side of the margin, else 0.
	scores := vals(2, -0.5, 0.5)
	MaxMarginLoss(scores, []float64{1, 1, -1}).Backward()
	for i, want := range []float64{0, -1.0 / 3, 1.0 / 3} {
		if math.Abs(scores[i].Grad-want) > 1e-15 {
			t.Errorf("d loss / d score[%d] = %v, want %v", i, scores[i].Grad, want)
		}
	}

	p := autograd.New(1)
	p.Grad = 2
	SGD([]*autograd.Value{p}, 0.1)
	if p.Data != 0.8 {
		t.Errorf("SGD: 1 - 0.1*2 = %v, want 0.8", p.Data)
	}
}

// TestPanics checks that misuse panics with a message naming what failed.
func TestPanics(t *testing.T) {
	m := NewMLP(seeded(1), 2, []int{3, 1}, ReLU, Linear)
	wide := NewMLP(seeded(1), 2, []int{3, 2}, ReLU, Linear)
	tests := []struct {
		want string
		f    func()
	}{
		{"nn: MLP.Forward: got 3 inputs, want 2", func() { m.Forward(Inputs([]float64{1, 2, 3})) }},
		{"nn: Neuron.Forward: got 2 inputs, want 3", func() { m.Layers[1].Forward(Inputs([]float64{1, 2})) }},
		{"nn: Neuron.Forward: got 0 inputs, want 2", func() { m.Layers[0].Neurons[0].Forward(nil) }},
		{"nn: MLP.Scores: the network has 2 outputs, want 1", func() { wide.Scores(nil, [][]float64{{1, 2}}) }},
		{"nn: MLP.Scores: row 1 has 3 inputs, want 2", func() { m.Scores(nil, [][]float64{{1, 2}, {1, 2, 3}}) }},
		{"nn: MLP.Scores: row 0 has 1 inputs, want 2", func() { m.Scores(autograd.NewArena(), [][]float64{{1}}) }},
		{"nn: NewMLP: rng is nil", func() { NewMLP(nil, 2, []int{1}, ReLU, Linear) }},
		{"nn: NewMLP: nin is 0, want at least 1", func() { NewMLP(seeded(1), 0, []int{1}, ReLU, Linear) }},
		{"nn: NewMLP: sizes is empty", func() { NewMLP(seeded(1), 2, nil, ReLU, Linear) }},
		{"nn: NewMLP: sizes[1] is 0, want at least 1", func() { NewMLP(seeded(1), 2, []int{3, 0}, ReLU, Linear) }},
		{"nn: NewMLP: unknown activation Activation(-1)", func() { NewMLP(seeded(1), 2, []int{1}, -1, Linear) }},
		{"nn: NewMLP: unknown activation Activation(4)", func() { NewMLP(seeded(1), 2, []int{1}, ReLU, 4) }},
		{"nn: NewNeuron: nin is -1, want at least 1", func() { NewNeuron(seeded(1), -1, ReLU) }},
		{"nn: NewNeuron: unknown activation Activation(5)", func() { NewNeuron(seeded(1), 1, 5) }},
		{"nn: Activation.Apply: unknown activation Activation(7)", func() { Activation(7).Apply(autograd.New(1)) }},
		{"nn: Moons: n is -1, want at least 0", func() { Moons(-1, 0.1, seeded(1)) }},
		{"nn: Moons: noise is NaN, want at least 0", func() { Moons(10, math.NaN(), seeded(1)) }},
		{"nn: Moons: rng is nil", func() { Moons(10, 0.1, nil) }},
		{"nn: MaxMarginLoss: got 1 scores and 2 labels", func() { MaxMarginLoss(Inputs([]float64{1}), []float64{1, -1}) }},
		{"nn: SumSquaredError: no predictions", func() { SumSquaredError(nil, nil) }},
		{"nn: Accuracy: got 2 scores and 1 labels", func() { Accuracy(Inputs([]float64{1, 2}), []float64{1}) }},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				r := recover()
				if msg, _ := r.(string); !strings.HasPrefix(msg, tt.want) {
					t.Errorf("panic %v, want one starting %q", r, tt.want)
				}
			}()
			tt.f()
		}()
	}
}

// TestCorrect checks the rule of Accuracy on the edges: a score of exactly
// 0 is a prediction of -1, and the smallest positive score one of +1.
func TestCorrect(t *testing.T) {
	for _, tc := range []struct {
		score, y float64
		want     bool
	}{
		{1e-300, 1, true}, {0, 1, false}, {0, -1, true}, {-1e-300, -1, true},
		{2, -1, false}, {-0.3, 1, false}, {math.NaN(), 1, false}, {math.NaN(), -1, true},
	} {
		if got := Correct(tc.score, tc.y); got != tc.want {
			t.Errorf("Correct(%g, %g) = %v, want %v", tc.score, tc.y, got, tc.want)
		}
	}
}

// TestPointLosses checks the per-point terms against hand-derived values.
func TestPointLosses(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  float64
		want float64
	}{
		{"Hinge(0.25, +1)", Hinge(autograd.New(0.25), 1).Data, 0.75},
		{"Hinge(2, +1)", Hinge(autograd.New(2), 1).Data, 0},
		{"Hinge(0.5, -1)", Hinge(autograd.New(0.5), -1).Data, 1.5},
		{"SquaredError(0.5, -1)", SquaredError(autograd.New(0.5), -1).Data, 2.25},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %g, want %g", tc.name, tc.got, tc.want)
		}
	}
}

// TestEvalIsForward checks that Eval gives the numbers of Forward's graph,
// bit for bit, for every activation.
func TestEvalIsForward(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 0))
	for _, act := range []Activation{Linear, Tanh, ReLU, Sigmoid} {
		m := NewMLP(rng, 3, []int{5, 4, 2}, act, act)
		for range 20 {
			x := []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
			got := m.Eval(x)
			for j, v := range m.Forward(Inputs(x)) {
				if got[j] != v.Data {
					t.Fatalf("%v: Eval(%v)[%d] = %v, Forward's %v", act, x, j, got[j], v.Data)
				}
			}
		}
	}
}
