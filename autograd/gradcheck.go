package autograd

import "math"

// GradResult is what [GradCheck] found for one node.
type GradResult struct {
	Node     *Value
	Label    string  // the node's label, or "" if it has none
	Analytic float64 // the gradient Backward computed
	Numeric  float64 // the gradient estimated by central differences
	RelErr   float64 // |Analytic - Numeric| / max(|Analytic|, |Numeric|, 1)
	OK       bool    // RelErr is within tolerance
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
func GradCheck(root *Value) []GradResult {
	root.ZeroGrad()
	root.Backward()
	var results []GradResult
	for _, n := range Topo(root) {
		if n.op != nil {
			continue
		}
		num := NumericGrad(root, n)
		results = append(results, GradResult{
			Node: n, Label: n.Label, Analytic: n.Grad, Numeric: num,
			RelErr: relErr(n.Grad, num), OK: GradOK(n.Grad, num),
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
			if n != node && n.op != nil {
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
	return relErr(grad, numeric) <= GradTolerance
}

func relErr(a, b float64) float64 {
	if a == b { // also equal infinities
		return 0
	}
	return math.Abs(a-b) / math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
