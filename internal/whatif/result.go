package whatif

import (
	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/model"
)

// SweepPoint is a workload priced at one value of the varied key.
type SweepPoint struct {
	// X is the value in base units: bytes, seconds, or a plain number.
	X decimal.Decimal
	// Monthly is each class's monthly average, in the Sweep's Classes
	// order; Eligible says whether the class met the requirements there.
	Monthly  []decimal.Decimal
	Eligible []bool
	// Priced says whether the class has amounts there (Estimate.Priced):
	// false when the price sheet lacks a price it needs or the region does
	// not offer it; its Monthly is then zero and means nothing.
	Priced []bool
	// Cheapest is the cheapest eligible class ("" when none is).
	Cheapest model.ClassID
}

// Sweep is a workload priced across a range of one key.
type Sweep struct {
	// Path is the varied key; Kind how its values read (size, number,
	// duration, fraction).
	Path, Kind string
	Workload   string
	Classes    []model.ClassID
	Points     []SweepPoint
	Pricing    model.PricingInfo
}

// Crossing is a change of the cheapest class (or of the cheaper of a pair):
// below Lo Before wins, from Hi on After does. Hi - Lo is the precision.
type Crossing struct {
	Lo, Hi        decimal.Decimal
	Before, After model.ClassID
	// Unpriced is set when the change is not a change of cost but of what
	// the sheet can price: Before cannot be priced from Hi on, or After
	// only from Hi on. It says which, with the reason.
	Unpriced string
}

// At is the middle of the bracket.
func (c Crossing) At() decimal.Decimal { return c.Lo.Add(c.Hi).DivRound(decimal.NewFromInt(2), 12) }

// Breakeven is the outcome of a break-even search.
type Breakeven struct {
	Path, Kind string
	Workload   string
	From, To   decimal.Decimal
	// Pair is the two classes compared, or empty for the cheapest of all.
	Pair      []model.ClassID
	Crossings []Crossing
	// Throughout is the winner over the whole range when there is no
	// crossing ("" when none is eligible anywhere in it).
	Throughout model.ClassID
	// Precision says how close Lo and Hi are, in words.
	Precision string
	Pricing   model.PricingInfo
}
