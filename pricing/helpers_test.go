package pricing

import (
	"testing"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// usEast1 loads the embedded us-east-1 sheet.
func usEast1(t testing.TB) *Sheet {
	t.Helper()
	sheets, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	s, err := sheets.Region("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// baseWorkload is one 1 GiB object uploaded at month 0 and kept, for one
// month, with nothing else going on. Tests change what they exercise.
func baseWorkload() model.Workload {
	return model.Workload{
		Name: "test", Region: "us-east-1", Months: 1,
		Objects: model.Objects{
			Count: d("1"),
			Mix:   []model.SizeShare{{Bytes: decimal.NewFromInt(model.GiB), Share: d("1")}},
		},
		Reads: model.Reads{Full: true, Restore: model.RestoreStandard, RestoreDays: d("1")},
	}
}

func mixOf(sizeBytes int64) []model.SizeShare {
	return []model.SizeShare{{Bytes: decimal.NewFromInt(sizeBytes), Share: d("1")}}
}

func estimateFor(t testing.TB, w model.Workload, id model.ClassID) model.Estimate {
	t.Helper()
	e, err := Estimate(w, usEast1(t), id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// cost sums the cost of the lines whose item is exactly item.
func cost(e model.Estimate, item string) decimal.Decimal {
	sum := decimal.Zero
	for _, l := range e.Lines {
		if l.Item == item {
			sum = sum.Add(l.Cost)
		}
	}
	return sum
}

// qty sums the quantity of the lines whose item is exactly item.
func qty(e model.Estimate, item string) decimal.Decimal {
	sum := decimal.Zero
	for _, l := range e.Lines {
		if l.Item == item {
			sum = sum.Add(l.Quantity)
		}
	}
	return sum
}

// near fails unless got is within 1e-18 of want: the engine divides by 730
// (and so by non-terminating decimals) at 30 places.
func near(t testing.TB, what string, got, want decimal.Decimal) {
	t.Helper()
	if got.Sub(want).Abs().GreaterThan(decimal.New(1, -18)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

// exact fails unless got equals want exactly.
func exact(t testing.TB, what string, got, want decimal.Decimal) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %s, want exactly %s", what, got, want)
	}
}

// frac is a/b to 40 places, for expected values with repeating decimals.
func frac(a, b string) decimal.Decimal { return d(a).DivRound(d(b), 40) }
