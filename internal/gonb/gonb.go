// Package gonb sends a program's output to the GoNB kernel that runs it as
// a notebook cell, in GoNB's own protocol (package gonbui/protocol, which
// imports only encoding/gob), without package gonbui itself: gonbui's
// dependencies (a logger, a UUID package that brings in net and
// database/sql, PNG encoding) would add to the build of every cell that
// draws about a third of what such a cell costs (docs/PERF.md).
//
// GoNB starts a cell's program with two named pipes, $GONB_PIPE for
// messages to GoNB and $GONB_PIPE_BACK for its answers. Each direction is
// one stream of gob-encoded values: protocol.DisplayData to GoNB,
// protocol.CommValue back. A sync request (a CommValue sent to the address
// "#gonbui/sync") is answered once everything sent before it is with the
// notebook.
//
// One stream allows one encoder: a program that also uses gonbui would mix
// two streams in the pipe and garble both, so when gonbui is part of the
// program this package reports an error instead of writing.
package gonb

import (
	"encoding/gob"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// InNotebook says whether the program runs as a cell of a GoNB notebook.
// Tests of the packages that show output set it, with [Send], to see what
// a notebook would receive.
var InNotebook = os.Getenv(protocol.GONB_PIPE_ENV) != ""

// An Output is one message to GoNB: HTML shown under the cell with its
// plain-text alternative for front ends that show no HTML, or, with an ID,
// the new HTML of an output block that updates in place.
type Output struct {
	HTML, Text string
	ID         string // the block that this output replaces; "" for a new output
}

// Send sends an output to GoNB. A new output (no ID) returns once GoNB has
// it: a program that exits right after drawing would otherwise lose a
// picture still in the pipe, as about one drawing in a hundred did under
// load. Tests replace Send.
var Send = send

// NewID returns a new id for an output block that updates in place. Tests
// replace it.
var NewID = func() string { return fmt.Sprintf("gograd-%08x", rand.Uint32()) }

const (
	syncAddress = "#gonbui/sync"
	syncAck     = "#gonbui/sync_ack"
	syncWait    = 10 * time.Second
	// klogModule is the logger that package gonbui imports, and that
	// nothing else a notebook cell uses does: the build information lists
	// modules, not packages, and package protocol shares gonbui's module.
	klogModule = "k8s.io/klog/v2"
)

// conn is this program's connection to GoNB, opened on first use.
var conn struct {
	sync.Mutex
	opened   bool
	err      error // the first failure, after which nothing is sent
	pipe     *os.File
	enc      *gob.Encoder
	back     *os.File
	dec      *gob.Decoder
	lastSync int
}

// open opens the pipes, once. The caller holds conn's lock.
func open() error {
	if conn.opened {
		return conn.err
	}
	conn.opened = true
	if GonbuiLinked() {
		conn.err = errors.New("this program also uses GoNB's package gonbui, and GoNB takes output from one of them only: " +
			"show output with package output (output.HTML, output.NewLive) instead of gonbui, or use gonbui in another cell")
		return conn.err
	}
	// The order matters: GoNB opens its ends in this order too, and
	// opening a named pipe waits for the other end.
	w, err := os.OpenFile(os.Getenv(protocol.GONB_PIPE_ENV), os.O_WRONLY, 0)
	if err != nil {
		conn.err = fmt.Errorf("opening GoNB's pipe: %w", err)
		return conn.err
	}
	r, err := os.OpenFile(os.Getenv(protocol.GONB_PIPE_BACK_ENV), os.O_RDONLY, 0)
	if err != nil {
		w.Close()
		conn.err = fmt.Errorf("opening GoNB's answer pipe: %w", err)
		return conn.err
	}
	conn.pipe, conn.enc, conn.back, conn.dec = w, gob.NewEncoder(w), r, gob.NewDecoder(r)
	return nil
}

// GonbuiLinked reports whether package gonbui is part of this program.
func GonbuiLinked() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, m := range info.Deps {
		if m.Path == klogModule {
			return true
		}
	}
	return false
}

func send(o Output) error {
	conn.Lock()
	defer conn.Unlock()
	if err := open(); err != nil {
		return err
	}
	data := map[protocol.MIMEType]any{protocol.MIMETextHTML: o.HTML}
	if o.Text != "" {
		data[protocol.MIMETextPlain] = o.Text
	}
	if err := conn.enc.Encode(&protocol.DisplayData{Data: data, DisplayID: o.ID}); err != nil {
		conn.err = fmt.Errorf("writing to GoNB: %w", err)
		return conn.err
	}
	if o.ID != "" {
		return nil
	}
	conn.lastSync++
	req := &protocol.CommValue{Address: syncAddress, Value: conn.lastSync}
	if err := conn.enc.Encode(&protocol.DisplayData{Data: map[protocol.MIMEType]any{protocol.MIMECommValue: req}}); err != nil {
		conn.err = fmt.Errorf("writing to GoNB: %w", err)
		return conn.err
	}
	conn.back.SetReadDeadline(time.Now().Add(syncWait))
	for {
		var answer protocol.CommValue
		if err := conn.dec.Decode(&answer); err != nil {
			conn.err = fmt.Errorf("waiting for GoNB to take the output: %w", err)
			return conn.err
		}
		if answer.Address == syncAck && answer.Value == conn.lastSync {
			return nil
		}
	}
}
