package render

import (
	"fmt"
	"os"
	"testing"
)

// TestMain gives the tests a cache folder of their own and no installed
// renderer: the first drawing builds one from this module's source, and
// no renderer server is left behind (a server stops once its socket is
// gone).
func TestMain(m *testing.M) {
	os.Exit(func() int {
		tmp, err := os.MkdirTemp("", "render-test")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		os.Setenv(CacheEnv, tmp)
		os.Unsetenv(Env)
		return m.Run()
	}())
}
