// Package check prices workload files dataset by dataset in the class each
// dataset is kept in and holds the results against budgets (`s3cost
// check`), and compares two versions of a set of workload files (`s3cost
// diff`). It uses the pricing engine; rendering is internal/report's job.
package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/shopspring/decimal"
)

// SheetFor returns the price sheet of a region.
type SheetFor func(region string) (*pricing.Sheet, error)

// Options are the limits given on the command line.
type Options struct {
	// Budget applies to the sum of every file (--budget).
	Budget model.Budget
	// MaxOverspend, in percent: a pinned class may cost at most this much
	// more than the cheapest eligible class of its dataset (nil: no check).
	MaxOverspend *decimal.Decimal
}

var hundred = decimal.NewFromInt(100)

// Price prices every dataset of the files in its pinned class, or else the
// cheapest eligible one, and sums them per file and overall.
func Price(files []model.File, sheetFor SheetFor) ([]FileCost, CostSeries, model.PricingInfo, error) {
	fcs, overall, info, _, err := price(files, sheetFor)
	return fcs, overall, info, err
}

// price is Price, with what each dataset left out (see priceDataset), in
// the order of the files and their datasets.
func price(files []model.File, sheetFor SheetFor) ([]FileCost, CostSeries, model.PricingInfo, [][]leftOut, error) {
	var out []FileCost
	var overall CostSeries
	var infos []model.PricingInfo
	var left [][]leftOut
	for _, f := range files {
		fc := FileCost{Name: f.Name, Path: f.Path, Budget: f.Budget}
		var fileLeft []leftOut
		for _, w := range f.Datasets {
			sheet, err := sheetFor(w.Region)
			if err != nil {
				return nil, overall, model.PricingInfo{}, nil, fmt.Errorf("%s: %s: %w", f.Path, w.Name, err)
			}
			if i := sheet.Info(); !slices.Contains(infos, i) {
				infos = append(infos, i)
			}
			dc, lo := priceDataset(f, w, pricing.Compare(w, sheet))
			fc.Datasets = append(fc.Datasets, dc)
			fileLeft = append(fileLeft, lo)
			fc.Sum = add(fc.Sum, dc.Estimate.Monthly)
			fc.Sum.Average = fc.Sum.Average.Add(dc.Estimate.MonthlyAverage())
		}
		overall = add(overall, fc.Sum.Monthly)
		overall.Average = overall.Average.Add(fc.Sum.Average)
		out = append(out, fc)
		left = append(left, fileLeft)
	}
	return out, overall, mergeInfo(infos), left, nil
}

// mergeInfo names every sheet the datasets were priced with: files in two
// regions were labelled with the last one's sheet alone. AsOf is the
// oldest date, as compare --region gives it; a source that differs between
// the sheets is left out (pricing show names each). The discount is the
// same for every sheet: --discount applies to all of them.
func mergeInfo(infos []model.PricingInfo) model.PricingInfo {
	if len(infos) == 0 {
		return model.PricingInfo{}
	}
	out := infos[0]
	var sheets []string
	for _, i := range infos {
		for _, s := range strings.Split(i.Sheet, ", ") { // merged before (diff)
			if !slices.Contains(sheets, s) {
				sheets = append(sheets, s)
			}
		}
		out.AsOf = min(out.AsOf, i.AsOf)
		if i.Source != out.Source {
			out.Source = ""
		}
	}
	slices.Sort(sheets)
	out.Sheet = strings.Join(sheets, ", ")
	return out
}

// leftOut is what a dataset's comparison could not price: the region, and
// the candidates not priced (the sheet lacks a price) or not offered there.
type leftOut struct {
	region  string
	classes []model.Estimate
}

// detail names each class left out and why: "GLACIER not priced (missing:
// classes.GLACIER.storage); EXPRESS_ONEZONE not offered".
func (l leftOut) detail() string {
	parts := make([]string, 0, len(l.classes))
	for _, e := range l.classes {
		if e.NotOffered {
			parts = append(parts, string(e.Class)+" not offered")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s not priced (missing: %s)", e.Class, strings.Join(e.Unpriced, ", ")))
	}
	return strings.Join(parts, "; ")
}

// short is detail without the missing prices, grouped by reason, for a
// check that passes: "not priced: GLACIER, DEEP_ARCHIVE; not offered:
// EXPRESS_ONEZONE".
func (l leftOut) short() string {
	var unpriced, unoffered []string
	for _, e := range l.classes {
		if e.NotOffered {
			unoffered = append(unoffered, string(e.Class))
		} else {
			unpriced = append(unpriced, string(e.Class))
		}
	}
	var parts []string
	if len(unpriced) > 0 {
		parts = append(parts, "not priced: "+strings.Join(unpriced, ", "))
	}
	if len(unoffered) > 0 {
		parts = append(parts, "not offered: "+strings.Join(unoffered, ", "))
	}
	return strings.Join(parts, "; ")
}

// notPricedDetail says why a dataset has no amounts: "GLACIER not priced in
// eu-west-1 (missing: ...)", "EXPRESS_ONEZONE not offered in eu-west-1", or
// for a dataset without a class "no class could be priced in eu-west-1:
// ...".
func notPricedDetail(dc DatasetCost, l leftOut) string {
	e := dc.Estimate
	switch {
	case dc.Class == "":
		return fmt.Sprintf("no class could be priced in %s: %s", l.region, l.detail())
	case e.NotOffered:
		return fmt.Sprintf("%s not offered in %s", dc.Class, l.region)
	}
	return fmt.Sprintf("%s not priced in %s (missing: %s)", dc.Class, l.region, strings.Join(e.Unpriced, ", "))
}

// priceDataset picks the estimate of the class the dataset is kept in, and
// lists the candidates its comparison could not price.
func priceDataset(f model.File, w model.Workload, c model.Comparison) (DatasetCost, leftOut) {
	dc := DatasetCost{File: f.Name, Path: f.Path, Dataset: w.Name, Months: w.Months, Budget: w.Budget, StockSteady: w.Objects.AgesSteady, StockStored: w.Objects.From != "" && w.Objects.Count.IsPositive()}
	left := leftOut{region: c.Region}
	for _, e := range c.Results {
		if e.Eligible && dc.Cheapest == "" {
			dc.Cheapest, dc.CheapestTotal = e.Class, e.Total
		}
		if w.Class != "" && e.Class == w.Class {
			dc.Class, dc.Pinned, dc.Estimate = e.Class, true, e
		}
		if !e.Priced() {
			left.classes = append(left.classes, e)
			if len(e.Requirements) == 0 {
				dc.LeftOut = append(dc.LeftOut, e.Class)
			}
		}
	}
	if !dc.Pinned && dc.Cheapest != "" {
		for _, e := range c.Results {
			if e.Class == dc.Cheapest {
				dc.Class, dc.Estimate = e.Class, e
			}
		}
	}
	if dc.Class == "" {
		// Nothing eligible and nothing pinned: no cost to report.
		dc.Estimate = model.Estimate{Monthly: make([]decimal.Decimal, w.Months), Total: decimal.Zero}
		for i := range dc.Estimate.Monthly {
			dc.Estimate.Monthly[i] = decimal.Zero
		}
		if len(left.classes) > 0 && len(left.classes) == len(c.Results) {
			// Not one candidate could be priced: the dataset is not
			// priced (the pricing check fails), which is not the same as
			// missing a requirement. It is "not offered" only when no
			// candidate is sold in the region.
			dc.Estimate.NotOffered = true
			for _, e := range left.classes {
				dc.Estimate.NotOffered = dc.Estimate.NotOffered && e.NotOffered
				dc.Estimate.Unpriced = appendNew(dc.Estimate.Unpriced, e.Unpriced...)
			}
			dc.Estimate.Violations = []string{notPricedDetail(dc, left)}
		}
	}
	return dc, left
}

// appendNew appends the keys not already in list.
func appendNew(list []string, keys ...string) []string {
	for _, k := range keys {
		if !slices.Contains(list, k) {
			list = append(list, k)
		}
	}
	return list
}

// add sums a monthly series into s (series of different lengths align at
// month 0).
func add(s CostSeries, monthly []decimal.Decimal) CostSeries {
	for len(s.Monthly) < len(monthly) {
		s.Monthly = append(s.Monthly, decimal.Zero)
	}
	for i, m := range monthly {
		s.Monthly[i] = s.Monthly[i].Add(m)
		s.Total = s.Total.Add(m)
	}
	return s
}

// Run prices the files and runs every check: the budgets of the command
// line (on the sum of all files), of each file (on its sum) and of each
// dataset; a pinned class's overspend against the cheapest; and that the
// class priced meets the dataset's requirements.
//
// A monthly budget is held against the average month (the MONTHLY figure
// of every report), a peak_month budget against the most expensive month,
// as a monthly budget alarm would be, and a total budget against the
// horizon's total (docs/ci.md, "What monthly means").
func Run(files []model.File, sheetFor SheetFor, opts Options) (CheckReport, error) {
	fcs, overall, info, left, err := price(files, sheetFor)
	if err != nil {
		return CheckReport{}, err
	}
	r := CheckReport{Files: fcs, Overall: overall, Pricing: info, Currency: "USD", Notes: monthZeroNotes(fcs)}
	var allUnpriced []string
	for _, fc := range fcs {
		allUnpriced = append(allUnpriced, unpricedIn(fc)...)
	}
	r.Checks = append(r.Checks, unknowable(budgetChecks("all files", "--budget", opts.Budget, overall.MonthlyAverage(), overall.PeakMonth(), overall.Total), allUnpriced)...)
	for i, fc := range fcs {
		r.Checks = append(r.Checks, unknowable(budgetChecks(fc.Name, "file", fc.Budget, fc.Sum.MonthlyAverage(), fc.Sum.PeakMonth(), fc.Sum.Total), unpricedIn(fc))...)
		for j, dc := range fc.Datasets {
			scope := fc.Name + "/" + dc.Dataset
			if !dc.Estimate.Priced() {
				// Not a requirement missed: the figures are unknown.
				r.Checks = append(r.Checks, Check{Scope: scope, Kind: CheckPriced, Source: "dataset",
					Detail: notPricedDetail(dc, left[i][j])})
				r.Checks = append(r.Checks, unknowable(budgetChecks(scope, "dataset", dc.Budget, decimal.Zero, decimal.Zero, decimal.Zero), []string{leftOutName(&dc, "")})...)
				continue
			}
			r.Checks = append(r.Checks, budgetChecks(scope, "dataset", dc.Budget, dc.Estimate.MonthlyAverage(), dc.PeakMonth(), dc.Estimate.Total)...)
			r.Checks = append(r.Checks, requirementsCheck(scope, dc, left[i][j]))
			if dc.Pinned && opts.MaxOverspend != nil {
				r.Checks = append(r.Checks, overspendCheck(scope, dc, *opts.MaxOverspend))
			}
		}
	}
	return r, nil
}

// unpricedIn names the datasets of a file that have no amounts and why:
// "team/cold (not priced)", "team/hot (not offered)".
func unpricedIn(fc FileCost) []string {
	var out []string
	for _, dc := range fc.Datasets {
		if !dc.Estimate.Priced() {
			out = append(out, leftOutName(&dc, ""))
		}
	}
	return out
}

// unknowable fails budget checks whose sum includes an unpriced dataset:
// its cost is not known, so neither is whether the budget holds.
func unknowable(checks []Check, unpriced []string) []Check {
	if len(unpriced) == 0 {
		return checks
	}
	for i := range checks {
		checks[i].Pass = false
		checks[i].Detail = "cannot be checked without the cost of " + strings.Join(unpriced, ", ")
	}
	return checks
}

// budgetChecks holds the figures of one scope against its budget: monthly
// against the average month, peak_month against the dearest month, total
// against the horizon's total (docs/ci.md, "What monthly means").
func budgetChecks(scope, source string, b model.Budget, average, peak, total decimal.Decimal) []Check {
	var out []Check
	if b.Monthly != nil {
		out = append(out, Check{Scope: scope, Kind: CheckMonthly, Source: source,
			Limit: *b.Monthly, Actual: average, Pass: average.LessThanOrEqual(*b.Monthly)})
	}
	if b.PeakMonth != nil {
		out = append(out, Check{Scope: scope, Kind: CheckPeakMonth, Source: source,
			Limit: *b.PeakMonth, Actual: peak, Pass: peak.LessThanOrEqual(*b.PeakMonth)})
	}
	if b.Total != nil {
		out = append(out, Check{Scope: scope, Kind: CheckTotal, Source: source,
			Limit: *b.Total, Actual: total, Pass: total.LessThanOrEqual(*b.Total)})
	}
	return out
}

// requirementsCheck: the class priced meets the dataset's requirements.
// Candidates left out (not priced, not offered) are named: with none
// eligible, a left-out class might have met them; with a cheapest class, it
// is the cheapest of the classes priced only.
func requirementsCheck(scope string, dc DatasetCost, left leftOut) Check {
	c := Check{Scope: scope, Kind: CheckRequirements, Source: "dataset", Pass: true}
	switch {
	case dc.Class == "" && len(left.classes) > 0:
		c.Pass = false
		c.Detail = fmt.Sprintf("no class priced in %s meets the requirements; left out: %s", left.region, left.detail())
	case dc.Class == "":
		c.Pass, c.Detail = false, "no class meets the requirements"
	case !dc.Estimate.Eligible:
		c.Pass = false
		c.Detail = fmt.Sprintf("%s misses a requirement: %s", dc.Class, strings.Join(dc.Estimate.Violations, "; "))
	case !dc.Pinned && len(left.classes) > 0:
		c.Detail = fmt.Sprintf("%s meets the requirements (the cheapest of the classes priced; left out in %s: %s)",
			dc.Class, left.region, left.short())
	default:
		c.Detail = fmt.Sprintf("%s meets the requirements", dc.Class)
	}
	return c
}

// overspendCheck: how much more the pinned class costs than the cheapest
// eligible class, in percent of the cheapest: (pinned - cheapest) /
// cheapest x 100.
func overspendCheck(scope string, dc DatasetCost, limit decimal.Decimal) Check {
	c := Check{Scope: scope, Kind: CheckOverspend, Source: "--max-overspend", Limit: limit}
	switch {
	case dc.Cheapest == "":
		c.Pass, c.Detail = true, "no eligible class to compare with"
	case dc.CheapestTotal.IsZero():
		c.Pass = dc.Estimate.Total.IsZero()
		c.Detail = fmt.Sprintf("%s costs nothing", dc.Cheapest)
	default:
		c.Actual = dc.Estimate.Total.Sub(dc.CheapestTotal).Mul(hundred).DivRound(dc.CheapestTotal, 16)
		c.Pass = c.Actual.LessThanOrEqual(limit)
		if dc.Class != dc.Cheapest {
			c.Detail = fmt.Sprintf("%s against the cheapest, %s", dc.Class, dc.Cheapest)
		}
	}
	return c
}

// monthZeroNotes explain a dearest month that is month 0, which a
// peak_month budget is held against: it carries the one-time move of the
// month-0 stock into the class priced (real, and once), and with
// objects.ages: steady about half a month of uploads more than a steady
// month (the stock's ages are spread as if uploads came continuously,
// while month 0's arrive at its start: docs/cost-rules.md, "Ages").
func monthZeroNotes(fcs []FileCost) []string {
	var notes []string
	for _, fc := range fcs {
		for _, dc := range fc.Datasets {
			m, e := dc.Estimate.Monthly, dc.Estimate
			if !e.Priced() || len(m) < 2 || !m[0].GreaterThan(peak(m[1:])) {
				continue
			}
			var why []string
			if e.Move != nil && e.Move.Cost.IsPositive() {
				why = append(why, fmt.Sprintf("the one-time move of the month-0 stock into %s (%s)", e.Class, report.Money(e.Move.Cost)))
			}
			if e.Plan != nil && dc.StockStored {
				why = append(why, "the rule's one-time transitions of the stock already past a transition's age")
			}
			if dc.StockSteady {
				why = append(why, "about half a month of uploads more than the months after it (objects.ages: steady; docs/cost-rules.md, Ages)")
			}
			if len(why) == 0 {
				continue // a bucket that shrinks: nothing to explain
			}
			notes = append(notes, fmt.Sprintf("%s/%s: the dearest month is month 0 (%s): it carries %s; the dearest month after it is %s",
				fc.Name, dc.Dataset, report.Money(m[0]), strings.Join(why, " and "), report.Money(peak(m[1:]))))
		}
	}
	return notes
}
