//go:build unix

package render

// This file finds the folder in which the renderer keeps its files for
// one user: the socket of the user's renderer server, its WebAssembly
// compilation cache and a renderer built on first use.
//
// The folder is render-uidN in $GOGRAD_CACHE_DIR, or else in gograd in the
// user's cache folder (os.UserCacheDir, usually ~/.cache/gograd); when that
// is not usable, gograd-render-uidN in the temporary folder. The user id is
// in the name because users of one machine, or of one container image, may
// share a home or cache folder. The folder must belong to the user and be
// writable by nobody else: a folder that another user made in a shared
// place, such as /tmp, is never used.

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// CacheEnv names the environment variable that sets the folder in which
// each user gets a folder of their own.
const CacheEnv = "GOGRAD_CACHE_DIR"

// Folder returns this user's folder, making it if needed.
func Folder() (string, error) {
	name := fmt.Sprintf("render-uid%d", os.Getuid())
	base := os.Getenv(CacheEnv)
	if base == "" {
		if cache, err := os.UserCacheDir(); err == nil {
			base = filepath.Join(cache, "gograd")
		}
	}
	var tried []error
	for _, dir := range []string{filepath.Join(base, name), filepath.Join(os.TempDir(), "gograd-"+name)} {
		if !filepath.IsAbs(dir) {
			continue
		}
		err := private(dir)
		if err == nil {
			return dir, nil
		}
		tried = append(tried, err)
	}
	return "", fmt.Errorf("no folder of this user's own for the renderer (set %s to a writable folder): %w", CacheEnv, errors.Join(tried...))
}

// private makes dir, if missing, and checks that it is a folder that this
// user owns and nobody else can write to.
func private(dir string) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	fi, err := os.Lstat(dir)
	switch {
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	case !ownedByMe(fi) || fi.Mode().Perm()&0o022 != 0:
		return fmt.Errorf("%s belongs to another user or others can write to it", dir)
	}
	return nil
}

// ownedByMe reports whether the file belongs to the user running this
// program.
func ownedByMe(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
