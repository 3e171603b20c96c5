package views

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gograd/gograd/display"
	"github.com/gograd/gograd/internal/gonb/gonbtest"
	"github.com/gograd/gograd/internal/graph"
	"github.com/gograd/gograd/internal/page/pagetest"

	"github.com/gograd/gograd/autograd"
)

// engineNeuron is the lessons' neuron in the engine, after Backward.
func engineNeuron() *autograd.Value {
	_, o := neuronAt(false)(2)
	return o
}

// TestStepByStepFrames checks that every step of the view shows what the
// frame of Steps shows: the same texts in every node, the same caption,
// and the marks of the step.
func TestStepByStepFrames(t *testing.T) {
	def := func() (a *autograd.Value, f *autograd.Value) {
		a, b := autograd.New(-2).Named("a"), autograd.New(3).Named("b")
		f = a.Mul(b).Named("d").Mul(a.Add(b).Named("e")).Named("f")
		f.Backward()
		return a, f
	}
	a, f := def()
	_, buggy := lessonDEF(lessonEngine{overwrite: true})(-2)
	for _, tc := range []struct {
		name string
		root any
		opts []display.Option
	}{
		{"neuron, top down", engineNeuron(), []display.Option{display.TopDown()}},
		{"neuron, compact", engineNeuron(), []display.Option{display.Compact()}},
		{"a + a, label of markup", scriptAPlusA(), nil},
		{"(a*b)*(a+b), a highlighted, data only", f, []display.Option{display.Highlight(a), display.DataOnly(), display.Digits(2)}},
		{"(a*b)*(a+b), notebook type, gradients overwritten", buggy, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sent := fakeViews(t)
			frames, err := display.BackwardFrames(tc.root, tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if err := StepByStep(tc.root, tc.opts...); err != nil {
				t.Fatal(err)
			}
			v := (*sent)[0]
			var steps steps
			v.extra(t, &steps)
			if v.data.Kind != "steps" || v.data.States != len(frames) || v.data.Start != 0 || len(steps.Captions) != len(frames) {
				t.Fatalf("kind %q, %d states from %d, %d captions; want steps, %d from 0", v.data.Kind, v.data.States, v.data.Start, len(steps.Captions), len(frames))
			}
			d, err := graph.Prepare(tc.root, display.DefaultMaxNodes, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			for k, frame := range frames {
				if steps.Captions[k] != frame.Text {
					t.Errorf("step %d: caption %q, want %q", k, steps.Captions[k], frame.Text)
				}
				got, want := v.textsAt(t, k), pagetest.TextsByTitle(t, frame.SVG)
				if !maps.EqualFunc(got, want, slices.Equal) {
					t.Errorf("step %d shows\n%q\nthe frame shows\n%q", k, got, want)
				}
				// The marks of the step: the Value whose step it is and its
				// operation, the operands receiving gradient, and the
				// highlighted Values, which stay red unless their step is shown.
				i, _ := d.Find(frame.Node)
				marks := map[string]string{}
				for _, h := range d.Cfg.Highlight {
					j, _ := d.Find(h)
					marks["v"+strconv.Itoa(j)] = "gograd-wrong"
				}
				for _, p := range d.Nodes[i].Prev {
					if marks["v"+strconv.Itoa(p)] == "" {
						marks["v"+strconv.Itoa(p)] = "gograd-receiving"
					}
				}
				marks["v"+strconv.Itoa(i)] = "gograd-current"
				if d.Nodes[i].Op != "" && !d.Compact { // a compact picture has no ovals
					marks["op"+strconv.Itoa(i)] = "gograd-current"
				}
				if got := v.classesAt(t, k); !maps.Equal(got, marks) {
					t.Errorf("step %d marks %v, want %v", k, got, marks)
				}
			}
			// The still image shows the first step, marks included.
			first := v.classesAt(t, 0)
			for title, class := range first {
				if !strings.Contains(dashes(string(v.still)), `class="node `+class+`">`+"\n<title>"+title+"</title>") {
					t.Errorf("the still image does not mark %s %s", title, class)
				}
			}
		})
	}
}

func TestStepByStepOutsideNotebook(t *testing.T) {
	out, _ := gonbtest.FakeTerminal(t)
	frames, err := display.BackwardFrames(engineNeuron())
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	for _, f := range frames {
		want += f.Text + "\n\n"
	}
	if err := StepByStep(engineNeuron()); err != nil {
		t.Fatal(err)
	}
	if out() != want || !strings.Contains(want, "x1.grad += -3.0000 × 0.5000 = -1.5000") {
		t.Errorf("printed\n%s\nwant the texts of the frames of Steps:\n%s", out(), want)
	}
}

// TestStepByStepSizeLimit checks that a graph whose view cannot fit is
// refused before its steps are drawn, and that the exact size of the view
// is held to the limit.
func TestStepByStepSizeLimit(t *testing.T) {
	sent := fakeViews(t)
	if err := StepByStep(engineNeuron()); err != nil {
		t.Fatal(err)
	}
	size := len((*sent)[0].html) + len((*sent)[0].text)
	t.Logf("the view of the neuron's 10 steps: %d bytes", size)
	for _, tc := range []struct {
		limit int
		want  string
	}{
		{size - 1, fmt.Sprintf("views: StepByStep: the view would take %d bytes, over the limit of display.MaxViewSize = %d: %s", size, size-1, stepsHint)},
		{leastSize(10) - 1, fmt.Sprintf("views: StepByStep: the view would take at least %d bytes, over the limit of display.MaxViewSize = %d: %s", leastSize(10), leastSize(10)-1, stepsHint)},
	} {
		gonbtest.Swap(t, &display.MaxViewSize, tc.limit)
		nb := gonbtest.FakeNotebook(t)
		if err := StepByStep(engineNeuron()); err == nil || err.Error() != tc.want || len(nb.Shown()) != 1 {
			t.Errorf("error %v, displayed %d; want %s, displayed", err, len(nb.Shown()), tc.want)
		}
	}
	// The default limit refuses a chain of 200 Values at once: drawing its
	// steps would take seconds.
	gonbtest.Swap(t, &display.MaxViewSize, 200_000)
	chain := autograd.New(0.5)
	for range 199 {
		chain = chain.Tanh()
	}
	gonbtest.FakeNotebook(t)
	start := time.Now()
	err := StepByStep(chain)
	if took := time.Since(start); err == nil || !strings.Contains(err.Error(), "at least") || took > 100*time.Millisecond {
		t.Errorf("a chain of 200 Values: %v after %v, want a refusal under 100 ms", err, took)
	}
}

func TestStepByStepErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		root any
		want string
	}{
		{"nil", nil, "views: StepByStep: the root is nil, want a pointer to a Value such as *autograd.Value"},
		{"unknown op", &Value{Label: "y", Op: "sinh", Prev: []*Value{{Label: "x"}}}, `views: StepByStep: cannot rebuild y in the engine: autograd: Apply: unknown operation "sinh"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nb := gonbtest.FakeNotebook(t)
			err := StepByStep(tc.root)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || len(nb.Shown()) != 1 {
				t.Errorf("error %v, displayed %q; want %s", err, nb.Shown(), tc.want)
			}
		})
	}
}
