package model

import (
	"strings"

	"github.com/shopspring/decimal"
)

// BreakdownKeys are the cost categories every estimate reports, in display
// order. A line's category is its item ID up to the first dot (or "@").
func BreakdownKeys() []string {
	return []string{"storage", "requests", "retrieval", "monitoring", "transitions", "early_delete", "transfer", "replication", "encryption"}
}

// Line is one traceable charge: Quantity (in Unit) x Price = Cost, summed
// over the horizon. Item is a stable ID such as "storage.min_size".
type Line struct {
	Item     string
	Quantity decimal.Decimal
	Unit     string
	Price    decimal.Decimal
	Cost     decimal.Decimal
}

// Category is the breakdown key a line belongs to: the item ID up to the
// first dot, or up to the "@CLASS" a lifecycle rule's lines end with
// ("storage@GLACIER" is storage).
func (l Line) Category() string {
	if i := strings.IndexAny(l.Item, ".@"); i >= 0 {
		return l.Item[:i]
	}
	return l.Item
}

// Estimate is the cost of one workload in one class over the horizon.
type Estimate struct {
	// Class is the class priced; for a lifecycle rule (Plan set), the
	// rule's readable form ("STANDARD → STANDARD_IA@30d → expire@1y"), which
	// names it wherever a class is named.
	Class ClassID
	// Plan is the lifecycle rule priced (nil for a single class).
	Plan *Lifecycle
	// Region is set when a comparison ranks classes of several regions;
	// Home marks the workload's own region among them.
	Region   string
	Home     bool
	Eligible bool
	// Violations says why an ineligible class is not ranked.
	Violations []string
	Lines      []Line
	// Monthly is the cost of each month of the horizon.
	Monthly []decimal.Decimal
	Total   decimal.Decimal
	// Notes record assumptions and choices the engine made for this class
	// (how the stock moved, which restore tier applied).
	Notes []string
	// Move is set when the month-0 stock sits in another class today: what
	// moving it costs and when the move pays for itself.
	Move *Move
	// Unpriced lists the prices this workload needs in this class that the
	// price sheet does not have; the estimate then has no amounts and is
	// not ranked.
	Unpriced []string
	// Requirements lists the workload's requirements the class misses
	// (first byte, availability, zones, encryption, replication), whether
	// or not it could be priced: a class that misses one is no candidate,
	// priced or not. For a priced class Violations is the same list.
	Requirements []string
	// Derived lists the derived prices (docs/pricing.md) the estimate
	// uses, as sheet keys; "replication to REGION: KEY" for the
	// destination's.
	Derived []string
	// NotOffered is set when the region does not sell the class at all
	// (Express One Zone in most regions): no amounts, not ranked, and not
	// the same as a price the sheet lacks (Unpriced).
	NotOffered bool
}

// Priced reports whether the estimate has amounts: the sheet priced
// everything the workload needs in this class, and the region offers it.
func (e Estimate) Priced() bool { return !e.NotOffered && len(e.Unpriced) == 0 }

// Move is the one-time cost of moving the month-0 stock into a class, and
// the payback against leaving it where it is.
type Move struct {
	// Cost is the one-time cost: transition requests and copies.
	Cost decimal.Decimal
	// PaybackMonths is how many months it takes until the class has cost
	// no more, in all, than staying would have (1 = within the first
	// month); 0 means never within the horizon.
	PaybackMonths int
}

// MonthlyAverage is Total spread evenly over the horizon.
func (e Estimate) MonthlyAverage() decimal.Decimal {
	if len(e.Monthly) == 0 {
		return decimal.Zero
	}
	return e.Total.DivRound(decimal.NewFromInt(int64(len(e.Monthly))), 12)
}

// Breakdown sums the lines by category; every key of BreakdownKeys is present.
func (e Estimate) Breakdown() map[string]decimal.Decimal {
	b := make(map[string]decimal.Decimal, 8)
	for _, k := range BreakdownKeys() {
		b[k] = decimal.Zero
	}
	for _, l := range e.Lines {
		b[l.Category()] = b[l.Category()].Add(l.Cost)
	}
	return b
}

// PricingInfo identifies the price sheet behind a comparison.
type PricingInfo struct {
	Sheet  string
	AsOf   string
	Source string
	// Discount is a contract discount applied to every price ("7%"), or "".
	Discount string
}

// Comparison is a workload priced in every candidate class, ranked: eligible
// classes by total ascending, then ineligible ones by total. A result's rank
// is its 1-based position in Results.
type Comparison struct {
	Workload string
	Region   string
	Currency string
	Months   int
	Pricing  PricingInfo
	Results  []Estimate
	// Encryption is what encryption was priced.
	Encryption Encryption
	// Notes apply to every class (assumptions of the workload as a whole).
	Notes []string
}
