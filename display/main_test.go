package display

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/gograd/gograd/internal/renderdir"
)

// TestMain builds the renderer into a temporary folder and points the
// package at it, with a cache folder of its own: the tests then neither
// depend on what is installed nor leave a renderer server behind (a server
// stops once its socket is gone).
func TestMain(m *testing.M) {
	os.Exit(func() int {
		tmp, err := os.MkdirTemp("", "display-test")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		bin := filepath.Join(tmp, "gograd-render")
		if out, err := exec.Command("go", "build", "-o", bin, "../cmd/gograd-render").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building the renderer: %v\n%s", err, out)
			return 1
		}
		os.Setenv(renderEnv, bin)
		os.Setenv(renderdir.CacheEnv, filepath.Join(tmp, "cache"))
		return m.Run()
	}())
}
