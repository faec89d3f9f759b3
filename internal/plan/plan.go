// Package plan searches lifecycle rules for the cheapest one that meets a
// workload's requirements (`s3cost plan`): every waterfall path of up to
// three transitions, on a grid of ages, priced by the same engine as
// `compare`, beside every single class (a rule without transitions).
// docs/plan.md walks through it; docs/cost-rules.md, "Lifecycle rules",
// has the pricing rules.
package plan

import (
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
)

// DefaultGrid is the ages transitions are tried at: 30, 45, 60, 90, 120,
// 150, 180, 270, 365, 545 and 730 days. Ages at or past the lifetime are
// left out: objects expire first (the lifetime is every rule's
// expiration).
func DefaultGrid(lifetime time.Duration) []time.Duration {
	var grid []time.Duration
	for _, days := range []int{30, 45, 60, 90, 120, 150, 180, 270, 365, 545, 730} {
		grid = append(grid, time.Duration(days)*model.Day)
	}
	if lifetime > 0 {
		grid = slices.DeleteFunc(grid, func(d time.Duration) bool { return d >= lifetime })
	}
	return grid
}

// Targets are the classes a rule starting in STANDARD can move objects
// to, in waterfall order: every class but STANDARD and EXPRESS_ONEZONE
// (no lifecycle transitions into directory buckets), limited to the
// workload's candidate classes when it names some.
func Targets(w model.Workload) []model.ClassID {
	var out []model.ClassID
	for _, c := range model.Catalog() {
		if c.ID == model.Standard || c.DirectoryBucket || c.LifecycleRank == 0 {
			continue
		}
		if len(w.Classes) > 0 && !slices.Contains(w.Classes, c.ID) {
			continue
		}
		out = append(out, c.ID)
	}
	sort.SliceStable(out, func(i, j int) bool {
		ci, _ := model.LookupClass(out[i])
		cj, _ := model.LookupClass(out[j])
		return ci.LifecycleRank < cj.LifecycleRank
	})
	return out
}

// Candidates are the valid rules starting in STANDARD with 1 to
// maxTransitions transitions: each a path down the waterfall (targets in
// order) with strictly increasing ages from grid, kept when AWS allows it
// (model.Lifecycle.Validate with the workload's lifetime).
func Candidates(w model.Workload, grid []time.Duration, maxTransitions int) []model.Lifecycle {
	targets := Targets(w)
	var out []model.Lifecycle
	var steps []model.Transition
	var walk func(nextTarget, nextAge int)
	walk = func(nextTarget, nextAge int) {
		if len(steps) > 0 {
			rule := model.Lifecycle{Start: model.Standard, Transitions: slices.Clone(steps)}
			if rule.Validate(w.Lifetime) == nil {
				out = append(out, rule)
			}
		}
		if len(steps) == maxTransitions {
			return
		}
		for ti := nextTarget; ti < len(targets); ti++ {
			for ai := nextAge; ai < len(grid); ai++ {
				steps = append(steps, model.Transition{After: grid[ai], Class: targets[ti]})
				walk(ti+1, ai+1)
				steps = steps[:len(steps)-1]
			}
		}
	}
	walk(0, 0)
	return out
}

// Options are the search's settings.
type Options struct {
	Grid           []time.Duration
	MaxTransitions int
}

// Candidate is one thing the search priced: a rule, or a single class (a
// rule without transitions).
type Candidate struct {
	// Name is the class, or the rule's readable form.
	Name string
	// Rule is nil for a single class.
	Rule *model.Lifecycle
	// Given: the workload's own rule (its lifecycle key, --lifecycle).
	Given      bool
	Monthly    []decimal.Decimal
	Total      decimal.Decimal
	Eligible   bool
	Priced     bool
	Violations []string
}

// MonthlyAverage is the total over the months, to 12 places as
// model.Estimate.MonthlyAverage, so that it is compare's figure to the
// digit.
func (c Candidate) MonthlyAverage() decimal.Decimal {
	if len(c.Monthly) == 0 {
		return decimal.Zero
	}
	return c.Total.DivRound(decimal.NewFromInt(int64(len(c.Monthly))), 12)
}

// Result is a ranked search. Standard and BestClass are what savings are
// measured against (nil when not priced, or no class is eligible).
type Result struct {
	Workload, Region string
	Months           int
	Pricing          model.PricingInfo
	Lifetime         time.Duration
	Candidates       []Candidate
	// Rules is how many rules with transitions were priced; Grid the ages
	// tried; MaxTransitions the most transitions a rule had.
	Rules          int
	Grid           []time.Duration
	MaxTransitions int
	Standard       *Candidate
	BestClass      *Candidate
	// Notes are the assumptions of the workload as a whole, as compare
	// states them.
	Notes []string
}

// Best is the cheapest eligible candidate, if any.
func (r Result) Best() (Candidate, bool) {
	if len(r.Candidates) > 0 && r.Candidates[0].Eligible {
		return r.Candidates[0], true
	}
	return Candidate{}, false
}

// Search prices every candidate rule (Planner.Quote: the figures of
// compare, from cached stages) and every single class, and ranks them as
// compare ranks classes: eligible by total, then the rest; among equal
// totals the simpler rule first.
func Search(w model.Workload, s *pricing.Sheet, opts Options) Result {
	if opts.Grid == nil {
		opts.Grid = DefaultGrid(w.Lifetime)
	}
	if opts.MaxTransitions == 0 {
		opts.MaxTransitions = 3
	}
	// An age no object reaches within the horizon makes a transition that
	// never happens: rules with one would tie with shorter ones.
	if oldest, bounded := oldestAge(w); bounded {
		opts.Grid = slices.DeleteFunc(slices.Clone(opts.Grid), func(d time.Duration) bool { return d >= oldest })
	}
	rules := Candidates(w, opts.Grid, opts.MaxTransitions)
	single := w
	single.Lifecycles = nil
	c := pricing.Compare(single, s)
	res := Result{Workload: c.Workload, Region: c.Region, Months: c.Months, Pricing: c.Pricing, Lifetime: w.Lifetime,
		Rules: len(rules), Grid: opts.Grid, MaxTransitions: opts.MaxTransitions, Notes: c.Notes}
	for _, e := range c.Results {
		res.Candidates = append(res.Candidates, Candidate{Name: string(e.Class), Monthly: e.Monthly, Total: e.Total,
			Eligible: e.Eligible, Priced: e.Priced(), Violations: e.Violations})
	}

	planner := pricing.NewPlanner(single, s)
	all := append(slices.Clone(w.Lifecycles), rules...)
	quotes := make([]pricing.Quote, len(all))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				quotes[i] = planner.Quote(all[i])
			}
		}()
	}
	for i := range all {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, q := range quotes {
		rule := all[i]
		res.Candidates = append(res.Candidates, Candidate{Name: q.Name, Rule: &rule, Given: i < len(w.Lifecycles),
			Monthly: q.Monthly, Total: q.Total, Eligible: q.Eligible, Priced: q.Priced, Violations: q.Violations})
	}
	rank(res.Candidates)
	for i, cand := range res.Candidates {
		if cand.Rule == nil && cand.Name == string(model.Standard) && cand.Priced {
			res.Standard = &res.Candidates[i]
		}
		if cand.Rule == nil && cand.Eligible && res.BestClass == nil {
			res.BestClass = &res.Candidates[i]
		}
	}
	return res
}

// rank orders candidates: eligible by total, then priced ineligible ones,
// then the rest; equal totals put fewer transitions (a single class first)
// and then the name first, so the order is stable.
func rank(all []Candidate) {
	group := func(c Candidate) int {
		switch {
		case c.Eligible:
			return 0
		case c.Priced:
			return 1
		}
		return 2
	}
	steps := func(c Candidate) int {
		if c.Rule == nil {
			return 0
		}
		return len(c.Rule.Transitions)
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if ga, gb := group(a), group(b); ga != gb {
			return ga < gb
		}
		if !a.Total.Equal(b.Total) {
			return a.Total.LessThan(b.Total)
		}
		if sa, sb := steps(a), steps(b); sa != sb {
			return sa < sb
		}
		return a.Name < b.Name
	})
}

// oldestAge is the age the oldest object reaches by the end of the horizon:
// the stock's oldest age at month 0 (0 without objects.ages) plus the
// horizon. bounded is false when the stock's last age band is open-ended
// (forever, with objects kept).
func oldestAge(w model.Workload) (time.Duration, bool) {
	horizon := time.Duration(w.Months) * model.Month
	if len(w.Objects.Ages) == 0 {
		return horizon, true
	}
	last := w.Objects.Ages[len(w.Objects.Ages)-1].Until
	if last == 0 {
		if w.Lifetime <= 0 {
			return 0, false
		}
		last = w.Lifetime
	}
	return last + horizon, true
}
