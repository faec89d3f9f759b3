package main

import (
	"slices"
	"testing"

	"github.com/s3cost/s3cost/internal/whatif"
	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// A sweep chart draws first (on top, where lines overlap) the class
// cheapest at the most values, then the others by mean cost: in catalogue
// order STANDARD hid a cheaper class's line (a user review).
func TestSweepChartCheapestOnTop(t *testing.T) {
	d := decimal.RequireFromString
	s := whatif.Sweep{Path: "reads.per_month", Kind: "number", Workload: "w",
		Classes: []model.ClassID{model.Standard, model.IntelligentTiering, model.GlacierIR}}
	// Monthly costs per point, in Classes order; GLACIER_IR wins at the
	// first value, INTELLIGENT_TIERING at the other two.
	for i, costs := range [][]string{{"300", "250", "217"}, {"310", "260", "900"}, {"320", "270", "1600"}} {
		p := whatif.SweepPoint{X: decimal.NewFromInt(int64(i + 1)), Cheapest: model.IntelligentTiering}
		if i == 0 {
			p.Cheapest = model.GlacierIR
		}
		for _, c := range costs {
			p.Monthly = append(p.Monthly, d(c))
			p.Eligible = append(p.Eligible, true)
			p.Priced = append(p.Priced, true)
		}
		s.Points = append(s.Points, p)
	}
	var names []string
	for _, sr := range sweepChart(s, false).Series {
		names = append(names, sr.Name)
	}
	// IT wins twice, GLACIER_IR once; STANDARD never (mean 310).
	if want := []string{"INTELLIGENT_TIERING", "GLACIER_IR", "STANDARD"}; !slices.Equal(names, want) {
		t.Errorf("series %q, want %q", names, want)
	}
}
