package pricing

import (
	"fmt"
	"slices"
	"time"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// A stage is a class objects spend part of their life in: the whole life
// for a single class, an age range [from, to) for a lifecycle rule's step
// (docs/cost-rules.md, "Lifecycle rules"). Objects of different sizes may
// take different paths through a rule (lifecycle does not transition
// objects under 128 KiB, and a rule's size filter leaves some in place), so
// a stage belongs to one group of sizes.
//
// Month figures are for the whole population as if every object took this
// path (object-months), and the per-object figures are the group's sizes
// weighted by their share of all objects: their product is the group's
// quantity, and with one group both are the single class's figures.
type stage struct {
	c      model.Class
	cp     ClassPrices
	suffix string // "" for a single class, "@CLASS" in a rule

	// Per object of the whole mix, for the sizes of this group; the byte
	// figures times scale.den (exact.go).
	scale        byteScale
	share        decimal.Decimal // of the objects
	meanBytes    decimal.Decimal // object bytes
	paddingBytes decimal.Decimal // up to the minimum billable size
	readBytes    decimal.Decimal // bytes returned by one GET, per read
	restoreBytes decimal.Decimal // bytes restored by one read (the object)
	it           itFacts

	// objects[m] is the object-months in this stage in month m.
	objects []decimal.Decimal
	// entries[m] objects are transitioned into the stage in month m (nil
	// for the first stage).
	entries []decimal.Decimal
	// leaving[m] objects leave the stage in month m before its minimum
	// duration; each pays early months at the class's rate.
	leaving []decimal.Decimal
	early   decimal.Decimal
	// itAges splits objects[m] by months spent in the stage, for
	// Intelligent-Tiering (nil for other classes); olderThan(k) is the
	// object-months of objects at least k months in the stage, for its
	// opt-in archive tiers.
	itAges    func(m int) (age0, age1to2, age3plus decimal.Decimal)
	olderThan func(k int64) []decimal.Decimal
	// readShare[m] is the share of the month's reads that fall on this
	// stage (nil: all of them).
	readShare []decimal.Decimal
	// span is the stage's age range, for age-dependent requirements.
	span span
}

// groupMix is the part of the size mix that takes one path through a rule.
type groupMix struct {
	sizes []model.SizeShare
	path  []int // indexes into the rule's transitions it takes
}

// pathGroups splits the mix by the transitions each size takes.
func pathGroups(mix []model.SizeShare, plan model.Lifecycle) []groupMix {
	var groups []groupMix
	for _, s := range mix {
		var path []int
		for i, t := range plan.Transitions {
			if plan.Moves(s.Bytes, t.Class) {
				path = append(path, i)
			}
		}
		found := false
		for gi := range groups {
			if equalInts(groups[gi].path, path) {
				groups[gi].sizes = append(groups[gi].sizes, s)
				found = true
			}
		}
		if !found {
			groups = append(groups, groupMix{sizes: []model.SizeShare{s}, path: path})
		}
	}
	return groups
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// singleStage is the one stage of a single class without age profiles: the
// timeline's figures as they always were.
func singleStage(w model.Workload, s *Sheet, c model.Class, t *timeline, mix mixFacts) []stage {
	st := baseStage(w, s, c, w.Objects.Mix, "")
	stockStored := w.Objects.From == c.ID
	st.objects = t.objectMonths
	st.leaving = make([]decimal.Decimal, t.months)
	for m := range st.leaving {
		// A stock already stored in this class is old enough to leave
		// freely.
		st.leaving[m] = t.departures(m, !stockStored)
	}
	if !t.kept && c.MinDuration > 0 {
		if min := inMonths(int64(c.MinDuration)); t.lifetimeMonths.LessThan(min) {
			st.early = min.Sub(t.lifetimeMonths)
		}
	}
	if c.Monitoring != nil {
		st.itAges = func(m int) (decimal.Decimal, decimal.Decimal, decimal.Decimal) { return t.ages(m, stockStored) }
	}
	st.span = span{a: decimal.Zero, open: true}
	return []stage{st}
}

// baseStage fills a stage's class and per-object figures for the sizes of
// a group.
func baseStage(w model.Workload, s *Sheet, c model.Class, sizes []model.SizeShare, suffix string) stage {
	sc := newByteScale(w.Objects)
	st := stage{c: c, cp: s.Classes[c.ID], suffix: suffix, scale: sc, it: newITFacts(c, sizes, sc)}
	minSize := sc.fixed(decimal.NewFromInt(c.MinBillableBytes))
	for _, sz := range sizes {
		size := sc.size(sz)
		st.share = st.share.Add(sz.Share)
		st.meanBytes = st.meanBytes.Add(size.Mul(sz.Share))
		// Objects smaller than the minimum billable size are billed as
		// that size (128 KiB for STANDARD_IA, ONEZONE_IA, GLACIER_IR).
		st.paddingBytes = st.paddingBytes.Add(decimal.Max(decimal.Zero, minSize.Sub(size)).Mul(sz.Share))
		rb := size
		if !w.Reads.Full {
			// A ranged GET cannot return more than the object.
			rb = decimal.Min(sc.fixed(w.Reads.Bytes), size)
		}
		st.readBytes = st.readBytes.Add(rb.Mul(sz.Share))
	}
	st.restoreBytes = st.meanBytes
	if !st.share.Equal(one) {
		// Per read of an object of this group: the group's mean.
		st.readBytes = st.readBytes.DivRound(st.share, divPlaces)
		st.restoreBytes = st.restoreBytes.DivRound(st.share, divPlaces)
	}
	return st
}

// planStages are the stages of a lifecycle rule (or, with age profiles, of
// a single class: a rule without transitions), from the population's ages.
func planStages(w model.Workload, s *Sheet, plan model.Lifecycle, p population, suffixed bool) ([]stage, error) {
	var out []stage
	for _, g := range pathGroups(w.Objects.Mix, plan) {
		// The group's steps: the start class, then the transitions it takes.
		type step struct {
			id  model.ClassID
			age time.Duration
		}
		steps := []step{{plan.Start, 0}}
		for _, i := range g.path {
			steps = append(steps, step{plan.Transitions[i].Class, plan.Transitions[i].After})
		}
		for i, sp := range steps {
			c, ok := model.LookupClass(sp.id)
			if !ok {
				return nil, fmt.Errorf("unknown class %q", sp.id)
			}
			suffix := ""
			if suffixed {
				suffix = "@" + string(c.ID)
			}
			st := baseStage(w, s, c, g.sizes, suffix)
			a := inMonths(int64(sp.age))
			sn := span{a: a, open: true}
			if i+1 < len(steps) {
				sn = span{a: a, b: inMonths(int64(steps[i+1].age))}
			}
			st.span = p.clip(sn)
			st.objects = p.count(sn, one)
			if i > 0 {
				// A copy: the stock's move at month 0 is added to it.
				st.entries = slices.Clone(p.reaching(a, st.share))
			}
			// Leaving the stage: at the next transition, or at the
			// lifetime; before the class's minimum duration, the rest is
			// billed (pro-rated).
			end, leaves := decimal.Zero, false
			switch {
			case i+1 < len(steps):
				end, leaves = inMonths(int64(steps[i+1].age)), true
			case !p.kept:
				end, leaves = p.lifetime, true
			}
			if leaves && c.MinDuration > 0 {
				if stay, min := end.Sub(a), inMonths(int64(c.MinDuration)); stay.LessThan(min) {
					st.early = min.Sub(stay)
					// A count of the whole population: classRateGB
					// already weighs the group's sizes by their share.
					st.leaving = p.reaching(end, one)
					if stockIsOld(w, c) {
						// A stock already in the class, its age unknown,
						// is old enough to leave freely (as the whole-life
						// path has it: docs/cost-rules.md).
						st.leaving = p.reachingUploads(end, one)
					}
				}
			}
			if c.Monitoring != nil {
				// Months spent in Intelligent-Tiering: 0, 1-2, 3 and more.
				at := func(k int64) decimal.Decimal { return a.Add(decimal.NewFromInt(k)) }
				// The windows end with the stage: later ages are the next
				// stage's objects.
				young := p.count(intersect(span{a: a, b: at(1)}, sn), one)
				mid := p.count(intersect(span{a: at(1), b: at(3)}, sn), one)
				if stockIsOld(w, c) {
					// Undated stock already in Intelligent-Tiering sits in
					// the tiers of the oldest objects.
					young = p.countUploads(intersect(span{a: a, b: at(1)}, sn), one)
					mid = p.countUploads(intersect(span{a: at(1), b: at(3)}, sn), one)
				}
				objects := st.objects
				st.itAges = func(m int) (decimal.Decimal, decimal.Decimal, decimal.Decimal) {
					y, md := young[m], mid[m]
					return y, md, objects[m].Sub(y).Sub(md)
				}
				end := sn
				st.olderThan = func(k int64) []decimal.Decimal {
					return p.count(intersect(span{a: at(k), open: true}, end), one)
				}
			}
			out = append(out, st)
		}
	}
	return out, nil
}

// combine is upload x ups + stock x stocks, times share, month by month.
func combine(upload decimal.Decimal, ups []decimal.Decimal, stock decimal.Decimal, stocks []decimal.Decimal, share decimal.Decimal) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ups))
	for m := range out {
		v := upload.Mul(ups[m]).Add(stock.Mul(stocks[m]))
		if !share.Equal(one) {
			v = v.Mul(share)
		}
		out[m] = v
	}
	return out
}

// setReadShares spreads each month's reads over the stages: in proportion
// to the objects stored (reads fall evenly on the objects), or by
// reads.by_age, each band's share falling evenly on the objects of that
// age. A band with no object stored in a month gives its share to the
// others (the month's reads are what reads.per_month says).
func setReadShares(stages []stage, w model.Workload, p population) {
	if len(stages) == 1 && len(w.Reads.ByAge) == 0 {
		return // every read falls on the one stage
	}
	for i := range stages {
		share := p.readShare(stages[i].span, w.Reads.ByAge)
		if !stages[i].share.Equal(one) {
			share = scaled(share, stages[i].share)
		}
		stages[i].readShare = share
	}
}

// readShare is the share of each month's reads falling on objects at the
// ages of s, for objects of every size. The stages of a rule cover every
// age once for each group of sizes, so the shares of a month add up to
// the bands that have objects that month, whatever the rule: that sum
// (norm) is divided out.
func (p population) readShare(s span, byAge []model.AgeBand) []decimal.Decimal {
	bands, weights := readBands(byAge)
	key := "read " + s.key()
	for i, b := range bands {
		key += " " + b.key() + "=" + weights[i].String()
	}
	return p.cached(key, func() []decimal.Decimal {
		out := zeros(p.months)
		norm := zeros(p.months)
		for bi, band := range bands {
			all := p.count(band, one)
			in := intersect(s, band)
			var part []decimal.Decimal
			if !in.empty() {
				part = p.count(in, one)
			}
			for m := range out {
				if !all[m].IsPositive() {
					continue
				}
				norm[m] = norm[m].Add(weights[bi])
				if part != nil && part[m].IsPositive() {
					out[m] = out[m].Add(weights[bi].Mul(part[m]).DivRound(all[m], divPlaces))
				}
			}
		}
		for m := range out {
			if norm[m].IsPositive() && !norm[m].Equal(one) {
				out[m] = out[m].DivRound(norm[m], divPlaces)
			}
		}
		return out
	})
}

// readBands are reads.by_age as spans and shares; without it, one band of
// every age.
func readBands(byAge []model.AgeBand) ([]span, []decimal.Decimal) {
	if len(byAge) == 0 {
		return []span{{a: decimal.Zero, open: true}}, []decimal.Decimal{one}
	}
	var bands []span
	var weights []decimal.Decimal
	lo := decimal.Zero
	for _, b := range byAge {
		sn := span{a: lo, open: true}
		if b.Until > 0 {
			sn = span{a: lo, b: inMonths(int64(b.Until))}
			lo = sn.b
		}
		bands = append(bands, sn)
		weights = append(weights, b.Share)
	}
	return bands, weights
}

func scaled(xs []decimal.Decimal, f decimal.Decimal) []decimal.Decimal {
	out := make([]decimal.Decimal, len(xs))
	for i, x := range xs {
		out[i] = x.Mul(f)
	}
	return out
}

// intersect is the ages two spans share.
func intersect(x, y span) span {
	out := span{a: decimal.Max(x.a, y.a), open: x.open && y.open}
	switch {
	case x.open && !y.open:
		out.b = y.b
	case y.open && !x.open:
		out.b = x.b
	case !x.open && !y.open:
		out.b = decimal.Min(x.b, y.b)
	}
	return out
}

// stockTransitionsAtStart: a rule applied at month 0 to a stock that sits
// in objects.from moves, at once, every object old enough for a later
// stage: one transition each, in month 0, into the stage its age selects
// (objects already in that class stay). Objects that reach a stage during
// the horizon are counted where they reach it.
func stockTransitionsAtStart(stages []stage, w model.Workload, p population) {
	for i := range stages {
		st := &stages[i]
		if st.entries == nil || st.c.ID == w.Objects.From || len(st.entries) == 0 {
			continue
		}
		// A single age exactly at the stage's start counts not here: the
		// object reaches the stage in month 0 already.
		if share := stockShareIn(p, st.span, false); share.IsPositive() {
			st.entries[0] = st.entries[0].Add(w.Objects.Count.Mul(share).Mul(st.share))
		}
	}
}

// stockInFirstStages is the share of the month-0 stock whose age puts it
// in a rule's first stage (for its group of sizes): the part that moves
// into the start class; the older part moves straight to its stage
// (stockTransitionsAtStart) or, already in that class, stays.
func stockInFirstStages(stages []stage, p population) decimal.Decimal {
	out := decimal.Zero
	for _, st := range stages {
		if st.entries != nil {
			continue // not a first stage
		}
		out = out.Add(stockShareIn(p, st.span, true).Mul(st.share))
	}
	return out
}

// stockShareIn is the share of the month-0 stock whose age lies in s: an
// age band spread evenly over [lo, hi) counts for its part in s; a single
// age (hi <= lo) counts whole when it is past s's start, or at it when
// atStart says so.
func stockShareIn(p population, s span, atStart bool) decimal.Decimal {
	share := decimal.Zero
	for _, b := range p.stock {
		if b.hi.LessThanOrEqual(b.lo) {
			inside := b.lo.GreaterThan(s.a) || (atStart && b.lo.Equal(s.a))
			if inside && (s.open || b.lo.LessThan(s.b)) {
				share = share.Add(b.share)
			}
			continue
		}
		lo, hi := decimal.Max(b.lo, s.a), b.hi
		if !s.open {
			hi = decimal.Min(hi, s.b)
		}
		if hi.GreaterThan(lo) {
			share = share.Add(hi.Sub(lo).DivRound(b.hi.Sub(b.lo), divPlaces).Mul(b.share))
		}
	}
	return share
}

// readsFallOn reports whether any read falls on objects at the ages of s:
// any read at all without reads.by_age, else a band with a share there.
func readsFallOn(w model.Workload, s span) bool {
	if !w.Reads.PerMonth.IsPositive() || s.empty() {
		return false
	}
	if len(w.Reads.ByAge) == 0 {
		return true
	}
	lo := decimal.Zero
	for _, b := range w.Reads.ByAge {
		band := span{a: lo, open: true}
		if b.Until > 0 {
			band = span{a: lo, b: inMonths(int64(b.Until))}
			lo = band.b
		}
		if b.Share.IsPositive() && !intersect(band, s).empty() {
			return true
		}
	}
	return false
}

// firstByteFor is the first-byte requirement of reads at the ages of s:
// require.first_byte, or the strictest require.first_byte_by_age limit of
// the ages s covers that reads fall on, with the ages it applies to in
// words (" for objects younger than 90d").
func firstByteFor(w model.Workload, s span) (time.Duration, string) {
	if len(w.Require.FirstByteByAge) == 0 {
		return w.Require.FirstByte, ""
	}
	var limit time.Duration
	var ages string
	var lo time.Duration
	for _, b := range w.Require.FirstByteByAge {
		band := span{a: inMonths(int64(lo)), open: true}
		if b.Until > 0 {
			band.b, band.open = inMonths(int64(b.Until)), false
		}
		if in := intersect(band, s); !in.empty() && readsFallOn(w, in) && (limit == 0 || b.FirstByte < limit) {
			limit = b.FirstByte
			switch {
			case lo == 0 && b.Until == 0:
				ages = ""
			case lo == 0:
				ages = " for objects younger than " + model.FormatDuration(b.Until)
			case b.Until == 0:
				ages = " for objects " + model.FormatDuration(lo) + " and older"
			default:
				ages = fmt.Sprintf(" for objects %s to %s old", model.FormatDuration(lo), model.FormatDuration(b.Until))
			}
		}
		lo = b.Until
	}
	return limit, ages
}

// classKey is the sheet key of a class's price.
func classKey(c model.Class, field string) string { return "classes." + string(c.ID) + "." + field }

const stdStorage = "classes.STANDARD.storage"

// stageRules are a stage's keys and per-object figures, built once.
type stageRules struct {
	storageKey, getKey, retrievalKey, transitionKey string
	restoreRequestKey, restoreGBKey                 string
	restore                                         model.RestoreTier
	overheadClassGB, overheadStdGB                  decimal.Decimal
	meanGB, paddingGB, classRateGB, readGB          bytesEach
	restoreGB                                       bytesEach
}

// newStageRules builds a stage's rules, and says which restore tier reads
// use when it is not the one asked for.
func newStageRules(w model.Workload, st stage) (stageRules, string) {
	restore, note := restoreTier(w, st.c, st.cp)
	overheadClass := decimal.NewFromInt(st.c.OverheadClassBytes).Mul(st.share)
	overheadStd := decimal.NewFromInt(st.c.OverheadStandardBytes).Mul(st.share)
	return stageRules{
		storageKey: classKey(st.c, "storage"), getKey: classKey(st.c, "get_per_1k"),
		retrievalKey: classKey(st.c, "retrieval_per_gb"), transitionKey: classKey(st.c, "transition_per_1k"),
		restoreRequestKey: classKey(st.c, "restore."+string(restore)+".request_per_1k"),
		restoreGBKey:      classKey(st.c, "restore."+string(restore)+".per_gb"),
		restore:           restore,
		meanGB:            st.scale.each(st.meanBytes).gb(), paddingGB: st.scale.each(st.paddingBytes).gb(),
		overheadClassGB: bytesToGB(overheadClass), overheadStdGB: bytesToGB(overheadStd),
		// What early deletion charges per object: everything billed at the
		// class's own rate.
		classRateGB: st.scale.each(st.meanBytes.Add(st.paddingBytes).Add(st.scale.fixed(overheadClass))).gb(),
		readGB:      st.scale.each(st.readBytes).gb(), restoreGB: st.scale.each(st.restoreBytes).gb(),
	}, note
}

// readsIn is the share of the month's reads that falls on the stage.
func (st *stage) readsIn(m int, readsNow decimal.Decimal) decimal.Decimal {
	if st.readShare == nil {
		return readsNow
	}
	return readsNow.Mul(st.readShare[m])
}

// stagePricing is what every stage's month needs besides the stage.
type stagePricing struct {
	w   model.Workload
	std ClassPrices
	// copyMonths: a restored copy is kept restore_days, a day being 24/730
	// of a month.
	copyMonths decimal.Decimal
	itArchive  itArchive
}

func newStagePricing(w model.Workload, s *Sheet) stagePricing {
	return stagePricing{w: w, std: s.Classes[model.Standard], itArchive: newITArchive(w, s),
		copyMonths: w.Reads.RestoreDays.Mul(decimal.NewFromInt(24)).DivRound(decimal.NewFromInt(730), divPlaces)}
}

// storage charges a stage's storage in month m: the objects (or
// Intelligent-Tiering's tiers and monitoring), the minimum-size padding,
// archive overheads, and early deletion.
func (sp stagePricing) storage(l *ledger, m int, st *stage, r *stageRules, reads decimal.Decimal) {
	objects := st.objects[m]
	if st.c.Monitoring != nil {
		st.it.storage(l, m, *st, reads, sp.w.Reads.ActiveShare, sp.itArchive)
	} else {
		l.chargeTiered(m, "storage"+st.suffix, unitGBMonth, r.meanGB.times(objects), r.storageKey, st.cp.Storage)
	}
	l.chargeTiered(m, "storage.min_size"+st.suffix, unitGBMonth, r.paddingGB.times(objects), r.storageKey, st.cp.Storage)
	// Archive classes: 32 KiB per object at the class rate for the index
	// and 8 KiB at the STANDARD rate for the name and metadata (S3 pricing
	// page).
	l.chargeTiered(m, "storage.overhead.archive"+st.suffix, unitGBMonth, objects.Mul(r.overheadClassGB), r.storageKey, st.cp.Storage)
	l.chargeTiered(m, "storage.overhead.standard"+st.suffix, unitGBMonth, objects.Mul(r.overheadStdGB), stdStorage, sp.std.Storage)

	// Early deletion: objects leaving before the minimum duration pay the
	// remaining days at the storage rate, in the month they leave.
	if st.early.IsPositive() {
		l.chargeTiered(m, "early_delete"+st.suffix, unitGBMonth, r.classRateGB.times(st.leaving[m].Mul(st.early)), r.storageKey, st.cp.Storage)
	}
}

// access charges, in month m, the lifecycle transitions into a stage, its
// GETs and its retrievals or restores, adding a restore's KMS work to work.
func (sp stagePricing) access(l *ledger, m int, st *stage, r *stageRules, reads decimal.Decimal, work *kmsWork) {
	// Lifecycle transitions into the stage: one request per object at the
	// target class's price.
	if st.entries != nil {
		l.charge(m, "transitions.lifecycle"+st.suffix, unitKRequests, st.entries[m].Shift(-3), r.transitionKey, st.cp.TransitionPer1K)
	}
	// A GET per read, at the price of the class the object is in.
	l.charge(m, "requests.get"+st.suffix, unitKRequests, reads.Shift(-3), r.getKey, st.cp.GetPer1K)
	if st.c.NeedsRestore {
		// Every read restores the whole object first: a restore request,
		// the tier's per-GB fee, and the temporary copy billed at the
		// STANDARD rate for the days it is kept (S3 pricing page).
		rp := st.cp.Restore[r.restore]
		restoredGB := r.restoreGB.times(reads)
		l.charge(m, "retrieval.requests"+st.suffix, unitKRequests, reads.Shift(-3), r.restoreRequestKey, rp.RequestPer1K)
		l.charge(m, "retrieval.bytes"+st.suffix, unitGB, restoredGB, r.restoreGBKey, rp.PerGB)
		l.chargeTiered(m, "retrieval.restored_copy"+st.suffix, unitGBMonth, restoredGB.Mul(sp.copyMonths), stdStorage, sp.std.Storage)
		// The restore writes an encrypted copy.
		work.add(reads, decimal.Zero, restoredGB)
	} else if st.c.RetrievalFee {
		l.charge(m, "retrieval.bytes"+st.suffix, unitGB, r.readGB.times(reads), r.retrievalKey, st.cp.RetrievalPerGB)
	}
}

// stockIsOld: the month-0 stock already sits in class c and no objects.ages
// dates it: it is taken to be old, as the whole-life path takes it (it
// leaves without early deletion; in Intelligent-Tiering it sits in the
// tiers of the oldest objects).
func stockIsOld(w model.Workload, c model.Class) bool {
	return len(w.Objects.Ages) == 0 && w.Objects.From == c.ID
}
