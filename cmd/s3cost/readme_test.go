package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/pricing"
)

// The README shows the output of its first example; this keeps it current.
// After a deliberate change, paste the new output into README.md.
func TestReadmeExampleIsCurrent(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const prompt = "$ s3cost compare workloads/examples/product-images.yaml\n"
	_, rest, ok := strings.Cut(string(readme), prompt)
	if !ok {
		t.Fatalf("README.md has no %q block", strings.TrimSpace(prompt))
	}
	shown, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("README.md: example block not closed")
	}
	var out, errOut bytes.Buffer
	app := &App{
		Out: &out, Err: &errOut, In: strings.NewReader(""),
		Getenv:     func(string) string { return "" },
		LoadSheets: func() (*pricing.Sheets, error) { return pricing.Load(pricing.Embedded()) },
	}
	if code := app.Run(context.Background(), []string{"compare", "../../workloads/examples/product-images.yaml"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if out.String() != shown {
		t.Errorf("README.md example output is stale; s3cost now prints:\n%s", out.String())
	}
}
