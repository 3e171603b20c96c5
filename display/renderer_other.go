//go:build !unix

package display

import (
	"errors"
	"os"
	"os/exec"
)

// canServe says whether a renderer server can run here: not without Unix
// sockets and sessions, so every drawing runs the renderer once.
const canServe = false

func detach(*exec.Cmd) {}

var errNoSockets = errors.New("no Unix sockets here")

func dialUnix(string) (*os.File, error) { return nil, errNoSockets }

func closeWrite(*os.File) error { return errNoSockets }
