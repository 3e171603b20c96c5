package display_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The graphs with a golden DOT file in testdata/.
var goldenGraphs = []struct {
	name string
	root func() *autograd.Value
	opts []display.Option
}{
	{"tanh-neuron", tanhNeuron, nil},
	{"a-plus-a", aPlusA, nil},
	{"def", defGraph, nil},
	{"tanh-from-exp", tanhFromExp, nil},
	{"def-topdown-2digits", defGraph, []display.Option{display.TopDown(), display.Digits(2)}},
	{"a-plus-a-dataonly", aPlusA, []display.Option{display.DataOnly()}},
	// Parameters used at every step, drawn again where they are used.
	{"recurrent", func() *autograd.Value { return recurrent(4, "w") }, nil},
	{"recurrent-compact", func() *autograd.Value { return recurrent(4, "w") }, []display.Option{display.Compact()}},
	{"recurrent-hostile-label", func() *autograd.Value { return recurrent(3, "w<1>|{\"&\"} \\n") }, nil},
}

// TestDotGolden compares the DOT text of the lessons' graphs with
// testdata/NAME.dot; go test -run TestDotGolden -update rewrites them.
func TestDotGolden(t *testing.T) {
	for _, tc := range goldenGraphs {
		t.Run(tc.name, func(t *testing.T) {
			got, err := display.Dot(tc.root(), tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := display.Dot(tc.root(), tc.opts...)
			if again != got {
				t.Fatalf("two builds of the same graph give different DOT:\n%s\n%s", got, again)
			}
			path := filepath.Join("testdata", tc.name+".dot")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("Dot differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", path, got, want)
			}
		})
	}
}

// TestNotebookTypeSameDot checks that a notebook's own Value type draws
// exactly like *autograd.Value for the same graph.
func TestNotebookTypeSameDot(t *testing.T) {
	for _, tc := range []struct {
		name     string
		notebook any
		engine   *autograd.Value
	}{
		{"tanh-neuron", notebookTanhNeuron(), tanhNeuron()},
		{"def", notebookDef(), defGraph()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := display.Dot(tc.notebook)
			if err != nil {
				t.Fatal(err)
			}
			want, err := display.Dot(tc.engine)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("notebook type:\n%s\nautograd.Value:\n%s", got, want)
			}
		})
	}
}
