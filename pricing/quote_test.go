package pricing

import (
	"testing"
	"time"

	"github.com/s3cost/s3cost/model"
)

// quoteRules are rules over every target class, one to three steps.
func quoteRules(lifetime time.Duration) []model.Lifecycle {
	targets := []model.ClassID{model.StandardIA, model.IntelligentTiering, model.OneZoneIA, model.GlacierIR, model.Glacier, model.DeepArchive}
	ages := []time.Duration{30 * model.Day, 90 * model.Day, 200 * model.Day}
	var out []model.Lifecycle
	for i, a := range targets {
		out = append(out, model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{{After: ages[0], Class: a}}})
		for _, b := range targets[i+1:] {
			out = append(out, model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{{After: ages[0], Class: a}, {After: ages[1], Class: b}}})
			for _, c := range []model.ClassID{model.Glacier, model.DeepArchive} {
				out = append(out, model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{{After: ages[0], Class: a}, {After: ages[1], Class: b}, {After: ages[2], Class: c}}})
			}
		}
	}
	var valid []model.Lifecycle
	for _, r := range out {
		if r.Validate(lifetime) == nil {
			valid = append(valid, r)
		}
	}
	return valid
}

// Quote adds up cached stages; its figures are Rule's, to the last digit,
// month by month, with KMS, a size mix, reads by age, a stock with ages,
// and a stock big enough for STANDARD's 50 TB tier to be crossed (where
// Quote must fall back to pricing in full).
func TestQuoteIsRule(t *testing.T) {
	s := usEast1(t)
	var workloads []model.Workload
	for _, w := range stageVariants() {
		if w.Lifetime != 0 && w.Lifetime < 250*model.Day {
			continue
		}
		w.Reads.ByAge = []model.AgeBand{{Until: 30 * model.Day, Share: d("0.7")}, {Until: 0, Share: d("0.3")}}
		if w.Objects.From != "" {
			w.Objects.Ages = []model.AgeBand{{Until: 180 * model.Day, Share: d("0.5")}, {Until: 0, Share: d("0.5")}}
			if w.Lifetime == 0 {
				w.Objects.Ages[1].Until = 720 * model.Day
			}
		}
		workloads = append(workloads, w)
	}
	big := workloads[0]
	big.Objects.Count = d("90000") // 90,000 GiB: past the 50 TB tier
	workloads = append(workloads, big)
	// A mean size from objects.total that does not end (exact.go): the
	// stages hold bytes times den on both paths.
	total := bigTotal(12)
	total.UploadsPerMonth = d("1000000")
	total.Reads.PerMonth = d("5000000")
	total.Lifetime = 400 * model.Day
	total.Name = "total-over-count"
	workloads = append(workloads, total)
	compared := 0
	for _, w := range workloads {
		p := NewPlanner(w, s)
		for _, r := range quoteRules(w.Lifetime) {
			q, e := p.Quote(r), p.Rule(r)
			compared++
			if q.Priced != e.Priced() || q.Eligible != e.Eligible {
				t.Errorf("%s %s: quote priced %v eligible %v, rule %v %v", w.Name, q.Name, q.Priced, q.Eligible, e.Priced(), e.Eligible)
				continue
			}
			if !q.Priced {
				continue
			}
			if !q.Total.Equal(e.Total) {
				t.Errorf("%s %s: quote %s, rule %s", w.Name, q.Name, q.Total, e.Total)
				continue
			}
			for m := range e.Monthly {
				if !q.Monthly[m].Equal(e.Monthly[m]) {
					t.Errorf("%s %s month %d: quote %s, rule %s", w.Name, q.Name, m, q.Monthly[m], e.Monthly[m])
				}
			}
		}
	}
	if compared < 400 {
		t.Errorf("only %d rules compared", compared)
	}
}
