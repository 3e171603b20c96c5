package lesson

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/nn"
)

// The checkers of the lessons' exercises, one per exercise, in the order of
// the lessons. Each returns a Result: a lesson's checker cell prints it,
//
//	lesson.CheckLog(New, (*Value).Log).Print()
//
// and a graded test cell requires it, lesson.CheckLog(New, (*Value).Log).Must().
// A checker that takes the notebook's own code (a function, a method) works
// with the lessons' Value and with package autograd's: it builds small graphs
// with the notebook's New, Add, Mul and Backward, and reads Data and Grad.
// Each one tells the classic mistakes apart and names the one it found: an
// assignment (=) where the backward step must add (+=), a backward step that
// forgets the factor out.Grad, a wrong local derivative, a wrong sign.

// Tested says, for each checker, what it tries, in the words that the
// exercise's text in the assignment (assignments/source) must contain:
// a test keeps the two in agreement. The points "drawn anew at every
// grading" come from runPoints.
var Tested = map[string]string{
	"CheckHandGradients":           "The test compares your four numbers with the gradients at a = 1, b = 4, c = -2, f = 3.",
	"CheckNeuronGradients":         "The test compares your four numbers with the gradients at x1 = 2, w1 = 0.5, x2 = -1, w2 = 1 and b = ln 2.",
	"CheckBackwardOrder":           "The test runs backwardOrder on f = d·(d + a) with d = a·b, on a lone Value, and on b = a + a.",
	"CheckSquarePrediction":        "The test compares your two numbers with what this engine leaves in a.Grad and with the true derivative.",
	"CheckCubePrediction":          "The test compares your number with dg/da at a = 2.",
	"CheckPoly":                    "The test tries poly at x = 2, x = -1 and two points between -5 and 5 drawn anew at every grading.",
	"CheckLog":                     "The test tries Log at x = 2 (alone, times 3, and plus x), then at x = 0.25, x = 40 and two points between 0.1 and 10 drawn anew at every grading.",
	"CheckDivDirect":               "The test tries DivDirect at v = -2, w = 4 (alone, times 3, in v/w + v + w, and g/g), then at v = 3, w = -0.5, at v = 0.7, w = 25 and at two pairs drawn anew at every grading.",
	"CheckDiffOfSquaresPrediction": "The test compares your two numbers with dh/da and dh/db at a = 3, b = 2.",
	"CheckSigmoid":                 "The test tries sigmoid at x = 0.5 (alone, times 3, and plus x), then at x = -2, x = 4 and two points between -5 and 5 drawn anew at every grading.",
	"CheckSoftplus":                "The test tries softplus at x = 1 (alone, times 3, and plus x), then at x = -3, x = 0.25 and two points between -4 and 4 drawn anew at every grading.",
	"CheckNumParams":               "The test compares numParams with len(model.Parameters()) for MLP(3, [4, 4, 1]), MLP(2, [16, 16, 1]), MLP(1, [1]), MLP(5, [3, 7]) and two shapes drawn anew at every grading.",
	"CheckLearningRate":            "The test trains newModel() for 20 steps with your rate, then checks the loss and the tanh outputs.",
	"CheckMatVecBackward":          "The test tries a square W, a 2 × 3 W, and a W whose shape and numbers are drawn anew at every grading.",
	"CheckDualDiv":                 "The test tries Div on three fixed pairs of dual numbers and on a pair drawn anew at every grading.",
	"CheckCrossEntropy":            "The test checks the loss and its gradient for the logits (2, 1, -1), (0.5, -2, 3, 1), (1000, 999, -5), (-1000, -1001) and (800, 0), and for logits drawn anew at every grading.",
	"CheckBatches":                 "The test tries batches(10, 3, rng), batches(12, 4, rng), batches(7, 7, rng) and a size drawn anew at every grading, and calls batches again for the next epoch.",
}

// CheckHandGradients checks lesson 00's exercise: the gradients of
// L = (a·b + c)·f at a = 1, b = 4, c = -2, f = 3, worked out by hand. With
// e = a·b = 4 and d = e + c = 2, they are dL/da = f·b = 12, dL/db = f·a = 3,
// dL/dc = f = 3 and dL/df = d = 2.
func CheckHandGradients(da, db, dc, df float64) Result {
	return result("Exercise 1", "dL/da = 12, dL/db = 3, dL/dc = 3, dL/df = 2: each the local derivative times the gradient from above.", func() error {
		got := [4]float64{da, db, dc, df}
		truth := [4]float64{12, 3, 3, 2}
		switch {
		case got == [4]float64{}:
			return ErrNotAnswered
		case got == truth:
			return nil
		case da == -12 || db == -3 || dc == -3 || df == -2:
			return fmt.Errorf("a sign is wrong: multiply the signs along the path from L")
		case df != 2:
			return fmt.Errorf("dL/df = %g; L = d·f, so dL/df is the other factor, d = a·b + c = 2", df)
		case da == 4 || db == 1 || dc == 1:
			return fmt.Errorf("(%g, %g, %g) stop at the local derivatives; the chain rule multiplies each by the gradient from above: dL/de = dL/dd = f = 3", da, db, dc)
		case da == 3 && db == 12:
			return fmt.Errorf("dL/da and dL/db are swapped: the local derivative of e = a·b with respect to a is b, and with respect to b it is a")
		case dc != 3:
			return fmt.Errorf("dL/dc = %g; a + passes the gradient on unchanged: dL/dc = dL/dd = f = 3", dc)
		}
		return fmt.Errorf("(%g, %g) for dL/da and dL/db; work from L down: dL/dd, then dL/de, then the local derivatives of e = a·b", da, db)
	})
}

// CheckNeuronGradients checks lesson 01's exercise: the gradients, worked
// out by hand, of a neuron o = tanh(x1·w1 + x2·w2 + b) at x1 = 2, w1 = 0.5,
// x2 = -1, w2 = 1 and b = ln 2, where n = ln 2 and o = tanh(ln 2) = 0.6, so
// do/dn = 1 - o² = 0.64. Then do/db = 0.64, do/dx1 = w1·0.64 = 0.32,
// do/dw1 = x1·0.64 = 1.28 and do/dw2 = x2·0.64 = -0.64.
func CheckNeuronGradients(db, dx1, dw1, dw2 float64) Result {
	const dn = 0.64
	return result("Exercise 1", "do/dn = 1 - o² = 0.64 reaches b unchanged through the + nodes, and each weight and input gets the other factor of its product times 0.64.", func() error {
		got := [4]float64{db, dx1, dw1, dw2}
		truth := [4]float64{dn, 0.5 * dn, 2 * dn, -dn}
		close := func(x, want float64) bool { return math.Abs(x-want) <= 1e-3 }
		switch {
		case got == [4]float64{}:
			return ErrNotAnswered
		case close(db, dn) && close(dx1, truth[1]) && close(dw1, truth[2]) && close(dw2, truth[3]):
			return nil
		case close(db, 1) || close(dw1, 2) || close(dx1, 0.5):
			return fmt.Errorf("tanh's local derivative is left out: o = tanh(n), so do/dn = 1 - o² = 0.64, and it multiplies every gradient below n")
		case close(db, 1-math.Ln2*math.Ln2):
			return fmt.Errorf("db = %g is 1 - n²: the derivative of tanh is 1 - tanh(n)², the square of the output o = 0.6, not of the input n", db)
		case close(db, 0.4):
			return fmt.Errorf("db = 0.4 is 1 - o; the derivative of tanh is 1 - o², with o squared")
		case close(db, 0.36) || close(db, 0.6):
			return fmt.Errorf("db = %g; do/dn is 1 - o² with o = 0.6, and a + passes it to b unchanged", db)
		case !close(db, dn):
			return fmt.Errorf("db = %g; a + passes its gradient on unchanged, so do/db = do/dn = 1 - o²", db)
		case close(dx1, truth[2]) && close(dw1, truth[1]):
			return fmt.Errorf("dx1 and dw1 are swapped: the local derivative of x1·w1 with respect to x1 is w1 = 0.5, and with respect to w1 it is x1 = 2")
		case close(dw2, dn):
			return fmt.Errorf("dw2 = 0.64 has the wrong sign: the local derivative of x2·w2 with respect to w2 is x2 = -1")
		case close(dw2, -1) || close(dw2, dn*dn):
			return fmt.Errorf("dw2 = %g; it is x2 times the gradient of x2·w2, which is 0.64", dw2)
		}
		return fmt.Errorf("(%g, %g, %g) for dx1, dw1, dw2: each is the other factor of its product times the product's gradient, 0.64", dx1, dw1, dw2)
	})
}

// CheckSquarePrediction checks lesson 02's first exercise: the predictions, for
// c = a*a at a = 3, of the a.Grad that lesson 02's engine before its fix leaves
// (the second write wins: 3) and of the true dc/da = 2a = 6. The answer is
// checked against these numbers, not against the notebook's engine, which
// a student may have changed.
func CheckSquarePrediction(buggy, correct float64) Result {
	return result("Exercise 1", "The second write leaves a.Grad = 3; the true dc/da = 2a = 6.", func() error {
		switch {
		case buggy == 0 && correct == 0:
			return ErrNotAnswered
		case correct == 3:
			return fmt.Errorf("correct = 3 counts one use of a; c = a·a uses it twice, and dc/da = 2a")
		case correct == 9:
			return fmt.Errorf("correct = 9 is c itself, not its derivative dc/da")
		case correct == -6:
			return fmt.Errorf("correct = -6 has the wrong sign: dc/da = 2a = +6 at a = 3")
		case correct != 6:
			return fmt.Errorf("correct = %g, want dc/da = 2a at a = 3", correct)
		case buggy == 6:
			return fmt.Errorf("buggy = 6 is the true derivative, what an engine that adds (+=) gives; this one assigns (=): Mul's backward step writes a.Grad twice, and the second write replaces the first")
		case buggy != 3:
			return fmt.Errorf("buggy = %g; Mul's backward step writes a.Grad = w.Data·out.Grad twice, with a as v and as w: which number does the last write leave?", buggy)
		}
		return nil
	})
}

// CheckCubePrediction checks lesson 02's third exercise: the prediction of
// dg/da for g = a*a*a + a at a = 2, which is 3a² + 1 = 13.
func CheckCubePrediction(dgda float64) Result {
	return result("Exercise 3", "dg/da = 3a² + 1 = 13, and the engine agrees.", func() error {
		switch dgda {
		case 0:
			return ErrNotAnswered
		case 13:
			return nil
		case 4:
			return fmt.Errorf("4 is what the engine before the fix, which assigns (=), leaves in a.Grad: each use of a must add its share")
		case 12:
			return fmt.Errorf("12 = 3a² counts the uses of a in a·a·a but not the last one, + a, which adds 1")
		case -13:
			return fmt.Errorf("-13 has the wrong sign: every term of g grows with a")
		case 9:
			return fmt.Errorf("9 = a³ + 1: the derivative of a³ is 3a², not a³")
		case 5:
			return fmt.Errorf("5 = 2a + 1 is the derivative of a² + a; g has a³")
		}
		return fmt.Errorf("dg/da = %g; hint: the derivative of a³ is 3a², that of a is 1, and they add", dgda)
	})
}

// CheckBackwardOrder checks lesson 02's second exercise: order returns the
// nodes of root's graph in the order the backward pass visits them, root
// first and every node before the nodes it was built from. It builds a
// graph in which one inner node is used twice, d = a·b, s = d + a,
// f = d·s, because a tree would let a wrong walk pass, and tells the
// classic mistakes apart: no visited set (a node listed twice), the order
// not reversed (root last), a node appended before its operands are
// visited (d before s, which was built from it). Then it tries a lone
// Value and b = a + a. The graphs' Values come from the notebook's New,
// their operands set in the field Prev, so that the check needs no
// operation of the student's (an unfinished Add does not fail it).
func CheckBackwardOrder[P comparable](newValue func(float64) P, order func(P) []P) Result {
	return result("Exercise 2", "f, s, d come in that order, and the inputs after them: every node before the nodes it was built from.", func() error {
		// built returns a Value with data x and the operands ops in Prev.
		built := func(x float64, ops ...P) P {
			n := newValue(x)
			reflect.ValueOf(n).Elem().FieldByName("Prev").Set(reflect.ValueOf(ops))
			return n
		}
		a, b := newValue(2), newValue(3)
		d := built(6, a, b)
		s := built(8, d, a)
		f := built(48, d, s)
		names := map[P]string{a: "a", b: "b", d: "d = a·b", s: "s = d + a", f: "f = d·s (the root)"}
		got := order(f)
		if len(got) == 0 {
			return ErrNotAnswered
		}
		count := map[P]int{}
		for _, n := range got {
			if _, ok := names[n]; !ok {
				return fmt.Errorf("the list holds a Value that is not in f's graph (%v)", n)
			}
			count[n]++
		}
		for _, n := range []P{d, a, b, s, f} {
			switch {
			case count[n] > 1:
				return fmt.Errorf("%s is listed %d times: without a visited set, a node reached along two paths is listed once per path, and its backward step would run more than once", names[n], count[n])
			case count[n] == 0:
				return fmt.Errorf("%s is missing: the list must hold every node of the graph once, the root and the inputs too", names[n])
			}
		}
		at := map[P]int{}
		for i, n := range got {
			at[n] = i
		}
		// first returns a node and one of its operands that got lists in
		// the wrong order for the backward pass (the operand first), or
		// for the depth-first walk's list (the node first); ok when none.
		first := func(backward bool) (user, operand P, ok bool) {
			for _, n := range []P{f, s, d} {
				for _, p := range field(n, "Prev").([]P) {
					if (at[p] < at[n]) == backward {
						return n, p, false
					}
				}
			}
			return user, operand, true
		}
		user, operand, ok := first(true)
		switch {
		case ok:
			return smallGraphs(newValue, order, built)
		case slices.Equal(got, []P{f, d, a, b, s}):
			return fmt.Errorf("%s comes before %s, which was built from it: your walk appends a node when it first reaches it, before visiting its operands. Append a node after the loop over its operands; that list, reversed, is the order", names[d], names[s])
		case slices.Equal(got, []P{s, b, a, d, f}):
			return fmt.Errorf("the root comes last, after %s: your walk appends a node before visiting its operands, and then reverses. Append a node after the loop over its operands; reversing that list gives the order", names[s])
		}
		if _, _, built := first(false); built {
			return fmt.Errorf("the list is the wrong way round: the root comes last, every node after its operands. That is the order the depth-first walk builds; the backward pass walks it from the end: reverse it")
		}
		return fmt.Errorf("%s comes before %s, which was built from it: the backward pass must reach a node only after every node built from it", names[operand], names[user])
	})
}

// smallGraphs tries order on two more graphs, once it got f = d·(d + a)
// right: a lone Value, whose list is itself, and b = a + a, whose list
// is b, a, with a once although b uses it twice.
func smallGraphs[P comparable](newValue func(float64) P, order func(P) []P, built func(float64, ...P) P) error {
	lone := newValue(1)
	if got := order(lone); !slices.Equal(got, []P{lone}) {
		return fmt.Errorf("for a lone Value (an input, no operands) the list must hold just that Value; it holds %d", len(got))
	}
	a := newValue(3)
	b := built(6, a, a)
	if got := order(b); !slices.Equal(got, []P{b, a}) {
		return fmt.Errorf("for b = a + a the list must be b, a: a once, although b uses it twice; it holds %d Values", len(got))
	}
	return nil
}

// CheckPoly checks lesson 03's exercise: poly builds p(x) = 3x² + 2x + 1
// with the generic Add and Mul. It tries [Tested]["CheckPoly"]: x = 2
// (p = 17, dp/dx = 14), x = -1 (p = 2, dp/dx = -4), then two points of
// each run.
func CheckPoly[P value[P]](newValue func(float64) P, poly func(P) P) Result {
	return result("Exercise 1", "p(2) = 17 and dp/dx = 14.", func() error {
		for _, x := range append([]float64{2, -1}, runPoints(2, -5, 5)...) {
			in := newValue(x)
			p := poly(in)
			if p == in {
				return ErrNotAnswered
			}
			want, wantGrad := 3*x*x+2*x+1, 6*x+2
			if got := data(p); !near(got, want) {
				switch {
				case near(got, 3*x*x-2*x+1) || near(got, 3*x*x+2*x-1) || near(got, -3*x*x+2*x+1):
					return fmt.Errorf("p(%g) = %g, want %g: a term has the wrong sign", x, got, want)
				case near(got, 3*x*x+2*x):
					return fmt.Errorf("p(%g) = %g, want %g: the constant term + 1 is missing", x, got, want)
				}
				return fmt.Errorf("p(%g) = %g, want 3x² + 2x + 1 = %g: check each term", x, got, want)
			}
			p.Backward()
			if g := grad(in); !near(g, wantGrad) {
				return fmt.Errorf("p(%g) is right, but dp/dx = %g, want 6x + 2 = %g: a term is computed from x.Data, a plain number, so no gradient flows through it; build every term from x", x, g, wantGrad)
			}
		}
		return nil
	})
}

// CheckLog checks lesson 04's exercise, the method Log with its backward
// step: pass the notebook's New and the method expression (*Value).Log.
// It tries [Tested]["CheckLog"].
func CheckLog[P value[P]](newValue func(float64) P, log func(P) P) Result {
	return result("Exercise 1", "ln 2 ≈ 0.6931, its gradient is 1/2, 3·ln x passes 3/2 on, and x used twice collects both uses.", func() error {
		return checkUnary(unary{name: "Log", f: math.Log, df: func(x float64) float64 { return 1 / x }, dfText: "1/x",
			at: 2, more: []float64{0.25, 40}, lo: 0.1, hi: 10}, newValue, log)
	})
}

// CheckDivDirect checks lesson 05's exercise, division as one node: pass
// the notebook's New and (*Value).DivDirect. Besides the value, Op "/" and
// Prev {v, w}, it tells apart a wrong sign of ∂/∂w = -v/w², swapped
// derivatives, a missing factor out.Grad (in 3·(v/w)), and an assignment
// where the backward step must add (v/w + v + w, and g/g). Then it tries
// more operands, of both signs, two of them drawn on each run
// ([Tested]["CheckDivDirect"]).
func CheckDivDirect[P value[P]](newValue func(float64) P, div func(P, P) P) Result {
	return result("Exercise 1", "one node, the same value and gradients as e * f**-1, 3·(e/f) passes 3 times as much on, and g/g has gradient 0.", func() error {
		e, f := newValue(-2), newValue(4)
		q := div(e, f)
		switch {
		case q == e:
			return ErrNotAnswered
		case reflect.ValueOf(q).IsNil():
			return fmt.Errorf("DivDirect returned nil; return the new Value")
		case !near(data(q), -0.5):
			return fmt.Errorf("e/f with e = -2, f = 4 gives Data %g, want -0.5", data(q))
		case field(q, "Op") != "/":
			return fmt.Errorf("the result's Op is %q, want \"/\": one node of its own", field(q, "Op"))
		}
		if prev, _ := field(q, "Prev").([]P); !slices.Equal(prev, []P{e, f}) {
			return fmt.Errorf("the result's Prev must be its two operands, v then w")
		}
		q.Backward()
		de, df := grad(e), grad(f)
		switch {
		case near(de, 0.25) && near(df, -0.125):
			return fmt.Errorf("∂q/∂w = %g, want -v/w² = 0.125 (v = -2, w = 4): the sign is wrong", df)
		case near(de, -0.25):
			return fmt.Errorf("∂q/∂v = %g, want 1/w = 0.25: the sign is wrong", de)
		case near(de, 0.125) && near(df, 0.25):
			return fmt.Errorf("∂q/∂v = 0.125 and ∂q/∂w = 0.25: the two local derivatives are swapped; v gets 1/w, w gets -v/w²")
		case !near(de, 0.25):
			return fmt.Errorf("∂q/∂v = %g, want 1/w = 0.25: the local derivative is wrong", de)
		case !near(df, 0.125):
			return fmt.Errorf("∂q/∂w = %g, want -v/w² = 0.125: the local derivative is wrong", df)
		}

		e, f = newValue(-2), newValue(4)
		div(e, f).Mul(newValue(3)).Backward()
		switch de, df := grad(e), grad(f); {
		case near(de, 0.25) || near(df, 0.125):
			return fmt.Errorf("3·(e/f) gives gradients %g and %g, want 0.75 and 0.375: the backward step leaves out the factor out.Grad. The chain rule multiplies each local derivative by the gradient of the result", de, df)
		case !near(de, 0.75) || !near(df, 0.375):
			return fmt.Errorf("3·(e/f) gives gradients %g and %g, want 0.75 and 0.375: multiply each local derivative by out.Grad", de, df)
		}

		v, w := newValue(-2), newValue(4)
		div(v, w).Add(v).Add(w).Backward() // ∂/∂v = 1/w + 1, ∂/∂w = -v/w² + 1
		if !near(grad(v), 1.25) || !near(grad(w), 1.125) {
			return fmt.Errorf("v/w + v + w gives gradients %g and %g, want 0.25 + 1 and 0.125 + 1: the uses of v and w outside the division are lost. Does the backward step assign (=) where it must add (+=)?", grad(v), grad(w))
		}
		g := newValue(3)
		div(g, g).Backward() // g/g = 1: the gradient is 1/g - g/g² = 0
		if !near(grad(g), 0) {
			return fmt.Errorf("g/g gives g.Grad = %.4g, want 1/g - g/g² = 0: with v and w the same Value, the second write replaces the first. Add (+=) to both operands", grad(g))
		}
		r := runPoints(4, 0.5, 5)
		for _, p := range [][2]float64{{3, -0.5}, {0.7, 25}, {r[0], -r[1]}, {-r[2], r[3]}} {
			v, w := newValue(p[0]), newValue(p[1])
			q := div(v, w)
			if !near(data(q), p[0]/p[1]) {
				return fmt.Errorf("%g/%g gives Data %.6g, want %.6g: right at -2/4 but not here", p[0], p[1], data(q), p[0]/p[1])
			}
			q.Mul(newValue(-2)).Backward()
			if dv, dw := -2/p[1], 2*p[0]/(p[1]*p[1]); !near(grad(v), dv) || !near(grad(w), dw) {
				return fmt.Errorf("-2·(v/w) at v = %g, w = %g gives gradients %.6g and %.6g, want -2/w = %.6g and 2v/w² = %.6g: right at v = -2, w = 4 but not here. Are the local derivatives numbers written in, instead of computed from v.Data and w.Data?", p[0], p[1], grad(v), grad(w), dv, dw)
			}
		}
		return nil
	})
}

// CheckDiffOfSquaresPrediction checks lesson 06's exercise: the
// predictions of ∂h/∂a and ∂h/∂b for h = (a - b)(a + b) at a = 3, b = 2,
// which are 2a = 6 and -2b = -4.
func CheckDiffOfSquaresPrediction(dhda, dhdb float64) Result {
	return result("Exercise 1", "h = a² - b², so dh/da = 2a = 6 and dh/db = -2b = -4.", func() error {
		switch [2]float64{dhda, dhdb} {
		case [2]float64{0, 0}:
			return ErrNotAnswered
		case [2]float64{6, -4}:
			return nil
		case [2]float64{6, 4}, [2]float64{-6, 4}, [2]float64{-6, -4}:
			return fmt.Errorf("a sign is wrong: h = a² - b² grows with a and shrinks as b grows")
		case [2]float64{2, 0}:
			return fmt.Errorf("(2, 0) adds the local derivatives of a - b and a + b (±1) but leaves out the gradients they pass on, ∂h/∂(a-b) = a + b = 5 and ∂h/∂(a+b) = a - b = 1")
		case [2]float64{5, -5}, [2]float64{1, 1}:
			return fmt.Errorf("(%g, %g) follows one path only; a and b each reach h through a - b and through a + b, and the two contributions add", dhda, dhdb)
		}
		return fmt.Errorf("(%g, %g); hint: (a - b)(a + b) = a² - b²", dhda, dhdb)
	})
}

// CheckSigmoid checks lesson 07's exercise: sigmoid built from pieces,
// σ(x) = 1/(1 + e^-x), whose derivative is σ(x)(1 - σ(x)). It tries
// [Tested]["CheckSigmoid"].
func CheckSigmoid[P value[P]](newValue func(float64) P, sigmoid func(P) P) Result {
	s := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	return result("Exercise 1", "σ(0.5) ≈ 0.6225 and the gradient is σ(1-σ) ≈ 0.2350.", func() error {
		x := newValue(0.5)
		if y := sigmoid(x); y != x && !reflect.ValueOf(y).IsNil() && near(data(y), s(-0.5)) {
			return fmt.Errorf("sigmoid(0.5) = %.4f = 1/(1 + e^x): the exponent needs its minus sign, e^-x", data(y))
		}
		return checkUnary(unary{name: "sigmoid", f: s, df: func(x float64) float64 { return s(x) * (1 - s(x)) }, dfText: "σ(x)(1 - σ(x))",
			at: 0.5, more: []float64{-2, 4}, lo: -5, hi: 5}, newValue, sigmoid)
	})
}

// CheckSoftplus checks lesson 08's exercise: softplus, ln(1 + e^x), whose
// derivative is σ(x). It tries [Tested]["CheckSoftplus"].
func CheckSoftplus[P value[P]](newValue func(float64) P, softplus func(P) P) Result {
	return result("Exercise 1", "sp(1) ≈ 1.3133 and its gradient is σ(1) ≈ 0.7311.", func() error {
		return checkUnary(unary{name: "softplus", f: func(x float64) float64 { return math.Log(1 + math.Exp(x)) },
			df: func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }, dfText: "σ(x)",
			at: 1, more: []float64{-3, 0.25}, lo: -4, hi: 4}, newValue, softplus)
	})
}

// CheckNumParams checks lesson 09's first exercise, numParams(nin,
// sizes): the number of weights and biases of MLP(nin, sizes), a layer of
// m neurons with n inputs each holding (n+1)·m. It compares numParams
// with len(model.Parameters()) of networks built with package nn, of
// fixed shapes and of two shapes drawn on each run ([Tested]["CheckNumParams"]).
func CheckNumParams(numParams func(nin int, sizes []int) int) Result {
	return result("Exercise 1", "MLP(3, [4, 4, 1]) has 41 parameters, micrograd's moons network 337.", func() error {
		if numParams(3, []int{4, 4, 1}) == 0 {
			return ErrNotAnswered
		}
		type shape struct {
			nin   int
			sizes []int
		}
		shapes := []shape{{3, []int{4, 4, 1}}, {2, []int{16, 16, 1}}, {1, []int{1}}, {5, []int{3, 7}}}
		for range 2 {
			sizes := make([]int, 1+rand.IntN(3))
			for i := range sizes {
				sizes[i] = 1 + rand.IntN(9)
			}
			shapes = append(shapes, shape{1 + rand.IntN(9), sizes})
		}
		for _, s := range shapes {
			want := len(nn.NewMLP(rand.New(rand.NewPCG(1, 2)), s.nin, s.sizes, nn.Tanh, nn.Tanh).Parameters())
			noBias, sameInputs := 0, 0
			for i, n := range s.sizes {
				in := s.nin
				if i > 0 {
					in = s.sizes[i-1]
				}
				noBias += in * n
				sameInputs += (s.nin + 1) * n
			}
			got := numParams(s.nin, s.sizes)
			switch {
			case got == want:
				continue
			case got == noBias:
				return fmt.Errorf("numParams(%d, %v) = %d counts the weights but not the biases: every neuron has one bias too", s.nin, s.sizes, got)
			case got == sameInputs:
				return fmt.Errorf("numParams(%d, %v) = %d gives every layer %d inputs; a layer reads the outputs of the layer before it", s.nin, s.sizes, got, s.nin)
			}
			return fmt.Errorf("MLP(%d, %v) has %d parameters, numParams says %d. Hint: a layer of m neurons with n inputs each holds (n+1)·m", s.nin, s.sizes, want, got)
		}
		return nil
	})
}

// Samples and Targets are the four samples of micrograd's first training
// loop and their targets, which lesson 09 trains on.
var (
	Samples = [][]float64{{2, 3, -1}, {3, -1, 0.5}, {0.5, 1, 1}, {1, 1, -1}}
	Targets = []float64{1, -1, -1, 1}
)

// The learning-rate exercise of lesson 09 asks for a rate that brings the
// loss below TargetLoss in Steps steps, without saturating: a tanh output
// beyond ±SaturatedTanh has the slope 1 - t² < 0.02, and at least a third
// of them saturated means the rate only "works" because the network has
// pushed its neurons flat against ±1.
const (
	TargetLoss    = 0.01
	Steps         = 20
	SaturatedTanh = 0.99
)

// CheckLearningRate checks lesson 09's second exercise: newModel's network,
// trained for Steps steps of gradient descent with rate lr on Samples (the
// loss is the sum of squared errors), must end with a loss below
// TargetLoss, and with fewer than a third of its tanh outputs (every
// neuron's, on every sample) beyond ±SaturatedTanh.
func CheckLearningRate(lr float64, newModel func() *nn.MLP) Result {
	var loss float64
	r := result("Exercise 2", "", func() error {
		if lr == 0 {
			return ErrNotAnswered
		}
		model := newModel()
		params := model.Parameters()
		for step := 0; step <= Steps; step++ {
			preds := make([]*autograd.Value, len(Samples))
			for i, x := range Samples {
				preds[i] = model.Forward(nn.Inputs(x))[0]
			}
			l := nn.SumSquaredError(preds, Targets)
			if loss = l.Data; step == Steps {
				break
			}
			nn.ZeroGrad(params)
			l.Backward()
			nn.SGD(params, lr)
		}
		saturated, outputs := 0, 0
		for _, x := range Samples {
			in := nn.Inputs(x)
			for _, layer := range model.Layers {
				in = layer.Forward(in)
				for _, t := range in {
					outputs++
					if math.Abs(t.Data) > SaturatedTanh {
						saturated++
					}
				}
			}
		}
		switch {
		case lr < 0:
			return fmt.Errorf("η = %g is negative: the update then climbs the loss (loss %.4f after %d steps)", lr, loss, Steps)
		case !(loss < TargetLoss) && lr <= 0.1:
			return fmt.Errorf("with η = %g the loss after %d steps is %.4f; a larger step gets further", lr, Steps, loss)
		case !(loss < TargetLoss):
			return fmt.Errorf("with η = %g the loss after %d steps is %.4f: the steps overshoot; try a value between 0.05 and this one", lr, Steps, loss)
		case 3*saturated >= outputs:
			return fmt.Errorf("with η = %g the loss is %.2g, but %d of the %d tanh outputs (each neuron on each sample) are beyond ±%g, where the slope 1 - t² is below 0.02: the network got there by pushing its neurons flat against ±1, where it can hardly learn anything else. Try a smaller rate", lr, loss, saturated, outputs, SaturatedTanh)
		}
		return nil
	})
	r.Right = fmt.Sprintf("with η = %g the loss after %d steps is %.4f, and the neurons still have room to learn.", lr, Steps, loss)
	return r
}
