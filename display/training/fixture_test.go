package training

import (
	"math/rand/v2"
	"testing"

	"github.com/gograd/gograd/internal/page/pagetest"
	"github.com/gograd/gograd/nn"
)

// TestJSFixture writes training.json, the fixture of training.test.mjs,
// the Node test of training.js: the view's data for two steps of a network
// whose score is x0 + b, so that the scores are known by hand (see the
// test). Point 0's score, 1e-5, is below half a level of the packed
// scores: it decodes to 0, and only Go, from the real score, can say that
// the point is on the right side.
func TestJSFixture(t *testing.T) {
	model := nn.NewMLP(rand.New(rand.NewPCG(1, 0)), 2, []int{1}, nn.Linear, nn.Linear)
	n := model.Layers[0].Neurons[0]
	n.W[0].Data, n.W[1].Data, n.B.Data = 1, 0, 0
	X := [][]float64{{1e-5, 0}, {-0.3, 0.5}, {0, -0.5}, {2, 1}, {-1.5, -1}}
	y := []float64{1, 1, 1, -1, -1}
	rec := NewRecorder(model, X, y)
	rec.Cost = nn.Hinge
	rec.Cells = 8
	for _, b := range []float64{0, 0.5} {
		n.B.Data = b
		scores := model.Scores(nil, X)
		loss := nn.MaxMarginLoss(scores, y)
		nn.ZeroGrad(model.Parameters())
		loss.Backward()
		if err := rec.Record(loss, scores); err != nil {
			t.Fatal(err)
		}
	}
	d, err := rec.data()
	if err != nil {
		t.Fatal(err)
	}
	pagetest.WriteFixture(t, "training.json", d)
}
