package graph

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// VisibleText is how a label is shown: the label itself, line breaks
// included, except that characters with no picture of their own (control
// and format characters, such as a tab or a right-to-left override) are
// written as Go escapes (\t, \u202e) and bytes that are not UTF-8 as \xff.
func VisibleText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || strconv.IsGraphic(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// dotText writes s, made visible, as the text of a DOT label in double
// quotes, so that Graphviz shows it literally, in a record field or not:
//   - \ { } | < > and " get a backslash: the record syntax and the DOT
//     string syntax give them a meaning;
//   - & becomes &amp;, since Graphviz decodes HTML entities in labels;
//   - a line break becomes \n, Graphviz's centred line break;
//   - a space at the edge of a line or next to another space becomes a
//     no-break space, &#160;: the record parser trims and merges plain
//     spaces (and mishandles escaped ones).
func dotText(s string) string {
	s = VisibleText(s)
	edge := func(c byte) bool { return c == ' ' || c == '\n' }
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '{', '}', '|', '<', '>', '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;")
		case '\n':
			b.WriteString(`\n`)
		case ' ':
			if i == 0 || i == len(s)-1 || edge(s[i-1]) || edge(s[i+1]) {
				b.WriteString("&#160;")
			} else {
				b.WriteByte(' ')
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Number formats x with digits decimals; NaN and infinities show as NaN,
// +Inf and -Inf. A negative number that rounds to zero shows as zero: a
// "-0.0000" reads as a sign error.
func Number(x float64, digits int) string {
	s := strconv.FormatFloat(x, 'f', digits, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s[1:], "0.") == "" {
		return s[1:]
	}
	return s
}
