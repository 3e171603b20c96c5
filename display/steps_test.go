package display_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
)

// TestStepsText checks the frames of the lesson's graphs: one per Value,
// root first, and what each step adds.
func TestStepsText(t *testing.T) {
	for _, tc := range []struct {
		name string
		root any
		want []string
	}{
		{"a+a", aPlusA(), []string{
			"b.grad = 1: the derivative of b with respect to itself.\n" +
				"b = a + a: each operand's grad += local derivative × b.grad\n" +
				"  a.grad += 1.0000 × 1.0000 = 1.0000 → a.grad = 1.0000\n" +
				"  a.grad += 1.0000 × 1.0000 = 1.0000 → a.grad = 2.0000",
			"a is a leaf: a.grad = 2.0000 is complete.",
		}},
		// The notebook's buggy gradients are not used: the replay starts
		// from zero in the engine.
		{"a+a, notebook type overwriting", withOverwriteBug(notebookAPlusA), []string{
			"b.grad = 1: the derivative of b with respect to itself.\n" +
				"b = a + a: each operand's grad += local derivative × b.grad\n" +
				"  a.grad += 1.0000 × 1.0000 = 1.0000 → a.grad = 1.0000\n" +
				"  a.grad += 1.0000 × 1.0000 = 1.0000 → a.grad = 2.0000",
			"a is a leaf: a.grad = 2.0000 is complete.",
		}},
		{"(a*b)*(a+b)", defGraph(), []string{
			"f.grad = 1: the derivative of f with respect to itself.\n" +
				"f = d * e: each operand's grad += local derivative × f.grad\n" +
				"  d.grad += 1.0000 × 1.0000 = 1.0000 → d.grad = 1.0000\n" +
				"  e.grad += -6.0000 × 1.0000 = -6.0000 → e.grad = -6.0000",
			"e = a + b: each operand's grad += local derivative × e.grad\n" +
				"  a.grad += 1.0000 × -6.0000 = -6.0000 → a.grad = -6.0000\n" +
				"  b.grad += 1.0000 × -6.0000 = -6.0000 → b.grad = -6.0000",
			"d = a * b: each operand's grad += local derivative × d.grad\n" +
				"  a.grad += 3.0000 × 1.0000 = 3.0000 → a.grad = -3.0000\n" +
				"  b.grad += -2.0000 × 1.0000 = -2.0000 → b.grad = -8.0000",
			"b is a leaf: b.grad = -8.0000 is complete.",
			"a is a leaf: a.grad = -3.0000 is complete.",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			frames, err := display.BackwardFrames(tc.root)
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, f := range frames {
				texts = append(texts, f.Text)
			}
			if !slices.Equal(texts, tc.want) {
				t.Errorf("texts:\n%s\nwant:\n%s", strings.Join(texts, "\n--\n"), strings.Join(tc.want, "\n--\n"))
			}
		})
	}
}

// TestStepsFrames checks the frames' nodes and pictures for the tanh
// neuron written with exp: reverse topological order, the current Value
// highlighted, and in the last picture the gradients of Backward.
func TestStepsFrames(t *testing.T) {
	root := tanhFromExp()
	frames, err := display.BackwardFrames(root)
	if err != nil {
		t.Fatal(err)
	}
	topo := autograd.Topo(root)
	if len(frames) != len(topo) {
		t.Fatalf("%d frames for %d Values", len(frames), len(topo))
	}
	for i, f := range frames {
		at := len(topo) - 1 - i
		if f.Node != any(topo[at]) {
			t.Errorf("frame %d is for %v, want %v", i, f.Node, topo[at])
		}
		// The current Value and its operation are filled yellow.
		var yellow, want []string
		for _, n := range parseSVG(t, f.SVG) {
			if len(n.Polygons) > 0 && n.Polygons[0].Fill == "#fff0b3" || len(n.Ellipses) > 0 && n.Ellipses[0].Fill == "#fff0b3" {
				yellow = append(yellow, n.Title)
			}
		}
		want = append(want, "v"+strconv.Itoa(at))
		if topo[at].Op != "" {
			want = append(want, "op"+strconv.Itoa(at))
		}
		slices.Sort(yellow)
		slices.Sort(want)
		if !slices.Equal(yellow, want) {
			t.Errorf("frame %d: %q filled yellow, want %q", i, yellow, want)
		}
	}
	var shown []string
	for _, n := range parseSVG(t, frames[len(frames)-1].SVG) {
		shown = append(shown, strings.Join(textsOf(n), " | "))
	}
	for _, v := range topo {
		if v.Label == "" {
			continue
		}
		want := v.Label + " | data " + strconv.FormatFloat(v.Data, 'f', 4, 64) + " | grad " + strconv.FormatFloat(v.Grad, 'f', 4, 64)
		if !slices.Contains(shown, want) {
			t.Errorf("the last frame does not show %q; it shows %q", want, shown)
		}
	}
}

// TestGradNames checks that a gradient's name reads as one thing when the
// Value's name is an expression.
func TestGradNames(t *testing.T) {
	for label, want := range map[string]string{
		"n":             "n.grad",
		"x_1":           "x_1.grad",
		"x1*w1 + x2*w2": "(x1*w1 + x2*w2).grad",
		"e - 1":         "(e - 1).grad",
		"":              "v0.grad",
	} {
		a := autograd.New(1).Named(label)
		frames, err := display.BackwardFrames(a)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(frames[0].Text, want+" = 1:") {
			t.Errorf("label %q: %q, want it to name %s", label, frames[0].Text, want)
		}
	}
}
