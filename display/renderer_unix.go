//go:build unix

package display

import (
	"os/exec"
	"syscall"
)

// canServe says whether a renderer server can run here: it needs Unix
// sockets and sessions.
const canServe = true

// detach makes cmd a session of its own, so that the renderer server
// outlives the program that started it, such as a notebook cell, and is
// not stopped with it.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
}
