// Package analytics reads the daily exports of Amazon S3 Storage Class
// Analysis and turns them into a workload's reads block (`s3cost
// analytics`): how many GETs a month, how many bytes each returns, and how
// the GETs fall by object age. docs/access-data.md walks from enabling the
// analysis to applying the lifecycle rule `s3cost plan` finds.
//
// The export (S3 User Guide, "Amazon S3 analytics – Storage Class
// Analysis", "Exported file layout") is a CSV file with one row a day for
// each age group of a configuration's objects of 128 KB and more (000-014
// ... 730+) and one row, ALL, for every object, small ones included. Its
// figures are in MB of 2^20 bytes.
//
// What is taken from it, and why:
//
//   - reads.per_month: the mean daily GetRequestCount of the ALL rows over
//     the distinct dates covered, times 365/12 (the 730-hour month AWS
//     prices by, as everywhere in s3cost). ALL counts every GET, those on
//     objects under 128 KB too, so per_month counts them.
//   - reads.by_age: one band per age group, its share of the age groups'
//     GETs. Objects under 128 KB have no age group, so their GETs (ALL
//     minus the sum of the age groups) cannot be placed in a band: the
//     shares spread only the aged GETs, and the small objects' GETs are
//     taken to fall by age as the others do. The output says how many they
//     are.
//   - reads.size: the mean bytes per GET of the ALL rows, DataRetrieved_MB x
//     2^20 / GetRequestCount, as a whole number of bytes. It is what the
//     GETs really returned (ranged GETs included), not `full`, which is the
//     mean size of the stored objects: the objects read are not an even
//     sample of those stored.
//
// Several files combine: rows of the same configuration, filter and storage
// class on different days are averaged together; the same day's row in two
// files (AWS's export file is a log that grows by a day each day, so two
// downloads of it overlap) is counted once when it is identical and refused
// when it differs. Different configurations are different objects: their
// reads are never summed, and Options.ConfigID picks one.
package analytics

import (
	"time"

	"github.com/shopspring/decimal"
)

// MaxFileBytes is the largest export read: 1 GiB. A file is refused unread
// above it. One configuration's export grows by 13 rows (about 1.3 KB) a
// day; a year of daily rows of 1,000 configurations (AWS's limit per
// bucket), concatenated, is about 500 MB.
const MaxFileBytes = 1 << 30

// SharePlaces is the decimal places of a by_age share: each band's share
// of the aged GETs is rounded down to 0.000001, and the last band with
// GETs takes the rest, so the shares add up to exactly 1 (as the workload
// format requires) and none is negative. That band gets at most 11 x
// 0.000001 more than its exact share.
const SharePlaces = 6

// PerMonthPlaces is the decimal places of reads.per_month (rounded half
// away from zero): 0.0001 GET a month.
const PerMonthPlaces = 4

// mib is AWS's MB in the export: 2^20 bytes.
const mib = 1 << 20

// Header is the export's header row, column by column, as AWS writes it.
var Header = []string{
	"Date", "ConfigId", "Filter", "StorageClass", "ObjectAge", "ObjectCount",
	"DataUploaded_MB", "Storage_MB", "DataRetrieved_MB", "GetRequestCount",
	"CumulativeAccessRatio", "ObjectAgeForSIATransition", "RecommendedObjectAgeForSIATransition",
}

// Column indexes in Header.
const (
	colDate = iota
	colConfigID
	colFilter
	colClass
	colAge
	colObjectCount
	colUploaded
	colStorage
	colRetrieved
	colGets
	colRatio
	colObserved
	colRecommended
	numColumns
)

// AgeGroup is one of the export's age groups of objects of 128 KB and
// more, and the reads.by_age band it becomes.
type AgeGroup struct {
	// Name is the ObjectAge value: "000-014".
	Name string
	// Until is the band's end: the group's last day + 1 (objects 0 to 14
	// days old are younger than 15 days); 0 for 730+, which becomes
	// `forever`.
	Until time.Duration
}

// AgeGroups are the export's twelve age groups, youngest first (S3 User
// Guide, "Exported file layout": ObjectAge).
var AgeGroups = []AgeGroup{
	{"000-014", 15 * day}, {"015-029", 30 * day}, {"030-044", 45 * day},
	{"045-059", 60 * day}, {"060-074", 75 * day}, {"075-089", 90 * day},
	{"090-119", 120 * day}, {"120-149", 150 * day}, {"150-179", 180 * day},
	{"180-364", 365 * day}, {"365-729", 730 * day}, {"730+", 0},
}

// AllGroup is the ObjectAge of the rows of every object.
const AllGroup = "ALL"

// allIndex is the ALL row's index beside the age groups'.
const allIndex = 12

const day = 24 * time.Hour

// StorageClasses are the values of StorageClass AWS defines (S3 API
// Reference, "Object", StorageClass); any other is refused.
var StorageClasses = []string{
	"STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
	"GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE", "FSX_OPENZFS",
}

// DefaultClass is the storage class profiled unless another is selected:
// Storage Class Analysis studies STANDARD objects for a transition to
// STANDARD_IA, and gives its recommendation for STANDARD only.
const DefaultClass = "STANDARD"

// Options pick the rows to profile and shape the bands: one configuration
// (ConfigID, "" when the files hold only one), one storage class (Class,
// "" for DefaultClass), and the workload's lifetime (Lifetime, 0 for
// none): with a lifetime, the workload format takes no band ending after
// it, so the bands from the one that reaches it on are folded into the
// last, `forever` (which then means up to the lifetime).
type Options struct {
	ConfigID string
	Class    string
	Lifetime time.Duration
}

// Profile is what the selected rows say of the reads: per age group and
// in all, as daily means over the dates covered, per month.
type Profile struct {
	// Files are the exports read, as given.
	Files []string
	// ConfigID, Filter and Class name the rows used.
	ConfigID, Filter, Class string
	// First and Last are the first and last dates covered; Days the
	// distinct dates (the divisor of every mean).
	First, Last time.Time
	Days        int
	// Duplicates counts rows read twice (the same day in several files),
	// counted once.
	Duplicates int
	// OtherClasses are the storage classes of the same configuration not
	// used; OtherConfigs the other configurations in the files.
	OtherClasses []string
	OtherConfigs []string
	// Groups are the twelve age groups, youngest first.
	Groups []GroupProfile
	// All is the ALL rows: every object, small ones included.
	All Totals
	// Small is ALL minus the age groups: objects under 128 KB.
	Small Totals
	// SmallShare is the share of all GETs on objects under 128 KB,
	// rounded to SharePlaces (0 without GETs).
	SmallShare decimal.Decimal
	// Objects is the mean ObjectCount of the ALL rows; ObjectsKnown is
	// false when a day had none.
	Objects      decimal.Decimal
	ObjectsKnown bool
	// Recommendation is AWS's RecommendedObjectAgeForSIATransition and
	// ObjectAgeForSIATransition of the latest date that has them.
	Recommendation *Recommendation
	// GetsPerDay is the mean daily GETs of the ALL rows, rounded to
	// PerMonthPlaces.
	GetsPerDay decimal.Decimal
	// Lifetime is Options.Lifetime, which shaped the bands.
	Lifetime time.Duration
	// Reads is the workload's reads block.
	Reads Reads
}

// GroupProfile is one age group's figures.
type GroupProfile struct {
	AgeGroup
	// Days is how many of the dates covered have a row of this group.
	Days int
	Totals
	// Share is the group's share of the aged GETs, rounded half up to
	// SharePlaces. by_age writes these shares, but for the rounding that
	// makes them add up to 1 and for groups folded into one band.
	Share decimal.Decimal
}

// Totals are daily means: bytes stored; and per month: GETs, bytes read.
type Totals struct {
	StorageBytes      decimal.Decimal
	GetsPerMonth      decimal.Decimal
	BytesReadPerMonth decimal.Decimal
}

// Recommendation is AWS's own transition advice, from the ALL row of
// STANDARD (S3 User Guide, "Exported file layout").
type Recommendation struct {
	Date time.Time
	// Recommended is RecommendedObjectAgeForSIATransition; Observed is
	// ObjectAgeForSIATransition (nil when that row left it empty).
	Recommended *int64
	Observed    *int64
}

// Reads is the workload's reads block.
type Reads struct {
	// PerMonth is GETs a month, all objects.
	PerMonth decimal.Decimal
	// SizeBytes is the mean bytes per GET; 0 when there is no GET (the
	// block then has no size).
	SizeBytes decimal.Decimal
	// ZeroBytes: GETs returned no byte at all; SizeBytes is then 1, the
	// smallest size the workload format takes.
	ZeroBytes bool
	// ByAge is nil when no GET fell on an object of 128 KB or more.
	ByAge []Band
	// BeyondLifetime is the share of the aged GETs on age groups that
	// start at or after Options.Lifetime, folded into the last band: the
	// export saw objects older than the workload's lifetime.
	BeyondLifetime decimal.Decimal
}

// Band is one entry of reads.by_age.
type Band struct {
	// Until is the band's end; 0 is forever.
	Until time.Duration
	Share decimal.Decimal
	// Groups are the age groups it stands for: several for a last band
	// into which the oldest groups were folded (those without a GET, and
	// with a lifetime those reaching it).
	Groups []string
}
