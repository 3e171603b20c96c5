package main

import (
	"bytes"
	"context"
	"flag"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-graphviz"
	"github.com/gograd/gograd/internal/render"
)

var update = flag.Bool("update", false, "rewrite the golden SVG files")

// golden is the one set of golden files: the lessons' graphs as package
// display writes them, whose DOT display's tests check, with their SVG.
const golden = "../../display/testdata"

// TestRenderGolden renders the golden DOT files and compares the SVG, byte
// for byte, with the golden SVG (which -update rewrites: look at the
// pictures before committing them).
func TestRenderGolden(t *testing.T) {
	gv, err := graphviz.New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dots, _ := filepath.Glob(golden + "/*.dot")
	if len(dots) == 0 {
		t.Fatal("no golden DOT files found")
	}
	for _, path := range dots {
		dot, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := layOut(gv, dot)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		svgPath := strings.TrimSuffix(path, ".dot") + ".svg"
		if *update {
			if err := os.WriteFile(svgPath, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(svgPath)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the SVG differs from the golden one", path)
		}
	}
}

// TestServe runs a server on a socket and asks it for a picture, for an
// error and for nothing, then removes the socket, which stops the server.
func TestServe(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "r.sock")
	done := make(chan error)
	go func() { done <- serve(sock, time.Minute) }()
	ask := func(dot string) (string, error) {
		var conn net.Conn
		var err error
		for range 500 { // the server needs a moment to listen
			if conn, err = net.Dial("unix", sock); err == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.Write([]byte(dot))
		conn.(*net.UnixConn).CloseWrite()
		svg, err := render.ReadAnswer(conn)
		return string(svg), err
	}
	for _, tc := range []struct{ dot, want string }{
		{"digraph { a -> b }", "<svg"},
		{"digraph { a -> ", "Graphviz could not parse the DOT text"},
		{"digraph { c -> d }", "<svg"},
		{"", "Graphviz found no graph in the DOT text"},
		{"digraph { e -> f }", "<svg"},
	} {
		got, err := ask(tc.dot)
		if err != nil {
			got = err.Error()
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("for %q the server answered %.60q, want it to start with %q", tc.dot, got, tc.want)
		}
	}
	if err := os.Remove(sock); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the server went on after its socket was removed")
	}
}

// TestOneServerPerSocket starts a second server on a socket that a first
// one serves: it must leave at once, without disturbing the first.
func TestOneServerPerSocket(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "r.sock")
	first := make(chan error)
	go func() { first <- serve(sock, time.Minute) }()
	for range 500 {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	second := make(chan error)
	go func() { second <- serve(sock, time.Minute) }()
	select {
	case err := <-second:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a second server on the same socket did not leave")
	}
	if conn, err := net.Dial("unix", sock); err != nil {
		t.Fatalf("the first server stopped answering: %v", err)
	} else {
		conn.Close()
	}
	os.Remove(sock)
	<-first
}
