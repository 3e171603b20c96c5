//go:build unix

package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

const (
	// Env names the environment variable that holds the path of the
	// renderer's binary.
	Env = "GOGRAD_RENDER"
	// renderWait bounds one drawing, start of a server included; the
	// renderer stops itself after a minute of layout.
	renderWait = 2 * time.Minute
	// serverStart bounds how long a new server may take to answer: the
	// first start of a user's server compiles the WebAssembly.
	serverStart = 30 * time.Second
)

// A renderer is the gograd-render binary with the folder it works in.
type renderer struct {
	bin  string // the binary
	dir  string // the user's private folder: TMPDIR of the renderer, home of its socket
	sock string // the server's socket; "" where no server can run

	mu      sync.Mutex    // held while starting a server
	started chan struct{} // closed when the server this process started has exited
}

// theRenderer finds the renderer once per process.
var theRenderer = sync.OnceValues(findRenderer)

// SVG lays out DOT text and returns its SVG, from the <svg> element on,
// through the user's renderer server, or by running the renderer once
// where the server cannot start.
func SVG(dot string) ([]byte, error) {
	r, err := theRenderer()
	if err != nil {
		return nil, err
	}
	if r.sock != "" {
		svg, err := r.ask(dot)
		if !errors.Is(err, errNoServer) {
			return svg, err
		}
	}
	return r.runOnce(dot)
}

// errNoServer says that the renderer server could not be reached.
var errNoServer = errors.New("no renderer server")

func findRenderer() (*renderer, error) {
	dir, err := Folder()
	if err != nil {
		return nil, err
	}
	bin := os.Getenv(Env)
	if bin != "" {
		if fi, err := os.Stat(bin); err != nil || fi.IsDir() {
			return nil, fmt.Errorf("the renderer %s=%s is not a program: run scripts/install.sh, or unset %s to build it on first use", Env, bin, Env)
		}
	} else if bin, err = buildRenderer(dir); err != nil {
		return nil, err
	}
	r := &renderer{bin: bin, dir: dir}
	// One server per renderer binary: a new binary gets a new server, and
	// the old one stops when idle.
	if fi, err := os.Stat(bin); err == nil {
		key := fnv.New64a()
		fmt.Fprintf(key, "%s %d %d", bin, fi.Size(), fi.ModTime().UnixNano())
		if sock := filepath.Join(dir, fmt.Sprintf("render-%x.sock", key.Sum64())); len(sock) < 100 { // sun_path's size
			r.sock = sock
		}
	}
	return r, nil
}

// buildRenderer builds cmd/gograd-render from this module's source into
// dir, once for each version of its source, and returns its path.
func buildRenderer(dir string) (string, error) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	how := fmt.Sprintf("install it with scripts/install.sh, or set %s to the path of gograd-render", Env)
	h := fnv.New64a()
	for _, f := range renderSource(root) {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			return "", fmt.Errorf("the renderer gograd-render is not installed, and its source is not at hand to build it (%v): %s", err, how)
		}
		h.Write(data)
	}
	bin := filepath.Join(dir, fmt.Sprintf("gograd-render-%x", h.Sum64()))
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	tmp := fmt.Sprintf("%s.%d.tmp", bin, os.Getpid())
	cmd := exec.Command("go", "build", "-o", tmp, "./cmd/gograd-render")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOWORK=off") // the module's own go.mod, not a notebook's workspace
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("the renderer gograd-render is not installed, and building it failed (go build ./cmd/gograd-render in %s: %v)\n%s\n%s", root, err, bytes.TrimSpace(out), how)
	}
	return bin, os.Rename(tmp, bin)
}

// renderSource lists the files that the renderer is built from, relative
// to the module's root: go.mod, go.sum and the Go files of
// cmd/gograd-render and of this package (a version of the renderer that
// speaks another wire format must not be taken for this one).
func renderSource(root string) []string {
	files := []string{"go.mod", "go.sum"}
	for _, dir := range []string{"cmd/gograd-render", "internal/render"} {
		names, _ := fs.Glob(os.DirFS(root), dir+"/*.go")
		files = append(files, names...)
	}
	return files
}

// ask sends dot to the renderer server, starting it if none answers.
func (r *renderer) ask(dot string) ([]byte, error) {
	conn, err := dialUnix(r.sock)
	if err != nil {
		if conn, err = r.startServer(); err != nil {
			return nil, fmt.Errorf("%w: %v", errNoServer, err)
		}
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(renderWait))
	if _, err := io.WriteString(conn, dot); err != nil {
		return nil, fmt.Errorf("sending the graph to the renderer: %w", err)
	}
	if err := closeWrite(conn); err != nil {
		return nil, fmt.Errorf("sending the graph to the renderer: %w", err)
	}
	return ReadAnswer(conn)
}

// startServer starts the user's renderer server and returns a connection
// to it. Programs that start one at the same time are harmless: the server
// allows only one of them to serve.
func (r *renderer) startServer() (*os.File, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if conn, err := dialUnix(r.sock); err == nil {
		return conn, nil // started by another goroutine meanwhile
	}
	if r.started == nil || closed(r.started) {
		log, err := os.OpenFile(filepath.Join(r.dir, "render.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return nil, err
		}
		defer log.Close()
		cmd := exec.Command(r.bin, "-serve", r.sock)
		cmd.Env = append(os.Environ(), "TMPDIR="+r.dir)
		cmd.Stdout, cmd.Stderr = log, log
		detach(cmd)
		if err := cmd.Start(); err != nil {
			return nil, err
		}
		r.started = make(chan struct{})
		go func() { cmd.Wait(); close(r.started) }()
	}
	deadline := time.Now().Add(serverStart)
	for pause := time.Millisecond; time.Now().Before(deadline); pause = min(2*pause, 50*time.Millisecond) {
		if conn, err := dialUnix(r.sock); err == nil {
			return conn, nil
		}
		select {
		case <-r.started:
			// It exited: another server holds the socket (then dialling
			// succeeds in a moment), or it failed (then it says why in
			// render.log, and the caller falls back to runOnce).
			if conn, err := dialUnix(r.sock); err == nil {
				return conn, nil
			}
			if soon := time.Now().Add(time.Second); soon.Before(deadline) {
				deadline = soon
			}
		case <-time.After(pause):
		}
	}
	return nil, fmt.Errorf("the renderer server did not answer within %v (see %s)", serverStart, filepath.Join(r.dir, "render.log"))
}

// closed reports whether c is closed.
func closed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// runOnce runs the renderer for one graph.
func (r *renderer) runOnce(dot string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), renderWait)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.bin)
	cmd.Env = append(os.Environ(), "TMPDIR="+r.dir)
	cmd.Stdin = bytes.NewBufferString(dot)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := bytes.TrimSpace(stderr.Bytes()); len(msg) > 0 {
			return nil, errors.New(string(bytes.TrimPrefix(msg, []byte("gograd-render: "))))
		}
		return nil, fmt.Errorf("running the renderer %s: %w", r.bin, err)
	}
	return stdout.Bytes(), nil
}
