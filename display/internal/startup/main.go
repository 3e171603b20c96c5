// Command startup draws the tanh neuron once and exits: the smallest
// program that uses package display, for measuring how long such a
// program, a GoNB cell for instance, takes to start. go-graphviz compiles
// its WebAssembly in init, in about 0.5 s, unless its compilation cache in
// $TMPDIR/go-graphviz is warm; BenchmarkStartup runs this command with a
// fresh TMPDIR (cold) and with a reused one (warm).
package main

import (
	"fmt"
	"os"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
)

func main() {
	x1, x2 := autograd.New(2).Named("x1"), autograd.New(0).Named("x2")
	w1, w2 := autograd.New(-3).Named("w1"), autograd.New(1).Named("w2")
	b := autograd.New(6.8813735870195432).Named("b")
	n := x1.Mul(w1).Add(x2.Mul(w2)).Add(b).Named("n")
	o := n.Tanh().Named("o")
	o.Backward()
	if _, err := display.SVG(o); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
