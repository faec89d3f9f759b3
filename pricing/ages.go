package pricing

import (
	"sync"
	"time"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// population answers "how many object-months of age a to b are stored in
// month m?" and "how many objects reach age x in month m?" for the two
// kinds of cohort the engine knows: the uploads (one cohort at the start of
// every month, each new) and the month-0 stock, whose ages at month 0
// follow objects.ages (docs/cost-rules.md, "Ages"). Ages are in 730-hour
// months, continuous; objects leave at the lifetime.
//
// Figures are per object: per object uploaded each month, and per object
// of the stock; callers multiply by the counts.
//
// For one cohort, the share of month m spent at ages in [a, b) is
// f(x) = |[x, x+1) ∩ [a, b)| with x its age when the month starts. A stock
// band whose ages are spread evenly over [lo, hi) spends on average
// (G(hi+m) - G(lo+m)) / (hi - lo) there, G being the integral of f:
// G(y) = H(y-a+1) - H(y-b+1) with H(u) = 0, u²/2, u-1/2 for u <= 0, in
// [0, 1], >= 1 (f is a ramp up from a-1 to a and down from b-1 to b).
type population struct {
	// cache keeps the figures of every span and age asked for: a plan
	// search prices thousands of rules whose stages share a few dozen
	// spans. Shared by copies of the population, safe for concurrent use.
	cache *popCache

	// upload and stock are the counts: objects uploaded each month, and
	// the month-0 stock.
	upload, stockCount decimal.Decimal

	months int
	kept   bool
	// lifetime in months when !kept.
	lifetime decimal.Decimal
	// stock ages at month 0, in months; a band with lo == hi is one age.
	stock []ageBand
}

type ageBand struct{ lo, hi, share decimal.Decimal }

type popCache struct {
	mu sync.Mutex
	m  map[string][]decimal.Decimal
}

// cached returns the figures under key, computing them once. The slices
// are shared: callers must not modify them.
func (p population) cached(key string, compute func() []decimal.Decimal) []decimal.Decimal {
	if p.cache == nil {
		return compute()
	}
	p.cache.mu.Lock()
	v, ok := p.cache.m[key]
	p.cache.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	p.cache.mu.Lock()
	p.cache.m[key] = v
	p.cache.mu.Unlock()
	return v
}

func (s span) key() string {
	if s.open {
		return s.a.String() + "-"
	}
	return s.a.String() + "-" + s.b.String()
}

var half = decimal.New(5, -1)

func newPopulation(w model.Workload) population {
	p := population{months: w.Months, kept: w.Lifetime <= 0, cache: &popCache{m: map[string][]decimal.Decimal{}},
		upload: w.UploadsPerMonth, stockCount: w.Objects.Count}
	if !p.kept {
		p.lifetime = inMonths(int64(w.Lifetime))
	}
	if len(w.Objects.Ages) == 0 {
		p.stock = []ageBand{{lo: decimal.Zero, hi: decimal.Zero, share: one}}
		return p
	}
	lo := decimal.Zero
	for _, b := range w.Objects.Ages {
		hi := p.cap(b.Until)
		if hi.IsNegative() {
			// "forever" with objects kept: the band has no end to spread
			// its ages to, so its objects are taken at its lower bound,
			// the youngest they can be (a workload note says so).
			hi = lo
		}
		p.stock = append(p.stock, ageBand{lo: lo, hi: hi, share: b.Share})
		lo = hi
	}
	return p
}

// cap turns an age bound into months, "forever" (0) being the lifetime
// (nothing is older) or unbounded (-1) when objects are kept.
func (p population) cap(d time.Duration) decimal.Decimal {
	if d <= 0 {
		if p.kept {
			return decimal.NewFromInt(-1)
		}
		return p.lifetime
	}
	x := inMonths(int64(d))
	if !p.kept && x.GreaterThan(p.lifetime) {
		return p.lifetime
	}
	return x
}

// span is an age interval [a, b) in months; open means no upper bound.
type span struct {
	a, b decimal.Decimal
	open bool
}

// clip limits s to the ages at which objects exist: below the lifetime.
func (p population) clip(s span) span {
	if p.kept {
		return s
	}
	if s.open || s.b.GreaterThan(p.lifetime) {
		s.b, s.open = p.lifetime, false
	}
	return s
}

func (s span) empty() bool { return !s.open && !s.b.GreaterThan(s.a) }

// f is the share of a month, starting at age x, spent in s.
func (s span) f(x decimal.Decimal) decimal.Decimal {
	lo := decimal.Max(x, s.a)
	hi := x.Add(one)
	if !s.open {
		hi = decimal.Min(hi, s.b)
	}
	return decimal.Max(decimal.Zero, hi.Sub(lo))
}

// g is the integral of f from -inf to y.
func (s span) g(y decimal.Decimal) decimal.Decimal {
	v := rampIntegral(y.Sub(s.a).Add(one))
	if !s.open {
		v = v.Sub(rampIntegral(y.Sub(s.b).Add(one)))
	}
	return v
}

// rampIntegral is H(u): the integral from 0 to u of min(1, max(0, v)).
func rampIntegral(u decimal.Decimal) decimal.Decimal {
	switch {
	case !u.IsPositive():
		return decimal.Zero
	case u.LessThan(one):
		return u.Mul(u).Mul(half)
	}
	return u.Sub(half)
}

// uploadsIn is the object-months per month, per object uploaded each
// month, at ages in s: the cohort of month j is k = m - j months old.
func (p population) uploadsIn(s span) []decimal.Decimal {
	s = p.clip(s)
	return p.cached("up "+s.key(), func() []decimal.Decimal { return p.uploadsInClipped(s) })
}

func (p population) uploadsInClipped(s span) []decimal.Decimal {
	out := make([]decimal.Decimal, p.months)
	cum := decimal.Zero
	for m := range out {
		if !s.empty() {
			cum = cum.Add(s.f(decimal.NewFromInt(int64(m))))
		}
		out[m] = cum
	}
	return out
}

// stockIn is the object-months per month, per object of the stock, at ages
// in s.
func (p population) stockIn(s span) []decimal.Decimal {
	s = p.clip(s)
	return p.cached("stock "+s.key(), func() []decimal.Decimal { return p.stockInClipped(s) })
}

func (p population) stockInClipped(s span) []decimal.Decimal {
	out := make([]decimal.Decimal, p.months)
	for m := range out {
		out[m] = decimal.Zero
		if s.empty() {
			continue
		}
		mm := decimal.NewFromInt(int64(m))
		for _, b := range p.stock {
			var v decimal.Decimal
			if b.hi.LessThanOrEqual(b.lo) && !b.hi.IsNegative() {
				v = s.f(b.lo.Add(mm))
			} else {
				hi := b.hi
				v = s.g(hi.Add(mm)).Sub(s.g(b.lo.Add(mm))).DivRound(hi.Sub(b.lo), divPlaces)
			}
			out[m] = out[m].Add(v.Mul(b.share))
		}
	}
	return out
}

// uploadsReaching is how many objects, per object uploaded each month,
// reach age x in each month: the cohort of month j does at j + x, in month
// j + floor(x) (an age reached exactly at a month boundary is reached in
// the month that starts there).
func (p population) uploadsReaching(x decimal.Decimal) []decimal.Decimal {
	return p.cached("up@"+x.String(), func() []decimal.Decimal { return p.uploadsReachingAt(x) })
}

func (p population) uploadsReachingAt(x decimal.Decimal) []decimal.Decimal {
	out := zeros(p.months)
	first := int(x.Floor().IntPart())
	for m := first; m < p.months; m++ {
		if m >= 0 {
			out[m] = one
		}
	}
	return out
}

// stockReaching is how many objects, per object of the stock, reach age x
// in each month of the horizon (those past it at month 0 reached it
// before).
func (p population) stockReaching(x decimal.Decimal) []decimal.Decimal {
	return p.cached("stock@"+x.String(), func() []decimal.Decimal { return p.stockReachingAt(x) })
}

func (p population) stockReachingAt(x decimal.Decimal) []decimal.Decimal {
	out := zeros(p.months)
	n := decimal.NewFromInt(int64(p.months))
	for _, b := range p.stock {
		if b.hi.LessThanOrEqual(b.lo) {
			t := x.Sub(b.lo)
			if t.IsNegative() || !t.LessThan(n) {
				continue
			}
			m := int(t.Floor().IntPart())
			out[m] = out[m].Add(b.share)
			continue
		}
		// Ages spread over [lo, hi) reach x at times in (x-hi, x-lo].
		width := b.hi.Sub(b.lo)
		from, to := x.Sub(b.hi), x.Sub(b.lo)
		for m := range out {
			mm := decimal.NewFromInt(int64(m))
			lo, hi := decimal.Max(from, mm), decimal.Min(to, mm.Add(one))
			if hi.GreaterThan(lo) {
				out[m] = out[m].Add(hi.Sub(lo).DivRound(width, divPlaces).Mul(b.share))
			}
		}
	}
	return out
}

func zeros(n int) []decimal.Decimal {
	out := make([]decimal.Decimal, n)
	for i := range out {
		out[i] = decimal.Zero
	}
	return out
}

// count is the object-months per month at ages in s, uploads and stock,
// times share (of the objects).
func (p population) count(s span, share decimal.Decimal) []decimal.Decimal {
	return p.cached("count "+s.key()+" "+share.String(), func() []decimal.Decimal {
		return combine(p.upload, p.uploadsIn(s), p.stockCount, p.stockIn(s), share)
	})
}

// reaching is the objects reaching age x per month, uploads and stock,
// times share.
func (p population) reaching(x, share decimal.Decimal) []decimal.Decimal {
	return p.cached("reach "+x.String()+" "+share.String(), func() []decimal.Decimal {
		return combine(p.upload, p.uploadsReaching(x), p.stockCount, p.stockReaching(x), share)
	})
}

// countUploads is count for the uploads alone.
func (p population) countUploads(s span, share decimal.Decimal) []decimal.Decimal {
	return p.cached("countup "+s.key()+" "+share.String(), func() []decimal.Decimal {
		return combine(p.upload, p.uploadsIn(s), decimal.Zero, zeros(p.months), share)
	})
}

// reachingUploads is reaching for the uploads alone.
func (p population) reachingUploads(x, share decimal.Decimal) []decimal.Decimal {
	return p.cached("reachup "+x.String()+" "+share.String(), func() []decimal.Decimal {
		return combine(p.upload, p.uploadsReaching(x), decimal.Zero, zeros(p.months), share)
	})
}

// stored is the share of month m during which anything is stored (reads
// happen only then): all of it while objects are kept; else the presence
// of the newest cohort, the month's uploads or the stock's youngest
// objects, whichever stays longer (the timeline's rule, with the stock's
// ages).
func (p population) stored(m int, upload, stock decimal.Decimal) decimal.Decimal {
	if p.kept {
		if upload.IsPositive() || stock.IsPositive() {
			return one
		}
		return decimal.Zero
	}
	presence := func(age decimal.Decimal) decimal.Decimal {
		return decimal.Max(decimal.Zero, decimal.Min(one, p.lifetime.Sub(age)))
	}
	out := decimal.Zero
	if upload.IsPositive() {
		out = presence(decimal.Zero)
	}
	if stock.IsPositive() {
		// The youngest objects of the bands that hold any.
		var youngest *decimal.Decimal
		for _, b := range p.stock {
			if b.share.IsPositive() && (youngest == nil || b.lo.LessThan(*youngest)) {
				lo := b.lo
				youngest = &lo
			}
		}
		if youngest != nil {
			out = decimal.Max(out, presence(youngest.Add(decimal.NewFromInt(int64(m)))))
		}
	}
	return out
}
