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
// The stock is kept apart from the uploads because some rules treat it
// differently when it is already stored in the class being priced.
type timeline struct {
	months int
	stock  decimal.Decimal // objects at month 0
	upload decimal.Decimal // objects arriving each month

	kept           bool
	lifetimeMonths decimal.Decimal // Lifetime in months when !kept

	// objectMonths[m]: object-months present in month m (all cohorts);
	// stockMonths[m]: the stock's share of them.
	objectMonths, stockMonths []decimal.Decimal
	// Object-months in month m of uploads aged 0, 1-2 and 3+ whole months.
	upAge0, upAge1to2, upAge3plus []decimal.Decimal
	// upDepartures[m]: uploaded objects deleted, at the end of their
	// lifetime, in month m; the stock leaves in month stockDeparts (-1: not
	// within the horizon).
	upDepartures []decimal.Decimal
	stockDeparts int
	// stored[m] is the share of month m during which anything is stored:
	// reads happen only then.
	stored []decimal.Decimal
}

func newTimeline(w model.Workload) *timeline {
	n := w.Months
	t := &timeline{
		months: n, stock: w.Objects.Count, upload: w.UploadsPerMonth,
		kept:         w.Lifetime <= 0,
		objectMonths: make([]decimal.Decimal, n),
		stockMonths:  make([]decimal.Decimal, n),
		upAge0:       make([]decimal.Decimal, n),
		upAge1to2:    make([]decimal.Decimal, n),
		upAge3plus:   make([]decimal.Decimal, n),
		upDepartures: make([]decimal.Decimal, n),
		stockDeparts: -1,
		stored:       make([]decimal.Decimal, n),
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
		// An object leaving at time L (in months after its arrival) leaves
		// in month floor(L) of its life: one that leaves exactly at a month
		// boundary leaves in the month that starts there, so a cohort
		// leaving at the very end of the horizon leaves outside it.
		departAge = int(t.lifetimeMonths.Floor().IntPart())
		if departAge < n {
			t.stockDeparts = departAge
		}
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
		t.stockMonths[m] = t.stock.Mul(present[m])
		t.objectMonths[m] = t.stockMonths[m].Add(t.upload.Mul(cum))
		t.upAge0[m] = t.upload.Mul(present[0])
		t.upAge1to2[m] = t.upload.Mul(cumTo2.Sub(present[0]))
		t.upAge3plus[m] = t.upload.Mul(cum.Sub(cumTo2))
		// The newest cohort stays longest within a month: the month's own
		// uploads if there are any, else the stock.
		t.stored[m] = decimal.Zero
		if t.stock.IsPositive() {
			t.stored[m] = present[m]
		}
		if t.upload.IsPositive() {
			t.stored[m] = decimal.Max(t.stored[m], present[0])
		}
		t.upDepartures[m] = decimal.Zero
		if departAge >= 0 && m >= departAge {
			// The uploads of month m - departAge leave now.
			t.upDepartures[m] = t.upload
		}
	}
	return t
}

// departures is the number of objects leaving in month m, counting the
// stock only when stockCounts.
func (t *timeline) departures(m int, stockCounts bool) decimal.Decimal {
	if stockCounts && m == t.stockDeparts {
		return t.upDepartures[m].Add(t.stock)
	}
	return t.upDepartures[m]
}

// ages splits month m's object-months by age (0, 1-2, 3+ whole months).
// stockIsOld places the stock among the oldest objects whatever month it is,
// for a stock that has sat in the class long before month 0.
func (t *timeline) ages(m int, stockIsOld bool) (age0, age1to2, age3plus decimal.Decimal) {
	age0, age1to2, age3plus = t.upAge0[m], t.upAge1to2[m], t.upAge3plus[m]
	switch {
	case stockIsOld || m >= 3:
		age3plus = age3plus.Add(t.stockMonths[m])
	case m == 0:
		age0 = age0.Add(t.stockMonths[m])
	default:
		age1to2 = age1to2.Add(t.stockMonths[m])
	}
	return age0, age1to2, age3plus
}
