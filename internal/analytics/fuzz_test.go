package analytics

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/workloads"
)

// FuzzParse: reading any bytes as an export never panics and refuses only
// as bad input, in one line; what it accepts gives a reads block that
// decodes in a workload (with and without a lifetime), with by_age shares
// adding up to exactly 1, and JSON.
func FuzzParse(f *testing.F) {
	data, err := os.ReadFile("testdata/small.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data, "", int64(0))
	f.Add(data, "logs", int64(365))
	f.Add([]byte(header+"03-01-2025,c,\"a\nb\",STANDARD,730+,,,1,1,1,,,\n03-01-2025,c,\"a\nb\",STANDARD,ALL,1,1,1,0.000001,1,0.5,30,30\n"), "", int64(20))
	f.Add([]byte(header+"03-01-2025,\"#x\",,STANDARD,ALL,,,0,0,0,,,\n"), "", int64(0))
	f.Add([]byte("\xEF\xBB\xBF"+header+"12-31-9999,c,,GLACIER,ALL,,,99999999999999999999,1,999999999999999999,,,\n"), "", int64(1))
	f.Fuzz(func(t *testing.T, data []byte, configID string, lifetimeDays int64) {
		// The data as a file, and as rows under AWS's header (which
		// random bytes seldom keep whole).
		parseOne(t, data, configID, lifetimeDays)
		parseOne(t, append([]byte(header), data...), configID, lifetimeDays)
	})
}

// parseOne reads data and checks what FuzzParse promises.
func parseOne(t *testing.T, data []byte, configID string, lifetimeDays int64) {
	t.Helper()
	r := NewReader()
	err := r.Read("f.csv", bytes.NewReader(data))
	if err != nil {
		if exit.Code(err) != exit.CodeInput || strings.Contains(err.Error(), "\n") {
			t.Fatalf("error %q (code %d)", err, exit.Code(err))
		}
		return
	}
	opts := Options{ConfigID: configID}
	if lifetimeDays > 0 && lifetimeDays < 3650 {
		opts.Lifetime = day * time.Duration(lifetimeDays)
	}
	for _, class := range []string{"", "GLACIER"} {
		opts.Class = class
		p, err := r.Profile(opts)
		if err != nil {
			if exit.Code(err) != exit.CodeInput || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q (code %d)", err, exit.Code(err))
			}
			continue
		}
		var out bytes.Buffer
		if err := Formats.Render(&out, "yaml", p); err != nil {
			t.Fatal(err)
		}
		doc := "objects: {count: 10, size: 1MiB, from: STANDARD}\n"
		if opts.Lifetime > 0 {
			doc += "lifetime: " + daysText(opts.Lifetime) + "\n"
		}
		w, err := workloads.DecodeFile("w.yaml", []byte(doc+out.String()), workloads.Options{})
		if err != nil {
			t.Fatalf("the block does not decode: %v\n%s", err, out.String())
		}
		sum := decimal.Zero
		for _, b := range w.Datasets[0].Reads.ByAge {
			sum = sum.Add(b.Share)
		}
		if w.Datasets[0].Reads.ByAge != nil && !sum.Equal(decimal.NewFromInt(1)) {
			t.Fatalf("shares add up to %s", sum)
		}
		if !w.Datasets[0].Reads.PerMonth.Equal(p.Reads.PerMonth) {
			t.Fatalf("per_month %s decodes as %s", p.Reads.PerMonth, w.Datasets[0].Reads.PerMonth)
		}
		if err := Formats.Render(&out, "json", p); err != nil {
			t.Fatal(err)
		}
	}
}
