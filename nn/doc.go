// Package nn builds small neural networks out of autograd Values: the Go
// counterpart of micrograd's nn.py, plus the two-moons data set and the
// losses of micrograd's demo.
//
// # Neurons, layers, networks
//
// A [Neuron] with n inputs holds n weights w_i and a bias b, all of them
// leaf Values (the parameters), and computes
//
//	out = act(b + w_0·x_0 + w_1·x_1 + … + w_{n-1}·x_{n-1})
//
// where act is its [Activation]: [Tanh], [ReLU], [Sigmoid] or [Linear] (no
// activation at all). The sum is built as a chain of ordinary Add and Mul
// nodes, so a drawing of the graph shows every product and every partial
// sum, exactly as micrograd's does.
//
// A [Layer] is a row of neurons that all read the same inputs; it turns n
// inputs into as many outputs as it has neurons. An [MLP] (multi-layer
// perceptron) stacks layers, each reading the outputs of the one before:
// NewMLP(rng, 2, []int{16, 16, 1}, ReLU, Linear) takes 2 inputs through two
// hidden layers of 16 ReLU neurons to one linear output, the network of
// micrograd's moons demo, with 2·16+16 + 16·16+16 + 16+1 = 337 parameters.
//
// Weights start uniform in [-1, 1) and biases at 0, drawn from the
// *rand.Rand (package math/rand/v2) you pass in, such as
// rand.New(rand.NewPCG(1, 2)): the same seed gives the same network, so a
// notebook prints the same numbers on every run. Every parameter carries a
// label naming its place, "L1.N3.w0" (layer 1, neuron 3, weight 0) or
// "L1.N3.b", so pictures of the graph are readable.
//
// # Training
//
// [Moons] makes micrograd's data set, and a step of gradient descent is a
// forward pass, ZeroGrad, Backward and an update:
//
//	X, y := nn.Moons(100, 0.1, rand.New(rand.NewPCG(1, 0)))
//	params := model.Parameters() // the same Values at every step
//	for k := range 100 {
//		scores := model.Scores(nil, X) // forward: a fresh graph, one score per point
//		loss := nn.MaxMarginLoss(scores, y).Add(nn.L2(params, 1e-4))
//		nn.ZeroGrad(params)            // forget the last step's gradients
//		loss.Backward()                // d loss / d p for every parameter p
//		nn.SGD(params, 1-0.9*float64(k)/100) // p.Data -= lr * p.Grad
//	}
//
// ZeroGrad comes before Backward because Backward adds to the parameters'
// gradients rather than overwriting them (a parameter used in many places
// must collect the gradient of every use). The parameters live from one
// step to the next, so without ZeroGrad each step would follow the sum of
// all the gradients so far instead of the current one.
//
// The forward pass builds a fresh graph every step; the old one becomes
// garbage. Only the parameters carry over. Collecting that garbage is most
// of the cost of a step, so a loop that cares about speed builds its graphs
// in an [autograd.Arena] and reuses the memory: make the arena once, call
// arena.Reset() at the start of each step, and pass the arena to Scores in
// place of nil. The results are the same to the last bit.
package nn
