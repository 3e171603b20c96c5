// Package welcome writes the course's welcome page, notebooks/START_HERE.ipynb:
// the page that `make notebook`, the classroom image, Binder and the hub open
// first. It says where to start and lists every lesson of notebooks/ with
// its title and time, read from the lesson itself (its first heading and its
// "**Time:** about N minutes" line), so that a new lesson needs no edit here.
//
// The test of this package fails when the committed page differs from what
// the lessons give; go test ./internal/welcome -update writes it anew.
package welcome

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// A Lesson is one notebook of the course, as the welcome page lists it.
type Lesson struct {
	File  string // the notebook's name in notebooks/, such as 00_derivatives.ipynb
	Title string // its first heading, such as "00 · Derivatives, by nudging"
	Time  string // how long it takes, such as "about 30 minutes"; empty if it does not say
}

var timeLine = regexp.MustCompile(`\*\*Time:\*\*\s*([^.*]+)`)

// Lessons reads the lessons of dir, the notebooks whose names start with a
// digit, in the order of their names.
func Lessons(dir string) ([]Lesson, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "[0-9]*.ipynb"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no lessons (notebooks named [0-9]*.ipynb) in %s", dir)
	}
	var lessons []Lesson
	for _, p := range paths {
		l, err := read(p)
		if err != nil {
			return nil, err
		}
		lessons = append(lessons, l)
	}
	return lessons, nil
}

// read gives the lesson of the notebook at path: the first line of its
// first Markdown cell must be a level-1 heading.
func read(path string) (Lesson, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Lesson{}, err
	}
	var nb struct {
		Cells []struct {
			Type   string          `json:"cell_type"`
			Source json.RawMessage `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		return Lesson{}, fmt.Errorf("%s: %w", path, err)
	}
	for _, c := range nb.Cells {
		if c.Type != "markdown" {
			continue
		}
		src, err := source(c.Source)
		if err != nil {
			return Lesson{}, fmt.Errorf("%s: %w", path, err)
		}
		first, _, _ := strings.Cut(src, "\n")
		title, ok := strings.CutPrefix(first, "# ")
		if !ok {
			return Lesson{}, fmt.Errorf("%s: the first Markdown cell starts with %q, not a heading \"# NN · Title\"", path, first)
		}
		l := Lesson{File: filepath.Base(path), Title: strings.TrimSpace(title)}
		if m := timeLine.FindStringSubmatch(src); m != nil {
			l.Time = strings.TrimSpace(m[1])
		}
		return l, nil
	}
	return Lesson{}, fmt.Errorf("%s: no Markdown cell", path)
}

// source joins a cell's source, which nbformat stores as a string or a list
// of lines.
func source(raw json.RawMessage) (string, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return "", fmt.Errorf("a cell's source is neither a string nor a list of lines: %w", err)
	}
	return strings.Join(lines, ""), nil
}

// intro is the page above the list of lessons.
const intro = `# gograd: backpropagation from scratch, in Go

Welcome. In these lessons you build a small engine that computes derivatives by itself
(*autograd*), one operation at a time, then train a neural network with it: the path of
Andrej Karpathy's micrograd lecture, in Go.

**Start with lesson 00:** [%s](%s). Run a lesson's cells in order, top to bottom:
**Shift+Enter** runs a cell and moves to the next. Every lesson runs on its own, from a fresh
kernel (*Kernel ▸ Restart Kernel and Run All Cells*). The lessons use the **Go (gograd)** kernel,
named at the top right of a notebook; it reads *Idle* when it is ready.

Pictures you can drive (sliders, *Prev*/*Next*, *Play*) work with the mouse and the keyboard:
**Tab** to a view, then the arrow keys. If a view shows *"A still picture"*, the notebook is not
trusted: trust it, or run its cell again.
`

// outro is the page below the list of lessons.
const outro = `
Installation, trouble and how the pictures are drawn: [SETUP.md](../docs/SETUP.md). For
teachers (the exercises, grading, a class on a projector): [TEACHING.md](../docs/TEACHING.md).
`

// Page returns the welcome page, a notebook that lists lessons, encoded as
// nbformat writes it.
func Page(lessons []Lesson) ([]byte, error) {
	if len(lessons) == 0 {
		return nil, fmt.Errorf("no lessons to list")
	}
	var md strings.Builder
	fmt.Fprintf(&md, intro, lessons[0].Title, lessons[0].File)
	md.WriteString("\n| Lesson | Time |\n|---|---|\n")
	for _, l := range lessons {
		title := strings.ReplaceAll(l.Title, "|", `\|`)
		fmt.Fprintf(&md, "| [%s](%s) | %s |\n", title, l.File, l.Time)
	}
	md.WriteString(outro)
	nb := map[string]any{
		"cells": []any{map[string]any{
			"cell_type": "markdown",
			"id":        "welcome",
			"metadata":  map[string]any{},
			"source":    lines(md.String()),
		}},
		"metadata": map[string]any{
			"kernelspec":    map[string]any{"display_name": "Go (gograd)", "language": "go", "name": "gograd"},
			"language_info": map[string]any{"name": "go"},
		},
		"nbformat":       4,
		"nbformat_minor": 5,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// lines splits text into lines that keep their newlines, as nbformat
// stores a cell's source.
func lines(text string) []string {
	ls := strings.SplitAfter(text, "\n")
	if ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}
