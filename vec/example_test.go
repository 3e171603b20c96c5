package vec_test

import (
	"fmt"

	"github.com/gograd/gograd/vec"
)

// A matrix-vector product is one node; its backward pass gives the
// gradient of every weight (g xᵀ) and of every input (Wᵀ g) at once.
func Example() {
	W := vec.Matrix([][]float64{{1, 2, 3}, {4, 5, 6}})
	x := vec.Vector(1, -1, 2)
	y := vec.MatVec(W, x)              // (5, 11)
	L := vec.Dot(y, vec.Vector(1, 10)) // L = y0 + 10·y1, so dL/dy = (1, 10)
	L.Backward()
	fmt.Println("y =", y.Data, "L =", L.Data[0])
	fmt.Println("dL/dW =", W.Grad)
	fmt.Println("dL/dx =", x.Grad)
	// Output:
	// y = [5 11] L = 115
	// dL/dW = [1 -1 2 10 -10 20]
	// dL/dx = [41 52 63]
}
