package inventory

import (
	"context"
	"os"
	"testing"
	"time"
)

// benchScan reads one generated file of about 150,000 rows (some 23 MB of
// CSV) and reports MB/s (of the file on disk) and rows/s. Ages are counted,
// as the command does.
func benchScan(b *testing.B, name string) {
	dir := b.TempDir()
	path, truth := writeGenerated(b, dir, name, defaultGen(9, 100000))
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	s := defaultSchema(b)
	b.SetBytes(fi.Size())
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Scan(context.Background(), []string{path}, Options{Schema: s, AsOf: time.UnixMilli(genAsOf)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(truth.Rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkScanCSV(b *testing.B)   { benchScan(b, "inv.csv") }
func BenchmarkScanCSVGz(b *testing.B) { benchScan(b, "inv.csv.gz") }

// BenchmarkScanParquet reads the same generated inventory as Parquet
// (Snappy, row groups of 32,768 rows); MB/s is of the Parquet file.
func BenchmarkScanParquet(b *testing.B) {
	_, path, truth := writeGeneratedParquet(b, b.TempDir(), "inv", defaultGen(9, 100000), 32768)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Scan(context.Background(), []string{path}, Options{AsOf: time.UnixMilli(genAsOf)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(truth.Rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
