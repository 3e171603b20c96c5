// Package gonbtest lets the tests of the packages that show output see
// what a GoNB notebook or a terminal would receive from them.
package gonbtest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gograd/gograd/internal/gonb"
)

// A Notebook records the outputs sent to GoNB.
type Notebook struct {
	Outputs []gonb.Output
}

// Shown returns the HTML of the new outputs, those with no ID.
func (nb *Notebook) Shown() []string { return nb.new(func(o gonb.Output) string { return o.HTML }) }

// Texts returns the plain-text alternatives of the new outputs.
func (nb *Notebook) Texts() []string { return nb.new(func(o gonb.Output) string { return o.Text }) }

// Updates returns the outputs that replace an output block's contents,
// as pairs of the block's id and the new HTML.
func (nb *Notebook) Updates() [][2]string {
	var updates [][2]string
	for _, o := range nb.Outputs {
		if o.ID != "" {
			updates = append(updates, [2]string{o.ID, o.HTML})
		}
	}
	return updates
}

func (nb *Notebook) new(part func(gonb.Output) string) []string {
	var parts []string
	for _, o := range nb.Outputs {
		if o.ID == "" {
			parts = append(parts, part(o))
		}
	}
	return parts
}

// FakeNotebook makes the program believe it runs in GoNB for the rest of
// the test, every output block id being "id1", and returns what GoNB
// receives.
func FakeNotebook(t *testing.T) *Notebook {
	nb := &Notebook{}
	Swap(t, &gonb.InNotebook, true)
	Swap(t, &gonb.Send, func(o gonb.Output) error { nb.Outputs = append(nb.Outputs, o); return nil })
	Swap(t, &gonb.NewID, func() string { return "id1" })
	return nb
}

// FakeTerminal makes the program believe it runs outside GoNB for the rest
// of the test, and returns functions that read what it wrote to standard
// output and standard error so far.
func FakeTerminal(t *testing.T) (stdout, stderr func() string) {
	Swap(t, &gonb.InNotebook, false)
	Swap(t, &gonb.Send, func(o gonb.Output) error {
		t.Errorf("outside a notebook, GoNB was sent %.80q", o.HTML)
		return nil
	})
	return capture(t, &os.Stdout), capture(t, &os.Stderr)
}

// capture points *f at a file for the rest of the test, and returns what
// reads it.
func capture(t *testing.T, f **os.File) func() string {
	file, err := os.Create(filepath.Join(t.TempDir(), filepath.Base((*f).Name())))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { file.Close() })
	Swap(t, f, file)
	return func() string {
		data, err := os.ReadFile(file.Name())
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
}

// Swap sets *v to to for the rest of the test.
func Swap[T any](t *testing.T, v *T, to T) {
	old := *v
	*v = to
	t.Cleanup(func() { *v = old })
}
