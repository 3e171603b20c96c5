package plots

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gograd/gograd/internal/gonb/gonbtest"

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

// linePlot returns a small plot of a line.
func linePlot(t *testing.T) *plot.Plot {
	t.Helper()
	p := plot.New()
	line, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 1}, {X: 1, Y: 0.5}})
	if err != nil {
		t.Fatal(err)
	}
	p.Add(line)
	return p
}

func TestShowInNotebook(t *testing.T) {
	nb := gonbtest.FakeNotebook(t)
	t.Chdir(t.TempDir())
	p := linePlot(t)
	if err := Show(p, 4*vg.Centimeter, 3*vg.Centimeter); err != nil {
		t.Fatal(err)
	}
	svg, _ := SVG(p, 4*vg.Centimeter, 3*vg.Centimeter)
	image := `<img src="data:image/svg+xml;base64,` + base64.StdEncoding.EncodeToString(svg) + `"`
	if shown := nb.Shown(); len(shown) != 1 || !strings.Contains(shown[0], image) {
		t.Errorf("displayed %.60q, want the plot's SVG as an image", shown)
	}
	if _, err := os.Stat(plotFile); err == nil {
		t.Error("in a notebook, Show wrote plot.svg")
	}
}

func TestShowOutsideNotebook(t *testing.T) {
	out, _ := gonbtest.FakeTerminal(t)
	dir := t.TempDir()
	t.Chdir(dir)
	p := linePlot(t)
	if err := Show(p, 4*vg.Centimeter, 3*vg.Centimeter); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "plot.svg")
	if want := "plots: Show: wrote " + path + "; open it in a web browser\n"; out() != want {
		t.Errorf("printed %q, want %q", out(), want)
	}
	got, err := os.ReadFile(path)
	want, _ := SVG(p, 4*vg.Centimeter, 3*vg.Centimeter)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("plot.svg: %v, %d bytes; want the %d bytes of SVG", err, len(got), len(want))
	}
	if err := os.Mkdir(filepath.Join(dir, "blocked"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(dir, "blocked"))
	if err := os.Mkdir(plotFile, 0o755); err != nil { // a directory where the file should go
		t.Fatal(err)
	}
	if err := Show(p, 4*vg.Centimeter, 3*vg.Centimeter); err == nil || !strings.HasPrefix(err.Error(), "plots: Show: ") {
		t.Errorf("writing over a directory: error %v, want one starting plots: Show:", err)
	}
}
