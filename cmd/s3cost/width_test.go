package main

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/pricing"
	"github.com/s3cost/s3cost/workloads"
)

// Every shipped example's default compare, check and explain output, and
// classes, pricing, sweep, breakeven and diff, fit 120 columns (plan's
// tables: internal/plan's TestExamplesFit), the width s3cost lays tables out for when it does not write to a
// terminal (issue 14, item 1: the README's own example was 218 wide).
func TestDefaultOutputFits120Columns(t *testing.T) {
	names, err := fs.Glob(workloads.ExampleFS(), "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatal("no examples", err)
	}
	var runs [][]string
	for _, n := range names {
		path := "../../workloads/examples/" + n
		runs = append(runs, []string{"compare", path}, []string{"check", path})
		for _, class := range []string{"STANDARD", "INTELLIGENT_TIERING", "GLACIER"} {
			runs = append(runs, []string{"explain", path, "--class", class, "--dataset", firstDataset(t, n)})
		}
	}
	runs = append(runs, []string{"classes"}, []string{"pricing", "list"}, []string{"pricing", "show", "us-east-1"},
		[]string{"sweep", "../../workloads/examples/product-images.yaml", "--vary", "reads.per_month=1e5..1e8", "--log", "--steps", "4"},
		[]string{"sweep", "../../workloads/examples/media-library.yaml", "--vary", "reads.per_month=1e5..1e8", "--log", "--steps", "4"},
		// Amounts in the hundreds of millions: whole dollars, names broken.
		[]string{"sweep", "../../workloads/examples/db-backups.yaml", "--vary", "reads.per_month=1e5..1e8", "--steps", "5"},
		[]string{"sweep", "../../workloads/examples/compliance-archive.yaml", "--vary", "reads.per_month=1e5..1e8", "--steps", "5"},
		[]string{"breakeven", "../../workloads/examples/cold-objects.yaml", "--vary", "objects.size=16KiB..16MiB", "--log"},
		[]string{"diff", "../../workloads/examples/db-backups.yaml", "../../workloads/examples/compliance-archive.yaml"})
	runs = append(runs, []string{"compare", "../../workloads/examples/product-images.yaml", "--region", "all"},
		// The failed: lines under the checks (132 columns), a lifecycle
		// rule's explain heading (165), and a diff of files whose
		// CLASS and CHEAPEST cells hold rules (162).
		[]string{"check", "../../workloads/examples/team-buckets.yaml", "--max-overspend", "25"},
		// Every example at once: FILE/DATASET merged, details wrapped.
		[]string{"check", "../../workloads/examples", "--budget", "monthly=500", "--max-overspend", "25"},
		[]string{"explain", "../../workloads/examples/full.yaml", "--class", "lifecycle"},
		[]string{"explain", "../../workloads/examples/media-library.yaml", "--class", "lifecycle"},
		[]string{"diff", "../../workloads/examples/media-library.yaml", "../../workloads/examples/full.yaml"})
	for _, args := range runs {
		var out, errOut bytes.Buffer
		app := &App{Out: &out, Err: &errOut, Getenv: func(string) string { return "" },
			LoadSheets: func() (*pricing.Sheets, error) { return pricing.Load(pricing.Embedded()) }}
		if code := app.Run(context.Background(), args); code != 0 && code != 1 && code != 4 {
			t.Errorf("%v: exit %d: %s", args, code, errOut.String())
			continue
		}
		for _, l := range strings.Split(out.String(), "\n") {
			if n := len(l); n > 120 { // bytes: report.TextWidth
				t.Errorf("%v: %d columns: %s", args, n, l)
				break
			}
		}
	}
}

// firstDataset names an example's first dataset (explain needs one).
func firstDataset(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(workloads.ExampleFS(), name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := workloads.DecodeFile(name, data, workloads.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f.Datasets[0].Name
}

// The terminal chart of compare and sweep fits the width tables are laid
// out for off a terminal, 120, counted in bytes as every other output
// (report.TextWidth): its axes were box-drawing characters of three bytes,
// a 72-column plot 216 bytes wide, and its legend one line however many
// classes. (Other widths: internal/chart's TestTextFitsWidth.)
func TestChartFitsWidth(t *testing.T) {
	const examples = "../../workloads/examples/"
	runs := [][]string{
		{"compare", examples + "full.yaml", "--chart"},
		{"compare", examples + "media-library.yaml", "--chart", "--log-y"},
		{"sweep", examples + "product-images.yaml", "--vary", "reads.per_month=1e5..1e9", "--log", "--steps", "5", "--chart"},
		{"sweep", examples + "media-library.yaml", "--vary", "objects.size=16KiB..16MiB", "--log", "--steps", "5", "--chart", "--log-y"},
	}
	for _, args := range runs {
		var out, errOut bytes.Buffer
		app := &App{Out: &out, Err: &errOut, Getenv: func(string) string { return "" },
			LoadSheets: func() (*pricing.Sheets, error) { return pricing.Load(pricing.Embedded()) }}
		if code := app.Run(context.Background(), args); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errOut.String())
			continue
		}
		if !strings.Contains(out.String(), " |") {
			t.Errorf("%v: no chart drawn:\n%s", args, out.String())
		}
		for _, l := range strings.Split(out.String(), "\n") {
			if n := len(l); n > 120 {
				t.Errorf("%v: a line of %d bytes: %s", args, n, l)
			}
		}
	}
}
