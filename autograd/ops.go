package autograd

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// An op is everything the engine knows about one operation: its name, how
// many operands it takes, how to compute its result from them, and its local
// derivatives, the partial derivatives of the result with respect to each
// operand. The chain rule does the rest: Backward adds local derivative ×
// the result's gradient to each operand's gradient.
//
// a and b are the operands' data; for an op with one operand b is 0, except
// for Pow, where it is the constant exponent. out is the result's data,
// passed in because several derivatives are cheapest written in terms of it.
//
// To teach the engine a new operation, add its op to the table with define
// and write the method that applies it, as every operation below does:
//
//	// Sin returns the sine of v.
//	func (v *Value) Sin() *Value { return apply(sin, v, nil) }
//
//	// The derivative of sin a is cos a.
//	var sin = define(op{"sin", 1,
//		func(a, _ float64) float64 { return math.Sin(a) },
//		func(a, _, _ float64) (float64, float64) { return math.Cos(a), 0 }})
//
// TestEveryOpIsComplete checks that every op in the table has a method that
// makes it and derivatives that agree with finite differences.
type op struct {
	name     string
	operands int // 1 or 2: how many Values the result has in Prev
	forward  func(a, b float64) (out float64)
	local    func(a, b, out float64) (da, db float64)
}

// ops is the table of operations, in the order they are defined below;
// [Apply] finds an operation here by its name. Entry 0 is none: a leaf.
var ops = []op{leaf: {}}

// An opIndex is the number of an op in the table ops. A Value records its
// operation by number: a pointer would cost more, since the garbage
// collector looks at every pointer of every Value.
type opIndex uint8

// leaf is the opIndex of a Value that no operation made.
const leaf opIndex = 0

// define adds o to the table and returns its number, for its method to
// apply.
func define(o op) opIndex {
	if len(ops) > math.MaxUint8 {
		panic("autograd: too many operations for an opIndex")
	}
	ops = append(ops, o)
	return opIndex(len(ops) - 1)
}

// apply returns the Value that the op numbered k computes from a and, for
// an op with two operands, b. The result remembers a and b as its operands
// (Prev) and k as the operation that made it, which is all Backward needs.
func apply(k opIndex, a, b *Value) *Value {
	o := &ops[k]
	if a == nil || o.operands == 2 && b == nil {
		panic("autograd: the operation " + strconv.Quote(o.name) + " got a nil *Value")
	}
	var bData float64 // the second operand's data, Pow's exponent, or 0
	if b != nil {
		bData = b.Data
	}
	return newValue(k, o.forward(a.Data, bData), a, b) // fast_node.go
}

// backward applies the chain rule at v: each operand's gradient grows by
// v's local derivative with respect to it times v's own gradient. A leaf
// has no operands and nothing to do.
func (v *Value) backward() {
	if v.op == leaf {
		return
	}
	da, db := ops[v.op].local(v.inputs())
	v.Prev[0].Grad += da * v.Grad
	if len(v.Prev) == 2 {
		v.Prev[1].Grad += db * v.Grad
	}
}

// inputs returns the operands' data a and b of v's op, and v's own data.
func (v *Value) inputs() (a, b, out float64) {
	a = v.operands[0].Data
	if v.operands[1] != nil { // the second operand, or Pow's exponent
		b = v.operands[1].Data
	}
	return a, b, v.Data
}

// Add returns v + w.
func (v *Value) Add(w *Value) *Value { return apply(add, v, w) }

// Both local derivatives of a + b are 1: the gradient passes through
// unchanged to both operands.
var add = define(op{"+", 2,
	func(a, b float64) float64 { return a + b },
	func(a, b, out float64) (float64, float64) { return 1, 1 }})

// Mul returns v * w.
func (v *Value) Mul(w *Value) *Value { return apply(mul, v, w) }

// The local derivative of a * b with respect to each operand is the other.
var mul = define(op{"*", 2,
	func(a, b float64) float64 { return a * b },
	func(a, b, out float64) (float64, float64) { return b, a }})

// Pow returns v raised to the constant power n; its Op shows the exponent,
// as in "**2" or "**-1". The exponent is a plain number, not a Value, so no
// gradient flows to it. Like math.Pow, a negative base with a fractional
// exponent gives NaN, and 0 to a negative power gives +Inf.
func (v *Value) Pow(n float64) *Value {
	mustOperand("Pow", v)
	out := apply(pow, v, New(n)) // the exponent rides along as a hidden operand
	out.Op = "**" + strconv.FormatFloat(n, 'g', -1, 64)
	return out
}

// The power rule: the derivative of a**n is n * a**(n-1).
var pow = define(op{"**", 1,
	func(a, n float64) float64 { return power(a, n) },
	func(a, n, out float64) (float64, float64) { return n * power(a, n-1), 0 }})

// Exp returns e raised to v. Exp of more than about 709.78 is +Inf.
func (v *Value) Exp() *Value { return apply(exp, v, nil) }

// e**a is its own derivative: the local derivative is the output.
var exp = define(op{"exp", 1,
	func(a, _ float64) float64 { return math.Exp(a) },
	func(a, _, out float64) (float64, float64) { return out, 0 }})

// Log returns the natural logarithm of v: -Inf at 0 and NaN below it.
func (v *Value) Log() *Value { return apply(log, v, nil) }

// The derivative of ln a is 1/a.
var log = define(op{"log", 1,
	func(a, _ float64) float64 { return logarithm(a) },
	func(a, _, out float64) (float64, float64) { return 1 / a, 0 }})

// Tanh returns the hyperbolic tangent of v.
func (v *Value) Tanh() *Value { return apply(tanh, v, nil) }

// The derivative of tanh a is 1 - tanh²(a), read back from the output t.
// For a large |a|, t is exactly ±1 and the derivative exactly 0, not NaN.
var tanh = define(op{"tanh", 1,
	func(a, _ float64) float64 { return math.Tanh(a) },
	func(a, _, t float64) (float64, float64) { return 1 - t*t, 0 }})

// ReLU returns max(0, v), the rectified linear unit. ReLU of NaN is NaN.
func (v *Value) ReLU() *Value { return apply(relu, v, nil) }

// The derivative of max(0, a) is 1 where a > 0, else 0.
var relu = define(op{"ReLU", 1,
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
	}})

// Sigmoid returns the logistic function 1 / (1 + e**-v).
func (v *Value) Sigmoid() *Value { return apply(sigmoid, v, nil) }

// The derivative of the sigmoid s is s * (1 - s), read back from the output.
var sigmoid = define(op{"sigmoid", 1,
	func(a, _ float64) float64 { return 1 / (1 + math.Exp(-a)) },
	func(a, _, s float64) (float64, float64) { return s * (1 - s), 0 }})

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
	if v.op == leaf {
		return nil
	}
	da, db := ops[v.op].local(v.inputs())
	return []float64{da, db}[:len(v.Prev)]
}

// Apply builds the Value that the operation named op computes from
// operands: the inverse of the Op field. It accepts every Op this package
// writes ("+", "*", "**2", "exp", "log", "tanh", "ReLU", "sigmoid"), so
// that a graph recorded elsewhere, such as a notebook's own Value type, can
// be rebuilt and checked with this engine.
func Apply(op string, operands ...*Value) (*Value, error) {
	k, exponent, err := lookup(op)
	if err != nil {
		return nil, err
	}
	if want := ops[k].operands; len(operands) != want {
		return nil, fmt.Errorf("autograd: Apply(%q): got %d operands, want %d", op, len(operands), want)
	}
	for i, operand := range operands {
		if operand == nil {
			return nil, fmt.Errorf("autograd: Apply(%q): operand %d is nil", op, i)
		}
	}
	switch {
	case k == pow:
		return operands[0].Pow(exponent), nil
	case len(operands) == 2:
		return apply(k, operands[0], operands[1]), nil
	default:
		return apply(k, operands[0], nil), nil
	}
}

// lookup finds the op that a Value's Op field names, and for "**n" n.
func lookup(name string) (k opIndex, exponent float64, err error) {
	if text, ok := strings.CutPrefix(name, ops[pow].name); ok {
		n, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return leaf, 0, fmt.Errorf("autograd: Apply(%q): the exponent is not a number", name)
		}
		return pow, n, nil
	}
	for k, o := range ops {
		if opIndex(k) != leaf && opIndex(k) != pow && o.name == name {
			return opIndex(k), 0, nil
		}
	}
	return leaf, 0, fmt.Errorf("autograd: Apply: unknown operation %q", name)
}

// recompute sets v.Data again from its operands' current data, as the
// forward pass did; GradCheck uses it to evaluate a graph at shifted inputs.
func (v *Value) recompute() {
	a, b, _ := v.inputs()
	v.Data = ops[v.op].forward(a, b)
}
