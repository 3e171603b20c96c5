package display_test

import (
	"bytes"
	"encoding/xml"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display"
)

// svgNode is a <g class="node"> element of Graphviz's SVG: one Value or one
// operation, named by its <title>.
type svgNode struct {
	Title     string     `xml:"title"`
	Class     string     `xml:"class,attr"`
	Texts     []svgText  `xml:"text"`
	Linked    []svgText  `xml:"g>a>text"` // the text of a node with a tooltip
	Polygons  []svgShape `xml:"polygon"`
	Polylines []svgShape `xml:"polyline"`
	Ellipses  []svgShape `xml:"ellipse"`
}

type svgText struct {
	X        float64 `xml:"x,attr"`
	FontSize float64 `xml:"font-size,attr"`
	Family   string  `xml:"font-family,attr"`
	Text     string  `xml:",chardata"`
}

type svgShape struct {
	Points string `xml:"points,attr"`
	Fill   string `xml:"fill,attr"`
}

// parseSVG decodes svg as XML and returns its node groups.
func parseSVG(t testing.TB, svg []byte) []svgNode {
	t.Helper()
	var doc struct {
		XMLName xml.Name `xml:"svg"`
		Graph   struct {
			Groups []svgNode `xml:"g"`
		} `xml:"g"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatalf("the SVG is not XML: %v\n%s", err, svg)
	}
	var nodes []svgNode
	for _, g := range doc.Graph.Groups {
		if g.Class == "node" {
			nodes = append(nodes, g)
		}
	}
	return nodes
}

// TestSVGNodes checks that the SVG is an <svg> element with no prolog, one
// node per Value and one per operation, and the numbers in their fields.
func TestSVGNodes(t *testing.T) {
	for _, tc := range goldenGraphs {
		t.Run(tc.name, func(t *testing.T) {
			root := tc.root()
			svg, err := display.SVG(root, tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(svg, []byte("<svg")) {
				t.Errorf("the SVG starts with %.60q, want <svg", svg)
			}
			// Compact pictures have no ovals for the operations: the
			// operation follows the name, as in "h1 (tanh)".
			nodes := parseSVG(t, svg)
			compact := !slices.ContainsFunc(nodes, func(n svgNode) bool { return strings.HasPrefix(n.Title, "op") })
			values := autograd.Topo(root)
			want := len(values)
			for _, v := range values {
				if v.Op != "" && !compact {
					want++
				}
			}
			// A Value drawn again where it is used is the node vP_U: Value
			// P, beside Value U, which has P among its operands.
			copied := map[int]bool{}
			for _, n := range nodes {
				if p, u, ok := strings.Cut(n.Title, "_"); ok {
					i, _ := strconv.Atoi(strings.TrimPrefix(p, "v"))
					j, err := strconv.Atoi(u)
					if err != nil || j >= len(values) || !slices.Contains(values[j].Prev, values[i]) {
						t.Errorf("%s: the copy of a Value beside one that does not use it", n.Title)
					}
					copied[i] = true
					want++
				}
			}
			if len(nodes) != want {
				t.Errorf("%d <g class=\"node\"> elements, want %d (Values, operations and copies)", len(nodes), want)
			}
			for _, n := range nodes {
				if strings.HasPrefix(n.Title, "op") {
					continue
				}
				p, _, isCopy := strings.Cut(n.Title, "_")
				i, _ := strconv.Atoi(strings.TrimPrefix(p, "v"))
				// A Value drawn again has a name, its label or vN, shown
				// in its box and its copies.
				name := values[i].Label
				if name == "" && copied[i] {
					name = p
				}
				if op := values[i].Op; compact && op != "" && !isCopy {
					if name == "" {
						name = op
					} else {
						name += " (" + op + ")"
					}
				}
				// A Value without a name has no name field: its box
				// starts with its data.
				texts := textsOf(n)
				if name == "" {
					if !strings.HasPrefix(texts[0], "data ") {
						t.Errorf("%s, unnamed, starts with %q, want its data and no name row", n.Title, texts[0])
					}
				} else if texts[0] != name {
					t.Errorf("%s shows %q, want the name %q", n.Title, texts[0], name)
				}
			}
		})
	}
}

func textsOf(n svgNode) []string {
	var s []string
	for _, t := range append(n.Texts, n.Linked...) {
		s = append(s, t.Text)
	}
	return s
}

// TestSpecialNumbers checks that NaN and infinities show as such.
func TestSpecialNumbers(t *testing.T) {
	a := autograd.New(math.NaN()).Named("a")
	b := autograd.New(math.Inf(1)).Named("b")
	c := a.Add(b).Named("c")
	c.Grad = math.Inf(-1)
	svg, err := display.SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, n := range parseSVG(t, svg) {
		all = append(all, textsOf(n)...)
	}
	for _, want := range []string{"data NaN", "data +Inf", "grad -Inf"} {
		if !slices.Contains(all, want) {
			t.Errorf("no text %q in %q", want, all)
		}
	}
}

// TestTextFitsFields checks, with Courier's metrics (every character 0.6
// of the font size wide, as in the browsers' Courier and monospace fonts),
// that the text of every record field fits between the field's borders.
func TestTextFitsFields(t *testing.T) {
	wide := autograd.New(-123456.789).Named("a rather long label, x1*w1 + x2*w2")
	root := wide.Mul(autograd.New(1e-7).Named("tiny")).Named("p").Tanh().Named("t")
	root.Backward()
	for _, opts := range [][]display.Option{nil, {display.TopDown()}, {display.Digits(8)}} {
		svg, err := display.SVG(root, opts...)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range parseSVG(t, svg) {
			if strings.HasPrefix(n.Title, "op") {
				continue
			}
			// The box's sides and the field separators are the x of the
			// polygon's and polylines' points.
			var borders []float64
			for _, s := range append(n.Polygons, n.Polylines...) {
				borders = append(borders, xsOf(t, s.Points)...)
			}
			slices.Sort(borders)
			for _, text := range n.Texts {
				if text.Family != "Courier,monospace" {
					t.Errorf("%s: font-family %q, want Courier,monospace", n.Title, text.Family)
				}
				half := 0.6 * text.FontSize * float64(len([]rune(text.Text))) / 2
				i, _ := slices.BinarySearch(borders, text.X)
				if i == 0 || i == len(borders) {
					t.Errorf("%s: text %q at x=%.2f lies outside its box %v", n.Title, text.Text, text.X, borders)
					continue
				}
				left, right := borders[i-1], borders[i]
				if text.X-half < left || text.X+half > right {
					t.Errorf("%s: text %q spans %.2f to %.2f, its field %.2f to %.2f",
						n.Title, text.Text, text.X-half, text.X+half, left, right)
				}
			}
		}
	}
}

var number = regexp.MustCompile(`-?[0-9.]+`)

// xsOf returns the x coordinates of an SVG points attribute "x,y x,y …".
func xsOf(t *testing.T, points string) []float64 {
	var xs []float64
	for _, p := range strings.Fields(points) {
		x, err := strconv.ParseFloat(number.FindString(p), 64)
		if err != nil {
			t.Fatalf("points %q: %v", points, err)
		}
		xs = append(xs, x)
	}
	return xs
}
