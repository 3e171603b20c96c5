package autograd

import (
	"reflect"
	"slices"
	"testing"
)

// opMethods calls every method of *Value that takes nothing, a *Value or a
// float64 and returns a *Value, at x (and y, or 2.5 for a number), and
// returns the methods by the op of the Value they made.
func opMethods(x, y *Value) map[*op][]string {
	made := map[*op][]string{}
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
// operation: an op in the table, with a name, one or two operands, a
// forward formula and local derivatives; a method that makes it; Apply
// rebuilding it from its Op; and derivatives that agree with finite
// differences.
func TestEveryOpIsComplete(t *testing.T) {
	made := opMethods(New(0.7), New(1.3))
	names := map[string]bool{}
	for _, o := range ops {
		switch {
		case o.name == "" || names[o.name]:
			t.Errorf("op %q: every op needs a name of its own", o.name)
		case o.operands != 1 && o.operands != 2:
			t.Errorf("op %q: takes %d operands, want 1 or 2", o.name, o.operands)
		case o.forward == nil || o.local == nil:
			t.Errorf("op %q: forward and local must both be set", o.name)
		case len(made[o]) == 0:
			t.Errorf("op %q: no method of *Value makes it; write one that calls apply(op, ...)", o.name)
		}
		names[o.name] = true
	}
	for o, methods := range made {
		if o == nil || !slices.Contains(ops, o) {
			t.Errorf("%v make a Value with an op that is not in the table; define it with define", methods)
		}
	}
	if t.Failed() {
		return // the checks below would call what is missing
	}
	for _, x := range []float64{0.3, 1.7} {
		for o, methods := range opMethods(New(x).Named("x"), New(1.3).Named("y")) {
			for _, m := range methods {
				checkOp(t, o, m, x)
			}
		}
	}
}

// checkOp checks the Value that method m makes from x and y = 1.3, with
// op o at its root.
func checkOp(t *testing.T, o *op, m string, x float64) {
	t.Helper()
	xv, yv := New(x).Named("x"), New(1.3).Named("y")
	out := reflect.ValueOf(xv).MethodByName(m)
	args := []reflect.Value{}
	switch out.Type().NumIn() {
	case 1:
		if out.Type().In(0) == reflect.TypeFor[float64]() {
			args = append(args, reflect.ValueOf(2.5))
		} else {
			args = append(args, reflect.ValueOf(yv))
		}
	}
	v := out.Call(args)[0].Interface().(*Value)
	if o != pow && v.Op != o.name {
		t.Errorf("%s(%g): Op %q, want the op's name %q", m, x, v.Op, o.name)
	}
	if again, err := Apply(v.Op, v.Prev...); err != nil || again.op != o || again.Data != v.Data {
		t.Errorf("%s(%g): Apply(%q) = %v, %v; want %v", m, x, v.Op, again, err, v)
	}
	for _, r := range GradCheck(v) {
		if !r.OK {
			t.Errorf("%s(%g): d/d%s: Backward %g, finite differences %g", m, x, r.Label, r.Analytic, r.Numeric)
		}
	}
}
