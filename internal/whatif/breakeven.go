package whatif

import (
	"fmt"
	"strings"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Crossings finds every value in the range where the cheapest eligible class
// changes or, with a pair of classes, where the cheaper of the two changes.
// The range is scanned at its Steps points (a change between two scanned
// points is found; two changes between the same two points may be missed:
// raise --steps), and each change is then narrowed by bisection.
func (e *Evaluator) Crossings(r Range, pair []model.ClassID) ([]Crossing, error) {
	winner := func(x decimal.Decimal) (model.ClassID, error) { return e.Winner(x, pair) }
	points := r.Points(e.Whole)
	var out []Crossing
	prevX := points[0]
	prev, err := winner(prevX)
	if err != nil {
		return nil, err
	}
	for _, x := range points[1:] {
		cur, err := winner(x)
		if err != nil {
			return nil, err
		}
		if cur != prev {
			c, err := bisect(e, winner, prevX, x, prev, cur)
			if err != nil {
				return nil, err
			}
			for i := range c {
				if c[i].Unpriced, err = pricedChange(e, c[i]); err != nil {
					return nil, err
				}
			}
			out = append(out, c...)
		}
		prevX, prev = x, cur
	}
	return out, nil
}

// bisect narrows a change between lo (winner a) and hi (winner b). If a
// third class wins in between, both changes are reported.
func bisect(e *Evaluator, winner func(decimal.Decimal) (model.ClassID, error), lo, hi decimal.Decimal, a, b model.ClassID) ([]Crossing, error) {
	two := decimal.NewFromInt(2)
	for i := 0; i < 200 && !closeEnough(e, lo, hi); i++ {
		mid := lo.Add(hi).DivRound(two, 12)
		if e.Whole {
			mid = mid.Floor()
			if !mid.GreaterThan(lo) {
				break
			}
		}
		w, err := winner(mid)
		if err != nil {
			return nil, err
		}
		switch w {
		case a:
			lo = mid
		case b:
			hi = mid
		default:
			left, err := bisect(e, winner, lo, mid, a, w)
			if err != nil {
				return nil, err
			}
			right, err := bisect(e, winner, mid, hi, w, b)
			if err != nil {
				return nil, err
			}
			return append(left, right...), nil
		}
	}
	return []Crossing{{Lo: lo, Hi: hi, Before: a, After: b}}, nil
}

// pricedChange tells a change of the winner that comes from prices the
// sheet lacks, not from costs: the class winning below the bracket cannot
// be priced above it, or the class winning above could not be priced
// below. Such a change is no break-even, and the report must say so.
func pricedChange(e *Evaluator, c Crossing) (string, error) {
	at := func(x decimal.Decimal, id model.ClassID) (model.Estimate, error) {
		comp, err := e.Eval(x)
		if err != nil {
			return model.Estimate{}, err
		}
		for _, est := range comp.Results {
			if est.Class == id {
				return est, nil
			}
		}
		return model.Estimate{}, nil
	}
	before, err := at(c.Hi, c.Before)
	if err != nil {
		return "", err
	}
	if !before.Priced() && before.Class != "" {
		return fmt.Sprintf("%s cannot be priced from here on: %s", c.Before, strings.Join(before.Violations, "; ")), nil
	}
	after, err := at(c.Lo, c.After)
	if err != nil {
		return "", err
	}
	if !after.Priced() && after.Class != "" {
		return fmt.Sprintf("%s could not be priced before: %s", c.After, strings.Join(after.Violations, "; ")), nil
	}
	return "", nil
}

func closeEnough(e *Evaluator, lo, hi decimal.Decimal) bool {
	gap := hi.Sub(lo)
	if e.Whole {
		return gap.LessThanOrEqual(decimal.NewFromInt(1))
	}
	return gap.LessThanOrEqual(hi.Abs().Shift(-6)) || gap.LessThan(decimal.New(1, -9))
}

// cheaperOf says which of two classes costs less over the horizon (the
// first on a tie). A pair that cannot be compared is bad input
// (exit.ErrInput): --between named it.
func cheaperOf(c model.Comparison, a, b model.ClassID) (model.ClassID, error) {
	var ta, tb *decimal.Decimal
	for i := range c.Results {
		e := &c.Results[i]
		if (e.Class == a || e.Class == b) && !e.Priced() {
			// An unpriced class has no amounts: a zero total must not win.
			return "", exit.Inputf("--between %s,%s: %s cannot be compared: %s", a, b, e.Class, strings.Join(e.Violations, "; "))
		}
		switch e.Class {
		case a:
			ta = &e.Total
		case b:
			tb = &e.Total
		}
	}
	if ta == nil || tb == nil {
		return "", exit.Inputf("--between %s,%s: both classes must be among the workload's candidates", a, b)
	}
	if tb.LessThan(*ta) {
		return b, nil
	}
	return a, nil
}

// Winner is the cheapest eligible class at x ("" when none is eligible),
// or with a pair the cheaper of the two.
func (e *Evaluator) Winner(x decimal.Decimal, pair []model.ClassID) (model.ClassID, error) {
	c, err := e.Eval(x)
	if err != nil {
		return "", err
	}
	if len(pair) == 2 {
		return cheaperOf(c, pair[0], pair[1])
	}
	for _, est := range c.Results {
		if est.Eligible {
			return est.Class, nil
		}
	}
	return "", nil // none eligible
}
