package pricing

import (
	"strings"
	"testing"
	"time"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

func TestRequirementsMakeClassesIneligible(t *testing.T) {
	cases := []struct {
		name       string
		edit       func(w *model.Workload)
		ineligible []model.ClassID
		reason     string
	}{
		{"first byte with reads", func(w *model.Workload) {
			w.Reads.PerMonth = d("10")
			w.Require.FirstByte = time.Second
		}, []model.ClassID{model.Glacier, model.DeepArchive}, "first byte"},
		{"first byte without reads excludes nothing", func(w *model.Workload) {
			w.Require.FirstByte = time.Second
		}, nil, ""},
		// Expedited GLACIER restores take up to 5 minutes: within 10 min.
		{"expedited restore meets 10 minutes", func(w *model.Workload) {
			w.Reads.PerMonth = d("10")
			w.Reads.Restore = model.RestoreExpedited
			w.Require.FirstByte = 10 * time.Minute
		}, []model.ClassID{model.DeepArchive}, "expedited restore is not offered"},
		{"availability 99.9%", func(w *model.Workload) { w.Require.Availability = d("0.999") },
			[]model.ClassID{model.OneZoneIA}, "designed availability 99.5%"},
		{"three zones", func(w *model.Workload) { w.Require.Zones = 3 },
			[]model.ClassID{model.OneZoneIA, model.ExpressOneZone}, "1 AZ"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := baseWorkload()
			tc.edit(&w)
			c := Compare(w, usEast1(t))
			want := map[model.ClassID]bool{}
			for _, id := range tc.ineligible {
				want[id] = true
			}
			for _, r := range c.Results {
				if r.Eligible == want[r.Class] {
					t.Errorf("%s: eligible=%v, violations %v", r.Class, r.Eligible, r.Violations)
				}
				if !r.Eligible && !strings.Contains(strings.Join(r.Violations, ";"), tc.reason) {
					t.Errorf("%s: violations %v do not mention %q", r.Class, r.Violations, tc.reason)
				}
			}
		})
	}
}

func TestCompareRanksEligibleFirstByTotal(t *testing.T) {
	w := baseWorkload()
	w.Objects.Count = d("1000")
	w.Months = 12
	w.Reads.PerMonth = d("100")
	w.Require.FirstByte = time.Second
	c := Compare(w, usEast1(t))
	if len(c.Results) != 8 {
		t.Fatalf("%d results, want all 8 classes", len(c.Results))
	}
	seenIneligible := false
	for i, r := range c.Results {
		if !r.Eligible {
			seenIneligible = true
		} else if seenIneligible {
			t.Errorf("eligible %s ranked after an ineligible class", r.Class)
		}
		if i > 0 && r.Eligible == c.Results[i-1].Eligible && r.Total.LessThan(c.Results[i-1].Total) {
			t.Errorf("%s (%s) ranked after the dearer %s (%s)", r.Class, r.Total, c.Results[i-1].Class, c.Results[i-1].Total)
		}
	}
	if c.Pricing.AsOf != "2025-10-22" || c.Pricing.Sheet != "aws/us-east-1" {
		t.Errorf("pricing info %+v", c.Pricing)
	}
}

func TestCompareHonoursClassList(t *testing.T) {
	w := baseWorkload()
	w.Classes = []model.ClassID{model.DeepArchive, model.Standard}
	c := Compare(w, usEast1(t))
	if len(c.Results) != 2 {
		t.Fatalf("got %d results, want 2", len(c.Results))
	}
}

// Every estimate's lines, monthly figures and total agree, and every line is
// quantity x price.
func TestEstimateIsConsistent(t *testing.T) {
	w := baseWorkload()
	w.Months = 14
	w.Objects.Count = d("123456")
	w.Objects.Mix = []model.SizeShare{{Bytes: d("20000"), Share: d("0.3")}, {Bytes: d("5000000"), Share: d("0.7")}}
	w.Objects.From = model.Standard
	w.UploadsPerMonth = d("4321")
	w.Lifetime = 100 * model.Day
	w.Reads.PerMonth = d("9999")
	w.ListsPerMonth = d("77")
	w.Transfer.InternetBytes = decimal.NewFromInt(3 * model.TiB)
	for _, r := range Compare(w, usEast1(t)).Results {
		sumLines, sumMonths, sumBreakdown := decimal.Zero, decimal.Zero, decimal.Zero
		for _, l := range r.Lines {
			if !l.Quantity.Mul(l.Price).Equal(l.Cost) {
				t.Errorf("%s %s: %s x %s != %s", r.Class, l.Item, l.Quantity, l.Price, l.Cost)
			}
			if !l.Cost.IsPositive() {
				t.Errorf("%s %s: non-positive line %s", r.Class, l.Item, l.Cost)
			}
			sumLines = sumLines.Add(l.Cost)
		}
		for _, m := range r.Monthly {
			sumMonths = sumMonths.Add(m)
		}
		for _, v := range r.Breakdown() {
			sumBreakdown = sumBreakdown.Add(v)
		}
		if len(r.Monthly) != 14 {
			t.Errorf("%s: %d months", r.Class, len(r.Monthly))
		}
		exact(t, string(r.Class)+" lines vs total", sumLines, r.Total)
		exact(t, string(r.Class)+" months vs total", sumMonths, r.Total)
		exact(t, string(r.Class)+" breakdown vs total", sumBreakdown, r.Total)
	}
}

func TestStockMoveNotes(t *testing.T) {
	w := baseWorkload()
	w.Objects.From = model.Standard
	w.Objects.Count = d("1000")
	w.Objects.Mix = []model.SizeShare{{Bytes: d("1024"), Share: d("0.25")}, {Bytes: d("1048576"), Share: d("0.75")}}
	e := estimateFor(t, w, model.Glacier)
	notes := strings.Join(e.Notes, "\n")
	for _, want := range []string{"750 objects move from STANDARD by lifecycle transition", "250 objects are copied from STANDARD (lifecycle does not transition objects under 128 KiB)"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q lack %q", notes, want)
		}
	}
}

func TestNotes(t *testing.T) {
	// A single-AZ class says so unless zones were required.
	w := baseWorkload()
	e := estimateFor(t, w, model.OneZoneIA)
	if !strings.Contains(strings.Join(e.Notes, "\n"), "one availability zone") {
		t.Errorf("ONEZONE_IA notes %v lack the single-AZ warning", e.Notes)
	}
	if e := estimateFor(t, w, model.Standard); strings.Contains(strings.Join(e.Notes, "\n"), "availability zone") {
		t.Errorf("STANDARD notes %v mention a single AZ", e.Notes)
	}

	// 1,000 objects with active share 0.5 need at least 500 reads a month;
	// 10 contradicts it.
	w.Objects.Count = d("1000")
	half := d("0.5")
	w.Reads.ActiveShare = &half
	w.Reads.PerMonth = d("10")
	notes := strings.Join(Compare(w, usEast1(t)).Notes, "\n")
	if !strings.Contains(notes, "about 500 objects read in month 0, more than reads.per_month (10)") {
		t.Errorf("notes %q lack the active-share warning", notes)
	}
	w.Reads.PerMonth = d("500")
	if notes := strings.Join(Compare(w, usEast1(t)).Notes, "\n"); strings.Contains(notes, "active_share") {
		t.Errorf("consistent active share flagged: %q", notes)
	}
}

// Payback of moving 1,000,000 objects of 1 MiB (976.5625 GB) out of
// STANDARD into DEEP_ARCHIVE:
//
//	move: 1,000,000 transitions x 0.05/1,000 = 50
//	DEEP_ARCHIVE a month: 976.5625 x 0.00099 = 0.966796875, plus 32 KiB each
//	  (30.517578125 GB x 0.00099 = 0.03021240234375) and 8 KiB each at the
//	  STANDARD rate (7.62939453125 GB x 0.023 = 0.17547607421875):
//	  1.1724853515625
//	STANDARD a month: 976.5625 x 0.023 = 22.4609375
//
// Cumulative: month 1: 51.17 vs 22.46; month 2: 52.34 vs 44.92; month 3:
// 53.52 vs 67.38: paid back in 3 months. Over 2 months: never.
func TestPayback(t *testing.T) {
	w := baseWorkload()
	w.Months = 12
	w.Objects.Count = d("1000000")
	w.Objects.Mix = mixOf(model.MiB)
	w.Objects.From = model.Standard
	w.Classes = []model.ClassID{model.DeepArchive} // STANDARD is priced anyway
	c := Compare(w, usEast1(t))
	move := c.Results[0].Move
	if move == nil {
		t.Fatal("no move for a stock in STANDARD")
	}
	exact(t, "move cost", move.Cost, d("50"))
	if move.PaybackMonths != 3 {
		t.Errorf("payback after %d months, want 3", move.PaybackMonths)
	}
	w.Months = 2
	if m := Compare(w, usEast1(t)).Results[0].Move; m.PaybackMonths != 0 {
		t.Errorf("payback %d within 2 months, want never (0)", m.PaybackMonths)
	}
	// The class the stock sits in has no move; without a stock there is none.
	w.Classes = nil
	for _, e := range Compare(w, usEast1(t)).Results {
		if (e.Class == model.Standard) != (e.Move == nil) {
			t.Errorf("%s: move %+v", e.Class, e.Move)
		}
	}
	w.Objects.From = ""
	if Compare(w, usEast1(t)).Results[0].Move != nil {
		t.Error("a move without a stock to move")
	}
}

// Reads happen only while something is stored: one 1 GiB object in GLACIER
// kept 10 days (240/730 of month 0), 1,000 reads a month, 3 months. Only
// month 0's stored share is read: 1,000 x 240/730 restores at 0.05/1,000 =
// 12/730, and nothing in months 1 and 2.
func TestReadsStopWhenNothingIsStored(t *testing.T) {
	w := baseWorkload()
	w.Months = 3
	w.Lifetime = 10 * model.Day
	w.Reads.PerMonth = d("1000")
	e := estimateFor(t, w, model.Glacier)
	near(t, "restore requests", cost(e, "retrieval.requests"), frac("12", "730"))
	near(t, "GETs", qty(e, "requests.get"), frac("240", "730"))
	// With an upload each month, kept 10 days, something is stored for the
	// first 240/730 of every month: 3 x 1,000 x 240/730 x 0.05/1,000 = 36/730.
	w.UploadsPerMonth = d("1")
	e = estimateFor(t, w, model.Glacier)
	near(t, "restore requests with uploads", cost(e, "retrieval.requests"), frac("36", "730"))
	// Kept, the data is always there: 3 x 1,000 x 0.05/1,000 = 0.15.
	w.Lifetime = 0
	e = estimateFor(t, w, model.Glacier)
	near(t, "restore requests, kept", cost(e, "retrieval.requests"), d("0.15"))
}

// A move has paid back only if the class costs no more than staying put
// from then to the end of the horizon: never when it costs more in all.
func TestPaybackMeansCheaperToTheEnd(t *testing.T) {
	for _, w := range []model.Workload{
		func() model.Workload {
			w := baseWorkload()
			w.Months = 12
			w.Objects.Count, w.Objects.From = d("100000"), model.Standard
			w.Objects.Mix = mixOf(100 * model.MiB)
			w.Lifetime = 45 * model.Day
			w.Reads.PerMonth = d("100000")
			return w
		}(),
		func() model.Workload {
			w := baseWorkload()
			w.Months = 24
			w.Objects.Count, w.Objects.From = d("5000"), model.StandardIA
			w.UploadsPerMonth = d("300")
			w.Reads.PerMonth = d("2000")
			return w
		}(),
	} {
		c := Compare(w, usEast1(t))
		stay := byClassOf(c, w.Objects.From)
		for _, e := range c.Results {
			if e.Move == nil {
				continue
			}
			if e.Move.PaybackMonths > 0 && e.Total.GreaterThan(stay.Total) {
				t.Errorf("%s: paid back after %d months but costs %s against %s staying", e.Class, e.Move.PaybackMonths, e.Total, stay.Total)
			}
			if e.Move.PaybackMonths == 0 && e.Total.LessThanOrEqual(stay.Total) {
				t.Errorf("%s: never paid back but costs %s against %s staying", e.Class, e.Total, stay.Total)
			}
		}
	}
}

// Intelligent-Tiering's default active share follows the reads charged: a
// stock of 1,000 objects of 1 GiB kept 45 days (1080/730 months), 300 reads
// a month, no active_share. In month 1 data is stored 350/730 of the month,
// so 300 x 350/730 reads are charged over 1,000 x 350/730 object-months:
// a = 0.3 (not 300 / (1,000 x 350/730) = 0.63). Month 1's objects are aged
// 1: infrequent unless read, (1 - 0.3) x 350,000/730 = 245,000/730 GB-months.
func TestITActiveShareFollowsChargedReads(t *testing.T) {
	w := baseWorkload()
	w.Months = 2
	w.Objects.Count = d("1000")
	w.Lifetime = 45 * model.Day
	w.Reads.PerMonth = d("300")
	e := estimateFor(t, w, model.IntelligentTiering)
	near(t, "infrequent", qty(e, "storage.tier.INFREQUENT"), frac("245000", "730"))
}

// us-east-1 and us-east-2 sell STANDARD at the same prices (0.023 per GB
// for the first 50 TB, PUT 0.005 per 1,000 in both sheets), so a workload
// priced in both ties. The tie goes to the region the data is in, not to
// the first region in the list: 1,000 GiB in STANDARD is 23.00 a month in
// either.
func TestCompareRegionsTieGoesHome(t *testing.T) {
	sheets, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	var both []*Sheet
	for _, r := range []string{"us-east-1", "us-east-2"} {
		s, err := sheets.Region(r)
		if err != nil {
			t.Fatal(err)
		}
		both = append(both, s)
	}
	w := baseWorkload()
	w.Objects.Count, w.Objects.From = d("1000"), model.Standard
	w.Classes = []model.ClassID{model.Standard}
	for _, home := range []string{"us-east-1", "us-east-2"} {
		w.Region = home
		c := CompareRegions(w, both)
		if len(c.Results) != 2 || !c.Results[0].Total.Equal(c.Results[1].Total) {
			t.Fatalf("home %s: want a tie of two, got %d results", home, len(c.Results))
		}
		exact(t, home+" total", c.Results[0].Total, d("23"))
		if c.Results[0].Region != home || !c.Results[0].Home {
			t.Errorf("home %s: first is %s (home %v)", home, c.Results[0].Region, c.Results[0].Home)
		}
	}
}
