// Package views shows the graphs of package display with controls, in a
// GoNB notebook:
//
// [Nudge] draws a graph with a slider for one input: moving it shows every
// Value's data and grad at that input, and readouts compare the input's
// grad with the finite-difference estimate (L(x+h) − L(x))/h, so a wrong
// backward pass shows. [StepByStep] shows the frames of
// display.BackwardFrames with Prev and Next buttons and a slider, at the
// student's pace. Both compute every
// state in the cell, with the caller's engine, and the browser switches
// between them without the kernel: they respond at once, never hold up
// Run All, and keep working in a saved (trusted) notebook and in an HTML
// export; an untrusted notebook shows a still picture of the first state.
// The states travel to the page as numbers and marks, and the graph is
// laid out once per view.
//
// The options are package display's ([display.TopDown], [display.Compact],
// …), and so are the limits ([display.DefaultMaxNodes],
// [display.MaxViewSize]). Outside a notebook the views print plain text.
package views
