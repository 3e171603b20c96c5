package display

import "fmt"

// DefaultMaxNodes is the largest graph, counted in Values, that the
// functions of this package accept when no [MaxNodes] option is given.
// Graphviz cannot be interrupted, and a graph of a few thousand Values
// keeps it busy for long, so larger graphs are refused before layout.
// Set it once, before drawing, to change the limit for a whole program; in
// a GoNB notebook, where every cell is a new program, set it in an init
// function so that every cell keeps it: func init() { display.DefaultMaxNodes = 2000 }.
var DefaultMaxNodes = 500

// An Option changes what the functions of this package draw or accept.
type Option func(*config)

type config struct {
	layout      layout
	style       style
	fullSize    bool
	dataOnly    bool
	digits      int
	digitsGiven bool // digits was set by Digits, not the default
	highlight   []any
	maxNodes    int
	err         error // the first invalid option
}

func newConfig(opts []Option) (*config, error) {
	cfg := &config{digits: 4, maxNodes: DefaultMaxNodes}
	for _, opt := range opts {
		opt(cfg)
	}
	return cfg, cfg.err
}

func (c *config) fail(format string, args ...any) {
	if c.err == nil {
		c.err = fmt.Errorf(format, args...)
	}
}

// A layout is the direction in which a picture's arrows run.
type layout uint8

const (
	autoLayout  layout = iota // whichever fits a notebook cell better: see pickLayout
	leftToRight               // inputs on the left, the result on the right
	topDown                   // inputs at the top, the result at the bottom
)

// TopDown lays the graph out from top to bottom, each Value a card with its
// label above its data and grad. The picture is taller and much narrower
// than left to right. Without TopDown or [LeftToRight], the layout is the
// one that shows the picture larger in a notebook cell, left to right when
// both fit.
func TopDown() Option {
	return func(c *config) { c.layout = topDown }
}

// LeftToRight lays the graph out from left to right, the way micrograd's
// draw_dot does, whatever its width: see [TopDown].
func LeftToRight() Option {
	return func(c *config) { c.layout = leftToRight }
}

// A style is how much each Value's box says.
type style uint8

const (
	autoStyle style = iota // detailed up to CompactAbove Values, compact above
	detailed               // "data 2.0000", an oval of its own for each operation
	compact                // two decimals, the operation inside the box
)

// CompactAbove is the number of Values above which a picture is compact by
// default: see [Compact].
const CompactAbove = 40

// Compact draws every Value as a small box of name, data and grad with two
// decimals, the operation that made it written after its name, as in
// "n (+)", instead of in an oval of its own; a larger graph fits the width
// of a notebook cell this way. Graphs of more than [CompactAbove] Values
// are compact unless [Detailed] is given.
func Compact() Option {
	return func(c *config) { c.style = compact }
}

// Detailed draws every Value as a box of name, "data" and "grad", and every
// operation as an oval of its own, whatever the size of the graph: the
// picture of graphs up to [CompactAbove] Values.
func Detailed() Option {
	return func(c *config) { c.style = detailed }
}

// FullSize keeps a picture at its own size in a notebook, however wide,
// instead of scaling it down to the width of the cell; a wide picture then
// scrolls sideways.
func FullSize() Option {
	return func(c *config) { c.fullSize = true }
}

// Digits sets how many digits are shown after the decimal point, from 0 to
// 17; the default is 4, and 2 in a [Compact] picture.
func Digits(n int) Option {
	return func(c *config) {
		if n < 0 || n > 17 {
			c.fail("Digits(%d): want 0 to 17", n)
			return
		}
		c.digits, c.digitsGiven = n, true
	}
}

// DataOnly leaves the grad field out of every box, for a graph drawn before
// its backward pass, when every gradient is still 0.
func DataOnly() Option {
	return func(c *config) { c.dataOnly = true }
}

// Highlight paints the given Values red, for example the ones [WrongGrads]
// returns. Every node must be a pointer to a Value of the drawn graph.
func Highlight(nodes ...any) Option {
	return func(c *config) { c.highlight = append(c.highlight, nodes...) }
}

// MaxNodes sets the largest graph, counted in Values, that a call accepts;
// the default is [DefaultMaxNodes]. Every graph up to the default is drawn
// without a long wait (docs/PERF.md measures it); the time of a layout
// grows faster than the number of Values, so a larger limit lets a cell
// wait longer, and Graphviz cannot be interrupted.
func MaxNodes(n int) Option {
	return func(c *config) {
		if n < 1 {
			c.fail("MaxNodes(%d): want at least 1", n)
			return
		}
		c.maxNodes = n
	}
}
