package autograd

import "math"

// On amd64, math.Log ignores the exponent of a subnormal number, one
// smaller than 2**-1022 (golang/go#56600): it gives -709.085 for 1e-310,
// whose logarithm is -713.801. math.Pow inherits the error for a fractional
// exponent. The engine promises IEEE 754 arithmetic, so its Log and Pow
// scale a subnormal number into the normal range first, by 2**52, which is
// exact, and take the scale back off afterwards.

// smallestNormal is the smallest float64 that is not subnormal, 2**-1022.
const smallestNormal = 0x1p-1022

// logarithm returns the natural logarithm of a, as math.Log does on
// every platform: ln(a·2**52) - 52·ln 2 for a subnormal a.
func logarithm(a float64) float64 {
	if 0 < a && a < smallestNormal {
		return math.Log(a*0x1p52) - 52*math.Ln2
	}
	return math.Log(a)
}

// power returns a**n, as math.Pow does on every platform:
// (a·2**52)**n · 2**(-52n) for a subnormal a and a fractional n.
func power(a, n float64) float64 {
	if 0 < a && a < smallestNormal && n != math.Trunc(n) {
		return math.Pow(a*0x1p52, n) * math.Pow(2, -52*n)
	}
	return math.Pow(a, n)
}
