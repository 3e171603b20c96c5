package views

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
	"github.com/gograd/gograd/internal/gonb"
	"github.com/gograd/gograd/internal/gonb/gonbtest"
	"github.com/gograd/gograd/internal/graph"
	"github.com/gograd/gograd/internal/page/pagetest"
	"github.com/gograd/gograd/internal/render"
)

// A sentView is a view as a notebook receives it.
type sentView struct {
	html, text string
	key        string
	data       struct {
		Kind   string
		SVG    string
		States int
		Start  int
		Fields []struct {
			Node    string
			FromEnd int
			Prefix  string
			Changes []any
		}
		Marks []map[string]string
		Extra json.RawMessage
		Fit   struct {
			Width, Height, MinScale, ProjectorScale float64
			Room                                    string
			FullSize                                bool
		}
	}
	still []byte // the SVG of the still image
}

// fakeViews makes the package believe it runs in GoNB, for the rest of
// the test, and returns the views it sends.
func fakeViews(t *testing.T) *[]sentView {
	var sent []sentView
	gonbtest.FakeNotebook(t)
	gonbtest.Swap(t, &gonb.Send, func(o gonb.Output) error {
		sent = append(sent, readView(t, o.HTML, o.Text))
		return nil
	})
	return &sent
}

var viewParts = regexp.MustCompile(`^<div class="gograd-view" data-gograd-view="([0-9a-f]{16})">` +
	`<script type="application/json">([^<]*)</script>` +
	`<div class="gograd-still"><p><em>[^<]*</em></p><img alt="[^"<]*" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)">` +
	`</div></div><script>([^<]|<[^/!])*\("([0-9a-f]{16})", "gograd-view", ` +
	`([^<]|<[^/!])*\(function \(\) \{([^<]|<[^/!])*\}\)\(\)\);</script>$`)

// readView checks the structure of a view's HTML and decodes its data.
func readView(t *testing.T, html, text string) sentView {
	t.Helper()
	m := viewParts.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("the view's HTML is not a box with JSON data and a still image, and a script:\n%.2000s", html)
	}
	v := sentView{html: html, text: text, key: m[1]}
	if m[5] != v.key {
		t.Errorf("the script is for the view %s, the box is %s", m[5], v.key)
	}
	if err := json.Unmarshal([]byte(m[2]), &v.data); err != nil {
		t.Fatalf("the view's data: %v", err)
	}
	still, err := base64.StdEncoding.DecodeString(m[3])
	if err != nil {
		t.Fatalf("the still image: %v", err)
	}
	v.still = still
	if string(still) != v.data.SVG {
		t.Errorf("the still image is not the script's first picture")
	}
	return v
}

// extra decodes what the view shows besides the graph.
func (v *sentView) extra(t *testing.T, into any) {
	t.Helper()
	if err := json.Unmarshal(v.data.Extra, into); err != nil {
		t.Fatalf("the view's extra data: %v", err)
	}
}

// textsAt returns the texts of every node, by title, as the script shows
// them in state s: those of the first picture, with the fields changed.
func (v *sentView) textsAt(t *testing.T, s int) map[string][]string {
	t.Helper()
	texts := pagetest.TextsByTitle(t, withoutStyle(t, []byte(v.data.SVG)))
	for _, f := range v.data.Fields {
		value := ""
		for i := 0; i < len(f.Changes); i += 2 {
			if int(f.Changes[i].(float64)) <= s {
				value = f.Changes[i+1].(string)
			}
		}
		n := texts[f.Node]
		n[len(n)-f.FromEnd] = f.Prefix + value
	}
	return texts
}

// withoutStyle removes the <style> of the marks from a view's SVG, after
// checking that it is the first element inside <svg>.
func withoutStyle(t *testing.T, svg []byte) []byte {
	t.Helper()
	style := "<style>" + graph.MarkCSS() + "</style>"
	i := bytes.Index(svg, []byte(style))
	if i < 0 || bytes.LastIndexByte(svg[:i], '<') != bytes.Index(svg, []byte("<svg")) {
		t.Fatalf("the SVG does not start with the style of the marks:\n%.500s", svg)
	}
	return append(svg[:i:i], svg[i+len(style):]...)
}

// classesAt returns the classes that the script gives the nodes in state
// s, by title, "" for plain ones: those of the first picture, or the
// state's own.
func (v *sentView) classesAt(t *testing.T, s int) map[string]string {
	t.Helper()
	classes := map[string]string{}
	if v.data.Marks != nil {
		for title, class := range v.data.Marks[s] {
			classes[title] = class
		}
		return classes
	}
	for _, m := range regexp.MustCompile(`class="node ([a-z-]+)">\n<title>([a-z0-9]+)</title>`).FindAllStringSubmatch(dashes(v.data.SVG), -1) {
		classes[m[2]] = m[1]
	}
	return classes
}

// dashes undoes Graphviz's escape of the dashes in the SVG's classes and
// texts.
func dashes(svg string) string { return strings.ReplaceAll(svg, "&#45;", "-") }

func TestMarkCSS(t *testing.T) {
	want := ".gograd-receiving>polygon,.gograd-receiving>ellipse{fill:#e3f0ff;stroke:#1f5fbf}" +
		".gograd-receiving>polyline{stroke:#1f5fbf}" +
		".gograd-wrong>polygon,.gograd-wrong>ellipse{fill:#ffe6e6;stroke:#d00000;stroke-width:2}" +
		".gograd-wrong>polyline{stroke:#d00000;stroke-width:2}.gograd-wrong>text{fill:#b00000}" +
		".gograd-current>polygon,.gograd-current>ellipse{fill:#fff0b3;stroke:#c77700;stroke-width:2}" +
		".gograd-current>polyline{stroke:#c77700;stroke-width:2}"
	if css := graph.MarkCSS(); css != want {
		t.Errorf("markCSS:\n got %s\nwant %s", css, want)
	}
}

// TestScriptIsInert checks that the script of the views cannot end its
// <script> element early, or open an HTML comment in it.
func TestScriptIsInert(t *testing.T) {
	pagetest.CheckInert(t, "view.js", viewJS)
}

func TestAgree(t *testing.T) {
	for _, tc := range []struct {
		grad, slope, h float64
		want           bool
	}{
		{2, 2, 1e-6, true},
		{2, 2.00015, 1e-6, true},  // within 1e-4 of 2
		{2, 2.0003, 1e-6, false},  // not
		{1, 2, 1e-6, false},       // lesson 02's bug, before its fix
		{-1.5, -1.49, 1e-3, true}, // a large h errs more
		{1e-9, 5e-5, 1e-6, true},  // near 0: absolute
		{math.Inf(1), math.Inf(1), 1e-6, true},
		{math.NaN(), math.NaN(), 1e-6, false},
		{0, math.NaN(), 1e-6, false},
	} {
		if got := agree(tc.grad, tc.slope, tc.h); got != tc.want {
			t.Errorf("agree(%g, %g, h=%g) = %t, want %t", tc.grad, tc.slope, tc.h, got, tc.want)
		}
	}
}

// BenchmarkViews measures what a cell pays to make the lessons' views:
// lesson 07's Nudge of the neuron built from exp (41 positions, each built
// at x and at x+h), and lesson 08's StepByStep of the tanh neuron, each
// laid out once. One drawing first starts the renderer server (and builds
// the renderer, in the tests), as a notebook's first drawing does.
func BenchmarkViews(b *testing.B) {
	if _, err := display.SVG(scriptAPlusA()); err != nil {
		b.Fatal(err)
	}
	size := 0
	oldInNotebook, oldSend := gonb.InNotebook, gonb.Send
	gonb.InNotebook, gonb.Send = true, func(o gonb.Output) error { size = len(o.HTML) + len(o.Text); return nil }
	b.Cleanup(func() { gonb.InNotebook, gonb.Send = oldInNotebook, oldSend })
	for _, bc := range []struct {
		name string
		show func() error
	}{
		{"Nudge/neuron-from-exp", func() error {
			return Nudge(neuronAt(true), Slider{At: 2, From: 1, To: 3, By: 0.05}, display.TopDown())
		}},
		{"StepByStep/neuron", func() error { return StepByStep(engineNeuron(), display.TopDown()) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if err := bc.show(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size), "bytes/view")
		})
	}
}

// TestViewsLayOutOnce counts what the lessons' views cost: one layout per
// view, and for Nudge one build of the graph per slider position, plus
// one at each position plus h for the finite difference.
func TestViewsLayOutOnce(t *testing.T) {
	fakeViews(t)
	layouts := 0
	gonbtest.Swap(t, &graph.LayOut, func(dot string) ([]byte, error) { layouts++; return render.SVG(dot) })
	builds := 0
	build := neuronAt(true)
	if err := Nudge(func(x float64) (*autograd.Value, *autograd.Value) { builds++; return build(x) },
		Slider{At: 2, From: 1, To: 3, By: 0.05}, display.TopDown()); err != nil {
		t.Fatal(err)
	}
	if layouts != 1 || builds != 2*41 {
		t.Errorf("Nudge over 41 positions: %d layouts and %d builds, want 1 and %d", layouts, builds, 2*41)
	}
	layouts = 0
	if err := StepByStep(engineNeuron(), display.TopDown()); err != nil {
		t.Fatal(err)
	}
	if layouts != 1 {
		t.Errorf("StepByStep of the neuron: %d layouts, want 1", layouts)
	}
}

// TestViewBoxesFitWidest checks that a view's picture, laid out with the
// first state's numbers padded, has the geometry of the same graph laid
// out with the widest number of every field: every box fits every state
// exactly, as wide as it needs and no wider.
func TestViewBoxesFitWidest(t *testing.T) {
	sent := fakeViews(t)
	root := engineNeuron()
	if err := StepByStep(root, display.TopDown()); err != nil {
		t.Fatal(err)
	}
	v, err := stepsView(root, []display.Option{display.TopDown()})
	if err != nil {
		t.Fatal(err)
	}
	widest := *v.d
	widest.FieldTexts = make([][2]string, len(v.d.Nodes))
	p := v.d.Prefixes()
	for i := range widest.FieldTexts {
		for c, values := range [][]string{v.data[i], v.grad[i]} {
			widest.FieldTexts[i][c] = p[c] + slices.MaxFunc(values, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
		}
	}
	want, err := widest.SVG()
	if err != nil {
		t.Fatal(err)
	}
	geometry := regexp.MustCompile(`(points|cx|cy|rx|ry|d)="[^"]*"`)
	got := geometry.FindAllString((*sent)[0].data.SVG, -1)
	if w := geometry.FindAllString(string(want), -1); !slices.Equal(got, w) {
		t.Errorf("the view's boxes differ from those sized for the widest numbers:\n%q\nwant\n%q", got, w)
	}
}

// TestViewFit checks how a view's picture fits, as the script receives it:
// its size, the scales that keep its 14 pt (18.67 px) text 8.5 px and, on
// a projector, 14 px tall, the room of its kind, and a Full size button
// only for a picture larger than 550 x 540 px.
func TestViewFit(t *testing.T) {
	sent := fakeViews(t)
	a := autograd.New(2).Named("a")
	small := a.Add(a).Named("b")
	for _, root := range []*autograd.Value{engineNeuron(), small} {
		if err := StepByStep(root, display.TopDown()); err != nil {
			t.Fatal(err)
		}
	}
	for i, f := range []bool{true, false} {
		got := (*sent)[i].data.Fit
		if math.Abs(got.MinScale-8.5/(14.0*4/3)) > 1e-9 || math.Abs(got.ProjectorScale-0.75) > 1e-9 || got.Room != pictureRoom["steps"] {
			t.Errorf("view %d: fit %+v, want scales %.4f and 0.75 and room %s", i, got, 8.5/(14.0*4/3), pictureRoom["steps"])
		}
		if large := got.Width > 550 || got.Height > 540; got.FullSize != f || large != f {
			t.Errorf("view %d: %.0f x %.0f px, Full size %v, want %v", i, got.Width, got.Height, got.FullSize, f)
		}
	}
}
