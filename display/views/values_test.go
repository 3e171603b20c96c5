package views

import "github.com/gograd/gograd/autograd"

// Value is a notebook's Value type.
type Value struct {
	Data, Grad float64
	Label, Op  string
	Prev       []*Value
}

// scriptAPlusA is b = a + a where a's label is markup.
func scriptAPlusA() *autograd.Value {
	a := autograd.New(3).Named("<script>alert(1)</script>")
	b := a.Add(a).Named("b")
	b.Backward()
	return b
}
