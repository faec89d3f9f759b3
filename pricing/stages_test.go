package pricing

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// stageVariants are workloads that exercise every rule the month loop
// applies: sizes under and over 128 KiB, uploads, lifetimes short and long,
// reads whole and ranged, a stock uploaded or moved, KMS, LISTs, transfer.
func stageVariants() []model.Workload {
	var out []model.Workload
	mixes := [][]model.SizeShare{
		mixOf(model.GiB),
		{{Bytes: d("16384"), Share: d("0.4")}, {Bytes: d("5242880"), Share: d("0.6")}},
		// objects.total 1,000,000,000,007 bytes over the 120,000 objects:
		// a mean that does not end (exact.go's scaled bytes).
		{{Bytes: d("1000000000007").DivRound(d("120000"), 16), Share: d("1")}},
	}
	lifetimes := []time.Duration{0, 10 * model.Day, 35 * model.Day, 100 * model.Day, 400 * model.Day}
	for mi, mix := range mixes {
		for _, life := range lifetimes {
			for _, from := range []model.ClassID{"", model.Standard, model.Glacier} {
				w := baseWorkload()
				w.Name = fmt.Sprintf("mix%d-%s-%s", mi, model.FormatDuration(life), from)
				w.Months = 25
				w.Objects.Count = d("120000")
				w.Objects.Mix = mix
				if mi == 2 {
					w.Objects.TotalBytes, w.Objects.TotalCount = d("1000000000007"), w.Objects.Count
				}
				w.Objects.From = from
				w.UploadsPerMonth = d("30000")
				w.Lifetime = life
				w.Reads.PerMonth = d("45000")
				w.ListsPerMonth = d("1000")
				w.Transfer.InternetBytes = d("107374182400")
				if mi == 1 {
					w.Reads.Full, w.Reads.Bytes = false, d("1048576")
					w.Encryption = model.Encryption{Type: model.SSEKMS, Key: model.AWSManagedKey, Keys: 1, Requesters: 1, BucketKeyReuse: model.DefaultBucketKeyReuse}
				}
				out = append(out, w)
			}
		}
	}
	return out
}

// The stages that price lifecycle rules and age profiles are the whole-life
// engine generalised: a single class priced through them (a rule without
// transitions, every object new at month 0, reads spread evenly) costs
// exactly what the whole-life path says, line by line and month by month.
// That holds for a stock already in the class too: undated, it is taken to
// be old on both paths (no early deletion, Intelligent-Tiering's coldest
// tiers).
func TestStagesMatchWholeLife(t *testing.T) {
	s := usEast1(t)
	compared := 0
	for _, w := range stageVariants() {
		staged := w
		// One band over every age: reads spread evenly, as without one,
		// but through the stages.
		staged.Reads.ByAge = []model.AgeBand{{Until: 0, Share: d("1")}}
		tl, mix := newTimeline(w), newMixFacts(w)
		for _, c := range model.Catalog() {
			whole, _ := estimateUsing(w, s, c, tl, mix)
			got, _ := estimateUsing(staged, s, c, tl, mix)
			compared++
			if !got.Total.Equal(whole.Total) {
				t.Errorf("%s %s: staged total %s, whole-life %s", w.Name, c.ID, got.Total, whole.Total)
				continue
			}
			for m := range whole.Monthly {
				if !got.Monthly[m].Equal(whole.Monthly[m]) {
					t.Errorf("%s %s month %d: staged %s, whole-life %s", w.Name, c.ID, m, got.Monthly[m], whole.Monthly[m])
				}
			}
			if !slices.EqualFunc(got.Lines, whole.Lines, func(a, b model.Line) bool {
				return a.Item == b.Item && a.Quantity.Equal(b.Quantity) && a.Price.Equal(b.Price)
			}) {
				t.Errorf("%s %s: lines differ:\n%v\n%v", w.Name, c.ID, got.Lines, whole.Lines)
			}
		}
	}
	if compared < 240 {
		t.Errorf("only %d estimates compared", compared)
	}
}

var _ = decimal.Zero
