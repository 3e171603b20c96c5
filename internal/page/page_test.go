package page

import (
	"testing"

	"github.com/gograd/gograd/internal/page/pagetest"
)

// TestScriptIsInert checks that the start of every view's script and the
// data of a view cannot end their <script> element early, or open an HTML
// comment in it.
func TestScriptIsInert(t *testing.T) {
	pagetest.CheckInert(t, "page.js", pageJS)
	js, err := ScriptJSON(map[string]string{"label": "</script><!--<script>alert(1)</script>\u2028&"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"label":"\u003c/script>\u003c!--\u003cscript>alert(1)\u003c/script>\u2028&"}`; string(js) != want {
		t.Errorf("ScriptJSON wrote %s, want %s", js, want)
	}
}
