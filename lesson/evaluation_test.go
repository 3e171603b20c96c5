package lesson

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gograd/gograd/autograd"
)

// crossEntropy is a softmax cross-entropy written with the mistakes a
// student might make, each switched on by name.
func crossEntropy(mistake string) func([]*autograd.Value, int) *autograd.Value {
	return func(z []*autograd.Value, label int) *autograd.Value {
		m := 0.0
		if mistake != "naive" {
			for _, zi := range z {
				m = max(m, zi.Data)
			}
			m = slices.MaxFunc(z, func(a, b *autograd.Value) int { return int(math.Copysign(1, a.Data-b.Data)) }).Data
		}
		if mistake == "min" {
			m = slices.MinFunc(z, func(a, b *autograd.Value) int { return int(math.Copysign(1, a.Data-b.Data)) }).Data
		}
		sum := autograd.New(0)
		for _, zi := range z {
			sum = sum.Add(autograd.Sub(zi, m).Exp())
		}
		lse := sum.Log()
		if mistake != "no add back" {
			lse = autograd.Add(lse, m)
		}
		switch mistake {
		case "placeholder":
			return nil
		case "no label":
			return lse
		case "plus label":
			return lse.Add(z[label])
		case "cut":
			return autograd.New(lse.Sub(z[label]).Data)
		}
		return lse.Sub(z[label])
	}
}

func TestCheckCrossEntropy(t *testing.T) {
	for _, tc := range []struct {
		mistake string
		want    want
	}{
		{"right", right},
		{"placeholder", notAnswered},
		{"naive", "subtract the largest logit"},
		{"min", "subtract the largest logit"},
		{"no add back", "add it back"},
		{"no label", "subtract the label's logit"},
		{"plus label", "a sign is wrong"},
		{"cut", "no gradient reaches the logits"},
	} {
		verify(t, tc.mistake, CheckCrossEntropy(crossEntropy(tc.mistake)), tc.want)
	}
}

// batches splits n points into minibatches with the mistakes a student
// might make, each switched on by name.
func batches(mistake string) func(n, size int, rng *rand.Rand) [][]int {
	return func(n, size int, rng *rand.Rand) [][]int {
		var order []int
		switch mistake {
		case "placeholder":
			return nil
		case "in order":
			for i := range n {
				order = append(order, i)
			}
		case "with replacement":
			for range n {
				order = append(order, rng.IntN(n))
			}
		case "own rng":
			order = rand.New(rand.NewPCG(1, 2)).Perm(n)
		default:
			order = rng.Perm(n)
		}
		var out [][]int
		for len(order) >= size {
			out, order = append(out, order[:size]), order[size:]
		}
		if len(order) > 0 && mistake != "drop last" {
			out = append(out, order)
		}
		if mistake == "one batch" {
			return [][]int{rng.Perm(n)}
		}
		return out
	}
}

func TestCheckBatches(t *testing.T) {
	for _, tc := range []struct {
		mistake string
		want    want
	}{
		{"right", right},
		{"placeholder", notAnswered},
		{"in order", "stored order"},
		{"with replacement", "without replacement"},
		{"own rng", "two epochs gave the same order"},
		{"drop last", "the last, smaller batch"},
		{"one batch", "want at most 3"},
	} {
		for range 20 { // one case is drawn afresh each time
			verify(t, tc.mistake, CheckBatches(batches(tc.mistake)), tc.want)
		}
	}
}
