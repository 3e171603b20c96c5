// Package vec is reverse-mode automatic differentiation on vectors and
// matrices: package autograd's engine with a whole matrix in each node.
//
// A scalar engine pays for every number: the moons network of micrograd's
// demo, MLP(2, [16, 16, 1]) on 100 points, builds 65,814 Values per
// training step, each allocated, walked and differentiated on its own. Here
// one node holds a whole matrix, and one operation does the work of
// thousands of scalar ones: the same step is 17 nodes.
//
//	X := vec.Matrix(points)                  // 100 × 2, one row per point
//	H1 := vec.Linear(X, W1).ReLU()           // 100 × 16
//	H2 := vec.Linear(H1, W2).ReLU()          // 100 × 16
//	S := vec.Linear(H2, W3)                  // 100 × 1, the scores
//
// A [Value] holds Rows × Cols numbers in Data, row by row, and after
// Backward the same number of gradients in Grad. An operation's backward
// step is no longer a local derivative times a gradient: it is a product
// of the gradient with the operation's Jacobian, written out as loops, and
// working it out is the heart of lesson 11. For y = W·x it is
//
//	dW[i][j] += g[i]·x[j]     (the outer product g xᵀ)
//	dx[j]    += Σ_i W[i][j]·g[i]   (Wᵀ g)
//
// # What to read
//
// value.go holds the Value and Backward, as in package autograd: an order
// in which every node comes after its operands, the root's gradient set to
// 1, and one loop backwards through that order. ops.go holds the
// operations, each one short block: its forward loop and its backward loop
// side by side.
//
// # The same numbers as the scalar engine
//
// The loops add in the order the scalar engine does: a sum starts from the
// bias and adds the products in input order, as nn.Neuron does, and a
// backward step visits rows and points from the last to the first, as
// autograd's Backward reaches them. So the moons step gives the same loss
// and the same gradients as package nn, to the last bit (the package's
// tests check it). A layer's weights and bias sit in one matrix, the bias
// last in each row, in the order nn.Neuron.Parameters lists them.
package vec
