package autograd

import (
	"math"
	"testing"
)

// FuzzBackwardMatchesFiniteDifferences builds a random expression DAG from
// the fuzzer's bytes, reusing earlier nodes as operands, and checks every
// leaf's gradient against central differences. The ops are the smooth ones,
// kept away from kinks and poles, where finite differences cannot agree.
// One leaf is in an arena, so most graphs mix arena and heap nodes.
func FuzzBackwardMatchesFiniteDifferences(f *testing.F) {
	arena := NewArena()
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{1, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3})
	f.Add([]byte{7, 7, 7, 7, 0, 200, 13, 99, 250, 31, 4, 4, 4})
	f.Add([]byte("the same node used again and again"))
	f.Fuzz(func(t *testing.T, program []byte) {
		if len(program) > 64 {
			program = program[:64]
		}
		arena.Reset()
		nodes := []*Value{New(0.7).Named("x0"), arena.New(-1.1).Named("x1"), New(0.3).Named("x2")}
		pick := func(b byte) *Value { return nodes[int(b)%len(nodes)] }
		for i := 0; i+2 < len(program); i += 3 {
			a, b := pick(program[i+1]), pick(program[i+2])
			var v *Value
			switch program[i] % 8 {
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
			}
			nodes = append(nodes, v)
		}
		root := nodes[len(nodes)-1]
		if math.IsInf(root.Data, 0) || math.Abs(root.Data) > 1e6 {
			t.Skip("the expression grew too large for finite differences")
		}
		for _, r := range GradCheck(root) {
			if !r.OK {
				t.Errorf("d/d%s: Backward %g, finite differences %g (rel. error %.2g)",
					r.Label, r.Analytic, r.Numeric, r.RelErr)
			}
		}
	})
}
