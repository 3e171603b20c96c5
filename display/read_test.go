package display_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
)

// Types that a notebook might declare, each missing something.
type (
	noGrad struct {
		Data      float64
		Label, Op string
		Prev      []*noGrad
	}
	childrenNotPrev struct {
		Data, Grad float64
		Label, Op  string
		Children   []*childrenNotPrev
	}
	intData struct {
		Data      int
		Grad      float64
		Label, Op string
		Prev      []*intData
	}
	prevOfValues struct {
		Data, Grad float64
		Label, Op  string
		Prev       []prevOfValues
	}
	prevOfOther struct {
		Data, Grad float64
		Label, Op  string
		Prev       []*Value
	}
)

// TestBadRoots checks that every root that cannot be drawn gives an error
// naming what is wrong.
func TestBadRoots(t *testing.T) {
	var nilValue *Value
	cycle := &Value{Label: "a", Op: "+"}
	loop := &Value{Label: "b", Op: "tanh", Prev: []*Value{cycle}}
	cycle.Prev = []*Value{loop, leaf(1, "c")}
	self := &Value{Label: "s", Op: "tanh"}
	self.Prev = []*Value{self}
	other := aPlusA()
	for _, tc := range []struct {
		name string
		root any
		opts []display.Option
		want string
	}{
		{"nil", nil, nil, "display: Dot: the root is nil, want a pointer to a Value such as *autograd.Value"},
		{"nil pointer", nilValue, nil, "display: Dot: the root is a nil *display_test.Value"},
		{"struct, not pointer", Value{}, nil, "display: Dot: got a display_test.Value, want a pointer to it: pass &v"},
		{"pointer to int", new(int), nil, "display: Dot: got a *int, want a pointer to a Value struct such as *autograd.Value"},
		{"no Grad", &noGrad{}, nil, `display: Dot: type display_test.noGrad has no field "Grad" (want Grad float64)`},
		{"Children, not Prev", &childrenNotPrev{}, nil, `display: Dot: type display_test.childrenNotPrev has no field "Prev" (want Prev []*display_test.childrenNotPrev)`},
		{"int Data", &intData{}, nil, "display: Dot: field display_test.intData.Data is int, want float64"},
		{"Prev of structs", &prevOfValues{}, nil, "display: Dot: field display_test.prevOfValues.Prev is []display_test.prevOfValues, want []*display_test.prevOfValues"},
		{"Prev of another type", &prevOfOther{}, nil, "display: Dot: field display_test.prevOfOther.Prev is []*display_test.Value, want []*display_test.prevOfOther"},
		{"nil operand", &Value{Label: "x", Op: "+", Prev: []*Value{leaf(1, "a"), nil}}, nil, `display: Dot: Value "x" has a nil operand: Prev[1]`},
		{"cycle", loop, nil, `display: Dot: the graph has a cycle, a Value among its own operands: "b" uses "a" uses "b"`},
		{"own operand", self, nil, `display: Dot: the graph has a cycle, a Value among its own operands: "s" uses "s"`},
		{"over the limit", tanhNeuron(), []display.Option{display.MaxNodes(9)}, "display: Dot: the graph has more than 9 Values, the limit for drawing: raise it with the option display.MaxNodes(n) or the variable display.DefaultMaxNodes, or draw part of the graph by passing one of its inner Values as the root"},
		{"Digits", aPlusA(), []display.Option{display.Digits(-1)}, "display: Dot: Digits(-1): want 0 to 17"},
		{"MaxNodes", aPlusA(), []display.Option{display.MaxNodes(0)}, "display: Dot: MaxNodes(0): want at least 1"},
		{"Highlight nil", aPlusA(), []display.Option{display.Highlight(nil)}, "display: Dot: Highlight: node 0 is nil"},
		{"Highlight other type", aPlusA(), []display.Option{display.Highlight(leaf(1, "a"))}, "display: Dot: Highlight: node 0 is a *display_test.Value, not a *autograd.Value"},
		{"Highlight other graph", aPlusA(), []display.Option{display.Highlight(other, other.Prev[0])}, `display: Dot: Highlight: node 0 (Value(data=6, grad=1, label="b")) is not in the graph`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dot, err := display.Dot(tc.root, tc.opts...)
			if err == nil {
				t.Fatalf("no error; DOT:\n%s", dot)
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n got %s\nwant %s", err, tc.want)
			}
		})
	}
}

// TestLimitIsFast checks that a graph far over the limit is refused
// quickly: the walk stops at the limit instead of reading the whole graph.
func TestLimitIsFast(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a graph of a million Values")
	}
	v := autograd.New(0.5)
	for range 1_000_000 {
		v = v.Tanh()
	}
	for _, draw := range []struct {
		name string
		call func() error
	}{
		{"Dot", func() error { _, err := display.Dot(v); return err }},
		{"SVG", func() error { _, err := display.SVG(v); return err }},
		{"CheckGrads", func() error { _, err := display.CheckGrads(v); return err }},
		{"Steps", func() error { _, err := display.BackwardFrames(v); return err }},
	} {
		start := time.Now()
		err := draw.call()
		took := time.Since(start)
		t.Logf("%s refused a chain of a million Values in %v", draw.name, took)
		if err == nil || !strings.Contains(err.Error(), "more than 500 Values") {
			t.Errorf("%s: error %v, want one about the limit of 500 Values", draw.name, err)
		}
		if took > 100*time.Millisecond {
			t.Errorf("%s took %v to refuse a chain of a million Values, want under 100 ms", draw.name, took)
		}
	}
}

// TestOrderIsTopo checks that Values are numbered in the order of
// autograd.Topo, for the engine's graphs.
func TestOrderIsTopo(t *testing.T) {
	root := tanhFromExp()
	rows, err := display.CheckGrads(root)
	if err != nil {
		t.Fatal(err)
	}
	topo := autograd.Topo(root)
	if len(rows) != len(topo) {
		t.Fatalf("%d rows for %d Values", len(rows), len(topo))
	}
	for i, r := range rows {
		if r.Node != any(topo[i]) {
			t.Errorf("row %d is %v, Topo has %v", i, r.Node, topo[i])
		}
	}
}
