package check

import (
	"strings"
	"testing"

	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }
func dp(s string) *decimal.Decimal {
	v := d(s)
	return &v
}

func sheets(t *testing.T) SheetFor {
	t.Helper()
	s, err := pricing.Load(pricing.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return s.Region
}

// dataset: count objects of 1 GiB already stored in from, over 2 months,
// kept, never read; candidates classes; pinned class.
func dataset(name string, count string, from, class model.ClassID, classes ...model.ClassID) model.Workload {
	return model.Workload{
		Name: name, Region: "us-east-1", Months: 2,
		Objects: model.Objects{Count: d(count), From: from,
			Mix: []model.SizeShare{{Bytes: decimal.NewFromInt(model.GiB), Share: d("1")}}},
		Reads:   model.Reads{Full: true, Restore: model.RestoreStandard, RestoreDays: d("1")},
		Classes: classes, Class: class, Encryption: model.DefaultEncryption(),
	}
}

func findCheck(r CheckReport, scope string, kind CheckKind) (Check, bool) {
	for _, c := range r.Checks {
		if c.Scope == scope && c.Kind == kind {
			return c, true
		}
	}
	return Check{}, false
}

func equal(t *testing.T, what string, got, want decimal.Decimal) {
	t.Helper()
	if got.Sub(want).Abs().GreaterThan(decimal.New(1, -12)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

// Two datasets over 2 months:
//   - hot: 1,000 GiB kept in STANDARD (pinned), candidates STANDARD and
//     STANDARD_IA: 1,000 x 0.023 = 23.00 a month, 46.00 in all. The
//     cheapest is STANDARD_IA: 1,000 transitions x 0.01/1,000 = 0.01 plus
//     2 x 1,000 x 0.0125 = 25, so 25.01.
//   - cold: 1,000 GiB kept in GLACIER_IR (pinned): 1,000 x 0.004 = 4.00 a
//     month, 8.00 in all.
//
// File sum: 27.00 a month, 54.00 in all.
func twoDatasets() model.File {
	hot := dataset("hot", "1000", model.Standard, model.Standard, model.Standard, model.StandardIA)
	hot.Budget = model.Budget{Monthly: dp("20")}
	cold := dataset("cold", "1000", model.GlacierIR, model.GlacierIR, model.GlacierIR)
	return model.File{Name: "team", Path: "team.yaml", Budget: model.Budget{Monthly: dp("26"), Total: dp("60")},
		Datasets: []model.Workload{hot, cold}}
}

func TestRunBudgets(t *testing.T) {
	r, err := Run([]model.File{twoDatasets()}, sheets(t), Options{Budget: model.Budget{Total: dp("54")}})
	if err != nil {
		t.Fatal(err)
	}
	hot := r.Files[0].Datasets[0]
	if hot.Class != model.Standard || !hot.Pinned || hot.Cheapest != model.StandardIA {
		t.Errorf("hot: class %s pinned %v cheapest %s", hot.Class, hot.Pinned, hot.Cheapest)
	}
	equal(t, "hot total", hot.Estimate.Total, d("46"))
	equal(t, "hot cheapest total", hot.CheapestTotal, d("25.01"))
	equal(t, "file total", r.Files[0].Sum.Total, d("54"))
	equal(t, "file peak", r.Files[0].Sum.PeakMonth(), d("27"))

	expectChecks(t, r, []wantCheck{
		// --budget total 54: the sum is exactly 54, which holds.
		{"all files", CheckTotal, "54", true},
		// The file's monthly 26 against an average month of 27 (both
		// datasets cost the same every month): fails.
		{"team", CheckMonthly, "27", false},
		// The file's total 60 against 54: holds.
		{"team", CheckTotal, "54", true},
		// hot's own monthly 20 against 23: fails.
		{"team/hot", CheckMonthly, "23", false},
	})
	if _, ok := findCheck(r, "team/cold", CheckMonthly); ok {
		t.Error("a dataset without a budget got a budget check")
	}
	if r.Passed() || len(r.Failed()) != 2 {
		t.Errorf("passed=%v, %d failed, want 2", r.Passed(), len(r.Failed()))
	}
}

// A growing dataset, where the average month and the dearest month differ:
// 1,000 objects of 1 GiB already in STANDARD and 1,000 more uploaded at the
// start of each of 2 months (PUT 1,000 x 0.005/1,000 = 0.005 a month).
//   - month 0: 2,000 GiB x 0.023 = 46.00 + 0.005 = 46.005
//   - month 1: 3,000 GiB x 0.023 = 69.00 + 0.005 = 69.005
//
// Total 115.01; the average month (budget.monthly) is 57.505, the dearest
// (budget.peak_month) 69.005. A limit of 60 holds the one and fails the
// other: "monthly" is the average month everywhere (docs/ci.md).
func TestRunMonthlyIsTheAverageMonth(t *testing.T) {
	grow := dataset("grow", "1000", model.Standard, model.Standard, model.Standard)
	grow.UploadsPerMonth = d("1000")
	grow.Budget = model.Budget{Monthly: dp("60"), PeakMonth: dp("60")}
	f := model.File{Name: "f", Path: "f.yaml", Datasets: []model.Workload{grow}}
	r, err := Run([]model.File{f}, sheets(t), Options{Budget: model.Budget{Monthly: dp("57.50"), PeakMonth: dp("69.005")}})
	if err != nil {
		t.Fatal(err)
	}
	expectChecks(t, r, []wantCheck{
		{"f/grow", CheckMonthly, "57.505", true},
		{"f/grow", CheckPeakMonth, "69.005", false},
		{"all files", CheckMonthly, "57.505", false}, // 57.505 > 57.50
		{"all files", CheckPeakMonth, "69.005", true},
	})
}

// wantCheck is a check expected in a report: its actual figure and verdict.
type wantCheck struct {
	scope  string
	kind   CheckKind
	actual string
	pass   bool
}

// expectChecks fails for each wanted check the report lacks, or has with
// another figure or verdict.
func expectChecks(t *testing.T, r CheckReport, want []wantCheck) {
	t.Helper()
	for _, c := range want {
		got, ok := findCheck(r, c.scope, c.kind)
		if !ok {
			t.Errorf("no %s check for %s", c.kind, c.scope)
			continue
		}
		equal(t, c.scope+" "+string(c.kind), got.Actual, d(c.actual))
		if got.Pass != c.pass {
			t.Errorf("%s %s: pass=%v, want %v", c.scope, c.kind, got.Pass, c.pass)
		}
	}
}

// Overspend of hot: (46 - 25.01) / 25.01 x 100 = 2099/25.01 = 83.926429...%.
func TestRunOverspend(t *testing.T) {
	for _, tc := range []struct {
		limit string
		pass  bool
	}{{"50", false}, {"83.9", false}, {"84", true}} {
		r, err := Run([]model.File{twoDatasets()}, sheets(t), Options{MaxOverspend: dp(tc.limit)})
		if err != nil {
			t.Fatal(err)
		}
		c, ok := findCheck(r, "team/hot", CheckOverspend)
		if !ok {
			t.Fatal("no overspend check")
		}
		equal(t, "overspend", c.Actual, d("2099").DivRound(d("25.01"), 20))
		if c.Pass != tc.pass {
			t.Errorf("limit %s%%: pass=%v", tc.limit, c.Pass)
		}
		// cold is pinned to its only candidate: 0% over.
		if c, _ := findCheck(r, "team/cold", CheckOverspend); !c.Pass || !c.Actual.IsZero() {
			t.Errorf("cold overspend %+v", c)
		}
	}
}

func TestRunRequirements(t *testing.T) {
	// Pinned to ONEZONE_IA while three zones are required: fails.
	w := dataset("one-zone", "10", "", model.OneZoneIA)
	w.Require.Zones = 3
	// Nothing can meet a 1 ms first byte while reading: no class at all.
	none := dataset("impossible", "10", "", "", model.Glacier)
	none.Reads.PerMonth = d("1")
	none.Require.FirstByte = 1
	r, err := Run([]model.File{{Name: "f", Datasets: []model.Workload{w, none}}}, sheets(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := findCheck(r, "f/one-zone", CheckRequirements); c.Pass {
		t.Errorf("pinned ineligible class passed: %+v", c)
	}
	c, _ := findCheck(r, "f/impossible", CheckRequirements)
	if c.Pass || c.Detail != "no class meets the requirements" {
		t.Errorf("no eligible class: %+v", c)
	}
	if ds := r.Files[0].Datasets[1]; !ds.Estimate.Total.IsZero() || len(ds.Estimate.Monthly) != 2 {
		t.Errorf("unpriced dataset: %+v", ds.Estimate)
	}
}

// Diff: hot doubles (2,000 GiB: 46.00 a month against 23.00), cold is
// removed (4.00 a month before), new is added (100 GiB in STANDARD: 2.30 a
// month). Before 23 + 4 = 27 a month; after 46 + 2.30 = 48.30; increase
// 21.30, 78.888...% of 27.
func TestDiff(t *testing.T) {
	base := twoDatasets()
	head := twoDatasets()
	head.Datasets[0].Objects.Count = d("2000")
	head.Datasets[1] = dataset("new", "100", model.Standard, model.Standard)
	for _, tc := range []struct {
		limit  *Limit
		failed bool
	}{
		{nil, false},
		{&Limit{Amount: d("21.30")}, false},
		{&Limit{Amount: d("21.29")}, true},
		{&Limit{Amount: d("80"), Percent: true}, false},
		{&Limit{Amount: d("78"), Percent: true}, true},
	} {
		r, err := Diff([]model.File{base}, []model.File{head}, sheets(t), tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "before", r.Before, d("27"))
		equal(t, "after", r.After, d("48.3"))
		if r.Failed != tc.failed {
			t.Errorf("limit %+v: failed=%v", tc.limit, r.Failed)
		}
		if len(r.Rows) != 3 {
			t.Fatalf("%d rows", len(r.Rows))
		}
		hot, added, removed := r.Rows[0], r.Rows[1], r.Rows[2]
		if hot.Dataset != "hot" || hot.Before == nil || hot.After == nil {
			t.Errorf("hot row %+v", hot)
		} else {
			equal(t, "hot before", hot.Before.Estimate.MonthlyAverage(), d("23"))
			equal(t, "hot after", hot.After.Estimate.MonthlyAverage(), d("46"))
		}
		if added.Dataset != "new" || added.Before != nil || removed.Dataset != "cold" || removed.After != nil {
			t.Errorf("added %+v removed %+v", added, removed)
		}
	}
}

// customSheet is a price sheet for eu-west-1 that prices STANDARD storage
// and PUTs (0.02 a GB-month, 0.005 per 1,000) and nothing else, and lists
// EXPRESS_ONEZONE as not offered: every other class is not priced. Built
// here so that no test depends on the embedded sheets' gaps.
func customSheet(t *testing.T) SheetFor {
	t.Helper()
	s, err := pricing.ParseSheet([]byte(`sheet: acme/eu-west-1
region: eu-west-1
currency: USD
as_of: "2026-01-01"
source: test
not_offered: [EXPRESS_ONEZONE]
classes:
  STANDARD:
    storage: [{ price: "0.02" }]
    put_per_1k: "0.005"
`))
	if err != nil {
		t.Fatal(err)
	}
	return func(region string) (*pricing.Sheet, error) { return s, nil }
}

// euDataset is dataset in eu-west-1 (the custom sheet's region).
func euDataset(name string, class model.ClassID, classes ...model.ClassID) model.Workload {
	w := dataset(name, "10", "", class, classes...)
	w.Region = "eu-west-1"
	return w
}

// A dataset whose class the region's sheet cannot price is neither free nor
// within budget: the pricing check fails (not the requirements check),
// every budget over it fails as not checkable, and diff fails a limit
// rather than pass on a zero. The same holds for a class the region does
// not sell, which is said to be not offered.
func TestUnpriced(t *testing.T) {
	unpriced := euDataset("one-zone", model.OneZoneIA)
	express := euDataset("express", model.ExpressOneZone)
	// Not pinned, and no candidate priced: "no class could be priced".
	nothing := euDataset("nothing", "", model.Glacier, model.ExpressOneZone)
	f := model.File{Name: "f", Path: "f.yaml", Budget: model.Budget{Monthly: dp("1000")}, Datasets: []model.Workload{unpriced, express, nothing}}
	r, err := Run([]model.File{f}, customSheet(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for scope, want := range map[string]string{
		// The stock of 10 objects is uploaded at month 0: ONEZONE_IA needs
		// its storage and PUT prices, which the sheet lacks.
		"f/one-zone": "ONEZONE_IA not priced in eu-west-1 (missing: classes.ONEZONE_IA.storage, classes.ONEZONE_IA.put_per_1k)",
		"f/express":  "EXPRESS_ONEZONE not offered in eu-west-1",
		"f/nothing":  "no class could be priced in eu-west-1: GLACIER not priced (missing: classes.GLACIER.storage, classes.GLACIER.put_per_1k); EXPRESS_ONEZONE not offered",
	} {
		if c, ok := findCheck(r, scope, CheckPriced); !ok || c.Pass || c.Detail != want {
			t.Errorf("%s: pricing check %+v\nwant detail %s", scope, c, want)
		}
		if c, ok := findCheck(r, scope, CheckRequirements); ok {
			t.Errorf("%s: a requirements check for a dataset without amounts: %+v", scope, c)
		}
	}
	if c, _ := findCheck(r, "f", CheckMonthly); c.Pass || c.Detail != "cannot be checked without the cost of f/one-zone (not priced), f/express (not offered), f/nothing (not priced)" {
		t.Errorf("a budget over an unpriced dataset: %+v", c)
	}
	if ds := r.Files[0].Datasets[2]; ds.Class != "" || ds.Estimate.Priced() || !ds.Estimate.Total.IsZero() || len(ds.Estimate.Monthly) != 2 {
		t.Errorf("dataset with no class priced: %+v", ds)
	}

	base := f
	base.Datasets = []model.Workload{euDataset("one-zone", model.Standard), euDataset("express", model.Standard)}
	head := f
	head.Datasets = []model.Workload{unpriced, express}
	diff, err := Diff([]model.File{base}, []model.File{head}, customSheet(t), &Limit{Amount: d("1000")})
	if err != nil {
		t.Fatal(err)
	}
	// Before: two datasets of 10 GiB in STANDARD uploaded at month 0 over
	// 2 months: 10 x 0.02 = 0.20 a month of storage, 10 PUTs x 0.005 /
	// 1,000 = 0.00005 once, so (0.40 + 0.00005) / 2 = 0.200025 a month
	// each, 0.40005 for both.
	equal(t, "before", diff.Before, d("0.40005"))
	if !diff.Failed || !diff.After.IsZero() ||
		strings.Join(diff.Unpriced, "; ") != "f/one-zone (not priced); f/express (not offered)" {
		t.Errorf("diff with an unpriced head: failed=%v unpriced=%q after=%s", diff.Failed, diff.Unpriced, diff.After)
	}
}

// The cheapest of the classes priced passes the requirements check, whose
// detail names what was left out; with none priced eligible, it fails and
// names them too (a left-out class might have met the requirements).
func TestRequirementsNameLeftOut(t *testing.T) {
	cheapest := euDataset("cheapest", "", model.Standard, model.OneZoneIA, model.ExpressOneZone)
	slow := euDataset("slow", "", model.Standard, model.Glacier)
	slow.Require.Zones = 4 // more than any class has: STANDARD misses it
	r, err := Run([]model.File{{Name: "f", Datasets: []model.Workload{cheapest, slow}}}, customSheet(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := findCheck(r, "f/cheapest", CheckRequirements)
	if want := "STANDARD meets the requirements (the cheapest of the classes priced; left out in eu-west-1: not priced: ONEZONE_IA; not offered: EXPRESS_ONEZONE)"; !c.Pass || c.Detail != want {
		t.Errorf("cheapest: %+v\nwant %s", c, want)
	}
	c, _ = findCheck(r, "f/slow", CheckRequirements)
	if want := "no class priced in eu-west-1 meets the requirements; left out: GLACIER not priced (missing: classes.GLACIER.storage, classes.GLACIER.put_per_1k)"; c.Pass || c.Detail != want {
		t.Errorf("slow: %+v\nwant %s", c, want)
	}
}

// When the cheapest class before a change cannot be priced after it, the
// change of class is a price the sheet lacks, not a change of cost: diff
// leaves the dataset out of both sums, names why, and a limit fails as not
// checkable instead of on a made-up increase. The sheet prices GLACIER
// fully and DEEP_ARCHIVE without restores: DEEP_ARCHIVE wins while nothing
// is read (0.001 against 0.004 a GB-month), and cannot be priced once a
// read needs a restore.
func TestDiffCheapestNoLongerPriced(t *testing.T) {
	s, err := pricing.ParseSheet([]byte(`sheet: acme/eu-west-1
region: eu-west-1
currency: USD
as_of: "2026-01-01"
source: test
classes:
  STANDARD:
    storage: [{ price: "0.02" }]
  GLACIER:
    storage: [{ price: "0.004" }]
    put_per_1k: "0.03"
    get_per_1k: "0.0004"
    restore:
      standard: { request_per_1k: "0.05", per_gb: "0.01" }
  DEEP_ARCHIVE:
    storage: [{ price: "0.001" }]
    put_per_1k: "0.05"
    get_per_1k: "0.0004"
`))
	if err != nil {
		t.Fatal(err)
	}
	sheetFor := func(string) (*pricing.Sheet, error) { return s, nil }
	w := euDataset("arch", "", model.Glacier, model.DeepArchive)
	base := model.File{Name: "f", Path: "f.yaml", Datasets: []model.Workload{w}}
	w.Reads.PerMonth = d("1")
	head := model.File{Name: "f", Path: "f.yaml", Datasets: []model.Workload{w}}
	for _, limit := range []*Limit{nil, {Amount: d("10"), Percent: true}} {
		r, err := Diff([]model.File{base}, []model.File{head}, sheetFor, limit)
		if err != nil {
			t.Fatal(err)
		}
		if r.Rows[0].Before.Class != model.DeepArchive || r.Rows[0].After.Class != model.Glacier {
			t.Fatalf("classes %s -> %s, want DEEP_ARCHIVE -> GLACIER", r.Rows[0].Before.Class, r.Rows[0].After.Class)
		}
		if strings.Join(r.Unpriced, "; ") != "f/arch (DEEP_ARCHIVE, the cheapest before, not priced after)" {
			t.Errorf("unpriced %q", r.Unpriced)
		}
		equal(t, "before", r.Before, d("0"))
		equal(t, "after", r.After, d("0"))
		if r.Failed != (limit != nil) {
			t.Errorf("limit %v: failed = %v", limit, r.Failed)
		}
	}
}

// Files priced in two regions name both sheets, not the last one read (a
// user review: an eu-west-1 label over a us-east-1 figure); diff names
// both sides' sheets.
func TestPricingNamesEverySheet(t *testing.T) {
	us := dataset("us", "10", model.Standard, model.Standard, model.Standard)
	eu := dataset("eu", "10", model.Standard, model.Standard, model.Standard)
	eu.Region = "eu-west-1"
	files := []model.File{
		{Name: "a", Path: "a.yaml", Datasets: []model.Workload{us}},
		{Name: "b", Path: "b.yaml", Datasets: []model.Workload{eu}},
	}
	r, err := Run(files, sheets(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Pricing.Sheet != "aws/eu-west-1, aws/us-east-1" {
		t.Errorf("check pricing sheet %q, want both", r.Pricing.Sheet)
	}
	d, err := Diff(files[:1], files[1:], sheets(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Pricing.Sheet != "aws/eu-west-1, aws/us-east-1" {
		t.Errorf("diff pricing sheet %q, want both sides'", d.Pricing.Sheet)
	}
}
