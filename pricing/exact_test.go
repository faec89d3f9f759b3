package pricing

import (
	"testing"

	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/workloads"
	"github.com/shopspring/decimal"
)

// bigTotal is objects.total 680 TiB over objects.count 44,000,000: a mean
// of 16,992,452.43... bytes that is not a finite decimal (44,000,000 has
// the factor 11), as the decoder gives it: the mean rounded to 16 places in
// Mix, the total exact in TotalBytes.
func bigTotal(months int) model.Workload {
	w := baseWorkload()
	w.Months = months
	total := decimal.NewFromInt(680 * model.TiB)
	count := d("44000000")
	w.Objects = model.Objects{Count: count, TotalBytes: total, TotalCount: count,
		Mix: []model.SizeShare{{Bytes: total.DivRound(count, 16), Share: d("1")}}}
	return w
}

// Quantities come from the total, not count x a rounded mean (issue 14):
// 680 TiB is 696,320 GB every month, exactly.
//
// STANDARD, 12 months: 696,320 GB a month is 51,200 at 0.023 (1,177.60),
// 460,800 at 0.022 (10,137.60) and 184,320 at 0.021 (3,870.72): 15,185.92
// a month, 182,231.04 in all; 44,000 PUT thousands x 0.005 = 220.
// Total 182,451.04.
//
// DEEP_ARCHIVE: 696,320 x 0.00099 x 12 = 8,272.2816; per object 32 KiB at
// 0.00099 (44e6 x 32 / 1,048,576 = 1,342.7734375 GB: 15.9521484375 over
// 12 months) and 8 KiB at 0.023 (335.693359375 GB: 92.6513671875); PUTs
// 44,000 x 0.05 = 2,200. Total 10,580.885115625.
func TestTotalBytesExact(t *testing.T) {
	w := bigTotal(12)
	std := estimateFor(t, w, model.Standard)
	exact(t, "STANDARD storage GB-months", qty(std, "storage"), d("8355840"))
	exact(t, "STANDARD total", std.Total, d("182451.04"))
	deep := estimateFor(t, w, model.DeepArchive)
	exact(t, "DEEP_ARCHIVE storage GB-months", qty(deep, "storage"), d("8355840"))
	exact(t, "DEEP_ARCHIVE total", deep.Total, d("10580.885115625"))

	// Every class that bills plain storage bills the same GB-months.
	for _, id := range []model.ClassID{model.StandardIA, model.OneZoneIA, model.GlacierIR, model.Glacier, model.ExpressOneZone} {
		exact(t, string(id)+" storage GB-months", qty(estimateFor(t, w, id), "storage"), d("8355840"))
	}
}

// A mean that ends keeps the plain path: 1 TiB over 1,024 objects is
// 1 GiB each, den 1.
func TestByteScale(t *testing.T) {
	for _, c := range []struct {
		total, count string
		den          string
	}{
		{"1099511627776", "1024", "1"},           // 1 GiB each
		{"10", "4", "1"},                         // 2.5: ends
		{"10", "3", "3"},                         // 3.33...
		{"747667906887680", "44000000", "34375"}, // 680 x 2^40 / (2^8 x 5^6 x 11): gcd 2^8 x 5
		// Finite, but with more places (20) than the decoder's 16: odd
		// total over 2^20, gcd 1.
		{"1000000000001", "1048576", "1048576"},
	} {
		o := model.Objects{Count: d(c.count), TotalBytes: d(c.total), TotalCount: d(c.count), Mix: []model.SizeShare{{Bytes: d(c.total).DivRound(d(c.count), 16), Share: d("1")}}}
		sc := newByteScale(o)
		if !sc.den.Equal(d(c.den)) {
			t.Errorf("total %s count %s: den %s, want %s", c.total, c.count, sc.den, c.den)
		}
		// The scaled mean over den is the mean: total / count.
		if c.den != "1" && !sc.mean.Mul(d(c.count)).Equal(d(c.total).Mul(sc.den)) {
			t.Errorf("total %s count %s: mean %s / %s is not total / count", c.total, c.count, sc.mean, sc.den)
		}
	}
}

// The scaled path prices what the rounded mean prices, to far below a
// cent: only the residue differs. Over every stage variant whose mean does
// not end, in every class.
func TestTotalBytesAgreesWithRoundedMean(t *testing.T) {
	s := usEast1(t)
	for _, w := range stageVariants() {
		if w.Objects.TotalBytes.IsZero() {
			continue
		}
		rounded := w
		rounded.Objects.TotalBytes = decimal.Zero
		for _, c := range model.Catalog() {
			a, _ := Estimate(w, s, c.ID)
			b, _ := Estimate(rounded, s, c.ID)
			if a.Total.Sub(b.Total).Abs().GreaterThan(decimal.New(1, -9)) {
				t.Errorf("%s %s: %s from the total, %s from the rounded mean", w.Name, c.ID, a.Total, b.Total)
			}
		}
	}
}

// The exact mean survives a change of Count (a code review found both):
//   - a rule moves only the part of a GLACIER stock young enough for its
//     first stage: 60% of 100,000 objects of 1,000,000,000,000 / 100,000 =
//     10,000,000 bytes, so 6e11 bytes = 558.793544769287109375 GB are
//     restored and copied (it was billed as the whole stock's 1e12 bytes);
//   - a replica holds no stock (Count 0) but the same object size.
func TestExactMeanWhenCountChanges(t *testing.T) {
	src := `version: 1
months: 12
objects: {total: 1000000000000, count: 100000, from: GLACIER,
  ages: [{until: 30d, share: 60%}, {until: 1y, share: 40%}]}
lifetime: 5y
lifecycle: {name: r, start: STANDARD, transitions: [{after: 30d, class: STANDARD_IA}]}
`
	w, err := workloads.Decode("c.yaml", []byte(src), workloads.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := Compare(w, usEast1(t))
	var rule model.Estimate
	for _, e := range c.Results {
		if e.Plan != nil {
			rule = e
		}
	}
	exact(t, "bytes restored to copy the stock in the first stage", qty(rule, "transitions.copy_retrieval"), d("558.793544769287109375"))

	// 1,000,000,000,007 bytes over 120,000 objects, 1,000 uploaded a month
	// and replicated: the replica's storage in month 0 is 1,000 objects of
	// the exact mean, 1,000,000,000,007 / 120 bytes = 8,333,333,333.391...
	// bytes. Rounded to 30 places at most, never the rounded mean's residue
	// (which differs from the 17th decimal of a GB on).
	rep := bigTotal(1)
	rep.Objects = model.Objects{Count: d("120000"), TotalBytes: d("1000000000007"), TotalCount: d("120000"), From: model.Standard,
		Mix: []model.SizeShare{{Bytes: d("1000000000007").DivRound(d("120000"), 16), Share: d("1")}}}
	rep.UploadsPerMonth = d("1000")
	rep.Replication = &model.Replication{To: "us-west-2"}
	e := estimateFor(t, rep, model.Standard)
	want := d("1000000000007").DivRound(d("120").Mul(d("1073741824")), 30)
	if got := qty(e, "replication.storage"); got.Sub(want).Abs().GreaterThan(d("1e-29")) {
		t.Errorf("replica storage %s GB-months, want %s", got, want)
	}
}
