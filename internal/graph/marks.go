package graph

import (
	"fmt"
	"strings"
	"sync"
)

// MarkClass is the CSS class of each mark in a view's SVG.
var MarkClass = [...]string{
	Plain:     "",
	Receiving: "gograd-receiving",
	Wrong:     "gograd-wrong",
	Current:   "gograd-current",
}

// MarkCSS returns the style of the mark classes, written from the DOT
// attributes of markStyle, so that a view looks like the pictures of
// display.Graph and display.BackwardFrames. It runs once, when a view first needs it, not when
// the package starts: every notebook cell that draws starts the package.
var MarkCSS = sync.OnceValue(func() string {
	var css strings.Builder
	for m, style := range MarkStyle {
		if MarkClass[m] == "" {
			continue
		}
		var shape, line, text []string
		for _, kv := range strings.Fields(style) { // name=value, the values without spaces
			name, value, _ := strings.Cut(kv, "=")
			value = strings.Trim(value, `"`)
			switch name {
			case "fillcolor":
				shape = append(shape, "fill:"+value)
			case "color":
				shape = append(shape, "stroke:"+value)
				line = append(line, "stroke:"+value)
			case "penwidth":
				shape = append(shape, "stroke-width:"+value)
				line = append(line, "stroke-width:"+value)
			case "fontcolor":
				text = append(text, "fill:"+value)
			}
		}
		c := "." + MarkClass[m]
		fmt.Fprintf(&css, "%s>polygon,%s>ellipse{%s}", c, c, strings.Join(shape, ";"))
		if len(line) > 0 {
			fmt.Fprintf(&css, "%s>polyline{%s}", c, strings.Join(line, ";"))
		}
		if len(text) > 0 {
			fmt.Fprintf(&css, "%s>text{%s}", c, strings.Join(text, ";"))
		}
	}
	return css.String()
})
