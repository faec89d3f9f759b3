package pricing

import (
	"fmt"
	"testing"
	"time"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// The worked examples AWS publishes on the S3 pricing page and in the S3 User
// Guide, each to the cent (or exactly, where the figure is exact).

// Example 1: 100 GB for 15 days of March and 100 TB for the last 16 days is
// 42,259,901,212,262,400 byte-hours = 52,900 GB-months (744-hour March),
// billed 51,200 x 0.023 + 1,700 x 0.022 = 1,215.00.
func TestAWSExampleTieredStorage(t *testing.T) {
	byteHours := d("42259901212262400")
	gbMonths := bytesToGB(byteHours).DivRound(d("744"), divPlaces)
	exact(t, "GB-months", gbMonths, d("52900"))

	s := usEast1(t)
	std := s.Classes[model.Standard].Storage
	parts := std.Split(gbMonths)
	exact(t, "first tier", parts[0], d("51200"))
	exact(t, "second tier", parts[1], d("1700"))
	exact(t, "tiered cost", std.Cost(gbMonths), d("1215.00"))

	// The same through the engine: 52,900 GiB already in STANDARD for one
	// 730-hour month is 52,900 GB-months.
	w := baseWorkload()
	w.Objects.Count = d("52900")
	w.Objects.From = model.Standard
	e := estimateFor(t, w, model.Standard)
	exact(t, "engine storage", cost(e, "storage"), d("1215.00"))
	exact(t, "engine total", e.Total, d("1215.00"))
}

// Example 2: 300 GB retrieved from Standard-IA x 0.01 = 3.00.
func TestAWSExampleStandardIARetrieval(t *testing.T) {
	w := baseWorkload()
	w.Objects.Count = d("300")
	w.Objects.From = model.StandardIA
	w.Reads.PerMonth = d("300") // 300 reads of 1 GiB objects
	e := estimateFor(t, w, model.StandardIA)
	exact(t, "retrieval GB", qty(e, "retrieval.bytes"), d("300"))
	exact(t, "retrieval cost", cost(e, "retrieval.bytes"), d("3.00"))
}

// Example 3: 100,000 objects of 1 GB in Glacier Flexible Retrieval: the
// 100,000 GB of data, plus 100,000 x 32 KiB at the Glacier rate and
// 100,000 x 8 KiB at the Standard rate.
func TestAWSExampleGlacierOverhead(t *testing.T) {
	w := baseWorkload()
	w.Objects.Count = d("100000")
	w.Objects.From = model.Glacier
	e := estimateFor(t, w, model.Glacier)
	// 100,000 x 32 KiB = 3,200,000 KiB = 3,200,000 / 1,048,576 GB
	// = 3.0517578125 GB; x 0.0036 = 0.010986328125.
	exact(t, "archive overhead GB", qty(e, "storage.overhead.archive"), d("3.0517578125"))
	exact(t, "archive overhead cost", cost(e, "storage.overhead.archive"), d("0.010986328125"))
	// 100,000 x 8 KiB = 800,000 KiB = 0.762939453125 GB; x 0.023 =
	// 0.017547607421875.
	exact(t, "standard overhead GB", qty(e, "storage.overhead.standard"), d("0.762939453125"))
	exact(t, "standard overhead cost", cost(e, "storage.overhead.standard"), d("0.017547607421875"))
	// Data: 100,000 GB x 0.0036 = 360.
	exact(t, "data", cost(e, "storage"), d("360"))
	// Total 360 + 0.010986328125 + 0.017547607421875 = 360.028533935546875.
	exact(t, "total", e.Total, d("360.028533935546875"))
	if e.Total.Round(2).String() != "360.03" {
		t.Errorf("to the cent: %s", e.Total.Round(2))
	}
}

// Example 4: 1 GB in Glacier Flexible Retrieval deleted after 30 days is
// charged 60 more days; deleted after 60 days, 30 more days.
func TestAWSExampleGlacierEarlyDeletion(t *testing.T) {
	for _, tc := range []struct {
		lifetimeDays, chargedDays int64
	}{{30, 60}, {60, 30}} {
		w := baseWorkload()
		w.Months = 6
		w.Lifetime = time.Duration(tc.lifetimeDays) * model.Day
		e := estimateFor(t, w, model.Glacier)
		// Early deletion bills the class-rate bytes: 1 GiB of data plus the
		// 32 KiB index, 1 + 2^-15 = 1.000030517578125 GB, for chargedDays.
		// A day is 24/730 of a month.
		months := frac(fmt.Sprint(tc.chargedDays*24), "730")
		wantQty := d("1.000030517578125").Mul(months)
		near(t, fmt.Sprintf("early delete after %dd", tc.lifetimeDays), qty(e, "early_delete"), wantQty)
		near(t, "early delete cost", cost(e, "early_delete"), wantQty.Mul(d("0.0036")))
		// Back to days, the way AWS states it.
		days := qty(e, "early_delete").DivRound(d("1.000030517578125"), 30).Mul(d("730")).DivRound(d("24"), 10)
		exact(t, "days charged", days, decimal.NewFromInt(tc.chargedDays))
		// It is charged in the month the object leaves: month 0 for 30 days
		// (720 h < 730 h), month 1 for 60 days.
		leaveMonth := 0
		if tc.lifetimeDays == 60 {
			leaveMonth = 1
		}
		storageInLeaveMonth := e.Monthly[leaveMonth]
		if storageInLeaveMonth.LessThan(cost(e, "early_delete")) {
			t.Errorf("month %d cost %s does not include the early deletion %s", leaveMonth, storageInLeaveMonth, cost(e, "early_delete"))
		}
	}
}

// Example 5: a 6 KB object in Standard-IA is billed as 128 KB; one deleted
// after 10 days is billed for 30 days.
func TestAWSExampleStandardIAMinimums(t *testing.T) {
	w := baseWorkload()
	w.Objects.Mix = mixOf(6 * model.KiB)
	w.Lifetime = 10 * model.Day
	e := estimateFor(t, w, model.StandardIA)
	// Stored 10 days (240/730 month): data 6 KiB and padding 122 KiB.
	kibToGB := func(kib string) decimal.Decimal { return d(kib).DivRound(d("1048576"), 30) }
	near(t, "data", qty(e, "storage"), kibToGB("6").Mul(frac("240", "730")))
	near(t, "padding to 128 KiB", qty(e, "storage.min_size"), kibToGB("122").Mul(frac("240", "730")))
	// Then the remaining 20 days on 128 KiB.
	near(t, "early delete", qty(e, "early_delete"), kibToGB("128").Mul(frac("480", "730")))
	// Altogether 128 KiB for 30 days.
	all := qty(e, "storage").Add(qty(e, "storage.min_size")).Add(qty(e, "early_delete"))
	near(t, "billed GB-months", all, kibToGB("128").Mul(frac("720", "730")))
}

// Example 6: 310,000 PUTs x 0.005/1,000 = 1.55; 620,000 GETs x
// 0.0004/1,000 = 0.248.
func TestAWSExampleRequests(t *testing.T) {
	w := baseWorkload()
	w.Objects.From = model.Standard // the stock is not PUT again
	w.UploadsPerMonth = d("310000")
	w.Reads.PerMonth = d("620000")
	e := estimateFor(t, w, model.Standard)
	exact(t, "PUT", cost(e, "requests.put"), d("1.55"))
	exact(t, "GET", cost(e, "requests.get"), d("0.248"))
}

// S3 FAQ, Express One Zone example 1: 10 GB stored a month, 1,000,000 writes
// and 9,000,000 reads of 10 KB: storage 10 x 0.11 = 1.10; PUT 1,000,000 x
// 0.00113/1,000 = 1.13; GET 9,000,000 x 0.00003/1,000 = 0.27; upload
// 10 KB / 1,048,576 x 1,000,000 x 0.0032 = 0.030517578125; retrieval
// 10 KB / 1,048,576 x 9,000,000 x 0.0006 = 0.0514984130859375; total 2.58.
func TestAWSExampleExpressOneZone(t *testing.T) {
	// The requests: 1,000,000 uploads of 10 KiB in one month.
	w := baseWorkload()
	w.Objects.Count = d("0")
	w.Objects.Mix = mixOf(10 * model.KiB)
	w.UploadsPerMonth = d("1000000")
	w.Reads.PerMonth = d("9000000")
	e := estimateFor(t, w, model.ExpressOneZone)
	exact(t, "PUT", cost(e, "requests.put"), d("1.13"))
	exact(t, "GET", cost(e, "requests.get"), d("0.27"))
	exact(t, "upload", cost(e, "requests.upload_bytes"), d("0.030517578125"))
	exact(t, "retrieval", cost(e, "retrieval.bytes"), d("0.0514984130859375"))

	// The storage: AWS bills 10 GB-months; 10 GiB for a whole month.
	s := baseWorkload()
	s.Objects.Count = d("10")
	s.Objects.From = model.ExpressOneZone
	storage := cost(estimateFor(t, s, model.ExpressOneZone), "storage")
	exact(t, "storage", storage, d("1.10"))

	total := storage.Add(cost(e, "requests.put")).Add(cost(e, "requests.get")).
		Add(cost(e, "requests.upload_bytes")).Add(cost(e, "retrieval.bytes"))
	if total.Round(2).String() != "2.58" {
		t.Errorf("total %s, AWS says 2.58", total)
	}
}
