package display_test

import (
	"bytes"
	"fmt"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
)

func ExampleDot() {
	a := autograd.New(3).Named("a")
	b := a.Add(a).Named("b")
	b.Backward()
	dot, err := display.Dot(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(dot)
	// Output:
	// digraph gograd {
	// 	rankdir=LR;
	// 	node [shape=record fontname="Courier"];
	// 	v0 [label="{ a | data 3.0000 | grad 2.0000 }"];
	// 	v1 [label="{ b | data 6.0000 | grad 1.0000 }"];
	// 	op1 [shape=ellipse label="+"];
	// 	op1 -> v1;
	// 	v0 -> op1;
	// 	v0 -> op1;
	// }
}

func ExampleSVG() {
	a := autograd.New(3).Named("a")
	b := a.Add(a).Named("b")
	svg, err := display.SVG(b, display.DataOnly())
	if err != nil {
		fmt.Println(err)
		return
	}
	// Two Values and one operation.
	fmt.Println(bytes.Count(svg, []byte(`class="node"`)), "nodes")
	// Output: 3 nodes
}

// In a notebook cell, Graph shows the picture under the cell; elsewhere it
// writes graph.svg.
func ExampleGraph() {
	x := autograd.New(0.5).Named("x")
	y := x.Mul(x).Tanh().Named("y")
	display.Graph(y, display.TopDown(), display.Digits(2), display.DataOnly())
}

// A backward pass that assigns gradients (=) instead of adding them (+=)
// gets a Value used twice wrong.
func ExampleCheckGrads() {
	a := autograd.New(3).Named("a")
	b := a.Add(a).Named("b")
	b.Grad, a.Grad = 1, 1 // what the buggy backward pass leaves
	rows, err := display.CheckGrads(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		fmt.Printf("%s: grad %g, numeric %.4f, ok %t\n", r.Label, r.Analytic, r.Numeric, r.OK)
	}
	// Output:
	// a: grad 1, numeric 2.0000, ok false
	// b: grad 1, numeric 1.0000, ok true
}

// The lesson on Values used twice: draw the graph with the wrong gradients
// in red, then the table that shows by how much.
func ExampleWrongGrads() {
	a := autograd.New(3).Named("a")
	b := a.Add(a).Named("b")
	b.Grad, a.Grad = 1, 1 // what the buggy backward pass leaves
	for _, v := range display.WrongGrads(b) {
		fmt.Println(v.(*autograd.Value).Label)
	}
	// In a notebook:
	//	display.Graph(b, display.Highlight(display.WrongGrads(b)...))
	//	display.GradTable(b)

	// Output: a
}

func ExampleBackwardFrames() {
	a := autograd.New(-2).Named("a")
	b := autograd.New(3).Named("b")
	f := a.Mul(b).Named("d").Mul(a.Add(b).Named("e")).Named("f")
	frames, err := display.BackwardFrames(f, display.Digits(1))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, fr := range frames[:3] {
		fmt.Println(fr.Text)
	}
	// Output:
	// f.grad = 1: the derivative of f with respect to itself.
	// f = d * e: each operand's grad += local derivative × f.grad
	//   d.grad += 1.0 × 1.0 = 1.0 → d.grad = 1.0
	//   e.grad += -6.0 × 1.0 = -6.0 → e.grad = -6.0
	// e = a + b: each operand's grad += local derivative × e.grad
	//   a.grad += 1.0 × -6.0 = -6.0 → a.grad = -6.0
	//   b.grad += 1.0 × -6.0 = -6.0 → b.grad = -6.0
	// d = a * b: each operand's grad += local derivative × d.grad
	//   a.grad += 3.0 × 1.0 = 3.0 → a.grad = -3.0
	//   b.grad += -2.0 × 1.0 = -2.0 → b.grad = -8.0
}
