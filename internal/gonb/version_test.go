package gonb

import (
	"os"
	"regexp"
	"testing"
)

// TestGoNBVersion checks that the GoNB that scripts/install.sh installs is
// the one whose protocol this package speaks: the version in go.mod.
func TestGoNBVersion(t *testing.T) {
	gomod, err1 := os.ReadFile("../../go.mod")
	env, err2 := os.ReadFile("../../scripts/versions.env")
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	inMod := regexp.MustCompile(`(?m)^\s*github\.com/janpfeifer/gonb (v\S+)`).FindSubmatch(gomod)
	inEnv := regexp.MustCompile(`(?m)^GONB_VERSION=(\S+)$`).FindSubmatch(env)
	if inMod == nil || inEnv == nil || string(inMod[1]) != string(inEnv[1]) {
		t.Fatalf("go.mod requires GoNB %q, scripts/versions.env installs %q: want the same version", inMod, inEnv)
	}
}
