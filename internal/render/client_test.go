package render

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// goldenDOT returns the golden DOT files of package display, the DOT text
// that it writes for the lessons' graphs, with the SVG of each.
func goldenDOT(t *testing.T) map[string][]byte {
	t.Helper()
	dots, _ := filepath.Glob("../../display/testdata/*.dot")
	golden := map[string][]byte{}
	for _, path := range dots {
		dot, err1 := os.ReadFile(path)
		svg, err2 := os.ReadFile(strings.TrimSuffix(path, ".dot") + ".svg")
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		golden[string(dot)] = svg
	}
	if len(golden) == 0 {
		t.Fatal("no golden files")
	}
	return golden
}

// TestRenderGolden draws the golden graphs through the renderer server and
// by running the renderer once: both must give the golden bytes, which
// cmd/gograd-render's own test checks go-graphviz gives in process.
func TestRenderGolden(t *testing.T) {
	r, err := theRenderer()
	if err != nil {
		t.Fatal(err)
	}
	if r.sock == "" {
		t.Fatal("no server socket on this system")
	}
	once := &renderer{bin: r.bin, dir: r.dir}
	for dot, want := range goldenDOT(t) {
		got, err := SVG(dot)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("through the server: %v; the SVG differs from the golden one: %v", err, !bytes.Equal(got, want))
		}
		got, err = once.runOnce(dot)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("running once: %v; the SVG differs from the golden one: %v", err, !bytes.Equal(got, want))
		}
	}
}

// TestRenderErrors checks that Graphviz's complaints reach the caller, by
// either way of rendering.
func TestRenderErrors(t *testing.T) {
	r, err := theRenderer()
	if err != nil {
		t.Fatal(err)
	}
	once := &renderer{bin: r.bin, dir: r.dir}
	for name, draw := range map[string]func(string) ([]byte, error){"server": SVG, "once": once.runOnce} {
		for _, dot := range []string{"digraph { a -> ", "", "graph { a -> b }"} {
			_, err := draw(dot)
			if err == nil || !strings.Contains(err.Error(), "Graphviz") {
				t.Errorf("%s: %q gave error %v, want one from Graphviz", name, dot, err)
			}
		}
	}
}

// TestServerComesBack removes the server's socket, which stops the
// server: the next drawing must start a new one.
func TestServerComesBack(t *testing.T) {
	r, err := theRenderer()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SVG("digraph { a }"); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(r.sock); err != nil {
		t.Fatal(err)
	}
	select {
	case <-r.started:
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not stop when its socket went")
	}
	if _, err := SVG("digraph { b }"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(r.sock); err != nil {
		t.Fatalf("no new server: %v", err)
	}
}

// TestBuildOnFirstUse finds no renderer in the environment: it must build
// one from this module's source into the user's folder, once.
func TestBuildOnFirstUse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	t.Setenv(Env, "")
	r, err := findRenderer()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.bin, r.dir) {
		t.Fatalf("the renderer %s was not built in the user's folder %s", r.bin, r.dir)
	}
	start := time.Now()
	again, err := findRenderer()
	if err != nil || again.bin != r.bin {
		t.Fatalf("second look: %v, %s", err, again.bin)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the second look took %v: built again?", took)
	}
	r.sock = ""
	if _, err := r.runOnce("digraph { a }"); err != nil {
		t.Fatal(err)
	}
}

// TestMissingRenderer names the variable that points nowhere.
func TestMissingRenderer(t *testing.T) {
	t.Setenv(Env, filepath.Join(t.TempDir(), "nothing"))
	_, err := findRenderer()
	if err == nil || !strings.Contains(err.Error(), Env) {
		t.Fatalf("got %v, want an error naming %s", err, Env)
	}
}

// TestAnswer sends answers through the wire format both ways.
func TestAnswer(t *testing.T) {
	for _, tc := range []struct {
		svg []byte
		err error
	}{{[]byte("<svg></svg>"), nil}, {nil, errors.New("Graphviz could not parse the DOT text: syntax error in line 1")}, {[]byte{}, nil}} {
		var b bytes.Buffer
		if err := WriteAnswer(&b, tc.svg, tc.err); err != nil {
			t.Fatal(err)
		}
		svg, err := ReadAnswer(&b)
		if !bytes.Equal(svg, tc.svg) || fmt.Sprint(err) != fmt.Sprint(tc.err) {
			t.Errorf("sent %q, %v; read %q, %v", tc.svg, tc.err, svg, err)
		}
	}
	if _, err := ReadAnswer(strings.NewReader("")); err == nil || !strings.Contains(err.Error(), "without answering") {
		t.Errorf("an empty answer gave %v, want an error saying the renderer stopped without answering", err)
	}
}
