package display

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gograd/gograd/internal/gonb/gonbtest"
	"github.com/gograd/gograd/internal/page/pagetest"

	"github.com/gograd/gograd/autograd"
)

// scriptAPlusA is b = a + a where a's label is markup.
func scriptAPlusA() *autograd.Value {
	a := autograd.New(3).Named("<script>alert(1)</script>")
	b := a.Add(a).Named("b")
	b.Backward()
	return b
}

func TestGraphInNotebook(t *testing.T) {
	nb := gonbtest.FakeNotebook(t)
	if err := Graph(scriptAPlusA()); err != nil {
		t.Fatal(err)
	}
	if len(nb.Shown()) != 1 || !strings.HasPrefix(nb.Shown()[0], `<div class="gograd-graph"`) {
		t.Fatalf("displayed %.80q, want one <div class=\"gograd-graph\" …>", nb.Shown())
	}
	pagetest.CheckHTML(t, nb.Shown()[0], "div", "img", "style", "details", "summary", "p", "em")
	svg := pagetest.PictureSVG(t, nb.Shown()[0])
	if !bytes.HasPrefix(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Errorf("the picture is not an SVG showing the label literally:\n%s", svg)
	}
	if want := "a graph of 2 Values ending in b = (<script>alert(1)</script>) + (<script>alert(1)</script>) (a picture in a notebook)"; nb.Texts()[0] != want {
		t.Errorf("plain text %q, want %q", nb.Texts()[0], want)
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
			nb := gonbtest.FakeNotebook(t)
			start := time.Now()
			err := Graph(tc.root)
			if took := time.Since(start); took > 100*time.Millisecond {
				t.Errorf("took %v, want under 100 ms", took)
			}
			if err == nil {
				t.Fatal("no error")
			}
			if len(nb.Shown()) != 1 || !strings.Contains(nb.Shown()[0], tc.want) {
				t.Fatalf("displayed %q, want the error %q", nb.Shown(), tc.want)
			}
			pagetest.CheckHTML(t, nb.Shown()[0], "pre")
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
	out, errOut := gonbtest.FakeTerminal(t)
	dir := t.TempDir()
	t.Chdir(dir)
	if err := Graph(scriptAPlusA()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "graph.svg")
	if want := "display: Graph: wrote " + path + "; open it in a web browser\n"; out() != want {
		t.Errorf("printed %q, want %q", out(), want)
	}
	svg, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(svg, []byte("<svg")) {
		t.Errorf("graph.svg: %v, starts %.20q", err, svg)
	}
	if err := Graph(nil); err == nil || errOut() != err.Error()+"\n" {
		t.Errorf("error %v, printed %q", err, errOut())
	}
}

// overwritten is b = a + a with a's gradient overwritten, as a backward
// pass with = instead of += leaves it.
func overwritten() *Value {
	a := &Value{Data: 3, Grad: 1, Label: "<i>a</i>"}
	return &Value{Data: 6, Grad: 1, Label: "b", Op: "+", Prev: []*Value{a, a}}
}

func TestGradTableInNotebook(t *testing.T) {
	nb := gonbtest.FakeNotebook(t)
	if err := GradTable(overwritten(), Digits(2)); err != nil {
		t.Fatal(err)
	}
	if len(nb.Shown()) != 1 {
		t.Fatalf("displayed %q, want a table", nb.Shown())
	}
	table := nb.Shown()[0]
	pagetest.CheckHTML(t, table, "table", "tr", "th", "td")
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
	out, _ := gonbtest.FakeTerminal(t)
	if err := GradTable(overwritten()); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"     label  op    data    grad  numeric  check\n" +
		"  <i>a</i>      3.0000  1.0000   2.0000  WRONG\n" +
		"         b   +  6.0000  1.0000   1.0000     ok\n"
	if out() != want {
		t.Errorf("printed\n%s\nwant\n%s", out(), want)
	}
}

// TestShowDot draws DOT text written by hand, and reports what is wrong
// with bad text: Graphviz's own complaint, an empty text, an oversized one.
func TestShowDot(t *testing.T) {
	nb := gonbtest.FakeNotebook(t)
	if err := ShowDot(`digraph { rankdir=LR; node [shape=record fontname="Courier"]; a [label="{ a | data 3.0000 }"]; a -> b }`); err != nil {
		t.Fatal(err)
	}
	if len(nb.Shown()) != 1 || !bytes.Contains(pagetest.PictureSVG(t, nb.Shown()[0]), []byte("data 3.0000")) {
		t.Fatalf("displayed %.100q, want the picture", nb.Shown())
	}
	for _, tc := range []struct{ dot, want string }{
		{"digraph { a -> ", "display: ShowDot: Graphviz could not parse the DOT text: syntax error in line 1"},
		{" \n", "display: ShowDot: the DOT text is empty"},
		{strings.Repeat("/* long */\n", MaxDotBytes/10), "over the limit of 262144 (display.MaxDotBytes)"},
	} {
		nb := gonbtest.FakeNotebook(t)
		start := time.Now()
		err := ShowDot(tc.dot)
		if err == nil || !strings.Contains(err.Error(), tc.want) || len(nb.Shown()) != 1 || !strings.Contains(nb.Shown()[0], tc.want) {
			t.Errorf("ShowDot(%.20q): error %v, displayed %.200q; want %q", tc.dot, err, nb.Shown(), tc.want)
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("ShowDot(%.20q) took %v", tc.dot, took)
		}
	}
}

// TestSummaryNamesOperands checks the plain-text line of a picture: an
// operand labelled with an expression is bracketed, one without a label is
// written as its constant or its own expression, as lesson 07's
// o = (e - 1) / (e + 1) is built.
func TestSummaryNamesOperands(t *testing.T) {
	nb := gonbtest.FakeNotebook(t)
	n := autograd.New(0.8814).Named("n")
	e := n.Mul(autograd.New(2)).Exp().Named("e")
	o := e.Sub(autograd.New(1)).Named("e - 1").Mul(e.Add(autograd.New(1)).Pow(-1)).Named("o")
	q := e.Mul(e.Add(autograd.New(1)).Pow(-1)).Named("q")
	for _, c := range []struct {
		root *autograd.Value
		want string
	}{
		{o, "o = (e - 1) * (e + 1)**-1"},
		{q, "q = e * (e + 1)**-1"},
		{e, "e = exp(n * 2)"},
	} {
		if err := Graph(c.root); err != nil {
			t.Fatal(err)
		}
		got := nb.Texts()[len(nb.Texts())-1]
		if !strings.Contains(got, "ending in "+c.want+" (") {
			t.Errorf("plain text %q, want it to end in %q", got, c.want)
		}
	}
}
