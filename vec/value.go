package vec

import (
	"fmt"
	"strconv"
)

// Value is one node of a computation graph: a Rows × Cols matrix of
// numbers, the gradient of the graph's result with respect to each, and
// how it was computed. A vector is a matrix with one column.
type Value struct {
	Rows, Cols int
	Data       []float64 // Rows·Cols numbers, row by row: element (i, j) is Data[i*Cols+j]
	Grad       []float64 // d(root)/d(Data[k]) in Grad[k], filled in by Backward

	Prev []*Value // the operands
	Op   string   // the operation that made the Value, e.g. "W·x"; "" for a leaf
	op   opIndex
}

// New returns a leaf holding a rows × cols matrix, data row by row. It
// panics if len(data) is not rows·cols.
func New(rows, cols int, data []float64) *Value {
	if rows < 1 || cols < 1 || len(data) != rows*cols {
		panic(fmt.Sprintf("vec: New(%d, %d): got %d numbers, want %d", rows, cols, len(data), rows*cols))
	}
	return &Value{Rows: rows, Cols: cols, Data: data, Grad: make([]float64, len(data))}
}

// Vector returns a leaf holding a column vector of the numbers x.
func Vector(x ...float64) *Value { return New(len(x), 1, x) }

// Matrix returns a leaf holding the matrix whose rows are rows. It panics
// if the rows are not all as long as the first.
func Matrix(rows [][]float64) *Value {
	if len(rows) == 0 {
		panic("vec: Matrix: no rows")
	}
	var data []float64
	for i, r := range rows {
		if len(r) != len(rows[0]) {
			panic(fmt.Sprintf("vec: Matrix: row %d has %d numbers, row 0 has %d", i, len(r), len(rows[0])))
		}
		data = append(data, r...)
	}
	return New(len(rows), len(rows[0]), data)
}

// At returns element (i, j).
func (v *Value) At(i, j int) float64 { return v.Data[i*v.Cols+j] }

// GradAt returns the gradient of element (i, j).
func (v *Value) GradAt(i, j int) float64 { return v.Grad[i*v.Cols+j] }

// String formats the Value as vec.Value(2×3, op "W·x").
func (v *Value) String() string {
	return "vec.Value(" + strconv.Itoa(v.Rows) + "×" + strconv.Itoa(v.Cols) + ", op " + strconv.Quote(v.Op) + ")"
}

// Backward computes the gradient of v, which must hold one number, with
// respect to every number of every Value in its graph, and adds it to their
// Grad. As in package autograd, leaves accumulate and interior gradients
// are recomputed from zero by every call.
func (v *Value) Backward() {
	if len(v.Data) != 1 {
		panic(fmt.Sprintf("vec: Backward: the root is %d×%d, want 1×1: one number to differentiate", v.Rows, v.Cols))
	}
	topo := Topo(v)
	for _, n := range topo {
		if n.op != leaf {
			clear(n.Grad)
		}
	}
	v.Grad[0] += 1 // d v / d v
	for i := len(topo) - 1; i >= 0; i-- {
		if n := topo[i]; n.op != leaf {
			ops[n.op].backward(n, n.Prev)
		}
	}
}

// Topo returns every Value in root's graph once, operands before the Values
// computed from them, root last: a depth-first walk that takes operands in
// Prev order, as package autograd's Topo. Vector graphs are small, so a set
// of visited nodes and recursion do.
func Topo(root *Value) []*Value {
	var order []*Value
	visited := map[*Value]bool{}
	var build func(*Value)
	build = func(v *Value) {
		if !visited[v] {
			visited[v] = true
			for _, p := range v.Prev {
				build(p)
			}
			order = append(order, v)
		}
	}
	build(root)
	return order
}
