// Package display draws computation graphs: the Go counterpart of
// micrograd's draw_dot, plus the pictures a teacher needs to explain
// backpropagation in a GoNB notebook.
//
// # Reading the picture
//
// [Graph] draws the graph that ends in a Value, left to right (inputs on the
// left, the result on the right) when that fits a notebook cell, else top
// down. Every Value is a box of three fields,
//
//	{ label | data 2.0000 | grad -6.0000 }
//
// its name, the number it holds, and the derivative of the result with
// respect to it (filled in by a backward pass; 0 before). Every operation is
// a small oval of its own (+, *, tanh, exp, **-1) with an arrow into the
// Value it produced, and every operand has an arrow into the oval: read the
// arrows as "is used to compute". A Value used twice, as a in a.Add(a), has
// two arrows into the same oval; that is why its gradient must be added
// up (+=), never assigned.
//
// A graph of more than [CompactAbove] Values is drawn compact: small boxes
// of name, data and grad with two decimals, each operation written after
// its Value's name, as in "n (+)", rather than in an oval of its own.
//
// Options change the picture: [TopDown] and [LeftToRight] choose the
// layout, [Compact] and [Detailed] the boxes, [Digits] the number of
// decimals, [DataOnly] leaves out the grad field (for a graph before its
// backward pass), [Highlight] paints chosen Values red, for instance those
// whose gradient is wrong, and [FullSize] keeps a picture at its own size
// in a notebook instead of scaling it down. [ShowDot] draws DOT text
// written by hand, such as a lesson's own draw_dot.
//
// # Any Value type
//
// Every function takes the root as an any: a *autograd.Value, or a pointer
// to a Value type that a notebook declares itself, as lessons do before
// they reach the engine, for example
//
//	type Value struct {
//		Data, Grad float64
//		Label, Op  string
//		Prev       []*Value
//		backward   func()
//	}
//
// Any struct works, through reflection, if it has the fields Data and Grad
// (float64), Label and Op (string) and Prev (a slice of pointers to the same
// struct); other fields are ignored. A missing or mistyped field is reported
// by name, and a graph that loops back on itself is reported as a cycle.
//
// # Graphs too large to draw
//
// Graphviz cannot be interrupted once it lays a graph out, so a graph is
// refused before layout, in milliseconds, with a message saying what to
// draw instead, when it has more than [DefaultMaxNodes] Values (see
// [MaxNodes]) or when its layout would take more than a second or two: the
// cost of a layout grows with the edges that cross many ranks, such as
// those of an input that every step of a long chain uses again, more than
// with the number of Values. Large graphs are laid
// out with Graphviz's optimisation bounded, which keeps them quick at the
// price of a few more crossing edges.
//
// # Checking gradients and stepping through backward
//
// [GradTable] lists every Value with the gradient the graph holds next to a
// numeric estimate by central differences, and marks the wrong ones;
// [WrongGrads] returns those Values, ready for [Highlight]. [BackwardFrames]
// replays the backward pass one Value at a time, each frame showing the
// local derivative × upstream gradient that its step adds, on a copy of
// the graph rebuilt in the engine with autograd.Apply: it never runs the
// notebook's own backward pass and never changes its graph.
//
// # Interactive views and the training view
//
// Package display/views shows a graph's states with controls: Nudge, a
// slider over one input, and StepByStep, the backward pass one step at a
// time. Package display/training records a run of gradient descent and
// shows it as one view. Both take this package's options and limits
// ([DefaultMaxNodes], [MaxViewSize]).
//
// # Where the output goes
//
// In a GoNB notebook [Graph], [ShowDot], and [GradTable] show
// their output under the cell, and so do their errors. A picture is an
// SVG image, which Jupyter shows in trusted and untrusted notebooks alike,
// scaled to the width of the cell as far as its text stays readable, with
// a line of plain text for front ends without pictures. Outside a notebook
// Graph and ShowDot write graph.svg in the current directory and print its
// path, and the others print plain text. [Dot], [SVG], [CheckGrads] and
// [BackwardFrames] only return data, for tests and for programs. Package
// display/output shows other output (HTML, live outputs, plots' pictures)
// the same way.
//
// Rendering uses Graphviz, compiled to WebAssembly, in a program of its
// own, gograd-render, which each user's drawings reach through a renderer
// server of that user's own: a program that draws does not link Graphviz,
// which keeps notebook cells small and quick to build. The variable
// GOGRAD_RENDER names the renderer (scripts/install.sh puts it in the
// notebook kernel's environment); without it, the renderer is built from
// this module's source on first use. Drawing needs a Unix-like system
// (Linux, macOS, or WSL on Windows). All functions are safe to call from
// several goroutines at once.
package display
