package pricing

import (
	"fmt"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// kmsWork is what one month asks of AWS KMS in one class: with SSE-KMS,
// S3 calls GenerateDataKey for every object it writes (PUT, COPY, a restore
// that writes a copy) and Decrypt for every GET (S3 User Guide, "Using
// server-side encryption with AWS KMS keys"). Bytes written is what DSSE-KMS
// charges for.
type kmsWork struct {
	writes, reads decimal.Decimal
	writtenGB     decimal.Decimal
}

func (k *kmsWork) add(writes, reads, writtenGB decimal.Decimal) {
	k.writes = k.writes.Add(writes)
	k.reads = k.reads.Add(reads)
	k.writtenGB = k.writtenGB.Add(writtenGB)
}

// encryptionViolations: S3 Express One Zone's directory buckets encrypt
// with SSE-S3 or SSE-KMS with a customer managed key only (S3 User Guide,
// "Data protection and encryption in directory buckets").
func encryptionViolations(e model.Encryption, c model.Class) []string {
	if !c.DirectoryBucket {
		return nil
	}
	switch {
	case e.Type == model.SSEC || e.Type == model.DSSEKMS:
		return []string{fmt.Sprintf("directory buckets do not support %s", e.Type)}
	case e.Type == model.SSEKMS && e.Key != model.CustomerManagedKey:
		return []string{"SSE-KMS in a directory bucket needs a customer managed key, not aws/s3"}
	}
	return nil
}

// bucketKeyAlwaysOn: directory buckets always use S3 Bucket Keys with
// SSE-KMS, for GET and PUT (S3 User Guide).
func bucketKeyAlwaysOn(c model.Class) bool { return c.DirectoryBucket }

// priceEncryption adds month m's encryption lines.
//
// KMS requests: one per object written and one per GET. With an S3 Bucket
// Key, S3 fetches a bucket-level key per requester and reuses it for a
// while; s3cost assumes each requester fetches one for writing and one for
// reading every BucketKeyReuse (730 h / 5 min = 8,760 times a month by
// default), and never more KMS requests than there are objects written or
// read: writes' = min(writes, requesters x 730h/reuse), the same for reads.
// The account's 20,000 free requests a month are subtracted only when asked.
//
// Keys: customer managed keys cost 1.00 a month each, pro-rated; with
// automatic rotation the first and second rotations each add 1.00 a month,
// later ones nothing (KMS pricing page, since 2024). AWS managed keys cost
// nothing a month.
//
// DSSE-KMS adds 0.003 per GB encrypted, on every byte written.
func priceEncryption(l *ledger, m int, e model.Encryption, c model.Class, kms KMSPrices, work kmsWork) {
	if !e.UsesKMS() {
		return
	}
	writes, reads := work.writes, work.reads
	if e.BucketKey || bucketKeyAlwaysOn(c) {
		fetches := decimal.NewFromInt(int64(e.Requesters)).Mul(
			decimal.NewFromInt(int64(model.Month)).DivRound(decimal.NewFromInt(int64(e.BucketKeyReuse)), divPlaces))
		writes = decimal.Min(writes, fetches)
		reads = decimal.Min(reads, fetches)
	}
	requests := writes.Add(reads)
	if e.KMSFreeTier {
		requests = decimal.Max(decimal.Zero, requests.Sub(decimal.NewFromInt(kms.FreeRequestsPerMonth)))
	}
	l.add(m, "encryption.kms_requests", "10K requests", requests.Shift(-4), kms.RequestsPer10K)

	if e.Key == model.CustomerManagedKey {
		keys := decimal.NewFromInt(int64(e.Keys))
		l.add(m, "encryption.kms_keys", "key-months", keys, kms.CustomerKeyPerMonth)
		if e.Rotation {
			l.add(m, "encryption.kms_key_rotations", "rotation-months", keys.Mul(rotationMonths(m, e)), kms.RotationPerMonth)
		}
	}
	if e.Type == model.DSSEKMS {
		l.add(m, "encryption.dsse", unitGB, work.writtenGB, kms.DSSEPerGB)
	}
}

// rotationMonths is how many billed rotations a key carries over month m,
// pro-rated: the key is KeyAge old at month 0 and rotates every
// RotationPeriod; only the first two rotations are billed. It is the
// overlap of [m, m+1) with [P - A, 2P - A) plus twice its overlap with
// [2P - A, infinity), in months, for age A and period P.
func rotationMonths(m int, e model.Encryption) decimal.Decimal {
	age := inMonths(int64(e.KeyAge))
	period := inMonths(int64(e.RotationPeriod))
	start, end := decimal.NewFromInt(int64(m)), decimal.NewFromInt(int64(m+1))
	first := period.Sub(age)
	second := period.Add(period).Sub(age)
	overlap := func(from, to decimal.Decimal) decimal.Decimal {
		lo, hi := decimal.Max(start, from), decimal.Min(end, to)
		return decimal.Max(decimal.Zero, hi.Sub(lo))
	}
	oneRotation := overlap(first, second)
	twoRotations := overlap(second, end)
	return oneRotation.Add(twoRotations.Add(twoRotations))
}
