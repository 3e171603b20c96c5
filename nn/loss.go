package nn

import (
	"fmt"

	"github.com/gograd/gograd/autograd"
)

// SumSquaredError returns Σ (preds[i] - ys[i])², the loss of micrograd's
// first lesson, built as micrograd builds it: each term a subtraction
// squared with Pow(2), the terms summed by a chain of Adds. It panics if
// the lengths differ or are 0.
func SumSquaredError(preds []*autograd.Value, ys []float64) *autograd.Value {
	checkLengths("SumSquaredError", "predictions", len(preds), len(ys))
	terms := make([]*autograd.Value, len(preds))
	for i, p := range preds {
		terms[i] = SquaredError(p, ys[i])
	}
	return sum(terms)
}

// SquaredError returns (pred - y)², the term of [SumSquaredError] for one
// prediction, built as Sub then Pow(2).
func SquaredError(pred *autograd.Value, y float64) *autograd.Value {
	return autograd.Sub(pred, y).Pow(2)
}

// MaxMarginLoss returns the mean hinge loss of micrograd's moons demo,
//
//	(1/n) Σ ReLU(1 - ys[i]·scores[i])
//
// for labels ±1: a point costs nothing once its score has the label's sign
// with a margin of at least 1, and costs more the further it is on the
// wrong side. Each term is built as ReLU(scores[i]·(-ys[i]) + 1). It
// panics if the lengths differ or are 0.
func MaxMarginLoss(scores []*autograd.Value, ys []float64) *autograd.Value {
	checkLengths("MaxMarginLoss", "scores", len(scores), len(ys))
	terms := make([]*autograd.Value, len(scores))
	for i, s := range scores {
		terms[i] = Hinge(s, ys[i])
	}
	return sum(terms).Mul(autograd.New(1 / float64(len(terms))))
}

// Hinge returns ReLU(1 - y·score), the term of [MaxMarginLoss] for one
// point with label y (±1), built as ReLU(score·(-y) + 1): 0 once the score
// has the label's sign with a margin of at least 1.
func Hinge(score *autograd.Value, y float64) *autograd.Value {
	return score.Mul(autograd.New(-y)).Add(autograd.New(1)).ReLU()
}

// L2 returns alpha · Σ p², the weight-decay penalty that keeps parameters
// small (micrograd's demo uses alpha = 1e-4). Each square is built as
// p·p. For no parameters it returns a leaf holding 0.
func L2(params []*autograd.Value, alpha float64) *autograd.Value {
	if len(params) == 0 {
		return autograd.New(0)
	}
	squares := make([]*autograd.Value, len(params))
	for i, p := range params {
		squares[i] = p.Mul(p)
	}
	return sum(squares).Mul(autograd.New(alpha))
}

// Accuracy returns the fraction of points whose score has the sign of
// their label, as [Correct] judges them. It panics if the lengths differ
// or are 0.
func Accuracy(scores []*autograd.Value, ys []float64) float64 {
	checkLengths("Accuracy", "scores", len(scores), len(ys))
	right := 0
	for i, s := range scores {
		if Correct(s.Data, ys[i]) {
			right++
		}
	}
	return float64(right) / float64(len(scores))
}

// Correct reports whether a score classifies a point with label y right:
// score > 0 exactly when y > 0, so a score of exactly 0 is a prediction of
// -1, and NaN is never right for a label above 0.
func Correct(score, y float64) bool {
	return (score > 0) == (y > 0)
}

// ZeroGrad sets the gradients of params to 0. Call it before each
// Backward of a training loop: Backward adds to the parameters' gradients,
// so without it a step would follow the sum of every gradient so far.
func ZeroGrad(params []*autograd.Value) {
	for _, p := range params {
		p.Grad = 0
	}
}

// SGD takes one step of plain gradient descent: p.Data -= lr * p.Grad for
// every parameter, moving each against its gradient to lower the loss.
func SGD(params []*autograd.Value, lr float64) {
	for _, p := range params {
		p.Data -= lr * p.Grad
	}
}

// sum returns vs[0] + vs[1] + … as a chain of Adds; vs is not empty.
func sum(vs []*autograd.Value) *autograd.Value {
	total := vs[0]
	for _, v := range vs[1:] {
		total = total.Add(v)
	}
	return total
}

func checkLengths(fn, what string, n, nLabels int) {
	if n != nLabels {
		panic(fmt.Sprintf("nn: %s: got %d %s and %d labels", fn, n, what, nLabels))
	}
	if n == 0 {
		panic(fmt.Sprintf("nn: %s: no %s", fn, what))
	}
}
