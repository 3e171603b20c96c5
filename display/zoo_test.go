package display_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
	"github.com/gograd/gograd/internal/gonb/gonbtest"
)

// The zoo: graphs of the shapes that make Graphviz's layout slow or
// quick, each builder making one of about n Values, for BenchmarkZoo.
var zoo = []struct {
	shape string
	build func(n int) *autograd.Value
}{
	{"chain-reusing-input", chainReusingInput}, // v = tanh(v*x + c): every step uses x and c again
	{"wide-sum", neuronOfSize},                 // a neuron of many inputs: one long sum
	{"deep-chain", deepChain},                  // v = tanh(v), nothing reused
	{"tree", tree},                             // a balanced tree of sums
	{"mlp", mlpOfSize},                         // forward passes of a small network, weights shared by the examples
	{"random-dag", randomDAG},                  // each Value from two random earlier ones
}

// chainReusingInput is v = tanh(v*x + c), repeated: three Values a step,
// the inputs x and c used by every step.
func chainReusingInput(n int) *autograd.Value {
	x, c := autograd.New(0.5).Named("x"), autograd.New(0.1).Named("c")
	v := autograd.New(1).Named("v0")
	for i := range max(1, (n-3)/3) {
		v = v.Mul(x).Add(c).Tanh().Named("v" + strconv.Itoa(i+1))
	}
	return v
}

// deepChain is v = tanh(v), n-1 times.
func deepChain(n int) *autograd.Value {
	v := autograd.New(1).Named("v0")
	for i := 1; i < n; i++ {
		v = v.Tanh().Named("v" + strconv.Itoa(i))
	}
	return v
}

// tree sums n/2 leaves pairwise, level by level.
func tree(n int) *autograd.Value {
	var level []*autograd.Value
	for i := range max(1, (n+1)/2) {
		level = append(level, autograd.New(float64(i)).Named("x"+strconv.Itoa(i)))
	}
	for len(level) > 1 {
		var next []*autograd.Value
		for i := 0; i+1 < len(level); i += 2 {
			next = append(next, level[i].Add(level[i+1]))
		}
		if len(level)%2 == 1 {
			next = append(next, level[len(level)-1])
		}
		level = next
	}
	return level[0].Named("sum")
}

// mlpOfSize is the loss of mlp over as many examples as make about n
// Values.
func mlpOfSize(n int) *autograd.Value { return mlp(max(1, (n-41)/82)) }

// randomDAG makes each Value from the one before and one anywhere before
// it (reuse that crosses many ranks), by a random operation: a fixed seed,
// so the same graph every run.
func randomDAG(n int) *autograd.Value {
	r := rand.New(rand.NewPCG(1, 2))
	vals := []*autograd.Value{autograd.New(1).Named("a"), autograd.New(-2).Named("b")}
	for made := len(vals); made < n-2; {
		last, earlier := vals[len(vals)-1], vals[r.IntN(len(vals))]
		var v *autograd.Value
		switch r.IntN(3) {
		case 0:
			v, made = last.Add(earlier), made+1
		case 1:
			v, made = last.Mul(earlier).Tanh(), made+2
		default:
			v, made = last.Sub(earlier), made+3 // last + (-1)*earlier
		}
		vals = append(vals, v.Named(fmt.Sprintf("n%d", len(vals))))
	}
	return vals[len(vals)-1]
}

// BenchmarkZoo draws every shape of the zoo at sizes up to the default
// limit, DefaultMaxNodes Values, and at the largest size of that shape
// that the limit admits (the costliest picture a student can ask for),
// through the renderer server (started before the timing), and reports
// each graph's Values and layout cost and whether it was refused: what a
// student waits for, picture or message. Run it once per graph and read
// the table:
//
//	go test -run '^$' -bench Zoo -benchtime 1x ./display
func BenchmarkZoo(b *testing.B) {
	if _, err := display.SVG(aPlusA()); err != nil {
		b.Fatal(err)
	}
	for _, z := range zoo {
		sizes := []int{60, 120, 180, 240, 300, 400, 500, largestAdmitted(z.build)}
		slices.Sort(sizes)
		drawn := map[int]bool{} // by Values: sizes may give the same graph
		for _, n := range sizes {
			root := z.build(n)
			values := len(autograd.Topo(root))
			if values > display.DefaultMaxNodes || drawn[values] {
				continue
			}
			drawn[values] = true
			cost, err := display.LayoutCost(root)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s/values=%d", z.shape, values), func(b *testing.B) {
				refused := 0.0
				for b.Loop() {
					if _, err := display.SVG(root); err != nil {
						if !strings.Contains(err.Error(), "too long to lay out") {
							b.Fatal(err)
						}
						refused = 1
					}
				}
				b.ReportMetric(float64(cost), "cost")
				b.ReportMetric(refused, "refused")
			})
		}
	}
}

// TestCostlyLayoutsRefused checks that a graph of few Values whose layout
// would take Graphviz too long is refused at once, before any layout, with
// a message saying what to draw instead, that a large graph within the
// limit is laid out with Graphviz's optimisation bounded, and that the
// lessons' graphs are not.
func TestCostlyLayoutsRefused(t *testing.T) {
	nb := gonbtest.FakeNotebook(t)
	root := chainReusingInput(240)
	start := time.Now()
	err := display.Graph(root)
	if took := time.Since(start); took > 100*time.Millisecond {
		t.Errorf("the refusal took %v, want under 100 ms", took)
	}
	for _, want := range []string{"240 Values would take Graphviz too long to lay out", "passing one of its inner Values as the root", "display.MaxNodes(n)"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want an error saying %q", err, want)
		}
	}
	if shown := nb.Shown(); len(shown) != 1 || !strings.Contains(shown[0], "too long to lay out") {
		t.Errorf("the notebook shows %.200q, want the error", shown)
	}
	// Allowed by a higher limit, it is drawn, bounded.
	if dot, err := display.Dot(root, display.MaxNodes(5000)); err != nil || !strings.Contains(dot, "\tnslimit=2;\n") {
		t.Errorf("Dot with MaxNodes(5000): %v, bounded: %v", err, strings.Contains(dot, "nslimit"))
	}
	for name, root := range map[string]*autograd.Value{"tanh neuron": tanhNeuron(), "mlp": mlp(1), "wide sum": neuronOfSize(500)} {
		if dot, err := display.Dot(root); err != nil || strings.Contains(dot, "nslimit") {
			t.Errorf("%s: %v, bounded: %v; want it laid out as before", name, err, strings.Contains(dot, "nslimit"))
		}
	}
}

// largestAdmitted returns the largest size, up to DefaultMaxNodes, for
// which build makes a graph that the default limits admit.
func largestAdmitted(build func(n int) *autograd.Value) int {
	lo, hi := 1, display.DefaultMaxNodes+1 // admitted at lo, not at hi
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		root := build(mid)
		if cost, err := display.LayoutCost(root); err == nil && cost <= display.MaxLayoutCost() {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
