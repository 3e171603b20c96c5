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
// # What to read first
//
// The whole engine a student needs is in two files, in the order of
// micrograd's engine.py:
//
//   - value.go: the Value, and Backward: an order of the graph in which
//     every Value comes after its operands, the root's gradient set, and one
//     loop backwards through that order applying each Value's local
//     derivatives.
//   - ops.go: the operations. Each is an op (its name, its forward formula
//     and its local derivatives side by side) next to the method that
//     applies it. Subtraction, division and negation are not operations of
//     their own: they are built from addition, multiplication and powers, so
//     their graphs show how they decompose.
//
// Then numbers.go, where plain Go numbers mix with Values through the
// generic functions [Add], [Mul], [Sub] and [Div]: Go has no operator
// overloading, so these play the part of Python's __radd__ and __rmul__,
// and the compiler rejects anything else. And gradcheck.go: [GradCheck]
// compares the gradients of Backward with central finite differences, the
// way to convince yourself (or a class) that a new local derivative is
// right.
//
// The files whose names start with fast_ hold what makes the engine quick
// and light, not what makes it right: marks that tell a graph walk which
// Values it has seen, walk buffers reused from one Backward to the next,
// the storage of a Value's operands inside the Value, and the [Arena]. Each
// hides behind a small named helper that value.go and ops.go call; skip
// them on a first reading.
//
// # Numbers
//
// Arithmetic follows IEEE 754, as PyTorch does: New(1).Div(New(0)) is +Inf,
// Log of 0 is -Inf, Log of a negative number is NaN, and the tiniest
// (subnormal) numbers are numbers like any other (Go's math.Log is wrong for
// them on amd64; the engine's Log and Pow are not). Nothing panics on a bad
// number; an operation on a nil *Value panics with the operation's name.
//
// # Training loops
//
// Each operation allocates its result, and a training loop drops a whole
// graph at every step. An [Arena] lets such a loop reuse the memory of the
// previous step's graph instead of leaving it to the garbage collector.
package autograd
