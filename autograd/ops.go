package autograd

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// An op is everything the engine knows about one operation: its name, how to
// compute its result from its operands, and its local derivatives, the
// partial derivatives of the result with respect to each operand. The chain
// rule does the rest: Backward adds local derivative × the result's gradient
// to each operand's gradient. Teaching the engine a new operation means
// writing one op and the method that applies it.
//
// a and b are the operands' data; for a one-operand op b is 0, except for
// Pow, where it is the constant exponent. out is the result's data, passed in
// because several derivatives are cheapest written in terms of it.
type op struct {
	name    string
	forward func(a, b float64) (out float64)
	local   func(a, b, out float64) (da, db float64)
}

// opKind indexes ops; a Value stores its kind instead of a closure, so a
// node needs a single allocation and Backward makes no indirect allocations.
type opKind uint8

const (
	leaf opKind = iota
	opAdd
	opMul
	opPow
	opExp
	opLog
	opTanh
	opReLU
	opSigmoid
)

// ops lists the operations by kind; each is defined below, next to the
// method that applies it.
var ops = [...]op{
	leaf: {}, opAdd: add, opMul: mul, opPow: pow, opExp: exp, opLog: log,
	opTanh: tanh, opReLU: relu, opSigmoid: sigmoid,
}

// Add returns v + w.
func (v *Value) Add(w *Value) *Value { return binary(opAdd, v, w) }

// Both local derivatives of a + b are 1: the gradient passes through
// unchanged to both operands.
var add = op{"+",
	func(a, b float64) float64 { return a + b },
	func(a, b, out float64) (float64, float64) { return 1, 1 }}

// Mul returns v * w.
func (v *Value) Mul(w *Value) *Value { return binary(opMul, v, w) }

// The local derivative of a * b with respect to each operand is the other.
var mul = op{"*",
	func(a, b float64) float64 { return a * b },
	func(a, b, out float64) (float64, float64) { return b, a }}

// Pow returns v raised to the constant power n; its Op shows the exponent,
// as in "**2" or "**-1". The exponent is a plain number, not a Value, so no
// gradient flows to it. Like math.Pow, a negative base with a fractional
// exponent gives NaN, and 0 to a negative power gives +Inf.
func (v *Value) Pow(n float64) *Value {
	mustOperand("Pow", v)
	return newNode(opPow, pow.forward(v.Data, n), "**"+strconv.FormatFloat(n, 'g', -1, 64),
		v, New(n), 1)
}

// The power rule: the derivative of a**n is n * a**(n-1).
var pow = op{"**",
	func(a, n float64) float64 { return math.Pow(a, n) },
	func(a, n, out float64) (float64, float64) { return n * math.Pow(a, n-1), 0 }}

// Exp returns e raised to v. Exp of more than about 709.78 is +Inf.
func (v *Value) Exp() *Value { return unary(opExp, v) }

// e**a is its own derivative: the local derivative is the output.
var exp = op{"exp",
	func(a, _ float64) float64 { return math.Exp(a) },
	func(a, _, out float64) (float64, float64) { return out, 0 }}

// Log returns the natural logarithm of v: -Inf at 0 and NaN below it.
func (v *Value) Log() *Value { return unary(opLog, v) }

// The derivative of ln a is 1/a.
var log = op{"log",
	func(a, _ float64) float64 { return math.Log(a) },
	func(a, _, out float64) (float64, float64) { return 1 / a, 0 }}

// Tanh returns the hyperbolic tangent of v.
func (v *Value) Tanh() *Value { return unary(opTanh, v) }

// The derivative of tanh a is 1 - tanh²(a), read back from the output t.
// For a large |a|, t is exactly ±1 and the derivative exactly 0, not NaN.
var tanh = op{"tanh",
	func(a, _ float64) float64 { return math.Tanh(a) },
	func(a, _, t float64) (float64, float64) { return 1 - t*t, 0 }}

// ReLU returns max(0, v), the rectified linear unit. ReLU of NaN is NaN.
func (v *Value) ReLU() *Value { return unary(opReLU, v) }

// The derivative of max(0, a) is 1 where a > 0, else 0.
var relu = op{"ReLU",
	func(a, _ float64) float64 {
		if a < 0 {
			return 0
		}
		return a
	},
	func(a, _, out float64) (float64, float64) {
		if a > 0 {
			return 1, 0
		}
		return 0, 0
	}}

// Sigmoid returns the logistic function 1 / (1 + e**-v).
func (v *Value) Sigmoid() *Value { return unary(opSigmoid, v) }

// The derivative of the sigmoid s is s * (1 - s), read back from the output.
var sigmoid = op{"sigmoid",
	func(a, _ float64) float64 { return 1 / (1 + math.Exp(-a)) },
	func(a, _, s float64) (float64, float64) { return s * (1 - s), 0 }}

// Neg returns -v, built as v * -1 so that its graph shows a multiplication.
func (v *Value) Neg() *Value {
	mustOperand("Neg", v)
	return v.Mul(New(-1))
}

// Sub returns v - w, built as v + (-w).
func (v *Value) Sub(w *Value) *Value {
	mustOperand("Sub", v)
	mustOperand("Sub", w)
	return v.Add(w.Neg())
}

// Div returns v / w, built as v * w**-1. Dividing by zero follows IEEE 754:
// a non-zero v gives ±Inf and 0/0 gives NaN.
func (v *Value) Div(w *Value) *Value {
	mustOperand("Div", v)
	mustOperand("Div", w)
	return v.Mul(w.Pow(-1))
}

// LocalGrads returns the local derivatives of v with respect to each of its
// operands, in the order of Prev: what Backward multiplies v's gradient by
// before adding it to the operands'. A leaf has none.
func (v *Value) LocalGrads() []float64 {
	if v.kind() == leaf {
		return nil
	}
	da, db := ops[v.kind()].local(v.operandData())
	return []float64{da, db}[:len(v.Prev)]
}

// Apply builds the Value that the operation named op computes from
// operands: the inverse of the Op field. It accepts every Op this package
// writes ("+", "*", "**2", "exp", "log", "tanh", "ReLU", "sigmoid"), so
// that a graph recorded elsewhere, such as a notebook's own Value type, can
// be rebuilt and checked with this engine.
func Apply(op string, operands ...*Value) (*Value, error) {
	kind, exponent, err := parseOp(op)
	if err != nil {
		return nil, err
	}
	want := 1
	if kind == opAdd || kind == opMul {
		want = 2
	}
	if len(operands) != want {
		return nil, fmt.Errorf("autograd: Apply(%q): got %d operands, want %d", op, len(operands), want)
	}
	for i, o := range operands {
		if o == nil {
			return nil, fmt.Errorf("autograd: Apply(%q): operand %d is nil", op, i)
		}
	}
	switch {
	case kind == opPow:
		return operands[0].Pow(exponent), nil
	case want == 2:
		return binary(kind, operands[0], operands[1]), nil
	default:
		return unary(kind, operands[0]), nil
	}
}

// parseOp finds the op that a Value's Op field names, and for "**n" n.
func parseOp(name string) (kind opKind, exponent float64, err error) {
	if text, ok := strings.CutPrefix(name, "**"); ok {
		n, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return leaf, 0, fmt.Errorf("autograd: Apply(%q): the exponent is not a number", name)
		}
		return opPow, n, nil
	}
	for kind := opAdd; int(kind) < len(ops); kind++ {
		if ops[kind].name == name && kind != opPow {
			return kind, 0, nil
		}
	}
	return leaf, 0, fmt.Errorf("autograd: Apply: unknown operation %q", name)
}

func binary(kind opKind, a, b *Value) *Value {
	mustOperand(opName(kind), a)
	mustOperand(opName(kind), b)
	return newNode(kind, ops[kind].forward(a.Data, b.Data), ops[kind].name, a, b, 2)
}

func unary(kind opKind, a *Value) *Value {
	mustOperand(opName(kind), a)
	return newNode(kind, ops[kind].forward(a.Data, 0), ops[kind].name, a, nil, 1)
}

// newNode returns the result node of an operation. It lives in the arena of
// the first operand that has one, like the rest of a graph built from an
// arena's inputs, and on the heap otherwise. Prev shows the first arity
// operands; a second operand beyond that is Pow's hidden exponent.
func newNode(kind opKind, data float64, op string, a, b *Value, arity int) *Value {
	arena := arenaOf(a)
	if arena == nil && b != nil {
		arena = arenaOf(b)
	}
	var out *Value
	var id uint64 // the heap's
	if arena != nil {
		out, id = arena.alloc(), arena.id
	} else {
		out = new(Value)
	}
	out.Data, out.Op, out.tag = data, op, uint64(kind)|id<<kindBits
	out.operands = [2]*Value{a, b}
	out.Prev = out.operands[:arity:arity]
	return out
}

// opName is the method name that panics report, e.g. "Tanh" for "tanh".
func opName(kind opKind) string {
	return [...]string{opAdd: "Add", opMul: "Mul", opExp: "Exp", opLog: "Log",
		opTanh: "Tanh", opReLU: "ReLU", opSigmoid: "Sigmoid"}[kind]
}

// operandData returns the inputs of v's op: the operands' data, and for
// Pow the exponent.
func (v *Value) operandData() (a, b, out float64) {
	a = v.operands[0].Data
	if v.operands[1] != nil {
		b = v.operands[1].Data
	}
	return a, b, v.Data
}

// backwardStep applies the chain rule at v: each operand's gradient grows by
// v's local derivative with respect to it times v's own gradient.
func (v *Value) backwardStep() {
	da, db := ops[v.kind()].local(v.operandData())
	v.operands[0].Grad += da * v.Grad
	if len(v.Prev) == 2 {
		v.operands[1].Grad += db * v.Grad
	}
}

// recompute sets v.Data again from its operands' current data, as the
// forward pass did; GradCheck uses it to evaluate a graph at shifted inputs.
func (v *Value) recompute() {
	a, b, _ := v.operandData()
	v.Data = ops[v.kind()].forward(a, b)
}
