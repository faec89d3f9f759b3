package model

import (
	"time"

	"github.com/shopspring/decimal"
)

// Workload is one dataset described by a workload file (format version 1),
// after decoding, defaults and validation. Every count and size is a decimal
// so that the engine never converts through floating point.
type Workload struct {
	Name   string
	Region string
	// Months is the horizon of the estimate.
	Months int

	Objects Objects
	// UploadsPerMonth new objects arrive at the start of every month of the
	// horizon, month 0 included, with the same size mix as Objects.
	UploadsPerMonth decimal.Decimal
	// Lifetime: each object is deleted this long after it arrives. Zero means
	// objects are kept beyond the horizon.
	Lifetime time.Duration

	Reads         Reads
	ListsPerMonth decimal.Decimal
	Transfer      Transfer
	Require       Requirements
	// Classes limits the candidates; empty means every class.
	Classes []ClassID
	// Class is the class the data is kept in (pinned); empty means the
	// cheapest eligible one.
	Class      ClassID
	Budget     Budget
	Encryption Encryption
	// Replication is nil unless objects are replicated to another bucket.
	Replication *Replication
	// Lifecycles are lifecycle rules priced as candidates beside the
	// classes (the lifecycle key, --lifecycle files).
	Lifecycles []Lifecycle
	// ITArchive configures Intelligent-Tiering's opt-in archive tiers,
	// wherever Intelligent-Tiering is priced (a class or a rule's stage).
	ITArchive ITArchive // Notes say what decoding assumed or adjusted (shares scaled to add
	// up to 1, a stock uploaded at month 0); every estimate repeats them.
	Notes []string
}

// Replication copies every object written to a bucket in region To (the
// source's own region for same-region replication), in Class (empty: the
// class being priced), with Replication Time Control when RTC.
type Replication struct {
	To    string
	Class ClassID
	RTC   bool
}

// Objects is the stock at month 0.
type Objects struct {
	Count decimal.Decimal
	// Mix is the size distribution; shares add up to 1. A single size is a
	// mix of one entry with share 1.
	Mix []SizeShare
	// TotalBytes and TotalCount are objects.total and the objects.count it
	// was given with (zero otherwise): the mean size is TotalBytes /
	// TotalCount exactly, where the single Mix entry holds it rounded (it
	// may not be a finite decimal). The engine prices from them so that
	// quantities stay exact (docs/json.md, "Precision"); they keep
	// describing the mean when Count is changed (a part of the stock
	// moved, a replica without the stock).
	TotalBytes, TotalCount decimal.Decimal
	// From is the class the stock sits in today; empty means the stock is
	// uploaded (PUT) at month 0.
	From ClassID
	// Ages is the stock's age profile at month 0 (objects.ages); nil means
	// every object is new at month 0. AgesSteady says it was given as
	// "steady" (one band, uniform over the lifetime).
	Ages       []AgeBand
	AgesSteady bool
}

// SizeShare is one entry of a size mix: Share of the objects are Bytes long.
type SizeShare struct {
	Bytes decimal.Decimal
	Share decimal.Decimal
}

// Reads describes how the data is read.
type Reads struct {
	PerMonth decimal.Decimal
	// Bytes returned by each GET; zero with Full set means the whole object.
	Full  bool
	Bytes decimal.Decimal
	// ActiveShare is the share of stored objects read in a month; nil means
	// "derive from PerMonth / objects stored, at most 1".
	ActiveShare *decimal.Decimal
	// Restore is the restore tier used by reads from archive classes, and
	// RestoreDays how long the restored copy is kept.
	Restore     RestoreTier
	RestoreDays decimal.Decimal
	// ByAge is the share of the month's reads falling on objects of each
	// age band (reads.by_age); nil means reads are spread evenly over the
	// objects stored.
	ByAge []AgeBand
}

// Transfer is data transfer out, in bytes a month.
type Transfer struct {
	InternetBytes    decimal.Decimal
	InterRegionBytes decimal.Decimal
}

// Requirements make a class ineligible when it does not meet them. Zero
// values mean "no requirement".
type Requirements struct {
	FirstByte    time.Duration
	Availability decimal.Decimal
	Zones        int
	// FirstByteByAge sets the first-byte requirement by object age
	// (require.first_byte_by_age), for the reads falling on each age; it
	// replaces FirstByte where given.
	FirstByteByAge []AgeLimit
	// DefaultZones and DefaultFirstByte: the workload did not give the
	// key, and Zones or FirstByte is the default; a class that misses one
	// is told which key accepts it.
	DefaultZones, DefaultFirstByte bool
}

// ApplyDefaults fills the requirements a workload did not give with what
// a careful engineer assumes: three availability zones, and, when the
// workload reads, a first byte within a second (docs/cost-rules.md,
// "Requirements").
func (r *Requirements) ApplyDefaults(reads bool) {
	if r.Zones == 0 {
		r.Zones, r.DefaultZones = 3, true
	}
	if reads && r.FirstByte == 0 && len(r.FirstByteByAge) == 0 {
		r.FirstByte, r.DefaultFirstByte = time.Second, true
	}
}

// Budget limits used by `s3cost check` (a later issue); nil means unset.
// Monthly is held against the average month (total / months), the figure
// every MONTHLY column shows; PeakMonth against the dearest single month.
type Budget struct {
	Monthly   *decimal.Decimal
	PeakMonth *decimal.Decimal
	Total     *decimal.Decimal
}

// File is a workload file: one or more datasets sharing a region, a horizon
// and a budget.
type File struct {
	// Path is where the file was read from; Name is its name key, or the
	// file name without extension.
	Path, Name string
	// Budget applies to the sum of the datasets.
	Budget Budget
	// Datasets are complete workloads; each may carry its own Budget (a
	// single-dataset file's budget is the file's).
	Datasets []Workload
}
