package gonb

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	// Imported by the program in testdata, and by tests/smoke.ipynb: imported
	// here too so that go mod tidy keeps gonbui's dependencies in go.sum.
	_ "github.com/janpfeifer/gonb/gonbui"
)

// TestGonbuiRefused runs a program that links package gonbui, as a cell
// that also uses it would: nothing must be written to GoNB's pipe, and the
// error must say what to do instead. (The build information that tells
// is only in real programs, not in test binaries.)
func TestGonbuiRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	bin := filepath.Join(t.TempDir(), "withgonbui")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/withgonbui").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(cmd.Environ(), "GONB_PIPE=/nonexistent/pipe", "GONB_PIPE_BACK=/nonexistent/back")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "gonbui") || !strings.Contains(string(out), "output.HTML") {
		t.Fatalf("got %v: %s; want an error saying to use package output instead of gonbui", err, out)
	}
}
