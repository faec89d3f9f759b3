package main

import (
	"bytes"
	"io"
	"regexp"
)

// failWord is the verdict word of check and diff reports ("FAIL" in the
// VERDICT column, "FAIL:" on diff's verdict line).
var failWord = regexp.MustCompile(`\bFAIL\b`)

// ansiFail is FAIL in bold red. The escape codes take no columns on a
// terminal, so the table stays aligned.
const ansiFail = "\x1b[1;31mFAIL\x1b[0m"

// renderHighlighted renders to w and, when highlight is set (a table going
// to a terminal that accepts color: App.colorOK), shows every FAIL in bold
// red, so a failed check stands out among the passes. Files, pipes and
// other formats get the plain text.
func renderHighlighted(w io.Writer, highlight bool, render func(io.Writer) error) error {
	if !highlight {
		return render(w)
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	_, err := w.Write(failWord.ReplaceAll(buf.Bytes(), []byte(ansiFail)))
	return err
}
