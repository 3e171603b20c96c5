package lesson

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
)

// The checkers of lesson 11, From scalars to vectors.

// CheckMatVecBackward checks lesson 11's first exercise: the backward step
// of y = W·x, given W (m×n), x (n) and g = dL/dy (m), returns
// dL/dW[i][j] = g[i]·x[j] (the outer product g xᵀ, W's shape) and
// dL/dx[j] = Σ_i W[i][j]·g[i] (Wᵀ g, x's length). It tries a square W,
// where a transposed answer has the right shape, a 2×3 W, and a W of a
// shape and numbers drawn afresh on every run.
func CheckMatVecBackward(backward func(W [][]float64, x, g []float64) (dW [][]float64, dx []float64)) Result {
	return result("Exercise 1", "dW = g xᵀ has W's shape and dx = Wᵀ g has x's length, for square and non-square W.", func() error {
		cases := []struct {
			W    [][]float64
			x, g []float64
		}{
			{[][]float64{{1, 2}, {3, 4}}, []float64{5, -1}, []float64{2, -3}},
			{[][]float64{{1, 2, 3}, {4, 5, 6}}, []float64{1, -1, 2}, []float64{1, 10}},
		}
		m, n := 2+rand.IntN(3), 2+rand.IntN(3)
		random := func(k int) []float64 { return runPoints(k, -5, 5) }
		W := make([][]float64, m)
		for i := range W {
			W[i] = random(n)
		}
		cases = append(cases, struct {
			W    [][]float64
			x, g []float64
		}{W, random(n), random(m)})
		for k, c := range cases {
			W, x, g := c.W, c.x, c.g
			wantW, wantX := outer(g, x), matTVec(W, g)
			dW, dx := backward(clone(W), append([]float64(nil), x...), append([]float64(nil), g...))
			shape := fmt.Sprintf("W %d×%d", len(W), len(W[0]))
			switch {
			case k == 0 && dW == nil && dx == nil:
				return ErrNotAnswered
			case sameMatrix(dW, outer(x, g)) && !sameMatrix(dW, wantW):
				return fmt.Errorf("with %s, dW[i][j] = x[i]·g[j]: dW is transposed. y[i] = Σ_j W[i][j]·x[j], so dL/dW[i][j] = g[i]·x[j], and dW has W's shape", shape)
			case len(dW) != len(W) || len(dW) > 0 && len(dW[0]) != len(W[0]):
				return fmt.Errorf("with %s, dW is %s; it must have W's shape: one gradient per weight", shape, dims(dW))
			case sameMatrix(dW, outer(ones(len(g)), x)) && !sameMatrix(dW, wantW):
				return fmt.Errorf("with %s, dW[i][j] = x[j]: the factor g[i] is missing. The chain rule multiplies the local derivative x[j] by the gradient from above, g[i] = dL/dy[i]", shape)
			case sameMatrix(dW, scale(-1, wantW)):
				return fmt.Errorf("with %s, dW has the wrong sign: dL/dW[i][j] = +g[i]·x[j]", shape)
			case !sameMatrix(dW, wantW):
				return fmt.Errorf("with %s, x = %v, g = %v: dW = %v, want g xᵀ = %v", shape, x, g, dW, wantW)
			case len(W) == len(W[0]) && sameVector(dx, matVec(W, g)) && !sameVector(dx, wantX):
				return fmt.Errorf("with the square %s, dx = W·g = %v; want Wᵀ·g = %v. x[j] meets the weights of column j, W[i][j] for every i, so dx[j] = Σ_i W[i][j]·g[i]", shape, dx, wantX)
			case len(dx) != len(x):
				return fmt.Errorf("with %s, dx has %d numbers; it must have x's length, %d. dx = Wᵀ g sums down the columns of W", shape, len(dx), len(x))
			case sameVector(dx, matTVec(W, ones(len(g)))) && !sameVector(dx, wantX):
				return fmt.Errorf("with %s, dx sums the columns of W without g: dx[j] = Σ_i W[i][j]·g[i]", shape)
			case sameVector(dx, scaleVec(-1, wantX)):
				return fmt.Errorf("with %s, dx has the wrong sign: dx = +Wᵀ g", shape)
			case !sameVector(dx, wantX):
				return fmt.Errorf("with %s, x = %v, g = %v: dx = %v, want Wᵀ g = %v", shape, x, g, dx, wantX)
			}
		}
		return nil
	})
}

// outer returns the matrix a bᵀ.
func outer(a, b []float64) [][]float64 {
	M := make([][]float64, len(a))
	for i := range a {
		M[i] = make([]float64, len(b))
		for j := range b {
			M[i][j] = a[i] * b[j]
		}
	}
	return M
}

// matVec returns W·v, or nil if the shapes do not fit.
func matVec(W [][]float64, v []float64) []float64 {
	if len(W[0]) != len(v) {
		return nil
	}
	out := make([]float64, len(W))
	for i := range W {
		for j := range v {
			out[i] += W[i][j] * v[j]
		}
	}
	return out
}

// matTVec returns Wᵀ·v.
func matTVec(W [][]float64, v []float64) []float64 {
	out := make([]float64, len(W[0]))
	for i := range W {
		for j := range out {
			out[j] += W[i][j] * v[i]
		}
	}
	return out
}

func ones(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = 1
	}
	return v
}

func scale(c float64, M [][]float64) [][]float64 {
	out := make([][]float64, len(M))
	for i := range M {
		out[i] = scaleVec(c, M[i])
	}
	return out
}

func scaleVec(c float64, v []float64) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		out[i] = c * v[i]
	}
	return out
}

func clone(M [][]float64) [][]float64 {
	out := make([][]float64, len(M))
	for i := range M {
		out[i] = append([]float64(nil), M[i]...)
	}
	return out
}

// sameMatrix reports whether A and B have the same shape and numbers
// within 1e-9.
func sameMatrix(A, B [][]float64) bool {
	if len(A) != len(B) {
		return false
	}
	for i := range A {
		if !sameVector(A[i], B[i]) {
			return false
		}
	}
	return true
}

func sameVector(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !near(a[i], b[i]) {
			return false
		}
	}
	return true
}

func dims(M [][]float64) string {
	if len(M) == 0 {
		return "empty"
	}
	return fmt.Sprintf("%d×%d", len(M), len(M[0]))
}

// CheckDualDiv checks lesson 11's second exercise: the quotient of two
// dual numbers, a struct type D with float64 fields V (the value) and D
// (the derivative). Pass the method expression, Dual.Div. The quotient's
// derivative follows the quotient rule, (a/b)' = (a'·b - a·b')/b². It
// tries fixed numbers, which tell the classic mistakes apart, and numbers
// drawn afresh on every run.
func CheckDualDiv[D any](div func(a, b D) D) Result {
	return result("Exercise 2", "(a/b)' = (a'·b - a·b')/b²: the quotient rule, carried along with the value.", func() error {
		p := append(runPoints(3, -4, 4), runPoints(1, 0.5, 4)...) // b.V away from 0
		pairs := [][4]float64{{3, 1, 2, 0}, {3, 2, 4, 1}, {-1.5, 0.5, 0.25, -2}, {p[0], p[1], p[3], p[2]}}
		for k, p := range pairs {
			av, ad, bv, bd := p[0], p[1], p[2], p[3]
			q := div(dual[D](av, ad), dual[D](bv, bd))
			v, d := floatField(&q, "V"), floatField(&q, "D")
			want := (ad*bv - av*bd) / (bv * bv)
			name := fmt.Sprintf("(%g + %gε)/(%g + %gε)", av, ad, bv, bd)
			switch {
			case k == 0 && v == 0 && d == 0:
				return ErrNotAnswered
			case !near(v, av/bv):
				return fmt.Errorf("%s has value %g, want a.V/b.V = %g", name, v, av/bv)
			case near(d, want):
				continue
			case bd != 0 && near(d, ad/bd) || bd == 0 && math.IsInf(d, 0):
				return fmt.Errorf("%s has derivative %g = a.D/b.D: the derivative of a quotient is not the quotient of the derivatives. Quotient rule: (a.D·b.V - a.V·b.D)/b.V² = %g", name, d, want)
			case near(d, -want):
				return fmt.Errorf("%s has derivative %g: the sign is wrong. The numerator is a.D·b.V - a.V·b.D, a's change first", name, d)
			case near(d, ad/bv):
				return fmt.Errorf("%s has derivative %g = a.D/b.V: that treats b as a constant. b changes too: (a.D·b.V - a.V·b.D)/b.V² = %g", name, d, want)
			case near(d, (ad*bv-av*bd)/bv):
				return fmt.Errorf("%s has derivative %g: divide by b.V², not b.V: (a.D·b.V - a.V·b.D)/b.V² = %g", name, d, want)
			default:
				return fmt.Errorf("%s has derivative %g, want (a.D·b.V - a.V·b.D)/b.V² = %g", name, d, want)
			}
		}
		return nil
	})
}

// dual returns a D with its fields V and D set to v and d.
func dual[D any](v, d float64) D {
	var x D
	rv := reflect.ValueOf(&x).Elem()
	for name, f := range map[string]float64{"V": v, "D": d} {
		field := rv.FieldByName(name)
		if field.Kind() != reflect.Float64 {
			panic(fmt.Sprintf("lesson: %T has no float64 field %s", x, name))
		}
		field.SetFloat(f)
	}
	return x
}
