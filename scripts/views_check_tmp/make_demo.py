#!/usr/bin/env python3
"""TEMPORARY (issue 15, views branch): writes the demo notebook that check_views.mjs drives.

Usage: make_demo.py OUT.ipynb. Its cells use display.Nudge and display.StepByStep with the
engine (autograd) and with a Value type declared in the notebook (lesson 01's, with the
overwrite bug), a label made of markup, and two identical views in one output cell.
"""
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

DECLARE = r'''import (
	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
)

// A Value as lesson 01 declares it, with its bug: the backward steps assign (=).
type Value struct {
	Data, Grad float64
	Label, Op  string
	Prev       []*Value
	backward   func()
}

func New(data float64) *Value { return &Value{Data: data} }

func (v *Value) Named(label string) *Value { v.Label = label; return v }

func (v *Value) Add(w *Value) *Value {
	out := &Value{Data: v.Data + w.Data, Op: "+", Prev: []*Value{v, w}}
	out.backward = func() { v.Grad = out.Grad; w.Grad = out.Grad }
	return out
}

func (v *Value) Mul(w *Value) *Value {
	out := &Value{Data: v.Data * w.Data, Op: "*", Prev: []*Value{v, w}}
	out.backward = func() { v.Grad = w.Data * out.Grad; w.Grad = v.Data * out.Grad }
	return out
}

func (v *Value) Backward() {
	var topo []*Value
	seen := map[*Value]bool{}
	var build func(n *Value)
	build = func(n *Value) {
		if !seen[n] {
			seen[n] = true
			for _, p := range n.Prev {
				build(p)
			}
			topo = append(topo, n)
		}
	}
	build(v)
	v.Grad = 1
	for i := len(topo) - 1; i >= 0; i-- {
		if topo[i].backward != nil {
			topo[i].backward()
		}
	}
}

// neuron builds the lessons' neuron in the engine with x1 = x: tanh as one operation, or from exp.
func neuron(x float64, fromExp bool) (x1, o *autograd.Value) {
	x1, x2 := autograd.New(x).Named("x1"), autograd.New(0).Named("x2")
	w1, w2 := autograd.New(-3).Named("w1"), autograd.New(1).Named("w2")
	b := autograd.New(6.8813735870195432).Named("b")
	n := x1.Mul(w1).Named("x1*w1").Add(x2.Mul(w2).Named("x2*w2")).Named("x1*w1 + x2*w2").Add(b).Named("n")
	if fromExp {
		e := autograd.Mul(2, n).Named("2n").Exp().Named("e")
		o = autograd.Sub(e, 1).Named("e - 1").Div(autograd.Add(e, 1).Named("e + 1"))
	} else {
		o = n.Tanh()
	}
	o.Named("o").Backward()
	return x1, o
}
'''

CELLS = [
    ("nudge-buggy", r'''%%
// View 0: lesson 01's engine, b = a + a: a.grad stays 1, the estimate says 2.
display.Nudge(func(x float64) (a, b *Value) {
	a = New(x).Named("a")
	b = a.Add(a).Named("b")
	b.Backward()
	return a, b
}, display.Slider{At: 3, From: 0, To: 6, Step: 0.5})'''),
    ("nudge-tanh", r'''%%
// View 1: the engine's neuron, nudging x1.
display.Nudge(func(x float64) (*autograd.Value, *autograd.Value) { return neuron(x, false) },
	display.Slider{At: 2, From: 0, To: 4, Step: 0.25}, display.TopDown())'''),
    ("nudge-exp", r'''%%
// View 2: the same neuron with tanh built from exp: the same gradients.
display.Nudge(func(x float64) (*autograd.Value, *autograd.Value) { return neuron(x, true) },
	display.Slider{At: 2, From: 0, To: 4, Step: 0.25}, display.TopDown())'''),
    ("steps-tanh", r'''%%
// View 3: the backward pass of the engine's neuron, step by step.
_, o := neuron(2, false)
display.StepByStep(o, display.TopDown())'''),
    ("steps-buggy", r'''%%
// View 4: the steps of f = (a*b)*(a+b) built with the notebook's buggy Value: replayed in the engine.
a, b := New(-2).Named("a"), New(3).Named("b")
f := a.Mul(b).Named("d").Mul(a.Add(b).Named("e")).Named("f")
f.Backward()
display.StepByStep(f)'''),
    ("hostile", r'''%%
// Views 5 and 6: labels made of markup show literally and run nothing.
a := autograd.New(3).Named("<script>alert(1)</script>")
b := a.Add(a).Named(`<img src=x onerror="alert(2)">`)
b.Backward()
display.Nudge(func(x float64) (*autograd.Value, *autograd.Value) {
	a := autograd.New(x).Named("<script>alert(1)</script>")
	b := a.Add(a).Named(`<img src=x onerror="alert(2)">`)
	b.Backward()
	return a, b
}, display.Slider{At: 3, From: 2, To: 4, Step: 1})
display.StepByStep(b)'''),
    ("twins", r'''%%
// Views 7 and 8: two identical views in one output, each with its own controls.
for range 2 {
	display.Nudge(func(x float64) (*autograd.Value, *autograd.Value) { return neuron(x, false) },
		display.Slider{At: 2, From: 1, To: 3, Step: 0.5})
}'''),
]


def main():
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Go (gonb)", "language": "go", "name": "gonb"}
    nb.metadata["gograd"] = {"expect_text": ["gograd-view"]}
    nb.cells.append(new_markdown_cell("# Views demo (temporary, issue 15)\n\nNudge and StepByStep, "
                                      "with the engine and with a notebook-declared Value."))
    nb.cells.append(new_code_cell(DECLARE))
    for name, src in CELLS:
        nb.cells.append(new_code_cell(src, metadata={"name": name}))
    nbformat.write(nb, sys.argv[1])


if __name__ == "__main__":
    main()
