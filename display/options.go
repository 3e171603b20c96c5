package display

import (
	"fmt"
	"time"
)

// DefaultMaxNodes is the largest graph, counted in Values, that the
// functions of this package accept when no [MaxNodes] option is given.
// Graphviz cannot be interrupted, and a graph of a few thousand nodes can
// keep it busy for minutes, so larger graphs are refused before layout.
// Set it once, before drawing, to change the limit for a whole program; in
// a GoNB notebook, where every cell is a new program, set it in an init
// function so that every cell keeps it: func init() { display.DefaultMaxNodes = 2000 }.
var DefaultMaxNodes = 500

// An Option changes what the functions of this package draw or accept.
type Option func(*config)

type config struct {
	topDown   bool
	dataOnly  bool
	digits    int
	highlight []any
	maxNodes  int
	delay     time.Duration
	err       error // the first invalid option
}

func newConfig(opts []Option) (*config, error) {
	cfg := &config{digits: 4, maxNodes: DefaultMaxNodes, delay: 800 * time.Millisecond}
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

// TopDown lays the graph out from top to bottom instead of left to right,
// each Value a card with its label above its data and grad. The picture is
// taller and much narrower: the tanh neuron fits the width of a notebook
// cell this way.
func TopDown() Option {
	return func(c *config) { c.topDown = true }
}

// Digits sets how many digits are shown after the decimal point, from 0 to
// 17; the default is 4.
func Digits(n int) Option {
	return func(c *config) {
		if n < 0 || n > 17 {
			c.fail("Digits(%d): want 0 to 17", n)
			return
		}
		c.digits = n
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
// the default is [DefaultMaxNodes]. Rendering a neuron takes about 2 ms
// with 10 Values, 30 ms with 200 and 80 ms with 500; graphs whose edges
// cross more, such as a multilayer perceptron's, take longer, and the time
// grows faster than the size.
func MaxNodes(n int) Option {
	return func(c *config) {
		if n < 1 {
			c.fail("MaxNodes(%d): want at least 1", n)
			return
		}
		c.maxNodes = n
	}
}

// FrameDelay sets how long [StepThrough] shows each step; the default is
// 0.8 s.
func FrameDelay(d time.Duration) Option {
	return func(c *config) {
		if d < 0 {
			c.fail("FrameDelay(%v): want a duration of 0 or more", d)
			return
		}
		c.delay = d
	}
}
