package autograd

import (
	"fmt"
	"strconv"
)

// Value is one node of a computation graph: a number, the gradient of the
// graph's result with respect to it, and how it was computed.
//
// Make Values with [New] and the operations. The fields are exported so
// that pictures and lessons can read them; change Data or Grad freely, but
// Prev and Op describe how the node was computed and are not meant to be
// edited. A graph is not safe for use by several goroutines at once.
type Value struct {
	Data float64 // the number itself, set by the forward pass
	Grad float64 // d(root)/d(this), filled in by Backward

	// op is the operation that made the Value, with its local derivatives,
	// as its number in the table ops (ops.go); leaf for a leaf. It and node
	// come right after Data and Grad because Backward reads them together:
	// see fast_node.go.
	op   opIndex
	node // what makes building and walking graphs fast (fast_node.go)

	Prev  []*Value // the operands, in operand order; a.Add(a) holds a twice
	Label string   // a name for pictures and printing, e.g. "x1*w1"
	Op    string   // the operation that produced the Value: "+", "*", "tanh", "**-1"; "" for a leaf
}

// New returns a leaf Value holding data, with no operands and no gradient.
func New(data float64) *Value {
	return &Value{Data: data}
}

// Named sets the Value's label and returns the Value, so that a node can be
// built and named in one expression: d := a.Mul(b).Named("d").
func (v *Value) Named(label string) *Value {
	v.Label = label
	return v
}

// String formats the Value as Value(data=2, grad=0), followed by its label
// when it has one: Value(data=2, grad=0, label="a").
func (v *Value) String() string {
	if v == nil {
		return "Value(nil)"
	}
	s := "Value(data=" + strconv.FormatFloat(v.Data, 'g', -1, 64) +
		", grad=" + strconv.FormatFloat(v.Grad, 'g', -1, 64)
	if v.Label != "" {
		s += ", label=" + strconv.Quote(v.Label)
	}
	return s + ")"
}

// Backward computes the gradient of v with respect to every Value in v's
// graph and adds it to their Grad fields.
//
// Gradients accumulate in leaves, as in micrograd and PyTorch: calling
// Backward twice without [Value.ZeroGrad] in between doubles every leaf's
// gradient, which is what lets a parameter used by several losses collect
// all of them. Gradients of interior nodes (those with an Op) are recomputed
// from zero by every call, so they always show this pass's values.
func (v *Value) Backward() {
	// Every Value after the Values it is computed from: a topological order.
	// Interior gradients belong to this pass alone: set them to 0 on the way.
	topo := topoSort("Backward", v, func(n *Value) {
		if n.op != leaf {
			n.Grad = 0
		}
	})
	defer topo.release()

	// Go one Value at a time, from the root back to the leaves, and apply
	// the chain rule: a Value's gradient is complete once every Value that
	// uses it, all later in the order, has passed its share on.
	v.Grad += 1 // d v / d v
	for i := len(topo.order) - 1; i >= 0; i-- {
		topo.order[i].backward()
	}
}

// ZeroGrad sets the gradient of every Value in v's graph, v included, to 0.
// Call it between training steps, since Backward accumulates.
func (v *Value) ZeroGrad() {
	topoSort("ZeroGrad", v, func(n *Value) { n.Grad = 0 }).release()
}

// Topo returns every Value in root's graph once, operands before the
// Values computed from them (a topological order), root last. The order
// is deterministic: a depth-first walk that takes operands in Prev order.
func Topo(root *Value) []*Value {
	topo := topoSort("Topo", root, nil)
	defer topo.release()
	return append([]*Value(nil), topo.order...)
}

// topoSort lists the Values of root's graph in topo.order, every Value after
// its operands, root last. It is micrograd's build_topo,
//
//	def build_topo(v):
//	    if v not in visited:
//	        visited.add(v)
//	        for child in v._prev:
//	            build_topo(child)
//	        topo.append(v)
//
// a depth-first walk that adds a Value to the order once all its operands
// are in it, but it keeps a stack of its own rather than recursing, so that
// no graph is too deep for it. The stack holds the Values entered or
// waiting to be entered, the last one on top. The order is the same on
// every run, and so are the floating-point results of Backward.
//
// topoSort calls visit, unless it is nil, on each Value as it adds it to
// the order, while the Value is at hand: a second pass over a large graph
// would have to fetch every Value from memory again. The caller, named in
// panics, hands the walk back with release once done with topo.order.
func topoSort(caller string, root *Value, visit func(*Value)) *walk {
	mustOperand(caller, root)
	topo := startWalk() // empty slices and marks of its own: fast_walk.go
	order, stack, seen := topo.order, append(topo.stack, root), topo.marks
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		switch {
		case seen.listed(v): // reached twice: already in the order
			stack = stack[:len(stack)-1]
		case seen.entered(v): // back from v's operands: v comes next
			stack = stack[:len(stack)-1]
			seen.list(v)
			order = append(order, v)
			if visit != nil {
				visit(v)
			}
		default: // first visit: list the operands first, first operand first
			seen.enter(v)
			for i := len(v.Prev) - 1; i >= 0; i-- {
				if p := v.Prev[i]; !seen.listed(p) {
					stack = append(stack, p)
				}
			}
		}
	}
	topo.order, topo.stack = order, stack
	return topo
}

// mustOperand panics with the operation's name when an operand is nil,
// rather than failing later with a bare nil-pointer dereference.
func mustOperand(op string, v *Value) {
	if v == nil {
		panic(fmt.Sprintf("autograd: %s: a nil *Value was passed", op))
	}
}
