package display

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The interactive views, [Nudge] and [StepByStep], work without a kernel:
// the cell computes every state a view can show (every slider position,
// every step) with the caller's engine, lays the graph out once, and sends
// one output holding the picture, the numbers of each state and a small
// script that switches between them in the browser. So the views respond
// at once, Run All never waits for input, and they keep working after the
// notebook is saved and reopened (trusted) and in nbconvert's HTML export.
//
// The output is built for the front ends that sanitise it: an untrusted
// notebook strips the script and inline SVG, so the picture the script
// draws travels inside the script's data, and the HTML around it shows a
// still image of the first state (an <img> with a data URI, which the
// sanitisers keep) with a note that the controls need a trusted notebook.

// MaxViewSize is the largest output, in bytes, that [Nudge] and
// [StepByStep] send: a notebook carries every output in its file and the
// browser keeps it in memory. A view over the limit is refused with an
// error saying what to reduce, before the heavy work where it can be
// foreseen. In a GoNB notebook, change it in an init function, as for
// [DefaultMaxNodes].
var MaxViewSize = 200_000

// The script and style of the views, run in the browser.
//
//go:embed view.js
var viewJS string

// A view is a graph drawn once, with the states it can show: in each, the
// numbers of every Value and the marks of the nodes.
type view struct {
	d     *drawing
	kind  string     // "nudge" or "steps": which controls the script makes
	hint  string     // what to reduce when the view is too big
	start int        // the state shown first
	data  [][]string // [node][state]: each Value's Data, formatted
	grad  [][]string // [node][state]: each Value's Grad, formatted; nil with DataOnly
	marks []markSet  // one per state
	extra any        // what the kind of view shows besides the graph, for the script
	text  string     // the plain-text version
	alt   string     // what the picture shows, for the still image's alt text
}

// A markSet says how the nodes of one state stand out: the mark of each
// node that is not plain, by its title in the SVG (v3, op3).
type markSet map[string]mark

// markClass is the CSS class of each mark in a view's SVG.
var markClass = [...]string{
	plain:     "",
	receiving: "gograd-receiving",
	wrong:     "gograd-wrong",
	current:   "gograd-current",
}

// markRules returns the style of the mark classes, written from the DOT
// attributes of markStyle, so that a view looks like the pictures of
// [Graph] and [Steps], and a map that finds a mark from the fill that
// Graphviz gave a node. It runs once, when a view first needs it, not when
// the package starts: every notebook cell that draws starts the package.
var markRules = sync.OnceValues(func() (string, map[string]mark) {
	var css strings.Builder
	fills := map[string]mark{}
	for m, style := range markStyle {
		if markClass[m] == "" {
			continue
		}
		var shape, line, text []string
		for _, kv := range strings.Fields(style) { // name=value, the values without spaces
			name, value, _ := strings.Cut(kv, "=")
			value = strings.Trim(value, `"`)
			switch name {
			case "fillcolor":
				shape = append(shape, "fill:"+value)
				fills[value] = mark(m)
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
		c := "." + markClass[m]
		fmt.Fprintf(&css, "%s>polygon,%s>ellipse{%s}", c, c, strings.Join(shape, ";"))
		if len(line) > 0 {
			fmt.Fprintf(&css, "%s>polyline{%s}", c, strings.Join(line, ";"))
		}
		if len(text) > 0 {
			fmt.Fprintf(&css, "%s>text{%s}", c, strings.Join(text, ";"))
		}
	}
	return css.String(), fills
})

// A field is a text of a Value's box that changes from state to state.
type field struct {
	Node    string   `json:"node"`    // the title of the Value's node: v3
	FromEnd int      `json:"fromEnd"` // which of the node's texts: 1 for the last
	Prefix  string   `json:"prefix"`  // "data " or "grad ", "" in the compact style
	Changes []any    `json:"changes"` // state, value, state, value, …: the value from each state on
	values  []string // the value in every state
}

// viewData is what the script receives.
type viewData struct {
	Kind   string              `json:"kind"`
	SVG    string              `json:"svg"`
	States int                 `json:"states"`
	Start  int                 `json:"start"`
	Fields []field             `json:"fields"`
	Marks  []map[string]string `json:"marks,omitempty"` // per state, when they change: node title → class
	Extra  any                 `json:"extra"`
}

// show sends the view to the notebook, or prints its text outside one.
func (v *view) show() error {
	if !inNotebook {
		_, err := io.WriteString(stdout, v.text)
		return err
	}
	page, err := v.html()
	if err != nil {
		return err
	}
	displayOutput(page, v.text)
	return nil
}

// html lays the view out and writes its output: the view's data and a
// still image of its first state in a box, and the script.
func (v *view) html() (string, error) {
	pic, err := v.layout()
	if err != nil {
		return "", err
	}
	fields, err := v.fields(pic)
	if err != nil {
		return "", err
	}
	first := pic.state(fields, v.start, v.marks[v.start])
	data := viewData{Kind: v.kind, SVG: string(first), States: len(v.marks), Start: v.start,
		Fields: fields, Extra: v.extra}
	if slices.ContainsFunc(v.marks, func(m markSet) bool { return !maps.Equal(m, v.marks[0]) }) {
		for _, marks := range v.marks {
			classes := map[string]string{}
			for title, m := range marks {
				classes[title] = markClass[m]
			}
			data.Marks = append(data.Marks, classes)
		}
	}
	js, err := scriptJSON(data)
	if err != nil {
		return "", err
	}
	// The key ties the script to its box. It depends only on the view, so
	// a notebook's output is the same on every run; two identical views
	// share it and the script tells them apart (see view.js).
	h := fnv.New64a()
	h.Write(js)
	key := fmt.Sprintf("%016x", h.Sum64())
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="gograd-view" data-gograd-view="%s"><script type="application/json">%s</script>`, key, js)
	b.WriteString(`<div class="gograd-still"><p><em>A still picture: the controls of this view need a trusted notebook ` +
		`(File ▸ Trust Notebook) or the cell run again.</em></p>`)
	fmt.Fprintf(&b, `<img alt="%s" src="data:image/svg+xml;base64,%s"></div></div>`,
		html.EscapeString(v.alt), base64.StdEncoding.EncodeToString(first))
	fmt.Fprintf(&b, "<script>%s(%q);</script>", strings.TrimSpace(viewJS), key)
	if size := b.Len() + len(v.text); size > MaxViewSize {
		return "", tooBig(size, false, v.hint)
	}
	return b.String(), nil
}

// tooBig is the error for a view of size bytes, or of at least size bytes.
func tooBig(size int, atLeast bool, hint string) error {
	would := "would take"
	if atLeast {
		would = "would take at least"
	}
	return fmt.Errorf("the view %s %d bytes, over the limit of display.MaxViewSize = %d: %s", would, size, MaxViewSize, hint)
}

// svgBytesPerValue is about the least that Graphviz's SVG takes for one
// Value (its box, its operation, their arrows); the lessons' graphs take
// 1.2 to 1.3 KB. The picture travels twice, as the script's data and as
// the still image in base64.
const svgBytesPerValue = 700

// leastSize is about the least that a view of a graph of values Values
// takes, to refuse one that cannot fit before the work of making it.
func leastSize(values int) int {
	return values * svgBytesPerValue * 7 / 3
}

// scriptJSON writes data as JSON that can sit inside a <script> element:
// no < at all, so no </script> or <!-- can end or confuse it.
func scriptJSON(data any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // escaping > and & as well would make the SVG a quarter longer
	if err := enc.Encode(data); err != nil {
		return nil, err
	}
	// A < can only be inside a JSON string, where \u003c means the same.
	return bytes.ReplaceAll(bytes.TrimSpace(b.Bytes()), []byte("<"), []byte(`\u003c`)), nil
}

// layout renders the graph once, each field as wide as its widest value
// in any state, so that no number overflows its box when the script
// shows it, and every node plain: marks are CSS classes.
func (v *view) layout() (*picture, error) {
	shown := *v.d
	shown.graph = &graph{nodes: slices.Clone(v.d.nodes)}
	shown.marks = make([]mark, len(v.d.nodes))
	for i := range shown.nodes {
		var err error
		if shown.nodes[i].data, err = widest(v.data[i]); err == nil && v.grad != nil {
			shown.nodes[i].grad, err = widest(v.grad[i])
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", v.d.name(i), err)
		}
	}
	svg, err := render(shown.dot())
	if err != nil {
		return nil, err
	}
	return readPicture(svg)
}

// widest returns the number whose text is the longest of texts: in
// Courier, as the boxes are drawn, the widest.
func widest(texts []string) (float64, error) {
	return strconv.ParseFloat(slices.MaxFunc(texts, func(a, b string) int { return cmp.Compare(len(a), len(b)) }), 64)
}

// fields finds, in the picture, the texts that change between states.
func (v *view) fields(pic *picture) ([]field, error) {
	var fields []field
	for i := range v.d.nodes {
		title := "v" + strconv.Itoa(i)
		n, ok := pic.nodes[title]
		columns := [][]string{v.data[i]}
		if v.grad != nil {
			columns = append(columns, v.grad[i])
		}
		if !ok || len(n.texts) < len(columns) {
			return nil, fmt.Errorf("the SVG has no box with %d fields for %s (%s)", len(columns), v.d.name(i), title)
		}
		for c, values := range columns {
			f := field{Node: title, FromEnd: len(columns) - c, Prefix: v.d.prefixes()[c], values: values}
			if text := n.texts[len(n.texts)-f.FromEnd].text; !strings.HasPrefix(text, f.Prefix) {
				return nil, fmt.Errorf("the SVG box of %s (%s) shows %q where %q… was expected", v.d.name(i), title, text, f.Prefix)
			}
			for s, value := range values {
				if s == 0 || value != values[s-1] {
					f.Changes = append(f.Changes, s, value)
				}
			}
			fields = append(fields, f)
		}
	}
	// The fields that never change are right in the first state's picture:
	// the script needs only the others.
	return slices.DeleteFunc(fields, func(f field) bool { return len(f.Changes) == 2 }), nil
}

// A picture is Graphviz's SVG of a graph, with where the parts are that a
// state changes: each node's class and texts.
type picture struct {
	svg   []byte
	open  int                 // the end of the <svg …> start tag
	nodes map[string]*svgNode // by the node's title: v3, op3
}

type svgNode struct {
	class span // the value of the class attribute of its <g>
	texts []svgText
	fill  string // the fill of its first polygon or ellipse: its mark's colour
}

type svgText struct {
	at   span // its character data
	text string
}

type span struct{ start, end int }

// readPicture finds the nodes of Graphviz's SVG by their titles.
func readPicture(svg []byte) (*picture, error) {
	p := &picture{svg: svg, nodes: map[string]*svgNode{}}
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var (
		group   *svgNode // the node being read
		depth   int      // of elements within the node's <g>
		inTitle bool
		text    *svgText // the <text> being read
	)
	for {
		at := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading Graphviz's SVG: %w", err)
		}
		end := int(d.InputOffset())
		switch tok := tok.(type) {
		case xml.StartElement:
			if group != nil {
				depth++
			}
			switch name := tok.Name.Local; {
			case name == "svg" && p.open == 0:
				p.open = end
			case name == "g" && group == nil && attr(tok, "class") == "node":
				tag := svg[at:end]
				i := bytes.Index(tag, []byte(`class="node"`))
				if i < 0 {
					return nil, errors.New(`reading Graphviz's SVG: a node's <g> has no class="node"`)
				}
				start := at + i + len(`class="`)
				group = &svgNode{class: span{start, start + len("node")}}
				depth = 0
			case group == nil:
			case name == "title":
				inTitle = true
			case name == "text":
				text = &svgText{at: span{end, end}}
			case (name == "polygon" || name == "ellipse") && group.fill == "":
				group.fill = attr(tok, "fill")
			}
		case xml.CharData:
			switch {
			case inTitle:
				p.nodes[string(tok)] = group
			case text != nil:
				text.at.end, text.text = end, string(tok)
			}
		case xml.EndElement:
			switch {
			case group == nil:
			case depth == 0:
				group = nil
			default:
				depth--
				inTitle = false
				if text != nil {
					group.texts = append(group.texts, *text)
					text = nil
				}
			}
		}
	}
	if p.open == 0 {
		return nil, errors.New("reading Graphviz's SVG: no <svg> element")
	}
	return p, nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// state returns the SVG of one state: the fields' values of that state,
// the marks' classes, and the style of the classes, so that the SVG looks
// right on its own, as an image.
func (p *picture) state(fields []field, s int, marks markSet) []byte {
	type edit struct {
		at   span
		with string
	}
	css, _ := markRules()
	edits := []edit{{span{p.open, p.open}, "<style>" + css + "</style>"}}
	for _, f := range fields {
		texts := p.nodes[f.Node].texts
		edits = append(edits, edit{texts[len(texts)-f.FromEnd].at, html.EscapeString(f.Prefix + f.values[s])})
	}
	for title, m := range marks {
		if n, ok := p.nodes[title]; ok && m != plain {
			edits = append(edits, edit{n.class, "node " + markClass[m]})
		}
	}
	slices.SortFunc(edits, func(a, b edit) int { return cmp.Compare(a.at.start, b.at.start) })
	var b bytes.Buffer
	last := 0
	for _, e := range edits {
		b.Write(p.svg[last:e.at.start])
		b.WriteString(e.with)
		last = e.at.end
	}
	b.Write(p.svg[last:])
	return b.Bytes()
}
