package report

import (
	"github.com/s3cost/s3cost/internal/report/reporttest"
	"github.com/s3cost/s3cost/model"
)

// The fixtures are hand-built comparisons: the renderers only format, so the
// amounts are chosen to exercise the formatting, not computed by the engine.

var (
	dec            = reporttest.Dec
	line           = reporttest.Line
	est            = reporttest.Est
	pricingUSEast1 = reporttest.PricingUSEast1
)

const (
	zonesViolation    = "1 availability zone, 3 required"
	glacierViolation  = "first byte after up to 5 hours (standard restore), 1s required"
	archiveViolation  = "first byte after up to 12 hours (standard restore), 1s required"
	availabilityShort = "designed availability 99.5%, 99.9% required"
)

// mainComparison: all eight classes over 12 months, four of them ineligible
// (one zone, or a restore before every read). TRANSITIONS, EARLY DELETE,
// TRANSFER and ENCRYPTION are zero everywhere, so their columns are hidden.
//
// Totals and monthly averages (total / 12):
//
//	GLACIER_IR           1234.5678  -> 102.88065
//	STANDARD_IA          1382.6     -> 115.2166666...
//	INTELLIGENT_TIERING  1500.005   -> 125.0004166... (monitoring 180.005 -> $180.01)
//	STANDARD             1782.6     -> 148.55
//	DEEP_ARCHIVE          650.5     (ineligible)
//	GLACIER               700       (ineligible)
//	ONEZONE_IA           1100       (ineligible)
//	EXPRESS_ONEZONE      9000.005   (ineligible; retrieval 500.005 -> $500.01)
//
// Summary: against STANDARD_IA 115.2166666 - 102.88065 = 12.3360166 ->
// $12.34, and 12.3360166 / 115.2166666 = 0.107068... -> 10.7%; against
// STANDARD 148.55 - 102.88065 = 45.66935 -> $45.67, and 45.66935 / 148.55 =
// 0.307434... -> 30.7%.
func mainComparison() model.Comparison {
	const m = 12
	return model.Comparison{
		Workload: "product-images",
		Region:   "us-east-1",
		Currency: "USD",
		Months:   m,
		Pricing:  pricingUSEast1(),
		Notes:    []string{"reads.active_share derived as 0.15 (reads / objects stored)"},
		Results: []model.Estimate{
			est(model.GlacierIR, m, nil,
				[]string{"the month-0 stock is uploaded (PUT) at month 0"},
				line("storage", "250030.85", "GB-Mo", "0.004"),         // 1000.1234
				line("requests.put", "3444.44", "1K requests", "0.01"), // 34.4444
				line("retrieval.bytes", "20000", "GB", "0.01"),         // 200
			),
			est(model.StandardIA, m, nil, nil,
				line("storage", "96848", "GB-Mo", "0.0125"), // 1210.6
				line("storage.min_size", "0", "GB-Mo", "0.0125"),
				line("requests.put", "2200", "1K requests", "0.01"), // 22
				line("retrieval.bytes", "15000", "GB", "0.01"),      // 150
			),
			est(model.IntelligentTiering, m, nil, nil,
				line("storage.tier.FREQUENT", "40000", "GB-Mo", "0.023"),    // 920
				line("storage.tier.INFREQUENT", "30400", "GB-Mo", "0.0125"), // 380
				line("requests.put", "4000", "1K requests", "0.005"),        // 20
				line("monitoring", "72002", "1K objects", "0.0025"),         // 180.005
			),
			est(model.Standard, m, nil, nil,
				line("storage", "70424", "GB-Mo", "0.025"),           // 1760.6
				line("requests.put", "4400", "1K requests", "0.005"), // 22
			),
			est(model.DeepArchive, m, []string{archiveViolation}, nil,
				line("storage", "150500", "GB-Mo", "0.001"),              // 150.5
				line("requests.put", "1000", "1K requests", "0.05"),      // 50
				line("retrieval.requests", "4500", "1K requests", "0.1"), // 450
			),
			est(model.Glacier, m, []string{glacierViolation}, nil,
				line("storage", "100000", "GB-Mo", "0.004"),               // 400
				line("requests.put", "1000", "1K requests", "0.05"),       // 50
				line("retrieval.requests", "5000", "1K requests", "0.05"), // 250
			),
			est(model.OneZoneIA, m, []string{availabilityShort, zonesViolation}, nil,
				line("storage", "96800", "GB-Mo", "0.01"),           // 968
				line("requests.put", "2200", "1K requests", "0.01"), // 22
				line("retrieval.bytes", "11000", "GB", "0.01"),      // 110
			),
			est(model.ExpressOneZone, m, []string{zonesViolation}, nil,
				line("storage", "70000", "GB-Mo", "0.1"),                 // 7000
				line("requests.put", "1000000", "1K requests", "0.0015"), // 1500
				line("retrieval.bytes", "50000.5", "GB", "0.01"),         // 500.005
			),
		},
	}
}

// singleEligible: three candidates, only STANDARD_IA meets the requirements,
// STANDARD is not a candidate. 3 months; STANDARD_IA 30.03 -> 10.01/month.
func singleEligible() model.Comparison {
	const m = 3
	return model.Comparison{
		Workload: "logs",
		Region:   "eu-west-1",
		Currency: "USD",
		Months:   m,
		Pricing:  model.PricingInfo{Sheet: "aws/eu-west-1", AsOf: "2025-10-28", Source: "https://aws.amazon.com/s3/pricing/"},
		Results: []model.Estimate{
			est(model.StandardIA, m, nil, []string{"objects under 128 KiB are billed as 128 KiB"},
				line("storage", "2000", "GB-Mo", "0.0125"),         // 25
				line("storage.min_size", "400", "GB-Mo", "0.0125"), // 5
				line("requests.put", "3", "1K requests", "0.01"),   // 0.03
			),
			est(model.Glacier, m, []string{glacierViolation}, nil,
				line("storage", "2000", "GB-Mo", "0.0036"),                 // 7.2
				line("storage.overhead.archive", "100", "GB-Mo", "0.0036"), // 0.36
				line("storage.overhead.standard", "25", "GB-Mo", "0.023"),  // 0.575
				line("early_delete", "1000", "GB-Mo", "0.0036"),            // 3.6
				line("requests.put", "3", "1K requests", "0.03"),           // 0.09
			),
			est(model.OneZoneIA, m, []string{zonesViolation}, nil,
				line("storage", "2400", "GB-Mo", "0.01"),         // 24
				line("requests.put", "3", "1K requests", "0.01"), // 0.03
			),
		},
	}
}

// noneEligible: every candidate needs a restore, the workload wants its
// first byte within a second.
func noneEligible() model.Comparison {
	const m = 12
	return model.Comparison{
		Workload: "backups",
		Region:   "us-east-1",
		Currency: "USD",
		Months:   m,
		Pricing:  pricingUSEast1(),
		Notes:    []string{"reads need a restore in GLACIER and DEEP_ARCHIVE; restore tier: standard"},
		Results: []model.Estimate{
			est(model.DeepArchive, m, []string{archiveViolation}, nil,
				line("storage", "1200000", "GB-Mo", "0.00099"), // 1188
				line("transfer.internet", "100", "GB", "0.09"), // 9
			),
			est(model.Glacier, m, []string{glacierViolation}, nil,
				line("storage", "1200000", "GB-Mo", "0.0036"),  // 4320
				line("transfer.internet", "100", "GB", "0.09"), // 9
			),
		},
	}
}

// standardWins: heavy reads make STANDARD the cheapest; the summary compares
// it with the runner-up only. 12 months:
//
//	STANDARD     1215      -> 101.25/month
//	STANDARD_IA  1500.6    -> 125.05/month
//	GLACIER_IR   3003.2    -> 250.2666.../month
//
// 125.05 - 101.25 = 23.80 -> $23.80, and 23.80 / 125.05 = 0.190323... ->
// 19.0%. No class is ineligible, so there is no NOTE column.
func standardWins() model.Comparison {
	const m = 12
	return model.Comparison{
		Workload: "hot-assets",
		Region:   "us-west-2",
		Currency: "USD",
		Months:   m,
		Pricing:  model.PricingInfo{Sheet: "aws/us-west-2", AsOf: "2025-10-28", Source: "https://aws.amazon.com/s3/pricing/"},
		Results: []model.Estimate{
			est(model.Standard, m, nil, []string{"the month-0 stock already sits in STANDARD: no move"},
				line("storage", "40000", "GB-Mo", "0.023"),              // 920
				line("requests.get", "737500", "1K requests", "0.0004"), // 295
			),
			est(model.StandardIA, m, nil, nil,
				line("storage", "40000", "GB-Mo", "0.0125"),            // 500
				line("requests.get", "700000", "1K requests", "0.001"), // 700
				line("retrieval.bytes", "30000", "GB", "0.01"),         // 300
				line("transitions", "60", "1K requests", "0.01"),       // 0.6
			),
			est(model.GlacierIR, m, nil, nil,
				line("storage", "40000", "GB-Mo", "0.004"),             // 160
				line("requests.get", "700000", "1K requests", "0.001"), // 700
				line("retrieval.bytes", "71400", "GB", "0.03"),         // 2142
				line("transitions", "60", "1K requests", "0.02"),       // 1.2
			),
		},
	}
}

// kmsEncrypted: SSE-KMS without a Bucket Key, where the KMS requests cost
// more than the storage. 12 months:
//
//	STANDARD     storage 230 + KMS 12,000 x 10K x 0.03 = 360 -> 590 -> 49.1666.../month
//	STANDARD_IA  storage 125 + KMS 360 + retrieval 200     -> 685 -> 57.0833.../month
//
// 57.0833 - 49.1666 = 7.9166 -> $7.92, and 7.9166 / 57.0833 = 0.138686... ->
// 13.9%. The ENCRYPTION column shows $360.00 for both.
func kmsEncrypted() model.Comparison {
	const m = 12
	return model.Comparison{
		Workload: "kms-heavy",
		Region:   "us-east-1",
		Currency: "USD",
		Months:   m,
		Pricing:  pricingUSEast1(),
		Encryption: model.Encryption{Type: model.SSEKMS, Key: model.CustomerManagedKey, Keys: 1,
			RotationPeriod: model.DefaultRotationPeriod, Requesters: 1, BucketKeyReuse: model.DefaultBucketKeyReuse},
		Results: []model.Estimate{
			est(model.Standard, m, nil, nil,
				line("storage", "10000", "GB-Mo", "0.023"),                       // 230
				line("encryption.kms_requests", "12000", "10K requests", "0.03"), // 360
			),
			est(model.StandardIA, m, nil, nil,
				line("storage", "10000", "GB-Mo", "0.0125"),                      // 125
				line("encryption.kms_requests", "12000", "10K requests", "0.03"), // 360
				line("retrieval.bytes", "20000", "GB", "0.01"),                   // 200
			),
		},
	}
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
