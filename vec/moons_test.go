package vec_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/nn"
	"github.com/gograd/gograd/vec"
)

// layers returns model's parameters as one matrix per layer, a row per
// neuron: its weights, then its bias, as Neuron.Parameters lists them.
func layers(model *nn.MLP) []*vec.Value {
	var Ws []*vec.Value
	for _, l := range model.Layers {
		var rows [][]float64
		for _, n := range l.Neurons {
			var row []float64
			for _, p := range n.Parameters() {
				row = append(row, p.Data)
			}
			rows = append(rows, row)
		}
		Ws = append(Ws, vec.Matrix(rows))
	}
	return Ws
}

// vectorLoss is the loss of micrograd's moons step with vector nodes:
// the mean hinge loss of the scores plus α·Σp², α = 1e-4.
func vectorLoss(Ws []*vec.Value, X, y *vec.Value) *vec.Value {
	H := X
	for i, W := range Ws {
		H = vec.Linear(H, W)
		if i < len(Ws)-1 {
			H = H.ReLU()
		}
	}
	data := vec.Hinge(H, y).Mul(vec.Vector(1 / float64(y.Rows)))
	return data.Add(vec.SumSquares(Ws...).Mul(vec.Vector(1e-4)))
}

func moons() (*nn.MLP, [][]float64, []float64) {
	X, y := nn.Moons(100, 0.1, rand.New(rand.NewPCG(1, 0)))
	return nn.NewMLP(rand.New(rand.NewPCG(2, 0)), 2, []int{16, 16, 1}, nn.ReLU, nn.Linear), X, y
}

// TestMoonsMatchesScalar trains micrograd's moons network for 5 steps
// with package nn's scalar graph and with vector nodes side by side, and
// checks that every step has the same loss and the same gradients, to the
// last bit.
func TestMoonsMatchesScalar(t *testing.T) {
	model, X, y := moons()
	params := model.Parameters()
	Ws := layers(model)
	Xv, yv := vec.Matrix(X), vec.Vector(y...)
	for k := range 5 {
		loss := nn.MaxMarginLoss(model.Scores(nil, X), y).Add(nn.L2(params, 1e-4))
		nn.ZeroGrad(params)
		loss.Backward()
		if n := len(autograd.Topo(loss)); k == 0 && n != 65814 {
			t.Errorf("the scalar step has %d Values, want 65814", n)
		}

		for _, W := range Ws {
			clear(W.Grad)
		}
		vloss := vectorLoss(Ws, Xv, yv)
		vloss.Backward()
		if k == 0 {
			t.Logf("the vector step has %d nodes", len(vec.Topo(vloss)))
		}

		if math.Float64bits(loss.Data) != math.Float64bits(vloss.Data[0]) {
			t.Fatalf("step %d: loss %.17g with scalars, %.17g with vectors", k, loss.Data, vloss.Data[0])
		}
		var grads []float64
		for _, W := range Ws {
			grads = append(grads, W.Grad...)
		}
		for i, p := range params {
			if math.Float64bits(p.Grad) != math.Float64bits(grads[i]) {
				t.Fatalf("step %d: %s: gradient %.17g with scalars, %.17g with vectors", k, p.Label, p.Grad, grads[i])
			}
		}
		lr := 1 - 0.9*float64(k)/100
		nn.SGD(params, lr)
		for _, W := range Ws {
			for i := range W.Data {
				W.Data[i] -= lr * W.Grad[i]
			}
		}
	}
}

// BenchmarkMoonsStep times one training step of micrograd's moons demo
// (forward, backward, update) with the scalar engine (heap and arena) and
// with vector nodes.
func BenchmarkMoonsStep(b *testing.B) {
	model, X, y := moons()
	params := model.Parameters()
	for _, c := range []struct {
		name  string
		arena *autograd.Arena
	}{{"scalar-heap", nil}, {"scalar-arena", autograd.NewArena()}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.arena.Reset()
				loss := nn.MaxMarginLoss(model.Scores(c.arena, X), y).Add(nn.L2(params, 1e-4))
				nn.ZeroGrad(params)
				loss.Backward()
				nn.SGD(params, 0.01)
			}
		})
	}
	b.Run("vector", func(b *testing.B) {
		Ws := layers(model)
		Xv, yv := vec.Matrix(X), vec.Vector(y...)
		for b.Loop() {
			for _, W := range Ws {
				clear(W.Grad)
			}
			loss := vectorLoss(Ws, Xv, yv)
			loss.Backward()
			for _, W := range Ws {
				for i := range W.Data {
					W.Data[i] -= 0.01 * W.Grad[i]
				}
			}
		}
	})
}
