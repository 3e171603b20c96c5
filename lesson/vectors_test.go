package lesson

import "testing"

// matVecBackward is a backward step of y = W·x written with the mistakes
// a student might make, each switched on by name.
func matVecBackward(mistake string) func(W [][]float64, x, g []float64) ([][]float64, []float64) {
	return func(W [][]float64, x, g []float64) ([][]float64, []float64) {
		m, n := len(W), len(W[0])
		switch mistake {
		case "placeholder":
			return nil, nil
		case "dW transposed":
			return outer(x, g), matTVec(W, g)
		case "dW without g":
			return outer(ones(m), x), matTVec(W, g)
		case "dW sign":
			return scale(-1, outer(g, x)), matTVec(W, g)
		case "dx = W·g":
			dx := make([]float64, n)
			for i := range m { // W·g, written as if W were square
				for j := range n {
					dx[i] += W[i][j] * g[j]
				}
			}
			return outer(g, x), dx
		case "dx without g":
			return outer(g, x), matTVec(W, ones(m))
		case "dx too long":
			return outer(g, x), append(matTVec(W, g), 0)
		case "sums rows":
			dx := make([]float64, n)
			for j := range n {
				for i := range m {
					dx[j] += W[i][j] * g[i]
				}
				dx[j] *= 2
			}
			return outer(g, x), dx
		}
		return outer(g, x), matTVec(W, g)
	}
}

func TestCheckMatVecBackward(t *testing.T) {
	for _, tc := range []struct {
		mistake string
		want    want
	}{
		{"right", right},
		{"placeholder", notAnswered},
		{"dW transposed", "dW is transposed"},
		{"dW without g", "the factor g[i] is missing"},
		{"dW sign", "dW has the wrong sign"},
		{"dx = W·g", "want Wᵀ·g"},
		{"dx without g", "without g"},
		{"dx too long", "it must have x's length, 2"},
		{"sums rows", "want Wᵀ g"},
	} {
		for range 20 { // the last case is drawn afresh each time
			verify(t, tc.mistake, CheckMatVecBackward(matVecBackward(tc.mistake)), tc.want)
		}
	}
}

// dualT is a notebook's dual number.
type dualT struct{ V, D float64 }

func TestCheckDualDiv(t *testing.T) {
	for _, tc := range []struct {
		name string
		div  func(a, b dualT) dualT
		want want
	}{
		{"right", func(a, b dualT) dualT { return dualT{a.V / b.V, (a.D*b.V - a.V*b.D) / (b.V * b.V)} }, right},
		{"placeholder", func(a, b dualT) dualT { return dualT{} }, notAnswered},
		{"quotient of derivatives", func(a, b dualT) dualT { return dualT{a.V / b.V, a.D / b.D} }, "not the quotient of the derivatives"},
		{"sign", func(a, b dualT) dualT { return dualT{a.V / b.V, (a.V*b.D - a.D*b.V) / (b.V * b.V)} }, "the sign is wrong"},
		{"b constant", func(a, b dualT) dualT { return dualT{a.V / b.V, a.D / b.V} }, "treats b as a constant"},
		{"no square", func(a, b dualT) dualT { return dualT{a.V / b.V, (a.D*b.V - a.V*b.D) / b.V} }, "not b.V"},
		{"value", func(a, b dualT) dualT { return dualT{a.V * b.V, (a.D*b.V - a.V*b.D) / (b.V * b.V)} }, "want a.V/b.V"},
		{"other", func(a, b dualT) dualT { return dualT{a.V / b.V, 7} }, "want (a.D·b.V - a.V·b.D)/b.V²"},
	} {
		for range 20 {
			verify(t, tc.name, CheckDualDiv(tc.div), tc.want)
		}
	}
}
