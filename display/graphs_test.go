package display_test

import (
	"math"
	"strconv"

	"github.com/gograd/gograd/autograd"
)

// The graphs of the lessons, built with the engine. Each returns its root.

// neuronInput is n = x1*w1 + x2*w2 + b, the input of the lessons' neuron.
func neuronInput() *autograd.Value {
	x1, x2 := autograd.New(2).Named("x1"), autograd.New(0).Named("x2")
	w1, w2 := autograd.New(-3).Named("w1"), autograd.New(1).Named("w2")
	b := autograd.New(6.8813735870195432).Named("b")
	x1w1, x2w2 := x1.Mul(w1).Named("x1*w1"), x2.Mul(w2).Named("x2*w2")
	return x1w1.Add(x2w2).Named("x1*w1 + x2*w2").Add(b).Named("n")
}

// tanhNeuron is the neuron o = tanh(x1*w1 + x2*w2 + b), after Backward.
func tanhNeuron() *autograd.Value {
	o := neuronInput().Tanh().Named("o")
	o.Backward()
	return o
}

// aPlusA is b = a + a with a = 3, after Backward.
func aPlusA() *autograd.Value {
	a := autograd.New(3).Named("a")
	b := a.Add(a).Named("b")
	b.Backward()
	return b
}

// defGraph is f = (a*b) * (a+b) with a = -2, b = 3, after Backward.
func defGraph() *autograd.Value {
	a, b := autograd.New(-2).Named("a"), autograd.New(3).Named("b")
	d, e := a.Mul(b).Named("d"), a.Add(b).Named("e")
	f := d.Mul(e).Named("f")
	f.Backward()
	return f
}

// tanhFromExp is the neuron of tanhNeuron with tanh written out as
// o = (e - 1) / (e + 1), e = exp(2n), after Backward.
func tanhFromExp() *autograd.Value {
	e := autograd.Mul(2, neuronInput()).Exp().Named("e")
	o := autograd.Div(autograd.Sub(e, 1), autograd.Add(e, 1)).Named("o")
	o.Backward()
	return o
}

// neuronOfSize builds a tanh neuron with enough inputs for a graph of
// about n Values (4 per input and 2 more), before Backward.
func neuronOfSize(n int) *autograd.Value {
	sum := autograd.New(0.1).Named("b")
	for i := range max(1, (n-2)/4) {
		x := autograd.New(float64(i%7) - 3).Named("x" + strconv.Itoa(i))
		w := autograd.New(math.Sin(float64(i))).Named("w" + strconv.Itoa(i))
		sum = sum.Add(x.Mul(w))
	}
	return sum.Tanh().Named("o")
}

// recurrent is a recurrent neuron read over steps inputs,
// h = tanh(h*w + x*u + b), after Backward: its parameters w, u and b are
// used at every step, far from where they are made. w is labelled wLabel
// and u is left unlabelled.
func recurrent(steps int, wLabel string) *autograd.Value {
	w, u, b := autograd.New(0.5).Named(wLabel), autograd.New(-0.8), autograd.New(0.1).Named("b")
	h := autograd.New(0).Named("h0")
	for t := range steps {
		x := autograd.New(float64(t%3) - 1).Named("x" + strconv.Itoa(t+1))
		h = h.Mul(w).Add(x.Mul(u)).Add(b).Tanh().Named("h" + strconv.Itoa(t+1))
	}
	h.Backward()
	return h
}

// mlp builds the loss of a small multilayer perceptron, 3 inputs, layers
// of 4, 4 and 1 tanh neurons, summed over examples: a graph with many
// crossing edges, of about 120 Values per example, before Backward.
func mlp(examples int) *autograd.Value {
	layers := []int{3, 4, 4, 1}
	var weights [][][]*autograd.Value // layer, neuron, input (the bias last)
	for l := 1; l < len(layers); l++ {
		var layer [][]*autograd.Value
		for n := range layers[l] {
			var ws []*autograd.Value
			for i := range layers[l-1] + 1 {
				ws = append(ws, autograd.New(math.Sin(float64(100*l+10*n+i))))
			}
			layer = append(layer, ws)
		}
		weights = append(weights, layer)
	}
	loss := autograd.New(0)
	for e := range examples {
		xs := []*autograd.Value{autograd.New(float64(e)), autograd.New(1), autograd.New(-1)}
		for _, layer := range weights {
			var out []*autograd.Value
			for _, ws := range layer {
				act := ws[len(ws)-1]
				for i, x := range xs {
					act = act.Add(ws[i].Mul(x))
				}
				out = append(out, act.Tanh())
			}
			xs = out
		}
		loss = loss.Add(xs[0].Sub(autograd.New(1)).Pow(2))
	}
	return loss.Named("loss")
}

// Value is a Value type as a notebook declares it in its own cells, with
// an unexported field and a backward closure, micrograd style. Its ops
// record the same Op names as the engine's, so its graphs can be compared.
type Value struct {
	Data, Grad float64
	Label, Op  string
	Prev       []*Value
	backward   func()
}

// overwriteBug makes the backward closures of Value assign gradients (=)
// instead of adding them (+=): the bug of the lesson on Values used twice.
var overwriteBug bool

// pass adds the gradient g to to.Grad, or, with the bug, assigns it.
func pass(to *Value, g float64) {
	if overwriteBug {
		to.Grad = g
	} else {
		to.Grad += g
	}
}

func leaf(x float64, label string) *Value { return &Value{Data: x, Label: label} }

func (v *Value) named(label string) *Value { v.Label = label; return v }

func (v *Value) Add(w *Value) *Value {
	out := &Value{Data: v.Data + w.Data, Op: "+", Prev: []*Value{v, w}}
	out.backward = func() { pass(v, out.Grad); pass(w, out.Grad) }
	return out
}

func (v *Value) Mul(w *Value) *Value {
	out := &Value{Data: v.Data * w.Data, Op: "*", Prev: []*Value{v, w}}
	out.backward = func() { pass(v, w.Data*out.Grad); pass(w, v.Data*out.Grad) }
	return out
}

func (v *Value) Tanh() *Value {
	t := math.Tanh(v.Data)
	out := &Value{Data: t, Op: "tanh", Prev: []*Value{v}}
	out.backward = func() { pass(v, (1-t*t)*out.Grad) }
	return out
}

// Backward runs the backward pass from v, micrograd style.
func (v *Value) Backward() {
	var order []*Value
	seen := map[*Value]bool{}
	var visit func(*Value)
	visit = func(n *Value) {
		if !seen[n] {
			seen[n] = true
			for _, p := range n.Prev {
				visit(p)
			}
			order = append(order, n)
		}
	}
	visit(v)
	v.Grad = 1
	for i := len(order) - 1; i >= 0; i-- {
		if order[i].backward != nil {
			order[i].backward()
		}
	}
}

// notebookTanhNeuron is tanhNeuron built with the notebook's Value.
func notebookTanhNeuron() *Value {
	x1, x2 := leaf(2, "x1"), leaf(0, "x2")
	w1, w2 := leaf(-3, "w1"), leaf(1, "w2")
	b := leaf(6.8813735870195432, "b")
	x1w1, x2w2 := x1.Mul(w1).named("x1*w1"), x2.Mul(w2).named("x2*w2")
	n := x1w1.Add(x2w2).named("x1*w1 + x2*w2").Add(b).named("n")
	o := n.Tanh().named("o")
	o.Backward()
	return o
}

// notebookDef is defGraph built with the notebook's Value.
func notebookDef() *Value {
	a, b := leaf(-2, "a"), leaf(3, "b")
	f := a.Mul(b).named("d").Mul(a.Add(b).named("e")).named("f")
	f.Backward()
	return f
}
