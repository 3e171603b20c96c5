package autograd

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"os"
	"strings"
	"testing"
)

// This file follows the recipe in the doc comment of op (ops.go) to the
// letter: it teaches the engine the sine, for this package's tests only.
// TestEveryOpIsComplete then checks sin like every other op.

// Sin returns the sine of v.
func (v *Value) Sin() *Value { return apply(sin, v, nil) }

// The derivative of sin a is cos a.
var sin = define(op{"sin", 1,
	func(a, _ float64) float64 { return math.Sin(a) },
	func(a, _, _ float64) (float64, float64) { return math.Cos(a), 0 }})

// TestRecipeIsTheDocs checks that this file holds the code of the recipe
// as ops.go shows it.
func TestRecipeIsTheDocs(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "ops.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	ast.Inspect(f, func(n ast.Node) bool {
		if d, ok := n.(*ast.GenDecl); ok && d.Tok == token.TYPE && d.Specs[0].(*ast.TypeSpec).Name.Name == "op" {
			doc = d.Doc.Text()
		}
		return doc == ""
	})
	var code []string
	for _, line := range strings.Split(doc, "\n") {
		text, inCode := strings.CutPrefix(line, "\t")
		if !inCode && line != "" && len(code) > 0 {
			break // the end of the first block of code
		}
		if inCode || len(code) > 0 {
			code = append(code, text)
		}
	}
	recipe := strings.TrimSpace(strings.Join(code, "\n"))
	if recipe == "" {
		t.Fatal("the doc comment of op in ops.go shows no code")
	}
	self, err := os.ReadFile("recipe_test.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(self), recipe) {
		t.Errorf("recipe_test.go does not hold the recipe of ops.go:\n%s", recipe)
	}
}

// TestRecipe checks what the recipe promises: the new operation works like
// the others, in graphs, in Backward and in Apply.
func TestRecipe(t *testing.T) {
	x := New(0.5).Named("x")
	y := x.Mul(x).Sin() // sin(x²): dy/dx = cos(x²)·2x
	y.Backward()
	if y.Op != "sin" || y.Data != math.Sin(0.25) || x.Grad != math.Cos(0.25)*2*0.5 {
		t.Errorf("sin(x²) at 0.5: Op %q, data %v, dy/dx %v; want sin, %v, %v",
			y.Op, y.Data, x.Grad, math.Sin(0.25), math.Cos(0.25))
	}
	if again, err := Apply("sin", x); err != nil || again.Data != math.Sin(0.5) {
		t.Errorf("Apply(sin, x) = %v, %v; want data %v", again, err, math.Sin(0.5))
	}
}
