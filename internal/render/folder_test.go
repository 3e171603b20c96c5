package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUserFolder checks that the renderer keeps its files only in a
// folder of the user's own, and falls back to the temporary folder when
// the cache folder is not usable.
func TestUserFolder(t *testing.T) {
	base := t.TempDir()
	t.Setenv(CacheEnv, base)
	t.Setenv("TMPDIR", t.TempDir())
	mine, err := Folder()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(mine) != base {
		t.Fatalf("got %s, want a folder in %s", mine, base)
	}
	if fi, _ := os.Stat(mine); fi.Mode().Perm() != 0o700 {
		t.Errorf("%s has mode %v, want 0700", mine, fi.Mode().Perm())
	}
	// Others may write to it now: it must not be used.
	os.Chmod(mine, 0o777)
	other, err := Folder()
	if err != nil {
		t.Fatal(err)
	}
	if other == mine || !strings.HasPrefix(other, os.TempDir()) {
		t.Errorf("got %s, want a folder in the temporary folder %s", other, os.TempDir())
	}
	// A symbolic link in its place must not be followed.
	os.Remove(mine)
	os.Symlink(t.TempDir(), mine)
	if got, _ := Folder(); got == mine {
		t.Errorf("Folder used the symbolic link %s", mine)
	}
}
