package display_test

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
)

// TestConcurrentRendering draws several graphs from several goroutines at
// once (run it with -race) and checks that each gets its own picture.
func TestConcurrentRendering(t *testing.T) {
	builders := []func() *autograd.Value{tanhNeuron, aPlusA, defGraph, tanhFromExp}
	want := make([][]byte, len(builders))
	for i, build := range builders {
		svg, err := display.SVG(build())
		if err != nil {
			t.Fatal(err)
		}
		want[i] = svg
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(builders))
	for range 8 {
		for i, build := range builders {
			wg.Add(1)
			go func() {
				defer wg.Done()
				root := build()
				svg, err := display.SVG(root)
				if err == nil && !bytes.Equal(svg, want[i]) {
					err = fmt.Errorf("graph %d rendered differently", i)
				}
				if err == nil {
					_, err = display.BackwardFrames(root)
				}
				errs <- err
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// BenchmarkSVG renders neurons of about 10, 200 and 500 Values (the
// default limit), with nearly as many operation nodes again, and a small
// multilayer perceptron's loss, whose edges cross more: the whole call, from
// reading the graph to the SVG coming back from the renderer server, which
// one drawing starts before the timing (as the first drawing of a notebook
// does; it then serves the user's later drawings).
func BenchmarkSVG(b *testing.B) {
	if _, err := display.SVG(aPlusA()); err != nil {
		b.Fatal(err)
	}
	for _, g := range []struct {
		name string
		root *autograd.Value
	}{
		{"neuron", neuronOfSize(10)},
		{"neuron", neuronOfSize(200)},
		{"neuron", neuronOfSize(500)},
		{"mlp", mlp(1)},
		{"mlp", mlp(4)},
	} {
		root := g.root
		root.Backward()
		b.Run(fmt.Sprintf("%s/values=%d", g.name, len(autograd.Topo(root))), func(b *testing.B) {
			for b.Loop() {
				if _, err := display.SVG(root); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDot writes the DOT text of a neuron of 500 Values: the part of
// SVG that is this package's own.
func BenchmarkDot(b *testing.B) {
	root := neuronOfSize(500)
	for b.Loop() {
		if _, err := display.Dot(root); err != nil {
			b.Fatal(err)
		}
	}
}
