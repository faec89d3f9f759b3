package main

import (
	"io/fs"
	"testing"

	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/s3cost/s3cost/workloads"
	"github.com/shopspring/decimal"
)

// FuzzCompare feeds decoded workloads to the engine: whatever a valid
// workload file holds, pricing must not panic and every estimate must be
// non-negative, with months, lines and total in agreement. Seeds: the
// shipped examples.
func FuzzCompare(f *testing.F) {
	fsys := workloads.ExampleFS()
	names, _ := fs.Glob(fsys, "*.yaml")
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("objects: {count: 0, size: 1}\nuploads: {per_month: 1e18}\nlifetime: 1ms\nmonths: 3\n"))
	f.Add([]byte("objects: {count: 1, total: 1, from: DEEP_ARCHIVE}\nreads: {per_month: 1e18, restore: expedited, size: 1}\nclasses: [express]\n"))
	sheets, err := pricing.Load(pricing.Embedded())
	if err != nil {
		f.Fatal(err)
	}
	sheet, _ := sheets.Region("us-east-1")
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := workloads.DecodeFile("fuzz.yaml", data, workloads.Options{KnownRegions: sheets.Regions()})
		if err != nil {
			return
		}
		for _, w := range file.Datasets {
			if w.Months > 120 {
				w.Months = 120 // keep each run fast; the horizon's length is not what is fuzzed
			}
			checkEstimates(t, pricing.Compare(w, sheet).Results)
		}
	})
}

func checkEstimates(t *testing.T, results []model.Estimate) {
	for _, e := range results {
		sum := decimal.Zero
		for _, m := range e.Monthly {
			if m.IsNegative() {
				t.Fatalf("%s: negative month %s", e.Class, m)
			}
			sum = sum.Add(m)
		}
		lines := decimal.Zero
		for _, l := range e.Lines {
			lines = lines.Add(l.Cost)
		}
		if !sum.Equal(e.Total) || !lines.Equal(e.Total) {
			t.Fatalf("%s: months %s, lines %s, total %s", e.Class, sum, lines, e.Total)
		}
	}
}
