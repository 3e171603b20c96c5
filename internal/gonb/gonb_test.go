//go:build unix

package gonb

import (
	"encoding/gob"
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// TestProtocol plays GoNB on a pair of named pipes: the outputs must
// arrive in order, and a new output must wait for GoNB's acknowledgment.
func TestProtocol(t *testing.T) {
	dir := t.TempDir()
	toGoNB, back := filepath.Join(dir, "pipe"), filepath.Join(dir, "back")
	for _, p := range []string{toGoNB, back} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(protocol.GONB_PIPE_ENV, toGoNB)
	t.Setenv(protocol.GONB_PIPE_BACK_ENV, back)
	t.Cleanup(func() { conn.opened, conn.err = false, nil })

	received := make(chan []protocol.DisplayData)
	go func() { // GoNB: opens its ends in the same order as the real one
		r, err1 := os.Open(toGoNB)
		w, err2 := os.OpenFile(back, os.O_WRONLY, 0)
		if err1 != nil || err2 != nil {
			t.Error(err1, err2)
			close(received)
			return
		}
		defer r.Close()
		defer w.Close()
		dec, enc := gob.NewDecoder(r), gob.NewEncoder(w)
		var got []protocol.DisplayData
		for {
			var d protocol.DisplayData
			if dec.Decode(&d) != nil {
				break
			}
			if v, ok := d.Data[protocol.MIMECommValue].(protocol.CommValue); ok && v.Address == syncAddress {
				enc.Encode(&protocol.CommValue{Address: "#something/else", Value: 1}) // ignored
				enc.Encode(&protocol.CommValue{Address: syncAck, Value: v.Value})
			}
			got = append(got, d)
		}
		received <- got
	}()
	for _, o := range []Output{{HTML: "<b>picture</b>", Text: "a picture"}, {HTML: "<i>step</i>", ID: "id7"}, {HTML: "<b>again</b>"}} {
		if err := Send(o); err != nil {
			t.Fatal(err)
		}
	}
	conn.pipe.Close()
	got := <-received
	want := []protocol.DisplayData{
		{Data: map[protocol.MIMEType]any{"text/html": "<b>picture</b>", "text/plain": "a picture"}},
		{Data: map[protocol.MIMEType]any{protocol.MIMECommValue: protocol.CommValue{Address: syncAddress, Value: 1}}},
		{Data: map[protocol.MIMEType]any{"text/html": "<i>step</i>"}, DisplayID: "id7"},
		{Data: map[protocol.MIMEType]any{"text/html": "<b>again</b>"}},
		{Data: map[protocol.MIMEType]any{protocol.MIMECommValue: protocol.CommValue{Address: syncAddress, Value: 2}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GoNB received\n%#v\nwant\n%#v", got, want)
	}
}
