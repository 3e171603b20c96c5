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
	"github.com/gograd/gograd/internal/graph"
)

// CheckGrads checks the gradients that the graph ending in root holds,
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
func CheckGrads(root any, opts ...Option) ([]autograd.GradResult[any], error) {
	rows, _, err := gradRows(root, opts)
	if err != nil {
		return nil, failed("CheckGrads", err)
	}
	return rows, nil
}

// gradRows does the work of CheckGrads and returns the options too.
func gradRows(root any, opts []Option) ([]autograd.GradResult[any], *graph.Config, error) {
	d, err := prepare(root, opts)
	if err != nil {
		return nil, nil, err
	}
	vals, err := graph.Rebuild(d.Graph)
	if err != nil {
		return nil, nil, err
	}
	rows := make([]autograd.GradResult[any], len(d.Nodes))
	for i, n := range d.Nodes {
		num := autograd.NumericGrad(vals[len(vals)-1], vals[i])
		rows[i] = autograd.GradResult[any]{Node: n.Ptr, Label: n.Label, Op: n.Op, Data: n.Data,
			Analytic: n.Grad, Numeric: num, RelErr: autograd.RelErr(n.Grad, num), OK: autograd.GradOK(n.Grad, num)}
	}
	return rows, d.Cfg, nil
}

// WrongGrads returns the Values of the graph ending in root whose gradient
// is wrong, as [CheckGrads] judges them, ready for [Highlight]:
//
//	display.Graph(b, display.Highlight(display.WrongGrads(b)...))
//
// It returns nil when every gradient is right, and also when the graph
// cannot be checked: [CheckGrads] and [GradTable] say why.
func WrongGrads(root any, opts ...Option) []any {
	rows, _, err := gradRows(root, opts)
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

// GradTable shows the rows of [CheckGrads] as a table, the wrong gradients
// marked: an HTML table under the cell in a GoNB notebook, plain text on
// standard output elsewhere. Errors are shown the same way as [Graph]'s.
func GradTable(root any, opts ...Option) error {
	rows, cfg, err := gradRows(root, opts)
	if err != nil {
		return output.Error(failed("GradTable", err))
	}
	if output.InNotebook() {
		output.HTML(gradTableHTML(rows, cfg.Digits))
		return nil
	}
	return writeGradTable(os.Stdout, rows, cfg.Digits)
}

// gradRowCells returns the cells of a row of the table: label, op, data,
// grad, numeric and check.
func gradRowCells(r autograd.GradResult[any], digits int) []string {
	check := "ok"
	if !r.OK {
		check = "WRONG"
	}
	return []string{graph.VisibleText(r.Label), graph.VisibleText(r.Op), graph.Number(r.Data, digits),
		graph.Number(r.Analytic, digits), graph.Number(r.Numeric, digits), check}
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
			look := graph.Looks[graph.Wrong]
			style = fmt.Sprintf(` style="color:%s;background:%s;font-weight:bold"`, look.Text, look.Fill)
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
