package report

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/model"
)

// Hand-built reports of `s3cost check`, `s3cost diff` and `s3cost explain`.
// Every sum below is worked out by hand in the comments; the renderers only
// format, so a wrong sum here would show as a wrong golden figure.

// withMonthly replaces e's even monthly split by the given months, which
// must add up to e.Total (a fixture that does not is a bug in the test).
func withMonthly(e model.Estimate, months ...string) model.Estimate {
	e.Monthly = nil
	sum := decimal.Zero
	for _, m := range months {
		e.Monthly = append(e.Monthly, dec(m))
		sum = sum.Add(dec(m))
	}
	if !sum.Equal(e.Total) {
		panic(fmt.Sprintf("fixture: %s: months sum to %s, total is %s", e.Class, sum, e.Total))
	}
	return e
}

// dataset is one dataset of file priced as e. cheapestTotal "" means the
// class priced is the cheapest (its own total).
func dataset(file, name string, pinned bool, cheapest model.ClassID, cheapestTotal string, e model.Estimate) model.DatasetCost {
	ct := e.Total
	if cheapestTotal != "" {
		ct = dec(cheapestTotal)
	}
	return model.DatasetCost{
		File: file, Path: "workloads/" + file + ".yaml", Dataset: name,
		Class: e.Class, Pinned: pinned, Cheapest: cheapest, CheapestTotal: ct,
		Estimate: e, Months: len(e.Monthly),
	}
}

// series is a CostSeries of the given months, its total their sum.
func series(months ...string) model.CostSeries {
	s := model.CostSeries{Total: decimal.Zero}
	for _, m := range months {
		s.Monthly = append(s.Monthly, dec(m))
		s.Total = s.Total.Add(dec(m))
	}
	// Every fixture file has the same horizon, so the sum of the datasets'
	// averages is the total over the months.
	s.Average = s.Total.DivRound(decimal.NewFromInt(int64(len(months))), 16)
	return s
}

// checkPassing: one file of two datasets over 3 months, every check holds.
//
//	media/thumbnails  STANDARD_IA (cheapest)
//	  storage 3000 x 0.0125 = 37.5, min size 600 x 0.0125 = 7.5,
//	  PUT 30 x 0.01 = 0.3 -> 45.3; months 10.1 + 15.1 + 20.1 = 45.3;
//	  average 15.1, peak 20.1
//	media/originals   GLACIER_IR (pinned), cheapest GLACIER at 112.34
//	  storage 30000 x 0.004 = 120, retrieval 300 x 0.03 = 9,
//	  PUT 10 x 0.02 = 0.2 -> 129.2; months 40 + 44.6 + 44.6 = 129.2;
//	  average 43.0666... -> $43.07, peak 44.6; GLACIER 112.34 / 3 =
//	  37.4466... -> $37.45; overspend (129.2 - 112.34) / 112.34 =
//	  15.0080...% -> 15.0%, within 20%
//	media sum: 50.1, 59.7, 64.7 -> 174.5; average 58.1666... -> $58.17,
//	  peak 64.7
func checkPassing() model.CheckReport {
	const m = 3
	thumbs := withMonthly(est(model.StandardIA, m, nil, nil,
		line("storage", "3000", "GB-Mo", "0.0125"),
		line("storage.min_size", "600", "GB-Mo", "0.0125"),
		line("requests.put", "30", "1K requests", "0.01"),
	), "10.1", "15.1", "20.1")
	originals := withMonthly(est(model.GlacierIR, m, nil, nil,
		line("storage", "30000", "GB-Mo", "0.004"),
		line("retrieval.bytes", "300", "GB", "0.03"),
		line("requests.put", "10", "1K requests", "0.02"),
	), "40", "44.6", "44.6")
	sum := series("50.1", "59.7", "64.7")
	return model.CheckReport{
		Files: []model.FileCost{{
			Name: "media", Path: "workloads/media.yaml",
			Datasets: []model.DatasetCost{
				dataset("media", "thumbnails", false, model.StandardIA, "", thumbs),
				dataset("media", "originals", true, model.Glacier, "112.34", originals),
			},
			Sum: sum,
		}},
		Overall: sum,
		Checks: []model.Check{
			{Scope: "media", Kind: model.CheckMonthly, Source: "file", Limit: dec("100"), Actual: dec("64.7"), Pass: true},
			{Scope: "media", Kind: model.CheckTotal, Source: "file", Limit: dec("250"), Actual: dec("174.5"), Pass: true},
			{Scope: "media/originals", Kind: model.CheckOverspend, Source: "--max-overspend", Limit: dec("20"), Actual: dec("15.008011394"), Pass: true},
			{Scope: "media/thumbnails", Kind: model.CheckRequirements, Source: "dataset", Pass: true, Detail: "STANDARD_IA meets the requirements"},
			{Scope: "media/originals", Kind: model.CheckRequirements, Source: "dataset", Pass: true, Detail: "GLACIER_IR meets the requirements"},
		},
		Pricing:  pricingUSEast1(),
		Currency: "USD",
	}
}

// checkFailing: two files over 3 months; a dataset over its monthly
// budget, a file over its total budget, a pinned class over
// --max-overspend and a pinned class that misses a requirement.
//
//	platform-storage/app-logs  STANDARD (pinned), cheapest GLACIER_IR at 360
//	  storage 30000 x 0.023 = 690, PUT 5000 x 0.005 = 25,
//	  transfer 1000 x 0.09 = 90 -> 805; months 200 + 292.6 + 312.4 = 805;
//	  average 268.333... -> $268.33; peak 312.4 > 250 (dataset budget);
//	  GLACIER_IR 360 / 3 = $120.00; overspend (805 - 360) / 360 =
//	  123.6111...% -> 123.6%, over 25%
//	platform-storage/audit     DEEP_ARCHIVE (pinned, misses first byte),
//	  cheapest GLACIER_IR at 90
//	  storage 20000 x 0.00099 = 19.8, overhead 500 x 0.00099 = 0.495 and
//	  125 x 0.023 = 2.875, restores 10 x 0.1 = 1 -> 24.17; est's months
//	  8.056667 + 8.056667 + 8.056666; average 8.0566... -> $8.06; 90 / 3 = $30.00
//	platform-storage sum: 208.056667, 300.656667, 320.456666 -> 829.17;
//	  average 276.39, peak 320.456666 -> $320.46
//	data-lake/raw              STANDARD_IA (cheapest)
//	  storage 80000 x 0.0125 = 1000, retrieval 2000 x 0.01 = 20,
//	  early delete 400 x 0.0125 = 5 -> 1025; months 300 + 350 + 375;
//	  average 341.666... -> $341.67; total 1025 > 900 (file budget)
//	all files: 508.056667, 650.656667, 695.456666 -> 1854.17; average
//	  618.0566... -> $618.06; peak 695.456666 -> $695.46 <= 1000 (--budget)
func checkFailing() model.CheckReport {
	const m = 3
	appLogs := withMonthly(est(model.Standard, m, nil, nil,
		line("storage", "30000", "GB-Mo", "0.023"),
		line("requests.put", "5000", "1K requests", "0.005"),
		line("transfer.internet", "1000", "GB", "0.09"),
	), "200", "292.6", "312.4")
	audit := est(model.DeepArchive, m, []string{archiveViolation}, nil,
		line("storage", "20000", "GB-Mo", "0.00099"),
		line("storage.overhead.archive", "500", "GB-Mo", "0.00099"),
		line("storage.overhead.standard", "125", "GB-Mo", "0.023"),
		line("retrieval.requests", "10", "1K requests", "0.1"),
	)
	raw := withMonthly(est(model.StandardIA, m, nil, nil,
		line("storage", "80000", "GB-Mo", "0.0125"),
		line("retrieval.bytes", "2000", "GB", "0.01"),
		line("early_delete", "400", "GB-Mo", "0.0125"),
	), "300", "350", "375")
	return model.CheckReport{
		Files: []model.FileCost{
			{
				Name: "platform-storage", Path: "workloads/platform-storage.yaml",
				Datasets: []model.DatasetCost{
					dataset("platform-storage", "app-logs", true, model.GlacierIR, "360", appLogs),
					dataset("platform-storage", "audit", true, model.GlacierIR, "90", audit),
				},
				Sum: series("208.056667", "300.656667", "320.456666"),
			},
			{
				Name: "data-lake", Path: "workloads/data-lake.yaml",
				Datasets: []model.DatasetCost{
					dataset("data-lake", "raw", false, model.StandardIA, "", raw),
				},
				Sum: series("300", "350", "375"),
			},
		},
		Overall: series("508.056667", "650.656667", "695.456666"),
		Checks: []model.Check{
			{Scope: "all files", Kind: model.CheckMonthly, Source: "--budget", Limit: dec("1000"), Actual: dec("695.456666"), Pass: true},
			{Scope: "platform-storage/app-logs", Kind: model.CheckMonthly, Source: "dataset", Limit: dec("250"), Actual: dec("312.4")},
			{Scope: "platform-storage/app-logs", Kind: model.CheckRequirements, Source: "dataset", Pass: true, Detail: "STANDARD meets the requirements"},
			{Scope: "platform-storage/app-logs", Kind: model.CheckOverspend, Source: "--max-overspend", Limit: dec("25"), Actual: dec("123.6111111111111111"),
				Detail: "STANDARD against the cheapest, GLACIER_IR"},
			{Scope: "platform-storage/audit", Kind: model.CheckRequirements, Source: "dataset",
				Detail: "DEEP_ARCHIVE misses a requirement: " + archiveViolation},
			{Scope: "data-lake", Kind: model.CheckTotal, Source: "file", Limit: dec("900"), Actual: dec("1025")},
			{Scope: "data-lake/raw", Kind: model.CheckRequirements, Source: "dataset", Pass: true, Detail: "STANDARD_IA meets the requirements"},
		},
		Pricing:  pricingUSEast1(),
		Currency: "USD",
	}
}

// diffSide is a dataset on one side of a diff, over 3 months.
func diffSide(file, name string, pinned bool, cheapest model.ClassID, cheapestTotal string, e model.Estimate) *model.DatasetCost {
	d := dataset(file, name, pinned, cheapest, cheapestTotal, e)
	return &d
}

// diffFixture: over 3 months, monthly averages (total / 3):
//
//	platform-storage/app-logs  STANDARD_IA 300 -> 100  to 337.5 -> 112.5:
//	                           +12.5 (+12.5%); cheapest STANDARD_IA -> GLACIER_IR
//	platform-storage/audit     GLACIER 60 -> 20  to DEEP_ARCHIVE 24 -> 8:
//	                           -12 (-60.0%); pinned class changed, cheapest not
//	data-lake/raw              added, STANDARD_IA 150 -> 50: +50
//	data-lake/tmp              removed, STANDARD 90 -> 30: -30
//	data-lake/static           unchanged, STANDARD 30 -> 10
//
// Before 100 + 20 + 30 + 10 = 160, after 112.5 + 8 + 50 + 10 = 180.5:
// +20.5, 20.5 / 160 = 12.8125% -> +12.8%.
func diffFixture() model.DiffReport {
	const m = 3
	std := func(gbMonths string) model.Estimate {
		return est(model.Standard, m, nil, nil, line("storage", gbMonths, "GB-Mo", "0.0225"))
	}
	static := func() model.Estimate { // 1500 x 0.02 = 30
		return est(model.Standard, m, nil, nil, line("storage", "1500", "GB-Mo", "0.02"))
	}
	ia := func(gbMonths string) model.Estimate {
		return est(model.StandardIA, m, nil, nil, line("storage", gbMonths, "GB-Mo", "0.0125"))
	}
	return model.DiffReport{
		Rows: []model.DiffRow{
			{File: "platform-storage", Dataset: "app-logs",
				Before: diffSide("platform-storage", "app-logs", true, model.StandardIA, "", ia("24000")),    // 300
				After:  diffSide("platform-storage", "app-logs", true, model.GlacierIR, "300", ia("27000"))}, // 337.5
			{File: "platform-storage", Dataset: "audit",
				Before: diffSide("platform-storage", "audit", true, model.DeepArchive, "24", est(model.Glacier, m, nil, nil,
					line("storage", "15000", "GB-Mo", "0.004"))), // 60
				After: diffSide("platform-storage", "audit", true, model.DeepArchive, "", est(model.DeepArchive, m, nil, nil,
					line("storage", "24000", "GB-Mo", "0.001")))}, // 24
			{File: "data-lake", Dataset: "raw",
				After: diffSide("data-lake", "raw", false, model.StandardIA, "", ia("12000"))}, // 150
			{File: "data-lake", Dataset: "tmp",
				Before: diffSide("data-lake", "tmp", false, model.Standard, "", std("4000"))}, // 90
			{File: "data-lake", Dataset: "static",
				Before: diffSide("data-lake", "static", false, model.Standard, "", static()),
				After:  diffSide("data-lake", "static", false, model.Standard, "", static())},
		},
		Before:   dec("160"),
		After:    dec("180.5"),
		Currency: "USD",
		Pricing:  pricingUSEast1(),
	}
}

// diffOverLimit is diffFixture with --fail-above 15: the increase of 20.5
// a month is over it.
func diffOverLimit() model.DiffReport {
	r := diffFixture()
	limit := dec("15")
	r.Limit, r.Failed = &limit, true
	return r
}

// explainComparison: one workload over 3 months priced in STANDARD and
// STANDARD_IA with SSE-KMS, a customer managed key with rotation.
//
//	STANDARD: 60,000 GB-months a month split at 51,200: 153,600 x 0.023 =
//	  3532.8 and 26,400 x 0.022 = 580.8; PUT 1000 x 0.005 = 5; GET 50000 x
//	  0.0004 = 20; LIST 200 x 0.005 = 1; KMS 5100 x 0.03 = 153; key 3 x 1 = 3;
//	  rotations 3 x 1 = 3; transfer 3000 x 0.09 = 270 -> 4568.6 (1522.866...
//	  a month)
//	STANDARD_IA: storage 120000 x 0.0125 = 1500; min size 2400.123456789 x
//	  0.0125 = 30.0015432098625; early delete 800 x 0.0125 = 10; PUT 1000 x
//	  0.01 = 10; retrieval 5000 x 0.01 = 50; KMS 153; transfer 270 ->
//	  2023.0015432098625 (674.33... a month), the cheapest
func explainComparison() model.Comparison {
	const m = 3
	return model.Comparison{
		Workload: "app-logs",
		Region:   "us-east-1",
		Currency: "USD",
		Months:   m,
		Pricing:  pricingUSEast1(),
		Encryption: model.Encryption{Type: model.SSEKMS, Key: model.CustomerManagedKey, Keys: 1, Rotation: true,
			RotationPeriod: model.DefaultRotationPeriod, Requesters: 1, BucketKeyReuse: model.DefaultBucketKeyReuse},
		Notes: []string{"reads.active_share derived as 0.15 (reads / objects stored)"},
		Results: []model.Estimate{
			est(model.StandardIA, m, nil, []string{"objects deleted after 20d are billed up to the 30d minimum duration"},
				line("storage", "120000", "GB-Mo", "0.0125"),
				line("storage.min_size", "2400.123456789", "GB-Mo", "0.0125"),
				line("early_delete", "800", "GB-Mo", "0.0125"),
				line("requests.put", "1000", "1K requests", "0.01"),
				line("retrieval.bytes", "5000", "GB", "0.01"),
				line("encryption.kms_requests", "5100", "10K requests", "0.03"),
				line("transfer.internet", "3000", "GB", "0.09"),
			),
			est(model.Standard, m, nil, nil,
				line("storage", "153600", "GB-Mo", "0.023"),
				line("storage", "26400", "GB-Mo", "0.022"),
				line("requests.put", "1000", "1K requests", "0.005"),
				line("requests.get", "50000", "1K requests", "0.0004"),
				line("requests.list", "200", "1K requests", "0.005"),
				line("encryption.kms_requests", "5100", "10K requests", "0.03"),
				line("encryption.kms_keys", "3", "key-months", "1.00"),
				line("encryption.kms_key_rotations", "3", "rotation-months", "1.00"),
				line("transfer.internet", "3000", "GB", "0.09"),
			),
		},
	}
}
