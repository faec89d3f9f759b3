package check

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/report/reporttest"
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
		e.Monthly = append(e.Monthly, reporttest.Dec(m))
		sum = sum.Add(reporttest.Dec(m))
	}
	if !sum.Equal(e.Total) {
		panic(fmt.Sprintf("fixture: %s: months sum to %s, total is %s", e.Class, sum, e.Total))
	}
	return e
}

// dataset is one dataset of file priced as e. cheapestTotal "" means the
// class priced is the cheapest (its own total).
func pricedDataset(file, name string, pinned bool, cheapest model.ClassID, cheapestTotal string, e model.Estimate) DatasetCost {
	ct := e.Total
	if cheapestTotal != "" {
		ct = reporttest.Dec(cheapestTotal)
	}
	return DatasetCost{
		File: file, Path: "workloads/" + file + ".yaml", Dataset: name,
		Class: e.Class, Pinned: pinned, Cheapest: cheapest, CheapestTotal: ct,
		Estimate: e, Months: len(e.Monthly),
	}
}

// series is a CostSeries of the given months, its total their sum.
func series(months ...string) CostSeries {
	s := CostSeries{Total: decimal.Zero}
	for _, m := range months {
		s.Monthly = append(s.Monthly, reporttest.Dec(m))
		s.Total = s.Total.Add(reporttest.Dec(m))
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
func checkPassing() CheckReport {
	const m = 3
	thumbs := withMonthly(reporttest.Est(model.StandardIA, m, nil, nil,
		reporttest.Line("storage", "3000", "GB-Mo", "0.0125"),
		reporttest.Line("storage.min_size", "600", "GB-Mo", "0.0125"),
		reporttest.Line("requests.put", "30", "1K requests", "0.01"),
	), "10.1", "15.1", "20.1")
	originals := withMonthly(reporttest.Est(model.GlacierIR, m, nil, nil,
		reporttest.Line("storage", "30000", "GB-Mo", "0.004"),
		reporttest.Line("retrieval.bytes", "300", "GB", "0.03"),
		reporttest.Line("requests.put", "10", "1K requests", "0.02"),
	), "40", "44.6", "44.6")
	sum := series("50.1", "59.7", "64.7")
	return CheckReport{
		Files: []FileCost{{
			Name: "media", Path: "workloads/media.yaml",
			Datasets: []DatasetCost{
				pricedDataset("media", "thumbnails", false, model.StandardIA, "", thumbs),
				pricedDataset("media", "originals", true, model.Glacier, "112.34", originals),
			},
			Sum: sum,
		}},
		Overall: sum,
		Checks: []Check{
			{Scope: "media", Kind: CheckMonthly, Source: "file", Limit: reporttest.Dec("100"), Actual: reporttest.Dec("64.7"), Pass: true},
			{Scope: "media", Kind: CheckTotal, Source: "file", Limit: reporttest.Dec("250"), Actual: reporttest.Dec("174.5"), Pass: true},
			{Scope: "media/originals", Kind: CheckOverspend, Source: "--max-overspend", Limit: reporttest.Dec("20"), Actual: reporttest.Dec("15.008011394"), Pass: true},
			{Scope: "media/thumbnails", Kind: CheckRequirements, Source: "dataset", Pass: true, Detail: "STANDARD_IA meets the requirements"},
			{Scope: "media/originals", Kind: CheckRequirements, Source: "dataset", Pass: true, Detail: "GLACIER_IR meets the requirements"},
		},
		Pricing:  reporttest.PricingUSEast1(),
		Currency: "USD",
	}
}

// checkFailing: two files over 3 months; a dataset over its peak-month
// budget, a file over its total budget, a pinned class over
// --max-overspend and a pinned class that misses a requirement.
//
//	platform-storage/app-logs  STANDARD (pinned), cheapest GLACIER_IR at 360
//	  storage 30000 x 0.023 = 690, PUT 5000 x 0.005 = 25,
//	  transfer 1000 x 0.09 = 90 -> 805; months 200 + 292.6 + 312.4 = 805;
//	  average 268.333... -> $268.33; peak 312.4 > 250 (dataset
//	  budget.peak_month);
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
//	  618.0566... -> $618.06; peak 695.456666 -> $695.46 <= 1000
//	  (--budget peak_month=1000)
func checkFailing() CheckReport {
	const m = 3
	appLogs := withMonthly(reporttest.Est(model.Standard, m, nil, nil,
		reporttest.Line("storage", "30000", "GB-Mo", "0.023"),
		reporttest.Line("requests.put", "5000", "1K requests", "0.005"),
		reporttest.Line("transfer.internet", "1000", "GB", "0.09"),
	), "200", "292.6", "312.4")
	audit := reporttest.Est(model.DeepArchive, m, []string{archiveViolation}, nil,
		reporttest.Line("storage", "20000", "GB-Mo", "0.00099"),
		reporttest.Line("storage.overhead.archive", "500", "GB-Mo", "0.00099"),
		reporttest.Line("storage.overhead.standard", "125", "GB-Mo", "0.023"),
		reporttest.Line("retrieval.requests", "10", "1K requests", "0.1"),
	)
	raw := withMonthly(reporttest.Est(model.StandardIA, m, nil, nil,
		reporttest.Line("storage", "80000", "GB-Mo", "0.0125"),
		reporttest.Line("retrieval.bytes", "2000", "GB", "0.01"),
		reporttest.Line("early_delete", "400", "GB-Mo", "0.0125"),
	), "300", "350", "375")
	return CheckReport{
		Files: []FileCost{
			{
				Name: "platform-storage", Path: "workloads/platform-storage.yaml",
				Datasets: []DatasetCost{
					pricedDataset("platform-storage", "app-logs", true, model.GlacierIR, "360", appLogs),
					pricedDataset("platform-storage", "audit", true, model.GlacierIR, "90", audit),
				},
				Sum: series("208.056667", "300.656667", "320.456666"),
			},
			{
				Name: "data-lake", Path: "workloads/data-lake.yaml",
				Datasets: []DatasetCost{
					pricedDataset("data-lake", "raw", false, model.StandardIA, "", raw),
				},
				Sum: series("300", "350", "375"),
			},
		},
		Overall: series("508.056667", "650.656667", "695.456666"),
		Checks: []Check{
			{Scope: "all files", Kind: CheckPeakMonth, Source: "--budget", Limit: reporttest.Dec("1000"), Actual: reporttest.Dec("695.456666"), Pass: true},
			{Scope: "platform-storage/app-logs", Kind: CheckPeakMonth, Source: "dataset", Limit: reporttest.Dec("250"), Actual: reporttest.Dec("312.4")},
			{Scope: "platform-storage/app-logs", Kind: CheckRequirements, Source: "dataset", Pass: true, Detail: "STANDARD meets the requirements"},
			{Scope: "platform-storage/app-logs", Kind: CheckOverspend, Source: "--max-overspend", Limit: reporttest.Dec("25"), Actual: reporttest.Dec("123.6111111111111111"),
				Detail: "STANDARD against the cheapest, GLACIER_IR"},
			{Scope: "platform-storage/audit", Kind: CheckRequirements, Source: "dataset",
				Detail: "DEEP_ARCHIVE misses a requirement: " + archiveViolation},
			{Scope: "data-lake", Kind: CheckTotal, Source: "file", Limit: reporttest.Dec("900"), Actual: reporttest.Dec("1025")},
			{Scope: "data-lake/raw", Kind: CheckRequirements, Source: "dataset", Pass: true, Detail: "STANDARD_IA meets the requirements"},
		},
		Pricing:  reporttest.PricingUSEast1(),
		Currency: "USD",
	}
}

// diffSide is a dataset on one side of a diff, over 3 months.
func diffSide(file, name string, pinned bool, cheapest model.ClassID, cheapestTotal string, e model.Estimate) *DatasetCost {
	d := pricedDataset(file, name, pinned, cheapest, cheapestTotal, e)
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
func diffFixture() DiffReport {
	const m = 3
	std := func(gbMonths string) model.Estimate {
		return reporttest.Est(model.Standard, m, nil, nil, reporttest.Line("storage", gbMonths, "GB-Mo", "0.0225"))
	}
	static := func() model.Estimate { // 1500 x 0.02 = 30
		return reporttest.Est(model.Standard, m, nil, nil, reporttest.Line("storage", "1500", "GB-Mo", "0.02"))
	}
	ia := func(gbMonths string) model.Estimate {
		return reporttest.Est(model.StandardIA, m, nil, nil, reporttest.Line("storage", gbMonths, "GB-Mo", "0.0125"))
	}
	return DiffReport{
		Rows: []DiffRow{
			{File: "platform-storage", Dataset: "app-logs",
				Before: diffSide("platform-storage", "app-logs", true, model.StandardIA, "", ia("24000")),    // 300
				After:  diffSide("platform-storage", "app-logs", true, model.GlacierIR, "300", ia("27000"))}, // 337.5
			{File: "platform-storage", Dataset: "audit",
				Before: diffSide("platform-storage", "audit", true, model.DeepArchive, "24", reporttest.Est(model.Glacier, m, nil, nil,
					reporttest.Line("storage", "15000", "GB-Mo", "0.004"))), // 60
				After: diffSide("platform-storage", "audit", true, model.DeepArchive, "", reporttest.Est(model.DeepArchive, m, nil, nil,
					reporttest.Line("storage", "24000", "GB-Mo", "0.001")))}, // 24
			{File: "data-lake", Dataset: "raw",
				After: diffSide("data-lake", "raw", false, model.StandardIA, "", ia("12000"))}, // 150
			{File: "data-lake", Dataset: "tmp",
				Before: diffSide("data-lake", "tmp", false, model.Standard, "", std("4000"))}, // 90
			{File: "data-lake", Dataset: "static",
				Before: diffSide("data-lake", "static", false, model.Standard, "", static()),
				After:  diffSide("data-lake", "static", false, model.Standard, "", static())},
		},
		Before:   reporttest.Dec("160"),
		After:    reporttest.Dec("180.5"),
		Currency: "USD",
		Pricing:  reporttest.PricingUSEast1(),
	}
}

// diffOverLimit is diffFixture with --fail-above 15: the increase of 20.5
// a month is over it.
func diffOverLimit() DiffReport {
	r := diffFixture()
	limit := reporttest.Dec("15")
	r.Limit, r.Failed = &limit, true
	return r
}

// archiveViolation is how the engine words DEEP_ARCHIVE missing a 1s
// first-byte requirement.
const archiveViolation = "first byte after up to 12 hours (standard restore), 1s required"
