package pricing

import (
	"strings"
	"testing"
	"time"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// kmsWorkload: 1,000,000 uploads of 1 KiB and 9,000,000 GETs in one month,
// nothing stored at month 0, with SSE-KMS under the AWS managed key.
func kmsWorkload() model.Workload {
	w := baseWorkload()
	w.Objects.Count = d("0")
	w.Objects.Mix = mixOf(model.KiB)
	w.UploadsPerMonth = d("1000000")
	w.Reads.PerMonth = d("9000000")
	w.Encryption = model.DefaultEncryption()
	w.Encryption.Type = model.SSEKMS
	return w
}

func TestEncryption(t *testing.T) {
	cases := []struct {
		name  string
		class model.ClassID
		edit  func(w *model.Workload)
		item  string
		want  decimal.Decimal
	}{
		// Without a Bucket Key: a GenerateDataKey per PUT and a Decrypt per
		// GET: 1,000,000 + 9,000,000 = 10,000,000 requests = 1,000 x 10K x
		// 0.03 = 30.
		{"SSE-KMS requests", model.Standard, func(w *model.Workload) {}, "encryption.kms_requests", d("30")},
		// SSE-S3 and SSE-C cost nothing.
		{"SSE-S3 is free", model.Standard, func(w *model.Workload) { w.Encryption.Type = model.SSES3 }, "encryption", d("0")},
		{"SSE-C is free", model.Standard, func(w *model.Workload) { w.Encryption.Type = model.SSEC }, "encryption", d("0")},
		// With a Bucket Key, 2 requesters each fetch a key for writing and
		// one for reading every 5 minutes: 730 h / 5 min = 8,760 a month;
		// 2 x 8,760 = 17,520 for writes and as many for reads: 35,040
		// requests = 3.504 x 0.03 = 0.10512.
		{"Bucket Key", model.Standard, func(w *model.Workload) {
			w.Encryption.BucketKey, w.Encryption.Requesters = true, 2
		}, "encryption.kms_requests", d("0.10512")},
		// Never more requests than objects written or read: 100 PUTs and 50
		// GETs with a Bucket Key are 150 requests = 0.015 x 0.03 = 0.00045.
		{"Bucket Key bounded by the objects", model.Standard, func(w *model.Workload) {
			w.Encryption.BucketKey = true
			w.UploadsPerMonth, w.Reads.PerMonth = d("100"), d("50")
		}, "encryption.kms_requests", d("0.00045")},
		// Free tier: 10,000,000 - 20,000 = 9,980,000 = 998 x 0.03 = 29.94.
		{"free tier", model.Standard, func(w *model.Workload) { w.Encryption.KMSFreeTier = true },
			"encryption.kms_requests", d("29.94")},
		// ... never below zero: 150 requests are all free.
		{"free tier covers all", model.Standard, func(w *model.Workload) {
			w.Encryption.KMSFreeTier = true
			w.UploadsPerMonth, w.Reads.PerMonth = d("100"), d("50")
		}, "encryption.kms_requests", d("0")},
		// AWS managed keys: no monthly charge.
		{"AWS managed key is free", model.Standard, func(w *model.Workload) {}, "encryption.kms_keys", d("0")},
		// A customer managed key: 1.00 a month.
		{"customer managed key", model.Standard, func(w *model.Workload) {
			w.Encryption.Key = model.CustomerManagedKey
		}, "encryption.kms_keys", d("1")},
		// DSSE-KMS: 1,000 uploads of 1 GiB = 1,000 GB x 0.003 = 3.
		{"DSSE per GB", model.Standard, func(w *model.Workload) {
			w.Encryption.Type = model.DSSEKMS
			w.Objects.Mix = mixOf(model.GiB)
			w.UploadsPerMonth, w.Reads.PerMonth = d("1000"), d("0")
		}, "encryption.dsse", d("3")},
		// Restores write a copy: 1,000 reads from GLACIER are 1,000 restores
		// and 1,000 GETs, plus 1 PUT of a 1 KiB stock object: 2,001
		// requests = 0.2001 x 0.03 = 0.006003.
		{"restores call KMS", model.Glacier, func(w *model.Workload) {
			w.Objects.Count = d("1")
			w.UploadsPerMonth, w.Reads.PerMonth = d("0"), d("1000")
		}, "encryption.kms_requests", d("0.006003")},
		// Copies of the stock: 1,000 objects of 64 KiB copied from STANDARD
		// into GLACIER_IR: a Decrypt and a GenerateDataKey each: 2,000 =
		// 0.2 x 0.03 = 0.006.
		{"copies call KMS", model.GlacierIR, func(w *model.Workload) {
			w.Objects.Count, w.Objects.From = d("1000"), model.Standard
			w.Objects.Mix = mixOf(64 * model.KiB)
			w.UploadsPerMonth, w.Reads.PerMonth = d("0"), d("0")
		}, "encryption.kms_requests", d("0.006")},
		// Directory buckets always use a Bucket Key with SSE-KMS: one
		// requester, 8,760 + 8,760 = 17,520 requests = 1.752 x 0.03 =
		// 0.05256.
		{"Express always uses a Bucket Key", model.ExpressOneZone, func(w *model.Workload) {
			w.Encryption.Key = model.CustomerManagedKey
		}, "encryption.kms_requests", d("0.05256")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := kmsWorkload()
			tc.edit(&w)
			e := estimateFor(t, w, tc.class)
			got := cost(e, tc.item)
			if tc.item == "encryption" {
				got = e.Breakdown()["encryption"]
			}
			near(t, tc.item, got, tc.want)
		})
	}
}

// Key rotation: a customer managed key rotated every 365 days (12 months
// of 730 h), over a 12-month horizon, by the key's age at month 0. The
// first and second rotations each add 1.00 a month; later ones nothing.
func TestKeyRotation(t *testing.T) {
	cases := []struct {
		name string
		age  string // months
		want string // rotation-months over the horizon, per key
	}{
		// New key: the first rotation falls at the end of month 11: none.
		{"before the first rotation", "0", "0"},
		// 6 months old: first rotation after month 5: months 6-11 pay 1.
		{"first rotation during the horizon", "6", "6"},
		// 18 months old: one rotation done, the second after month 5:
		// 6 x 1 + 6 x 2 = 18.
		{"second rotation during the horizon", "18", "18"},
		// 30 months old: both billed rotations done; the third is free:
		// 12 x 2 = 24.
		{"after the second rotation", "30", "24"},
		// 6.5 months old: the first rotation half-way through month 5:
		// 0.5 + 6 = 6.5.
		{"pro-rated within a month", "6.5", "6.5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := kmsWorkload()
			w.Months = 12
			w.Encryption.Key, w.Encryption.Keys, w.Encryption.Rotation = model.CustomerManagedKey, 2, true
			w.Encryption.KeyAge = durationMonths(tc.age)
			e := estimateFor(t, w, model.Standard)
			// Two keys: twice the per-key figure, at 1.00.
			near(t, "rotations", cost(e, "encryption.kms_key_rotations"), d(tc.want).Mul(d("2")))
			// The keys themselves: 2 x 12 months x 1.00 = 24.
			near(t, "keys", cost(e, "encryption.kms_keys"), d("24"))
		})
	}
}

func durationMonths(months string) time.Duration {
	return time.Duration(d(months).Mul(decimal.NewFromInt(int64(model.Month))).IntPart())
}

func TestEncryptionEligibility(t *testing.T) {
	for _, tc := range []struct {
		edit   func(e *model.Encryption)
		reason string
	}{
		{func(e *model.Encryption) {}, "needs a customer managed key"},
		{func(e *model.Encryption) { e.Type = model.SSEC }, "do not support sse-c"},
		{func(e *model.Encryption) { e.Type = model.DSSEKMS }, "do not support dsse-kms"},
	} {
		w := kmsWorkload()
		tc.edit(&w.Encryption)
		e := estimateFor(t, w, model.ExpressOneZone)
		if e.Eligible || !strings.Contains(strings.Join(e.Violations, ";"), tc.reason) {
			t.Errorf("%s: eligible=%v violations %v, want %q", w.Encryption.Type, e.Eligible, e.Violations, tc.reason)
		}
		if std := estimateFor(t, w, model.Standard); !std.Eligible {
			t.Errorf("STANDARD made ineligible by %s", w.Encryption.Type)
		}
	}
}

func TestEncryptionCheck(t *testing.T) {
	for _, tc := range []struct {
		edit  func(e *model.Encryption)
		field string
	}{
		{func(e *model.Encryption) { e.Type = "sse-aes" }, "type"},
		{func(e *model.Encryption) { e.BucketKey = true }, "bucket_key"}, // with SSE-S3
		{func(e *model.Encryption) { e.Type, e.BucketKey = model.DSSEKMS, true }, "bucket_key"},
		{func(e *model.Encryption) { e.Type, e.Key, e.Keys = model.SSEKMS, model.CustomerManagedKey, 0 }, "keys"},
		{func(e *model.Encryption) { e.Requesters = 0 }, "requesters"},
		{func(e *model.Encryption) { e.RotationPeriod = 30 * model.Day }, "rotation_period"},
		{func(e *model.Encryption) {}, ""},
	} {
		e := model.DefaultEncryption()
		tc.edit(&e)
		if field, msg := e.Check(); field != tc.field {
			t.Errorf("%+v: Check() = %q, %q; want field %q", e, field, msg, tc.field)
		}
	}
}
