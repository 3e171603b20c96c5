package lesson

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestAssignmentTextsSayWhatIsTested reads the course's assignments
// (assignments/source) and checks that each exercise whose test cell calls
// a checker says, in its text, what the checker tries: the sentence of
// Tested, word for word. Every checker in Tested must be used by one.
func TestAssignmentTextsSayWhatIsTested(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "assignments", "source", "*", "*.ipynb"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no assignments in ../assignments/source (%v)", err)
	}
	call := regexp.MustCompile(`lesson\.(Check\w+)\(`)
	used := map[string]bool{}
	for _, path := range paths {
		var nb struct {
			Cells []struct {
				CellType string          `json:"cell_type"`
				Source   json.RawMessage `json:"source"`
			} `json:"cells"`
		}
		b, err := os.ReadFile(path)
		if err == nil {
			err = json.Unmarshal(b, &nb)
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var text strings.Builder // the notebook's Markdown, with spaces and line breaks as one space
		var checkers []string
		for _, c := range nb.Cells {
			var lines []string
			if json.Unmarshal(c.Source, &lines) != nil {
				var one string
				if err := json.Unmarshal(c.Source, &one); err != nil {
					t.Fatalf("%s: a cell's source: %v", path, err)
				}
				lines = []string{one}
			}
			src := strings.Join(lines, "")
			switch c.CellType {
			case "markdown":
				text.WriteString(strings.Join(strings.Fields(src), " ") + " ")
			case "code":
				for _, m := range call.FindAllStringSubmatch(src, -1) {
					checkers = append(checkers, m[1])
				}
			}
		}
		for _, name := range checkers {
			used[name] = true
			sentence, ok := Tested[name]
			switch {
			case !ok:
				t.Errorf("%s calls lesson.%s, which has no entry in Tested", filepath.Base(path), name)
			case !strings.Contains(text.String(), sentence):
				t.Errorf("%s: the exercise's text does not say what lesson.%s tries; add the sentence\n\t%s", filepath.Base(path), name, sentence)
			}
		}
	}
	for name := range Tested {
		if !used[name] {
			t.Errorf("Tested has %s, which no assignment calls", name)
		}
	}
}
