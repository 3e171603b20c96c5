package display_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
)

// withOverwriteBug builds a graph with the notebook's Value while its
// backward pass assigns gradients instead of adding them.
func withOverwriteBug(build func() *Value) *Value {
	overwriteBug = true
	defer func() { overwriteBug = false }()
	return build()
}

func notebookAPlusA() *Value {
	a := leaf(3, "a")
	b := a.Add(a).named("b")
	b.Backward()
	return b
}

// TestGradRowsJudgeTheNotebook checks that CheckGrads finds the gradients
// that the notebook's backward pass got wrong, and only those.
func TestGradRowsJudgeTheNotebook(t *testing.T) {
	for _, tc := range []struct {
		name      string
		root      *Value
		wantWrong []string
	}{
		{"a+a", notebookAPlusA(), nil},
		{"a+a, overwriting", withOverwriteBug(notebookAPlusA), []string{"a"}},
		{"(a*b)*(a+b)", notebookDef(), nil},
		{"(a*b)*(a+b), overwriting", withOverwriteBug(notebookDef), []string{"a", "b"}},
		{"tanh neuron, overwriting", withOverwriteBug(notebookTanhNeuron), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := display.Dot(tc.root)
			rows, err := display.CheckGrads(tc.root)
			if err != nil {
				t.Fatal(err)
			}
			var wrong []string
			for _, r := range rows {
				if !r.OK {
					wrong = append(wrong, r.Label)
				}
			}
			if !slices.Equal(wrong, tc.wantWrong) {
				t.Errorf("wrong gradients: %q, want %q; rows:\n%+v", wrong, tc.wantWrong, rows)
			}
			var fromWrongGrads []string
			for _, n := range display.WrongGrads(tc.root) {
				fromWrongGrads = append(fromWrongGrads, n.(*Value).Label)
			}
			if !slices.Equal(fromWrongGrads, tc.wantWrong) {
				t.Errorf("WrongGrads: %q, want %q", fromWrongGrads, tc.wantWrong)
			}
			if after, _ := display.Dot(tc.root); after != before {
				t.Errorf("CheckGrads changed the graph:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// TestGradRowsAPlusA checks the rows of the lesson's example in full.
func TestGradRowsAPlusA(t *testing.T) {
	b := withOverwriteBug(notebookAPlusA)
	rows, err := display.CheckGrads(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []autograd.GradResult[any]{
		{Node: b.Prev[0], Label: "a", Data: 3, Analytic: 1, Numeric: 2, RelErr: 0.5, OK: false},
		{Node: b, Label: "b", Op: "+", Data: 6, Analytic: 1, Numeric: 1, RelErr: 0, OK: true},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %+v, want %+v", rows, want)
	}
	for i := range rows {
		got := rows[i]
		got.Numeric = math.Round(got.Numeric*1e6) / 1e6
		got.RelErr = math.Round(got.RelErr*1e6) / 1e6
		if got != want[i] {
			t.Errorf("row %d: %+v, want %+v", i, got, want[i])
		}
	}
}

// TestGradRowsEngine checks that the engine's own gradients pass.
func TestGradRowsEngine(t *testing.T) {
	for _, tc := range goldenGraphs {
		rows, err := display.CheckGrads(tc.root())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if !r.OK {
				t.Errorf("%s: %+v is not OK", tc.name, r)
			}
		}
	}
}

// TestWrongGradsHighlight checks the lesson's call: the Values that
// WrongGrads returns are painted red in the DOT text.
func TestWrongGradsHighlight(t *testing.T) {
	b := withOverwriteBug(notebookAPlusA)
	dot, err := display.Dot(b, display.Highlight(display.WrongGrads(b)...))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(dot, "\n") {
		red := strings.Contains(line, `color="#d00000"`)
		if strings.Contains(line, "v0 [") != red {
			t.Errorf("only v0, a, should be red; line %q", line)
		}
	}
}

// TestGradRowsCannotRebuild checks the errors for graphs that the engine
// cannot rebuild, and that WrongGrads then returns nil.
func TestGradRowsCannotRebuild(t *testing.T) {
	a, b := leaf(1, "a"), leaf(2, "b")
	for _, tc := range []struct {
		name string
		root *Value
		want string
	}{
		{"unknown op", &Value{Label: "c", Op: "-", Prev: []*Value{a, b}},
			`display: CheckGrads: cannot rebuild c in the engine: autograd: Apply: unknown operation "-"`},
		{"operands without op", &Value{Label: "c", Prev: []*Value{a, b}},
			"display: CheckGrads: cannot rebuild c in the engine: it has 2 operands but no Op"},
		{"op without operands", &Value{Label: "c", Op: "tanh"},
			`display: CheckGrads: cannot rebuild c in the engine: autograd: Apply("tanh"): got 0 operands, want 1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := display.CheckGrads(tc.root)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error:\n got %v\nwant %s", err, tc.want)
			}
			if w := display.WrongGrads(tc.root); w != nil {
				t.Errorf("WrongGrads = %v, want nil", w)
			}
		})
	}
}

// TestGradRowsKeepEngineGraph checks that CheckGrads leaves an engine graph
// exactly as it was, gradients included.
func TestGradRowsKeepEngineGraph(t *testing.T) {
	root := tanhFromExp()
	root.Prev[0].Grad = 42 // as a buggy backward pass might leave it
	var before []autograd.Value
	for _, v := range autograd.Topo(root) {
		before = append(before, *v)
	}
	if _, err := display.CheckGrads(root); err != nil {
		t.Fatal(err)
	}
	for i, v := range autograd.Topo(root) {
		if v.Data != before[i].Data || v.Grad != before[i].Grad {
			t.Errorf("Value %d changed from %v to %v", i, &before[i], v)
		}
	}
}
