package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Moons returns n points of the two-moons data set, two interleaving half
// circles, as scikit-learn's make_moons does, with labels -1 and +1 instead
// of 0 and 1 (micrograd's y*2 - 1).
//
// The first moon, labeled -1, is the upper half of the unit circle centered
// at (0, 0); the second, labeled +1, is the lower half of the unit circle
// centered at (1, 0.5). Each gets half the points (the second one more when
// n is odd), evenly spaced along the arc. The points are then shuffled and
// every coordinate gets Gaussian noise of standard deviation noise, all drawn
// from rng, so the same seed gives the same data.
//
// Each X[i] holds the two coordinates of point i and y[i] its label. It
// panics if n < 0, noise < 0 or rng is nil.
func Moons(n int, noise float64, rng *rand.Rand) (X [][]float64, y []float64) {
	switch {
	case rng == nil:
		panic("nn: Moons: rng is nil; pass e.g. rand.New(rand.NewPCG(1, 2))")
	case n < 0:
		panic(fmt.Sprintf("nn: Moons: n is %d, want at least 0", n))
	case !(noise >= 0):
		panic(fmt.Sprintf("nn: Moons: noise is %g, want at least 0", noise))
	}
	nOut := n / 2
	coords := make([]float64, 2*n) // one backing array for every row
	X = make([][]float64, n)
	y = make([]float64, n)
	for i := range X {
		X[i] = coords[2*i : 2*i+2 : 2*i+2]
		if i < nOut {
			t := linspace(i, nOut)
			X[i][0], X[i][1], y[i] = math.Cos(t), math.Sin(t), -1
		} else {
			t := linspace(i-nOut, n-nOut)
			X[i][0], X[i][1], y[i] = 1-math.Cos(t), 0.5-math.Sin(t), 1
		}
	}
	rng.Shuffle(n, func(i, j int) {
		X[i], X[j] = X[j], X[i]
		y[i], y[j] = y[j], y[i]
	})
	for _, x := range X {
		x[0] += noise * rng.NormFloat64()
		x[1] += noise * rng.NormFloat64()
	}
	return X, y
}

// linspace returns the i-th of k angles evenly spaced from 0 to π, both
// included, as numpy.linspace(0, π, k)[i].
func linspace(i, k int) float64 {
	if i == k-1 && k > 1 {
		return math.Pi
	}
	if k == 1 {
		return 0
	}
	return float64(i) * (math.Pi / float64(k-1))
}
