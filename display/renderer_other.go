//go:build !unix

package display

import "os/exec"

// canServe says whether a renderer server can run here: not without Unix
// sockets and sessions, so every drawing runs the renderer once.
const canServe = false

func detach(*exec.Cmd) {}
