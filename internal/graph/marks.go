package graph

import (
	"fmt"
	"strings"
	"sync"
)

// A Look is how a mark looks: the colours of a node's inside, outline and
// text, and the outline's width, "" where Graphviz's defaults stay. It is
// written once, here, and becomes DOT attributes in a picture (DOTAttrs)
// and CSS in a view (MarkCSS), which package display's grad table reuses.
type Look struct {
	Fill, Line, Text, Width string
}

// Looks holds the look of each mark.
var Looks = [...]Look{
	Plain:     {},
	Receiving: {Fill: "#e3f0ff", Line: "#1f5fbf"},
	Wrong:     {Fill: "#ffe6e6", Line: "#d00000", Text: "#b00000", Width: "2"},
	Current:   {Fill: "#fff0b3", Line: "#c77700", Width: "2"},
}

// MarkClass is the CSS class of each mark in a view's SVG.
var MarkClass = [...]string{
	Plain:     "",
	Receiving: "gograd-receiving",
	Wrong:     "gograd-wrong",
	Current:   "gograd-current",
}

// DOTAttrs returns the DOT attributes that give a node the look l, each
// after a space, as in ` style=filled fillcolor="#e3f0ff" color="#1f5fbf"`.
func (l Look) DOTAttrs() string {
	var b strings.Builder
	if l.Fill != "" {
		fmt.Fprintf(&b, ` style=filled fillcolor="%s"`, l.Fill)
	}
	if l.Line != "" {
		fmt.Fprintf(&b, ` color="%s"`, l.Line)
	}
	if l.Text != "" {
		fmt.Fprintf(&b, ` fontcolor="%s"`, l.Text)
	}
	if l.Width != "" {
		fmt.Fprintf(&b, " penwidth=%s", l.Width)
	}
	return b.String()
}

// MarkCSS returns the style of the mark classes, written from Looks, so
// that a view looks like the pictures of display.Graph and
// display.BackwardFrames. It runs once, when a view first needs it, not
// when the package starts: every notebook cell that draws starts the
// package.
var MarkCSS = sync.OnceValue(func() string {
	var css strings.Builder
	for m, l := range Looks {
		if MarkClass[m] == "" {
			continue
		}
		var shape, line []string // Graphviz draws a node as a polygon or an ellipse, a record's inner lines as polylines
		if l.Fill != "" {
			shape = append(shape, "fill:"+l.Fill)
		}
		if l.Line != "" {
			shape = append(shape, "stroke:"+l.Line)
			line = append(line, "stroke:"+l.Line)
		}
		if l.Width != "" {
			shape = append(shape, "stroke-width:"+l.Width)
			line = append(line, "stroke-width:"+l.Width)
		}
		c := "." + MarkClass[m]
		fmt.Fprintf(&css, "%s>polygon,%s>ellipse{%s}", c, c, strings.Join(shape, ";"))
		if len(line) > 0 {
			fmt.Fprintf(&css, "%s>polyline{%s}", c, strings.Join(line, ";"))
		}
		if l.Text != "" {
			fmt.Fprintf(&css, "%s>text{fill:%s}", c, l.Text)
		}
	}
	return css.String()
})
