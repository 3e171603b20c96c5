package training

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gograd/gograd/display"
	"github.com/gograd/gograd/internal/gonb"
	"github.com/gograd/gograd/internal/gonb/gonbtest"
	"github.com/gograd/gograd/internal/page"
	"github.com/gograd/gograd/internal/page/pagetest"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/nn"
)

// A run is a training run of micrograd's moons demo, or of another
// network on the moons: what the lessons train.
type run struct {
	sizes         []int
	hidden, out   nn.Activation
	points, steps int
	arena         bool
}

var demoRun = run{sizes: []int{16, 16, 1}, hidden: nn.ReLU, out: nn.Linear, points: 100, steps: 100, arena: true}

// train runs r, calling record after each step's Backward, before the
// update, and returns the model.
func (r run) train(record func(model *nn.MLP, loss *autograd.Value, scores []*autograd.Value)) *nn.MLP {
	X, y := nn.Moons(r.points, 0.1, rand.New(rand.NewPCG(1, 0)))
	model := nn.NewMLP(rand.New(rand.NewPCG(2, 0)), 2, r.sizes, r.hidden, r.out)
	params := model.Parameters()
	var arena *autograd.Arena
	if r.arena {
		arena = autograd.NewArena()
	}
	for k := range r.steps {
		arena.Reset()
		scores := model.Scores(arena, X)
		loss := nn.MaxMarginLoss(scores, y).Add(nn.L2(params, 1e-4))
		nn.ZeroGrad(params)
		loss.Backward()
		record(model, loss, scores)
		nn.SGD(params, 1-0.9*float64(k)/float64(r.steps))
	}
	return model
}

// record trains r with a Training recording it.
func (r run) record(t *testing.T) *Recorder {
	t.Helper()
	X, y := nn.Moons(r.points, 0.1, rand.New(rand.NewPCG(1, 0)))
	var rec *Recorder
	r.train(func(model *nn.MLP, loss *autograd.Value, scores []*autograd.Value) {
		if rec == nil {
			rec = NewRecorder(model, X, y)
		}
		if err := rec.Record(loss, scores); err != nil {
			t.Fatal(err)
		}
	})
	return rec
}

// demoRecording is the demo's run, recorded outside a notebook, for the
// tests that only read it.
var demoRecording = sync.OnceValues(func() (*Recorder, error) {
	X, y := nn.Moons(demoRun.points, 0.1, rand.New(rand.NewPCG(1, 0)))
	var rec *Recorder
	var err error
	demoRun.train(func(model *nn.MLP, loss *autograd.Value, scores []*autograd.Value) {
		if rec == nil {
			rec = NewRecorder(model, X, y)
		}
		if e := rec.Record(loss, scores); e != nil && err == nil {
			err = e
		}
	})
	return rec, err
})

// recorded trains r with a Training recording it; the demo's is shared.
func (r run) recorded(t *testing.T) *Recorder {
	t.Helper()
	if slices.Equal(r.sizes, demoRun.sizes) && r.steps == demoRun.steps && !gonb.InNotebook {
		rec, err := demoRecording()
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	return r.record(t)
}

// TestTrainingRecordsTheRun checks that every number recorded at every
// step is that of a plain run of the same training, without a recorder,
// to the last bit, and that recording does not change the training.
func TestTrainingRecordsTheRun(t *testing.T) {
	for _, r := range []run{demoRun, {sizes: []int{4, 3, 1}, hidden: nn.Tanh, out: nn.Sigmoid, points: 30, steps: 20}} {
		rec := r.recorded(t)
		_, y := nn.Moons(r.points, 0.1, rand.New(rand.NewPCG(1, 0)))
		var plain []Step
		model := r.train(func(model *nn.MLP, loss *autograd.Value, scores []*autograd.Value) {
			s := Step{Loss: loss.Data, Accuracy: nn.Accuracy(scores, y)}
			for _, v := range scores {
				s.Scores = append(s.Scores, v.Data)
			}
			for _, p := range model.Parameters() {
				s.Params, s.Grads = append(s.Params, p.Data), append(s.Grads, p.Grad)
			}
			plain = append(plain, s)
		})
		got := rec.Steps()
		if len(got) != r.steps {
			t.Fatalf("%v: recorded %d steps, want %d", r.sizes, len(got), r.steps)
		}
		for k, want := range plain {
			s := got[k]
			if s.Loss != want.Loss || s.Accuracy != want.Accuracy {
				t.Errorf("%v step %d: loss %v, accuracy %v; the plain run's %v, %v", r.sizes, k, s.Loss, s.Accuracy, want.Loss, want.Accuracy)
			}
			for _, c := range []struct {
				what      string
				got, want []float64
			}{{"scores", s.Scores, want.Scores}, {"weights", s.Params, want.Params}, {"gradients", s.Grads, want.Grads}} {
				if len(c.got) != len(c.want) {
					t.Fatalf("%v step %d: %d %s, want %d", r.sizes, k, len(c.got), c.what, len(c.want))
				}
				for i := range c.want {
					if c.got[i] != c.want[i] {
						t.Fatalf("%v step %d: %s[%d] = %v, the plain run's %v", r.sizes, k, c.what, i, c.got[i], c.want[i])
					}
				}
			}
		}
		for i, p := range model.Parameters() {
			if p.Data != rec.params[i].Data {
				t.Fatalf("%v: after training, parameter %d is %v with the recorder, %v without", r.sizes, i, rec.params[i].Data, p.Data)
			}
		}
	}
}

// TestTrainingGridIsTheModelsScore checks that the boundary recorded on
// every cell of the grid is the score that the engine's forward pass
// gives there, with the weights of that step: at every step for a small
// network with tanh and sigmoid, at a few for the demo's.
func TestTrainingGridIsTheModelsScore(t *testing.T) {
	for _, tc := range []struct {
		r     run
		steps []int
	}{
		{run{sizes: []int{4, 3, 1}, hidden: nn.Tanh, out: nn.Sigmoid, points: 30, steps: 20}, nil},
		{demoRun, []int{0, 1, 50, 99}},
	} {
		rec := tc.r.recorded(t)
		pl := rec.plane
		if pl == nil || pl.cols != 48 || pl.rows < 10 {
			t.Fatalf("%v: the plane is %+v, want 48 columns", tc.r.sizes, pl)
		}
		// Square cells, the points inside.
		if w, h := (pl.x1-pl.x0)/float64(pl.cols), (pl.y1-pl.y0)/float64(pl.rows); math.Abs(w-h) > 1e-12 {
			t.Errorf("cells %g wide and %g high", w, h)
		}
		for _, x := range rec.points {
			if x[0] < pl.x0 || x[0] > pl.x1 || x[1] < pl.y0 || x[1] > pl.y1 {
				t.Errorf("point %v is off the plane %+v", x, *pl)
			}
		}
		steps := tc.steps
		if steps == nil {
			for k := range rec.Steps() {
				steps = append(steps, k)
			}
		}
		model := nn.NewMLP(rand.New(rand.NewPCG(9, 9)), 2, tc.r.sizes, tc.r.hidden, tc.r.out)
		params := model.Parameters()
		for _, k := range steps {
			s := rec.Steps()[k]
			for i, p := range params {
				p.Data = s.Params[i]
			}
			for r := range pl.rows {
				for c := range pl.cols {
					want := model.Forward(nn.Inputs([]float64{pl.x(c), pl.y(r)}))[0].Data
					if got := s.Grid[r*pl.cols+c]; got != want {
						t.Fatalf("%v step %d, cell (%d, %d): recorded score %v, the model's %v", tc.r.sizes, k, c, r, got, want)
					}
				}
			}
		}
	}
}

// unpacked is what the script finds in a view's data.
type unpacked struct {
	w, g   [][][]float64 // [layer][parameter][step]
	scores [][]float64   // [point][step]
	wrong  []byte        // [step][point]
	levels []byte        // [step][cell]
}

// unpack decodes the view's packed numbers with the decoder of package
// page, the Go twin of the script's.
func unpack(t *testing.T, d *trainingData) unpacked {
	t.Helper()
	numbers, flags, err := page.Unpack(d.Packed)
	if err != nil {
		t.Fatal(err)
	}
	byThing := func(values []float64, n int) [][]float64 {
		out := make([][]float64, n)
		for i := range out {
			out[i] = values[i*d.Steps : (i+1)*d.Steps]
		}
		return out
	}
	var u unpacked
	for li, l := range d.Layers {
		u.w = append(u.w, byThing(numbers[fmt.Sprint("w", li)], l.Rows*l.Cols))
		u.g = append(u.g, byThing(numbers[fmt.Sprint("g", li)], l.Rows*l.Cols))
	}
	u.scores = byThing(numbers["scores"], len(d.Points))
	u.wrong, u.levels = flags["wrong"], flags["grid"]
	return u
}

// TestTrainingViewData checks what the script receives: every number
// within half a level of its code of what was recorded, and the plane's
// levels those of the recorded scores.
func TestTrainingViewData(t *testing.T) {
	rec := demoRun.recorded(t)
	d, err := rec.data()
	if err != nil {
		t.Fatal(err)
	}
	u := unpack(t, d)
	steps := rec.Steps()
	if d.Steps != len(steps) || len(d.Loss) != len(steps) || len(d.Layers) != 3 || d.Plane == nil {
		t.Fatalf("the view has %d steps, %d losses, %d layers, plane %v", d.Steps, len(d.Loss), len(d.Layers), d.Plane)
	}
	if len(u.levels) != len(steps)*d.Plane.Cols*d.Plane.Rows {
		t.Fatalf("%d levels for %d steps of %d×%d cells", len(u.levels), len(steps), d.Plane.Cols, d.Plane.Rows)
	}
	within := func(what string, got, want, scale float64, top int) {
		if math.Abs(got-want) > scale/float64(top)/2*(1+1e-9) {
			t.Fatalf("%s: the view says %v, recorded %v (scale %v)", what, got, want, scale)
		}
	}
	first := 0
	for li, l := range d.Layers {
		if want := []int{16, 16, 1}[li]; l.Rows != want || l.Cols != []int{3, 17, 17}[li] {
			t.Fatalf("layer %d is %d×%d", li, l.Rows, l.Cols)
		}
		for i := range l.Rows * l.Cols {
			if l.Labels[i] != rec.params[first+i].Label {
				t.Fatalf("layer %d parameter %d is labeled %q, want %q", li, i, l.Labels[i], rec.params[first+i].Label)
			}
			for k, s := range steps {
				within("a weight", u.w[li][i][k], s.Params[first+i], l.W, weightLevels)
				within("a gradient", u.g[li][i][k], s.Grads[first+i], l.G[k], gradLevels)
			}
		}
		first += l.Rows * l.Cols
	}
	cells := d.Plane.Cols * d.Plane.Rows
	for k, s := range steps {
		var loss, acc float64
		json.Unmarshal(d.Loss[k], &loss)
		json.Unmarshal(d.Acc[k], &acc)
		if math.Abs(loss-s.Loss) > 1e-5*s.Loss || acc != s.Accuracy {
			t.Errorf("step %d: the view says loss %v, accuracy %v; recorded %v, %v", k, loss, acc, s.Loss, s.Accuracy)
		}
		for i := range s.Scores {
			within("a score", u.scores[i][k], s.Scores[i], d.Packed.Parts[2*len(d.Layers)].Scale[0], gradLevels)
			if wrong := u.wrong[k*len(s.Scores)+i] == 1; wrong == nn.Correct(s.Scores[i], rec.labels[i]) {
				t.Fatalf("step %d point %d: wrong side %v for the score %v and the label %v", k, i, wrong, s.Scores[i], rec.labels[i])
			}
		}
		for c, v := range s.Grid {
			if got := u.levels[k*cells+c]; got != gridLevel(v) {
				t.Fatalf("step %d cell %d: level %d for the score %v", k, c, got, v)
			}
		}
	}
}

func TestGridLevel(t *testing.T) {
	for _, tc := range []struct {
		score float64
		want  byte
	}{{math.Inf(-1), 0}, {-1, 0}, {-0.999, 1}, {0, 1}, {1e-300, 2}, {0.999, 2}, {1, 3}, {math.Inf(1), 3}, {math.NaN(), 4}} {
		if got := gridLevel(tc.score); got != tc.want {
			t.Errorf("gridLevel(%v) = %d, want %d", tc.score, got, tc.want)
		}
	}
}

var trainingParts = regexp.MustCompile(`^<div class="gograd-training" data-gograd-training="([0-9a-f]{16})">` +
	`<script type="application/json">([^<]*)</script>` +
	`<div class="gograd-still"><p><em>[^<]*</em></p>(<img alt="[^"<]*" src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"/>)` +
	`</div></div><script>(?:[^<]|<[^/!])*\("([0-9a-f]{16})", "gograd-training", ` +
	`(?:[^<]|<[^/!])*\(function \(packed\) \{(?:[^<]|<[^/!])*\}\)\(// The decoder of packed numbers(?:[^<]|<[^/!])*\}\)\(\)\)\);</script>$`)

// TestTrainingInNotebook follows a recording in a notebook: the live
// picture every few steps, then the view, within display.MaxViewSize for the
// demo, with labels made of markup shown as text.
func TestTrainingInNotebook(t *testing.T) {
	nb := gonbtest.FakeNotebook(t)
	rec := demoRun.recorded(t)
	if len(nb.Updates()) != 20 || nb.Updates()[0][0] != "id1" || !strings.Contains(nb.Updates()[19][1], "step 95: loss") {
		t.Fatalf("%d live updates, the last %.200q; want 20, every 5 steps", len(nb.Updates()), nb.Updates()[len(nb.Updates())-1])
	}
	pagetest.CheckHTML(t, nb.Updates()[0][1], "div", "p", "img")
	const markup = `<script>alert(1)</script>`
	rec.Title = markup + " & co"
	rec.params[0].Label = `<img src=x onerror="alert(2)">`
	if err := rec.Show(); err != nil {
		t.Fatal(err)
	}
	if last := nb.Updates()[len(nb.Updates())-1]; len(nb.Updates()) != 21 || last != [2]string{"id1", ""} {
		t.Errorf("the live output was not emptied: %d updates, the last %.100q", len(nb.Updates()), last)
	}
	if len(nb.Shown()) != 1 {
		t.Fatalf("%d outputs, want 1", len(nb.Shown()))
	}
	page := nb.Shown()[0]
	m := trainingParts.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the view's HTML is not a box with JSON data and a still image, and a script:\n%.1500s", page)
	}
	if m[1] != m[4] {
		t.Errorf("the script is for the view %s, the box is %s", m[4], m[1])
	}
	if size := len(page) + len(nb.Texts()[0]); size > display.MaxViewSize {
		t.Errorf("the demo's view takes %d bytes, over display.MaxViewSize = %d", size, display.MaxViewSize)
	} else {
		t.Logf("the demo's view: %d bytes", size)
	}
	var d trainingData
	if err := json.Unmarshal([]byte(m[2]), &d); err != nil {
		t.Fatalf("the view's data: %v", err)
	}
	if d.Title != rec.Title || d.Layers[0].Labels[0] != rec.params[0].Label {
		t.Errorf("the view's data has the title %q and the first label %q", d.Title, d.Layers[0].Labels[0])
	}
	pagetest.CheckHTML(t, m[3], "img")
	still := pagetest.PictureSVG(t, m[3])
	pagetest.CheckHTML(t, string(still), "svg", "rect", "text", "g", "image", "circle")
	if !bytes.Contains(still, []byte("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co, step 99 of 100: loss 0.0256, accuracy 100%")) {
		t.Errorf("the still picture does not show the title literally, with the last step:\n%.600s", still)
	}
	if want := "training " + markup + " & co: 100 steps, loss 1.3211 → 0.0256, accuracy 57% → 100%"; nb.Texts()[0] != want {
		t.Errorf("plain text %q, want %q", nb.Texts()[0], want)
	}
}

// TestTrainingTooBig checks that a view over display.MaxViewSize is refused with
// an error saying what to reduce, in place of the view.
func TestTrainingTooBig(t *testing.T) {
	nb := gonbtest.FakeNotebook(t)
	rec := run{sizes: []int{4, 1}, hidden: nn.ReLU, out: nn.Linear, points: 50, steps: 10}.recorded(t)
	gonbtest.Swap(t, &display.MaxViewSize, 20_000)
	err := rec.Show()
	if err == nil || !strings.Contains(err.Error(), "training: Recorder.Show: the view would take ") ||
		!strings.Contains(err.Error(), "over the limit of display.MaxViewSize = 20000: record fewer steps") {
		t.Fatalf("Show over the limit: %v", err)
	}
	if len(nb.Shown()) != 1 || !strings.Contains(nb.Shown()[0], "display.MaxViewSize") {
		t.Errorf("the cell shows %.200q, want the error", nb.Shown())
	}
}

// TestTrainingErrors checks the errors of a recording that cannot work.
func TestTrainingErrors(t *testing.T) {
	gonbtest.FakeTerminal(t)
	X, y := nn.Moons(10, 0.1, rand.New(rand.NewPCG(1, 0)))
	rng := rand.New(rand.NewPCG(2, 0))
	model := nn.NewMLP(rng, 2, []int{3, 1}, nn.ReLU, nn.Linear)
	two := nn.NewMLP(rng, 2, []int{3, 2}, nn.ReLU, nn.Linear)
	scores := model.Scores(nil, X)
	loss := nn.MaxMarginLoss(scores, y)
	for _, tc := range []struct {
		rec    *Recorder
		loss   *autograd.Value
		scores []*autograd.Value
		want   string
	}{
		{NewRecorder(nil, X, y), loss, scores, "the model is nil"},
		{NewRecorder(two, X, y), loss, scores, "the model has 2 outputs, want 1"},
		{NewRecorder(model, X, y[:5]), loss, scores, "got 10 points and 5 labels"},
		{NewRecorder(model, [][]float64{{1, 2, 3}}, []float64{1}), loss, scores[:1], "point 0 has 3 coordinates, the model takes 2 inputs"},
		{NewRecorder(model, X, y), nil, scores, "step 0: the loss is nil"},
		{NewRecorder(model, X, y), loss, scores[:3], "step 0: got 3 scores for 10 points"},
	} {
		err := tc.rec.Record(tc.loss, tc.scores)
		if err == nil || err.Error() != "training: Recorder.Record: "+tc.want && !strings.HasPrefix(err.Error(), "training: Recorder.Record: "+tc.want) {
			t.Errorf("Record: %v, want %q", err, tc.want)
		}
		if err := tc.rec.Show(); err == nil || !strings.Contains(err.Error(), "Recorder.Show: "+tc.want) {
			t.Errorf("Show: %v, want %q", err, tc.want)
		}
	}
	if err := NewRecorder(model, X, y).Show(); err == nil || !strings.Contains(err.Error(), "no step recorded") {
		t.Errorf("Show without a step: %v", err)
	}
}

// TestTrainingNotFinite checks a run that blows up: NaN and infinite
// numbers reach the script as numbers it can read.
func TestTrainingNotFinite(t *testing.T) {
	gonbtest.FakeNotebook(t)
	X, y := nn.Moons(20, 0.1, rand.New(rand.NewPCG(1, 0)))
	model := nn.NewMLP(rand.New(rand.NewPCG(2, 0)), 2, []int{4, 1}, nn.ReLU, nn.Linear)
	rec := NewRecorder(model, X, y)
	for k := range 3 {
		scores := model.Scores(nil, X)
		loss := nn.MaxMarginLoss(scores, y)
		nn.ZeroGrad(model.Parameters())
		loss.Backward()
		if k == 1 {
			model.Layers[0].Neurons[0].W[0].Data = math.Inf(1) // the next step's numbers are Inf and NaN
		}
		if err := rec.Record(loss, scores); err != nil {
			t.Fatal(err)
		}
	}
	d, err := rec.data()
	if err != nil {
		t.Fatal(err)
	}
	js, err := page.ScriptJSON(d)
	if err != nil || !json.Valid(js) {
		t.Fatalf("the data of a run with NaN is not JSON: %v", err)
	}
	u := unpack(t, d)
	if s := rec.Steps()[2]; !math.IsNaN(s.Loss) && !math.IsInf(s.Loss, 0) || !math.IsInf(u.w[0][0][2], 0) && !math.IsNaN(u.w[0][0][2]) {
		t.Errorf("step 2: loss %v, weight %v; want them not finite", s.Loss, u.w[0][0][2])
	}
	if err := rec.Show(); err != nil {
		t.Fatal(err)
	}
}

// TestTrainingWithoutPlane checks a network with other than two inputs,
// as lesson 09's: no boundary, the rest of the view.
func TestTrainingWithoutPlane(t *testing.T) {
	gonbtest.FakeNotebook(t)
	xs := [][]float64{{2, 3, -1}, {3, -1, 0.5}, {0.5, 1, 1}, {1, 1, -1}}
	ys := []float64{1, -1, -1, 1}
	model := nn.NewMLP(rand.New(rand.NewPCG(1, 2)), 3, []int{4, 4, 1}, nn.Tanh, nn.Tanh)
	rec := NewRecorder(model, xs, ys)
	for range 20 {
		var preds []*autograd.Value
		for _, x := range xs {
			preds = append(preds, model.Forward(nn.Inputs(x))[0])
		}
		loss := nn.SumSquaredError(preds, ys)
		nn.ZeroGrad(model.Parameters())
		loss.Backward()
		rec.Record(loss, preds)
		nn.SGD(model.Parameters(), 0.05)
	}
	d, err := rec.data()
	if err != nil {
		t.Fatal(err)
	}
	if d.Plane != nil || len(d.Layers) != 3 || len(rec.Steps()[0].Grid) != 0 {
		t.Errorf("a network of 3 inputs has a plane %v", d.Plane)
	}
	if u := unpack(t, d); len(u.levels) != 0 || len(u.scores) != 4 {
		t.Errorf("%d levels and %d scores unpacked", len(u.levels), len(u.scores))
	}
	// Without a plane, the still picture shows the curves of the loss and
	// the accuracy: a point per step, the first loss (the largest) at the
	// top of the plot's box and the last step at its right edge.
	still := stillSVG(t, rec.stillImage(19, 20))
	lines := regexp.MustCompile(`<polyline [^>]*points="([^"]*)"`).FindAllStringSubmatch(still, -1)
	if len(lines) != 2 {
		t.Fatalf("the still picture has %d curves, want 2 (loss, accuracy):\n%s", len(lines), still)
	}
	most := slices.MaxFunc(rec.Steps(), func(a, b Step) int { return cmp.Compare(a.Loss, b.Loss) }).Loss
	for i, l := range lines {
		points := strings.Fields(l[1])
		if len(points) != 20 || !strings.HasPrefix(points[19], "468.0,") {
			t.Errorf("curve %d: %d points ending at %s, want 20 ending at x = 468 (480 less the margin)", i, len(points), points[len(points)-1])
		}
	}
	if rec.Steps()[0].Loss == most && !strings.HasPrefix(strings.Fields(lines[0][1])[0], "44.0,62.0") {
		t.Errorf("the loss curve starts at %s, want the largest loss at the box's top left, 44.0,62.0", strings.Fields(lines[0][1])[0])
	}
	if want := fmt.Sprintf("loss (0 to %.3g)", most); !strings.Contains(still, want) || !strings.Contains(still, "accuracy (0 to 100%)") {
		t.Errorf("the still picture's legend lacks %q or the accuracy's", want)
	}
	if err := rec.Show(); err != nil {
		t.Fatal(err)
	}
}

// stillSVG returns the SVG of a still picture, an <img> with a data URI.
func stillSVG(t *testing.T, img string) string {
	t.Helper()
	_, b64, ok := strings.Cut(img, "base64,")
	b64, _, _ = strings.Cut(b64, `"`)
	svg, err := base64.StdEncoding.DecodeString(b64)
	if !ok || err != nil {
		t.Fatalf("not an <img> of a data URI: %.80s (%v)", img, err)
	}
	return string(svg)
}

// BenchmarkTrainingRecord is what recording adds to a step of the demo:
// mostly the boundary, the score at 48 × 32 cells of the plane.
func BenchmarkTrainingRecord(b *testing.B) {
	X, y := nn.Moons(100, 0.1, rand.New(rand.NewPCG(1, 0)))
	model := nn.NewMLP(rand.New(rand.NewPCG(2, 0)), 2, demoRun.sizes, demoRun.hidden, demoRun.out)
	scores := model.Scores(nil, X)
	loss := nn.MaxMarginLoss(scores, y)
	loss.Backward()
	rec := NewRecorder(model, X, y)
	for b.Loop() {
		if err := rec.Record(loss, scores); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrainingView is the making of the demo's view from its 100
// recorded steps.
func BenchmarkTrainingView(b *testing.B) {
	rec, err := demoRecording()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := rec.html(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestScriptIsInert checks that the script of the training view cannot end
// its <script> element early, or open an HTML comment in it.
func TestScriptIsInert(t *testing.T) {
	pagetest.CheckInert(t, "training.js", trainingJS)
}
