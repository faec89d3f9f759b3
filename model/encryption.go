package model

import (
	"fmt"
	"strings"
	"time"
)

// EncryptionType is how S3 encrypts objects at rest.
type EncryptionType string

// The server-side encryption types of S3.
const (
	SSES3   EncryptionType = "sse-s3"   // S3 managed keys: no charge (the default)
	SSEC    EncryptionType = "sse-c"    // customer-provided keys: no charge
	SSEKMS  EncryptionType = "sse-kms"  // AWS KMS keys: KMS requests and keys
	DSSEKMS EncryptionType = "dsse-kms" // dual-layer with KMS: KMS plus a per-GB fee
)

// EncryptionTypes lists the accepted types.
func EncryptionTypes() []string {
	return []string{string(SSES3), string(SSEC), string(SSEKMS), string(DSSEKMS)}
}

// KMSKeyKind says who manages the KMS key.
type KMSKeyKind string

// AWS managed keys (aws/s3) have no monthly charge; customer managed keys
// cost 1.00 a month each (KMS pricing page).
const (
	AWSManagedKey      KMSKeyKind = "aws-managed"
	CustomerManagedKey KMSKeyKind = "customer-managed"
)

// KMSKeyKinds lists the accepted key kinds.
func KMSKeyKinds() []string { return []string{string(AWSManagedKey), string(CustomerManagedKey)} }

// Defaults of the encryption settings.
const (
	// DefaultRotationPeriod: automatic rotation yearly, AWS's default (it
	// may be set from 90 to 2560 days since 2024).
	DefaultRotationPeriod = 365 * Day
	MinRotationPeriod     = 90 * Day
	MaxRotationPeriod     = 2560 * Day
	// DefaultBucketKeyReuse is s3cost's assumption of how long S3 reuses a
	// bucket-level key before it asks KMS again. AWS says only that bucket
	// keys are "short-lived" and "used for a limited time period"; five
	// minutes errs on the side of more KMS requests. See docs/cost-rules.md.
	DefaultBucketKeyReuse = 5 * time.Minute
)

// Encryption is the workload's server-side encryption.
type Encryption struct {
	Type EncryptionType
	// Key, Keys, Rotation, KeyAge and RotationPeriod describe the KMS keys
	// (KMS types only). Keys counts customer managed keys.
	Key            KMSKeyKind
	Keys           int
	Rotation       bool
	KeyAge         time.Duration // age of the keys at month 0
	RotationPeriod time.Duration
	// BucketKey: an S3 Bucket Key cuts KMS requests; each of Requesters
	// distinct IAM principals gets its own bucket-level key, reused for
	// BucketKeyReuse.
	BucketKey      bool
	Requesters     int
	BucketKeyReuse time.Duration
	// KMSFreeTier counts the 20,000 free KMS requests a month (shared by
	// the whole account, so off by default).
	KMSFreeTier bool
}

// DefaultEncryption is SSE-S3, S3's default since January 2023.
func DefaultEncryption() Encryption {
	return Encryption{Type: SSES3, Key: AWSManagedKey, Keys: 1, RotationPeriod: DefaultRotationPeriod,
		Requesters: 1, BucketKeyReuse: DefaultBucketKeyReuse}
}

// UsesKMS reports whether the type calls AWS KMS.
func (e Encryption) UsesKMS() bool { return e.Type == SSEKMS || e.Type == DSSEKMS }

// Check applies the rules that span several settings. It returns the
// setting at fault (as a workload key under encryption) and why, or "" when
// the settings agree.
func (e Encryption) Check() (field, msg string) {
	switch e.Type {
	case SSES3, SSEC, SSEKMS, DSSEKMS:
	default:
		return "type", fmt.Sprintf("unknown encryption type %q (known: %s)", e.Type, strings.Join(EncryptionTypes(), ", "))
	}
	switch e.Key {
	case AWSManagedKey, CustomerManagedKey:
	default:
		return "key", fmt.Sprintf("unknown key kind %q (known: %s)", e.Key, strings.Join(KMSKeyKinds(), ", "))
	}
	if e.BucketKey && !e.UsesKMS() {
		return "bucket_key", fmt.Sprintf("an S3 Bucket Key only applies to sse-kms, not %s", e.Type)
	}
	// "S3 Bucket Keys aren't supported for DSSE-KMS" (S3 User Guide).
	if e.BucketKey && e.Type == DSSEKMS {
		return "bucket_key", "S3 Bucket Keys are not supported for dsse-kms"
	}
	if e.Keys < 1 {
		return "keys", fmt.Sprintf("must be at least 1, got %d", e.Keys)
	}
	if e.Requesters < 1 {
		return "requesters", fmt.Sprintf("must be at least 1, got %d", e.Requesters)
	}
	if e.RotationPeriod < MinRotationPeriod || e.RotationPeriod > MaxRotationPeriod {
		return "rotation_period", fmt.Sprintf("must be from 90d to 2560d, got %s", FormatDuration(e.RotationPeriod))
	}
	if e.BucketKeyReuse <= 0 {
		return "bucket_key_reuse", "must be longer than 0"
	}
	return "", ""
}

// Describe says in a few words what is priced, for report footers.
func (e Encryption) Describe() string {
	switch e.Type {
	case SSES3, "":
		return "SSE-S3 (no charge)"
	case SSEC:
		return "SSE-C (no charge)"
	}
	var parts []string
	parts = append(parts, strings.ToUpper(string(e.Type)))
	if e.Key == CustomerManagedKey {
		keys := fmt.Sprintf("%d customer managed key", e.Keys)
		if e.Keys != 1 {
			keys += "s"
		}
		if e.Rotation {
			age := FormatDuration(e.KeyAge) + " old"
			if e.KeyAge == 0 {
				age = "new"
			}
			keys += fmt.Sprintf(", rotated every %s, %s at month 0", FormatDuration(e.RotationPeriod), age)
		}
		parts = append(parts, keys)
	} else {
		parts = append(parts, "AWS managed key aws/s3")
	}
	if e.BucketKey {
		parts = append(parts, fmt.Sprintf("S3 Bucket Key (%d requester%s)", e.Requesters, plural(e.Requesters)))
	} else if e.Type == SSEKMS {
		parts = append(parts, "no S3 Bucket Key")
	}
	if e.KMSFreeTier {
		parts = append(parts, "KMS free tier counted")
	}
	return strings.Join(parts, ", ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
