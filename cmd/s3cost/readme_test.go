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
// deliberate change, `go test ./cmd/s3cost -run Readme -update` rewrites the
// blocks; review the diff.
func TestReadmeExamplesAreCurrent(t *testing.T) {
	const path = "../../README.md"
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(readme), "```")
	blocks := 0
	for i := 1; i < len(parts); i += 2 { // odd parts are inside fences
		body := strings.TrimPrefix(parts[i], "\n")
		if !strings.HasPrefix(body, "$ s3cost ") {
			continue
		}
		command, shown, _ := strings.Cut(body, "\n")
		args := strings.Fields(strings.TrimPrefix(command, "$ s3cost "))
		for j, a := range args {
			if strings.HasPrefix(a, "workloads/") {
				args[j] = "../../" + a
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
		if out.String() == shown {
			continue
		}
		if *update {
			parts[i] = "\n" + command + "\n" + out.String()
			continue
		}
		t.Errorf("README.md output of %q is stale (go test ./cmd/s3cost -run Readme -update rewrites it); s3cost now prints:\n%s", command, out.String())
	}
	if blocks < 2 {
		t.Errorf("found %d README examples, want the compare and the encryption ones", blocks)
	}
	if *update {
		if err := os.WriteFile(path, []byte(strings.Join(parts, "```")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
