package nn_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/nn"
)

// A tiny network learns four samples, trained by hand as in micrograd's
// first lesson: forward pass, zero the gradients, backward pass, update.
func ExampleMLP() {
	rng := rand.New(rand.NewPCG(1, 2))
	model := nn.NewMLP(rng, 3, []int{4, 4, 1}, nn.Tanh, nn.Tanh)
	xs := [][]float64{{2, 3, -1}, {3, -1, 0.5}, {0.5, 1, 1}, {1, 1, -1}}
	ys := []float64{1, -1, -1, 1}
	params := model.Parameters()
	fmt.Println(model)
	fmt.Println(len(params), "parameters")

	predict := func() []*autograd.Value {
		preds := make([]*autograd.Value, len(xs))
		for i, x := range xs {
			preds[i] = model.Forward(nn.Inputs(x))[0]
		}
		return preds
	}
	for step := range 20 {
		loss := nn.SumSquaredError(predict(), ys) // forward
		if step == 0 {
			fmt.Printf("loss before: %.4f\n", loss.Data)
		}
		nn.ZeroGrad(params) // Backward adds to Grad: start from 0
		loss.Backward()
		for _, p := range params {
			p.Data -= 0.05 * p.Grad // step against the gradient
		}
	}
	preds := predict()
	fmt.Printf("loss after:  %.4f\n", nn.SumSquaredError(preds, ys).Data)
	for i, p := range preds {
		fmt.Printf("want %+.0f, got %+.4f\n", ys[i], p.Data)
	}
	// Output:
	// MLP of [Layer of [TanhNeuron(3), TanhNeuron(3), TanhNeuron(3), TanhNeuron(3)], Layer of [TanhNeuron(4), TanhNeuron(4), TanhNeuron(4), TanhNeuron(4)], Layer of [TanhNeuron(4)]]
	// 41 parameters
	// loss before: 8.7021
	// loss after:  0.0332
	// want +1, got +0.9154
	// want -1, got -0.9009
	// want -1, got -0.9195
	// want +1, got +0.9015
}

// A neuron's graph: the bias plus one product per input, summed by a chain
// of Adds, then the activation.
func ExampleNeuron_Forward() {
	n := nn.NewNeuron(rand.New(rand.NewPCG(1, 2)), 2, nn.ReLU)
	out := n.Forward(nn.Inputs([]float64{1, -2}))
	name := map[*autograd.Value]string{}
	for i, v := range autograd.Topo(out) {
		name[v] = v.Label
		if name[v] == "" {
			name[v] = fmt.Sprint("t", i)
		}
		switch len(v.Prev) {
		case 0:
			fmt.Printf("%-3s = %.4g\n", name[v], v.Data)
		case 1:
			fmt.Printf("%-3s = %s(%s) = %.4g\n", name[v], v.Op, name[v.Prev[0]], v.Data)
		case 2:
			fmt.Printf("%-3s = %s %s %s = %.4g\n", name[v], name[v.Prev[0]], v.Op, name[v.Prev[1]], v.Data)
		}
	}
	// Output:
	// b   = 0
	// w0  = 0.3529
	// x0  = 1
	// t3  = w0 * x0 = 0.3529
	// t4  = b + t3 = 0.3529
	// w1  = -0.07723
	// x1  = -2
	// t7  = w1 * x1 = 0.1545
	// t8  = t4 + t7 = 0.5074
	// t9  = ReLU(t8) = 0.5074
}

// micrograd's moons demo: a 2-16-16-1 network learns to separate the two
// moons with the max-margin loss, L2 regularization and a decaying
// learning rate.
func Example_moons() {
	X, y := nn.Moons(100, 0.1, rand.New(rand.NewPCG(1, 0)))
	model := nn.NewMLP(rand.New(rand.NewPCG(2, 0)), 2, []int{16, 16, 1}, nn.ReLU, nn.Linear)
	params := model.Parameters()
	fmt.Println(len(params), "parameters")

	const steps = 100
	for k := range steps {
		scores := model.Scores(nil, X)
		loss := nn.MaxMarginLoss(scores, y).Add(nn.L2(params, 1e-4))
		nn.ZeroGrad(params)
		loss.Backward()
		nn.SGD(params, 1-0.9*float64(k)/steps)
		if k%25 == 0 || k == steps-1 {
			fmt.Printf("step %2d loss %.4f accuracy %.0f%%\n", k, loss.Data, 100*nn.Accuracy(scores, y))
		}
	}
	// Output:
	// 337 parameters
	// step  0 loss 1.3211 accuracy 57%
	// step 25 loss 0.2853 accuracy 87%
	// step 50 loss 0.0939 accuracy 95%
	// step 75 loss 0.0338 accuracy 100%
	// step 99 loss 0.0256 accuracy 100%
}
