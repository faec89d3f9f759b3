package main

import (
	"fmt"

	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/shopspring/decimal"
)

// bucketKeyHint is the note compare adds when one setting decides much of
// the bill: SSE-KMS without an S3 Bucket Key calls KMS for every object
// written and read, and a Bucket Key cuts those calls to a few per
// requester (docs/cost-rules.md, "S3 Bucket Key"). It prices the ranked
// first class again with encryption.bucket_key: true and says what that
// saves a month, or "" when it saves under a cent, the first is a lifecycle
// rule, or no Bucket Key applies (SSE-S3, SSE-C, DSSE-KMS).
func bucketKeyHint(w model.Workload, s *pricing.Sheet, c model.Comparison) string {
	if w.Encryption.Type != model.SSEKMS || w.Encryption.BucketKey || len(c.Results) == 0 {
		return ""
	}
	first := c.Results[0]
	if first.Plan != nil || !first.Priced() {
		return ""
	}
	with := w
	with.Encryption.BucketKey = true
	e, err := pricing.Estimate(with, s, first.Class)
	if err != nil || !e.Priced() {
		return ""
	}
	saving := first.MonthlyAverage().Sub(e.MonthlyAverage())
	if saving.LessThan(decimal.New(1, -2)) {
		return ""
	}
	kms := func(e model.Estimate) decimal.Decimal { return e.Breakdown()["encryption"] }
	requesters := "1 requester that reuses its key"
	if n := w.Encryption.Requesters; n != 1 {
		requesters = fmt.Sprintf("%d requesters that reuse their keys", n)
	}
	return fmt.Sprintf("an S3 Bucket Key (encryption.bucket_key: true) would save %s/month in %s: encryption %s a month instead of %s, assuming %s for %s (encryption.requesters, encryption.bucket_key_reuse; docs/cost-rules.md, S3 Bucket Key)",
		report.Money(saving), first.Class, report.Money(monthly(kms(e), len(e.Monthly))), report.Money(monthly(kms(first), len(first.Monthly))),
		requesters, model.FormatDuration(w.Encryption.BucketKeyReuse))
}

// monthly is a total over months as an average month.
func monthly(total decimal.Decimal, months int) decimal.Decimal {
	if months == 0 {
		return decimal.Zero
	}
	return total.DivRound(decimal.NewFromInt(int64(months)), 12)
}
