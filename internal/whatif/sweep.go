package whatif

import (
	"runtime"
	"sync"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Sweep prices the workload at every point of the range. Points are
// independent, so they are priced on every core; each keeps only its
// point (a comparison's estimates are dropped as soon as it is read), so
// memory does not grow with what a comparison holds, only with the points.
func (e *Evaluator) Sweep(r Range) (Sweep, error) {
	res := Sweep{Path: e.Path, Kind: e.Kind}
	xs := r.Points(e.Whole)
	if len(xs) == 0 {
		return res, nil
	}
	// The first point fixes the columns (the classes compared).
	first, err := e.Eval(xs[0])
	if err != nil {
		return res, err
	}
	res.Workload, res.Classes, res.Pricing = first.Workload, classOrder(first), first.Pricing
	points := make([]SweepPoint, len(xs))
	points[0] = pointOf(xs[0], first, res.Classes)
	errs := make([]error, len(xs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c, err := e.Eval(xs[i])
				if err != nil {
					errs[i] = err
					continue
				}
				points[i] = pointOf(xs[i], c, res.Classes)
			}
		}()
	}
	for i := 1; i < len(xs); i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return res, err
		}
	}
	res.Points = points
	return res, nil
}

// classOrder lists the compared classes in catalogue order, so columns stay
// put while the ranking changes.
func classOrder(c model.Comparison) []model.ClassID {
	var out []model.ClassID
	for _, cl := range model.Catalog() {
		for _, e := range c.Results {
			if e.Class == cl.ID {
				out = append(out, cl.ID)
			}
		}
	}
	return out
}

func pointOf(x decimal.Decimal, c model.Comparison, classes []model.ClassID) SweepPoint {
	p := SweepPoint{X: x, Monthly: make([]decimal.Decimal, len(classes)), Eligible: make([]bool, len(classes)), Priced: make([]bool, len(classes))}
	for i, id := range classes {
		for _, e := range c.Results {
			if e.Class == id {
				p.Monthly[i], p.Eligible[i], p.Priced[i] = e.MonthlyAverage(), e.Eligible, e.Priced()
			}
		}
	}
	// Results are ranked: the first eligible one is the cheapest.
	for _, e := range c.Results {
		if e.Eligible {
			p.Cheapest = e.Class
			break
		}
	}
	return p
}
