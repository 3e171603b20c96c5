package output

import (
	"strings"
	"testing"
)

// TestPictureSize checks how wide a picture may be, and how narrow it may
// be scaled: down to where its smallest text is 8.5 px tall.
func TestPictureSize(t *testing.T) {
	for _, tc := range []struct {
		svg      string
		fullSize bool
		want     string
	}{
		{`<svg width="300pt" height="80pt"><text font-size="14.00">a</text><text font-size="10.00">b</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:400px;min-width:255px;height:auto"`},
		{`<svg width="300pt" height="80pt"><text font-size="14.00">a</text></svg>`, true,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:400px;min-width:400px;height:auto"`},
		{`<svg width="300pt" height="80pt"><text font-size="6.00">tiny</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:400px;min-width:400px;height:auto"`},
		// 2,400 px tall: at most 1,600 px, so 2/3 of the width.
		{`<svg width="300pt" height="1800pt"><text font-size="14.00">a</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:266px;min-width:183px;height:auto"`},
		// 6,400 px tall: text stays 8.5 px tall, the picture taller than 1,600 px.
		{`<svg width="300pt" height="4800pt"><text font-size="14.00">a</text></svg>`, false,
			`width="400" style="display:block;margin:0 auto 0 0;direction:ltr;width:100%;max-width:183px;min-width:183px;height:auto"`},
	} {
		got := Picture{SVG: []byte(tc.svg), Alt: "alt", FullSize: tc.fullSize}.html()
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s (full size %v):\ngot  %s\nwant %s", tc.svg, tc.fullSize, got, tc.want)
		}
	}
}
