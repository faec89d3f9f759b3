package whatif

import (
	"strings"
	"testing"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

func TestShortMoney(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"9999.994", "$9,999.99"},      // under $10,000: cents, as Money
		{"10000", "$10.0K"},            // 10,000 / 1,000
		{"214442.17", "$214.4K"},       // 214.44217 -> 214.4
		{"99950", "$100.0K"},           // 99.95 rounds half away from zero
		{"999990", "$1.0M"},            // 999.99 K rounds to 1,000.0: a million
		{"600001073.01", "$600.0M"},    // 600.001... -> 600.0
		{"50150117.63", "$50.2M"},      // 50.15... -> 50.2
		{"1250000000", "$1.3B"},        // 1.25 -> 1.3
		{"-214442.17", "-$214.4K"},     // a negative amount keeps its sign
		{"100000000000000", "$100.0T"}, // 1e14 / 1e12
	} {
		if got := shortMoney(decimal.RequireFromString(c.in)); got != c.want {
			t.Errorf("shortMoney(%s) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := wholeDollars(decimal.RequireFromString("600001073.51")); got != "$600,001,074" {
		t.Errorf("wholeDollars = %q", got)
	}
}

// A sweep of eight classes with amounts in the hundreds of millions fits
// 120 columns: amounts are shortened, and the table says so.
func TestSweepTableFitsWithHugeAmounts(t *testing.T) {
	s := Sweep{Path: "reads.per_month", Kind: "number", Workload: "w", Classes: classIDs(),
		Pricing: model.PricingInfo{Sheet: "aws/us-east-1", AsOf: "2025-10-22"}}
	for i := 0; i < 5; i++ {
		p := SweepPoint{X: decimal.NewFromInt(int64(i+1) * 25_000_000), Cheapest: model.Standard}
		for range s.Classes {
			p.Monthly = append(p.Monthly, decimal.RequireFromString("600001073.01").Mul(decimal.NewFromInt(int64(i+1))))
			p.Eligible = append(p.Eligible, true)
			p.Priced = append(p.Priced, true)
		}
		s.Points = append(s.Points, p)
	}
	var b strings.Builder
	if err := sweepTable(&b, s); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(b.String(), "\n") {
		if len(l) > 120 {
			t.Errorf("%d bytes: %s", len(l), l)
		}
	}
	if !strings.Contains(b.String(), "$3.0B") || !strings.Contains(b.String(), "to fit 120 columns") {
		t.Errorf("no short amounts or no word of them:\n%s", b.String())
	}
}

func classIDs() []model.ClassID {
	var ids []model.ClassID
	for _, c := range model.Catalog() {
		ids = append(ids, c.ID)
	}
	return ids
}
