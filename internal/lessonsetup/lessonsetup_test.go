package lessonsetup

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write the lessons' setup cells anew")

func lessons(t *testing.T) []*Notebook {
	t.Helper()
	paths, _ := filepath.Glob("../../notebooks/[0-9]*.ipynb")
	if len(paths) == 0 {
		t.Fatal("no notebooks")
	}
	var nbs []*Notebook
	for _, p := range paths {
		nb, err := Read(p)
		if err != nil {
			t.Fatal(err)
		}
		nbs = append(nbs, nb)
	}
	return nbs
}

// TestSetupCells checks every lesson's setup cell against the engine cells
// of the lessons before it; with -update, it writes them.
func TestSetupCells(t *testing.T) {
	nbs := lessons(t)
	checked := 0
	for i, nb := range nbs {
		setups := nb.Tagged(SetupTag)
		if len(setups) == 0 {
			continue
		}
		if len(setups) > 1 {
			t.Errorf("%s has %d setup cells, want one", nb.Path, len(setups))
			continue
		}
		want, err := Setup(nbs[:i], nb)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		if setups[0].Source == want {
			continue
		}
		if !*update {
			t.Errorf("%s: the setup cell (cell %d) is not what the lessons before it built; run go test ./internal/lessonsetup -update", nb.Path, setups[0].Index+1)
			continue
		}
		setups[0].SetSource(want)
		data, err := nb.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(nb.Path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if checked == 0 {
		t.Error("no lesson has a setup cell")
	}
}

// TestSetupSaysItRan checks the line that a setup cell prints: lesson 02's
// Value is lesson 01's; lesson 07's was built by lessons 01 to 06 (lesson
// 00 has no engine cells).
func TestSetupSaysItRan(t *testing.T) {
	nbs := lessons(t)
	for _, tc := range []struct {
		lesson int
		want   string
	}{
		{2, "%%\n" + `fmt.Println("setup: the Value of lesson 01 is declared")`},
		{7, "%%\n" + `fmt.Println("setup: the Value of lessons 01 to 06 is declared")`},
	} {
		got, err := Setup(nbs[:tc.lesson], nbs[tc.lesson])
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(got, "\n\n"+tc.want) {
			t.Errorf("%s: the setup cell ends %q, want %q", nbs[tc.lesson].Path, got[max(0, len(got)-80):], tc.want)
		}
	}
}

// TestEncodeKeepsBytes checks that decoding and encoding a notebook gives
// back its bytes, so that -update changes nothing but setup cells.
func TestEncodeKeepsBytes(t *testing.T) {
	for _, nb := range lessons(t) {
		want, err := os.ReadFile(nb.Path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := nb.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: encoding changes the file", nb.Path)
		}
	}
}

func TestDecls(t *testing.T) {
	src := `import "github.com/gograd/gograd/display"

// A Value is one number.
type Value struct{ Data float64 }

// Add returns v + w.
func (v *Value) Add(w *Value) *Value { return nil }

func New(x float64) *Value { return &Value{x} }

// Operand is a type set.
type Operand interface{ *Value | int }

func Add[A, B Operand](a A, b B) *Value { return nil }
`
	decls, err := Decls(src)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, d := range decls {
		keys = append(keys, d.Key)
	}
	if want := []string{`import "github.com/gograd/gograd/display"`, "Value", "Value~Add", "New", "Operand", "Add"}; !slices.Equal(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
	if decls[2].Text != "// Add returns v + w.\nfunc (v *Value) Add(w *Value) *Value { return nil }" {
		t.Errorf("the method's text is %q", decls[2].Text)
	}
	if _, err := Decls("type (\n\tA int\n\tB int\n)\n"); err == nil {
		t.Error("a group of two types was accepted")
	}
}
