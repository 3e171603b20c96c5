package lesson

import (
	"strings"
	"testing"
)

func TestExpect(t *testing.T) {
	for _, tc := range []struct {
		got, want, tol float64
		fails          bool
	}{
		{1, 1, 0, false},
		{1 + 1e-12, 1, 1e-9, false},
		{1.1, 1, 1e-9, true},
		{1.1, 1, 0.2, false},
		{nan(), 1, 1, true},
	} {
		panicked := func() (p any) {
			defer func() { p = recover() }()
			ExpectNear("x", tc.got, tc.want, tc.tol)
			return nil
		}()
		if (panicked != nil) != tc.fails {
			t.Errorf("ExpectNear(%g, %g, %g): panicked %v, want failure %v", tc.got, tc.want, tc.tol, panicked, tc.fails)
		}
		if msg, _ := panicked.(string); tc.fails && !strings.HasPrefix(msg, "CHECK FAILED: x = ") {
			t.Errorf("panic message %q", msg)
		}
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}

// TestTryCompile asks the real compiler, as the lessons do.
func TestTryCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	for expr, want := range map[string]string{
		"a.Add(New(1))": "✓ a.Add(New(1))   compiles\n",
		"Mul(2, a)":     "✓ Mul(2, a)       compiles\n",
		"a.Add(1)":      "✗ a.Add(1)        cannot use 1 (untyped int constant) as *Value value in argument to a.Add\n",
		`Mul("2", a)`:   "✗ Mul(\"2\", a)     string does not satisfy Operand (string missing in *Value | int | float64)\n",
	} {
		got, err := tryCompile(expr)
		if err != nil || got != want {
			t.Errorf("tryCompile(%q) = %q, %v; want %q", expr, got, err, want)
		}
	}
}
