package graph

import "fmt"

// A Config is what the options of package display chose for one call.
type Config struct {
	Layout      Layout
	Style       Style
	FullSize    bool // keep the picture at its own size in a notebook
	DataOnly    bool // leave the grad field out
	Digits      int
	DigitsGiven bool  // Digits was set by an option, not the default
	Highlight   []any // the Values to paint red
	MaxNodes    int   // the largest graph accepted
	Err         error // the first invalid option
}

// NewConfig applies opts, package display's options, to the defaults:
// 4 digits and graphs of up to maxNodes Values. It returns the first
// invalid option's error.
func NewConfig[O ~func(*Config)](maxNodes int, opts []O) (*Config, error) {
	cfg := &Config{Digits: 4, MaxNodes: maxNodes}
	for _, opt := range opts {
		opt(cfg)
	}
	return cfg, cfg.Err
}

// Fail records an invalid option, unless one was recorded already.
func (c *Config) Fail(format string, args ...any) {
	if c.Err == nil {
		c.Err = fmt.Errorf(format, args...)
	}
}

// A Layout is the direction in which a picture's arrows run.
type Layout uint8

const (
	LayoutAuto        Layout = iota // whichever fits a notebook cell better: see fitsBetterTopDown
	LayoutLeftToRight               // inputs on the left, the result on the right
	LayoutTopDown                   // inputs at the top, the result at the bottom
)

// A Style is how much each Value's box says.
type Style uint8

const (
	StyleAuto     Style = iota // detailed up to CompactAbove Values, compact above
	StyleDetailed              // "data 2.0000", an oval of its own for each operation
	StyleCompact               // two decimals, the operation inside the box
)

// CompactAbove is the number of Values above which a picture is compact by
// default (package display documents it).
const CompactAbove = 40
