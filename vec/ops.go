package vec

import "fmt"

// An op is everything the engine knows about one operation: its name, how
// to compute its result from its operands (forward), and how to pass the
// result's gradient back to them (backward). In package autograd an op
// gives a local derivative per operand and Backward multiplies; here the
// local derivative is a Jacobian matrix, mostly zeros, so backward does
// the multiplication itself, in loops that skip the zeros, and adds (+=)
// each operand's share to its Grad.
type op struct {
	name     string
	forward  func(out *Value, in []*Value) // fills out.Data
	backward func(out *Value, in []*Value) // adds out.Grad's shares to in[k].Grad
}

// ops is the table of operations, in the order they are defined below.
// Entry 0 is none: a leaf.
var ops = []op{leaf: {}}

// An opIndex is the number of an op in the table ops.
type opIndex uint8

// leaf is the opIndex of a Value that no operation made.
const leaf opIndex = 0

// define adds o to the table and returns its number.
func define(o op) opIndex {
	ops = append(ops, o)
	return opIndex(len(ops) - 1)
}

// apply returns the rows × cols Value that the op numbered k computes from
// operands.
func apply(k opIndex, rows, cols int, operands ...*Value) *Value {
	out := &Value{Rows: rows, Cols: cols, Data: make([]float64, rows*cols), Grad: make([]float64, rows*cols),
		Prev: operands, Op: ops[k].name, op: k}
	ops[k].forward(out, operands)
	return out
}

// Dot returns the 1×1 dot product a·b = Σ a[i]·b[i] of two vectors of the
// same length.
func Dot(a, b *Value) *Value {
	mustOperands("Dot", a, b)
	if len(a.Data) != len(b.Data) {
		panic(fmt.Sprintf("vec: Dot: lengths %d and %d differ", len(a.Data), len(b.Data)))
	}
	return apply(dot, 1, 1, a, b)
}

// Each a[i] is multiplied by b[i]: d(a·b)/da[i] = b[i], d(a·b)/db[i] = a[i].
var dot = define(op{"a·b",
	func(out *Value, in []*Value) {
		a, b := in[0].Data, in[1].Data
		for i := range a {
			out.Data[0] += a[i] * b[i]
		}
	},
	func(out *Value, in []*Value) {
		a, b, g := in[0], in[1], out.Grad[0]
		for i := range a.Data {
			a.Grad[i] += b.Data[i] * g
			b.Grad[i] += a.Data[i] * g
		}
	}})

// MatVec returns the vector W·x for an m×n matrix W and a vector x of
// length n: y[i] = Σ_j W[i][j]·x[j].
func MatVec(W, x *Value) *Value {
	mustOperands("MatVec", W, x)
	if x.Cols != 1 || W.Cols != x.Rows {
		panic(fmt.Sprintf("vec: MatVec: W is %d×%d and x %d×%d, want x a vector of length %d", W.Rows, W.Cols, x.Rows, x.Cols, W.Cols))
	}
	return apply(matVec, W.Rows, 1, W, x)
}

// y[i] uses row i of W and all of x: dW[i][j] = g[i]·x[j] (the outer
// product g xᵀ), and dx[j] = Σ_i W[i][j]·g[i] (Wᵀ g), the rows taken from
// the last, as the scalar engine reaches them.
var matVec = define(op{"W·x",
	func(out *Value, in []*Value) {
		W, x := in[0], in[1]
		for i := range W.Rows {
			for j := range W.Cols {
				out.Data[i] += W.Data[i*W.Cols+j] * x.Data[j]
			}
		}
	},
	func(out *Value, in []*Value) {
		W, x := in[0], in[1]
		for i := W.Rows - 1; i >= 0; i-- {
			for j := range W.Cols {
				W.Grad[i*W.Cols+j] += out.Grad[i] * x.Data[j]
				x.Grad[j] += W.Data[i*W.Cols+j] * out.Grad[i]
			}
		}
	}})

// Linear returns the layer X·Wᵀ + b for a batch: X holds one input per row
// (n × k), W one neuron per row with its k weights and then its bias
// (m × (k+1)), and row s of the result holds the m neurons' sums for input
// s: out[s][i] = b[i] + Σ_j W[i][j]·X[s][j], each row a MatVec plus the
// bias. The sum starts from the bias, as nn.Neuron's does.
func Linear(X, W *Value) *Value {
	mustOperands("Linear", X, W)
	if W.Cols != X.Cols+1 {
		panic(fmt.Sprintf("vec: Linear: X is %d×%d and W %d×%d, want W with %d columns: %d weights and the bias", X.Rows, X.Cols, W.Rows, W.Cols, X.Cols+1, X.Cols))
	}
	return apply(linear, X.Rows, W.Rows, X, W)
}

// Each row s is a MatVec plus the bias, whose derivative is 1. The points
// and rows are taken from the last, as the scalar engine reaches them.
var linear = define(op{"X·Wᵀ+b",
	func(out *Value, in []*Value) {
		X, W, k := in[0], in[1], in[0].Cols
		for s := range X.Rows {
			for i := range W.Rows {
				sum := W.Data[i*W.Cols+k] // the bias
				for j := range k {
					sum += W.Data[i*W.Cols+j] * X.Data[s*k+j]
				}
				out.Data[s*out.Cols+i] = sum
			}
		}
	},
	func(out *Value, in []*Value) {
		X, W, k := in[0], in[1], in[0].Cols
		for s := X.Rows - 1; s >= 0; s-- {
			for i := W.Rows - 1; i >= 0; i-- {
				g := out.Grad[s*out.Cols+i]
				for j := range k {
					W.Grad[i*W.Cols+j] += X.Data[s*k+j] * g
					X.Grad[s*k+j] += W.Data[i*W.Cols+j] * g
				}
				W.Grad[i*W.Cols+k] += g
			}
		}
	}})

// ReLU returns max(0, v) element by element.
func (v *Value) ReLU() *Value {
	mustOperands("ReLU", v)
	return apply(relu, v.Rows, v.Cols, v)
}

// Each element's derivative is 1 where it is positive, else 0.
var relu = define(op{"ReLU",
	func(out *Value, in []*Value) {
		for i, a := range in[0].Data {
			out.Data[i] = reLU(a)
		}
	},
	func(out *Value, in []*Value) {
		for i, a := range in[0].Data {
			if a > 0 {
				in[0].Grad[i] += out.Grad[i]
			}
		}
	}})

// Add returns v + w, element by element; they must have the same shape.
func (v *Value) Add(w *Value) *Value {
	in := sameShape("Add", v, w)
	return apply(add, v.Rows, v.Cols, in...)
}

// The gradient passes through unchanged to both operands.
var add = define(op{"+",
	func(out *Value, in []*Value) {
		for i := range out.Data {
			out.Data[i] = in[0].Data[i] + in[1].Data[i]
		}
	},
	func(out *Value, in []*Value) {
		for i, g := range out.Grad {
			in[0].Grad[i] += g
			in[1].Grad[i] += g
		}
	}})

// Mul returns v * w, element by element; they must have the same shape.
func (v *Value) Mul(w *Value) *Value {
	in := sameShape("Mul", v, w)
	return apply(mul, v.Rows, v.Cols, in...)
}

// Each element's local derivative with respect to one operand is the other.
var mul = define(op{"*",
	func(out *Value, in []*Value) {
		for i := range out.Data {
			out.Data[i] = in[0].Data[i] * in[1].Data[i]
		}
	},
	func(out *Value, in []*Value) {
		for i, g := range out.Grad {
			in[0].Grad[i] += in[1].Data[i] * g
			in[1].Grad[i] += in[0].Data[i] * g
		}
	}})

// Hinge returns the 1×1 sum of the hinge losses of scores (one per row of
// an n×1 matrix) against labels y (±1, also n×1): Σ max(0, 1 - y[s]·S[s]),
// each term computed as package nn's MaxMarginLoss does, S[s]·(-y[s]) + 1.
// The labels are data: no gradient reaches them.
func Hinge(S, y *Value) *Value {
	mustOperands("Hinge", S, y)
	if S.Cols != 1 || y.Cols != 1 || S.Rows != y.Rows {
		panic(fmt.Sprintf("vec: Hinge: scores %d×%d and labels %d×%d, want two n×1 columns", S.Rows, S.Cols, y.Rows, y.Cols))
	}
	return apply(hinge, 1, 1, S, y)
}

// A term's derivative with respect to its score is -y where the term is
// positive (the point is inside the margin), else 0.
var hinge = define(op{"hinge",
	func(out *Value, in []*Value) {
		for s, score := range in[0].Data {
			out.Data[0] += reLU(score*-in[1].Data[s] + 1)
		}
	},
	func(out *Value, in []*Value) {
		for s, score := range in[0].Data {
			if score*-in[1].Data[s]+1 > 0 {
				in[0].Grad[s] += -in[1].Data[s] * out.Grad[0]
			}
		}
	}})

// SumSquares returns the 1×1 sum of the squares of every number of the
// params, in order: the L2 penalty before its factor α.
func SumSquares(params ...*Value) *Value {
	mustOperands("SumSquares", params...)
	return apply(sumSquares, 1, 1, params...)
}

// The derivative of p² is 2p.
var sumSquares = define(op{"Σp²",
	func(out *Value, in []*Value) {
		for _, p := range in {
			for _, x := range p.Data {
				out.Data[0] += x * x
			}
		}
	},
	func(out *Value, in []*Value) {
		for _, p := range in {
			for i, x := range p.Data {
				p.Grad[i] += 2 * x * out.Grad[0]
			}
		}
	}})

// sameShape returns v and w as operands, or panics, naming the operation,
// if their shapes differ.
func sameShape(op string, v, w *Value) []*Value {
	mustOperands(op, v, w)
	if v.Rows != w.Rows || v.Cols != w.Cols {
		panic(fmt.Sprintf("vec: %s: shapes %d×%d and %d×%d differ", op, v.Rows, v.Cols, w.Rows, w.Cols))
	}
	return []*Value{v, w}
}

// reLU returns max(0, a) as package autograd's ReLU does: NaN stays NaN,
// and -0 stays -0.
func reLU(a float64) float64 {
	if a < 0 {
		return 0
	}
	return a
}

// mustOperands panics, naming the operation, if an operand is nil, rather
// than failing later with a bare nil-pointer dereference.
func mustOperands(op string, vs ...*Value) {
	for i, v := range vs {
		if v == nil {
			panic(fmt.Sprintf("vec: %s: operand %d is nil", op, i))
		}
	}
}
