// Package rendertest runs the tests of a package that draws with a
// renderer of their own.
package rendertest

import (
	"fmt"
	"os"
	"testing"

	"github.com/gograd/gograd/internal/render"
)

// Main runs the tests m, for a TestMain, with a cache folder of their own
// and no installed renderer: the first test that renders builds one from
// this module's source (tests that only write DOT never build Graphviz),
// and no renderer server is left behind (a server stops once its socket is
// gone). It returns the exit status for os.Exit.
func Main(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "gograd-render-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	os.Setenv(render.CacheEnv, tmp)
	os.Unsetenv(render.Env)
	return m.Run()
}
