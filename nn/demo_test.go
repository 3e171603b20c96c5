package nn

import (
	"math/rand/v2"

	"github.com/gograd/gograd/autograd"
)

// demo is micrograd's moons demo: MLP(2, [16, 16, 1]) with ReLU hidden
// layers and a linear output, 100 points of noise 0.1, max-margin loss plus
// 1e-4 L2, and a learning rate falling from 1 to 0.1 over the steps. Each
// step's graph is built in one arena, reset at the start of the next step.
type demo struct {
	model  *MLP
	params []*autograd.Value
	X      [][]float64
	y      []float64
	arena  *autograd.Arena
}

func newDemo(dataSeed, weightSeed uint64) *demo {
	X, y := Moons(100, 0.1, rand.New(rand.NewPCG(dataSeed, 0)))
	m := NewMLP(rand.New(rand.NewPCG(weightSeed, 0)), 2, []int{16, 16, 1}, ReLU, Linear)
	return &demo{model: m, params: m.Parameters(), X: X, y: y, arena: autograd.NewArena()}
}

// loss is the forward pass: the scores of every point and the total loss,
// in a freshly reset arena.
func (d *demo) loss() (scores []*autograd.Value, total *autograd.Value) {
	d.arena.Reset()
	scores = d.model.Scores(d.arena, d.X)
	return scores, MaxMarginLoss(scores, d.y).Add(L2(d.params, 1e-4))
}

// step is training step k of steps: forward, loss, ZeroGrad, Backward and
// the SGD update. It returns the loss and accuracy before the update.
func (d *demo) step(k, steps int) (loss, acc float64) {
	scores, total := d.loss()
	ZeroGrad(d.params)
	total.Backward()
	SGD(d.params, 1-0.9*float64(k)/float64(steps))
	return total.Data, Accuracy(scores, d.y)
}

// train runs steps steps and returns the loss and accuracy of the last.
func (d *demo) train(steps int) (loss, acc float64) {
	for k := range steps {
		loss, acc = d.step(k, steps)
	}
	return loss, acc
}
