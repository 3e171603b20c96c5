package display

// This file shows the package's output under a GoNB notebook cell. It
// speaks GoNB's protocol itself, as package gonbui does for DisplayHTML,
// UpdateHTML and Sync, because gonbui's dependencies (a logger, a UUID
// package that brings in net and database/sql, PNG encoding) would add
// about 0.12 CPU seconds to the build of every notebook cell that draws, a
// third of what such a cell costs.
//
// The protocol: GoNB starts a cell's program with two named pipes, $GONB_PIPE
// for messages to GoNB and $GONB_PIPE_BACK for its answers. Each direction
// is one stream of gob-encoded values: DisplayData to GoNB, CommValue back.
// A sync request (a CommValue sent to the address "#gonbui/sync") is
// answered once everything sent before it is with the notebook.
//
// One stream allows one encoder: a program that also uses gonbui would mix
// two streams in the pipe and garble both. So when gonbui is part of the
// program too, the package reports an error instead of writing.

import (
	"encoding/gob"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// gonbDisplayData is GoNB's protocol.DisplayData: gob matches it by its
// field names.
type gonbDisplayData struct {
	Data      map[string]any // MIME type → content
	Metadata  map[string]any
	DisplayID string // an output that later messages with the same id replace
}

// gonbCommValue is GoNB's protocol.CommValue.
type gonbCommValue struct {
	Address string
	Request bool
	Value   any
}

const (
	gonbModule        = "github.com/janpfeifer/gonb"
	gonbCommValueName = gonbModule + "/gonbui/protocol.CommValue" // the name gob knows it by
	gonbCommMIME      = "gonb/comm_value"
	gonbSync          = "#gonbui/sync"
	gonbSyncAck       = "#gonbui/sync_ack"
	gonbSyncWait      = 10 * time.Second
)

// gonbPipe is the pipe to GoNB; "" outside a notebook.
var gonbPipe = os.Getenv("GONB_PIPE")

// gonb is this program's connection to GoNB, opened on first use.
var gonb struct {
	sync.Mutex
	opened   bool
	err      error // the first failure, after which nothing is sent
	pipe     *os.File
	enc      *gob.Encoder
	back     *os.File
	dec      *gob.Decoder
	lastSync int
}

// gonbOpen opens the pipes, once. The caller holds gonb's lock.
func gonbOpen() error {
	if gonb.opened {
		return gonb.err
	}
	gonb.opened = true
	if gonbuiLinked() {
		gonb.err = errors.New("this program also uses GoNB's package gonbui, and GoNB takes output from one of them only: " +
			"show HTML with display's functions (display.HTML, display.Live) instead of gonbui's, or use gonbui in another cell")
		return gonb.err
	}
	// Registered here, not in init: gonbui's protocol package registers
	// the same name for its own type.
	gob.RegisterName(gonbCommValueName, gonbCommValue{})
	// The order matters: GoNB opens its ends in this order too, and
	// opening a named pipe waits for the other end.
	w, err := os.OpenFile(gonbPipe, os.O_WRONLY, 0)
	if err != nil {
		gonb.err = fmt.Errorf("opening GoNB's pipe: %w", err)
		return gonb.err
	}
	r, err := os.OpenFile(os.Getenv("GONB_PIPE_BACK"), os.O_RDONLY, 0)
	if err != nil {
		w.Close()
		gonb.err = fmt.Errorf("opening GoNB's answer pipe: %w", err)
		return gonb.err
	}
	gonb.pipe, gonb.enc, gonb.back, gonb.dec = w, gob.NewEncoder(w), r, gob.NewDecoder(r)
	return nil
}

// gonbuiLinked reports whether package gonbui, or any package of its
// module, is part of this program.
func gonbuiLinked() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, m := range info.Deps {
		if m.Path == gonbModule {
			return true
		}
	}
	return false
}

// gonbSend sends outputs to GoNB: contents by MIME type, shown under the
// cell, or in the output block id if id is not "". With wait, it returns
// once GoNB has the output: a program that exits right after drawing would
// otherwise lose a picture still in the pipe, as about one drawing in a
// hundred did under load.
func gonbSend(contents map[string]any, id string, wait bool) error {
	gonb.Lock()
	defer gonb.Unlock()
	if err := gonbOpen(); err != nil {
		return err
	}
	if err := gonb.enc.Encode(&gonbDisplayData{Data: contents, DisplayID: id}); err != nil {
		gonb.err = fmt.Errorf("writing to GoNB: %w", err)
		return gonb.err
	}
	if !wait {
		return nil
	}
	gonb.lastSync++
	req := gonbCommValue{Address: gonbSync, Value: gonb.lastSync}
	if err := gonb.enc.Encode(&gonbDisplayData{Data: map[string]any{gonbCommMIME: req}}); err != nil {
		gonb.err = fmt.Errorf("writing to GoNB: %w", err)
		return gonb.err
	}
	gonb.back.SetReadDeadline(time.Now().Add(gonbSyncWait))
	for {
		var answer gonbCommValue
		if err := gonb.dec.Decode(&answer); err != nil {
			gonb.err = fmt.Errorf("waiting for GoNB to take the output: %w", err)
			return gonb.err
		}
		if answer.Address == gonbSyncAck && answer.Value == gonb.lastSync {
			return nil
		}
	}
}

// newOutputID returns a new id for an output block that updates in place.
func newOutputID() string {
	return fmt.Sprintf("gograd-%08x", rand.Uint32())
}
