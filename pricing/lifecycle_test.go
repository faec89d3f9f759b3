package pricing

import (
	"strings"
	"testing"
	"time"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// 73 days are 1,752 hours: exactly 2.4 of AWS's 730-hour months, so a rule
// on multiples of 73 days has exact stage lengths.
const d73 = 73 * model.Day

func ruleIAThenGlacier() model.Lifecycle {
	return model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{
		{After: d73, Class: model.StandardIA}, {After: 2 * d73, Class: model.Glacier}}}
}

// uploadsOnly: 1,000 objects of 1 GiB uploaded every month, each deleted
// after 365 days (12 months exactly), for 24 months.
func uploadsOnly() model.Workload {
	w := baseWorkload()
	w.Months = 24
	w.Objects.Count = d("0")
	w.UploadsPerMonth = d("1000")
	w.Lifetime = 365 * model.Day
	return w
}

func planEstimate(t *testing.T, w model.Workload, plan model.Lifecycle) model.Estimate {
	t.Helper()
	if err := plan.Validate(w.Lifetime); err != nil {
		t.Fatal(err)
	}
	w.Lifecycles = []model.Lifecycle{plan}
	c := Compare(w, usEast1(t))
	for _, e := range c.Results {
		if e.Plan != nil {
			return e
		}
	}
	t.Fatal("no rule among the results")
	return model.Estimate{}
}

// A steady state worked by hand. From month 12 on, the 12 cohorts alive
// (ages 0 to 11 months at the month's start) fill each stage for its
// length: STANDARD ages [0, 2.4) -> 2.4 cohort-months, STANDARD_IA
// [2.4, 4.8) -> 2.4, GLACIER [4.8, 12) -> 7.2; one cohort a month reaches
// each transition. us-east-1 prices, 1,000 objects of 1 GiB a cohort:
//
//	STANDARD     2,400 GB-Mo x 0.023                      = 55.2
//	STANDARD_IA  2,400 GB-Mo x 0.0125                     = 30
//	GLACIER      7,200 GB-Mo x 0.0036                     = 25.92
//	  overhead   7,200 x 32 KiB = 0.2197265625 GB x 0.0036  = 0.000791015625
//	             7,200 x 8 KiB = 0.054931640625 GB x 0.023  = 0.001263427734375
//	PUT          1 x 0.005 (per 1,000)                    = 0.005
//	transitions  1 x 0.01 into STANDARD_IA + 1 x 0.03 into GLACIER = 0.04
//	early deletion: none (73 days in STANDARD_IA >= 30; 219 in GLACIER >= 90)
//	                                                total = 111.167054443359375
func TestLifecycleSteadyStateByHand(t *testing.T) {
	e := planEstimate(t, uploadsOnly(), ruleIAThenGlacier())
	want := d("111.167054443359375")
	for m := 12; m < 24; m++ {
		if !e.Monthly[m].Equal(want) {
			t.Errorf("month %d: %s, want %s", m, e.Monthly[m], want)
		}
	}
	if got := string(e.Class); got != "STANDARD → STANDARD_IA@73d → GLACIER@146d → expire@1y" {
		t.Errorf("named %q", got)
	}
	if !e.Eligible || !e.Priced() {
		t.Errorf("not eligible or not priced: %v %v", e.Violations, e.Unpriced)
	}
	// Transitions over the horizon: a cohort a month reaches 2.4 months
	// from month 2 (22 months) and 4.8 months from month 4 (20 months).
	if got := qty(e, "transitions.lifecycle@STANDARD_IA"); !got.Equal(d("22")) {
		t.Errorf("transitions into STANDARD_IA: %s thousand, want 22", got)
	}
	if got := qty(e, "transitions.lifecycle@GLACIER"); !got.Equal(d("20")) {
		t.Errorf("transitions into GLACIER: %s thousand, want 20", got)
	}
}

// Objects under 128 KiB are not transitioned by default; with
// varies_by_storage_class they skip only the STANDARD_IA step. Half the
// objects are 16 KiB.
func TestLifecycleSmallObjectsStayPut(t *testing.T) {
	w := uploadsOnly()
	w.Objects.Mix = []model.SizeShare{{Bytes: d("16384"), Share: d("0.5")}, {Bytes: decimal.NewFromInt(model.GiB), Share: d("0.5")}}
	e := planEstimate(t, w, ruleIAThenGlacier())
	// 500 large objects a month: 22 and 20 months of transitions.
	if got := qty(e, "transitions.lifecycle@STANDARD_IA"); !got.Equal(d("11")) {
		t.Errorf("default: transitions into STANDARD_IA %s thousand, want 11", got)
	}
	if got := qty(e, "transitions.lifecycle@GLACIER"); !got.Equal(d("10")) {
		t.Errorf("default: transitions into GLACIER %s thousand, want 10", got)
	}
	// Month 12 on, STANDARD holds the small objects all their 12 months
	// (500 x 12 x 16 KiB = 0.091552734375 GB) and the large ones 2.4
	// months (1,200 GB): 1,200.091552734375 GB x 0.023 = 27.602105712890625.
	standard := decimal.Zero
	for _, l := range e.Lines {
		if l.Item == "storage@STANDARD" {
			standard = standard.Add(l.Quantity)
		}
	}
	if standard.LessThan(d("1200.091552734375").Mul(d("12"))) {
		t.Errorf("STANDARD holds %s GB-Mo over the horizon, less than 12 steady months", standard)
	}

	plan := ruleIAThenGlacier()
	plan.MinimumObjectSize = model.VariesByStorageClass
	e = planEstimate(t, w, plan)
	if got := qty(e, "transitions.lifecycle@STANDARD_IA"); !got.Equal(d("11")) {
		t.Errorf("varies: transitions into STANDARD_IA %s thousand, want 11", got)
	}
	// Every object reaches GLACIER: 1,000 a month for 20 months.
	if got := qty(e, "transitions.lifecycle@GLACIER"); !got.Equal(d("20")) {
		t.Errorf("varies: transitions into GLACIER %s thousand, want 20", got)
	}
}

// Leaving a stage before its minimum duration bills the rest, pro-rated:
// GLACIER from day 30, expired at day 73, stays 43 of its 90 days, so each
// object pays 47 more days (1,128 of 730 hours) on its 1 GiB and 32 KiB at
// the GLACIER rate. Cohorts expire from month floor(2.4) = 2: months 2 to
// 11 of a 12-month horizon, 10 x 1,000 objects.
func TestLifecycleEarlyDeletionProRated(t *testing.T) {
	w := uploadsOnly()
	w.Months = 12
	w.Lifetime = d73
	plan := model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{{After: 30 * model.Day, Class: model.Glacier}}}
	e := planEstimate(t, w, plan)
	perObjectGB := d("1").Add(d("0.000030517578125")) // 1 GiB + 32 KiB
	want := d("10000").Mul(perObjectGB).Mul(d("1128")).DivRound(d("730"), 30)
	near(t, "early_delete@GLACIER", qty(e, "early_delete@GLACIER"), want)
	if !strings.Contains(strings.Join(e.Notes, "\n"), "objects leave GLACIER before its 90d minimum duration") {
		t.Errorf("no note of the early deletion: %q", e.Notes)
	}
}

// A rule's requirements are its stages': with a 1s first byte required for
// reads on objects younger than 180 days and 12h for older ones, GLACIER
// from day 200 is eligible; from day 150 it is not.
func TestLifecycleFirstByteByAge(t *testing.T) {
	w := uploadsOnly()
	w.Reads.PerMonth = d("100")
	w.Require.FirstByteByAge = []model.AgeLimit{{Until: 180 * model.Day, FirstByte: time.Second}, {Until: 0, FirstByte: 12 * time.Hour}}
	ok := model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{{After: 200 * model.Day, Class: model.Glacier}}}
	if e := planEstimate(t, w, ok); !e.Eligible {
		t.Errorf("GLACIER after 200 days: %v", e.Violations)
	}
	early := model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{{After: 150 * model.Day, Class: model.Glacier}}}
	e := planEstimate(t, w, early)
	if e.Eligible || !strings.Contains(strings.Join(e.Violations, "; "), "required within 1s for objects younger than 180d") {
		t.Errorf("GLACIER after 150 days: eligible %v, %v", e.Eligible, e.Violations)
	}
	// With every read on objects under 30 days, old objects are never read:
	// GLACIER from day 150 is fine.
	w.Reads.ByAge = []model.AgeBand{{Until: 30 * model.Day, Share: d("1")}, {Until: 0, Share: d("0")}}
	if e := planEstimate(t, w, early); !e.Eligible {
		t.Errorf("GLACIER after 150 days, reads on young objects only: %v", e.Violations)
	}
}

// Reads fall on the stage their object's age is in: with every read on
// objects under 73 days, a rule never reads from STANDARD_IA or GLACIER.
func TestLifecycleReadsByAge(t *testing.T) {
	w := uploadsOnly()
	w.Reads.PerMonth = d("5000")
	w.Reads.ByAge = []model.AgeBand{{Until: d73, Share: d("1")}}
	e := planEstimate(t, w, ruleIAThenGlacier())
	for _, l := range e.Lines {
		if strings.HasPrefix(l.Item, "retrieval") || l.Item == "requests.get@GLACIER" || l.Item == "requests.get@STANDARD_IA" {
			t.Errorf("a read charged in a later stage: %s %s", l.Item, l.Quantity)
		}
	}
	// 5,000 GETs a month, all in STANDARD, for 24 months: 120 thousand.
	if got := qty(e, "requests.get@STANDARD"); !got.Equal(d("120")) {
		t.Errorf("GETs in STANDARD: %s thousand, want 120", got)
	}
}

// Intelligent-Tiering's opt-in archive tiers, worked by hand: 1,000
// objects of 1 GiB uploaded at month 0 and never read (every object idle
// every month), Archive Access after 90 days (3 months), Deep Archive
// Access after 180 (6). Month m, the objects are m months old:
//
//	month 0     frequent      1,000 GB x 0.023 = 23, PUT 1 x 0.005 = 0.005
//	months 1-2  infrequent    1,000 GB x 0.0125 = 12.5
//	months 3-5  Archive Access 1,000 GB x 0.0036 = 3.6, overhead 32 KiB x
//	            1,000 = 0.030517578125 GB x 0.0036 = 0.00010986328125 and
//	            8 KiB x 1,000 = 0.00762939453125 GB x 0.023 = 0.00017547607421875
//	months 6-   Deep Archive Access 1,000 GB x 0.00099 = 0.99, overhead
//	            0.030517578125 x 0.00099 = 0.00003021240234375 + 0.00017547607421875
//	every month monitoring 1 x 0.0025
func TestIntelligentTieringArchiveTiersByHand(t *testing.T) {
	w := baseWorkload()
	w.Months = 8
	w.Objects.Count = d("1000")
	w.ITArchive = model.ITArchive{ArchiveAfter: 90 * model.Day, DeepArchiveAfter: 180 * model.Day}
	e := estimateFor(t, w, model.IntelligentTiering)
	want := []string{"23.0075", "12.5025", "12.5025", "3.60278533935546875", "3.60278533935546875", "3.60278533935546875",
		"0.9927056884765625", "0.9927056884765625"}
	for m, s := range want {
		if !e.Monthly[m].Equal(d(s)) {
			t.Errorf("month %d: %s, want %s", m, e.Monthly[m], s)
		}
	}
	// Reads wait for a restore: a 1s first byte cannot be met.
	w.Reads.PerMonth = d("10")
	w.Require.FirstByte = time.Second
	if e := estimateFor(t, w, model.IntelligentTiering); e.Eligible || !strings.Contains(strings.Join(e.Violations, "; "), "Deep Archive Access restore") {
		t.Errorf("archive tiers with a 1s first byte: eligible %v, %v", e.Eligible, e.Violations)
	}
}

// Found by review: a group of sizes leaving a stage early is billed once.
// Half the objects 64 KiB (never transitioned), half 1 GiB: the large ones
// leave STANDARD_IA at 45 days, 15 days into its 30-day minimum, exactly as
// 500 uploads a month of 1 GiB alone do.
func TestEarlyDeletionOfAGroup(t *testing.T) {
	rule := model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{{After: 30 * model.Day, Class: model.StandardIA}}}
	mixed := uploadsOnly()
	mixed.Months, mixed.Lifetime = 12, 45*model.Day
	mixed.Objects.Mix = []model.SizeShare{{Bytes: d("65536"), Share: d("0.5")}, {Bytes: decimal.NewFromInt(model.GiB), Share: d("0.5")}}
	alone := uploadsOnly()
	alone.Months, alone.Lifetime = 12, 45*model.Day
	alone.UploadsPerMonth = d("500")
	got, want := qty(planEstimate(t, mixed, rule), "early_delete@STANDARD_IA"), qty(planEstimate(t, alone, rule), "early_delete@STANDARD_IA")
	if !want.IsPositive() || !got.Equal(want) {
		t.Errorf("early deletion of the large half: %s GB-Mo, alone %s", got, want)
	}
}

// Found by review: an Intelligent-Tiering stage's tiers hold only its own
// objects (its age windows end with the stage): no line is negative, and
// the tiers add up to the stage's object-months.
func TestIntelligentTieringStageHoldsItsObjects(t *testing.T) {
	w := uploadsOnly()
	w.Months, w.Lifetime = 12, 0
	rule := model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{{After: 30 * model.Day, Class: model.IntelligentTiering}, {After: 60 * model.Day, Class: model.Glacier}}}
	e := planEstimate(t, w, rule)
	tiers := decimal.Zero
	for _, l := range e.Lines {
		if l.Quantity.IsNegative() || l.Cost.IsNegative() {
			t.Errorf("negative line %s: %s", l.Item, l.Quantity)
		}
		if strings.HasPrefix(l.Item, "storage.tier.") {
			tiers = tiers.Add(l.Quantity)
		}
	}
	// 1,000 objects of 1 GiB a month spend ages [30d, 60d) in the class:
	// 30 days (720 of 730 hours) each, for the cohorts of months 0 to 10
	// that reach 60 days within 12 months, and part of it for month 11's.
	if tiers.GreaterThan(d("12").Mul(d("1000")).Mul(d("720")).DivRound(d("730"), 30)) {
		t.Errorf("the tiers hold %s GB-Mo, more than the stage's objects", tiers)
	}
}

// Found by review: a rule moves into its start class only the stock young
// enough for its first stage. A stock in STANDARD_IA aged 60 to 80 days,
// under STANDARD -> STANDARD_IA@30d, is past the first stage: it stays, and
// nothing is copied.
func TestRuleMovesOnlyTheYoungStock(t *testing.T) {
	w := uploadsOnly()
	w.Months, w.Lifetime = 3, 365*model.Day
	w.Objects.Count, w.Objects.From = d("1000"), model.StandardIA
	w.Objects.Ages = []model.AgeBand{{Until: 60 * model.Day, Share: d("0")}, {Until: 80 * model.Day, Share: d("1")}}
	e := planEstimate(t, w, model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{{After: 30 * model.Day, Class: model.StandardIA}}})
	for _, l := range e.Lines {
		if strings.HasPrefix(l.Item, "transitions.copy") {
			t.Errorf("%s: %s copied", l.Item, l.Quantity)
		}
	}
}

// Found by review: Intelligent-Tiering's archive restore wait only counts
// for a stage objects stay in long enough to be archived: in the class
// from 30 to 60 days, an object never reaches Archive Access at 90 days.
func TestArchiveWaitOnlyWhereObjectsArchive(t *testing.T) {
	w := uploadsOnly()
	w.Reads.PerMonth = d("100")
	w.Require.FirstByte = time.Second
	w.ITArchive = model.ITArchive{ArchiveAfter: 90 * model.Day}
	short := model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{{After: 30 * model.Day, Class: model.IntelligentTiering}, {After: 60 * model.Day, Class: model.DeepArchive}}}
	e := planEstimate(t, w, short)
	if strings.Contains(strings.Join(e.Violations, "; "), "Archive Access restore") {
		t.Errorf("a 30-day stay in Intelligent-Tiering held to the archive wait: %v", e.Violations)
	}
	long := model.Lifecycle{Start: model.Standard, Transitions: []model.Transition{{After: 30 * model.Day, Class: model.IntelligentTiering}}}
	if e := planEstimate(t, w, long); !strings.Contains(strings.Join(e.Violations, "; "), "Archive Access restore") {
		t.Errorf("a stay of 11 months is not held to the archive wait: %v", e.Violations)
	}
}
