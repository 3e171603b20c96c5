package display_test

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

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
	{"lagged-sum", laggedSum},                  // v[i] = v[i-1] + v[i-6]: every arrow of middling length
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

// laggedSum is v[i] = v[i-1] + v[i-6] from six leaves: every Value is
// used again six ranks further, the longest arrow kept as it is, so that
// only the cost limit makes copies.
func laggedSum(n int) *autograd.Value {
	var vals []*autograd.Value
	for i := range 6 {
		vals = append(vals, autograd.New(float64(i)).Named("x"+strconv.Itoa(i)))
	}
	for len(vals) < n {
		vals = append(vals, vals[len(vals)-1].Add(vals[len(vals)-6]))
	}
	return vals[len(vals)-1].Named("sum")
}

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

var zooDot = flag.String("zoodot", "", "BenchmarkZoo: also write each graph's DOT text into this folder")

// zooSizes are the sizes, in Values, at which BenchmarkZoo draws each
// shape: up to the default limit.
var zooSizes = []int{60, 120, 250, 500}

// zooStyles are the styles the zoo is drawn in: the one a notebook gets
// (compact above 40 Values), and the detailed one, with an oval for every
// operation.
var zooStyles = []struct {
	name string
	opts []display.Option
}{{"auto", nil}, {"detailed", []display.Option{display.Detailed()}}}

// BenchmarkZoo draws every shape of the zoo at sizes up to the default
// limit, DefaultMaxNodes Values, in the style a notebook gets (compact
// above 40 Values) and in the detailed one, through the renderer server
// (started before the timing), and reports each graph's Values, arrows,
// copies (Values drawn again where they are used) and layout cost: what a
// student waits for. Run it once per graph and read the table (the
// figures of a run are in docs/PERF.md):
//
//	go test -run '^$' -bench Zoo -benchtime 1x ./display
//
// On a busy machine the time waits for a core as well; with -zoodot DIR
// the DOT texts land in DIR, for timing the renderer's own CPU time:
//
//	go test -run '^$' -bench Zoo -benchtime 1x ./display -args -zoodot /tmp/zoo
//	for f in /tmp/zoo/*.dot; do /usr/bin/time -f "%U+%S s $f" gograd-render < $f > /dev/null; done
func BenchmarkZoo(b *testing.B) {
	if _, err := display.SVG(aPlusA()); err != nil {
		b.Fatal(err)
	}
	for _, z := range zoo {
		drawn := map[int]bool{} // by Values: sizes may give the same graph
		for _, n := range zooSizes {
			root := z.build(n)
			values := autograd.Topo(root)
			if drawn[len(values)] {
				continue
			}
			drawn[len(values)] = true
			arrows := 0
			for _, v := range values {
				arrows += len(v.Prev)
			}
			for _, style := range zooStyles {
				cost, err := display.LayoutCost(root, style.opts...)
				if err != nil {
					b.Fatal(err)
				}
				dot, err := display.Dot(root, style.opts...)
				if err != nil {
					b.Fatal(err)
				}
				copies := strings.Count(dot, " style=dashed ")
				if *zooDot != "" {
					name := fmt.Sprintf("%s-%d-%s.dot", z.shape, len(values), style.name)
					if err := os.WriteFile(filepath.Join(*zooDot, name), []byte(dot), 0o644); err != nil {
						b.Fatal(err)
					}
				}
				b.Run(fmt.Sprintf("%s/values=%d/%s", z.shape, len(values), style.name), func(b *testing.B) {
					for b.Loop() {
						if _, err := display.SVG(root, style.opts...); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(arrows), "arrows")
					b.ReportMetric(float64(copies), "copies")
					b.ReportMetric(float64(cost), "cost")
				})
			}
		}
	}
}

// TestEveryShapeDrawn checks that every shape of the zoo is drawn at the
// default limit of Values, and at the limit in the detailed style, with
// no arrow left that crosses many ranks (the layout's cost stays within
// a few nodes per Value: see BenchmarkZoo for the time that takes), and
// that one Value more is refused before layout.
func TestEveryShapeDrawn(t *testing.T) {
	for _, z := range zoo {
		root := largest(z.build)
		values := len(autograd.Topo(root))
		for _, style := range zooStyles {
			cost, err := display.LayoutCost(root, style.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if limit := 5 * values; cost > limit {
				t.Errorf("%s of %d Values, %s: layout cost %d, want at most %d", z.shape, values, style.name, cost, limit)
			}
			if _, err := display.SVG(root, style.opts...); err != nil {
				t.Errorf("%s of %d Values, %s: %v", z.shape, values, style.name, err)
			}
		}
	}
	over := deepChain(display.DefaultMaxNodes + 1)
	if _, err := display.SVG(over); err == nil || !strings.Contains(err.Error(), "more than 500 Values") {
		t.Errorf("a chain of 501 Values: got %v, want the size limit's error", err)
	}
}

// largest returns the largest graph that build makes within the default
// limit of Values.
func largest(build func(n int) *autograd.Value) *autograd.Value {
	for n := display.DefaultMaxNodes; ; n-- {
		if root := build(n); len(autograd.Topo(root)) <= display.DefaultMaxNodes {
			return root
		}
	}
}

// TestLongArrowsRedrawn checks that the graphs that Graphviz once took too
// long to lay out, such as a chain that reuses its input at every step
// (181 Values) and a random graph with reuse (150 Values), are drawn with
// their far uses as copies: dashed boxes named after their Value, each with
// one short arrow, explained in the picture's title; and that the lessons'
// graphs have none, and no bound on Graphviz's optimisation.
func TestLongArrowsRedrawn(t *testing.T) {
	nb := gonbtest.FakeNotebook(t)
	chain := chainReusingInput(181)
	if err := display.Graph(chain); err != nil {
		t.Fatalf("Graph of a 181-Value chain: %v", err)
	}
	if shown := nb.Shown(); len(shown) != 1 || !strings.Contains(shown[0], "<img") {
		t.Errorf("the notebook shows %.200q, want the picture", shown)
	}
	for name, root := range map[string]*autograd.Value{"chain": chain, "random graph": randomDAG(150)} {
		dot, err := display.Dot(root)
		if err != nil {
			t.Fatal(err)
		}
		copies := regexp.MustCompile(`(?m)^\t(v[0-9]+)_[0-9]+ \[shape=box style=dashed .* label="([^"]*)"`).FindAllStringSubmatch(dot, -1)
		if len(copies) == 0 {
			t.Errorf("%s: no copies in\n%s", name, dot)
		}
		for _, c := range copies {
			// The copy's label is the name of the Value in its own box.
			if !regexp.MustCompile(`(?m)^\t` + c[1] + ` \[label="\{ ` + regexp.QuoteMeta(c[2]) + `[ |]`).MatchString(dot) {
				t.Errorf("%s: the copy of %s says %q, which its box does not", name, c[1], c[2])
			}
		}
		if !strings.Contains(dot, "a dashed box: a Value drawn again where it is used") {
			t.Errorf("%s: no legend for the copies", name)
		}
	}
	for name, root := range map[string]*autograd.Value{"tanh neuron": tanhNeuron(), "tanh from exp": tanhFromExp(), "mlp": mlp(1), "wide sum": neuronOfSize(500)} {
		if dot, err := display.Dot(root); err != nil || strings.Contains(dot, "nslimit") || strings.Contains(dot, "dashed") {
			t.Errorf("%s: %v, bounded: %v, copies: %v; want it laid out as before", name, err, strings.Contains(dot, "nslimit"), strings.Contains(dot, "dashed"))
		}
	}
}
