package analytics

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// writeYear writes an export of a year of daily rows for configs analysis
// configurations (12 age groups and ALL a day each, in AWS's order: by
// age group, then date), as one file holding them all.
func writeYear(tb testing.TB, configs int) (string, int64) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "year.csv")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(header)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for c := range configs {
		for g := 0; g <= len(AgeGroups); g++ {
			age, extra := AllGroup, "1234,12.5"
			if g < len(AgeGroups) {
				age, extra = AgeGroups[g].Name, ","
			}
			for d := range 365 {
				date := start.AddDate(0, 0, d).Format("01-02-2006")
				gets := 100 + (c+d+g)%50
				if g == len(AgeGroups) {
					gets = 13 * 150
				}
				advice := ",0.01,,"
				if g == len(AgeGroups) {
					advice = ",0.0312,30,30"
				}
				fmt.Fprintf(w, "%s,config-%03d,prefix=data/%03d/,STANDARD,%s,%s,%d.%06d,%d.%06d,%d%s\n",
					date, c, c, age, extra, 1000+g*10+d, d*7%1000000, gets, (c*31+d)%1000000, gets, advice)
			}
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	info, _ := f.Stat()
	f.Close()
	return path, info.Size()
}

// BenchmarkYear100Filters reads a year of daily rows of 100 analysis
// configurations (474,500 rows, about 40 MB) and profiles one: the issue
// asks for under a second.
func BenchmarkYear100Filters(b *testing.B) {
	path, size := writeYear(b, 100)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		r := NewReader()
		if err := r.ReadFile(path); err != nil {
			b.Fatal(err)
		}
		p, err := r.Profile(Options{ConfigID: "config-042"})
		if err != nil {
			b.Fatal(err)
		}
		if p.Days != 365 {
			b.Fatalf("%d days", p.Days)
		}
	}
}
