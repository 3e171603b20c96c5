// Command gograd-render lays out Graphviz DOT text and writes it as SVG. It
// is the renderer behind package display, in a program of its own so that
// the programs that draw, such as every notebook cell that calls
// display.Graph, need not link Graphviz: go-graphviz (Graphviz compiled to
// WebAssembly, run by wazero) makes a program 10 MB larger and its link
// several times slower, which a notebook pays at every drawing cell.
//
// Usage:
//
//	gograd-render < graph.dot > graph.svg
//	gograd-render -serve SOCKET [-idle 5m]
//	gograd-render -warm
//
// With no flags it renders the DOT text on standard input. With -serve it
// answers requests on a Unix socket until it has been idle for a while, so
// that a notebook's drawing cells skip loading the WebAssembly each time:
// package internal/render, the client, starts one server per
// user and renderer binary, and holds the wire format of both sides.
//
// -warm compiles the WebAssembly into the user's renderer folder and prints
// the folder's path: scripts/install.sh runs it, so that a user's first
// drawing does not wait for the compiler.
//
// The SVG is what Graphviz writes, from the <svg> element on: the XML
// prolog, DOCTYPE and comments are left out, so that it can go straight
// into HTML. go-graphviz keeps its WebAssembly compilation cache in
// $TMPDIR/go-graphviz: the client starts the renderer with TMPDIR set to
// a folder of the user's own.
//
// Graphviz cannot be interrupted, so a graph that takes longer than a
// minute to lay out stops the server (the client is told why); package
// display bounds graph sizes well below that.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/goccy/go-graphviz"
	"github.com/gograd/gograd/internal/render"
)

const (
	maxDOT      = 16 << 20         // bytes of DOT text accepted in one request
	layoutLimit = time.Minute      // the longest a layout may take before the server stops
	maxRenders  = 2000             // go-graphviz's memory grows with every render: start afresh now and then
	readLimit   = 10 * time.Second // how long a client may take to send its request
)

func main() {
	serveAt := flag.String("serve", "", "answer requests on this Unix socket instead of rendering standard input")
	idle := flag.Duration("idle", 5*time.Minute, "with -serve: stop after this long without a request")
	warmUp := flag.Bool("warm", false, "fill the WebAssembly compilation cache in this user's renderer folder, and print the folder")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gograd-render < graph.dot > graph.svg\n       gograd-render -serve SOCKET [-idle DURATION]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	var err error
	switch {
	case *warmUp:
		err = warm()
	case *serveAt != "":
		err = serve(*serveAt, *idle)
	default:
		err = renderStdin()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gograd-render:", err)
		os.Exit(1)
	}
}

// warm renders a graph with TMPDIR set to the user's renderer folder, which
// go-graphviz's init compiles the WebAssembly into, and prints the folder.
// It runs the renderer again for that: init ran before main.
func warm() error {
	dir, err := render.Folder()
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), "TMPDIR="+dir)
	cmd.Stdin = strings.NewReader("digraph { warm }")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return err
	}
	fmt.Println(dir)
	return nil
}

// renderStdin renders the DOT text on standard input to standard output.
func renderStdin() error {
	dot, err := io.ReadAll(io.LimitReader(os.Stdin, maxDOT+1))
	if err != nil {
		return err
	}
	if len(dot) > maxDOT {
		return fmt.Errorf("the DOT text is over %d bytes", maxDOT)
	}
	gv, err := graphviz.New(context.Background())
	if err != nil {
		return fmt.Errorf("starting Graphviz: %w", err)
	}
	svg, err := layOut(gv, dot)
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(svg)
	return err
}

// layOut lays out dot and returns its SVG, from the <svg> element on.
func layOut(gv *graphviz.Graphviz, dot []byte) ([]byte, error) {
	if len(bytes.TrimSpace(dot)) == 0 {
		// Checked here because after a syntax error Graphviz's parser
		// reports that error again for empty input.
		return nil, errors.New("Graphviz found no graph in the DOT text")
	}
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("Graphviz could not parse the DOT text: %w", err)
	}
	if g == nil {
		return nil, errors.New("Graphviz found no graph in the DOT text")
	}
	defer g.Close()
	var buf bytes.Buffer
	if err := gv.Render(context.Background(), g, graphviz.SVG, &buf); err != nil {
		return nil, fmt.Errorf("Graphviz could not render the graph: %w", err)
	}
	start := bytes.Index(buf.Bytes(), []byte("<svg"))
	if start < 0 {
		return nil, errors.New("Graphviz produced no <svg> element")
	}
	return buf.Bytes()[start:], nil
}

// serve answers requests on the Unix socket sock, one at a time, until it
// has been idle for idle, the socket has been removed or replaced, or it
// has rendered maxRenders graphs. A lock file next to the socket makes sure
// that one server at most serves it: a second one started at the same time
// exits at once, and its clients reach the first.
func serve(sock string, idle time.Duration) error {
	lock, err := os.OpenFile(sock+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return nil // another server holds it
	}
	os.Remove(sock) // left by a server that died
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: sock, Net: "unix"})
	if err != nil {
		return err
	}
	defer l.Close()
	ours, err := os.Stat(sock)
	if err != nil {
		return err
	}
	gv, err := graphviz.New(context.Background())
	if err != nil {
		return fmt.Errorf("starting Graphviz: %w", err)
	}
	last := time.Now()
	for served := 0; served < maxRenders; {
		l.SetDeadline(time.Now().Add(time.Second))
		conn, err := l.AcceptUnix()
		if errors.Is(err, os.ErrDeadlineExceeded) {
			if now, err := os.Stat(sock); err != nil || !os.SameFile(now, ours) || time.Since(last) > idle {
				return nil
			}
			continue
		}
		if err != nil {
			return err
		}
		answer(conn, gv)
		served++
		last = time.Now()
	}
	return nil
}

// answer reads one request from conn, renders it and writes the answer.
func answer(conn *net.UnixConn, gv *graphviz.Graphviz) {
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(readLimit))
	dot, err := io.ReadAll(io.LimitReader(conn, maxDOT+1))
	switch {
	case err != nil:
		reply(conn, nil, fmt.Errorf("reading the request: %w", err))
		return
	case len(dot) > maxDOT:
		reply(conn, nil, fmt.Errorf("the DOT text is over %d bytes", maxDOT))
		return
	}
	watchdog := time.AfterFunc(layoutLimit, func() {
		err := fmt.Errorf("the graph took longer than %v to lay out, and Graphviz cannot be interrupted: the renderer stopped", layoutLimit)
		reply(conn, nil, err)
		fmt.Fprintln(os.Stderr, "gograd-render:", err)
		os.Exit(3)
	})
	svg, err := layOut(gv, dot)
	watchdog.Stop()
	reply(conn, svg, err)
}

// reply writes an answer in the client's wire format.
func reply(conn *net.UnixConn, svg []byte, err error) {
	conn.SetWriteDeadline(time.Now().Add(readLimit))
	render.WriteAnswer(conn, svg, err)
}
