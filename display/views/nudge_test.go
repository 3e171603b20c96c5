package views

import (
	"fmt"
	"html"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gograd/gograd/display"
	"github.com/gograd/gograd/internal/gonb/gonbtest"
	"github.com/gograd/gograd/internal/graph"

	"github.com/gograd/gograd/autograd"
)

// lessonValue is a Value type as lessons 01-07 declare it in the notebook,
// with backward closures; lessonEngine makes its Values, and with
// overwrite set its closures assign gradients (=) instead of adding them
// (+=): lesson 01's bug.
type lessonValue struct {
	Data, Grad float64
	Label, Op  string
	Prev       []*lessonValue
	backward   func()
}

type lessonEngine struct{ overwrite bool }

func (e lessonEngine) pass(to *lessonValue, g float64) {
	if e.overwrite {
		to.Grad = g
	} else {
		to.Grad += g
	}
}

func (e lessonEngine) add(v, w *lessonValue, label string) *lessonValue {
	out := &lessonValue{Data: v.Data + w.Data, Label: label, Op: "+", Prev: []*lessonValue{v, w}}
	out.backward = func() { e.pass(v, out.Grad); e.pass(w, out.Grad) }
	return out
}

func (e lessonEngine) mul(v, w *lessonValue, label string) *lessonValue {
	out := &lessonValue{Data: v.Data * w.Data, Label: label, Op: "*", Prev: []*lessonValue{v, w}}
	out.backward = func() { e.pass(v, w.Data*out.Grad); e.pass(w, v.Data*out.Grad) }
	return out
}

// backwardPass runs the backward closures from v back to the inputs, in
// the reverse of the order in which readGraph lists the Values.
func (v *lessonValue) backwardPass() {
	g, err := graph.Read(v, 1000)
	if err != nil {
		panic(err)
	}
	v.Grad = 1
	for _, n := range slices.Backward(g.Nodes) {
		if back := n.Ptr.(*lessonValue).backward; back != nil {
			back()
		}
	}
}

// lessonAPlusA builds b = a + a at a = x with the lesson's engine.
func lessonAPlusA(e lessonEngine) func(x float64) (*lessonValue, *lessonValue) {
	return func(x float64) (*lessonValue, *lessonValue) {
		a := &lessonValue{Data: x, Label: "a"}
		b := e.add(a, a, "b")
		b.backwardPass()
		return a, b
	}
}

// lessonDEF builds f = (a*b) * (a+b) at a = x, b = 3, with the lesson's engine.
func lessonDEF(e lessonEngine) func(x float64) (*lessonValue, *lessonValue) {
	return func(x float64) (*lessonValue, *lessonValue) {
		a, b := &lessonValue{Data: x, Label: "a"}, &lessonValue{Data: 3, Label: "b"}
		f := e.mul(e.mul(a, b, "d"), e.add(a, b, "e"), "f")
		f.backwardPass()
		return a, f
	}
}

// neuronAt builds the lessons' neuron with x1 = x in the engine, with tanh
// as one operation or built from exp, and returns x1 and o.
func neuronAt(fromExp bool) func(x float64) (*autograd.Value, *autograd.Value) {
	return func(x float64) (*autograd.Value, *autograd.Value) {
		x1, x2 := autograd.New(x).Named("x1"), autograd.New(0).Named("x2")
		w1, w2 := autograd.New(-3).Named("w1"), autograd.New(1).Named("w2")
		b := autograd.New(6.8813735870195432).Named("b")
		n := x1.Mul(w1).Named("x1*w1").Add(x2.Mul(w2).Named("x2*w2")).Named("x1*w1 + x2*w2").Add(b).Named("n")
		var o *autograd.Value
		if fromExp {
			e := autograd.Mul(2, n).Named("2n").Exp().Named("e")
			o = autograd.Sub(e, 1).Named("e - 1").Div(autograd.Add(e, 1).Named("e + 1"))
		} else {
			o = n.Tanh()
		}
		o.Named("o").Backward()
		return x1, o
	}
}

// neuronByHand is the neuron's output and d(o)/d(x1) at x1 = x, by hand:
// o = tanh(-3x + b) and do/dx1 = -3 (1 - o²).
func neuronByHand(x float64) (out, grad float64) {
	o := math.Tanh(-3*x + 6.8813735870195432)
	return o, -3 * (1 - o*o)
}

// nudgeCase is a Nudge view, the engine that builds its graph, and what
// its readouts must be.
type nudgeCase struct {
	name   string
	build  func(x float64) (input, root any)
	slider Slider
	opts   []display.Option
	xs     []float64                           // the positions
	byHand func(x float64) (out, grad float64) // the output and the input's grad
	agree  bool                                // whether grad and estimate agree
}

func builder[V any](build func(x float64) (*V, *V)) func(float64) (any, any) {
	return func(x float64) (any, any) { in, root := build(x); return in, root }
}

var nudgeCases = []nudgeCase{
	{
		name: "neuron, tanh", build: builder(neuronAt(false)),
		slider: Slider{At: 2, From: 1, To: 3, By: 0.25}, opts: []display.Option{display.TopDown()},
		xs:     []float64{1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3},
		byHand: neuronByHand, agree: true,
	},
	{
		name: "neuron, tanh, compact", build: builder(neuronAt(false)),
		slider: Slider{At: 2, From: 1.5, To: 2.5, By: 0.5}, opts: []display.Option{display.Compact()},
		xs:     []float64{1.5, 2, 2.5},
		byHand: neuronByHand, agree: true,
	},
	{
		name: "neuron, tanh from exp", build: builder(neuronAt(true)),
		slider: Slider{At: 2, From: 1.9, To: 2.2, By: 0.1}, opts: []display.Option{display.Digits(6)},
		xs:     []float64{1.9, 2, 2.1, 2.2},
		byHand: neuronByHand, agree: true,
	},
	{
		name: "lesson 01: a + a, gradients overwritten", build: builder(lessonAPlusA(lessonEngine{overwrite: true})),
		slider: Slider{At: 3, From: 0, To: 6, By: 1.5},
		xs:     []float64{0, 1.5, 3, 4.5, 6},
		byHand: func(x float64) (float64, float64) { return 2 * x, 1 }, agree: false,
	},
	{
		name: "lesson 02: a + a, gradients added", build: builder(lessonAPlusA(lessonEngine{})),
		slider: Slider{At: 3, From: 0, To: 6, By: 1.5},
		xs:     []float64{0, 1.5, 3, 4.5, 6},
		byHand: func(x float64) (float64, float64) { return 2 * x, 2 }, agree: true,
	},
	{
		// f = (a*b)(a+b) = 3a² + 9a with b = 3, so df/da = 6a + 9; the bug
		// keeps only the path through d = a*b, the last closure to run:
		// a.Grad = b · f.grad·... = 3e = 3(a + 3).
		name: "lesson 01: (a*b)*(a+b), gradients overwritten", build: builder(lessonDEF(lessonEngine{overwrite: true})),
		slider: Slider{At: -2, From: -2.5, To: -1.5, By: 0.5}, opts: []display.Option{display.DataOnly()},
		xs:     []float64{-2.5, -2, -1.5},
		byHand: func(x float64) (float64, float64) { return 3*x*x + 9*x, 3 * (x + 3) }, agree: false,
	},
}

// TestNudgeNumbers checks that the numbers behind every position of the
// slider, in the picture and in the readouts, are the engine's for that
// input: built again at that x, and by hand.
func TestNudgeNumbers(t *testing.T) {
	for _, tc := range nudgeCases {
		t.Run(tc.name, func(t *testing.T) {
			sent := fakeViews(t)
			v, err := nudgeView(tc.build, tc.slider, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := v.show(); err != nil {
				t.Fatal(err)
			}
			if len(*sent) != 1 {
				t.Fatalf("%d views sent", len(*sent))
			}
			view := (*sent)[0]
			var r nudge
			view.extra(t, &r)
			in0, root0 := tc.build(tc.slider.At)
			d, err := graph.Prepare(root0, display.DefaultMaxNodes, append(tc.opts, display.Highlight(in0)))
			if err != nil {
				t.Fatal(err)
			}
			num := func(x float64) string { return graph.Number(x, d.Digits) }
			if view.data.Kind != "nudge" || view.data.States != len(tc.xs) || len(r.X) != len(tc.xs) {
				t.Fatalf("kind %q, %d states, %d positions; want nudge and %d", view.data.Kind, view.data.States, len(r.X), len(tc.xs))
			}
			if want := slices.Index(tc.xs, tc.slider.At); view.data.Start != want {
				t.Errorf("starts at position %d, want %d (x = %g)", view.data.Start, want, tc.slider.At)
			}
			if r.H != "1e-06" {
				t.Errorf("h = %s, want 1e-06", r.H)
			}
			for k, x := range tc.xs {
				if r.X[k] != strconv.FormatFloat(x, 'g', -1, 64) {
					t.Errorf("position %d is x = %s, want %g", k, r.X[k], x)
				}
				// The engine again, at x and at x+h.
				in, root := tc.build(x)
				g, err := graph.Read(root, 1000)
				if err != nil {
					t.Fatal(err)
				}
				_, nudged := tc.build(x + 1e-6)
				gh, _ := graph.Read(nudged, 1000)
				input, _ := g.Find(in)
				out, grad := g.Nodes[len(g.Nodes)-1].Data, g.Nodes[input].Grad
				slope := (gh.Nodes[len(gh.Nodes)-1].Data - out) / 1e-6
				if r.Out[k] != num(out) || r.Grad[k] != num(grad) || r.Slope[k] != num(slope) || r.Agree[k] != tc.agree {
					t.Errorf("x = %g: readouts %s, %s, %s, agree %t; the engine gives %s, %s, %s, want agree %t",
						x, r.Out[k], r.Grad[k], r.Slope[k], r.Agree[k], num(out), num(grad), num(slope), tc.agree)
				}
				wantOut, wantGrad := tc.byHand(x)
				if math.Abs(out-wantOut) > 1e-9 || math.Abs(grad-wantGrad) > 1e-9 {
					t.Errorf("x = %g: the engine gives %g and grad %g, by hand %g and %g", x, out, grad, wantOut, wantGrad)
				}
				// Every Value's texts in the picture.
				texts := view.textsAt(t, k)
				for i, n := range g.Nodes {
					p := d.Prefixes()
					want := []string{p[0] + num(n.Data), p[1] + num(n.Grad)}
					if d.Cfg.DataOnly {
						want = want[:1]
					}
					got := texts["v"+strconv.Itoa(i)]
					if len(got) < len(want) || !slices.Equal(got[len(got)-len(want):], want) {
						t.Errorf("x = %g: v%d (%s) shows %q, want %q at the end", x, i, n.Label, got, want)
					}
				}
			}
			// The input is highlighted, the same in every position.
			in, root := tc.build(tc.slider.At)
			g, _ := graph.Read(root, 1000)
			input, _ := g.Find(in)
			want := map[string]string{"v" + strconv.Itoa(input): "gograd-current"}
			if classes := view.classesAt(t, view.data.Start); !maps.Equal(classes, want) || view.data.Marks != nil {
				t.Errorf("classes %v, marks per position %v; want %v in the picture", classes, view.data.Marks, want)
			}
		})
	}
}

func TestSliderPositions(t *testing.T) {
	for _, tc := range []struct {
		s     Slider
		xs    []float64
		start int
		h     float64
	}{
		{Slider{At: 3, From: 0, To: 6, By: 1.5}, []float64{0, 1.5, 3, 4.5, 6}, 2, 1e-6},
		// At need not be on a grid from From: positions are counted from At.
		{Slider{At: 1, From: 0, To: 2.5, By: 0.75}, []float64{0.25, 1, 1.75, 2.5}, 1, 1e-6},
		{Slider{At: 0.3, From: 0, To: 0.5, By: 0.1, H: 1e-3}, []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5}, 3, 1e-3},
		{Slider{At: 5, From: 5, To: 6, By: 0.5}, []float64{5, 5.5, 6}, 0, 1e-6},
	} {
		xs, start, h, err := tc.s.positions()
		if err != nil || !slices.Equal(xs, tc.xs) || start != tc.start || h != tc.h {
			t.Errorf("%+v: %v, start %d, h %g, %v; want %v, %d, %g", tc.s, xs, start, h, err, tc.xs, tc.start, tc.h)
		}
	}
	// The defaults: At ± 2 in 40 steps, and no rounding errors shown.
	xs, start, _, err := Slider{At: 0.7}.positions()
	if err != nil || len(xs) != 41 || start != 20 || xs[0] != -1.3 || xs[21] != 0.8 || xs[40] != 2.7 {
		t.Errorf("Slider{At: 0.7}: %v, start %d, %v; want -1.3, -1.2, …, 2.7, start 20", xs, start, err)
	}
}

// TestNudgeErrors checks that every build or slider that cannot make a
// view gives an error naming what is wrong, shown in the notebook.
func TestNudgeErrors(t *testing.T) {
	leaf := func(x float64) (*autograd.Value, *autograd.Value) {
		a := autograd.New(x).Named("a")
		return a, a.Tanh().Named("y")
	}
	stranger := autograd.New(3).Named("stranger")
	for _, tc := range []struct {
		name   string
		build  func(float64) (*autograd.Value, *autograd.Value)
		slider Slider
		want   string
	}{
		{"At outside", leaf, Slider{At: 5, From: 0, To: 1}, "views: Nudge: Slider.At is 5, outside From = 0 to To = 1"},
		{"empty range", leaf, Slider{At: 2, From: 2, To: 2}, "views: Nudge: Slider goes from 2 to 2, want From < To"},
		{"negative step", leaf, Slider{At: 1, By: -1}, "views: Nudge: Slider.By is -1, want more than 0"},
		{"negative h", leaf, Slider{At: 1, H: -1}, "views: Nudge: Slider.H is -1, want more than 0"},
		{"NaN", leaf, Slider{At: math.NaN()}, "views: Nudge: Slider.At is NaN, want a finite number"},
		{"too many positions", leaf, Slider{At: 1, By: 1e-6},
			"views: Nudge: Slider from -1 to 3 by 1e-06 has 4000001 positions, more than a view of display.MaxViewSize = 200000 bytes holds: use a larger By or a narrower range"},
		{"nil input", func(x float64) (*autograd.Value, *autograd.Value) { _, y := leaf(x); return nil, y }, Slider{At: 3},
			"views: Nudge: build(3) returned a nil input"},
		{"nil root", func(x float64) (*autograd.Value, *autograd.Value) { a, _ := leaf(x); return a, nil }, Slider{At: 3},
			"views: Nudge: the graph of build(3): the root is a nil *autograd.Value"},
		{"input not in the graph", func(x float64) (*autograd.Value, *autograd.Value) { _, y := leaf(x); return stranger, y }, Slider{At: 3},
			`views: Nudge: the input that build(3) returned (Value(data=3, grad=0, label="stranger")) is not in the graph`},
		{"input not x", func(x float64) (*autograd.Value, *autograd.Value) { return leaf(2 * x) }, Slider{At: 3},
			"views: Nudge: build(3) returned an input whose Data is 6, want 3: make the input from x, as in New(x)"},
		{"panic", func(x float64) (*autograd.Value, *autograd.Value) {
			if x > 3.5 {
				panic("boom")
			}
			return leaf(x)
		}, Slider{At: 3, From: 2, To: 4, By: 1}, "views: Nudge: build(4) panicked: boom"},
		{"another operation", func(x float64) (*autograd.Value, *autograd.Value) {
			a := autograd.New(x).Named("a")
			if x > 3 {
				return a, a.Tanh().Named("y")
			}
			return a, a.ReLU().Named("y")
		}, Slider{At: 3, From: 2, To: 4, By: 0.5},
			`views: Nudge: build(3.5) made v1 "y" = tanh(a), build(3) made it "y" = ReLU(a): every position of the slider must give a graph of the same shape`},
		{"another size", func(x float64) (*autograd.Value, *autograd.Value) {
			a := autograd.New(x).Named("a")
			if x < 3 {
				return a, a.Tanh().Tanh()
			}
			return a, a.Tanh()
		}, Slider{At: 3, From: 2, To: 4, By: 0.5},
			"views: Nudge: build(2) made a graph of 3 Values, build(3) one of 2: every position of the slider must give a graph of the same shape"},
		{"another input", func(x float64) (*autograd.Value, *autograd.Value) {
			a, b := autograd.New(x).Named("a"), autograd.New(x).Named("b")
			y := a.Mul(b)
			if x > 3.5 {
				return b, y
			}
			return a, y
		}, Slider{At: 3, From: 2, To: 4, By: 1},
			`views: Nudge: build(4) returned as its input b (v1), where the starting position's was a (v0): the input must be the same Value at every position`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nb := gonbtest.FakeNotebook(t)
			err := Nudge(tc.build, tc.slider)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error:\n got %v\nwant %s", err, tc.want)
			}
			if len(nb.Shown()) != 1 || !strings.Contains(nb.Shown()[0], html.EscapeString(tc.want)) {
				t.Errorf("displayed %q, want the error", nb.Shown())
			}
		})
	}
}

// TestNudgeRefusesFast checks that a slider of too many positions is
// refused before build is called, and a graph too big for the view before
// any position beyond the first is built.
func TestNudgeRefusesFast(t *testing.T) {
	calls := 0
	chain := func(n int) func(float64) (*autograd.Value, *autograd.Value) {
		return func(x float64) (*autograd.Value, *autograd.Value) {
			calls++
			a := autograd.New(x)
			y := a
			for range n {
				y = y.Tanh()
			}
			return a, y
		}
	}
	gonbtest.FakeNotebook(t)
	start := time.Now()
	err := Nudge(chain(1), Slider{At: 0, By: 1e-12})
	if took := time.Since(start); err == nil || calls != 0 || took > 100*time.Millisecond {
		t.Errorf("a slider of 4e12 positions: error %v after %d calls of build and %v; want an error before any call, under 100 ms", err, calls, took)
	}
	err = Nudge(chain(200), Slider{At: 0})
	want := fmt.Sprintf("views: Nudge: the view would take at least %d bytes, over the limit of display.MaxViewSize = 200000: %s",
		leastSize(201)+41*bytesPerPosition, nudgeHint)
	if err == nil || err.Error() != want || calls != 1 {
		t.Errorf("a graph of 201 Values: error %v after %d calls of build; want %s after 1", err, calls, want)
	}
}

// TestNudgeSizeLimit checks that the view's exact size is held to the
// limit: a view that fits, with the limit lowered below its size.
func TestNudgeSizeLimit(t *testing.T) {
	sent := fakeViews(t)
	build, slider := neuronAt(true), Slider{At: 2}
	if err := Nudge(build, slider); err != nil {
		t.Fatal(err)
	}
	size := len((*sent)[0].html) + len((*sent)[0].text)
	t.Logf("the view of the neuron built from exp, %d positions: %d bytes", len((*sent)[0].data.Fields[0].Changes)/2, size)
	gonbtest.Swap(t, &display.MaxViewSize, size-1)
	nb := gonbtest.FakeNotebook(t)
	err := Nudge(build, slider)
	want := fmt.Sprintf("views: Nudge: the view would take %d bytes, over the limit of display.MaxViewSize = %d: %s", size, size-1, nudgeHint)
	if err == nil || err.Error() != want || len(nb.Shown()) != 1 {
		t.Errorf("error %v, displayed %d; want %s, displayed", err, len(nb.Shown()), want)
	}
}

// TestNudgeHostileLabels checks that labels made of markup show literally
// and add nothing to the page.
func TestNudgeHostileLabels(t *testing.T) {
	sent := fakeViews(t)
	script, img := "<script>alert(1)</script>", `<img src=x onerror="alert(2)">`
	err := Nudge(func(x float64) (*autograd.Value, *autograd.Value) {
		a := autograd.New(x).Named(script)
		b := a.Add(a).Named(img)
		b.Backward()
		return a, b
	}, Slider{At: 1, From: 0, To: 2, By: 1})
	if err != nil {
		t.Fatal(err)
	}
	v := (*sent)[0] // readView checked that the HTML has no other elements
	var r nudge
	v.extra(t, &r)
	if r.Input != script || r.Output != img {
		t.Errorf("readouts name %q and %q, want the labels", r.Input, r.Output)
	}
	texts := v.textsAt(t, 2)
	if texts["v0"][0] != script || texts["v1"][0] != img {
		t.Errorf("the picture shows %q and %q, want the labels", texts["v0"][0], texts["v1"][0])
	}
	if !strings.Contains(v.text, script+".grad") {
		t.Errorf("the plain text does not name %s:\n%s", script, v.text)
	}
	if strings.Count(v.html, "<script") != 2 || strings.Count(v.html, "</script") != 2 || strings.Contains(v.html, "<img src=x") {
		t.Errorf("the HTML has markup from the labels:\n%s", v.html)
	}
}

// TestNudgeIsDeterministic checks that the same view is the same output
// on every run, so that a notebook's saved outputs do not change, and that
// different views have different keys.
func TestNudgeIsDeterministic(t *testing.T) {
	sent := fakeViews(t)
	for _, at := range []float64{2, 2, 2.5} {
		if err := Nudge(neuronAt(false), Slider{At: at}); err != nil {
			t.Fatal(err)
		}
	}
	v := *sent
	if v[0].html != v[1].html || v[0].key == v[2].key {
		t.Errorf("keys %s, %s, %s: want the first two views the same, the third different", v[0].key, v[1].key, v[2].key)
	}
}

func TestNudgeOutsideNotebook(t *testing.T) {
	out, _ := gonbtest.FakeTerminal(t)
	if err := Nudge(lessonAPlusA(lessonEngine{overwrite: true}), Slider{At: 1, From: 0, To: 2, By: 1}); err != nil {
		t.Fatal(err)
	}
	want := "Nudge a from 0 to 2: b, a.grad, and the estimate (b(a+h) - b(a))/h with h = 1e-06\n" +
		"  a       b  a.grad  estimate   check\n" +
		"  0  0.0000  1.0000    2.0000  DIFFER\n" +
		"  1  2.0000  1.0000    2.0000  DIFFER\n" +
		"  2  4.0000  1.0000    2.0000  DIFFER\n"
	if out() != want {
		t.Errorf("printed\n%s\nwant\n%s", out(), want)
	}
}
