package plots

import (
	"bytes"
	"encoding/xml"
	"image/color"
	"io"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// grid is the data of a 2×2 heat map.
type grid struct{}

func (grid) Dims() (c, r int)   { return 2, 2 }
func (grid) Z(c, r int) float64 { return float64(c + r) }
func (grid) X(c int) float64    { return float64(c) }
func (grid) Y(r int) float64    { return float64(r) }

func TestSVGIsBareStretchedSVG(t *testing.T) {
	p := plot.New()
	p.Title.Text = `loss <&> "curve"`
	line, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 1}, {X: 1, Y: 0.5}, {X: 2, Y: 0.1}})
	if err != nil {
		t.Fatal(err)
	}
	p.Add(line)
	heat := plotter.NewHeatMap(grid{}, palette{})
	heat.Rasterized = true // drawn as one embedded image
	p.Add(heat)
	svg, err := SVG(p, 8*vg.Centimeter, 6*vg.Centimeter)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(svg, []byte("<svg")) {
		t.Errorf("SVG starts with %q, want <svg", svg[:min(40, len(svg))])
	}
	var images, stretched int
	var text strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "image" {
				images++
				for _, a := range tok.Attr {
					if a.Name.Local == "preserveAspectRatio" && a.Value == "none" {
						stretched++
					}
				}
			}
		case xml.CharData:
			text.Write(tok)
		}
	}
	if images == 0 || stretched != images {
		t.Errorf("%d images, %d of them stretched; want at least one, all stretched", images, stretched)
	}
	if !strings.Contains(text.String(), `loss <&> "curve"`) {
		t.Errorf("the title is not in the SVG's text: %q", text.String())
	}
}

// palette is two colors, enough for a heat map.
type palette struct{}

func (palette) Colors() []color.Color {
	return []color.Color{color.RGBA{0, 0, 255, 255}, color.RGBA{255, 128, 0, 255}}
}
