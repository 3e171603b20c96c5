package lesson

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/gograd/gograd/autograd"
)

// The checkers of lesson 12, Honest evaluation.

// logSumExp returns log Σ exp(z[i]), computed stably: the largest z taken
// out first, so that no exp overflows.
func logSumExp(z []float64) float64 {
	m := slices.Max(z)
	sum := 0.0
	for _, zi := range z {
		sum += math.Exp(zi - m)
	}
	return m + math.Log(sum)
}

// CheckCrossEntropy checks lesson 12's first exercise: crossEntropy(logits,
// label) returns the softmax cross-entropy -log softmax(logits)[label] =
// log Σ_i exp(logits[i]) - logits[label] as a Value built from the logits,
// computed stably. Its gradient with respect to logits[i] is softmax(i)
// minus 1 for the label. It tries small logits, logits of ±1000, where a
// plain exp overflows or underflows, and logits drawn afresh on every run.
func CheckCrossEntropy(crossEntropy func(logits []*autograd.Value, label int) *autograd.Value) Result {
	return result("Exercise 1", "the loss and its gradient softmax - onehot, also for logits of ±1000.", func() error {
		cases := []struct {
			z     []float64
			label int
		}{
			{[]float64{2, 1, -1}, 0},
			{[]float64{0.5, -2, 3, 1}, 3},
			{[]float64{1000, 999, -5}, 1},
			{[]float64{-1000, -1001}, 0},
			{[]float64{800, 0}, 1},
		}
		z := runPoints(2+rand.IntN(4), -20, 20)
		cases = append(cases, struct {
			z     []float64
			label int
		}{z, rand.IntN(len(z))})
		for k, c := range cases {
			logits := make([]*autograd.Value, len(c.z))
			for i, zi := range c.z {
				logits[i] = autograd.New(zi)
			}
			loss := crossEntropy(logits, c.label)
			if loss == nil {
				if k == 0 {
					return ErrNotAnswered
				}
				return errors.New("crossEntropy returned nil; return the loss Value")
			}
			lse, m := logSumExp(c.z), slices.Max(c.z)
			want := lse - c.z[c.label]
			name := fmt.Sprintf("logits %v, label %d", c.z, c.label)
			switch got := loss.Data; {
			case near(got, want):
			case math.IsInf(got, 0) || math.IsNaN(got):
				return fmt.Errorf("%s: the loss is %g, want %.6g. exp(%g) is beyond float64 (exp overflows above 709.78, and exp(-1000) is 0): subtract the largest logit from every logit before exp, and add it back after the log", name, got, want, m)
			case near(got, want-m):
				return fmt.Errorf("%s: the loss is %.6g, %g short of %.6g: after subtracting the largest logit m, add it back: log Σ exp(z[i]) = m + log Σ exp(z[i] - m)", name, got, m, want)
			case near(got, lse):
				return fmt.Errorf("%s: the loss is %.6g = log Σ exp(z[i]); subtract the label's logit: loss = log Σ exp(z[i]) - z[label] = %.6g", name, got, want)
			case near(got, lse+c.z[c.label]) || near(got, -want):
				return fmt.Errorf("%s: the loss is %.6g, want log Σ exp(z[i]) - z[label] = %.6g: a sign is wrong", name, got, want)
			default:
				return fmt.Errorf("%s: the loss is %.6g, want log Σ exp(z[i]) - z[label] = %.6g", name, got, want)
			}
			for _, l := range logits {
				l.Grad = 0
			}
			loss.Backward()
			for i, l := range logits {
				want := math.Exp(c.z[i] - lse)
				if i == c.label {
					want--
				}
				if !near(l.Grad, want) {
					if l.Grad == 0 && want != 0 {
						return fmt.Errorf("%s: d loss/d logits[%d] = 0, want softmax - onehot = %.6g: no gradient reaches the logits. Build the loss from the logit Values, not from their Data", name, i, want)
					}
					return fmt.Errorf("%s: d loss/d logits[%d] = %.6g, want softmax[%d] - onehot = %.6g", name, i, l.Grad, i, want)
				}
			}
		}
		return nil
	})
}

// CheckBatches checks lesson 12's second exercise: batches(n, size, rng)
// splits the indices 0…n-1 of a training set into minibatches for one
// epoch: every index exactly once, in an order shuffled with rng, cut into
// batches of size, the last one smaller if size does not divide n. A new
// call, the next epoch, shuffles again.
func CheckBatches(batches func(n, size int, rng *rand.Rand) [][]int) Result {
	return result("Exercise 2", "every point once per epoch, shuffled anew each epoch, in batches of the size asked (the last one smaller).", func() error {
		rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
		for k, c := range [][2]int{{10, 3}, {12, 4}, {7, 7}, {5 + rand.IntN(40), 1 + rand.IntN(9)}} {
			n, size := c[0], c[1]
			first := batches(n, size, rng)
			if k == 0 && first == nil {
				return ErrNotAnswered
			}
			name := fmt.Sprintf("batches(%d, %d, rng)", n, size)
			seen := make([]int, n)
			var order []int
			for b, batch := range first {
				if len(batch) > size {
					return fmt.Errorf("%s: batch %d has %d points, want at most %d", name, b, len(batch), size)
				}
				if len(batch) < size && b != len(first)-1 {
					return fmt.Errorf("%s: batch %d has %d points; only the last batch may be smaller than %d", name, b, len(batch), size)
				}
				for _, i := range batch {
					if i < 0 || i >= n {
						return fmt.Errorf("%s: index %d is not a point: the points are 0 to %d", name, i, n-1)
					}
					seen[i]++
					order = append(order, i)
				}
			}
			for i, times := range seen {
				if times > 1 {
					return fmt.Errorf("%s: point %d is in %d batches: draw without replacement (shuffle the indices with rng.Perm or rng.Shuffle, then cut them into batches), so that each point counts once per epoch", name, i, times)
				}
			}
			for i, times := range seen {
				switch {
				case times == 0 && n%size != 0 && len(order) == n-n%size:
					return fmt.Errorf("%s: no batch holds %d of the %d points: the last, smaller batch is missing. Keep it, or those points are never trained on", name, n-len(order), n)
				case times == 0:
					return fmt.Errorf("%s: point %d is in no batch: every point must be in one batch per epoch", name, i)
				}
			}
			if n >= 10 {
				if slices.IsSorted(order) {
					return fmt.Errorf("%s: the points come in their stored order 0, 1, 2, …: shuffle them with rng first, so that batches mix the classes and change from epoch to epoch", name)
				}
				var again []int
				for _, batch := range batches(n, size, rng) {
					again = append(again, batch...)
				}
				if slices.Equal(order, again) {
					return fmt.Errorf("%s: two epochs gave the same order %v: shuffle with the rng passed in (a generator made inside the function starts from the same seed every time)", name, order)
				}
			}
		}
		return nil
	})
}
