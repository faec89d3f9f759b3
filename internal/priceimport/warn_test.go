package priceimport

import (
	"strings"
	"testing"
)

// A warning quoting a huge value is cut (issue 15 item 6): a 100,000-digit
// "price" gives a warning of at most maxWarningRunes and a count of what
// was left out.
func TestWarningIsCut(t *testing.T) {
	var w warnList
	price := strings.Repeat("9", 100_000)
	w.add("%s: price %q is not a plain decimal; row skipped", "row 1", price+"x")
	if len(w.list) != 1 {
		t.Fatalf("%d warnings", len(w.list))
	}
	msg := w.list[0]
	// "row 1: price \"" is 14 characters, the rest of the 500 digits; the
	// message is 14 + 100,001 + 37 = 100,052 characters: 99,552 left out.
	want := "row 1: price \"" + strings.Repeat("9", 486) + "... (99552 more characters)"
	if msg != want {
		t.Errorf("warning is %d bytes: %.80q...", len(msg), msg)
	}
}
