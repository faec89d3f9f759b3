package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/pricing"
)

// The README shows real output: every fenced block that starts with a
// "$ s3cost ..." line must match what that command prints now. After a
// deliberate change, paste the new output into README.md.
func TestReadmeExamplesAreCurrent(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := 0
	for _, block := range strings.Split(string(readme), "```")[1:] {
		body := strings.TrimPrefix(block, "\n")
		if !strings.HasPrefix(body, "$ s3cost ") {
			continue
		}
		command, shown, _ := strings.Cut(body, "\n")
		args := strings.Fields(strings.TrimPrefix(command, "$ s3cost "))
		for i, a := range args {
			if strings.HasPrefix(a, "workloads/") {
				args[i] = "../../" + a
			}
		}
		blocks++
		var out, errOut bytes.Buffer
		app := &App{
			Out: &out, Err: &errOut, In: strings.NewReader(""),
			Getenv:     func(string) string { return "" },
			LoadSheets: func() (*pricing.Sheets, error) { return pricing.Load(pricing.Embedded()) },
		}
		if code := app.Run(context.Background(), args); code != 0 {
			t.Fatalf("%s: exit %d: %s", command, code, errOut.String())
		}
		if out.String() != shown {
			t.Errorf("README.md output of %q is stale; s3cost now prints:\n%s", command, out.String())
		}
	}
	if blocks < 2 {
		t.Errorf("found %d README examples, want the compare and the encryption ones", blocks)
	}
}
