package autograd

import (
	"math"
	"testing"
)

// leafValues are the numbers the fuzzer's leaves start from: ordinary
// ones, and subnormal ones (below 2**-1022), where math.Log goes wrong on
// amd64.
var leafValues = []float64{0.7, -1.1, 0.3, 1e-310, -5e-324, 2.225073858507201e-308, 0x1p-1060, -3e-320}

// FuzzBackwardMatchesFiniteDifferences builds a random expression DAG from
// the fuzzer's bytes, reusing earlier nodes as operands, and checks every
// leaf's gradient against central differences. The first three bytes pick
// the leaves' values, subnormal ones included. The ops are the smooth ones,
// kept away from kinks and poles, where finite differences cannot agree.
// One leaf is in an arena, so most graphs mix arena and heap nodes.
func FuzzBackwardMatchesFiniteDifferences(f *testing.F) {
	arena := NewArena()
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{1, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3})
	f.Add([]byte{7, 7, 7, 7, 0, 200, 13, 99, 250, 31, 4, 4, 4})
	f.Add([]byte{3, 4, 5, 9, 0, 1, 8, 1, 2, 10, 2, 0, 11, 1, 1})
	f.Add([]byte("the same node used again and again"))
	f.Fuzz(func(t *testing.T, program []byte) {
		if len(program) < 3 {
			return
		}
		if len(program) > 67 {
			program = program[:67]
		}
		leaf := func(i int) float64 { return leafValues[int(program[i])%len(leafValues)] }
		arena.Reset()
		nodes := []*Value{New(leaf(0)).Named("x0"), arena.New(leaf(1)).Named("x1"), New(leaf(2)).Named("x2")}
		pick := func(b byte) *Value { return nodes[int(b)%len(nodes)] }
		for i := 3; i+2 < len(program); i += 3 {
			a, b := pick(program[i+1]), pick(program[i+2])
			var v *Value
			switch program[i] % 12 {
			case 0:
				v = a.Add(b)
			case 1:
				v = a.Mul(b)
			case 2:
				v = a.Sub(b)
			case 3:
				v = a.Tanh()
			case 4:
				v = a.Sigmoid()
			case 5:
				v = a.Tanh().Exp()
			case 6:
				v = a.Div(b.Mul(b).Add(New(1))) // a / (b² + 1): no pole
			case 7:
				v = Mul(0.5, a.Pow(2))
			case 8:
				v = a.Mul(a).Add(New(1)).Log() // ln(a² + 1): no pole
			case 9:
				v = a.Sigmoid().Pow(1.5) // σ(a)**1.5: no kink, σ(a) is never negative
			case 10:
				v = a.Tanh().Add(New(2)).Log() // ln(tanh a + 2): no pole
			case 11:
				v = a.Tanh().Pow(3)
			}
			nodes = append(nodes, v)
		}
		root := nodes[len(nodes)-1]
		if math.IsInf(root.Data, 0) || math.Abs(root.Data) > 1e6 {
			t.Skip("the expression grew too large for finite differences")
		}
		for _, r := range GradCheck(root) {
			if !r.OK {
				t.Errorf("d/d%s at %g: Backward %g, finite differences %g (rel. error %.2g)",
					r.Label, r.Data, r.Analytic, r.Numeric, r.RelErr)
			}
		}
	})
}

// oracleLog is the natural logarithm of a positive finite x computed
// another way than the engine's: from the fraction and the exponent that
// math.Frexp splits x into, which it does right for subnormal numbers too.
func oracleLog(x float64) float64 {
	frac, exp := math.Frexp(x)
	return math.Log(frac) + float64(exp)*math.Ln2
}

// FuzzLogAndPowOfAnyNumber checks Log and Pow on any positive float64
// the fuzzer makes from 64 bits, subnormal numbers included: Log against
// oracleLog, and Pow by its logarithm, ln(x**n) = n·ln x, wherever x**n is
// a normal number. It also checks their local derivatives, 1/x and
// n·x**(n-1), in the same two ways.
func FuzzLogAndPowOfAnyNumber(f *testing.F) {
	f.Add(math.Float64bits(1e-310), 0.25)
	f.Add(math.Float64bits(5e-324), -0.5)
	f.Add(math.Float64bits(2.225073858507201e-308), 1.3)
	f.Add(math.Float64bits(0.7), 2.5)
	f.Add(math.Float64bits(3e300), -1.75)
	f.Fuzz(func(t *testing.T, bits uint64, n float64) {
		x := math.Float64frombits(bits)
		if !(x > 0) || math.IsInf(x, 0) || math.IsNaN(n) || math.Abs(n) > 1e3 {
			return
		}
		lx := New(x)
		l := lx.Log()
		l.Backward()
		if want := oracleLog(x); math.Abs(l.Data-want) > 4e-16*math.Max(1, math.Abs(want)) {
			t.Errorf("Log(%g) = %.17g, want %.17g", x, l.Data, want)
		}
		if lx.Grad != 1/x {
			t.Errorf("d Log(%g)/dx = %g, want 1/x = %g", x, lx.Grad, 1/x)
		}
		px := New(x)
		p := px.Pow(n)
		p.Backward()
		// ln x is rounded to about 1e-16 relative; n multiplies that error.
		tol := 1e-15 * math.Max(1, math.Abs(n*oracleLog(x)))
		if p.Data >= smallestNormal && !math.IsInf(p.Data, 0) {
			if got, want := oracleLog(p.Data), n*oracleLog(x); math.Abs(got-want) > tol {
				t.Errorf("Pow(%g, %g) = %g: its logarithm is %.17g, want %.17g", x, n, p.Data, got, want)
			}
		}
		if g := math.Abs(px.Grad); n != 0 && g >= smallestNormal && !math.IsInf(g, 0) {
			if got, want := oracleLog(g), oracleLog(math.Abs(n))+(n-1)*oracleLog(x); math.Abs(got-want) > tol+1e-15*math.Abs(want) {
				t.Errorf("d Pow(%g, %g)/dx = %g: its logarithm is %.17g, want %.17g", x, n, px.Grad, got, want)
			}
		}
	})
}
