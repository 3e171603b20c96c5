package display

import (
	"fmt"
	"html"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/gograd/gograd/autograd"
	"github.com/gograd/gograd/display/output"
)

// GradRows checks the gradients that the graph ending in root holds,
// computed by whatever backward pass the caller ran (the engine's, or a
// notebook's own): one row per Value, in the order of autograd.Topo, root
// last. It does not run a backward pass and changes nothing in the graph.
//
// A row is the engine's own [autograd.GradResult], the one GradCheck
// returns, with the caller's pointer in Node (for [Highlight]) and the
// gradient the Value holds in Analytic. The numeric estimates come from
// autograd.NumericGrad on a copy of the graph rebuilt in the engine with
// autograd.Apply, so every Op must be one that the engine knows. A Value's
// gradient is OK when autograd.GradOK says so: its relative error is within
// autograd.GradTolerance.
func GradRows(root any, opts ...Option) ([]autograd.GradResult[any], error) {
	rows, _, err := checkGrads(root, opts)
	if err != nil {
		return nil, failed("GradRows", err)
	}
	return rows, nil
}

// checkGrads does the work of GradRows and returns the options too.
func checkGrads(root any, opts []Option) ([]autograd.GradResult[any], *config, error) {
	d, err := prepare(root, opts)
	if err != nil {
		return nil, nil, err
	}
	vals, err := rebuild(d.graph)
	if err != nil {
		return nil, nil, err
	}
	rows := make([]autograd.GradResult[any], len(d.nodes))
	for i, n := range d.nodes {
		num := autograd.NumericGrad(vals[len(vals)-1], vals[i])
		rows[i] = autograd.GradResult[any]{Node: n.ptr, Label: n.label, Op: n.op, Data: n.data,
			Analytic: n.grad, Numeric: num, RelErr: autograd.RelErr(n.grad, num), OK: autograd.GradOK(n.grad, num)}
	}
	return rows, d.cfg, nil
}

// WrongGrads returns the Values of the graph ending in root whose gradient
// is wrong, as [GradRows] judges them, ready for [Highlight]:
//
//	display.Graph(b, display.Highlight(display.WrongGrads(b)...))
//
// It returns nil when every gradient is right, and also when the graph
// cannot be checked: [GradRows] and [GradTable] say why.
func WrongGrads(root any, opts ...Option) []any {
	rows, _, err := checkGrads(root, opts)
	if err != nil {
		return nil
	}
	var nodes []any
	for _, r := range rows {
		if !r.OK {
			nodes = append(nodes, r.Node)
		}
	}
	return nodes
}

// GradTable shows the rows of [GradRows] as a table, the wrong gradients
// marked: an HTML table under the cell in a GoNB notebook, plain text on
// standard output elsewhere. Errors are shown the same way as [Graph]'s.
func GradTable(root any, opts ...Option) error {
	rows, cfg, err := checkGrads(root, opts)
	if err != nil {
		return output.Error(failed("GradTable", err))
	}
	if output.InNotebook() {
		output.HTML(gradTableHTML(rows, cfg.digits))
		return nil
	}
	return writeGradTable(os.Stdout, rows, cfg.digits)
}

// gradRowCells returns the cells of a row of the table: label, op, data,
// grad, numeric and check.
func gradRowCells(r autograd.GradResult[any], digits int) []string {
	check := "ok"
	if !r.OK {
		check = "WRONG"
	}
	return []string{visibleText(r.Label), visibleText(r.Op), number(r.Data, digits),
		number(r.Analytic, digits), number(r.Numeric, digits), check}
}

var gradColumns = []string{"label", "op", "data", "grad", "numeric", "check"}

// writeGradTable writes the rows as a plain-text table.
func writeGradTable(w io.Writer, rows []autograd.GradResult[any], digits int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join(gradColumns, "\t")+"\t")
	for _, r := range rows {
		// A line break in a label would break the table: show it as ⏎.
		fmt.Fprintln(tw, strings.ReplaceAll(strings.Join(gradRowCells(r, digits), "\t"), "\n", "⏎")+"\t")
	}
	return tw.Flush()
}

// gradTableHTML renders the rows as an HTML table, wrong rows in red.
func gradTableHTML(rows []autograd.GradResult[any], digits int) string {
	var b strings.Builder
	b.WriteString(`<table style="font-family:monospace;border-collapse:collapse"><tr>`)
	for _, c := range gradColumns {
		fmt.Fprintf(&b, `<th style="padding:2px 8px;text-align:right">%s</th>`, c)
	}
	b.WriteString("</tr>")
	for _, r := range rows {
		style := ""
		if !r.OK {
			style = ` style="color:#b00000;background:#ffe6e6;font-weight:bold"`
		}
		fmt.Fprintf(&b, "<tr%s>", style)
		for _, c := range gradRowCells(r, digits) {
			fmt.Fprintf(&b, `<td style="padding:2px 8px;text-align:right;white-space:pre">%s</td>`, html.EscapeString(c))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table>")
	return b.String()
}
