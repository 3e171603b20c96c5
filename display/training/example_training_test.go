package training_test

import (
	"math/rand/v2"

	"github.com/gograd/gograd/display/training"
	"github.com/gograd/gograd/nn"
)

// A Recorder records each step of gradient descent after Backward and
// before the update. In a notebook cell, Show shows the run as a view with
// a step slider; elsewhere it prints the loss and accuracy of the steps.
func ExampleRecorder() {
	X, y := nn.Moons(40, 0.1, rand.New(rand.NewPCG(1, 0)))
	model := nn.NewMLP(rand.New(rand.NewPCG(2, 0)), 2, []int{8, 1}, nn.ReLU, nn.Linear)
	params := model.Parameters()
	rec := training.NewRecorder(model, X, y)
	for range 30 {
		scores := model.Scores(nil, X)
		loss := nn.MaxMarginLoss(scores, y)
		nn.ZeroGrad(params)
		loss.Backward()
		rec.Record(loss, scores)
		nn.SGD(params, 0.1)
	}
	rec.Show()
	// Output:
	// training MLP(2, [8, 1]): 30 steps, loss 1.3848 → 0.3577, accuracy 45% → 85%
	// step      loss  accuracy
	//    0    1.3848       45%
	//    3    1.2014       50%
	//    6    1.0425       50%
	//    9    0.9124       55%
	//   12    0.8127       62%
	//   15    0.7322       82%
	//   18    0.6575       85%
	//   21    0.5776       85%
	//   24    0.4893       82%
	//   27    0.3906       85%
	//   29    0.3577       85%
}
