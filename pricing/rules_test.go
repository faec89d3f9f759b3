package pricing

import (
	"testing"
	"time"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// One case per rule of the cost semantics (docs/cost-rules.md), each with
// its arithmetic worked by hand from the us-east-1 sheet.
func TestRules(t *testing.T) {
	ptr := func(s string) *decimal.Decimal { v := d(s); return &v }
	cases := []struct {
		name  string
		class model.ClassID
		edit  func(w *model.Workload)
		item  string // a line item; "total" for the estimate's total
		qty   bool   // compare the line's quantity instead of its cost
		want  decimal.Decimal
	}{
		// Units: 1 GiB present for one 730-hour month is 1 GB-month.
		{"units: 1 GiB for a month", model.Standard, func(w *model.Workload) { w.Objects.From = model.Standard },
			"storage", true, d("1")},
		// Tiered storage on the month's total: 60,000 GiB = 51,200 x 0.023 +
		// 8,800 x 0.022 = 1177.6 + 193.6 = 1371.2.
		{"tiered storage", model.Standard, func(w *model.Workload) {
			w.Objects.From = model.Standard
			w.Objects.Count = d("60000")
		}, "storage", false, d("1371.2")},
		// Over 500 TB: 600,000 GB = 51,200 x 0.023 + 460,800 x 0.022 +
		// 88,000 x 0.021 = 1177.6 + 10137.6 + 1848 = 13163.2.
		{"third storage tier", model.Standard, func(w *model.Workload) {
			w.Objects.From = model.Standard
			w.Objects.Count = d("600000")
		}, "storage", false, d("13163.2")},
		// Tiers apply to each month's total, not the horizon's: two months of
		// 40,000 GB are 80,000 GB-months, all in the first tier:
		// 80,000 x 0.023 = 1840.
		{"tiers per month", model.Standard, func(w *model.Workload) {
			w.Objects.From = model.Standard
			w.Objects.Count = d("40000")
			w.Months = 2
		}, "storage", false, d("1840")},
		// Minimum billable size: 1,000 objects of 64 KiB in ONEZONE_IA are
		// padded by 64 KiB each: 64,000 KiB = 0.06103515625 GB x 0.01 =
		// 0.0006103515625.
		{"min size padding", model.OneZoneIA, func(w *model.Workload) {
			w.Objects.From = model.OneZoneIA
			w.Objects.Count = d("1000")
			w.Objects.Mix = mixOf(64 * model.KiB)
		}, "storage.min_size", false, d("0.0006103515625")},
		// Objects at or above the minimum size get no padding.
		{"no padding at 128 KiB", model.GlacierIR, func(w *model.Workload) {
			w.Objects.From = model.GlacierIR
			w.Objects.Mix = mixOf(128 * model.KiB)
		}, "storage.min_size", true, d("0")},
		// Archive overhead in DEEP_ARCHIVE: 1,048,576 objects x 32 KiB =
		// 32 GiB x 0.00099 = 0.03168.
		{"deep archive overhead", model.DeepArchive, func(w *model.Workload) {
			w.Objects.From = model.DeepArchive
			w.Objects.Count = d("1048576")
			w.Objects.Mix = mixOf(model.MiB)
		}, "storage.overhead.archive", false, d("0.03168")},
		// ... and 8 KiB each = 8 GiB at the STANDARD rate: 8 x 0.023 = 0.184.
		{"deep archive standard overhead", model.DeepArchive, func(w *model.Workload) {
			w.Objects.From = model.DeepArchive
			w.Objects.Count = d("1048576")
			w.Objects.Mix = mixOf(model.MiB)
		}, "storage.overhead.standard", false, d("0.184")},
		// Minimum duration 180 days in DEEP_ARCHIVE; deleted after 1 year
		// (longer): no early deletion.
		{"no early delete past the minimum", model.DeepArchive, func(w *model.Workload) {
			w.Lifetime = model.Year
			w.Months = 24
		}, "early_delete", false, d("0")},
		// Deleted after the horizon: no early deletion within it. 30 days in
		// GLACIER with a 1-month horizon... 30 d = 720 h < 730 h, so the
		// object does leave in month 0; use 31 days to leave in month 1.
		{"early delete outside the horizon", model.Glacier, func(w *model.Workload) {
			w.Lifetime = 31 * model.Day
		}, "early_delete", false, d("0")},
		// Early deletion of a monthly cohort: 1,000 objects of 1 GiB uploaded
		// each month into STANDARD_IA, deleted after 15 days, 2 months: each
		// cohort pays 15 more days: 2 x 1,000 GB x 360/730 months x 0.0125 =
		// 9000/730 = 12.328767123287671...
		{"early delete per cohort", model.StandardIA, func(w *model.Workload) {
			w.Objects.Count = d("0")
			w.UploadsPerMonth = d("1000")
			w.Lifetime = 15 * model.Day
			w.Months = 2
		}, "early_delete", false, frac("9000", "730")},
		// PUT per object written: the month-0 stock (1) and 999 uploads in
		// each of 2 months: 1 + 1,998 = 1,999 PUTs x 0.02/1,000 in GLACIER_IR
		// = 0.03998.
		{"PUTs: stock and uploads", model.GlacierIR, func(w *model.Workload) {
			w.UploadsPerMonth = d("999")
			w.Months = 2
		}, "requests.put", false, d("0.03998")},
		// A stock already stored (from) is not PUT.
		{"no PUT for stored stock", model.Standard, func(w *model.Workload) { w.Objects.From = model.Standard },
			"requests.put", false, d("0")},
		// GET per read at the class's price: 10,000 in GLACIER_IR x 0.01/1,000 = 0.1.
		{"GET price per class", model.GlacierIR, func(w *model.Workload) { w.Reads.PerMonth = d("10000") },
			"requests.get", false, d("0.1")},
		// LIST at the STANDARD PUT rate whatever the class: 20,000 x 0.005/1,000 = 0.1.
		{"LIST at the STANDARD PUT rate", model.DeepArchive, func(w *model.Workload) { w.ListsPerMonth = d("20000") },
			"requests.list", false, d("0.1")},
		// Lifecycle transition STANDARD -> GLACIER: 1,000 objects x 0.03/1,000 = 0.03.
		{"lifecycle transition", model.Glacier, func(w *model.Workload) {
			w.Objects.From = model.Standard
			w.Objects.Count = d("1000")
		}, "transitions", false, d("0.03")},
		// Objects under 128 KiB are not transitioned but copied: 1,000 x GET
		// at STANDARD (0.0004/1,000) = 0.0004 ...
		{"small objects copied: GET", model.GlacierIR, func(w *model.Workload) {
			w.Objects.From = model.Standard
			w.Objects.Count = d("1000")
			w.Objects.Mix = mixOf(64 * model.KiB)
		}, "transitions.copy_get", false, d("0.0004")},
		// ... and a PUT at GLACIER_IR (0.02/1,000) = 0.02, and no transition.
		{"small objects copied: PUT", model.GlacierIR, func(w *model.Workload) {
			w.Objects.From = model.Standard
			w.Objects.Count = d("1000")
			w.Objects.Mix = mixOf(64 * model.KiB)
		}, "transitions.copy_put", false, d("0.02")},
		{"small objects: no transition", model.GlacierIR, func(w *model.Workload) {
			w.Objects.From = model.Standard
			w.Objects.Count = d("1000")
			w.Objects.Mix = mixOf(64 * model.KiB)
		}, "transitions", false, d("0")},
		// Warmer class: GLACIER -> STANDARD is a copy with a restore first:
		// 1,000 standard restores x 0.05/1,000 = 0.05 ...
		{"copy out of GLACIER: restore", model.Standard, func(w *model.Workload) {
			w.Objects.From = model.Glacier
			w.Objects.Count = d("1000")
		}, "transitions.copy_restore", false, d("0.05")},
		// ... and 1,000 GB retrieved at 0.01 = 10.
		{"copy out of GLACIER: retrieval", model.Standard, func(w *model.Workload) {
			w.Objects.From = model.Glacier
			w.Objects.Count = d("1000")
		}, "transitions.copy_retrieval", false, d("10")},
		// ONEZONE_IA cannot go to GLACIER_IR by lifecycle: 1,000 x PUT 0.02/1,000.
		{"ONEZONE_IA to GLACIER_IR is a copy", model.GlacierIR, func(w *model.Workload) {
			w.Objects.From = model.OneZoneIA
			w.Objects.Count = d("1000")
		}, "transitions.copy_put", false, d("0.02")},
		// ... with Standard-IA-style retrieval at the source: 1,000 GB x 0.01 = 10.
		{"copy out of ONEZONE_IA pays retrieval", model.GlacierIR, func(w *model.Workload) {
			w.Objects.From = model.OneZoneIA
			w.Objects.Count = d("1000")
		}, "transitions.copy_retrieval", false, d("10")},
		// Retrieval per GB: 500 full reads of 1 GiB from GLACIER_IR x 0.03 = 15.
		{"retrieval per GB", model.GlacierIR, func(w *model.Workload) { w.Reads.PerMonth = d("500") },
			"retrieval.bytes", false, d("15")},
		// Ranged reads: 1,000 GETs of 256 KiB from STANDARD_IA: 256,000 KiB =
		// 0.244140625 GB x 0.01 = 0.00244140625.
		{"ranged reads", model.StandardIA, func(w *model.Workload) {
			w.Reads.PerMonth = d("1000")
			w.Reads.Full = false
			w.Reads.Bytes = decimal.NewFromInt(256 * model.KiB)
		}, "retrieval.bytes", false, d("0.00244140625")},
		// Restore from GLACIER, standard tier: 1,000 reads of 1 GiB:
		// requests 1,000 x 0.05/1,000 = 0.05;
		{"restore requests", model.Glacier, func(w *model.Workload) { w.Reads.PerMonth = d("1000") },
			"retrieval.requests", false, d("0.05")},
		// per GB 1,000 x 0.01 = 10;
		{"restore per GB", model.Glacier, func(w *model.Workload) { w.Reads.PerMonth = d("1000") },
			"retrieval.bytes", false, d("10")},
		// the copy kept 2 days at 0.023: 1,000 GB x 48/730 months x 0.023 =
		// 1104/730 = 1.5123287671...
		{"restored copy", model.Glacier, func(w *model.Workload) {
			w.Reads.PerMonth = d("1000")
			w.Reads.RestoreDays = d("2")
		}, "retrieval.restored_copy", false, frac("1104", "730")},
		// Bulk restores from GLACIER are free (PRICING: third-party 0.0025 is wrong).
		{"GLACIER bulk is free", model.Glacier, func(w *model.Workload) {
			w.Reads.PerMonth = d("1000")
			w.Reads.Restore = model.RestoreBulk
		}, "retrieval.bytes", false, d("0")},
		// DEEP_ARCHIVE bulk: 1,000 GB x 0.0025 = 2.5, requests 1,000 x
		// 0.025/1,000 = 0.025.
		{"DEEP_ARCHIVE bulk per GB", model.DeepArchive, func(w *model.Workload) {
			w.Reads.PerMonth = d("1000")
			w.Reads.Restore = model.RestoreBulk
		}, "retrieval.bytes", false, d("2.5")},
		{"DEEP_ARCHIVE bulk requests", model.DeepArchive, func(w *model.Workload) {
			w.Reads.PerMonth = d("1000")
			w.Reads.Restore = model.RestoreBulk
		}, "retrieval.requests", false, d("0.025")},
		// Express One Zone: the stock of 1 GiB and 99 uploads of 1 GiB:
		// 100 GB x 0.0032 = 0.32 uploaded ...
		{"Express upload per GB", model.ExpressOneZone, func(w *model.Workload) { w.UploadsPerMonth = d("99") },
			"requests.upload_bytes", false, d("0.32")},
		// ... and 1,000 reads of 10 KiB objects (10,000 KiB =
		// 0.0095367431640625 GB) x 0.0006 = 0.0000057220458984375.
		{"Express retrieval on small reads", model.ExpressOneZone, func(w *model.Workload) {
			w.Objects.Mix = mixOf(10 * model.KiB)
			w.Reads.PerMonth = d("1000")
		}, "retrieval.bytes", false, d("0.0000057220458984375")},
		// Intelligent-Tiering, 1,000 objects of 1 GiB moved in from STANDARD,
		// never read (active share 0), 4 months: frequent in month 0
		// (1,000 GB x 0.023 = 23), infrequent in months 1-2 (2,000 x 0.0125 =
		// 25), archive instant in month 3 (1,000 x 0.004 = 4).
		{"IT frequent", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Months, w.Reads.ActiveShare = model.Standard, d("1000"), 4, ptr("0")
		}, "storage.tier.FREQUENT", false, d("23")},
		{"IT infrequent", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Months, w.Reads.ActiveShare = model.Standard, d("1000"), 4, ptr("0")
		}, "storage.tier.INFREQUENT", false, d("25")},
		{"IT archive instant", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Months, w.Reads.ActiveShare = model.Standard, d("1000"), 4, ptr("0")
		}, "storage.tier.ARCHIVE_INSTANT", false, d("4")},
		// Monitoring: 1,000 objects x 4 months = 4 (1K object-months) x 0.0025 = 0.01.
		{"IT monitoring", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Months, w.Reads.ActiveShare = model.Standard, d("1000"), 4, ptr("0")
		}, "monitoring", false, d("0.01")},
		// Moving in from STANDARD: 1,000 transitions x 0.01/1,000 = 0.01.
		{"IT transition", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Months, w.Reads.ActiveShare = model.Standard, d("1000"), 4, ptr("0")
		}, "transitions", false, d("0.01")},
		// Active share 0.5 over 4 months, in GB-months: month 0 1,000
		// frequent; months 1, 2: 500 each; month 3: 500 read this month.
		// Frequent = 1000 + 500 + 500 + 500 = 2,500.
		{"IT active share: frequent", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Months, w.Reads.ActiveShare = model.Standard, d("1000"), 4, ptr("0.5")
		}, "storage.tier.FREQUENT", true, d("2500")},
		// Infrequent: months 1, 2: 500 each; month 3: (0.5 - 0.125) x 1,000
		// = 375. Total 1,375.
		{"IT active share: infrequent", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Months, w.Reads.ActiveShare = model.Standard, d("1000"), 4, ptr("0.5")
		}, "storage.tier.INFREQUENT", true, d("1375")},
		// Archive instant: month 3: 0.5^3 x 1,000 = 125.
		{"IT active share: archive instant", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Months, w.Reads.ActiveShare = model.Standard, d("1000"), 4, ptr("0.5")
		}, "storage.tier.ARCHIVE_INSTANT", true, d("125")},
		// Default active share = reads / objects: 250 reads of 1,000 objects
		// = 0.25; month 1 infrequent = 0.75 x 1,000 = 750 GB-months.
		{"IT default active share", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Months = model.Standard, d("1000"), 2
			w.Reads.PerMonth = d("250")
		}, "storage.tier.INFREQUENT", true, d("750")},
		// Objects under 128 KiB stay frequent and pay no monitoring.
		{"IT small objects unmonitored", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Months, w.Reads.ActiveShare = model.Standard, d("1000"), 4, ptr("0")
			w.Objects.Mix = mixOf(64 * model.KiB)
		}, "monitoring", false, d("0")},
		// ... 1,000 x 64 KiB = 62.5 MiB = 0.06103515625 GB, x 4 months, all frequent.
		{"IT small objects stay frequent", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Months, w.Reads.ActiveShare = model.Standard, d("1000"), 4, ptr("0")
			w.Objects.Mix = mixOf(64 * model.KiB)
		}, "storage.tier.FREQUENT", true, d("0.244140625")},
		// Transfer out, tiered: 20 TiB = 20,480 GB in a month: 10,240 x 0.09
		// + 10,240 x 0.085 = 921.6 + 870.4 = 1,792.
		{"internet transfer tiers", model.Standard, func(w *model.Workload) {
			w.Transfer.InternetBytes = decimal.NewFromInt(20 * model.TiB)
		}, "transfer.internet", false, d("1792")},
		// Inter-region: 100 GiB x 0.02 = 2.
		{"inter-region transfer", model.DeepArchive, func(w *model.Workload) {
			w.Transfer.InterRegionBytes = decimal.NewFromInt(100 * model.GiB)
		}, "transfer.inter_region", false, d("2")},
		// Cohorts with a lifetime: 1,000 uploads of 1 GiB each month into
		// STANDARD (no stock), kept 45 days (1080/730 months), 3 months.
		// Object-months: month 0: 1,000; month 1: 1,000 + 1,000 x 350/730;
		// month 2: the same (the month-0 cohort has left). Total GB-months =
		// 3,000 + 2 x 350,000/730 = 3,000 + 700,000/730.
		{"cohorts with lifetime", model.Standard, func(w *model.Workload) {
			w.Objects.Count = d("0")
			w.UploadsPerMonth = d("1000")
			w.Lifetime = 45 * model.Day
			w.Months = 3
		}, "storage", true, d("3000").Add(frac("700000", "730"))},
		// A copy out of GLACIER restores at the workload's tier, whatever the
		// target: bulk is free, so 1,000 GiB copied into STANDARD pay no
		// restore request and no per-GB fee.
		{"copy out of GLACIER at bulk: requests", model.Standard, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Reads.Restore = model.Glacier, d("1000"), model.RestoreBulk
		}, "transitions.copy_restore", false, d("0")},
		{"copy out of GLACIER at bulk: per GB", model.Standard, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Reads.Restore = model.Glacier, d("1000"), model.RestoreBulk
		}, "transitions.copy_retrieval", false, d("0")},
		// Expedited: 1,000 x 10.00/1,000 = 10 and 1,000 GB x 0.03 = 30, also
		// when the target (DEEP_ARCHIVE, 64 KiB objects lifecycle skips)
		// offers no expedited tier itself.
		{"copy out of GLACIER expedited into DEEP_ARCHIVE", model.DeepArchive, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Reads.Restore = model.Glacier, d("1000"), model.RestoreExpedited
			w.Objects.Mix = mixOf(64 * model.KiB)
		}, "transitions.copy_restore", false, d("10")},
		{"copy out of GLACIER expedited: per GB", model.Standard, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Reads.Restore = model.Glacier, d("1000"), model.RestoreExpedited
		}, "transitions.copy_retrieval", false, d("30")},
		// The copy is read from a restored copy kept one day at the STANDARD
		// rate: 1,000 GB x 24/730 x 0.023 = 552/730.
		{"copy out of GLACIER: the restored copy", model.Standard, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count = model.Glacier, d("1000")
		}, "transitions.copy_restored_copy", false, frac("552", "730")},
		// Leaving exactly on a month boundary: 1,000 uploads of 1 GiB a month
		// into GLACIER_IR, lifetime exactly one month (730 h), 2 months. The
		// month-0 cohort leaves at the start of month 1 and pays the rest of
		// 90 days there: 1,000 GB x (2160 - 730)/730 months x 0.004 =
		// 5720/730. The month-1 cohort leaves at the end of the horizon,
		// outside it.
		{"leaving on a month boundary", model.GlacierIR, func(w *model.Workload) {
			w.Objects.Count = d("0")
			w.UploadsPerMonth = d("1000")
			w.Lifetime = model.Month
			w.Months = 2
		}, "early_delete", false, frac("5720", "730")},
		// A stock already stored in GLACIER is old enough to be deleted
		// freely: lifetime 30 days, no early deletion ...
		{"stored stock leaves freely", model.Glacier, func(w *model.Workload) {
			w.Objects.From, w.Lifetime, w.Months = model.Glacier, 30*model.Day, 2
		}, "early_delete", false, d("0")},
		// ... but a stock moved into GLACIER at month 0 starts its clock
		// there: 60 more days on 1 GiB + 32 KiB, 1.000030517578125 GB x
		// 1440/730 months x 0.0036.
		{"moved stock pays early deletion", model.Glacier, func(w *model.Workload) {
			w.Objects.From, w.Lifetime, w.Months = model.Standard, 30*model.Day, 2
		}, "early_delete", false, d("1.000030517578125").Mul(frac("1440", "730")).Mul(d("0.0036"))},
		// A stock already in Intelligent-Tiering is old: never read (active
		// share 0), it sits in archive instant from month 0: 1,000 GB x
		// 0.004 = 4, and nothing in the frequent tier.
		{"IT stored stock is old: archive instant", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Reads.ActiveShare = model.IntelligentTiering, d("1000"), ptr("0")
		}, "storage.tier.ARCHIVE_INSTANT", false, d("4")},
		{"IT stored stock is old: not frequent", model.IntelligentTiering, func(w *model.Workload) {
			w.Objects.From, w.Objects.Count, w.Reads.ActiveShare = model.IntelligentTiering, d("1000"), ptr("0")
		}, "storage.tier.FREQUENT", false, d("0")},
		// Sub-day lifetimes are honoured: 12 hours of 1 GiB = 12/730 GB-months.
		{"hours", model.Standard, func(w *model.Workload) { w.Lifetime = 12 * time.Hour },
			"storage", true, frac("12", "730")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := baseWorkload()
			tc.edit(&w)
			e := estimateFor(t, w, tc.class)
			var got decimal.Decimal
			switch {
			case tc.item == "total":
				got = e.Total
			case tc.qty:
				got = qty(e, tc.item)
			default:
				got = cost(e, tc.item)
			}
			near(t, tc.item, got, tc.want)
		})
	}
}
