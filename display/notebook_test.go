package display

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gograd/gograd/autograd"
)

// A notebook records what the package sends to GoNB.
type notebook struct {
	displayed []string    // outputs shown: their HTML
	texts     []string    // and their plain-text alternative
	updates   [][2]string // outputs updated in place: id, html
	slept     []time.Duration
}

// fakeNotebook makes the package believe it runs in GoNB, for the rest of
// the test, and returns what it receives.
func fakeNotebook(t *testing.T) *notebook {
	nb := &notebook{}
	swap(t, &inNotebook, true)
	swap(t, &displayOutput, func(html, text string) {
		nb.displayed = append(nb.displayed, html)
		nb.texts = append(nb.texts, text)
	})
	swap(t, &updateHTML, func(id, html string) { nb.updates = append(nb.updates, [2]string{id, html}) })
	swap(t, &uniqueID, func() string { return "id1" })
	swap(t, &sleep, func(d time.Duration) { nb.slept = append(nb.slept, d) })
	return nb
}

// fakeTerminal makes the package believe it runs outside GoNB, for the
// rest of the test, and returns what it writes to standard output and
// standard error.
func fakeTerminal(t *testing.T) (out, errOut *bytes.Buffer) {
	out, errOut = new(bytes.Buffer), new(bytes.Buffer)
	swap(t, &inNotebook, false)
	swap(t, &stdout, io.Writer(out))
	swap(t, &stderr, io.Writer(errOut))
	return out, errOut
}

func swap[T any](t *testing.T, v *T, to T) {
	old := *v
	*v = to
	t.Cleanup(func() { *v = old })
}

// checkHTML fails unless html is well-formed XML whose elements are all
// in allowed, so that no label has injected markup.
func checkHTML(t *testing.T, html string, allowed ...string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(html))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, html)
		}
		if s, ok := tok.(xml.StartElement); ok && !svgElements[s.Name.Local] && !contains(allowed, s.Name.Local) {
			t.Fatalf("unexpected element <%s> in\n%s", s.Name.Local, html)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scriptAPlusA is b = a + a where a's label is markup.
func scriptAPlusA() *autograd.Value {
	a := autograd.New(3).Named("<script>alert(1)</script>")
	b := a.Add(a).Named("b")
	b.Backward()
	return b
}

func TestGraphInNotebook(t *testing.T) {
	nb := fakeNotebook(t)
	if err := Graph(scriptAPlusA()); err != nil {
		t.Fatal(err)
	}
	if len(nb.displayed) != 1 || !strings.HasPrefix(nb.displayed[0], `<div class="gograd-graph"`) {
		t.Fatalf("displayed %.80q, want one <div class=\"gograd-graph\" …>", nb.displayed)
	}
	checkHTML(t, nb.displayed[0], "div", "img")
	svg := pictureSVG(t, nb.displayed[0])
	if !bytes.HasPrefix(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Errorf("the picture is not an SVG showing the label literally:\n%s", svg)
	}
	if want := "a graph of 2 Values ending in b = <script>alert(1)</script> + <script>alert(1)</script> (a picture in a notebook)"; nb.texts[0] != want {
		t.Errorf("plain text %q, want %q", nb.texts[0], want)
	}
}

// pictureSVG returns the SVG of the first image in html, a data URI.
func pictureSVG(t *testing.T, html string) []byte {
	t.Helper()
	const prefix = `src="data:image/svg+xml;base64,`
	start := strings.Index(html, prefix)
	if start < 0 {
		t.Fatalf("no SVG image in %.200q", html)
	}
	data := html[start+len(prefix):]
	svg, err := base64.StdEncoding.DecodeString(data[:strings.IndexByte(data, '"')])
	if err != nil {
		t.Fatal(err)
	}
	return svg
}

// TestPictureSize checks how wide a picture may be, and how narrow it may
// be scaled: down to where its smallest text is 8.5 px tall.
func TestPictureSize(t *testing.T) {
	for _, tc := range []struct {
		svg      string
		fullSize bool
		want     string
	}{
		{`<svg width="300pt" height="80pt"><text font-size="14.00">a</text><text font-size="10.00">b</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:400px;min-width:255px;height:auto"`},
		{`<svg width="300pt" height="80pt"><text font-size="14.00">a</text></svg>`, true,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:400px;min-width:400px;height:auto"`},
		{`<svg width="300pt" height="80pt"><text font-size="6.00">tiny</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:400px;min-width:400px;height:auto"`},
		// 2,400 px tall: at most 1,600 px, so 2/3 of the width.
		{`<svg width="300pt" height="1800pt"><text font-size="14.00">a</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:266px;min-width:183px;height:auto"`},
		// 6,400 px tall: text stays 8.5 px tall, the picture taller than 1,600 px.
		{`<svg width="300pt" height="4800pt"><text font-size="14.00">a</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:183px;min-width:183px;height:auto"`},
	} {
		got := pictureHTML([]byte(tc.svg), "alt", tc.fullSize)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s (full size %v):\ngot  %s\nwant %s", tc.svg, tc.fullSize, got, tc.want)
		}
	}
}

// TestGraphErrorsInNotebook checks that a notebook shows errors, such as
// a graph over the limit, instead of a picture, and quickly.
func TestGraphErrorsInNotebook(t *testing.T) {
	cycle := &Value{Label: "<b>a</b>", Op: "tanh"}
	cycle.Prev = []*Value{cycle}
	long := autograd.New(1)
	for range 100_000 {
		long = long.Tanh()
	}
	for _, tc := range []struct {
		name string
		root any
		want string
	}{
		{"nil", nil, "display: Graph: the root is nil"},
		{"cycle", cycle, `display: Graph: the graph has a cycle, a Value among its own operands: &#34;&lt;b&gt;a&lt;/b&gt;&#34; uses`},
		{"too big", long, "display: Graph: the graph has more than 500 Values"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nb := fakeNotebook(t)
			start := time.Now()
			err := Graph(tc.root)
			if took := time.Since(start); took > 100*time.Millisecond {
				t.Errorf("took %v, want under 100 ms", took)
			}
			if err == nil {
				t.Fatal("no error")
			}
			if len(nb.displayed) != 1 || !strings.Contains(nb.displayed[0], tc.want) {
				t.Fatalf("displayed %q, want the error %q", nb.displayed, tc.want)
			}
			checkHTML(t, nb.displayed[0], "pre")
		})
	}
}

// Value is a notebook's Value type.
type Value struct {
	Data, Grad float64
	Label, Op  string
	Prev       []*Value
}

func TestGraphOutsideNotebook(t *testing.T) {
	out, errOut := fakeTerminal(t)
	dir := t.TempDir()
	t.Chdir(dir)
	if err := Graph(scriptAPlusA()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "graph.svg")
	if want := "display: Graph: wrote " + path + "; open it in a web browser\n"; out.String() != want {
		t.Errorf("printed %q, want %q", out, want)
	}
	svg, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(svg, []byte("<svg")) {
		t.Errorf("graph.svg: %v, starts %.20q", err, svg)
	}
	if err := Graph(nil); err == nil || errOut.String() != err.Error()+"\n" {
		t.Errorf("error %v, printed %q", err, errOut)
	}
}

// overwritten is b = a + a with a's gradient overwritten, as a backward
// pass with = instead of += leaves it.
func overwritten() *Value {
	a := &Value{Data: 3, Grad: 1, Label: "<i>a</i>"}
	return &Value{Data: 6, Grad: 1, Label: "b", Op: "+", Prev: []*Value{a, a}}
}

func TestGradTableInNotebook(t *testing.T) {
	nb := fakeNotebook(t)
	if err := GradTable(overwritten(), Digits(2)); err != nil {
		t.Fatal(err)
	}
	if len(nb.displayed) != 1 {
		t.Fatalf("displayed %q, want a table", nb.displayed)
	}
	table := nb.displayed[0]
	checkHTML(t, table, "table", "tr", "th", "td")
	for _, want := range []string{
		`<tr style="color:#b00000;background:#ffe6e6;font-weight:bold"><td style="padding:2px 8px;text-align:right;white-space:pre">&lt;i&gt;a&lt;/i&gt;</td>`,
		`>1.00</td><td style="padding:2px 8px;text-align:right;white-space:pre">2.00</td><td style="padding:2px 8px;text-align:right;white-space:pre">WRONG</td></tr>`,
		`<tr><td style="padding:2px 8px;text-align:right;white-space:pre">b</td>`,
	} {
		if !strings.Contains(table, want) {
			t.Errorf("no %s in\n%s", want, table)
		}
	}
}

func TestGradTableOutsideNotebook(t *testing.T) {
	out, _ := fakeTerminal(t)
	if err := GradTable(overwritten()); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"     label  op    data    grad  numeric  check\n" +
		"  <i>a</i>      3.0000  1.0000   2.0000  WRONG\n" +
		"         b   +  6.0000  1.0000   1.0000     ok\n"
	if out.String() != want {
		t.Errorf("printed\n%s\nwant\n%s", out, want)
	}
}

func TestStepThroughInNotebook(t *testing.T) {
	nb := fakeNotebook(t)
	root := scriptAPlusA()
	frames, err := Steps(root)
	if err != nil {
		t.Fatal(err)
	}
	if err := StepThrough(root, FrameDelay(time.Second)); err != nil {
		t.Fatal(err)
	}
	// Every frame in turn in one output, then that output cleared and the
	// last frame displayed for good.
	var want [][2]string
	for _, f := range frames {
		want = append(want, [2]string{"id1", frameHTML(f)})
	}
	want = append(want, [2]string{"id1", ""})
	if len(nb.updates) != len(want) {
		t.Fatalf("%d updates, want %d", len(nb.updates), len(want))
	}
	for i := range want {
		if nb.updates[i] != want[i] {
			t.Errorf("update %d: %.200q, want %.200q", i, nb.updates[i], want[i])
		}
	}
	if len(nb.displayed) != 1 || nb.displayed[0] != frameHTML(frames[len(frames)-1]) {
		t.Errorf("displayed %.200q, want the last frame", nb.displayed)
	}
	checkHTML(t, nb.displayed[0], "div", "pre", "img")
	if len(nb.slept) != len(frames)-1 || nb.slept[0] != time.Second {
		t.Errorf("slept %v, want %d times 1s", nb.slept, len(frames)-1)
	}
}

func TestStepThroughOutsideNotebook(t *testing.T) {
	out, _ := fakeTerminal(t)
	if err := StepThrough(scriptAPlusA()); err != nil {
		t.Fatal(err)
	}
	want := "b.grad = 1: the derivative of b with respect to itself.\n" +
		"b = <script>alert(1)</script> + <script>alert(1)</script>: each operand's grad += local derivative × b.grad\n" +
		"  (<script>alert(1)</script>).grad += 1.0000 × 1.0000 = 1.0000 → (<script>alert(1)</script>).grad = 1.0000\n" +
		"  (<script>alert(1)</script>).grad += 1.0000 × 1.0000 = 1.0000 → (<script>alert(1)</script>).grad = 2.0000\n\n" +
		"<script>alert(1)</script> is a leaf: (<script>alert(1)</script>).grad = 2.0000 is complete.\n\n"
	if out.String() != want {
		t.Errorf("printed\n%s\nwant\n%s", out, want)
	}
}

// TestShowDot draws DOT text written by hand, and reports what is wrong
// with bad text: Graphviz's own complaint, an empty text, an oversized one.
func TestShowDot(t *testing.T) {
	nb := fakeNotebook(t)
	if err := ShowDot(`digraph { rankdir=LR; node [shape=record fontname="Courier"]; a [label="{ a | data 3.0000 }"]; a -> b }`); err != nil {
		t.Fatal(err)
	}
	if len(nb.displayed) != 1 || !bytes.Contains(pictureSVG(t, nb.displayed[0]), []byte("data 3.0000")) {
		t.Fatalf("displayed %.100q, want the picture", nb.displayed)
	}
	for _, tc := range []struct{ dot, want string }{
		{"digraph { a -> ", "display: ShowDot: Graphviz could not parse the DOT text: syntax error in line 1"},
		{" \n", "display: ShowDot: the DOT text is empty"},
		{strings.Repeat("/* long */\n", MaxDotBytes/10), "over the limit of 262144 (display.MaxDotBytes)"},
	} {
		nb := fakeNotebook(t)
		start := time.Now()
		err := ShowDot(tc.dot)
		if err == nil || !strings.Contains(err.Error(), tc.want) || len(nb.displayed) != 1 || !strings.Contains(nb.displayed[0], tc.want) {
			t.Errorf("ShowDot(%.20q): error %v, displayed %.200q; want %q", tc.dot, err, nb.displayed, tc.want)
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("ShowDot(%.20q) took %v", tc.dot, took)
		}
	}
}
