package display

import (
	"fmt"
	"os"
	"testing"

	"github.com/gograd/gograd/internal/render"
)

// TestMain gives the tests a cache folder of their own and no installed
// renderer: the first test that renders builds one from this module's
// source (tests that only write DOT never build Graphviz), and no renderer
// server is left behind (a server stops once its socket is gone).
func TestMain(m *testing.M) {
	os.Exit(func() int {
		tmp, err := os.MkdirTemp("", "display-test")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		os.Setenv(render.CacheEnv, tmp)
		os.Unsetenv(render.Env)
		return m.Run()
	}())
}
