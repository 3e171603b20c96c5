// Package autograd is a scalar automatic-differentiation engine: the Go
// counterpart of Andrej Karpathy's micrograd, written to be read.
//
// A [Value] holds one number (Data) and, after a backward pass, the
// derivative of some final result with respect to that number (Grad).
// Every operation on Values returns a new Value that remembers its operands
// (Prev) and the operation that made it (Op), so an expression such as
//
//	a := autograd.New(-2).Named("a")
//	b := autograd.New(3).Named("b")
//	f := a.Mul(b).Mul(a.Add(b))
//
// builds a small directed acyclic graph ending in f. Calling f.Backward()
// walks that graph from f back to the leaves and applies the chain rule at
// each node: a node's gradient times the node's local derivative with respect
// to an operand is added (+=) to that operand's gradient. Adding, never
// assigning, is what makes a Value used twice (a above) collect the
// gradient of both uses: here a.Grad is -3 and b.Grad is -8.
//
// Each operation is defined in one place, in ops.go: its forward formula
// and its local derivatives side by side, exactly what you need to know to
// teach the engine a new operation. Subtraction, division and negation are
// not operations of their own: they are built from addition, multiplication
// and powers, so their graphs show how they decompose.
//
// Plain Go numbers mix with Values through the generic functions [Add],
// [Mul], [Sub] and [Div], which accept a *Value or any Go number on either
// side: Go has no operator overloading, so these play the part of Python's
// __radd__ and __rmul__, and the compiler rejects anything else.
//
// Arithmetic follows IEEE 754, as PyTorch does: New(1).Div(New(0)) is +Inf,
// Log of 0 is -Inf, Log of a negative number is NaN. Nothing panics on a bad
// number; an operation on a nil *Value panics with the operation's name.
//
// [GradCheck] compares the gradients of Backward with central finite
// differences, the way to convince yourself (or a class) that a new local
// derivative is right.
//
// Each operation allocates its result, and a training loop drops a whole
// graph at every step. An [Arena] lets such a loop reuse the memory of the
// previous step's graph instead of leaving it to the garbage collector,
// which makes a step of micrograd's moons demo about three times faster.
package autograd

import (
	"fmt"
	"strconv"
)

// Value is one node of a computation graph: a number, the gradient of the
// graph's result with respect to it, and how it was computed.
//
// Make Values with [New] and the operations. The fields are exported so
// that pictures and lessons can read them; change Data or Grad freely, but
// Prev and Op describe how the node was computed and are not meant to be
// edited. A graph is not safe for use by several goroutines at once.
type Value struct {
	Data float64 // the number itself, set by the forward pass
	Grad float64 // d(root)/d(this), filled in by Backward
	// tag packs three small things into one word to keep a node at 96
	// bytes: the opKind (ops.go), the number of the node's Arena (0 for the
	// heap) and the mark of the last graph walk that visited it (topo.go).
	// It sits next to Data, which operations read too, so that reading it
	// costs no extra memory access.
	tag   uint64
	Label string   // a name for pictures and printing, e.g. "x1*w1"
	Op    string   // the operation that produced the Value: "+", "*", "tanh", "**-1"; "" for a leaf
	Prev  []*Value // the operands, in operand order; a.Add(a) holds a twice

	// operands is the storage behind Prev, so that a node costs a single
	// allocation. For Pow, operands[1] holds the constant exponent, which is
	// not part of the graph and so not in Prev.
	operands [2]*Value
}

// The fields of tag, from the lowest bit.
const (
	kindBits  = 8                    // the opKind
	arenaBits = 16                   // the arena's number
	walkShift = kindBits + arenaBits // the walk mark takes the other 40 bits
	nodeBits  = 1<<walkShift - 1     // what the node is, as opposed to the walk mark
)

// kind returns the operation that made v; leaf for a leaf.
func (v *Value) kind() opKind { return opKind(v.tag & (1<<kindBits - 1)) }

// arenaID returns the number of the Arena that holds v, or 0.
func (v *Value) arenaID() uint64 { return v.tag >> kindBits & (1<<arenaBits - 1) }

// New returns a leaf Value holding data, with no operands and no gradient.
func New(data float64) *Value {
	return &Value{Data: data}
}

// Named sets the Value's label and returns the Value, so that a node can be
// built and named in one expression: d := a.Mul(b).Named("d").
func (v *Value) Named(label string) *Value {
	v.Label = label
	return v
}

// String formats the Value as Value(data=2, grad=0), followed by its label
// when it has one: Value(data=2, grad=0, label="a").
func (v *Value) String() string {
	if v == nil {
		return "Value(nil)"
	}
	s := "Value(data=" + strconv.FormatFloat(v.Data, 'g', -1, 64) +
		", grad=" + strconv.FormatFloat(v.Grad, 'g', -1, 64)
	if v.Label != "" {
		s += ", label=" + strconv.Quote(v.Label)
	}
	return s + ")"
}

// Backward computes the gradient of v with respect to every Value in v's
// graph and adds it to their Grad fields.
//
// It visits the nodes in reverse topological order (every node after all the
// nodes that use it), so that a node's gradient is complete before it is
// passed on. The order is computed without recursion, so graphs of any depth
// work, and it is the same on every run, so are the floating-point results.
//
// Gradients accumulate in leaves, as in micrograd and PyTorch: calling
// Backward twice without [Value.ZeroGrad] in between doubles every leaf's
// gradient, which is what lets a parameter used by several losses collect
// all of them. Gradients of interior nodes (those with an Op) are recomputed
// from zero by every call, so they always show this pass's values.
func (v *Value) Backward() {
	w := walkGraph("Backward", v, zeroInterior)
	defer w.release()
	v.Grad++
	for i := len(w.order) - 1; i >= 0; i-- {
		if n := w.order[i]; n.kind() != leaf {
			n.backwardStep()
		}
	}
}

// ZeroGrad sets the gradient of every Value in v's graph, v included, to 0.
// Call it between training steps, since Backward accumulates.
func (v *Value) ZeroGrad() {
	walkGraph("ZeroGrad", v, zeroAll).release()
}

// Topo returns every Value in root's graph once, operands before the
// Values computed from them (a topological order), root last. The order
// is deterministic: a depth-first walk that takes operands in Prev order.
func Topo(root *Value) []*Value {
	w := walkGraph("Topo", root, zeroNone)
	defer w.release()
	return append([]*Value(nil), w.order...)
}

// mustOperand panics with the operation's name when an operand is nil,
// rather than failing later with a bare nil-pointer dereference.
func mustOperand(op string, v *Value) {
	if v == nil {
		panic(fmt.Sprintf("autograd: %s: a nil *Value was passed", op))
	}
}
