package output_test

import (
	"fmt"

	"github.com/gograd/gograd/display/output"
)

// A cell shows a line that changes while it runs, and keeps the last one:
// outside a notebook, as here, nothing shows.
func ExampleLive() {
	line := output.NewLive()
	for step := range 3 {
		line.Show(fmt.Sprintf("<b>step %d</b> of 3", step+1))
	}
	line.Keep("<b>done</b>")
	fmt.Println("in a notebook:", output.InNotebook())
	// Output: in a notebook: false
}
