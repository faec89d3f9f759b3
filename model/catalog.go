package model

import (
	"time"

	"github.com/shopspring/decimal"
)

// Sizes and durations that recur in AWS's billing rules.
const (
	KiB int64 = 1024
	MiB       = 1024 * KiB
	GiB       = 1024 * MiB
	TiB       = 1024 * GiB

	// Day is 24 hours; Month is the 730-hour average month AWS prices by
	// (365/12 days); Year is 365 days.
	Day   = 24 * time.Hour
	Month = 730 * time.Hour
	Year  = 365 * Day
)

// RestoreTier names a retrieval option of the archive classes.
type RestoreTier string

// The restore tiers of GLACIER and DEEP_ARCHIVE (and of Intelligent-Tiering's
// opt-in archive tiers).
const (
	RestoreExpedited RestoreTier = "expedited"
	RestoreStandard  RestoreTier = "standard"
	RestoreBulk      RestoreTier = "bulk"
)

// RetrievalOption is one way of reading a class's data, with the longest wait
// for the first byte AWS documents for it. Classes read directly have a single
// option with an empty Tier.
type RetrievalOption struct {
	Tier      RestoreTier
	FirstByte time.Duration
	// Described is AWS's wording, e.g. "3-5 hours".
	Described string
}

// ITTier is one access tier of S3 Intelligent-Tiering.
type ITTier struct {
	ID string // FREQUENT, INFREQUENT, ARCHIVE_INSTANT, ARCHIVE, DEEP_ARCHIVE
	// AfterDays is how long an object goes without access before it moves
	// here (0 for the frequent tier, where new and accessed objects sit).
	AfterDays int
	// OptIn tiers are only used when the bucket configures them; AfterDays is
	// then the shortest setting AWS allows (up to 730).
	OptIn bool
	// Archived tiers carry the 32 KiB + 8 KiB per-object overhead and need a
	// restore before a read.
	Archived bool
}

// Monitoring describes Intelligent-Tiering's automatic tiering.
type Monitoring struct {
	// MinObjectBytes: smaller objects are not monitored, pay no monitoring
	// fee and always stay in the frequent tier (S3 pricing page).
	MinObjectBytes int64
	Tiers          []ITTier
}

// Class is everything s3cost knows about a storage class apart from its
// prices, which vary by region and live in the price sheets. Adding a class
// is adding an entry to Catalog (and prices to the sheets), not a code path.
type Class struct {
	ID   ClassID
	Name string // AWS's product name
	// Durability as AWS states it; DurabilityNote qualifies it.
	Durability     string
	DurabilityNote string
	// Availability is the designed availability and SLA the monthly uptime
	// AWS credits against, both as fractions (0.9999 = 99.99%).
	Availability decimal.Decimal
	SLA          decimal.Decimal
	// Zones is the number of availability zones that hold the data (at least).
	Zones int
	// Retrieval lists how data can be read; for GLACIER and DEEP_ARCHIVE each
	// option is a restore tier.
	Retrieval []RetrievalOption
	// NeedsRestore: every read first restores a temporary copy.
	NeedsRestore bool
	// RetrievalFee: reads pay a fee per GB retrieved (the IA classes,
	// GLACIER_IR, EXPRESS_ONEZONE); UploadFee: writes pay one per GB
	// uploaded (EXPRESS_ONEZONE).
	RetrievalFee, UploadFee bool
	// DirectoryBucket: the class lives in S3 directory buckets (Express One
	// Zone), which encrypt with SSE-S3 or SSE-KMS with a customer managed
	// key only, always use S3 Bucket Keys, and cannot replicate (S3 User
	// Guide, directory buckets).
	DirectoryBucket bool
	// MinDuration: objects removed sooner are charged for the remainder.
	MinDuration time.Duration
	// MinBillableBytes: smaller objects are billed as this size.
	MinBillableBytes int64
	// OverheadClassBytes is billed per object at the class's storage rate and
	// OverheadStandardBytes at the STANDARD rate (archive index and metadata).
	OverheadClassBytes    int64
	OverheadStandardBytes int64
	// Monitoring is non-nil for Intelligent-Tiering.
	Monitoring *Monitoring
	// LifecycleRank orders the lifecycle waterfall: a lifecycle rule moves
	// objects only to a class of higher rank. Zero: no lifecycle transition
	// into or out of this class (EXPRESS_ONEZONE).
	LifecycleRank int
	// NoLifecycleTo lists higher-ranked classes that lifecycle still cannot
	// reach from this one (ONEZONE_IA cannot go to GLACIER_IR).
	NoLifecycleTo []ClassID
}

// FirstByte returns the wait for the first byte of a read using the given
// restore tier (ignored by classes read directly), and whether the class
// offers that option at all.
func (c Class) FirstByte(tier RestoreTier) (RetrievalOption, bool) {
	for _, o := range c.Retrieval {
		if !c.NeedsRestore || o.Tier == tier {
			return o, true
		}
	}
	return RetrievalOption{}, false
}

// CanTransitionTo reports whether a lifecycle rule can move objects from c to
// the target class. AWS's waterfall: STANDARD -> STANDARD_IA ->
// INTELLIGENT_TIERING -> ONEZONE_IA -> GLACIER_IR -> GLACIER -> DEEP_ARCHIVE,
// each able to skip ahead, except ONEZONE_IA -> GLACIER_IR (S3 User Guide,
// "Transitioning objects using Amazon S3 Lifecycle").
func (c Class) CanTransitionTo(target Class) bool {
	if c.LifecycleRank == 0 || target.LifecycleRank == 0 || target.LifecycleRank <= c.LifecycleRank {
		return false
	}
	for _, no := range c.NoLifecycleTo {
		if no == target.ID {
			return false
		}
	}
	return true
}

// LifecycleMinObjectBytes: since September 2024 lifecycle does not transition
// objects smaller than 128 KiB by default
// (TransitionDefaultMinimumObjectSize = all_storage_classes_128K).
const LifecycleMinObjectBytes = 128 * KiB

func pct(s string) decimal.Decimal { return decimal.RequireFromString(s).Shift(-2) }

const elevenNines = "99.999999999%"

// Catalog returns the declarative model of every storage class, in the order
// s3cost lists them. Sources: the S3 User Guide's storage-class comparison
// table, the S3 FAQ and the S3 SLA (see docs/cost-rules.md).
func Catalog() []Class {
	ms := []RetrievalOption{{FirstByte: 100 * time.Millisecond, Described: "milliseconds"}}
	return []Class{
		{
			ID: Standard, Name: "S3 Standard",
			Durability: elevenNines, Availability: pct("99.99"), SLA: pct("99.9"), Zones: 3,
			Retrieval: ms, LifecycleRank: 1,
		},
		{
			ID: IntelligentTiering, Name: "S3 Intelligent-Tiering",
			Durability: elevenNines, Availability: pct("99.9"), SLA: pct("99.0"), Zones: 3,
			Retrieval: ms, LifecycleRank: 3,
			// An object moves to infrequent after 30 consecutive days without
			// access, to archive instant after 90; the opt-in archive tiers
			// after 90-730 and 180-730 days (S3 User Guide, Intelligent-Tiering).
			Monitoring: &Monitoring{
				MinObjectBytes: 128 * KiB,
				Tiers: []ITTier{
					{ID: "FREQUENT", AfterDays: 0},
					{ID: "INFREQUENT", AfterDays: 30},
					{ID: "ARCHIVE_INSTANT", AfterDays: 90},
					{ID: "ARCHIVE", AfterDays: 90, OptIn: true, Archived: true},
					{ID: "DEEP_ARCHIVE", AfterDays: 180, OptIn: true, Archived: true},
				},
			},
		},
		{
			ID: StandardIA, Name: "S3 Standard-Infrequent Access",
			Durability: elevenNines, Availability: pct("99.9"), SLA: pct("99.0"), Zones: 3,
			Retrieval: ms, MinDuration: 30 * Day, MinBillableBytes: 128 * KiB, LifecycleRank: 2, RetrievalFee: true,
		},
		{
			ID: OneZoneIA, Name: "S3 One Zone-Infrequent Access",
			Durability:     elevenNines,
			DurabilityNote: "in a single AZ: data is lost if that AZ is destroyed",
			Availability:   pct("99.5"), SLA: pct("99.0"), Zones: 1,
			Retrieval: ms, MinDuration: 30 * Day, MinBillableBytes: 128 * KiB, LifecycleRank: 4, RetrievalFee: true,
			NoLifecycleTo: []ClassID{GlacierIR},
		},
		{
			ID: GlacierIR, Name: "S3 Glacier Instant Retrieval",
			Durability: elevenNines, Availability: pct("99.9"), SLA: pct("99.0"), Zones: 3,
			Retrieval: ms, MinDuration: 90 * Day, MinBillableBytes: 128 * KiB, LifecycleRank: 5, RetrievalFee: true,
		},
		{
			ID: Glacier, Name: "S3 Glacier Flexible Retrieval",
			Durability: elevenNines, Availability: pct("99.99"), SLA: pct("99.9"), Zones: 3,
			NeedsRestore: true,
			Retrieval: []RetrievalOption{
				{Tier: RestoreExpedited, FirstByte: 5 * time.Minute, Described: "1-5 minutes"},
				{Tier: RestoreStandard, FirstByte: 5 * time.Hour, Described: "3-5 hours"},
				{Tier: RestoreBulk, FirstByte: 12 * time.Hour, Described: "5-12 hours"},
			},
			MinDuration: 90 * Day, OverheadClassBytes: 32 * KiB, OverheadStandardBytes: 8 * KiB,
			LifecycleRank: 6,
		},
		{
			ID: DeepArchive, Name: "S3 Glacier Deep Archive",
			Durability: elevenNines, Availability: pct("99.99"), SLA: pct("99.9"), Zones: 3,
			NeedsRestore: true,
			Retrieval: []RetrievalOption{
				{Tier: RestoreStandard, FirstByte: 12 * time.Hour, Described: "within 12 hours"},
				{Tier: RestoreBulk, FirstByte: 48 * time.Hour, Described: "within 48 hours"},
			},
			MinDuration: 180 * Day, OverheadClassBytes: 32 * KiB, OverheadStandardBytes: 8 * KiB,
			LifecycleRank: 7,
		},
		{
			ID: ExpressOneZone, Name: "S3 Express One Zone",
			Durability:     elevenNines,
			DurabilityNote: "in a single AZ: data is lost if that AZ is destroyed",
			Availability:   pct("99.95"), SLA: pct("99.9"), Zones: 1,
			Retrieval:    []RetrievalOption{{FirstByte: 10 * time.Millisecond, Described: "single-digit milliseconds"}},
			RetrievalFee: true, UploadFee: true, DirectoryBucket: true,
		},
	}
}

// LookupClass returns the catalogue entry for id.
func LookupClass(id ClassID) (Class, bool) {
	for _, c := range Catalog() {
		if c.ID == id {
			return c, true
		}
	}
	return Class{}, false
}
