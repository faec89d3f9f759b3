package pricing

import (
	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Decimal helpers. decimal.Div rounds to a package-global precision, so the
// engine always divides with an explicit one instead.
const divPlaces = 30

// one is a constant in all but name: decimal values are immutable.
var one = decimal.NewFromInt(1)

// bytesToGB converts bytes to binary GB ("1 GB is 2^30 bytes", S3 pricing
// page). 2^-30 has exactly 30 decimal places, so multiplying by it is exact
// and cheaper than dividing.
func bytesToGB(b decimal.Decimal) decimal.Decimal {
	return b.Mul(perGiB)
}

// perGiB is 2^-30 exactly.
var perGiB = decimal.RequireFromString("0.000000000931322574615478515625")

// inMonths expresses a duration in 730-hour months.
func inMonths(ns int64) decimal.Decimal {
	return decimal.NewFromInt(ns).DivRound(decimal.NewFromInt(int64(model.Month)), divPlaces)
}

// timeline is the class-independent part of the cohort simulation. The
// month-0 stock is one cohort and each month's uploads another; a cohort
// arrives at the start of its month and leaves Lifetime later. Because every
// cohort arrives on a month boundary, the share of a month a cohort is
// present depends only on its age in whole months, so the engine works with
// object-months per month, split by age where Intelligent-Tiering needs it.
type timeline struct {
	months int
	stock  decimal.Decimal // objects at month 0
	upload decimal.Decimal // objects arriving each month

	kept           bool
	lifetimeMonths decimal.Decimal // Lifetime in months when !kept

	// objectMonths[m]: object-months present in month m (all cohorts).
	objectMonths []decimal.Decimal
	// Object-months in month m of objects aged 0, 1-2 and 3+ whole months.
	age0, age1to2, age3plus []decimal.Decimal
	// departures[m]: objects deleted at the end of their lifetime in month m.
	departures []decimal.Decimal
}

func newTimeline(w model.Workload) *timeline {
	n := w.Months
	t := &timeline{
		months: n, stock: w.Objects.Count, upload: w.UploadsPerMonth,
		kept:         w.Lifetime <= 0,
		objectMonths: make([]decimal.Decimal, n),
		age0:         make([]decimal.Decimal, n),
		age1to2:      make([]decimal.Decimal, n),
		age3plus:     make([]decimal.Decimal, n),
		departures:   make([]decimal.Decimal, n),
	}
	// present[k]: share of the month a cohort aged k months is present,
	// min(1, max(0, L - k)) with L the lifetime in months.
	present := make([]decimal.Decimal, n)
	departAge := -1 // the age (in months) in which a cohort leaves
	if t.kept {
		for k := range present {
			present[k] = one
		}
	} else {
		t.lifetimeMonths = inMonths(int64(w.Lifetime))
		for k := range present {
			present[k] = decimal.Max(decimal.Zero, decimal.Min(one, t.lifetimeMonths.Sub(decimal.NewFromInt(int64(k)))))
		}
		// The last month with any presence: ceil(L) - 1.
		departAge = int(t.lifetimeMonths.Ceil().IntPart()) - 1
	}
	// Running sums of presence over ages 0..k give the uploads' object-months
	// (upload x sum) without a loop over cohorts.
	cum := decimal.Zero
	cumTo2 := decimal.Zero
	for m := 0; m < n; m++ {
		cum = cum.Add(present[m])
		if m <= 2 {
			cumTo2 = cum
		}
		stockPresent := t.stock.Mul(present[m])
		t.objectMonths[m] = stockPresent.Add(t.upload.Mul(cum))
		t.age0[m] = t.upload.Mul(present[0])
		t.age1to2[m] = t.upload.Mul(cumTo2.Sub(present[0]))
		t.age3plus[m] = t.upload.Mul(cum.Sub(cumTo2))
		switch {
		case m == 0:
			t.age0[m] = t.age0[m].Add(stockPresent)
		case m <= 2:
			t.age1to2[m] = t.age1to2[m].Add(stockPresent)
		default:
			t.age3plus[m] = t.age3plus[m].Add(stockPresent)
		}
		if departAge >= 0 && m >= departAge {
			// Uploads of month m - departAge leave now; the stock leaves in
			// month departAge.
			t.departures[m] = t.upload
			if m == departAge {
				t.departures[m] = t.departures[m].Add(t.stock)
			}
		} else {
			t.departures[m] = decimal.Zero
		}
	}
	return t
}
