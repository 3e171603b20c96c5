package autograd

import "reflect"

// Operand is a *Value or any of Go's built-in number types: what the
// package-level [Add], [Mul], [Sub] and [Div] accept on either side.
//
// Python lets 2 * a work through __rmul__, decided at run time. Go has no
// operator overloading, so these generic functions are the Go answer, and
// the check happens at compile time: Mul(2, a) compiles, Mul("2", a) does
// not.
type Operand interface {
	*Value | int | int8 | int16 | int32 | int64 |
		uint | uint8 | uint16 | uint32 | uint64 | float32 | float64
}

// Add returns a + b, where either side may be a *Value or a plain number.
func Add[A, B Operand](a A, b B) *Value { return asValue(a).Add(asValue(b)) }

// Mul returns a * b, where either side may be a *Value or a plain number.
func Mul[A, B Operand](a A, b B) *Value { return asValue(a).Mul(asValue(b)) }

// Sub returns a - b, where either side may be a *Value or a plain number.
func Sub[A, B Operand](a A, b B) *Value { return asValue(a).Sub(asValue(b)) }

// Div returns a / b, where either side may be a *Value or a plain number.
func Div[A, B Operand](a A, b B) *Value { return asValue(a).Div(asValue(b)) }

// asValue returns x itself if it is a *Value, or a new leaf holding it.
func asValue[T Operand](x T) *Value {
	if v, ok := any(x).(*Value); ok {
		return v
	}
	switch n := reflect.ValueOf(x); {
	case n.CanInt():
		return New(float64(n.Int()))
	case n.CanUint():
		return New(float64(n.Uint()))
	default:
		return New(n.Float())
	}
}
