// Command withgonbui is a notebook cell that shows output both with
// package gonbui and with this module's packages: package gonb must refuse
// to write to GoNB's pipe.
package main

import (
	"fmt"

	"github.com/gograd/gograd/internal/gonb"
	"github.com/janpfeifer/gonb/gonbui"
)

func main() {
	_ = gonbui.IsNotebook
	fmt.Println(gonb.Send(gonb.Output{HTML: "<b>x</b>"}))
}
