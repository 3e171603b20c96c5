// Package lessonsetup writes and checks the setup cells of gograd's lessons.
//
// Lessons 01 to 07 grow a Value type of their own, cell by cell. Each
// lesson from 02 on starts with a setup cell that declares that Value as
// the lessons before it left it, so that the lesson runs on its own. The
// cells that build the Value carry the cell tag "gograd-engine"; the setup
// cell carries "gograd-setup". A lesson's setup cell holds every declaration
// of the engine cells of the lessons before it, in order, a later
// declaration replacing an earlier one of the same name (as GoNB does: a
// type by its name, a method by its type and name), except the
// declarations that the lesson's own engine cells make: running the setup
// cell again must not undo what the lesson changed, such as the fix of
// lesson 02.
//
// The test of this package fails when a setup cell differs from what the
// lessons before it built; go test ./internal/lessonsetup -update writes
// the setup cells anew.
package lessonsetup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The cell tags.
const (
	EngineTag = "gograd-engine"
	SetupTag  = "gograd-setup"
)

// A Notebook is a .ipynb file, decoded so that encoding it again gives the
// same bytes (see Encode).
type Notebook struct {
	Path string
	root map[string]any
}

// Read decodes the notebook at path.
func Read(path string) (*Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	nb := &Notebook{Path: path}
	if err := dec.Decode(&nb.root); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

// Encode writes the notebook as nbformat does: keys sorted, one space of
// indentation, non-ASCII text as it is, a final newline.
func (nb *Notebook) Encode() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb.root); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// A Cell is a code cell of a notebook.
type Cell struct {
	Index  int // among all the notebook's cells
	Source string
	Tags   []string
	raw    map[string]any
}

// CodeCells returns the notebook's code cells.
func (nb *Notebook) CodeCells() []Cell {
	var cells []Cell
	list, _ := nb.root["cells"].([]any)
	for i, c := range list {
		cell, _ := c.(map[string]any)
		if cell["cell_type"] != "code" {
			continue
		}
		var src strings.Builder
		switch s := cell["source"].(type) {
		case string:
			src.WriteString(s)
		case []any:
			for _, line := range s {
				src.WriteString(fmt.Sprint(line))
			}
		}
		var tags []string
		meta, _ := cell["metadata"].(map[string]any)
		list, _ := meta["tags"].([]any)
		for _, t := range list {
			tags = append(tags, fmt.Sprint(t))
		}
		cells = append(cells, Cell{Index: i, Source: src.String(), Tags: tags, raw: cell})
	}
	return cells
}

// Tagged returns the code cells that carry tag.
func (nb *Notebook) Tagged(tag string) []Cell {
	var cells []Cell
	for _, c := range nb.CodeCells() {
		if slices.Contains(c.Tags, tag) {
			cells = append(cells, c)
		}
	}
	return cells
}

// SetSource replaces the source of the cell, split into lines as nbformat
// stores it.
func (c Cell) SetSource(src string) {
	lines := strings.SplitAfter(src, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	list := make([]any, len(lines))
	for i, l := range lines {
		list[i] = l
	}
	c.raw["source"] = list
}

// A Decl is one top-level declaration of an engine cell: an import, a
// type, a function, a method, or a group of constants or variables.
type Decl struct {
	Key  string // how GoNB tells declarations apart: "Value", "Value~Add", "import fmt"
	Text string // the declaration with its doc comment
}

// Decls returns the declarations of a cell that holds only declarations.
func Decls(src string) ([]Decl, error) {
	const head = "package main\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell.go", head+src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	text := func(from, to token.Pos) string {
		return strings.TrimSpace(src[fset.Position(from).Offset-len(head) : fset.Position(to).Offset-len(head)])
	}
	var decls []Decl
	for _, d := range f.Decls {
		start := d.Pos()
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
			key := d.Name.Name
			if d.Recv != nil {
				key = receiverType(d.Recv.List[0].Type) + "~" + key
			}
			decls = append(decls, Decl{key, text(start, d.End())})
		case *ast.GenDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.ImportSpec:
					decls = append(decls, Decl{"import " + s.Path.Value, s.Path.Value})
				case *ast.TypeSpec:
					decls = append(decls, Decl{s.Name.Name, text(start, d.End())})
				case *ast.ValueSpec:
					decls = append(decls, Decl{s.Names[0].Name, text(start, d.End())})
				}
				if d.Tok != token.IMPORT && len(d.Specs) > 1 {
					return nil, fmt.Errorf("line %d: declare one type, constant or variable per declaration", fset.Position(d.Pos()).Line-1)
				}
			}
		}
	}
	return decls, nil
}

func receiverType(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return receiverType(t.X)
	case *ast.IndexExpr:
		return receiverType(t.X)
	case *ast.Ident:
		return t.Name
	}
	return fmt.Sprint(e)
}

// Setup returns the source of the setup cell of a lesson: the engine
// declarations of the lessons before it (in order), without those that the
// lesson's own engine cells make, and last a statement that prints one
// line when the cell runs, which names the lessons that built the Value,
// after GoNB's %% (what follows it is the body of main, which a cell of
// declarations needs for a statement):
//
//	%%
//	fmt.Println("setup: the Value of lessons 01 to 06 is declared")
func Setup(before []*Notebook, lesson *Notebook) (string, error) {
	var order, builders []string
	latest := map[string]string{}
	collect := func(nb *Notebook, add bool) (map[string]bool, error) {
		keys := map[string]bool{}
		if add && len(nb.Tagged(EngineTag)) > 0 {
			builders = append(builders, lessonNumber(nb.Path))
		}
		for _, c := range nb.Tagged(EngineTag) {
			decls, err := Decls(c.Source)
			if err != nil {
				return nil, fmt.Errorf("%s, cell %d: %w", nb.Path, c.Index+1, err)
			}
			for _, d := range decls {
				keys[d.Key] = true
				if !add {
					continue
				}
				if _, seen := latest[d.Key]; !seen {
					order = append(order, d.Key)
				}
				latest[d.Key] = d.Text
			}
		}
		return keys, nil
	}
	for _, nb := range before {
		if _, err := collect(nb, true); err != nil {
			return "", err
		}
	}
	own, err := collect(lesson, false)
	if err != nil {
		return "", err
	}
	var imports, body []string
	for _, k := range order {
		switch {
		case own[k]:
		case strings.HasPrefix(k, "import "):
			imports = append(imports, "\t"+latest[k])
		default:
			body = append(body, latest[k])
		}
	}
	var b strings.Builder
	switch len(imports) {
	case 0:
	case 1:
		fmt.Fprintf(&b, "import %s\n\n", strings.TrimSpace(imports[0]))
	default:
		fmt.Fprintf(&b, "import (\n%s\n)\n\n", strings.Join(imports, "\n"))
	}
	b.WriteString(strings.Join(body, "\n\n"))
	if len(builders) > 0 {
		of := "lesson " + builders[0]
		if len(builders) > 1 {
			of = "lessons " + builders[0] + " to " + builders[len(builders)-1]
		}
		fmt.Fprintf(&b, "\n\n%%%%\nfmt.Println(%q)", "setup: the Value of "+of+" is declared")
	}
	return b.String(), nil
}

// lessonNumber returns the number that starts a lesson's file name: "02"
// for notebooks/02_backward_order_and_accumulation.ipynb.
func lessonNumber(path string) string {
	name := filepath.Base(path)
	number, _, _ := strings.Cut(name, "_")
	return number
}
