package lesson

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
)

// A Result is what an exercise checker found. Print shows it under the
// checker cell and never stops the notebook; Must stops the cell unless
// the answer is right, for a test cell that grades it.
type Result struct {
	Exercise string // "Exercise 1"
	Right    string // what a right answer has shown, printed after "right!"
	Err      error  // nil for a right answer, ErrNotAnswered, or the mistake
}

// ErrNotAnswered is the Err of a Result whose exercise still holds the
// placeholder it was handed out with.
var ErrNotAnswered = errors.New("not answered yet (edit the TODO above)")

// String is the line Print shows: "Exercise 1: right! …", "Exercise 1:
// not answered yet …" or "Exercise 1: not yet right: …".
func (r Result) String() string {
	switch {
	case r.Err == nil:
		return r.Exercise + ": right! " + r.Right
	case errors.Is(r.Err, ErrNotAnswered):
		return r.Exercise + ": " + r.Err.Error()
	}
	return r.Exercise + ": not yet right: " + r.Err.Error()
}

// Print prints the Result's line.
func (r Result) Print() { fmt.Println(r) }

// Must prints the Result's line and panics unless the answer is right, so
// that a cell checking an answer fails for a wrong or missing one.
func (r Result) Must() {
	r.Print()
	if r.Err != nil {
		panic(r.Exercise + " is not right: " + r.Err.Error())
	}
}

// result returns the Result of exercise, right when check returns nil. A
// panic in the student's code (a nil Value, an unfinished stub) is caught
// and becomes the mistake, so that the checker cell still runs to its end.
func result(exercise, right string, check func() error) (r Result) {
	r = Result{Exercise: exercise, Right: right}
	defer func() {
		if p := recover(); p != nil {
			r.Err = fmt.Errorf("your code panicked: %v", p)
		}
	}()
	r.Err = check()
	return r
}

// A value is what the checkers need of a notebook's Value type P, a
// pointer: the lessons' own Value, or package autograd's. The fields Data
// and Grad are read by name (see data and grad).
type value[P any] interface {
	comparable
	Add(P) P
	Mul(P) P
	Backward()
}

// data and grad read the float64 fields Data and Grad of a Value; nan for
// a nil pointer.
func data(v any) float64 { return floatField(v, "Data") }
func grad(v any) float64 { return floatField(v, "Grad") }

func floatField(v any, name string) float64 {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return math.NaN()
	}
	f := rv.Elem().FieldByName(name)
	if f.Kind() != reflect.Float64 {
		panic(fmt.Sprintf("lesson: %T has no float64 field %s", v, name))
	}
	return f.Float()
}

// field reads any field of a Value by name, or nil.
func field(v any, name string) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil
	}
	f := rv.Elem().FieldByName(name)
	if !f.IsValid() {
		return nil
	}
	return f.Interface()
}

// near reports whether got is want to within 1e-9, relatively for large
// numbers; NaN is near nothing.
func near(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

// A unary describes an operation of one operand that an exercise asks
// for: its name as the notebook writes it, the true function and
// derivative, and where the checker looks.
type unary struct {
	name   string // "Log", "sigmoid"
	f, df  func(float64) float64
	dfText string    // the derivative as the lesson writes it: "1/x"
	at     float64   // where the classic mistakes are looked for
	more   []float64 // more inputs, of other signs and magnitudes
	lo, hi float64   // runPoints draws two more inputs from [lo, hi) on each run
}

// runPoints returns n numbers drawn from [lo, hi), different on every run
// of the program: a checker that tries them as well as its fixed inputs
// cannot be passed by an answer that hard-codes the numbers at the fixed
// ones. They are rounded to 3 decimals, to read well in a message.
func runPoints(n int, lo, hi float64) []float64 {
	p := make([]float64, n)
	for i := range p {
		p[i] = math.Round((lo+(hi-lo)*rand.Float64())*1000) / 1000
	}
	return p
}

// checkUnary runs op, the student's version of u, through the probes that
// catch the classic mistakes at u.at, one after another, and returns the
// first mistake found:
//
//   - op(x) returns x: the placeholder, not answered;
//   - the forward value is wrong;
//   - y = op(x) alone (the root's gradient 1): the gradient has the wrong
//     sign, is 0 (the graph is cut: computed from x.Data), or is not the
//     local derivative;
//   - y = op(x) * 3 (the result's gradient 3): the gradient misses the
//     factor out.Grad;
//   - y = op(x) + x (x used twice): the backward step assigns (=) instead of
//     adding (+=), so one of the two uses is lost.
//
// Then it tries z = k·op(x) at u.more and at two points of runPoints, with
// a factor k of either sign: a local derivative written in as a number,
// right at u.at only, fails there.
func checkUnary[P value[P]](u unary, newValue func(float64) P, op func(P) P) error {
	at, want := u.at, u.df(u.at)
	x := newValue(at)
	y := op(x)
	switch {
	case y == x:
		return ErrNotAnswered
	case reflect.ValueOf(y).IsNil():
		return fmt.Errorf("%s returned nil; return the new Value", u.name)
	case !near(data(y), u.f(at)):
		return fmt.Errorf("%s(%g).Data = %.6g, want %.6g", u.name, at, data(y), u.f(at))
	}
	y.Backward()
	switch g := grad(x); {
	case near(g, -want) && want != 0:
		return fmt.Errorf("y = %s(x) at x = %g gives dy/dx = %.6g: the sign is wrong, want %s = %.6g", u.name, at, g, u.dfText, want)
	case g == 0 && want != 0:
		return fmt.Errorf("y = %s(x) at x = %g gives dy/dx = 0, want %s = %.6g: no gradient reaches x. Is the result computed from x.Data (a plain number) instead of from x, or is its backward step missing?", u.name, at, u.dfText, want)
	case !near(g, want):
		return fmt.Errorf("y = %s(x) at x = %g gives dy/dx = %.6g, want %s = %.6g: the local derivative is wrong", u.name, at, g, u.dfText, want)
	}

	x = newValue(at)
	z := op(x).Mul(newValue(3))
	z.Backward()
	switch g := grad(x); {
	case near(g, want):
		return fmt.Errorf("z = 3·%s(x) gives dz/dx = %.6g, want 3 × %.6g = %.6g: the backward step leaves out the factor out.Grad. The chain rule multiplies the local derivative by the gradient of the result", u.name, g, want, 3*want)
	case !near(g, 3*want):
		return fmt.Errorf("z = 3·%s(x) gives dz/dx = %.6g, want 3 × %.6g = %.6g: multiply the local derivative by out.Grad", u.name, g, want, 3*want)
	}

	x = newValue(at)
	z = op(x).Add(x)
	z.Backward()
	switch g := grad(x); {
	case near(g, want) || near(g, 1):
		return fmt.Errorf("z = %s(x) + x, with x used twice, gives dz/dx = %.6g, want %.6g + 1 = %.6g: one use is lost. Does the backward step assign (=) where it must add (+=)?", u.name, g, want, want+1)
	case !near(g, want+1):
		return fmt.Errorf("z = %s(x) + x gives dz/dx = %.6g, want %.6g + 1 = %.6g", u.name, g, want, want+1)
	}

	for i, p := range append(append([]float64{}, u.more...), runPoints(2, u.lo, u.hi)...) {
		k := []float64{-2, 0.5}[i%2]
		x = newValue(p)
		y = op(x)
		if !near(data(y), u.f(p)) {
			return fmt.Errorf("%s(%g).Data = %.6g, want %.6g: right at x = %g, but not everywhere", u.name, p, data(y), u.f(p), at)
		}
		y.Mul(newValue(k)).Backward()
		if g, w := grad(x), k*u.df(p); !near(g, w) {
			return fmt.Errorf("z = %g·%s(x) at x = %g gives dz/dx = %.6g, want %g × %s = %.6g: the gradient is right at x = %g but not here. Is the local derivative a number written in, instead of computed from the operand's Data?", k, u.name, p, g, k, u.dfText, w, at)
		}
	}
	return nil
}
