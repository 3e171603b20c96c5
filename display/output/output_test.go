package output

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gograd/gograd/internal/gonb"
	"github.com/gograd/gograd/internal/gonb/gonbtest"
	"github.com/gograd/gograd/internal/page"
)

// TestPictureSize checks how wide a picture may be, and how narrow it may
// be scaled: down to where its smallest text is 8.5 px tall; and that in
// a trusted notebook it shrinks to the window's height (less 160 px), by
// its width over its height, within the same bounds, unless full size.
func TestPictureSize(t *testing.T) {
	for _, tc := range []struct {
		svg      string
		fullSize bool
		want     string
	}{
		{`<svg width="300pt" height="80pt"><text font-size="14.00">a</text><text font-size="10.00">b</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:400px;max-width:max(255px, min(400px, (max(320px, 100vh - 160px)) * 3.7383));min-width:255px;height:auto"`},
		{`<svg width="300pt" height="80pt"><text font-size="14.00">a</text></svg>`, true,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:400px;min-width:400px;height:auto"`},
		{`<svg width="300pt" height="80pt"><text font-size="6.00">tiny</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:400px;max-width:max(400px, min(400px, (max(320px, 100vh - 160px)) * 3.7383));min-width:400px;height:auto"`},
		// 2,400 px tall: at most 1,600 px, so 2/3 of the width.
		{`<svg width="300pt" height="1800pt"><text font-size="14.00">a</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:266px;max-width:max(183px, min(266px, (max(320px, 100vh - 160px)) * 0.1667));min-width:183px;height:auto"`},
		// 6,400 px tall: text stays 8.5 px tall, the picture taller than 1,600 px.
		{`<svg width="300pt" height="4800pt"><text font-size="14.00">a</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:183px;max-width:max(183px, min(183px, (max(320px, 100vh - 160px)) * 0.0625));min-width:183px;height:auto"`},
	} {
		got := Picture{SVG: []byte(tc.svg), Alt: "alt", FullSize: tc.fullSize}.html()
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s (full size %v):\ngot  %s\nwant %s", tc.svg, tc.fullSize, got, tc.want)
		}
	}
}

// TestPictureControls checks what a picture that may show smaller than its
// own size has besides: its width at 14 px text for presentation mode, its
// own width, the style sheet that reads them, and a Full size control when it
// is wider than 550 px or taller than 540 px; a full-size picture, none of
// them.
func TestPictureControls(t *testing.T) {
	for _, tc := range []struct {
		name, svg string
		fullSize  bool
		props     string // the box's custom properties, "" for none
		control   string // the control's summary, "" for none
	}{
		// 14 pt text is 18.67 px: 14 px at 3/4 of 400 px.
		{"small", `<svg width="300pt" height="80pt"><text font-size="14.00">a</text></svg>`, false,
			`style="--gograd-projected:300px;--gograd-full:400px"`, ""},
		// 10 pt text is 13.33 px: 14 px at 1.05 times 1,000 px.
		{"wide", `<svg width="750pt" height="80pt"><text font-size="10">a</text></svg>`, false,
			`style="--gograd-projected:1050px;--gograd-full:1000px"`, "Full size (1000 × 107 px)"},
		// 550 x 540 px: as large as the small window has room for.
		{"just fits", `<svg width="412.5pt" height="405pt"><text font-size="14">a</text></svg>`, false,
			`style="--gograd-projected:413px;--gograd-full:550px"`, ""},
		{"tall", `<svg width="300pt" height="450pt"><text font-size="14">a</text></svg>`, false,
			`style="--gograd-projected:300px;--gograd-full:400px"`, "Full size (400 × 600 px)"},
		// No text: no larger on a projector than its least width (0 px).
		{"no text", `<svg width="600pt" height="450pt"></svg>`, false,
			`style="--gograd-projected:0px;--gograd-full:800px"`, "Full size (800 × 600 px)"},
		{"full size", `<svg width="750pt" height="450pt"><text font-size="10">a</text></svg>`, true, "", ""},
	} {
		got := Picture{SVG: []byte(tc.svg), Alt: "alt", FullSize: tc.fullSize}.html()
		box, _, _ := strings.Cut(got, ">")
		wantBox := `<div class="gograd-graph"`
		if tc.props != "" {
			wantBox += " " + tc.props
		}
		if box != wantBox {
			t.Errorf("%s: the box is %s, want its properties %q", tc.name, box, tc.props)
		}
		if sheet := strings.Contains(got, "<style>"+pictureCSS+"</style>"); sheet != (tc.props != "") {
			t.Errorf("%s: style sheet %v, want %v", tc.name, sheet, tc.props != "")
		}
		_, summary, _ := strings.Cut(got, `<summary data-lm-suppress-shortcuts="true" style="cursor:pointer">`)
		summary, _, _ = strings.Cut(summary, "</summary>")
		if summary != tc.control {
			t.Errorf("%s: the control says %q, want %q", tc.name, summary, tc.control)
		}
		if tc.control != "" && !strings.Contains(got, page.TrustHow) {
			t.Errorf("%s: the control does not say how to trust the notebook", tc.name)
		}
	}
}

// TestLive checks that a live output changes in place, and that Keep
// leaves an ordinary output that the notebook saves.
func TestLive(t *testing.T) {
	nb := gonbtest.FakeNotebook(t)
	l := NewLive()
	l.Show("step 1")
	l.Show("step 2")
	l.Keep("done")
	want := []gonb.Output{{HTML: "step 1", ID: "id1"}, {HTML: "step 2", ID: "id1"}, {HTML: "", ID: "id1"}, {HTML: "done"}}
	if !reflect.DeepEqual(nb.Outputs, want) {
		t.Errorf("GoNB received %q, want %q", nb.Outputs, want)
	}
}

// TestError checks that an error shows in red under the cell, its text
// escaped, and on standard error outside a notebook.
func TestError(t *testing.T) {
	nb := gonbtest.FakeNotebook(t)
	err := errors.New("display: Graph: <b>a</b> is wrong")
	if got := Error(err); got != err {
		t.Errorf("Error returned %v", got)
	}
	if want := `<pre style="color:#b00000;background:#fff;padding:4px 6px;white-space:pre-wrap;word-break:normal;overflow-wrap:break-word">display: Graph: &lt;b&gt;a&lt;/b&gt; is wrong</pre>`; len(nb.Outputs) != 1 || nb.Outputs[0].HTML != want || nb.Outputs[0].Text != err.Error() {
		t.Errorf("GoNB received %q, want %q", nb.Outputs, want)
	}
	_, stderr := gonbtest.FakeTerminal(t)
	Error(err)
	if stderr() != err.Error()+"\n" {
		t.Errorf("printed %q on standard error", stderr())
	}
}

// TestPictureOutsideNotebook checks that a picture goes to its file, and
// that a failure names who wrote it.
func TestPictureOutsideNotebook(t *testing.T) {
	stdout, _ := gonbtest.FakeTerminal(t)
	dir := t.TempDir()
	t.Chdir(dir)
	p := Picture{SVG: []byte("<svg></svg>"), Alt: "nothing"}
	if err := p.Show("pic.svg", "me: Show"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile("pic.svg"); string(got) != "<svg></svg>" {
		t.Errorf("pic.svg holds %q", got)
	}
	if want := "me: Show: wrote " + filepath.Join(dir, "pic.svg") + "; open it in a web browser\n"; stdout() != want {
		t.Errorf("printed %q, want %q", stdout(), want)
	}
	os.Mkdir("dir.svg", 0o755)
	if err := p.Show("dir.svg", "me: Show"); err == nil || !strings.HasPrefix(err.Error(), "me: Show: ") {
		t.Errorf("writing over a folder: %v", err)
	}
}

// TestFitOf checks a picture's fit against hand-derived sizes: 72 points
// are 96 CSS pixels; text of 14 points (18.67 px) may shrink to 8.5 px,
// and on a projector to 14 px; gonum's font sizes are styles.
func TestFitOf(t *testing.T) {
	for _, tc := range []struct {
		svg  string
		want Fit
	}{
		{`<svg width="72pt" height="36pt"><text font-size="14.00">a</text><text font-size="21">b</text></svg>`,
			Fit{Width: 96, Height: 48, MinScale: 8.5 / (14.0 * 96 / 72), ProjectorScale: 14 / (14.0 * 96 / 72)}},
		{`<svg width="150" height="75"><text font-size="6">small already</text></svg>`, Fit{Width: 200, Height: 100, MinScale: 1, ProjectorScale: 14 / 8.0}},
		{`<svg width="72pt" height="72pt"></svg>`, Fit{Width: 96, Height: 96, MinScale: 0, ProjectorScale: 0}},
		{`<svg width="72pt" height="72pt"><text style="font-family:Liberation Serif;font-size:16px">t</text><text style="font-size:13px">x</text></svg>`,
			Fit{Width: 96, Height: 96, MinScale: 8.5 / (13.0 * 96 / 72), ProjectorScale: 14 / (13.0 * 96 / 72)}},
	} {
		got := FitOf([]byte(tc.svg))
		if math.Abs(got.Width-tc.want.Width) > 1e-9 || math.Abs(got.Height-tc.want.Height) > 1e-9 ||
			math.Abs(got.MinScale-tc.want.MinScale) > 1e-12 || math.Abs(got.ProjectorScale-tc.want.ProjectorScale) > 1e-12 {
			t.Errorf("FitOf(%s) = %+v, want %+v", tc.svg, got, tc.want)
		}
	}
}
