package views

import (
	"testing"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/internal/page/pagetest"
)

// TestJSFixture writes views.json, the fixture of views.test.mjs, the Node
// test of view.js: the data of a Nudge view of b = a·a for a from 2 to 4
// by 0.5, and of a StepByStep view of d = a·b + c, whose numbers the Node
// test knows by hand.
func TestJSFixture(t *testing.T) {
	nudge, err := nudgeView(builder(func(x float64) (a, b *autograd.Value) {
		a = autograd.New(x).Named("a")
		b = a.Mul(a).Named("b")
		b.Backward()
		return a, b
	}), Slider{At: 3, From: 2, To: 4, By: 0.5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := autograd.New(2).Named("a"), autograd.New(3).Named("b"), autograd.New(4).Named("c")
	steps, err := stepsView(a.Mul(b).Named("e").Add(c).Named("d"), nil)
	if err != nil {
		t.Fatal(err)
	}
	fixture := map[string]*viewData{}
	for name, v := range map[string]*view{"nudge": nudge, "steps": steps} {
		if fixture[name], err = v.scriptData(); err != nil {
			t.Fatal(err)
		}
	}
	pagetest.WriteFixture(t, "views.json", fixture)
}
