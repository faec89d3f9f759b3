package whatif

import (
	"errors"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/s3cost/s3cost/workloads"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func sheets(t testing.TB) SheetFor {
	t.Helper()
	s, err := pricing.Load(pricing.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return s.Region
}

func evaluator(t testing.TB, src, path string) *Evaluator {
	t.Helper()
	e, err := NewEvaluator("w.yaml", []byte(src), workloads.Options{}, "", path, sheets(t))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Intelligent-Tiering against STANDARD by object size, for data never read
// (active share 0), uploaded at month 0 and kept 12 months.
//
// Per GB over the 12 months, STANDARD stores at 0.023 every month: 0.276.
// Intelligent-Tiering: frequent in month 0 (0.023), infrequent in months 1-2
// (2 x 0.0125), archive instant in months 3-11 (9 x 0.004): 0.084; it saves
// 0.192 per GB. But objects of 128 KiB or more pay monitoring, 0.0025 per
// 1,000 a month: 12 x 0.0000025 = 0.00003 per object. The PUTs cost the same.
// Break-even: 0.192 s = 0.00003, s = 0.00015625 GB = 0.00015625 x 2^30 =
// 167,772.16 bytes. Below 128 KiB both cost the same (STANDARD ranks first
// on a tie), from 128 KiB to 167,772 bytes STANDARD is cheaper, above it
// Intelligent-Tiering.
const itVersusStandard = `
months: 12
objects: {count: 1000, size: 1MiB}
reads: {active_share: 0}
classes: [STANDARD, INTELLIGENT_TIERING]
`

func TestBreakevenIntelligentTieringSize(t *testing.T) {
	e := evaluator(t, itVersusStandard, "objects.size")
	r, err := ParseRange(e.Kind, "16KiB..16MiB", 40, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][]model.ClassID{nil, {model.Standard, model.IntelligentTiering}} {
		got, err := e.Crossings(r, pair)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 {
			t.Fatalf("pair %v: %d crossings %+v, want 1", pair, len(got), got)
		}
		c := got[0]
		want := d("167772.16")
		if c.Before != model.Standard || c.After != model.IntelligentTiering || c.Lo.GreaterThan(want) || c.Hi.LessThan(want) || c.Hi.Sub(c.Lo).GreaterThan(d("1")) {
			t.Errorf("pair %v: crossing %+v, want STANDARD -> INTELLIGENT_TIERING around %s bytes within 1 byte", pair, c, want)
		}
	}
}

// Reads a month at which STANDARD_IA stops beating STANDARD: 1,000 objects
// of 1 GiB uploaded at month 0, one month, R full reads.
//
//	STANDARD_IA: 1,000 x 0.0125 + 1,000 PUTs x 0.01/1,000 + R x (0.001/1,000
//	             + 1 GB x 0.01) = 12.51 + 0.010001 R
//	STANDARD:    1,000 x 0.023 + 1,000 x 0.005/1,000 + R x 0.0004/1,000
//	             = 23.005 + 0.0000004 R
//
// Equal at R = (23.005 - 12.51) / (0.010001 - 0.0000004) = 10.495 / 0.0100006
// = 1,049.437... reads a month.
func TestBreakevenReads(t *testing.T) {
	src := "months: 1\nobjects: {count: 1000, size: 1GiB}\nclasses: [STANDARD, STANDARD_IA]\n"
	e := evaluator(t, src, "reads.per_month")
	r, err := ParseRange(e.Kind, "0..100000", 20, false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Crossings(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := d("10.495").DivRound(d("0.0100006"), 20)
	if len(got) != 1 || got[0].Before != model.StandardIA || got[0].After != model.Standard {
		t.Fatalf("crossings %+v", got)
	}
	c := got[0]
	if c.Lo.GreaterThan(want) || c.Hi.LessThan(want) || c.Hi.Sub(c.Lo).GreaterThan(want.Shift(-6)) {
		t.Errorf("crossing [%s, %s], want %s to a millionth", c.Lo, c.Hi, want)
	}
}

// No crossing in a range where one class always wins.
func TestBreakevenNone(t *testing.T) {
	e := evaluator(t, itVersusStandard, "objects.count")
	r, _ := ParseRange(e.Kind, "1..1e6", 10, true)
	got, err := e.Crossings(r, nil)
	if err != nil || len(got) != 0 {
		t.Errorf("got %+v, %v; want no crossing (1 MiB objects always favour Intelligent-Tiering)", got, err)
	}
}

// A sweep's point equals a compare with the same override.
func TestSweepPointEqualsCompare(t *testing.T) {
	e := evaluator(t, itVersusStandard, "objects.size")
	r, _ := ParseRange(e.Kind, "64KiB..4MiB", 7, true)
	res, err := e.Sweep(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Points) != 7 || len(res.Classes) != 2 {
		t.Fatalf("%d points, classes %v", len(res.Points), res.Classes)
	}
	s := sheets(t)
	for _, p := range res.Points {
		w, err := workloads.Decode("w.yaml", []byte(itVersusStandard), workloads.Options{Set: []string{"objects.size=" + p.X.String()}})
		if err != nil {
			t.Fatal(err)
		}
		sheet, _ := s(w.Region)
		c := pricing.Compare(w, sheet)
		for i, id := range res.Classes {
			for _, est := range c.Results {
				if est.Class == id && !est.MonthlyAverage().Equal(p.Monthly[i]) {
					t.Errorf("%s at %s: sweep %s, compare %s", id, p.X, p.Monthly[i], est.MonthlyAverage())
				}
			}
		}
		if p.Cheapest != c.Results[0].Class {
			t.Errorf("at %s: sweep says %s, compare ranks %s first", p.X, p.Cheapest, c.Results[0].Class)
		}
	}
}

// Costs never decrease when the data or its use grows: for every class, the
// total over the horizon is non-decreasing in objects, uploads, reads and
// months. Object size too, except for Intelligent-Tiering: at 128 KiB its
// objects start to be monitored and move to cheaper tiers, so an object just
// above the threshold can cost less than one just below, as AWS bills.
func TestCostsGrowWithTheWorkload(t *testing.T) {
	src := `
months: 6
objects: {count: 5000, sizes: [{size: 40KiB, share: 0.5}, {size: 3MiB, share: 0.5}]}
uploads: {per_month: 500}
lifetime: 200d
reads: {per_month: 2000, restore: bulk}
lists_per_month: 100
transfer: {internet: 10GiB}
`
	for _, tc := range []struct {
		path, span string
		skipIT     bool
	}{
		{"objects.count", "0..1e6", false},
		{"uploads.per_month", "0..1e5", false},
		{"reads.per_month", "0..1e6", false},
		{"months", "1..36", false},
		{"objects.sizes[1].size", "1KiB..1GiB", true},
		{"transfer.internet", "0..100TiB", false},
	} {
		e := evaluator(t, src, tc.path)
		r, err := ParseRange(e.Kind, tc.span, 12, false)
		if err != nil {
			t.Fatal(err)
		}
		prev := map[model.ClassID]decimal.Decimal{}
		for _, x := range r.Points(e.Whole) {
			c, err := e.Eval(x)
			if err != nil {
				t.Fatal(err)
			}
			for _, est := range c.Results {
				if tc.skipIT && est.Class == model.IntelligentTiering {
					continue
				}
				if p, ok := prev[est.Class]; ok && est.Total.LessThan(p) {
					t.Errorf("%s: %s fell from %s to %s at %s", tc.path, est.Class, p, est.Total, x)
				}
				prev[est.Class] = est.Total
			}
		}
	}
}

func TestRangePoints(t *testing.T) {
	r := Range{From: d("1"), To: d("1000"), Steps: 4, Log: true}
	got := r.Points(true)
	want := []string{"1", "10", "100", "1000"}
	for i, p := range got {
		if p.String() != want[i] {
			t.Errorf("log points %v, want %v", got, want)
			break
		}
	}
	lin := Range{From: d("0"), To: d("1"), Steps: 5}.Points(false)
	if len(lin) != 5 || lin[2].String() != "0.5" {
		t.Errorf("linear points %v", lin)
	}
	// Whole numbers: repeats dropped.
	if n := len((Range{From: d("1"), To: d("3"), Steps: 10}).Points(true)); n != 3 {
		t.Errorf("%d whole points in 1..3", n)
	}
	for _, bad := range []string{"5..1", "1-5", "x..5", "1..y"} {
		if _, err := ParseRange("number", bad, 5, false); !errors.Is(err, exit.ErrInput) {
			t.Errorf("ParseRange(%q) = %v, want bad input", bad, err)
		}
	}
	if _, err := ParseRange("number", "0..5", 5, true); !errors.Is(err, exit.ErrInput) {
		t.Errorf("log range from 0: %v, want bad input", err)
	}
}

// BenchmarkSweep1000: a 1,000-point sweep of an example workload over every
// class (the target is under a second).
func BenchmarkSweep1000(b *testing.B) {
	data, err := workloadsExample("product-images.yaml")
	if err != nil {
		b.Fatal(err)
	}
	e, err := NewEvaluator("product-images.yaml", data, workloads.Options{}, "", "reads.per_month", sheets(b))
	if err != nil {
		b.Fatal(err)
	}
	r, _ := ParseRange(e.Kind, "1e3..1e9", 1000, true)
	for b.Loop() {
		if _, err := e.Sweep(r); err != nil {
			b.Fatal(err)
		}
	}
}

// A change of winner that comes from a price the sheet lacks is no
// break-even: in ap-southeast-7 no source prices Deep Archive restore
// requests, so DEEP_ARCHIVE wins while nothing is read (storage 0.0018
// against GLACIER's 0.00405 per GB-month) and cannot be priced from the
// first read on. The crossing says so.
func TestBreakevenFromAMissingPrice(t *testing.T) {
	e := evaluator(t, `
region: ap-southeast-7
months: 12
objects: {count: 1000, size: 1GiB}
classes: [GLACIER, DEEP_ARCHIVE]
require: {first_byte: 48h}
`, "reads.per_month")
	r, err := ParseRange(e.Kind, "0..10", 10, false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Crossings(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	// reads.per_month takes fractions: any read at all needs the price.
	if len(got) != 1 || got[0].Before != model.DeepArchive || got[0].After != model.Glacier ||
		!got[0].Lo.Equal(d("0")) || !got[0].Hi.LessThan(d("0.000001")) {
		t.Fatalf("crossings %+v, want DEEP_ARCHIVE -> GLACIER just above 0 reads", got)
	}
	want := "DEEP_ARCHIVE cannot be priced from here on: not priced in ap-southeast-7 (the aws/ap-southeast-7 sheet has no classes.DEEP_ARCHIVE.restore.standard.request_per_1k)"
	if got[0].Unpriced != want {
		t.Errorf("Unpriced = %q, want %q", got[0].Unpriced, want)
	}
}

// What the user asked for that cannot be varied or compared is bad input
// (exit.ErrInput): the command passes these errors on unclassified.
func TestErrorsAreBadInput(t *testing.T) {
	for _, path := range []string{"nope", "class", "objects"} {
		if _, err := NewEvaluator("w.yaml", []byte(itVersusStandard), workloads.Options{}, "", path, sheets(t)); !errors.Is(err, exit.ErrInput) {
			t.Errorf("NewEvaluator(%s) = %v, want bad input", path, err)
		}
	}
	e := evaluator(t, itVersusStandard, "objects.size")
	e.Dataset = "nope"
	if _, err := e.Eval(d("1024")); !errors.Is(err, exit.ErrInput) {
		t.Errorf("Eval in a missing dataset = %v, want bad input", err)
	}
	e.Dataset = ""
	if _, err := e.Eval(d("-1")); !errors.Is(err, exit.ErrInput) {
		t.Errorf("Eval(-1) = %v, want bad input (the workload's rules)", err)
	}
	r, err := ParseRange(e.Kind, "16KiB..16MiB", 4, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Crossings(r, []model.ClassID{model.Standard, model.Glacier}); !errors.Is(err, exit.ErrInput) {
		t.Errorf("Breakeven between a class not compared = %v, want bad input", err)
	}
}

// A range whose TO is below FROM because TO has no unit says so: 10 is 10
// bytes, below 1 MiB.
func TestParseRangeBareTo(t *testing.T) {
	_, err := ParseRange("size", "1MiB..10", 10, false)
	if err == nil || !strings.Contains(err.Error(), "TO must be above FROM, got 1MiB..10 (10 has no unit: it is 10 bytes)") {
		t.Errorf("err = %v", err)
	}
	// With a unit, no such hint.
	_, err = ParseRange("size", "1MiB..10KiB", 10, false)
	if err == nil || strings.Contains(err.Error(), "no unit") {
		t.Errorf("err = %v", err)
	}
}
