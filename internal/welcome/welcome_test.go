package welcome

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write notebooks/START_HERE.ipynb anew")

const dir = "../../notebooks"

// TestPage checks that the committed welcome page lists every lesson of
// notebooks/ by its own title and time.
func TestPage(t *testing.T) {
	lessons, err := Lessons(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Page(lessons)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "START_HERE.ipynb")
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s does not list the lessons of %s as they are: go test ./internal/welcome -update writes it", path, dir)
	}
	for _, l := range lessons {
		if !strings.Contains(string(got), "]("+l.File+")") {
			t.Errorf("%s has no link to %s", path, l.File)
		}
		if l.Time == "" {
			t.Errorf("%s: its first Markdown cell has no line \"**Time:** about N minutes\", so the welcome page gives it no time", l.File)
		}
	}
}

func TestRead(t *testing.T) {
	tmp := t.TempDir()
	for _, tc := range []struct {
		name, source, err string
		want              Lesson
	}{
		{"01_a.ipynb", `["# 01 · A | b\n", "\n", "**Time:** about 20 minutes. **You need:** x"]`, "",
			Lesson{"01_a.ipynb", "01 · A | b", "about 20 minutes"}},
		{"02_b.ipynb", `"# 02 · B\nno time"`, "", Lesson{"02_b.ipynb", "02 · B", ""}},
		{"03_c.ipynb", `"Some text"`, "not a heading", Lesson{}},
	} {
		p := filepath.Join(tmp, tc.name)
		nb := `{"cells": [{"cell_type": "code", "source": "x"}, {"cell_type": "markdown", "source": ` + tc.source + `}]}`
		if err := os.WriteFile(p, []byte(nb), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := read(p)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
	if _, err := Lessons(t.TempDir()); err == nil {
		t.Error("Lessons of an empty folder: no error")
	}
}
