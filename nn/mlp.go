package nn

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/gograd/gograd/autograd"
)

// Neuron is one unit: n weights, a bias and an activation. Forward computes
// Act(B + W[0]·x[0] + … + W[n-1]·x[n-1]).
//
// The fields are exported so that lessons can read and set parameters; W,
// B and Act may be changed between forward passes, but replace W only by a
// slice of the same length.
type Neuron struct {
	W   []*autograd.Value // the weights, one per input
	B   *autograd.Value   // the bias
	Act Activation        // the nonlinearity applied to the weighted sum
}

// NewNeuron returns a neuron with nin inputs and activation act, its
// weights drawn uniformly from [-1, 1) with rng and its bias 0. The
// parameters are labeled "w0", "w1", … and "b".
//
// It panics if rng is nil, nin < 1 or act is not a declared Activation.
func NewNeuron(rng *rand.Rand, nin int, act Activation) *Neuron {
	check("NewNeuron", rng, nin, act)
	return newNeuron(rng, nin, act, "")
}

// newNeuron makes a neuron whose parameter labels start with prefix.
func newNeuron(rng *rand.Rand, nin int, act Activation, prefix string) *Neuron {
	n := &Neuron{W: make([]*autograd.Value, nin), Act: act}
	for i := range n.W {
		n.W[i] = autograd.New(rng.Float64()*2 - 1).Named(prefix + "w" + strconv.Itoa(i))
	}
	n.B = autograd.New(0).Named(prefix + "b")
	return n
}

// Forward returns the neuron's output for inputs x: the node
// Act(B + W[0]·x[0] + …), built from one Mul and one Add per input plus the
// activation. It panics if len(x) differs from len(n.W).
func (n *Neuron) Forward(x []*autograd.Value) *autograd.Value {
	checkInputs("Neuron.Forward", len(x), len(n.W))
	sum := n.B
	for i, w := range n.W {
		sum = sum.Add(w.Mul(x[i]))
	}
	return n.Act.Apply(sum)
}

// Parameters returns the neuron's weights followed by its bias, in a new
// slice.
func (n *Neuron) Parameters() []*autograd.Value {
	return append(append([]*autograd.Value(nil), n.W...), n.B)
}

// String describes the neuron as micrograd does, e.g. "ReLUNeuron(2)".
func (n *Neuron) String() string {
	return n.Act.String() + "Neuron(" + strconv.Itoa(len(n.W)) + ")"
}

// Layer is a row of neurons that read the same inputs: n inputs in, one
// output per neuron out. [NewMLP] makes them.
type Layer struct {
	Neurons []*Neuron
}

// Forward returns the outputs of the layer's neurons for inputs x, one per
// neuron. It panics if len(x) is not the neurons' number of inputs.
func (l *Layer) Forward(x []*autograd.Value) []*autograd.Value {
	out := make([]*autograd.Value, len(l.Neurons))
	for j, n := range l.Neurons {
		out[j] = n.Forward(x)
	}
	return out
}

// Parameters returns the parameters of the layer's neurons, neuron by
// neuron, in a new slice.
func (l *Layer) Parameters() []*autograd.Value {
	var ps []*autograd.Value
	for _, n := range l.Neurons {
		ps = append(ps, n.Parameters()...)
	}
	return ps
}

// String describes the layer as micrograd does, e.g.
// "Layer of [ReLUNeuron(2), ReLUNeuron(2)]".
func (l *Layer) String() string { return listOf("Layer", l.Neurons) }

// MLP is a multi-layer perceptron: layers applied one after the other, each
// reading the outputs of the one before.
type MLP struct {
	Layers []*Layer
}

// NewMLP returns a network with nin inputs and one layer per entry of
// sizes, sizes[i] neurons wide. Every layer but the last uses the hidden
// activation, the last uses output. micrograd's MLP(2, [16, 16, 1]) is
//
//	nn.NewMLP(rng, 2, []int{16, 16, 1}, nn.ReLU, nn.Linear)
//
// Weights are drawn uniformly from [-1, 1) with rng, layer by layer, neuron
// by neuron; biases are 0. The parameters are labeled "Li.Nj.wk" and
// "Li.Nj.b" for layer i, neuron j, weight k.
//
// It panics if rng is nil, nin < 1, sizes is empty or holds a size below 1,
// or an activation is not a declared Activation.
func NewMLP(rng *rand.Rand, nin int, sizes []int, hidden, output Activation) *MLP {
	check("NewMLP", rng, nin, hidden)
	check("NewMLP", rng, nin, output)
	if len(sizes) == 0 {
		panic("nn: NewMLP: sizes is empty, want at least one layer")
	}
	m := &MLP{Layers: make([]*Layer, len(sizes))}
	for i, size := range sizes {
		if size < 1 {
			panic(fmt.Sprintf("nn: NewMLP: sizes[%d] is %d, want at least 1", i, size))
		}
		act := hidden
		if i == len(sizes)-1 {
			act = output
		}
		l := &Layer{Neurons: make([]*Neuron, size)}
		for j := range l.Neurons {
			l.Neurons[j] = newNeuron(rng, nin, act, "L"+strconv.Itoa(i)+".N"+strconv.Itoa(j)+".")
		}
		m.Layers[i], nin = l, size
	}
	return m
}

// Forward returns the network's outputs for inputs x, one per neuron of
// the last layer. It panics if len(x) is not the network's number of
// inputs, e.g. "nn: MLP.Forward: got 3 inputs, want 2".
func (m *MLP) Forward(x []*autograd.Value) []*autograd.Value {
	checkInputs("MLP.Forward", len(x), m.nin())
	for _, l := range m.Layers {
		x = l.Forward(x)
	}
	return x
}

// Eval returns the network's outputs for the inputs x as numbers, without
// building a graph: the numbers that Forward(Inputs(x)) holds, bit for
// bit, for running a network at many points, such as every cell of a
// picture of its decision boundary. Each neuron's sum is added up in
// Forward's order, each product rounded as a Mul node rounds it, and the
// activation is the engine's own. It panics as Forward does.
func (m *MLP) Eval(x []float64) []float64 {
	checkInputs("MLP.Eval", len(x), m.nin())
	for _, l := range m.Layers {
		out := make([]float64, len(l.Neurons))
		for j, n := range l.Neurons {
			sum := n.B.Data
			for i, w := range n.W {
				sum += float64(w.Data * x[i]) // the conversion forbids a fused multiply-add
			}
			if n.Act != Linear { // which applies nothing
				sum = n.Act.Apply(autograd.New(sum)).Data
			}
			out[j] = sum
		}
		x = out
	}
	return x
}

// Scores runs a network with a single output on every row of X and returns
// the outputs, one per row: the scores a loss such as [MaxMarginLoss]
// compares with the labels. The inputs are made in arena, so that the
// whole graph of the forward pass, and of a loss computed from the scores,
// lands in the arena (see [autograd.Arena]); a nil arena puts them on the
// heap, like any Value. It panics if the network has more than one output
// or a row has the wrong number of inputs.
func (m *MLP) Scores(arena *autograd.Arena, X [][]float64) []*autograd.Value {
	if nout := len(m.Layers[len(m.Layers)-1].Neurons); nout != 1 {
		panic(fmt.Sprintf("nn: MLP.Scores: the network has %d outputs, want 1", nout))
	}
	scores := make([]*autograd.Value, len(X))
	for i, x := range X {
		if nin := m.nin(); len(x) != nin {
			panic(fmt.Sprintf("nn: MLP.Scores: row %d has %d inputs, want %d", i, len(x), nin))
		}
		scores[i] = m.Forward(inputs(arena, x))[0]
	}
	return scores
}

// nin is the number of inputs the network reads.
func (m *MLP) nin() int { return len(m.Layers[0].Neurons[0].W) }

// Parameters returns every weight and bias of the network, layer by layer
// and neuron by neuron (each neuron's weights, then its bias), in a new
// slice. The Values are the network's own: changing their Data changes the
// network.
func (m *MLP) Parameters() []*autograd.Value {
	var ps []*autograd.Value
	for _, l := range m.Layers {
		ps = append(ps, l.Parameters()...)
	}
	return ps
}

// String describes the network as micrograd does, e.g.
// "MLP of [Layer of [ReLUNeuron(2), …], …]".
func (m *MLP) String() string { return listOf("MLP", m.Layers) }

// listOf describes a container as micrograd does: "name of [a, b, …]".
func listOf[T fmt.Stringer](name string, items []T) string {
	parts := make([]string, len(items))
	for i, item := range items {
		parts[i] = item.String()
	}
	return name + " of [" + strings.Join(parts, ", ") + "]"
}

// Inputs wraps numbers in new leaf Values labeled "x0", "x1", …: the
// inputs of a forward pass.
func Inputs(x []float64) []*autograd.Value {
	return inputs(nil, x)
}

// inputs is Inputs with the Values made in arena.
func inputs(arena *autograd.Arena, x []float64) []*autograd.Value {
	vs := make([]*autograd.Value, len(x))
	for i, xi := range x {
		vs[i] = arena.New(xi).Named("x" + strconv.Itoa(i))
	}
	return vs
}

// check panics, naming the constructor, on the arguments every
// constructor shares.
func check(fn string, rng *rand.Rand, nin int, act Activation) {
	switch {
	case rng == nil:
		panic("nn: " + fn + ": rng is nil; pass e.g. rand.New(rand.NewPCG(1, 2))")
	case nin < 1:
		panic(fmt.Sprintf("nn: %s: nin is %d, want at least 1", fn, nin))
	case !act.valid():
		panic("nn: " + fn + ": unknown activation " + act.String())
	}
}

// checkInputs panics, naming the method, if it got a number of inputs
// other than the one it wants.
func checkInputs(method string, got, want int) {
	if got != want {
		panic(fmt.Sprintf("nn: %s: got %d inputs, want %d", method, got, want))
	}
}
