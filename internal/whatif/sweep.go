package whatif

import (
	"runtime"
	"sync"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Sweep prices the workload at every point of the range. Points are
// independent, so they are priced on every core, each into its own slot.
func (e *Evaluator) Sweep(r Range) (Sweep, error) {
	res := Sweep{Path: e.Path, Kind: e.Kind}
	xs := r.Points(e.Whole)
	comps := make([]model.Comparison, len(xs))
	errs := make([]error, len(xs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				comps[i], errs[i] = e.Eval(xs[i])
			}
		}()
	}
	for i := range xs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, x := range xs {
		if errs[i] != nil {
			return res, errs[i]
		}
		if res.Classes == nil {
			res.Workload = comps[i].Workload
			res.Classes = classOrder(comps[i])
			res.Pricing = comps[i].Pricing
		}
		res.Points = append(res.Points, pointOf(x, comps[i], res.Classes))
	}
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
