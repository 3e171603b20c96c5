package display

import "github.com/gograd/gograd/internal/graph"

// DefaultMaxNodes is the largest graph, counted in Values, that the
// functions of this package accept when no [MaxNodes] option is given.
// Graphviz cannot be interrupted, and a graph of a few thousand nodes can
// keep it busy for minutes, so larger graphs are refused before layout.
// Set it once, before drawing, to change the limit for a whole program; in
// a GoNB notebook, where every cell is a new program, set it in an init
// function so that every cell keeps it: func init() { display.DefaultMaxNodes = 2000 }.
var DefaultMaxNodes = 500

// MaxViewSize is the largest output, in bytes, that an interactive view
// sends (those of package display/views, and the training view of package
// display/training): a notebook carries every output in its file and the
// browser keeps it in memory. A view over the limit is refused with an
// error saying what to reduce, before the heavy work where it can be
// foreseen. In a GoNB notebook, change it in an init function, as for
// [DefaultMaxNodes].
var MaxViewSize = 200_000

// An Option changes what the functions of this package draw or accept.
type Option func(*graph.Config)

// TopDown lays the graph out from top to bottom, each Value a card with its
// label above its data and grad. The picture is taller and much narrower
// than left to right. Without TopDown or [LeftToRight], the layout is the
// one that shows the picture larger in a notebook cell, left to right when
// both fit.
func TopDown() Option {
	return func(c *graph.Config) { c.Layout = graph.LayoutTopDown }
}

// LeftToRight lays the graph out from left to right, the way micrograd's
// draw_dot does, whatever its width: see [TopDown].
func LeftToRight() Option {
	return func(c *graph.Config) { c.Layout = graph.LayoutLeftToRight }
}

// CompactAbove is the number of Values above which a picture is compact by
// default: see [Compact].
const CompactAbove = graph.CompactAbove

// Compact draws every Value as a small box of name, data and grad with two
// decimals, the operation that made it written after its name, as in
// "n (+)", instead of in an oval of its own; a larger graph fits the width
// of a notebook cell this way. Graphs of more than [CompactAbove] Values
// are compact unless [Detailed] is given.
func Compact() Option {
	return func(c *graph.Config) { c.Style = graph.StyleCompact }
}

// Detailed draws every Value as a box of name, "data" and "grad", and every
// operation as an oval of its own, whatever the size of the graph: the
// picture of graphs up to [CompactAbove] Values.
func Detailed() Option {
	return func(c *graph.Config) { c.Style = graph.StyleDetailed }
}

// FullSize keeps a picture at its own size in a notebook, however wide,
// instead of scaling it down to the width of the cell; a wide picture then
// scrolls sideways.
func FullSize() Option {
	return func(c *graph.Config) { c.FullSize = true }
}

// Digits sets how many digits are shown after the decimal point, from 0 to
// 17; the default is 4, and 2 in a [Compact] picture.
func Digits(n int) Option {
	return func(c *graph.Config) {
		if n < 0 || n > 17 {
			c.Fail("Digits(%d): want 0 to 17", n)
			return
		}
		c.Digits, c.DigitsGiven = n, true
	}
}

// DataOnly leaves the grad field out of every box, for a graph drawn before
// its backward pass, when every gradient is still 0.
func DataOnly() Option {
	return func(c *graph.Config) { c.DataOnly = true }
}

// Highlight paints the given Values red, for example the ones [WrongGrads]
// returns. Every node must be a pointer to a Value of the drawn graph.
func Highlight(nodes ...any) Option {
	return func(c *graph.Config) { c.Highlight = append(c.Highlight, nodes...) }
}

// MaxNodes sets the largest graph, counted in Values, that a call accepts;
// the default is [DefaultMaxNodes]. It also bounds the cost of a picture's
// layout, which grows with the ranks that the arrows cross more than with
// the Values: a call draws no graph that costs more than 5 times n, such as
// a chain of 120 Values whose every step uses the same input, which costs
// about 4,500 (a neuron of 500 Values costs 500, and takes a few tenths of
// a second).
func MaxNodes(n int) Option {
	return func(c *graph.Config) {
		if n < 1 {
			c.Fail("MaxNodes(%d): want at least 1", n)
			return
		}
		c.MaxNodes = n
	}
}
