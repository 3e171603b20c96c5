package training

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gograd/gograd/internal/gonb/gonbtest"
	"github.com/gograd/gograd/nn"
)

// TestTrainingHeldOut checks that each step records the accuracy on the
// held-out points that nn.Accuracy gives for the model's forward pass at
// that step, that the summary and the view's data carry it, and that a
// run without held-out points records NaN and sends none.
func TestTrainingHeldOut(t *testing.T) {
	gonbtest.FakeTerminal(t)
	X, y := nn.Moons(120, 0.2, rand.New(rand.NewPCG(1, 0)))
	train, trainY, held, heldY := X[:40], y[:40], X[40:], y[40:]
	model := nn.NewMLP(rand.New(rand.NewPCG(2, 0)), 2, []int{8, 1}, nn.ReLU, nn.Linear)
	params := model.Parameters()
	rec, plain := NewRecorder(model, train, trainY), NewRecorder(model, train, trainY)
	rec.HeldOut(held, heldY)
	var want []float64
	for range 15 {
		want = append(want, nn.Accuracy(model.Scores(nil, held), heldY))
		scores := model.Scores(nil, train)
		loss := nn.MaxMarginLoss(scores, trainY)
		nn.ZeroGrad(params)
		loss.Backward()
		if err := rec.Record(loss, scores); err != nil {
			t.Fatal(err)
		}
		plain.Record(loss, scores)
		nn.SGD(params, 0.1)
	}
	for k, s := range rec.Steps() {
		if s.HeldOut != want[k] {
			t.Errorf("step %d: held-out accuracy %v, want nn.Accuracy's %v", k, s.HeldOut, want[k])
		}
		if !math.IsNaN(plain.Steps()[k].HeldOut) {
			t.Errorf("step %d: without held-out points, HeldOut = %v, want NaN", k, plain.Steps()[k].HeldOut)
		}
	}
	if want[0] == want[len(want)-1] {
		t.Errorf("the held-out accuracy stayed at %v: the test shows nothing", want[0])
	}
	summary := rec.summary()
	if wantText := "held-out accuracy"; !strings.Contains(summary, wantText) || strings.Contains(plain.summary(), wantText) {
		t.Errorf("summaries %q and %q: only the first should mention %q", summary, plain.summary(), wantText)
	}
	for _, c := range []struct {
		rec  *Recorder
		want int
	}{{rec, 15}, {plain, 0}} {
		d, err := c.rec.data()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(d)
		var back struct {
			HeldOut []float64 `json:"heldOut"`
		}
		json.Unmarshal(b, &back)
		if len(back.HeldOut) != c.want || c.want > 0 && back.HeldOut[c.want-1] != want[c.want-1] {
			t.Errorf("the view's data holds held-out accuracies %v, want %d of them ending in the last step's", back.HeldOut, c.want)
		}
	}
}

func TestTrainingHeldOutErrors(t *testing.T) {
	gonbtest.FakeTerminal(t)
	X, y := nn.Moons(10, 0.1, rand.New(rand.NewPCG(1, 0)))
	model := nn.NewMLP(rand.New(rand.NewPCG(2, 0)), 2, []int{3, 1}, nn.ReLU, nn.Linear)
	scores := model.Scores(nil, X)
	loss := nn.MaxMarginLoss(scores, y)
	late := NewRecorder(model, X, y)
	late.Record(loss, scores)
	late.HeldOut(X, y)
	for _, tc := range []struct {
		setUp func(*Recorder)
		want  string
	}{
		{func(r *Recorder) { r.HeldOut(X, y[:4]) }, "HeldOut: got 10 points and 4 labels"},
		{func(r *Recorder) { r.HeldOut(nil, nil) }, "HeldOut: got 0 points and 0 labels"},
		{func(r *Recorder) { r.HeldOut([][]float64{{1, 2, 3}}, []float64{1}) }, "HeldOut: point 0 has 3 coordinates, the model takes 2 inputs"},
	} {
		rec := NewRecorder(model, X, y)
		tc.setUp(rec)
		if err := rec.Record(loss, scores); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Record: %v, want %q", err, tc.want)
		}
	}
	if err := late.Show(); err == nil || !strings.Contains(err.Error(), "HeldOut was called after the first Record") {
		t.Errorf("HeldOut after Record: Show says %v", err)
	}
}
