package display

import (
	"slices"

	"github.com/gograd/gograd/internal/graph"
)

// A Frame is one step of the backward pass, as [BackwardFrames] draws it.
type Frame struct {
	Node any    // the Value whose step this is, a pointer into the caller's graph
	Text string // what the step does, e.g. "n.grad += 0.5000 × 1.0000 = 0.5000 → n.grad = 0.5000"
	SVG  []byte // the graph with Node highlighted and the gradients found so far
}

// BackwardFrames replays the backward pass of the graph ending in root and returns
// one frame per Value, in reverse topological order: root first, every
// Value after all the Values computed from it, so that its gradient is
// complete when its turn comes. Each frame highlights its Value (yellow),
// its operation and the operands receiving gradient (blue), and its Text
// shows each operand's contribution: local derivative × the Value's
// gradient. Leaves pass nothing on; their frame says that their gradient is
// complete.
//
// The replay runs on a copy of the graph rebuilt in the engine with
// autograd.Apply, starting from zero gradients and using the engine's
// LocalGrads, so the frames show correct gradients whatever the caller's
// graph holds, and the caller's graph is left alone. [DataOnly] is
// ignored. BackwardFrames renders one picture per Value: keep it for graphs of tens
// of Values.
func BackwardFrames(root any, opts ...Option) ([]Frame, error) {
	d, err := prepare(root, opts)
	if err == nil {
		var f []Frame
		if f, err = frames(d); err == nil {
			return f, nil
		}
	}
	return nil, failed("BackwardFrames", err)
}

// frames draws each step of the backward pass: the graph with the
// engine's Data, the step's gradients and its marks.
func frames(d *graph.Drawing) ([]Frame, error) {
	data, steps, err := graph.Replay(d)
	if err != nil {
		return nil, err
	}
	shown := *d
	shown.Graph = &graph.Graph{Nodes: slices.Clone(d.Nodes)}
	shown.Cfg = new(graph.Config)
	*shown.Cfg = *d.Cfg
	shown.Cfg.DataOnly = false
	var frames []Frame
	for _, s := range steps {
		for i := range shown.Nodes {
			shown.Nodes[i].Data, shown.Nodes[i].Grad = data[i], s.Grads[i]
		}
		shown.Marks = s.Marks
		svg, err := shown.SVG()
		if err != nil {
			return nil, err
		}
		frames = append(frames, Frame{Node: d.Nodes[s.Node].Ptr, Text: s.Text, SVG: svg})
	}
	return frames, nil
}
