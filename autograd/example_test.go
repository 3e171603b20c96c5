package autograd_test

import (
	"fmt"
	"math"

	"github.com/gograd/gograd/autograd"
)

// The document's second example: a is used twice, and its gradient collects
// both uses.
func Example() {
	a := autograd.New(-2).Named("a")
	b := autograd.New(3).Named("b")
	d := a.Mul(b).Named("d")
	e := a.Add(b).Named("e")
	f := d.Mul(e).Named("f")
	f.Backward()
	fmt.Println(f)
	fmt.Println(a)
	fmt.Println(b)
	// Output:
	// Value(data=-6, grad=1, label="f")
	// Value(data=-2, grad=-3, label="a")
	// Value(data=3, grad=-8, label="b")
}

// A neuron with two inputs and a tanh activation.
func ExampleValue_Backward() {
	x1, x2 := autograd.New(2).Named("x1"), autograd.New(0).Named("x2")
	w1, w2 := autograd.New(-3).Named("w1"), autograd.New(1).Named("w2")
	b := autograd.New(6.8813735870195432).Named("b")
	n := x1.Mul(w1).Add(x2.Mul(w2)).Add(b).Named("n")
	o := n.Tanh().Named("o")
	o.Backward()
	fmt.Printf("o = %.4f\n", o.Data)
	for _, v := range []*autograd.Value{x1, w1, x2, w2} {
		fmt.Printf("d o/d %s = %.4f\n", v.Label, v.Grad)
	}
	// Output:
	// o = 0.7071
	// d o/d x1 = -1.5000
	// d o/d w1 = 1.0000
	// d o/d x2 = 0.5000
	// d o/d w2 = 0.0000
}

// Plain numbers go on either side of the package-level functions.
func ExampleMul() {
	a := autograd.New(2)
	fmt.Println(autograd.Mul(3, a), autograd.Add(a, 1), autograd.Div(10.0, a))
	// Output: Value(data=6, grad=0) Value(data=3, grad=0) Value(data=5, grad=0)
}

// Division is a multiplication by a power of -1, and the graph shows it.
func ExampleValue_Div() {
	a, b := autograd.New(-2), autograd.New(4)
	q := a.Div(b)
	fmt.Println(q.Data, q.Op, q.Prev[1].Op)
	// Output: -0.5 * **-1
}

func ExampleGradCheck() {
	x := autograd.New(0.5).Named("x")
	y := autograd.New(-1.5).Named("y")
	z := x.Mul(y).Exp().Add(y.Pow(2))
	for _, r := range autograd.GradCheck(z) {
		fmt.Printf("%s: backward %.6f, numeric %.6f, ok %v\n", r.Label, r.Analytic, r.Numeric, r.OK)
	}
	// Output:
	// x: backward -0.708550, numeric -0.708550, ok true
	// y: backward -2.763817, numeric -2.763817, ok true
}

func ExampleTopo() {
	a := autograd.New(3).Named("a")
	b := a.Add(a).Named("b")
	for _, v := range autograd.Topo(b) {
		fmt.Printf("%s %q\n", v.Label, v.Op)
	}
	// Output:
	// a ""
	// b "+"
}

// A training loop with its graphs in an arena: fitting w and b so that
// tanh(w*x + b) is 0.5 at x = 2. Each step resets the arena, so the step
// reuses the memory of the one before.
func ExampleArena() {
	w, b := autograd.New(0.1), autograd.New(0)
	arena := autograd.NewArena()
	for step := range 20 {
		arena.Reset()
		x := arena.New(2)
		loss := x.Mul(w).Add(b).Tanh().Sub(autograd.New(0.5)).Pow(2)
		w.Grad, b.Grad = 0, 0
		loss.Backward()
		w.Data -= 0.2 * w.Grad
		b.Data -= 0.2 * b.Grad
		if step == 0 || step == 19 {
			fmt.Printf("step %d: loss %.4f\n", step, loss.Data)
		}
	}
	fmt.Printf("tanh(2w + b) = %.4f\n", math.Tanh(2*w.Data+b.Data))
	// Output:
	// step 0: loss 0.0916
	// step 19: loss 0.0000
	// tanh(2w + b) = 0.5000
}
