package autograd

import (
	"math"
	"reflect"
	"testing"
)

// opMethods calls every method of *Value that takes nothing, a *Value or a
// float64 and returns a *Value, at x (and y, or 2.5 for a number), and
// returns the methods by the op of the Value they made.
func opMethods(x, y *Value) map[opIndex][]string {
	made := map[opIndex][]string{}
	typ := reflect.TypeFor[*Value]()
	for i := range typ.NumMethod() {
		m := typ.Method(i)
		if m.Type.NumOut() != 1 || m.Type.Out(0) != typ {
			continue
		}
		args := []reflect.Value{reflect.ValueOf(x)}
		switch {
		case m.Type.NumIn() == 1:
		case m.Type.NumIn() == 2 && m.Type.In(1) == typ:
			args = append(args, reflect.ValueOf(y))
		case m.Type.NumIn() == 2 && m.Type.In(1) == reflect.TypeFor[float64]():
			args = append(args, reflect.ValueOf(2.5))
		default:
			continue
		}
		if out := m.Func.Call(args)[0].Interface().(*Value); out != x {
			made[out.op] = append(made[out.op], m.Name)
		}
	}
	return made
}

// TestEveryOpIsComplete checks what the recipe in ops.go asks of an
// operation: an op in the table, with a name of its own, one or two
// operands, a forward formula and local derivatives; a method that makes
// it; Apply rebuilding it from its Op; and derivatives that agree with
// finite differences.
func TestEveryOpIsComplete(t *testing.T) {
	made := opMethods(New(0.7), New(1.3))
	names := map[string]bool{}
	for k, o := range ops {
		switch {
		case opIndex(k) == leaf:
			continue
		case o.name == "" || names[o.name]:
			t.Errorf("op %d %q: every op needs a name of its own", k, o.name)
		case o.operands != 1 && o.operands != 2:
			t.Errorf("op %q: takes %d operands, want 1 or 2", o.name, o.operands)
		case o.forward == nil || o.local == nil:
			t.Errorf("op %q: forward and local must both be set", o.name)
		case len(made[opIndex(k)]) == 0:
			t.Errorf("op %q: no method of *Value makes it; write one that calls apply", o.name)
		}
		names[o.name] = true
	}
	if t.Failed() {
		return // the checks below would call what is missing
	}
	for _, x := range []float64{0.3, 1.7} {
		for k, methods := range opMethods(New(x), New(1.3)) {
			for _, m := range methods {
				checkOp(t, k, m, x)
			}
		}
	}
}

// checkOp checks the Value that method m makes from x and y = 1.3, with
// the op numbered k at its root.
func checkOp(t *testing.T, k opIndex, m string, x float64) {
	t.Helper()
	xv, yv := New(x).Named("x"), New(1.3).Named("y")
	method := reflect.ValueOf(xv).MethodByName(m)
	var args []reflect.Value
	if method.Type().NumIn() == 1 {
		if method.Type().In(0) == reflect.TypeFor[float64]() {
			args = append(args, reflect.ValueOf(2.5))
		} else {
			args = append(args, reflect.ValueOf(yv))
		}
	}
	v := method.Call(args)[0].Interface().(*Value)
	if k != pow && v.Op != ops[k].name {
		t.Errorf("%s(%g): Op %q, want the op's name %q", m, x, v.Op, ops[k].name)
	}
	if again, err := Apply(v.Op, v.Prev...); err != nil || again.op != k || again.Data != v.Data {
		t.Errorf("%s(%g): Apply(%q) = %v, %v; want %v", m, x, v.Op, again, err, v)
	}
	for _, r := range GradCheck(v) {
		if !r.OK {
			t.Errorf("%s(%g): d/d%s: Backward %g, finite differences %g", m, x, r.Label, r.Analytic, r.Numeric)
		}
	}
}

// TestSubnormalLogAndPow checks Log and Pow of numbers below 2**-1022,
// which math.Log gets wrong on amd64. The results were computed to 50
// digits with Python's decimal module, from the exact value of each float64,
// and rounded to the nearest float64; the powers of 2 are exact. Log must be
// within an ulp or two. Pow with a fractional exponent may be as far off as
// math.Pow is for normal numbers: it computes e**(n·ln a), and the rounding
// of ln a, about 1e-13 here, is multiplied by n and becomes a relative
// error of the result.
func TestSubnormalLogAndPow(t *testing.T) {
	for _, c := range []struct {
		name     string
		x        float64
		build    func(x *Value) *Value
		want     float64
		wantGrad float64 // d/dx; NaN means NaN
		tol      float64 // the largest relative error
	}{
		{"Log(1e-310)", 1e-310, (*Value).Log, -713.8013788281542, math.Inf(1), 4e-16},
		{"Log(3e-320)", 3e-320, (*Value).Log, -735.7286286023058, math.Inf(1), 4e-16},
		{"Log(2**-1074)", 0x1p-1074, (*Value).Log, -1074 * math.Ln2, math.Inf(1), 4e-16},
		{"Log(2**-1023)", 0x1p-1023, (*Value).Log, -1023 * math.Ln2, 0x1p1023, 4e-16},
		{"Log(largest subnormal)", 2.225073858507201e-308, (*Value).Log, -708.3964185322641, 1 / 2.225073858507201e-308, 4e-16},
		{"Log(2**-1022), normal", 0x1p-1022, (*Value).Log, -1022 * math.Ln2, 0x1p1022, 4e-16},
		{"Pow(1e-310, 0.25)", 1e-310, func(x *Value) *Value { return x.Pow(0.25) }, 3.162277660168377e-78, 7.905694150420966e+231, 1e-13},
		{"Pow(1e-310, -0.75)", 1e-310, func(x *Value) *Value { return x.Pow(-0.75) }, 3.1622776601683864e+232, math.Inf(-1), 1e-13},
		{"Pow(1e-310, 1.25)", 1e-310, func(x *Value) *Value { return x.Pow(1.25) }, 0, 3.9528470752104714e-78, 1e-13},
		{"Pow(2**-1060, 0.25)", 0x1p-1060, func(x *Value) *Value { return x.Pow(0.25) }, 0x1p-265, 0.25 * 0x1p795, 1e-13},
		{"Pow(2**-1060, 1.25)", 0x1p-1060, func(x *Value) *Value { return x.Pow(1.25) }, 0, 1.25 * 0x1p-265, 1e-13},
		{"Pow(2.225073858507201e-308, 0.3)", 2.225073858507201e-308, func(x *Value) *Value { return x.Pow(0.3) }, 5.060615361081189e-93, 6.823075119595558e+214, 1e-13},
		{"Pow(-1e-310, 0.5)", -1e-310, func(x *Value) *Value { return x.Pow(0.5) }, math.NaN(), math.NaN(), 0},
		{"Pow(1e-310, 2)", 1e-310, func(x *Value) *Value { return x.Pow(2) }, 0, 2e-310, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := New(c.x)
			y := c.build(x)
			y.Backward()
			if !within(y.Data, c.want, c.tol) {
				t.Errorf("data %v, want %v", y.Data, c.want)
			}
			if !within(x.Grad, c.wantGrad, c.tol) {
				t.Errorf("grad %v, want %v", x.Grad, c.wantGrad)
			}
		})
	}
}

// within reports whether got is want within the relative error tol, or
// both are NaN.
func within(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return got == want || math.Abs(got-want) <= tol*math.Abs(want)
}
