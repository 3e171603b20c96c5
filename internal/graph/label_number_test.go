package graph

import (
	"math"
	"testing"
)

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		x      float64
		digits int
		want   string
	}{
		{-0.00001, 4, "0.0000"},
		{math.Copysign(0, -1), 4, "0.0000"},
		{-0.00005, 4, "-0.0001"},
		{-2, 0, "-2"},
		{-0.4, 0, "0"},
		{1.5, 2, "1.50"},
		{math.Inf(-1), 4, "-Inf"},
		{math.NaN(), 4, "NaN"},
	} {
		if got := Number(tc.x, tc.digits); got != tc.want {
			t.Errorf("Number(%v, %d) = %q, want %q", tc.x, tc.digits, got, tc.want)
		}
	}
}
