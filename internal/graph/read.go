package graph

import (
	"fmt"
	"reflect"
	"strings"
)

// A Graph is the caller's graph read through reflection, in the order of
// autograd.Topo: a depth-first walk that takes operands in Prev order and
// lists every Value after its operands, root last. A Value's position in
// nodes is its number in the DOT text, so the same graph always gives the
// same DOT.
type Graph struct {
	Nodes []Node
	index map[any]int  // the caller's pointer → its position in nodes
	typ   reflect.Type // the caller's pointer type, such as *autograd.Value
}

// A Node is one Value of the caller's graph.
type Node struct {
	Ptr        any // the caller's pointer, such as a *autograd.Value
	Label, Op  string
	Data, Grad float64
	Prev       []int // the operands' positions in graph.nodes, in Prev order
}

// Name is how texts refer to the node: its label, or its DOT name v3 if it
// has none.
func (g *Graph) Name(i int) string {
	if l := g.Nodes[i].Label; l != "" {
		return VisibleText(l)
	}
	return fmt.Sprintf("v%d", i)
}

// Find returns the position of the Value ptr in the graph.
func (g *Graph) Find(ptr any) (int, error) {
	switch {
	case ptr == nil:
		return 0, fmt.Errorf("is nil")
	case reflect.TypeOf(ptr) != g.typ:
		return 0, fmt.Errorf("is a %T, not a %v", ptr, g.typ)
	}
	i, ok := g.index[ptr]
	if !ok {
		return 0, fmt.Errorf("(%v) is not in the graph", ptr)
	}
	return i, nil
}

// fields is the layout of the caller's Value struct: the index of each
// field that this package reads.
type fields struct {
	data, grad, label, op, prev []int
}

// readFields checks that ptr, a pointer to a struct, has the fields Data,
// Grad, Label, Op and Prev with the right types.
func readFields(ptr reflect.Type) (fields, error) {
	st := ptr.Elem()
	float, str := reflect.TypeFor[float64](), reflect.TypeFor[string]()
	var f fields
	for _, want := range []struct {
		name  string
		typ   reflect.Type
		index *[]int
	}{
		{"Data", float, &f.data},
		{"Grad", float, &f.grad},
		{"Label", str, &f.label},
		{"Op", str, &f.op},
		{"Prev", reflect.SliceOf(ptr), &f.prev},
	} {
		sf, ok := st.FieldByName(want.name)
		if !ok {
			return f, fmt.Errorf("type %v has no field %q (want %s %v)", st, want.name, want.name, want.typ)
		}
		if sf.Type != want.typ {
			return f, fmt.Errorf("field %v.%s is %v, want %v", st, want.name, sf.Type, want.typ)
		}
		*want.index = sf.Index
	}
	return f, nil
}

// Read reads the graph that ends in root, refusing it as soon as it
// has more than limit Values, before reading the rest.
func Read(root any, limit int) (*Graph, error) {
	rv := reflect.ValueOf(root)
	switch {
	case root == nil:
		return nil, fmt.Errorf("the root is nil, want a pointer to a Value such as *autograd.Value")
	case rv.Kind() == reflect.Struct:
		return nil, fmt.Errorf("got a %v, want a pointer to it: pass &v", rv.Type())
	case rv.Kind() != reflect.Pointer || rv.Type().Elem().Kind() != reflect.Struct:
		return nil, fmt.Errorf("got a %v, want a pointer to a Value struct such as *autograd.Value", rv.Type())
	case rv.IsNil():
		return nil, fmt.Errorf("the root is a nil %v", rv.Type())
	}
	f, err := readFields(rv.Type())
	if err != nil {
		return nil, err
	}
	g := &Graph{index: map[any]int{}, typ: rv.Type()}
	w := walker{g: g, f: f, onPath: map[any]bool{}}
	return g, w.walk(rv, limit)
}

// A walker does readGraph's depth-first walk with an explicit stack, so
// that no graph is too deep for it.
type walker struct {
	g      *Graph
	f      fields
	onPath map[any]bool // the Values whose operands are being walked
	stack  []frame
}

type frame struct {
	v        reflect.Value // a pointer to a Value
	expanded bool          // its operands have been pushed
}

func (w *walker) walk(root reflect.Value, limit int) error {
	w.stack = []frame{{v: root}}
	seen := 0
	for len(w.stack) > 0 {
		top := w.stack[len(w.stack)-1]
		w.stack = w.stack[:len(w.stack)-1]
		key := pointer(top.v)
		if top.expanded {
			delete(w.onPath, key)
			w.add(top.v, key)
			continue
		}
		if _, done := w.g.index[key]; done {
			continue
		}
		if w.onPath[key] {
			return w.cycle(top.v)
		}
		if seen++; seen > limit {
			return fmt.Errorf("the graph has more than %d Values, the limit for drawing: "+
				"raise it with the option display.MaxNodes(n) or the variable display.DefaultMaxNodes, "+
				"or draw part of the graph by passing one of its inner Values as the root", limit)
		}
		w.onPath[key] = true
		w.stack = append(w.stack, frame{v: top.v, expanded: true})
		prev := top.v.Elem().FieldByIndex(w.f.prev)
		for i := prev.Len() - 1; i >= 0; i-- {
			p := prev.Index(i)
			if p.IsNil() {
				return fmt.Errorf("Value %s has a nil operand: Prev[%d]", w.quote(top.v), i)
			}
			w.stack = append(w.stack, frame{v: p})
		}
	}
	return nil
}

// add appends the Value v, whose operands are all in the graph already.
func (w *walker) add(v reflect.Value, key any) {
	s := v.Elem()
	n := Node{
		Ptr:   key,
		Label: s.FieldByIndex(w.f.label).String(),
		Op:    s.FieldByIndex(w.f.op).String(),
		Data:  s.FieldByIndex(w.f.data).Float(),
		Grad:  s.FieldByIndex(w.f.grad).Float(),
	}
	prev := s.FieldByIndex(w.f.prev)
	for i := range prev.Len() {
		n.Prev = append(n.Prev, w.g.index[pointer(prev.Index(i))])
	}
	w.g.index[key] = len(w.g.Nodes)
	w.g.Nodes = append(w.g.Nodes, n)
}

// cycle describes the cycle that the walk closed by reaching v, which is
// still waiting for its operands: the Values on the stack from v onwards.
func (w *walker) cycle(v reflect.Value) error {
	var names []string
	for _, fr := range w.stack {
		if fr.expanded && (len(names) > 0 || pointer(fr.v) == pointer(v)) {
			names = append(names, w.quote(fr.v))
		}
	}
	names = append(names, w.quote(v))
	return fmt.Errorf("the graph has a cycle, a Value among its own operands: %s",
		strings.Join(names, " uses "))
}

// quote names the Value v for an error message.
func (w *walker) quote(v reflect.Value) string {
	if l := v.Elem().FieldByIndex(w.f.label).String(); l != "" {
		return fmt.Sprintf("%q", l)
	}
	return fmt.Sprintf("(unlabelled %v)", v.Type())
}

// pointer returns the pointer v holds as an interface, the key that
// identifies a Value. reflect.NewAt keeps it usable even when Prev was
// reached through an unexported embedded struct.
func pointer(v reflect.Value) any {
	return reflect.NewAt(v.Type().Elem(), v.UnsafePointer()).Interface()
}
