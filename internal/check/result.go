package check

import (
	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/model"
)

// DatasetCost is one dataset priced in the class it is kept in: the pinned
// class, or else the cheapest eligible one.
type DatasetCost struct {
	File    string // the file's name (name key, or file name)
	Path    string // where the file was read from
	Dataset string
	// Class is the class priced; Pinned says the workload chose it.
	Class  model.ClassID
	Pinned bool
	// Cheapest is the cheapest eligible class ("" when none is eligible),
	// CheapestTotal its total over the horizon.
	Cheapest      model.ClassID
	CheapestTotal decimal.Decimal
	// Estimate is the estimate of Class (Eligible false when it misses a
	// requirement; empty Class when no class could be priced).
	Estimate model.Estimate
	Months   int
	// Budget is the dataset's own budget.
	Budget model.Budget
	// LeftOut are the candidates that could not be priced (or are not
	// offered) though they meet the requirements: the cheapest is chosen
	// without them.
	LeftOut []model.ClassID
	// StockSteady: the dataset's stock was given objects.ages: steady,
	// which overstates month 0 (docs/cost-rules.md, "Ages").
	StockSteady bool
	// StockStored: the month-0 stock is stored already (objects.from), so
	// a lifecycle rule moves the part past a transition's age at month 0.
	StockStored bool
}

// PeakMonth is the dataset's most expensive month.
func (d DatasetCost) PeakMonth() decimal.Decimal { return peak(d.Estimate.Monthly) }

// Unpriced reports whether the price sheet lacks prices the dataset needs
// in its class: its amounts are then meaningless.
func (d DatasetCost) Unpriced() bool { return len(d.Estimate.Unpriced) > 0 }

func peak(months []decimal.Decimal) decimal.Decimal {
	p := decimal.Zero
	for _, m := range months {
		p = decimal.Max(p, m)
	}
	return p
}

// CostSeries is a sum of datasets: month by month and over the horizon.
// Average is the sum of the datasets' monthly averages (horizons may
// differ between files, so it is not Total over the longest horizon).
type CostSeries struct {
	Monthly []decimal.Decimal
	Total   decimal.Decimal
	Average decimal.Decimal
}

// PeakMonth is the most expensive month of the series.
func (s CostSeries) PeakMonth() decimal.Decimal { return peak(s.Monthly) }

// MonthlyAverage is the sum of the monthly averages of what the series sums.
func (s CostSeries) MonthlyAverage() decimal.Decimal { return s.Average }

// CheckKind names what a check compares.
type CheckKind string

// The checks `s3cost check` runs.
const (
	// CheckMonthly: the average month (total / months, the MONTHLY figure
	// of every report) against budget.monthly.
	CheckMonthly CheckKind = "monthly budget"
	// CheckPeakMonth: the most expensive month against budget.peak_month.
	CheckPeakMonth CheckKind = "peak-month budget"
	// CheckTotal: the horizon's total against budget.total.
	CheckTotal CheckKind = "total budget"
	// CheckOverspend: a pinned class's total against the cheapest eligible
	// class's, in percent above it, against --max-overspend.
	CheckOverspend CheckKind = "max overspend"
	// CheckRequirements: the class priced meets the dataset's requirements
	// (Limit and Actual are unused).
	CheckRequirements CheckKind = "requirements"
	// CheckPriced: the region's price sheet has every price the dataset
	// needs in its class; a budget that includes an unpriced dataset cannot
	// be checked and fails too.
	CheckPriced CheckKind = "priced"
)

// Check is one verdict of `s3cost check`.
type Check struct {
	// Scope is what the check is about: "all files", a file's name, or
	// "file/dataset".
	Scope string
	Kind  CheckKind
	// Source says where the limit came from: "--budget", "file", "dataset",
	// "--max-overspend".
	Source string
	// Limit and Actual are in USD, or in percent for CheckOverspend.
	Limit, Actual decimal.Decimal
	Pass          bool
	// Detail explains a failure or a non-numeric check in words.
	Detail string
}

// FileCost is one file's datasets and their sum.
type FileCost struct {
	Name, Path string
	Datasets   []DatasetCost
	Sum        CostSeries
	Budget     model.Budget
}

// CheckReport is the outcome of `s3cost check`.
type CheckReport struct {
	Files    []FileCost
	Overall  CostSeries
	Checks   []Check
	Pricing  model.PricingInfo
	Currency string
	// Notes say what a reader needs to weigh a figure (a dearest month
	// that is an artefact of the model).
	Notes []string
}

// Passed reports whether every check holds.
func (r CheckReport) Passed() bool {
	for _, c := range r.Checks {
		if !c.Pass {
			return false
		}
	}
	return true
}

// Failed lists the checks that do not hold.
func (r CheckReport) Failed() []Check {
	var out []Check
	for _, c := range r.Checks {
		if !c.Pass {
			out = append(out, c)
		}
	}
	return out
}

// DiffRow compares one dataset between two versions of the workloads.
// Before or After is nil when the dataset is new or gone.
type DiffRow struct {
	File, Dataset string
	Before, After *DatasetCost
}

// DiffReport is the outcome of `s3cost diff`.
type DiffReport struct {
	Rows []DiffRow
	// Before and After sum every dataset, as average months.
	Before, After decimal.Decimal
	// Limit is --fail-above (nil when not given), as an amount a month or
	// a percentage; Failed says the increase exceeded it.
	Limit        *decimal.Decimal
	LimitPercent bool
	Failed       bool
	// Unpriced names the datasets (file/dataset) whose class the price
	// sheet cannot price, before or after; the sums leave them out, and a
	// limit then fails: the increase cannot be known.
	Unpriced []string
	Currency string
	Pricing  model.PricingInfo
}
