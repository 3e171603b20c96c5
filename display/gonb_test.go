//go:build unix

package display

import (
	"encoding/gob"
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
)

// TestGoNBProtocol plays GoNB on a pair of named pipes: the outputs must
// arrive in order, and a shown output must wait for GoNB's acknowledgment.
func TestGoNBProtocol(t *testing.T) {
	dir := t.TempDir()
	toGoNB, back := filepath.Join(dir, "pipe"), filepath.Join(dir, "back")
	for _, p := range []string{toGoNB, back} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	swap(t, &gonbPipe, toGoNB)
	t.Setenv("GONB_PIPE_BACK", back)
	gonb.opened, gonb.err = false, nil
	t.Cleanup(func() { gonb.opened, gonb.err = false, nil })

	received := make(chan []gonbDisplayData)
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
		var got []gonbDisplayData
		for {
			var d gonbDisplayData
			if dec.Decode(&d) != nil {
				break
			}
			if v, ok := d.Data[gonbCommMIME].(gonbCommValue); ok && v.Address == gonbSync {
				enc.Encode(&gonbCommValue{Address: "#something/else", Value: 1}) // ignored
				enc.Encode(&gonbCommValue{Address: gonbSyncAck, Value: v.Value})
			}
			got = append(got, d)
		}
		received <- got
	}()
	showOutput("<b>picture</b>", "a picture")
	showUpdate("id7", "<i>step</i>")
	showOutput("<b>again</b>", "")
	gonb.pipe.Close()
	got := <-received
	want := []gonbDisplayData{
		{Data: map[string]any{"text/html": "<b>picture</b>", "text/plain": "a picture"}},
		{Data: map[string]any{gonbCommMIME: gonbCommValue{Address: gonbSync, Value: 1}}},
		{Data: map[string]any{"text/html": "<i>step</i>"}, DisplayID: "id7"},
		{Data: map[string]any{"text/html": "<b>again</b>"}},
		{Data: map[string]any{gonbCommMIME: gonbCommValue{Address: gonbSync, Value: 2}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GoNB received\n%#v\nwant\n%#v", got, want)
	}
}
