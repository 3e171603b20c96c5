package display

import (
	"strings"
	"testing"

	"github.com/gograd/gograd/internal/graph"
	"github.com/gograd/gograd/internal/page/pagetest"
)

// labelSeeds are labels that have broken drawings: markup, the record and
// DOT syntax, Graphviz escapes and entities, spaces that records trim, line
// breaks, control characters, bad UTF-8 and unicode.
var labelSeeds = []string{
	"", "a", "x1*w1 + x2*w2",
	`<script>alert(1)</script>`, `<svg onload="alert(1)">`, `]]><!--`,
	`"quoted"`, `{ } | < >`, `{a|<p>b}`,
	`back\slash`, `ends with \`, `\N \G \l \r \n`, `\"`,
	"&amp; &lt;b&gt; &#60; &#x3c; &foo; &",
	" lead", "trail ", "two  spaces", " ", "line one\nline two", "\n", "a\n\n b \n",
	"tab\there", "nul\x00", "bell\a", "\x7f\u0085", "bad \xff utf-8",
	"ünïcödé", "漢字", "🙂", "\u202eevil", "e\u0301", "\u00a0nbsp",
}

// FuzzLabels checks that any label, as a Value's label or as an
// operation's name, renders, shows literally (as visibleText writes it),
// and adds no element to the SVG.
func FuzzLabels(f *testing.F) {
	for _, s := range labelSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, label string) {
		// A notebook type, so that the label can be an Op as well.
		type value struct {
			Data, Grad float64
			Label, Op  string
			Prev       []*value
		}
		a := &value{Data: 3, Label: label}
		b := &value{Data: 6, Grad: 1, Label: "b", Op: label, Prev: []*value{a, a}}
		svg, err := SVG(b)
		if err != nil {
			t.Fatalf("label %q: %v", label, err)
		}
		groups := pagetest.TextsByTitle(t, svg)
		want := shownLines(label)
		// v0's texts are the label's lines, then data and grad.
		if got := groups["v0"]; len(got) < 2 || !equalLines(got[:len(got)-2], want) {
			t.Errorf("label %q: Value shows %q, want %q then data and grad", label, got, want)
		}
		if got := groups["op1"]; !equalLines(got, want) {
			t.Errorf("label %q as an Op: shows %q, want %q", label, got, want)
		}
	})
}

// shownLines returns the lines that Graphviz should show for label: its
// visibleText, line by line, leaving out empty lines, for which Graphviz
// writes no text.
func shownLines(label string) []string {
	var lines []string
	for _, l := range strings.Split(graph.VisibleText(label), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// equalLines compares shown texts with the lines wanted, reading a
// no-break space as a space (dotText writes some spaces as no-break
// spaces) and an empty list as Graphviz's single space for an empty field.
func equalLines(got, want []string) bool {
	nbsp := strings.NewReplacer("\u00a0", " ")
	if len(want) == 0 {
		return len(got) == 0 || len(got) == 1 && got[0] == " "
	}
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if nbsp.Replace(got[i]) != nbsp.Replace(want[i]) {
			return false
		}
	}
	return true
}
