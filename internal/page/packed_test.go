package page

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/gograd/gograd/internal/page/pagetest"
)

// packedCase packs the edges of the format: codes with one scale and with
// one per step, written as changes that wrap around 2¹⁶, NaN and the
// infinities, and bytes.
func packedCase() (Packed, map[string][]float64, map[string][]byte) {
	const steps = 4
	big := []float64{-1, 1, -1, 1} // each step's change is a whole range: the sums wrap
	values := map[string][]float64{
		"wraps":    append(big, 0.5, -0.25, 0, 1e-9), // thing 0 then thing 1, step by step
		"perStep":  {3, -6, 0.001, 12, math.NaN(), math.Inf(1), math.Inf(-1), -12},
		"constant": {2, 2, 2, 2},
	}
	flags := map[string][]byte{"levels": {0, 1, 2, 3, 4, 3, 2, 1, 0, 255, 7, 7}} // 3 things, step by step
	p := NewPacker(steps)
	p.Codes("wraps", 2, true, math.MaxInt16, []float64{1}, func(i, k int) float64 { return values["wraps"][i*steps+k] })
	p.Codes("perStep", 2, false, math.MaxInt16, []float64{3, 6, 1, 12}, func(i, k int) float64 { return values["perStep"][i*steps+k] })
	p.Codes("constant", 1, true, 100, []float64{ScaleOf(values["constant"])}, func(i, k int) float64 { return values["constant"][k] })
	p.Bytes("levels", 3, func(i, k int) byte { return flags["levels"][k*3+i] })
	return p.Packed(), values, flags
}

// A fixture is what the JavaScript tests read: what a script receives, and
// the values it was made from, each within half a level of what the
// decoder may give.
type fixture struct {
	Packed Packed                `json:"packed"`
	Values map[string][]jsNumber `json:"values"`
	Within map[string]float64    `json:"within"` // per part of codes: half a level, the most a decoded value may be off
	Bytes  map[string][]int      `json:"bytes"`
}

// jsNumber is a number in JSON, or a string for JavaScript's Number() where
// JSON has none.
type jsNumber float64

func (x jsNumber) MarshalJSON() ([]byte, error) {
	switch v := float64(x); {
	case math.IsNaN(v):
		return []byte(`"NaN"`), nil
	case math.IsInf(v, 1):
		return []byte(`"Infinity"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-Infinity"`), nil
	}
	return json.Marshal(float64(x))
}

// TestUnpack checks the Go decoder against the values packed.
func TestUnpack(t *testing.T) {
	p, values, flags := packedCase()
	numbers, bytesGot, err := Unpack(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range p.Parts {
		if part.Bytes {
			if !bytes.Equal(bytesGot[part.Name], flags[part.Name]) {
				t.Errorf("%s: got %v, want %v", part.Name, bytesGot[part.Name], flags[part.Name])
			}
			continue
		}
		for j, want := range values[part.Name] {
			got := numbers[part.Name][j]
			scale := part.Scale[0]
			if len(part.Scale) > 1 {
				scale = part.Scale[j%p.Steps]
			}
			if !(math.Abs(got-want) <= scale/float64(part.Top)/2 || math.IsNaN(want) && math.IsNaN(got) || math.IsInf(want, 0) && math.IsNaN(got)) {
				t.Errorf("%s[%d]: got %v, want %v", part.Name, j, got, want)
			}
		}
	}
}

// TestJSFixture writes packed.json, the fixture of packed.test.mjs, the
// Node test of packed.js, with packed.go (see pagetest.WriteFixture).
func TestJSFixture(t *testing.T) {
	p, values, flags := packedCase()
	f := fixture{Packed: p, Values: map[string][]jsNumber{}, Within: map[string]float64{}, Bytes: map[string][]int{}}
	for _, part := range p.Parts {
		if part.Bytes {
			for _, b := range flags[part.Name] {
				f.Bytes[part.Name] = append(f.Bytes[part.Name], int(b))
			}
			continue
		}
		for _, v := range values[part.Name] {
			f.Values[part.Name] = append(f.Values[part.Name], jsNumber(v))
		}
		f.Within[part.Name] = slicesMax(part.Scale) / float64(part.Top) / 2
	}
	pagetest.WriteFixture(t, "packed.json", f)
}

func slicesMax(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
