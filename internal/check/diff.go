package check

import (
	"fmt"
	"slices"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Limit is --fail-above: an amount a month, or a percentage of the monthly
// cost before.
type Limit struct {
	Amount  decimal.Decimal
	Percent bool
}

// Diff prices two versions of a set of workload files and compares them
// dataset by dataset, matching files by Path (the caller makes the paths of
// the two versions comparable, e.g. relative to their directories) and
// datasets by name. Costs
// are monthly averages of the class each dataset is kept in (pinned, or
// the cheapest). With a limit, the run fails when the increase of the sum
// exceeds it.
func Diff(base, head []model.File, sheetFor SheetFor, limit *Limit) (DiffReport, error) {
	before, _, baseInfo, err := Price(base, sheetFor)
	if err != nil {
		return DiffReport{}, err
	}
	after, _, headInfo, err := Price(head, sheetFor)
	if err != nil {
		return DiffReport{}, err
	}
	// Both sides' sheets: BASE may price a dataset in a region HEAD moved.
	var infos []model.PricingInfo
	for _, i := range []model.PricingInfo{headInfo, baseInfo} {
		if i.Sheet != "" {
			infos = append(infos, i)
		}
	}
	r := DiffReport{Currency: "USD", Pricing: mergeInfo(infos), Before: decimal.Zero, After: decimal.Zero}
	type key struct{ path, dataset string }
	old := map[key]*DatasetCost{}
	var order []key
	for i := range before {
		for j := range before[i].Datasets {
			d := &before[i].Datasets[j]
			k := key{d.Path, d.Dataset}
			old[k] = d
			order = append(order, k)
			if !d.Estimate.Priced() {
				r.Unpriced = append(r.Unpriced, leftOutName(d, "before"))
				continue
			}
			r.Before = r.Before.Add(d.Estimate.MonthlyAverage())
		}
	}
	seen := map[key]bool{}
	for i := range after {
		for j := range after[i].Datasets {
			d := &after[i].Datasets[j]
			k := key{d.Path, d.Dataset}
			seen[k] = true
			r.Rows = append(r.Rows, DiffRow{File: d.File, Dataset: d.Dataset, Before: old[k], After: d})
			if !d.Estimate.Priced() {
				r.Unpriced = append(r.Unpriced, leftOutName(d, ""))
				continue
			}
			if b := old[k]; b != nil && !b.Pinned && b.Estimate.Priced() && b.Class != d.Class && slices.Contains(d.LeftOut, b.Class) {
				// The cheapest class before cannot be priced after: the
				// change of class is a price the sheet lacks, not a change
				// of cost, so the dataset's change is unknown and it is left
				// out of both sums.
				r.Unpriced = append(r.Unpriced, fmt.Sprintf("%s/%s (%s, the cheapest before, not priced after)", d.File, d.Dataset, b.Class))
				r.Before = r.Before.Sub(b.Estimate.MonthlyAverage())
				continue
			}
			r.After = r.After.Add(d.Estimate.MonthlyAverage())
		}
	}
	for _, k := range order {
		if !seen[k] {
			r.Rows = append(r.Rows, DiffRow{File: old[k].File, Dataset: k.dataset, Before: old[k]})
		}
	}
	if limit != nil {
		amount := limit.Amount
		r.Limit, r.LimitPercent = &amount, limit.Percent
		increase := r.After.Sub(r.Before)
		allowed := amount
		if limit.Percent {
			allowed = r.Before.Mul(amount).DivRound(hundred, 16)
		}
		// An unpriced dataset makes the increase unknown: fail rather
		// than pass on a zero.
		r.Failed = increase.GreaterThan(allowed) || len(r.Unpriced) > 0
	}
	return r, nil
}

// leftOutName names a dataset left out of the sums and why: "f/logs (not
// priced)", "f/hot (not offered, before)".
func leftOutName(d *DatasetCost, side string) string {
	why := "not priced"
	if d.Estimate.NotOffered {
		why = "not offered"
	}
	if side != "" {
		why += ", " + side
	}
	return d.File + "/" + d.Dataset + " (" + why + ")"
}
