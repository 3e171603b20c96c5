package autograd

import (
	"runtime"
	"testing"
)

// BenchmarkDeepChain builds a chain of a million operations, each a new
// node, and runs Backward through it. Besides the time for the whole chain
// (ns/op), it reports the bytes and allocations per node, forward and
// backward together, in the steady state of a training loop: a first,
// unmeasured pass lets Backward grow the walk buffers it reuses afterwards
// (about 20 MB for this graph, once).
func BenchmarkDeepChain(b *testing.B) {
	const ops = 1_000_000
	chain := func() {
		x := New(0.5)
		v := x
		for i := range ops {
			if i%2 == 0 {
				v = v.Tanh()
			} else {
				v = v.Add(x)
			}
		}
		v.Backward()
	}
	chain()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		chain()
	}
	runtime.ReadMemStats(&after)
	nodes := float64(b.N) * (ops + 1)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/nodes, "B/node")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/nodes, "allocs/node")
}
