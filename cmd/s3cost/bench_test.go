package main

import (
	"context"
	"io"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/pricing"
	"github.com/s3cost/s3cost/workloads"
)

// exampleFiles lists the shipped examples (name -> contents).
func exampleFiles(b *testing.B) map[string][]byte {
	b.Helper()
	fsys := workloads.ExampleFS()
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil || len(names) == 0 {
		// The embed may be rooted at examples/.
		names, err = fs.Glob(fsys, "examples/*.yaml")
	}
	if err != nil || len(names) == 0 {
		b.Fatalf("no examples: %v", err)
	}
	out := map[string][]byte{}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			b.Fatal(err)
		}
		out[strings.TrimSuffix(path.Base(n), ".yaml")] = data
	}
	return out
}

// BenchmarkEngine times pricing.Compare alone (all eight classes) on each
// example: the target is under 5 ms.
func BenchmarkEngine(b *testing.B) {
	sheets, err := pricing.Load(pricing.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	for name, data := range exampleFiles(b) {
		f, err := workloads.DecodeFile(name+".yaml", data, workloads.Options{KnownRegions: sheets.Regions()})
		if err != nil {
			b.Fatal(err)
		}
		sheet, err := sheets.Region(f.Datasets[0].Region)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				for _, w := range f.Datasets {
					pricing.Compare(w, sheet)
				}
			}
		})
	}
}

// BenchmarkCommand times the whole `s3cost compare FILE` in-process: config,
// loading the embedded sheets, decoding, the engine and the table.
func BenchmarkCommand(b *testing.B) {
	dir := b.TempDir()
	for name, data := range exampleFiles(b) {
		file := path.Join(dir, name+".yaml")
		if err := writeFile(file, data); err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				app := &App{
					Out: io.Discard, Err: io.Discard, In: strings.NewReader(""),
					Getenv:     func(string) string { return "" },
					LoadSheets: func() (*pricing.Sheets, error) { return pricing.Load(pricing.Embedded()) },
				}
				if code := app.Run(context.Background(), []string{"compare", file}); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

// BenchmarkCompareAllRegions: `compare --region all` in process, every
// embedded sheet parsed and every class priced in each (issue target: the
// whole process under 300 ms).
func BenchmarkCompareAllRegions(b *testing.B) {
	dir := b.TempDir()
	data := exampleFiles(b)["product-images"]
	file := path.Join(dir, "product-images.yaml")
	if err := writeFile(file, data); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		app := &App{
			Out: io.Discard, Err: io.Discard, In: strings.NewReader(""),
			Getenv:     func(string) string { return "" },
			LoadSheets: func() (*pricing.Sheets, error) { return pricing.Load(pricing.Embedded()) },
		}
		if code := app.Run(context.Background(), []string{"compare", file, "--region", "all"}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
