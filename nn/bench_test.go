package nn

import "testing"

// BenchmarkMoonsStep measures one full-batch training step of the moons
// demo: forward pass over 100 points, loss, ZeroGrad, Backward, update,
// with the step's graph in an arena.
func BenchmarkMoonsStep(b *testing.B) {
	d := newDemo(1, 2)
	b.ReportAllocs()
	for b.Loop() {
		d.step(0, 100)
	}
}

// BenchmarkMoonsStepHeap is BenchmarkMoonsStep without the arena: every
// node is allocated on the heap and left to the garbage collector.
func BenchmarkMoonsStepHeap(b *testing.B) {
	d := newDemo(1, 2)
	d.arena = nil
	b.ReportAllocs()
	for b.Loop() {
		d.step(0, 100)
	}
}

// BenchmarkMoonsTrain measures the whole demo: 100 steps from a fresh
// network, with the learning rate schedule of micrograd's notebook.
func BenchmarkMoonsTrain(b *testing.B) {
	b.ReportAllocs()
	var loss, acc float64
	for b.Loop() {
		loss, acc = newDemo(1, 2).train(100)
	}
	b.ReportMetric(loss, "loss")
	b.ReportMetric(acc, "accuracy")
}

// BenchmarkMoonsForward measures the forward half of a step: the scores
// of 100 points and the loss, about 66,000 new nodes.
func BenchmarkMoonsForward(b *testing.B) {
	d := newDemo(1, 2)
	b.ReportAllocs()
	for b.Loop() {
		d.loss()
	}
}

// BenchmarkMoonsBackward measures Backward alone, run again and again on
// one step's graph: the graph walk and the chain rule, with the graph warm
// in the cache and no allocation going on (so no garbage collection).
func BenchmarkMoonsBackward(b *testing.B) {
	d := newDemo(1, 2)
	_, loss := d.loss()
	b.ReportAllocs()
	for b.Loop() {
		loss.Backward()
	}
}
