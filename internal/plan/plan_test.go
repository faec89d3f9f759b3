package plan

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func usEast1(t testing.TB) *pricing.Sheet {
	t.Helper()
	sheets, err := pricing.Load(pricing.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	s, err := sheets.Region("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// archiveLike: a bucket in steady state: 1 MiB and 64 KiB objects, a year's
// life, most reads on young objects. The reads are few enough that cold
// classes pay.
func archiveLike(months int) model.Workload {
	return model.Workload{
		Name: "archive-like", Region: "us-east-1", Months: months,
		Objects: model.Objects{
			Count: d("1200000"),
			Mix:   []model.SizeShare{{Bytes: d("65536"), Share: d("0.2")}, {Bytes: d("1048576"), Share: d("0.8")}},
			From:  model.Standard,
			Ages:  []model.AgeBand{{Until: 365 * model.Day, Share: d("1")}},
		},
		UploadsPerMonth: d("100000"),
		Lifetime:        365 * model.Day,
		Reads: model.Reads{PerMonth: d("200000"), Full: true, Restore: model.RestoreStandard, RestoreDays: d("1"),
			ByAge: []model.AgeBand{{Until: 30 * model.Day, Share: d("0.9")}, {Until: 90 * model.Day, Share: d("0.08")}, {Until: 0, Share: d("0.02")}}},
		Require: model.Requirements{Zones: 3, FirstByteByAge: []model.AgeLimit{{Until: 90 * model.Day, FirstByte: time.Second}, {Until: 0, FirstByte: 12 * time.Hour}}},
	}
}

// The search is complete on its grid: brute force over every sequence of
// up to three (age, class) steps from the grid and every class, with
// repeats and in any order, kept when AWS allows it, finds exactly the
// rules Candidates does.
func TestCandidatesComplete(t *testing.T) {
	w := archiveLike(12)
	grid := []time.Duration{30 * model.Day, 90 * model.Day, 180 * model.Day}
	want := map[string]bool{}
	var classes []model.ClassID
	for _, c := range model.Catalog() {
		classes = append(classes, c.ID)
	}
	var steps []model.Transition
	var brute func()
	brute = func() {
		if len(steps) > 0 {
			r := model.Lifecycle{Start: model.Standard, Transitions: append([]model.Transition(nil), steps...)}
			if r.Validate(w.Lifetime) == nil {
				want[r.Describe(w.Lifetime)] = true
			}
		}
		if len(steps) == 3 {
			return
		}
		for _, age := range grid {
			for _, c := range classes {
				steps = append(steps, model.Transition{After: age, Class: c})
				brute()
				steps = steps[:len(steps)-1]
			}
		}
	}
	brute()
	got := map[string]bool{}
	for _, r := range Candidates(w, grid, 3) {
		name := r.Describe(w.Lifetime)
		if got[name] {
			t.Errorf("%s listed twice", name)
		}
		got[name] = true
	}
	for name := range want {
		if !got[name] {
			t.Errorf("missing: %s", name)
		}
	}
	for name := range got {
		if !want[name] {
			t.Errorf("not a valid rule: %s", name)
		}
	}
	if len(want) < 50 {
		t.Errorf("only %d valid rules on the small grid", len(want))
	}
}

// The best plan is the cheapest of everything priced, and never dearer
// than the best single class (a class is a rule without transitions); its
// figure is what compare gives for the rule.
func TestSearchBest(t *testing.T) {
	w := archiveLike(24)
	s := usEast1(t)
	res := Search(w, s, Options{Grid: []time.Duration{30 * model.Day, 90 * model.Day, 180 * model.Day}})
	best, ok := res.Best()
	if !ok || res.BestClass == nil {
		t.Fatal("nothing eligible")
	}
	if best.Total.GreaterThan(res.BestClass.Total) {
		t.Errorf("best plan %s costs %s, more than the best class %s at %s", best.Name, best.Total, res.BestClass.Name, res.BestClass.Total)
	}
	for _, c := range res.Candidates {
		if c.Eligible && c.Total.LessThan(best.Total) {
			t.Errorf("%s is cheaper (%s) than the best %s (%s)", c.Name, c.Total, best.Name, best.Total)
		}
	}
	if best.Rule == nil {
		t.Fatalf("a single class (%s) beats every rule on this workload", best.Name)
	}
	w.Lifecycles = []model.Lifecycle{*best.Rule}
	found := false
	for _, e := range pricing.Compare(w, s).Results {
		if e.Plan != nil {
			found = true
			if !e.Total.Equal(best.Total) {
				t.Errorf("compare of the rule: %s, the search said %s", e.Total, best.Total)
			}
		}
	}
	if !found {
		t.Error("compare did not price the rule")
	}
}

// BenchmarkSearch: the default grid over a 36-month workload with a size
// mix, reads by age and a stock with ages (issue: at least 2,000 rules in
// under a second).
func BenchmarkSearch(b *testing.B) {
	w := archiveLike(36)
	w.Lifetime = 0 // kept: every grid age is a candidate
	w.Objects.Ages = []model.AgeBand{{Until: 365 * model.Day, Share: d("0.6")}, {Until: 730 * model.Day, Share: d("0.4")}}
	s := usEast1(b)
	n := len(Candidates(w, DefaultGrid(w.Lifetime), 3))
	if n < 2000 {
		b.Fatalf("%d candidate rules, want at least 2,000", n)
	}
	b.ResetTimer()
	for range b.N {
		Search(w, s, Options{})
	}
	b.ReportMetric(float64(n), "rules/op")
}

// Ages no object reaches within the horizon are not searched: a 12-month
// workload of new objects never sees an object a year old, so a transition
// at 365 days or later would never happen (and only tie with the rule
// without it).
func TestSearchSkipsAgesNeverReached(t *testing.T) {
	w := archiveLike(12)
	w.Objects.Ages, w.Objects.From = nil, ""
	w.Lifetime = 0
	res := Search(w, usEast1(t), Options{Grid: []time.Duration{30 * model.Day, 90 * model.Day, 365 * model.Day, 545 * model.Day}})
	if len(res.Grid) != 2 {
		t.Errorf("grid %v, want 30d and 90d", res.Grid)
	}
	for _, g := range res.Grid {
		if g >= 365*model.Day {
			t.Errorf("grid age %s reached by no object in 12 months", model.FormatDuration(g))
		}
	}
	for _, c := range res.Candidates {
		if c.Rule == nil {
			continue
		}
		for _, tr := range c.Rule.Transitions {
			if tr.After >= 365*model.Day {
				t.Errorf("%s searched", c.Name)
			}
		}
	}
	if len(res.Notes) == 0 {
		t.Error("the workload's notes are lost")
	}
}
