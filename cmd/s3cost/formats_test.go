package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/analytics"
	"github.com/s3cost/s3cost/internal/check"
	"github.com/s3cost/s3cost/internal/plan"
	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/internal/whatif"
	"github.com/s3cost/s3cost/pricing"
	"github.com/spf13/cobra"
)

// Every command's --format comes from its result's formats: the default,
// the help and the shell completion list exactly those, in order. (explain
// used to complete csv and markdown, compare's formats, which it refuses.)
func TestFormatFlagsFollowTheResultFormats(t *testing.T) {
	want := map[string][]string{
		"compare":      report.ComparisonFormats.Names(),
		"explain":      report.ExplainFormats.Names(),
		"plan":         plan.Formats.Names(),
		"classes":      report.ClassesFormats.Names(),
		"check":        check.CheckFormats.Names(),
		"diff":         check.DiffFormats.Names(),
		"sweep":        whatif.SweepFormats.Names(),
		"breakeven":    whatif.BreakevenFormats.Names(),
		"pricing list": pricing.ListFormats.Names(),
		"pricing show": pricing.ShowFormats.Names(),
		"analytics":    analytics.Formats.Names(),
	}
	app := &App{Getenv: func(string) string { return "" }}
	seen := 0
	for _, c := range allCommands(newRootCmd(app)) {
		f := c.Flags().Lookup("format")
		if f == nil {
			continue
		}
		path := strings.TrimPrefix(c.CommandPath(), "s3cost ")
		names, ok := want[path]
		if !ok {
			t.Errorf("%s has --format but no result formats in this test", path)
			continue
		}
		seen++
		if f.DefValue != names[0] {
			t.Errorf("%s: --format defaults to %q, want %q", path, f.DefValue, names[0])
		}
		if help := "output format: " + strings.Join(names, ", "); f.Usage != help {
			t.Errorf("%s: --format help %q, want %q", path, f.Usage, help)
		}
		if got := complete(t, append(strings.Fields(path), "--format", "")); !slices.Equal(got, names) {
			t.Errorf("%s: --format completes %q, want %q", path, got, names)
		}
	}
	if seen != len(want) {
		t.Errorf("%d commands have --format, want %d", seen, len(want))
	}
}

// complete runs cobra's hidden completion command and returns the
// candidates it prints (the last line is the directive).
func complete(t *testing.T, args []string) []string {
	t.Helper()
	var out, errOut bytes.Buffer
	app := &App{Out: &out, Err: &errOut, In: strings.NewReader(""), Getenv: func(string) string { return "" },
		LoadSheets: func() (*pricing.Sheets, error) { return pricing.Load(pricing.Embedded()) }}
	if code := app.Run(context.Background(), append([]string{"__complete"}, args...)); code != 0 {
		t.Fatalf("__complete %q: exit %d: %s", args, code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	return lines[:len(lines)-1]
}

// allCommands is c and every command below it.
func allCommands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		out = append(out, allCommands(sub)...)
	}
	return out
}

// --dataset completes the dataset names of the file given, on every
// command that has the flag; a file without datasets completes nothing.
func TestDatasetCompletion(t *testing.T) {
	file := "../../workloads/examples/team-buckets.yaml"
	want := []string{"build-artifacts", "app-logs", "db-snapshots"}
	for _, cmd := range []string{"explain", "plan", "sweep", "breakeven"} {
		if got := complete(t, []string{cmd, file, "--dataset", ""}); !slices.Equal(got, want) {
			t.Errorf("%s --dataset completes %q, want %q", cmd, got, want)
		}
	}
	if got := complete(t, []string{"sweep", "../../workloads/examples/db-backups.yaml", "--dataset", ""}); len(got) != 0 {
		t.Errorf("a file without datasets completes %q", got)
	}
}
