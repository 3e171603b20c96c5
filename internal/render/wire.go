package render

import (
	"errors"
	"fmt"
	"io"
)

// WriteAnswer writes the renderer's answer to a request: the SVG, or the
// error that stopped it. On the wire that is one status byte, 'k' followed
// by the SVG or 'e' followed by the error's message.
func WriteAnswer(w io.Writer, svg []byte, err error) error {
	if err != nil {
		_, werr := w.Write(append([]byte{'e'}, err.Error()...))
		return werr
	}
	_, werr := w.Write(append([]byte{'k'}, svg...))
	return werr
}

// ReadAnswer reads an answer that [WriteAnswer] wrote: the SVG, or the
// renderer's error.
func ReadAnswer(r io.Reader) ([]byte, error) {
	answer, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading the renderer's answer: %w", err)
	}
	switch {
	case len(answer) > 0 && answer[0] == 'k':
		return answer[1:], nil
	case len(answer) > 0 && answer[0] == 'e':
		return nil, errors.New(string(answer[1:]))
	}
	return nil, errors.New("the renderer stopped without answering")
}
