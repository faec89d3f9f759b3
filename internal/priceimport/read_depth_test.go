package priceimport

import (
	"errors"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/exit"
)

// A value nested past maxSkipDepth under a key the importer skips is bad
// input, refused before the decoder's per-level state grows without end
// (issue 15, item 4); a shallow one is skipped.
func TestSkipValueDepth(t *testing.T) {
	deep := strings.Repeat("[", maxSkipDepth+1) + strings.Repeat("]", maxSkipDepth+1)
	err := skipValue(newStream(strings.NewReader(deep)))
	if !errors.Is(err, exit.ErrInput) || !strings.Contains(err.Error(), "nested more than 1000 levels") {
		t.Errorf("deep: %v", err)
	}
	shallow := `{"a": [[1, 2], {"b": [3]}]} "next"`
	dec := newStream(strings.NewReader(shallow))
	if err := skipValue(dec); err != nil {
		t.Fatal(err)
	}
	if tok, err := dec.Token(); err != nil || tok != "next" {
		t.Errorf("after the skipped value: %v %v", tok, err)
	}
}
