// Package lesson holds what gograd's notebooks share: the checks at the end
// of each lesson, which stop the notebook when a number drifts, and a way to
// ask the Go compiler whether an expression compiles without stopping the
// notebook.
//
// A lesson's check cell reads
//
//	lesson.Expect("f = (a*b)*(a+b): f.Data", f.Data, -6)
//	lesson.Expect("a.Grad", a.Grad, -3)
//	fmt.Println("all checks passed")
//
// and prints one line per check, or panics with "CHECK FAILED" and the
// numbers, which makes the cell (and a run of the whole notebook) fail.
//
// Each exercise has a checker here, named after it (CheckLog for lesson
// 04's Log, …), which returns a [Result]: the exercise's checker cell
// prints it, and a grading cell calls its Must method, which fails unless
// the answer is right. A checker tells the classic mistakes apart and
// names the one it found, rather than only saying "wrong".
package lesson

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Expect prints "ok", what and got, if got is want within 1e-9; otherwise
// it panics with a message that starts with "CHECK FAILED" and gives both
// numbers.
func Expect(what string, got, want float64) {
	ExpectNear(what, got, want, 1e-9)
}

// ExpectNear is [Expect] with the tolerance tol, for numbers that a
// computation only approximates, such as a trained network's loss.
func ExpectNear(what string, got, want, tol float64) {
	if !(math.Abs(got-want) <= tol) { // NaN fails too
		panic(fmt.Sprintf("CHECK FAILED: %s = %.12g, want %.12g", what, got, want))
	}
	fmt.Printf("ok  %-34s %.10g\n", what, got)
}

// ExpectBug checks a number that lesson 02's engine gets wrong on purpose
// before its fix: it prints "ok", what, got and the true value if got is
// bug, and panics otherwise, saying so plainly when got is the true value:
// the notebook's engine has been fixed already.
func ExpectBug(what string, got, bug, truth float64) {
	switch {
	case near(got, bug):
		fmt.Printf("ok  %-34s %.10g, the bug's value (the true one is %g)\n", what, got, truth)
	case near(got, truth):
		panic(fmt.Sprintf("CHECK FAILED: %s = %g, the true value: this notebook's engine no longer has the bug. "+
			"This check is for the engine before the fix, whose backward steps assign (=): "+
			"run the cell that declares that Add, Mul and Tanh again, then this cell", what, got))
	default:
		panic(fmt.Sprintf("CHECK FAILED: %s = %.12g, want the bug's value %g (the true value is %g)", what, got, bug, truth))
	}
}

// ValuePrelude is the program that [TryCompile] puts before the expression:
// a cut-down copy of the lessons' Value, with Data only, its methods Add,
// Mul and Pow, and the generic functions Add and Mul of lesson 03.
const ValuePrelude = `package main

import "math"

type Value struct{ Data float64 }

func New(x float64) *Value            { return &Value{x} }
func (v *Value) Add(w *Value) *Value  { return New(v.Data + w.Data) }
func (v *Value) Mul(w *Value) *Value  { return New(v.Data * w.Data) }
func (v *Value) Pow(n float64) *Value { return New(math.Pow(v.Data, n)) }

type Operand interface{ *Value | int | float64 }

func val[T Operand](x T) *Value {
	switch x := any(x).(type) {
	case *Value:
		return x
	case int:
		return New(float64(x))
	}
	return New(any(x).(float64))
}
func Add[A, B Operand](a A, b B) *Value { return val(a).Add(val(b)) }
func Mul[A, B Operand](a A, b B) *Value { return val(a).Mul(val(b)) }

`

// TryCompile asks the Go compiler whether expr compiles after
// [ValuePrelude], in a main function where a and b are two *Values, and
// prints "✓ expr compiles" or "✗ expr" and the compiler's message. A cell
// that does not compile would stop the notebook; this shows the message
// instead. The program is built with the go command on PATH, in a
// temporary folder.
func TryCompile(expr string) {
	verdict, err := tryCompile(expr)
	if err != nil {
		fmt.Printf("? %-15s could not ask the compiler: %v\n", expr, err)
		return
	}
	fmt.Print(verdict)
}

// tryCompile returns TryCompile's verdict.
func tryCompile(expr string) (string, error) {
	dir, err := os.MkdirTemp("", "trycompile")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	src := ValuePrelude + "func main() {\n\ta, b := New(2), New(3)\n\t_, _ = a, b\n\t_ = " + expr + "\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module try\n\ngo 1.24\n"), 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		return "", err
	}
	cmd := exec.Command("go", "build", "-o", os.DevNull, ".")
	// The program is a module of its own: not part of a notebook's
	// workspace, and built whatever GOFLAGS says.
	cmd.Dir, cmd.Env = dir, append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err == nil {
		return fmt.Sprintf("✓ %-15s compiles\n", expr), nil
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if msg, ok := strings.CutPrefix(line, "./main.go:"); ok {
			_, msg, _ = strings.Cut(msg, ": ") // the line and column
			fmt.Fprintf(&b, "✗ %-15s %s\n", expr, strings.ReplaceAll(msg, "main.", ""))
		}
	}
	if b.Len() == 0 {
		return "", fmt.Errorf("go build failed without a compiler message: %s", out)
	}
	return b.String(), nil
}
