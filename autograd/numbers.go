package autograd

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

// asValue returns x itself if it is a *Value, or a new leaf holding it: a
// type switch, with a case for each type that Operand allows.
func asValue[T Operand](x T) *Value {
	switch x := any(x).(type) {
	case *Value:
		return x
	case int:
		return New(float64(x))
	case int8:
		return New(float64(x))
	case int16:
		return New(float64(x))
	case int32:
		return New(float64(x))
	case int64:
		return New(float64(x))
	case uint:
		return New(float64(x))
	case uint8:
		return New(float64(x))
	case uint16:
		return New(float64(x))
	case uint32:
		return New(float64(x))
	case uint64:
		return New(float64(x))
	case float32:
		return New(float64(x))
	default: // float64, the last type Operand allows
		return New(x.(float64))
	}
}
