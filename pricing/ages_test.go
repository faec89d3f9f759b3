package pricing

import (
	"strings"
	"testing"

	"github.com/s3cost/s3cost/model"
)

// A stock in steady state over a 12-month (365-day) lifetime: ages spread
// evenly over [0, 12) months at month 0. Worked by hand with
// G(y) = H(y-a+1) - H(y-b+1), H(u) = u²/2 on [0, 1], u - 1/2 above.
func TestStockAgesByHand(t *testing.T) {
	w := uploadsOnly()
	w.Objects.Ages = []model.AgeBand{{Until: 0, Share: d("1")}}
	p := newPopulation(w)
	young := span{a: d("0"), b: d("2.4")}

	// Month 0, ages [0, 2.4): (G(12) - G(0)) / 12 with G(12) = H(13) -
	// H(10.6) = 12.5 - 10.1 = 2.4 and G(0) = H(1) - H(-1.4) = 0.5: 1.9 / 12.
	// Month 3: every stock object is at least 3 months old: 0.
	in := p.stockIn(young)
	near(t, "month 0", in[0], d("1.9").DivRound(d("12"), 30))
	if !in[3].IsZero() {
		t.Errorf("month 3: %s, want 0", in[3])
	}
	// Over all ages [0, 12): month m holds the objects not yet expired,
	// (G(12+m) - G(m)) / 12 with b = 12: month 0 = (11.5 - 0.5)/12 ... by
	// the simpler count, objects aged a0 stay min(1, 12 - a0 - m): month 0
	// loses the half month of the oldest: 11.5 / 12.
	all := p.stockIn(span{a: d("0"), open: true})
	near(t, "all, month 0", all[0], d("11.5").DivRound(d("12"), 30))
	near(t, "all, month 11", all[11], d("0.5").DivRound(d("12"), 30))
	if !all[12].IsZero() {
		t.Errorf("all, month 12: %s, want 0", all[12])
	}

	// Reaching 2.4 months: ages a0 reach it at 2.4 - a0, in (-9.6, 2.4]:
	// 1/12 of the stock in months 0 and 1, 0.4/12 in month 2.
	reach := p.stockReaching(d("2.4"))
	near(t, "reach month 0", reach[0], d("1").DivRound(d("12"), 30))
	near(t, "reach month 1", reach[1], d("1").DivRound(d("12"), 30))
	near(t, "reach month 2", reach[2], d("0.4").DivRound(d("12"), 30))
	if !reach[3].IsZero() {
		t.Errorf("reach month 3: %s, want 0", reach[3])
	}
}

// Uploads: a cohort a month, each aged k months at the start of month j+k.
func TestUploadAgesByHand(t *testing.T) {
	p := newPopulation(uploadsOnly())
	// Ages [2.4, 4.8): cohort ages 2 (0.6 of the month), 3 (1), 4 (0.8).
	in := p.uploadsIn(span{a: d("2.4"), b: d("4.8")})
	for m, want := range []string{"0", "0", "0.6", "1.6", "2.4", "2.4"} {
		if !in[m].Equal(d(want)) {
			t.Errorf("month %d: %s, want %s", m, in[m], want)
		}
	}
	// Objects leave at 12 months: each month from month 12 one cohort.
	leave := p.uploadsReaching(d("12"))
	if !leave[11].IsZero() || !leave[12].Equal(d("1")) {
		t.Errorf("leaving: month 11 %s, month 12 %s", leave[11], leave[12])
	}
}

// "forever" as the last band of a stock that is kept has no end to spread
// ages to: its objects are taken at the band's lower bound (they once made
// pricing panic). 40% of the stock at 90 days and older is priced as 90
// days old: in month 0 all 40% sit in ages [90d, 90d+1 month); so does
// half a month's worth of the band below it, spread evenly over its 90
// days (L = 2,160/730 months): 0.6 x 0.5 / L.
func TestOpenLastBandOfAKeptStock(t *testing.T) {
	w := baseWorkload()
	w.Months = 3
	w.Objects.From = model.Standard
	w.Objects.Ages = []model.AgeBand{{Until: 90 * model.Day, Share: d("0.6")}, {Until: 0, Share: d("0.4")}}
	p := newPopulation(w)
	ninety := inMonths(int64(90 * model.Day))
	got := p.stockIn(span{a: ninety, b: ninety.Add(one)})
	L := d("2160").DivRound(d("730"), 30)
	near(t, "month 0", got[0], d("0.4").Add(d("0.3").DivRound(L, 30)))
	// Priced without a panic, with the note.
	e := Compare(w, usEast1(t))
	found := false
	for _, n := range e.Notes {
		found = found || strings.Contains(n, "its objects are taken as 90d old")
	}
	if !found {
		t.Errorf("no note of the open band: %q", e.Notes)
	}
}

// Reads happen only while something is stored, also when the stock has
// ages: a stock aged 300 to 360 days with a 365-day (12-month) lifetime is
// gone when its youngest objects, 300 days (7,200 of 730 hours) old, reach
// 12 months: months 0 and 1 whole, month 2 for 12 - 7200/730 - 2 of it,
// nothing after. 1,000,000 GETs a month (1,000 thousand) are charged for
// 1,000 x (12 - 7200/730) = 1,000 x 1,560/730 thousand.
func TestReadsStopWithAnAgedStock(t *testing.T) {
	w := baseWorkload()
	w.Months = 6
	w.Lifetime = 365 * model.Day
	w.Objects.Count, w.Objects.From = d("1000"), model.Standard
	w.Objects.Ages = []model.AgeBand{{Until: 300 * model.Day, Share: d("0")}, {Until: 360 * model.Day, Share: d("1")}}
	w.Reads.PerMonth = d("1000000")
	e := estimateFor(t, w, model.Standard)
	want := d("1000").Mul(d("1560")).DivRound(d("730"), 30)
	near(t, "GETs (thousands)", qty(e, "requests.get"), want)
	for m := 3; m < 6; m++ {
		if !e.Monthly[m].IsZero() {
			t.Errorf("month %d costs %s with nothing stored", m, e.Monthly[m])
		}
	}
}
