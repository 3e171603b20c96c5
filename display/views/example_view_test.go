package views_test

import (
	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
	"github.com/gograd/gograd/display/views"
)

// A derivative is how much the output moves when the input is nudged:
// b = a*a moves by about 2a times the nudge. In a notebook cell, the view
// has a slider for a from 2 to 4, and shows the readouts b, a.grad and
// (b(a+h) - b(a))/h at each position; elsewhere Nudge prints them.
func ExampleNudge() {
	views.Nudge(func(x float64) (a, b *autograd.Value) {
		a = autograd.New(x).Named("a")
		b = a.Mul(a).Named("b")
		b.Backward()
		return a, b
	}, views.Slider{At: 3, From: 2, To: 4, By: 0.5})
	// Output:
	// Nudge a from 2 to 4: b, a.grad, and the estimate (b(a+h) - b(a))/h with h = 1e-06
	//     a        b  a.grad  estimate  check
	//     2   4.0000  4.0000    4.0000  agree
	//   2.5   6.2500  5.0000    5.0000  agree
	//     3   9.0000  6.0000    6.0000  agree
	//   3.5  12.2500  7.0000    7.0000  agree
	//     4  16.0000  8.0000    8.0000  agree
}

// In a notebook cell, StepByStep shows the backward pass with Prev and
// Next buttons and a slider; elsewhere it prints the captions of the
// steps, the Text of the frames of Steps.
func ExampleStepByStep() {
	a := autograd.New(3).Named("a")
	b := a.Add(a).Named("b")
	views.StepByStep(b, display.TopDown())
	// Output:
	// b.grad = 1: the derivative of b with respect to itself.
	// b = a + a: each operand's grad += local derivative × b.grad
	//   a.grad += 1.0000 × 1.0000 = 1.0000 → a.grad = 1.0000
	//   a.grad += 1.0000 × 1.0000 = 1.0000 → a.grad = 2.0000
	//
	// a is a leaf: a.grad = 2.0000 is complete.
}
