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
	check("NewNeuron", rng, nin)
	checkActivation("NewNeuron", "activation", act)
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
	if len(x) != len(n.W) {
		panic(fmt.Sprintf("nn: Neuron.Forward: got %d inputs, want %d", len(x), len(n.W)))
	}
	return n.forward(x)
}

func (n *Neuron) forward(x []*autograd.Value) *autograd.Value {
	sum := n.B
	for i, w := range n.W {
		sum = sum.Add(w.Mul(x[i]))
	}
	return n.Act.Apply(sum)
}

// Parameters returns the neuron's weights followed by its bias, in a new
// slice.
func (n *Neuron) Parameters() []*autograd.Value {
	return n.appendParameters(make([]*autograd.Value, 0, len(n.W)+1))
}

func (n *Neuron) appendParameters(ps []*autograd.Value) []*autograd.Value {
	return append(append(ps, n.W...), n.B)
}

// ZeroGrad sets the gradients of the neuron's parameters to 0.
func (n *Neuron) ZeroGrad() {
	for _, w := range n.W {
		w.Grad = 0
	}
	n.B.Grad = 0
}

// String describes the neuron as micrograd does, e.g. "ReLUNeuron(2)".
func (n *Neuron) String() string {
	return n.Act.String() + "Neuron(" + strconv.Itoa(len(n.W)) + ")"
}

// Layer is a row of neurons that read the same inputs: n inputs in, one
// output per neuron out.
type Layer struct {
	Neurons []*Neuron
}

// NewLayer returns a layer of nout neurons with nin inputs each and
// activation act, initialized as by [NewNeuron]. The parameters of neuron
// j are labeled "Nj.w0", …, "Nj.b".
//
// It panics if rng is nil, nin < 1, nout < 1 or act is not a declared
// Activation.
func NewLayer(rng *rand.Rand, nin, nout int, act Activation) *Layer {
	check("NewLayer", rng, nin)
	checkActivation("NewLayer", "activation", act)
	if nout < 1 {
		panic(fmt.Sprintf("nn: NewLayer: nout is %d, want at least 1", nout))
	}
	return newLayer(rng, nin, nout, act, "")
}

func newLayer(rng *rand.Rand, nin, nout int, act Activation, prefix string) *Layer {
	l := &Layer{Neurons: make([]*Neuron, nout)}
	for j := range l.Neurons {
		l.Neurons[j] = newNeuron(rng, nin, act, prefix+"N"+strconv.Itoa(j)+".")
	}
	return l
}

// Forward returns the outputs of the layer's neurons for inputs x, one per
// neuron. It panics if len(x) is not the layer's number of inputs.
func (l *Layer) Forward(x []*autograd.Value) []*autograd.Value {
	if want := l.nin(); len(x) != want {
		panic(fmt.Sprintf("nn: Layer.Forward: got %d inputs, want %d", len(x), want))
	}
	return l.forward(x)
}

func (l *Layer) forward(x []*autograd.Value) []*autograd.Value {
	out := make([]*autograd.Value, len(l.Neurons))
	for j, n := range l.Neurons {
		out[j] = n.forward(x)
	}
	return out
}

// nin is the layer's number of inputs.
func (l *Layer) nin() int {
	if len(l.Neurons) == 0 {
		return 0
	}
	return len(l.Neurons[0].W)
}

// Parameters returns the parameters of the layer's neurons, neuron by
// neuron, in a new slice.
func (l *Layer) Parameters() []*autograd.Value {
	return l.appendParameters(nil)
}

func (l *Layer) appendParameters(ps []*autograd.Value) []*autograd.Value {
	for _, n := range l.Neurons {
		ps = n.appendParameters(ps)
	}
	return ps
}

// ZeroGrad sets the gradients of the layer's parameters to 0.
func (l *Layer) ZeroGrad() {
	for _, n := range l.Neurons {
		n.ZeroGrad()
	}
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
	check("NewMLP", rng, nin)
	checkActivation("NewMLP", "hidden activation", hidden)
	checkActivation("NewMLP", "output activation", output)
	if len(sizes) == 0 {
		panic("nn: NewMLP: sizes is empty, want at least one layer")
	}
	for i, s := range sizes {
		if s < 1 {
			panic(fmt.Sprintf("nn: NewMLP: sizes[%d] is %d, want at least 1", i, s))
		}
	}
	m := &MLP{Layers: make([]*Layer, len(sizes))}
	for i, s := range sizes {
		act := hidden
		if i == len(sizes)-1 {
			act = output
		}
		m.Layers[i] = newLayer(rng, nin, s, act, "L"+strconv.Itoa(i)+".")
		nin = s
	}
	return m
}

// Forward returns the network's outputs for inputs x, one per neuron of
// the last layer. It panics if len(x) is not the network's number of
// inputs, e.g. "nn: MLP.Forward: got 3 inputs, want 2".
func (m *MLP) Forward(x []*autograd.Value) []*autograd.Value {
	m.checkInputs("MLP.Forward", len(x))
	return m.forward(x)
}

func (m *MLP) forward(x []*autograd.Value) []*autograd.Value {
	for _, l := range m.Layers {
		x = l.forward(x)
	}
	return x
}

// ForwardFloats is Forward for plain numbers: it wraps each x[i] in a new
// leaf Value labeled "x0", "x1", … and runs the network on them.
func (m *MLP) ForwardFloats(x []float64) []*autograd.Value {
	m.checkInputs("MLP.ForwardFloats", len(x))
	return m.forward(Inputs(x))
}

// Scores runs a network with a single output on every row of X and returns
// the outputs, one per row: the scores a loss such as [MaxMarginLoss]
// compares with the labels. It panics if the network has more than one
// output or a row has the wrong number of inputs.
func (m *MLP) Scores(X [][]float64) []*autograd.Value {
	return m.scores("MLP.Scores", nil, X)
}

// ScoresIn is Scores with the inputs made in arena, so that the whole graph
// of the forward pass, and of a loss computed from the scores, lands in the
// arena: see [autograd.Arena]. A training loop resets the arena at the start
// of each step.
func (m *MLP) ScoresIn(arena *autograd.Arena, X [][]float64) []*autograd.Value {
	return m.scores("MLP.ScoresIn", arena, X)
}

func (m *MLP) scores(method string, arena *autograd.Arena, X [][]float64) []*autograd.Value {
	if nout := m.NumOutputs(); nout != 1 {
		panic(fmt.Sprintf("nn: %s: the network has %d outputs, want 1", method, nout))
	}
	nin := m.NumInputs()
	scores := make([]*autograd.Value, len(X))
	for i, x := range X {
		if len(x) != nin {
			panic(fmt.Sprintf("nn: %s: row %d has %d inputs, want %d", method, i, len(x), nin))
		}
		scores[i] = m.forward(inputs(arena, x))[0]
	}
	return scores
}

// NumInputs returns the number of inputs the network reads.
func (m *MLP) NumInputs() int {
	if len(m.Layers) == 0 {
		return 0
	}
	return m.Layers[0].nin()
}

// NumOutputs returns the number of outputs the network computes: the width
// of its last layer.
func (m *MLP) NumOutputs() int {
	if len(m.Layers) == 0 {
		return 0
	}
	return len(m.Layers[len(m.Layers)-1].Neurons)
}

func (m *MLP) checkInputs(method string, got int) {
	if want := m.NumInputs(); got != want {
		panic(fmt.Sprintf("nn: %s: got %d inputs, want %d", method, got, want))
	}
}

// Parameters returns every weight and bias of the network, layer by layer
// and neuron by neuron (each neuron's weights, then its bias), in a new
// slice. The Values are the network's own: changing their Data changes the
// network.
func (m *MLP) Parameters() []*autograd.Value {
	var ps []*autograd.Value
	for _, l := range m.Layers {
		ps = l.appendParameters(ps)
	}
	return ps
}

// ZeroGrad sets the gradients of the network's parameters to 0. Call it
// before each Backward: Backward adds to the parameters' gradients, so
// without it a step would follow the sum of every gradient so far.
func (m *MLP) ZeroGrad() {
	for _, l := range m.Layers {
		l.ZeroGrad()
	}
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
		vs[i] = arena.New(xi).Named(inputLabel(i))
	}
	return vs
}

// inputLabels holds the first few input labels, so that labeling the inputs
// of every forward pass allocates nothing.
var inputLabels = func() []string {
	ls := make([]string, 32)
	for i := range ls {
		ls[i] = "x" + strconv.Itoa(i)
	}
	return ls
}()

func inputLabel(i int) string {
	if i < len(inputLabels) {
		return inputLabels[i]
	}
	return "x" + strconv.Itoa(i)
}

// check panics, naming the constructor, on the arguments every
// constructor shares.
func check(fn string, rng *rand.Rand, nin int) {
	if rng == nil {
		panic("nn: " + fn + ": rng is nil; pass e.g. rand.New(rand.NewPCG(1, 2))")
	}
	if nin < 1 {
		panic(fmt.Sprintf("nn: %s: nin is %d, want at least 1", fn, nin))
	}
}

// checkActivation panics, naming the constructor and the argument, if act
// is not a declared Activation.
func checkActivation(fn, what string, act Activation) {
	if !act.valid() {
		panic("nn: " + fn + ": unknown " + what + " " + act.String())
	}
}
