package nn

import (
	"strconv"

	"github.com/gograd/gograd/autograd"
)

// Activation is the nonlinearity a neuron applies to its weighted sum.
// The zero value is Linear.
type Activation int

const (
	// Linear applies nothing: the neuron outputs its weighted sum. Use it
	// for an output layer whose values are scores or regression targets.
	Linear Activation = iota
	// Tanh squashes the sum into (-1, 1): tanh(s).
	Tanh
	// ReLU keeps positive sums and zeroes the rest: max(0, s).
	ReLU
	// Sigmoid squashes the sum into (0, 1): 1 / (1 + e^-s).
	Sigmoid
)

// String returns the activation's name: "Linear", "Tanh", "ReLU" or
// "Sigmoid", or "Activation(n)" for a value that is none of them.
func (a Activation) String() string {
	switch a {
	case Linear:
		return "Linear"
	case Tanh:
		return "Tanh"
	case ReLU:
		return "ReLU"
	case Sigmoid:
		return "Sigmoid"
	}
	return "Activation(" + strconv.Itoa(int(a)) + ")"
}

// Apply returns a(v): one new node (tanh, ReLU or sigmoid) on top of v, or
// v itself for Linear. It panics for an unknown Activation.
func (a Activation) Apply(v *autograd.Value) *autograd.Value {
	switch a {
	case Linear:
		return v
	case Tanh:
		return v.Tanh()
	case ReLU:
		return v.ReLU()
	case Sigmoid:
		return v.Sigmoid()
	}
	panic("nn: Activation.Apply: unknown activation " + a.String())
}

// valid reports whether a is one of the declared activations.
func (a Activation) valid() bool { return a >= Linear && a <= Sigmoid }
