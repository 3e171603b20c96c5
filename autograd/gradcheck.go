package autograd

import "math"

// A GradResult compares the gradient that a backward pass left in one Value
// with a numeric estimate of it. [GradCheck] makes them for this package's
// Values, with V = *Value; package display makes them for a Value type that
// a notebook declares itself, so V is the type of the Values it checks.
type GradResult[V any] struct {
	Node     V       // the Value checked
	Label    string  // its label, or "" if it has none
	Op       string  // the operation that made it; "" for a leaf
	Data     float64 // its Data
	Analytic float64 // the gradient the backward pass left in it
	Numeric  float64 // the gradient estimated by central differences
	RelErr   float64 // |Analytic - Numeric| / max(|Analytic|, |Numeric|, 1)
	OK       bool    // Analytic agrees with Numeric: see GradOK
}

// GradTolerance is the largest relative error [GradCheck] accepts. Central
// differences are accurate to about 1e-10 on smooth functions; an error
// beyond 1e-6 means a wrong derivative, or a kink (ReLU at 0) or a
// singularity next to the point.
const GradTolerance = 1e-6

// GradCheck checks Backward on root's graph. It sets every gradient in the
// graph to zero, runs root.Backward(), and compares each leaf's gradient with
// a numeric estimate, in the order of [Topo]. Afterwards every Data is as it
// was and the gradients are those of one Backward pass.
func GradCheck(root *Value) []GradResult[*Value] {
	root.ZeroGrad()
	root.Backward()
	var results []GradResult[*Value]
	for _, n := range Topo(root) {
		if n.op != leaf {
			continue
		}
		num := NumericGrad(root, n)
		results = append(results, GradResult[*Value]{
			Node: n, Label: n.Label, Op: n.Op, Data: n.Data, Analytic: n.Grad, Numeric: num,
			RelErr: RelErr(n.Grad, num), OK: GradOK(n.Grad, num),
		})
	}
	return results
}

// NumericGrad estimates d(root)/d(node) by central differences: it
// evaluates root's graph with node.Data shifted by ±h and takes the slope.
// node may be any Value in the graph, not only a leaf; gradients are left
// alone and every Data is restored exactly.
func NumericGrad(root, node *Value) float64 {
	mustOperand("NumericGrad", root)
	mustOperand("NumericGrad", node)
	order := Topo(root)
	x := node.Data
	// A step of a millionth of x (of 1 near 0) balances the rounding error
	// of the two evaluations against the error of the formula. The estimate
	// is unreliable within about 1000 steps of a kink or a pole, such as
	// ReLU's at 0 or Log's at 0.
	h := 1e-6 * math.Max(math.Abs(x), 1)
	eval := func(at float64) float64 {
		node.Data = at
		for _, n := range order {
			if n != node && n.op != leaf {
				n.recompute()
			}
		}
		return root.Data
	}
	slope := (eval(x+h) - eval(x-h)) / (2 * h)
	eval(x)
	return slope
}

// GradOK reports whether a gradient agrees with its numeric estimate: their
// relative error is within [GradTolerance], or both are the same infinity,
// or both are NaN. It is the rule [GradCheck] applies, for tools that judge
// gradients computed elsewhere.
func GradOK(grad, numeric float64) bool {
	if math.IsNaN(grad) && math.IsNaN(numeric) {
		return true
	}
	return RelErr(grad, numeric) <= GradTolerance
}

// RelErr returns the relative error of a gradient against its numeric
// estimate, |grad - numeric| / max(|grad|, |numeric|, 1): 0 when they are
// equal, the same infinity included.
func RelErr(grad, numeric float64) float64 {
	if grad == numeric {
		return 0
	}
	return math.Abs(grad-numeric) / math.Max(1, math.Max(math.Abs(grad), math.Abs(numeric)))
}
