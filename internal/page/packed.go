package page

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Packed numbers: a view that shows thousands of numbers (the training
// view's weights, gradients and scores at every step) sends them packed,
// and its script unpacks them with packed.js, the one decoder of the
// format in the browser; [Unpack] is the one in Go, for tests.
//
// A packed buffer is a run of parts, each n things × steps values:
//   - a part of codes holds each value as a 16-bit little-endian integer,
//     its value rounded to one of Top levels of the part's scale (one
//     scale, or one per step), thing by thing; with Delta, each code is
//     written as its change since the step before, modulo 2¹⁶, which is
//     small and compresses well. The code [NotFinite] stands for NaN and
//     the infinities.
//   - a part of bytes holds one byte per value (a level, a flag), step by
//     step: all the things of step 0, then of step 1, ….
//
// The buffer is compressed with zlib and written in base64; the parts are
// described in JSON beside it, so the decoder needs nothing else.

// NotFinite is the code of a number that is NaN or infinite.
const NotFinite = math.MinInt16

// A Part describes one part of a packed buffer.
type Part struct {
	Name  string    `json:"name"`
	Bytes bool      `json:"bytes,omitempty"` // bytes, step by step; else 16-bit codes, thing by thing
	N     int       `json:"n"`               // things
	Delta bool      `json:"delta,omitempty"` // codes written as changes since the step before
	Top   int       `json:"top,omitempty"`   // the code of the scale: the largest magnitude
	Scale []float64 `json:"scale,omitempty"` // what Top stands for: one, or one per step
}

// Packed is what a script receives: the parts and the packed buffer.
type Packed struct {
	Steps     int    `json:"steps"`
	NotFinite int    `json:"notFinite"`
	Parts     []Part `json:"parts"`
	Data      string `json:"data"` // the buffer, zlib-compressed, in base64
}

// A Packer packs parts of steps values per thing.
type Packer struct {
	steps int
	parts []Part
	buf   bytes.Buffer
}

// NewPacker returns a packer of parts of steps values per thing.
func NewPacker(steps int) *Packer { return &Packer{steps: steps} }

// Codes packs the values value(i, k) of the things i < n at the steps k
// as codes of top levels of scale, which holds one scale or one per step
// (see [ScaleOf]).
func (p *Packer) Codes(name string, n int, delta bool, top int, scale []float64, value func(i, k int) float64) {
	p.parts = append(p.parts, Part{Name: name, N: n, Delta: delta, Top: top, Scale: scale})
	for i := range n {
		prev := int16(0)
		for k := range p.steps {
			s := scale[0]
			if len(scale) > 1 {
				s = scale[k]
			}
			c := Quantise(value(i, k), s, top)
			if delta {
				c, prev = c-prev, c // wraps around, as the decoders' sums do
			}
			p.buf.Write(binary.LittleEndian.AppendUint16(nil, uint16(c)))
		}
	}
}

// Bytes packs the bytes value(i, k) of the things i < n at the steps k,
// step by step.
func (p *Packer) Bytes(name string, n int, value func(i, k int) byte) {
	p.parts = append(p.parts, Part{Name: name, Bytes: true, N: n})
	for k := range p.steps {
		for i := range n {
			p.buf.WriteByte(value(i, k))
		}
	}
}

// Packed compresses what was packed.
func (p *Packer) Packed() Packed {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(p.buf.Bytes())
	w.Close()
	return Packed{Steps: p.steps, NotFinite: NotFinite, Parts: p.parts, Data: base64.StdEncoding.EncodeToString(z.Bytes())}
}

// ScaleOf returns the largest magnitude among the finite values, or 1 if
// there is none other than 0: the number that a part's top code stands for.
func ScaleOf(values ...[]float64) float64 {
	m := 0.0
	for _, vs := range values {
		for _, v := range vs {
			if !math.IsInf(v, 0) && !math.IsNaN(v) {
				m = max(m, math.Abs(v))
			}
		}
	}
	if m == 0 {
		return 1
	}
	return m
}

// Quantise returns v's code against scale, on top codes for the largest
// magnitude.
func Quantise(v, scale float64, top int) int16 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return NotFinite
	}
	return int16(math.Round(v / scale * float64(top)))
}

// Unpack decodes p, as packed.js does in the browser: the values of every
// part of codes, by name, thing by thing ([thing*steps+step]), and the
// bytes of every part of bytes, step by step ([step*n+thing]).
func Unpack(p Packed) (numbers map[string][]float64, flags map[string][]byte, err error) {
	z, err := base64.StdEncoding.DecodeString(p.Data)
	if err != nil {
		return nil, nil, fmt.Errorf("packed data: %w", err)
	}
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, nil, fmt.Errorf("packed data: %w", err)
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("packed data: %w", err)
	}
	numbers, flags = map[string][]float64{}, map[string][]byte{}
	for _, part := range p.Parts {
		size := part.N * p.Steps
		if part.Bytes {
			if len(raw) < size {
				return nil, nil, errors.New("packed data: shorter than its parts")
			}
			flags[part.Name], raw = raw[:size], raw[size:]
			continue
		}
		if len(raw) < 2*size {
			return nil, nil, errors.New("packed data: shorter than its parts")
		}
		values := make([]float64, size)
		for i := range part.N {
			prev := int16(0)
			for k := range p.Steps {
				c := int16(binary.LittleEndian.Uint16(raw))
				raw = raw[2:]
				if part.Delta {
					c += prev
					prev = c
				}
				scale := part.Scale[0]
				if len(part.Scale) > 1 {
					scale = part.Scale[k]
				}
				values[i*p.Steps+k] = math.NaN()
				if c != int16(p.NotFinite) {
					values[i*p.Steps+k] = float64(c) / float64(part.Top) * scale
				}
			}
		}
		numbers[part.Name] = values
	}
	if len(raw) > 0 {
		return nil, nil, fmt.Errorf("packed data: %d bytes more than its parts", len(raw))
	}
	return numbers, flags, nil
}
