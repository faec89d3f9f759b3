package pricing

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Units of the quantities on estimate lines.
const (
	unitGBMonth       = "GB-Mo"
	unitGB            = "GB"
	unitKRequests     = "1K requests"
	unitKObjectMonths = "1K object-months"
)

// Compare prices the workload in every candidate class (w.Classes, or every
// class of the model) with the sheet's prices and ranks the results:
// eligible classes by total ascending, then ineligible ones by total.
func Compare(w model.Workload, s *Sheet) model.Comparison {
	t := newTimeline(w)
	mix := newMixFacts(w)
	var results []model.Estimate
	var used [][]string
	for _, c := range candidates(w) {
		e, keys := estimateUsing(w, s, c, t, mix)
		results = append(results, e)
		used = append(used, keys)
	}
	// Lifecycle rules are candidates beside the classes.
	for _, plan := range w.Lifecycles {
		e, keys := estimatePlan(w, s, plan, t, mix, nil)
		results = append(results, e)
		used = append(used, keys)
	}
	addPayback(w, s, t, mix, results)
	rank(results)
	notes := append(workloadNotes(w), sourceNotes(s, used)...)
	return model.Comparison{
		Workload: w.Name, Region: s.Region, Currency: s.Currency, Months: w.Months,
		Pricing: s.Info(), Results: results, Notes: notes, Encryption: w.Encryption,
	}
}

// CompareRegions prices the workload in every candidate class of every
// given region and ranks the region x class pairs together, as Compare
// ranks classes: "where is this cheapest?" in one table.
func CompareRegions(w model.Workload, sheets []*Sheet) model.Comparison {
	var all model.Comparison
	var names, ids []string
	home := w.Region
	for _, s := range sheets {
		w.Region = s.Region
		c := Compare(w, s)
		for _, e := range c.Results {
			e.Region, e.Home = s.Region, s.Region == home
			if !e.Home && w.Objects.From != "" && w.Objects.Count.IsPositive() {
				// The stock sits in the home region: moving it across
				// regions (transfer, PUTs) is not what this estimate prices.
				e.Move = nil
				e.Notes = append(e.Notes, fmt.Sprintf("the month-0 stock sits in %s; this estimate assumes it is in %s already (moving it between regions is not priced)", home, s.Region))
			}
			if w.Replication != nil && w.Replication.To == s.Region && s.Region != home {
				e.Notes = append(e.Notes, fmt.Sprintf("replication to %s from a bucket in %s is same-region here", w.Replication.To, s.Region))
			}
			all.Results = append(all.Results, e)
		}
		if all.Workload == "" {
			all = model.Comparison{Workload: c.Workload, Currency: c.Currency, Months: c.Months, Pricing: c.Pricing,
				Encryption: c.Encryption, Results: all.Results}
		}
		for _, n := range c.Notes {
			if !slices.Contains(all.Notes, n) {
				all.Notes = append(all.Notes, n)
			}
		}
		names = append(names, s.Region)
		ids = append(ids, s.ID+" ("+s.AsOf+")")
		if s.AsOf < all.Pricing.AsOf {
			all.Pricing.AsOf = s.AsOf // the oldest prices involved
		}
	}
	all.Region = strings.Join(names, ", ")
	// Each sheet with its own date; AsOf is the oldest of them.
	all.Pricing.Sheet = strings.Join(ids, ", ")
	rank(all.Results)
	return all
}

// Estimate prices the workload in one class.
func Estimate(w model.Workload, s *Sheet, id model.ClassID) (model.Estimate, error) {
	c, ok := model.LookupClass(id)
	if !ok {
		return model.Estimate{}, exit.Inputf("unknown storage class %q", id)
	}
	return estimate(w, s, c, newTimeline(w), newMixFacts(w)), nil
}

func candidates(w model.Workload) []model.Class {
	all := model.Catalog()
	if len(w.Classes) == 0 {
		return all
	}
	want := map[model.ClassID]bool{}
	for _, id := range w.Classes {
		want[id] = true
	}
	var out []model.Class
	for _, c := range all {
		if want[c.ID] {
			out = append(out, c)
		}
	}
	return out
}

// mixFacts are per-object averages over the size mix. Every cohort has the
// same mix, so a per-object figure times object-months gives a month's
// quantity.
type mixFacts struct {
	meanBytes bytesEach
}

func newMixFacts(w model.Workload) mixFacts {
	sc := newByteScale(w.Objects)
	mean := decimal.Zero
	for _, s := range w.Objects.Mix {
		mean = mean.Add(sc.size(s).Mul(s.Share))
	}
	return mixFacts{meanBytes: sc.each(mean)}
}

// ledger accumulates lines (summed over the horizon) and the monthly totals.
type ledger struct {
	monthly []decimal.Decimal
	lines   []model.Line
	// index finds the lines of an item and unit; tiered items have one line
	// per price.
	index map[lineKey][]int
	// used and missing are the sheet keys the rules charged at (in the
	// order first asked) and those the sheet lacks: a rule asks for a price
	// only when it has something to charge, so the rule is the one place
	// that knows it needs the price. Any missing key makes the estimate
	// "not priced".
	used, missing []string
	asked         map[string]bool // used or missing already
	// tierUse is how much of a tiered price's ladder a month has used so
	// far, by month and key: AWS tiers a month's total (object data, the
	// minimum-size padding and the overhead billed at the same rate share
	// one ladder), so each charge continues where the last one stopped.
	tierUse map[tierSlot]decimal.Decimal
}

type tierSlot struct {
	month int
	key   string
}

type lineKey struct{ item, unit string }

func newLedger(months int) *ledger {
	l := &ledger{monthly: make([]decimal.Decimal, months), index: map[lineKey][]int{}, asked: map[string]bool{}, tierUse: map[tierSlot]decimal.Decimal{}}
	for i := range l.monthly {
		l.monthly[i] = decimal.Zero
	}
	return l
}

// use records that a rule needs the price of key, and whether the sheet
// has it.
func (l *ledger) use(key string, known bool) {
	if l.asked[key] {
		return // the same key is either always there or always missing
	}
	l.asked[key] = true
	if known {
		l.used = append(l.used, key)
	} else {
		l.missing = append(l.missing, key)
	}
}

// charge records qty at the price of key in month m, when there is
// something to charge; a price the sheet lacks is recorded as missing.
func (l *ledger) charge(m int, item, unit string, qty decimal.Decimal, key string, price decimal.NullDecimal) {
	if qty.IsZero() {
		return
	}
	l.use(key, price.Valid)
	l.add(m, item, unit, qty, price.Decimal)
}

// chargeTiered is charge at a volume-tiered price, on the month's total:
// qty is priced from where the month's earlier charges at the same key
// left the ladder. Tiers that end bounded below the month's total price
// only part of it: the rest is missing.
func (l *ledger) chargeTiered(m int, item, unit string, qty decimal.Decimal, key string, tiers Tiers) {
	if qty.IsZero() {
		return
	}
	slot := tierSlot{m, key}
	before := l.tierUse[slot]
	total := before.Add(qty)
	if !l.tiersCover(key, total, tiers, "beyond") {
		return
	}
	l.tierUse[slot] = total
	if len(tiers) == 1 {
		l.add(m, item, unit, qty, tiers[0].Price)
		return
	}
	// The part of each tier this charge fills: the split of the new total
	// less the split of what was used before.
	was := tiers.Split(before)
	for i, q := range tiers.Split(total) {
		l.add(m, item, unit, q.Sub(was[i]), tiers[i].Price)
	}
}

// chargeEvery is charge of the same quantity in every month.
func (l *ledger) chargeEvery(item, unit string, qty decimal.Decimal, key string, price decimal.NullDecimal) {
	if qty.IsZero() {
		return
	}
	l.use(key, price.Valid)
	l.addEvery(item, unit, qty, price.Decimal)
}

// chargeTieredEvery is chargeTiered of the same quantity in every month.
func (l *ledger) chargeTieredEvery(item, unit string, qty decimal.Decimal, key string, tiers Tiers) {
	if qty.IsZero() || !l.tiersCover(key, qty, tiers, "for") {
		return
	}
	l.addTieredEvery(item, unit, qty, tiers)
}

// tiersCover records whether tiers price qty in full: "KEY" when there are
// none, "KEY (beyond N GB a month)" or "KEY (for N GB a month)" when the
// last known tier ends below qty.
func (l *ledger) tiersCover(key string, qty decimal.Decimal, tiers Tiers, how string) bool {
	switch {
	case len(tiers) == 0:
		l.use(key, false)
		return false
	case !tiers.Covers(qty) && how == "beyond":
		l.use(fmt.Sprintf("%s (beyond %s GB a month)", key, tiers[len(tiers)-1].UpTo), false)
		return false
	case !tiers.Covers(qty):
		l.use(fmt.Sprintf("%s (for %s GB a month)", key, qty.Round(2)), false)
		return false
	}
	l.use(key, true)
	return true
}

// add records qty x price in month m. Zero quantities and free items leave
// no line, so every line shown costs something.
func (l *ledger) add(m int, item, unit string, qty, price decimal.Decimal) {
	if qty.IsZero() || price.IsZero() {
		return
	}
	l.monthly[m] = l.monthly[m].Add(qty.Mul(price))
	key := lineKey{item, unit}
	for _, i := range l.index[key] {
		if l.lines[i].Price.Equal(price) {
			l.lines[i].Quantity = l.lines[i].Quantity.Add(qty)
			return
		}
	}
	l.index[key] = append(l.index[key], len(l.lines))
	l.lines = append(l.lines, model.Line{Item: item, Quantity: qty, Unit: unit, Price: price})
}

// addEvery records the same qty x price in every month: the cost is
// computed once, and the line's quantity is qty times the months.
func (l *ledger) addEvery(item, unit string, qty, price decimal.Decimal) {
	if qty.IsZero() || price.IsZero() {
		return
	}
	cost := qty.Mul(price)
	for m := range l.monthly {
		l.monthly[m] = l.monthly[m].Add(cost)
	}
	months := decimal.NewFromInt(int64(len(l.monthly)))
	l.index[lineKey{item, unit}] = append(l.index[lineKey{item, unit}], len(l.lines))
	l.lines = append(l.lines, model.Line{Item: item, Quantity: qty.Mul(months), Unit: unit, Price: price})
}

// addTieredEvery is addTiered of the same quantity in every month.
func (l *ledger) addTieredEvery(item, unit string, qty decimal.Decimal, tiers Tiers) {
	if qty.IsZero() {
		return
	}
	for i, q := range tiers.Split(qty) {
		l.addEvery(item, unit, q, tiers[i].Price)
	}
}

// finish prices each line once, on its summed quantity: with exact decimal
// arithmetic (sum of q x p) = (sum of q) x p, so lines and months agree.
func (l *ledger) finish() []model.Line {
	for i := range l.lines {
		l.lines[i].Cost = l.lines[i].Quantity.Mul(l.lines[i].Price)
	}
	return l.lines
}

// estimate applies every rule of the cost semantics to one class.
func estimate(w model.Workload, s *Sheet, c model.Class, t *timeline, mix mixFacts) model.Estimate {
	e, _ := estimateUsing(w, s, c, t, mix)
	return e
}

// estimateUsing is estimate, also returning the sheet keys it charged at.
// Each rule asks the sheet for the price it charges as it goes (the ledger's
// charge methods); a price the sheet lacks is collected, and the class is
// then not priced, with every missing price named.
func estimateUsing(w model.Workload, s *Sheet, c model.Class, t *timeline, mix mixFacts) (model.Estimate, []string) {
	return price(w, s, c, nil, t, mix, nil)
}

// estimatePlan prices a lifecycle rule: objects start in the rule's start
// class and move through its transitions as they age (docs/cost-rules.md,
// "Lifecycle rules"). The rule must be valid (model.Lifecycle.Validate).
func estimatePlan(w model.Workload, s *Sheet, plan model.Lifecycle, t *timeline, mix mixFacts, pop *population) (model.Estimate, []string) {
	c, ok := model.LookupClass(plan.Start)
	if !ok {
		return model.Estimate{Class: plan.Start, Unpriced: []string{"unknown class " + string(plan.Start)}, Monthly: zeros(t.months), Total: decimal.Zero}, nil
	}
	return price(w, s, c, &plan, t, mix, pop)
}

// agesGiven: the workload has an age profile (or Intelligent-Tiering's
// archive tiers, which need the months objects spent in the class), so
// every class is priced
// through the stages of the population's ages (a single class is a rule
// without transitions) instead of the timeline's whole-life figures.
func agesGiven(w model.Workload) bool {
	return len(w.Objects.Ages) > 0 || len(w.Reads.ByAge) > 0 || w.ITArchive != (model.ITArchive{})
}

// price prices class c, or the rule plan starting in it. pop, when given,
// is the workload's population, shared between calls (nil: its own).
func price(w model.Workload, s *Sheet, c model.Class, plan *model.Lifecycle, t *timeline, mix mixFacts, pop *population) (model.Estimate, []string) {
	cp := s.Classes[c.ID]
	var stages []stage
	if !agesGiven(w) && plan == nil {
		pop = nil // the timeline's figures
	}
	switch {
	case plan == nil && !agesGiven(w):
		stages = singleStage(w, s, c, t, mix)
	default:
		rule := model.Lifecycle{Start: c.ID}
		if plan != nil {
			rule = *plan
		}
		if pop == nil {
			np := newPopulation(w)
			pop = &np
		}
		p := *pop
		var err error
		if stages, err = planStages(w, s, rule, p, plan != nil); err != nil {
			return model.Estimate{Class: c.ID, Unpriced: []string{err.Error()}, Monthly: zeros(t.months), Total: decimal.Zero}, nil
		}
		setReadShares(stages, w, p)
		if w.Objects.From != "" {
			stockTransitionsAtStart(stages, w, p)
		}
	}

	var requirements []string
	for _, st := range stages {
		for _, v := range violations(w, st.c, st.cp, st.span) {
			if !slices.Contains(requirements, v) {
				requirements = append(requirements, v)
			}
		}
	}
	requirements = append(requirements, encryptionViolations(w.Encryption, c)...)
	requirements = append(requirements, replicationViolations(w, c)...)
	withPlan := func(e model.Estimate) model.Estimate {
		if plan != nil {
			// A rule is named by its readable form wherever a class is.
			rule := *plan
			rule.Expiration = w.Lifetime
			e.Plan, e.Class = &rule, model.ClassID(plan.Describe(w.Lifetime))
		}
		return e
	}
	for _, st := range stages {
		if s.NotOffered[st.c.ID] {
			e := notOffered(s, st.c, t.months)
			e.Class = c.ID
			e.Requirements, e.Violations = requirements, append(e.Violations, requirements...)
			return withPlan(e), nil
		}
	}
	std := s.Classes[model.Standard]
	putKey, uploadKey := classKey(c, "put_per_1k"), classKey(c, "upload_per_gb")
	l := newLedger(t.months)
	e := model.Estimate{Class: c.ID, Requirements: requirements, Violations: requirements}
	e.Eligible = len(e.Violations) == 0
	oneZone := false
	for _, st := range stages {
		oneZone = oneZone || st.c.Zones == 1
	}
	if oneZone && w.Require.Zones == 0 {
		e.Notes = append(e.Notes, "keeps the data in one availability zone: it is lost if that zone is destroyed (require.zones: 3 excludes such classes)")
	}

	reads := w.Reads.PerMonth
	rules := make([]stageRules, len(stages))
	var restoreNotes []string
	for i, st := range stages {
		var note string
		rules[i], note = newStageRules(w, st)
		if note != "" && !slices.Contains(restoreNotes, note) {
			restoreNotes = append(restoreNotes, note)
		}
		if st.early.IsPositive() && plan == nil && !agesGiven(w) {
			e.Notes = append(e.Notes, fmt.Sprintf("objects deleted after %s are billed up to the %s minimum duration",
				model.FormatDuration(w.Lifetime), model.FormatDuration(st.c.MinDuration)))
		} else if st.early.IsPositive() {
			e.Notes = append(e.Notes, fmt.Sprintf("objects leave %s before its %s minimum duration and are billed for the rest",
				st.c.ID, model.FormatDuration(st.c.MinDuration)))
		}
	}
	e.Notes = dedupe(e.Notes)

	sp := newStagePricing(w, s)

	moving := w
	if plan != nil && pop != nil && w.Objects.From != "" && w.Objects.From != c.ID {
		// Only the stock young enough for the rule's first stage moves
		// into the start class; the rest moves to (or stays in) its own.
		moving.Objects.Count = w.Objects.Count.Mul(stockInFirstStages(stages, *pop))
	}
	moveNotes, moveWork := moveStock(l, moving, s, c, cp)
	if plan != nil && w.Objects.From != "" && w.Objects.Count.IsPositive() {
		// The rule is applied at month 0 to what the bucket holds.
		moveNotes = append(moveNotes, "the rule applies to the month-0 stock at once: objects already past a transition's age move in month 0, one transition each")
		if w.Objects.From == c.ID {
			moveNotes = moveNotes[1:] // "already in X: no move" says less
		}
	}
	e.Notes = append(e.Notes, moveNotes...)
	e.Notes = append(e.Notes, restoreNotes...)
	if enc := w.Encryption; enc.UsesKMS() {
		// Keys cost a month whatever is written: KMS is needed outright,
		// all of it or (missing) none; used, the prices this choice pays.
		if !s.KMS.Known {
			l.use("kms", false)
		} else {
			l.use("kms.requests_per_10k", true)
			if enc.Key == model.CustomerManagedKey {
				l.use("kms.customer_key_per_month", true)
				if enc.Rotation {
					l.use("kms.rotation_per_month", true)
				}
			}
			if enc.Type == model.DSSEKMS {
				l.use("kms.dsse_per_gb", true)
			}
			if enc.KMSFreeTier {
				l.use("kms.free_requests_per_month", true)
			}
		}
	}

	meanGB := mix.meanBytes.gb()
	for m := 0; m < t.months; m++ {
		// Reads happen while something is stored: the month's share of
		// reads.per_month (all of it whenever uploads arrive, or the stock
		// is kept). Intelligent-Tiering's tiers follow the same reads.
		readsNow := reads
		if stored := storedShare(t, pop, m); !stored.Equal(one) {
			readsNow = reads.Mul(stored)
		}
		puts := t.upload
		if m == 0 && w.Objects.From == "" {
			puts = puts.Add(t.stock)
		}
		work := kmsWork{}
		for i := range stages {
			st, r := &stages[i], &rules[i]
			stageReads := st.readsIn(m, readsNow)
			sp.storage(l, m, st, r, stageReads)
			if i == 0 {
				// Requests: a PUT per object written (the month-0 stock
				// too, unless it is already stored), in the class objects
				// are written to; LIST at the STANDARD PUT rate (below).
				l.charge(m, "requests.put"+st.suffix, unitKRequests, puts.Shift(-3), putKey, cp.PutPer1K)
				if c.UploadFee {
					l.charge(m, "requests.upload_bytes"+st.suffix, unitGB, meanGB.times(puts), uploadKey, cp.UploadPerGB)
				}
			}
			sp.access(l, m, st, r, stageReads, &work)
		}

		work.add(puts, readsNow, meanGB.times(puts))
		if m == 0 {
			work.add(moveWork.writes, moveWork.reads, moveWork.writtenGB)
		}
		priceEncryption(l, m, w.Encryption, c, s.KMS, work)
	}

	// What every month costs alike, priced once: LISTs and transfer.
	l.chargeEvery("requests.list", unitKRequests, w.ListsPerMonth.Shift(-3), "classes.STANDARD.put_per_1k", std.PutPer1K)
	// Transfer out is the same for every class; tiered on the month.
	l.chargeTieredEvery("transfer.internet", unitGB, bytesToGB(w.Transfer.InternetBytes), "transfer.internet", s.Transfer.Internet)
	l.chargeEvery("transfer.inter_region", unitGB, bytesToGB(w.Transfer.InterRegionBytes), "transfer.inter_region", s.Transfer.InterRegion)

	replicaNotes, replicaDerived := replicate(l, w, s, c, t, mix)

	if len(l.missing) > 0 {
		e := unpriced(s, c, t.months, l.missing)
		e.Requirements, e.Violations = requirements, append(e.Violations, requirements...)
		return withPlan(e), nil
	}
	e.Notes = append(e.Notes, replicaNotes...)
	e.Derived = append(derivedKeys(s, l.used), replicaDerived...)
	e.Notes = append(derivedNotes(s, l.used), e.Notes...)
	e.Lines = l.finish()
	e.Monthly = l.monthly
	e.Total = decimal.Zero
	for _, v := range l.monthly {
		e.Total = e.Total.Add(v)
	}
	return withPlan(e), l.used
}

// restoreTier picks the restore tier for reads from an archive class: the
// workload's choice if the class offers it, else standard (with a note).
func restoreTier(w model.Workload, c model.Class, cp ClassPrices) (model.RestoreTier, string) {
	if !c.NeedsRestore {
		return "", ""
	}
	tier := w.Reads.Restore
	if tier == "" {
		tier = model.RestoreStandard
	}
	// Whether a tier is offered is the class's fact (the model); whether it
	// is priced is the sheet's (the ledger records a missing price).
	if _, offered := c.FirstByte(tier); offered {
		if w.Reads.PerMonth.IsPositive() {
			days := "days"
			if w.Reads.RestoreDays.Equal(one) {
				days = "day"
			}
			return tier, fmt.Sprintf("every read restores the whole object (%s tier) and keeps the copy %s %s", tier, w.Reads.RestoreDays, days)
		}
		return tier, ""
	}
	return model.RestoreStandard, fmt.Sprintf("%s restore is not offered; priced with the standard tier", tier)
}

// violations lists the requirements the class misses, for objects at the
// ages of span (a lifecycle rule's stage; every age for a single class).
func violations(w model.Workload, c model.Class, cp ClassPrices, at span) []string {
	var out []string
	r := w.Require
	readsHere := readsFallOn(w, at)
	if c.NeedsRestore && readsHere {
		if _, offered := c.FirstByte(w.Reads.Restore); !offered && w.Reads.Restore != "" {
			out = append(out, fmt.Sprintf("%s restore is not offered", w.Reads.Restore))
		}
	}
	if limit, ages := firstByteFor(w, archivable(w, c, at)); limit > 0 && c.Monitoring != nil && w.ITArchive != (model.ITArchive{}) && readsFallOn(w, archivable(w, c, at)) {
		// Reads of objects in Intelligent-Tiering's opt-in archive tiers
		// wait for a restore: 3-5 hours from Archive Access, up to 12
		// from Deep Archive Access (S3 User Guide).
		wait, how := 5*time.Hour, "Archive Access restore: 3-5 hours"
		if w.ITArchive.DeepArchiveAfter > 0 {
			wait, how = 12*time.Hour, "Deep Archive Access restore: within 12 hours"
		}
		if wait > limit {
			out = append(out, fmt.Sprintf("first byte too slow (%s); %s%s", how, requiredWithin(r, limit), ages))
		}
	}
	if limit, ages := firstByteFor(w, at); limit > 0 && readsHere {
		tier, _ := restoreTier(w, c, cp)
		if opt, ok := c.FirstByte(tier); ok && opt.FirstByte > limit {
			how := opt.Described
			if opt.Tier != "" {
				how = fmt.Sprintf("%s restore: %s", opt.Tier, how)
			}
			out = append(out, fmt.Sprintf("first byte too slow (%s); %s%s", how, requiredWithin(r, limit), ages))
		}
	}
	if r.Availability.IsPositive() && c.Availability.LessThan(r.Availability) {
		out = append(out, fmt.Sprintf("designed availability %s%% is below the required %s%%",
			c.Availability.Shift(2).String(), r.Availability.Shift(2).String()))
	}
	if r.Zones > 0 && c.Zones < r.Zones {
		if r.DefaultZones {
			out = append(out, fmt.Sprintf("stores data in %d AZ, fewer than the default %d (require.zones: %d accepts it)", c.Zones, r.Zones, c.Zones))
		} else {
			out = append(out, fmt.Sprintf("stores data in %d AZ, fewer than the required %d", c.Zones, r.Zones))
		}
	}
	return out
}

// moveStock prices moving the month-0 stock from w.Objects.From into class
// c, and says how each part moved. Lifecycle transitions cost one transition
// request per object at the target's price; anything lifecycle cannot do
// (a warmer class, EXPRESS_ONEZONE, objects under 128 KiB) is a copy: a GET
// and any retrieval or restore at the source, and a PUT at the target. The
// stock is assumed old enough that leaving the source costs no early
// deletion.
//
// It also returns the KMS work of the copies: a GET (Decrypt) and a PUT
// (GenerateDataKey) per object, and a restore that writes a copy first.
func moveStock(l *ledger, w model.Workload, s *Sheet, c model.Class, cp ClassPrices) ([]string, kmsWork) {
	var work kmsWork
	fromID := w.Objects.From
	if fromID == "" || w.Objects.Count.IsZero() {
		return nil, work
	}
	if s.NotOffered[fromID] {
		// The stock cannot sit in a class the region does not sell: the
		// workload, not the sheet, is at fault, and nothing can be priced
		// as a move from it.
		l.use(fmt.Sprintf("objects.from: %s is not offered in %s", fromID, s.Region), false)
		return nil, work
	}
	if fromID == c.ID {
		return []string{fmt.Sprintf("the month-0 stock is already in %s: no move", c.ID)}, work
	}
	from, _ := model.LookupClass(fromID)
	fp := s.Classes[fromID]
	lifecycle := from.CanTransitionTo(c)
	transitioned, copied, copiedBytes := decimal.Zero, decimal.Zero, decimal.Zero
	smallCopied := false
	sc := newByteScale(w.Objects)
	for _, b := range w.Objects.Mix {
		n := w.Objects.Count.Mul(b.Share)
		if lifecycle && b.Bytes.GreaterThanOrEqual(decimal.NewFromInt(model.LifecycleMinObjectBytes)) {
			transitioned = transitioned.Add(n)
			continue
		}
		smallCopied = smallCopied || lifecycle
		copied = copied.Add(n)
		copiedBytes = copiedBytes.Add(n.Mul(sc.size(b))) // times sc.den
	}
	var notes []string
	to := func(field string) string { return "classes." + string(c.ID) + "." + field }
	src := func(field string) string { return "classes." + string(fromID) + "." + field }
	if transitioned.IsPositive() {
		l.charge(0, "transitions", unitKRequests, transitioned.Shift(-3), to("transition_per_1k"), cp.TransitionPer1K)
		notes = append(notes, fmt.Sprintf("%s objects move from %s by lifecycle transition", model.FormatCount(transitioned), fromID))
	}
	if copied.IsPositive() {
		l.charge(0, "transitions.copy_get", unitKRequests, copied.Shift(-3), src("get_per_1k"), fp.GetPer1K)
		copiedGB := bytesToGB(sc.each(copiedBytes).times(one))
		if from.NeedsRestore {
			// The source is restored first, at the workload's restore tier if
			// the source offers it, and the copy is read from the restored
			// copy, kept the shortest time AWS allows: one day.
			tier, _ := restoreTier(w, from, fp)
			tierKey := src("restore." + string(tier) + ".")
			l.charge(0, "transitions.copy_restore", unitKRequests, copied.Shift(-3), tierKey+"request_per_1k", fp.Restore[tier].RequestPer1K)
			l.charge(0, "transitions.copy_retrieval", unitGB, copiedGB, tierKey+"per_gb", fp.Restore[tier].PerGB)
			oneDay := decimal.NewFromInt(24).DivRound(decimal.NewFromInt(730), divPlaces)
			l.chargeTiered(0, "transitions.copy_restored_copy", unitGBMonth, copiedGB.Mul(oneDay), "classes.STANDARD.storage", s.Classes[model.Standard].Storage)
			work.add(copied, decimal.Zero, copiedGB)
		} else if from.RetrievalFee {
			l.charge(0, "transitions.copy_retrieval", unitGB, copiedGB, src("retrieval_per_gb"), fp.RetrievalPerGB)
		}
		l.charge(0, "transitions.copy_put", unitKRequests, copied.Shift(-3), to("put_per_1k"), cp.PutPer1K)
		work.add(copied, copied, copiedGB)
		if c.UploadFee {
			l.charge(0, "transitions.copy_upload_bytes", unitGB, copiedGB, to("upload_per_gb"), cp.UploadPerGB)
		}
		why := fmt.Sprintf("lifecycle cannot move %s to %s", fromID, c.ID)
		if smallCopied {
			why = "lifecycle does not transition objects under 128 KiB"
		}
		notes = append(notes, fmt.Sprintf("%s objects are copied from %s (%s)", model.FormatCount(copied), fromID, why))
	}
	return notes, work
}

// workloadNotes states the assumptions that apply to every class.
func workloadNotes(w model.Workload) []string {
	notes := slices.Clone(w.Notes)
	switch {
	case w.Reads.PerMonth.IsPositive() && len(w.Reads.ByAge) > 0:
		notes = append(notes, "reads fall on objects by age as reads.by_age says, evenly over the objects of each band")
	case w.Reads.PerMonth.IsPositive():
		notes = append(notes, "reads are spread evenly over the objects stored each month")
	}
	if n := len(w.Objects.Ages); n > 0 && w.Objects.Ages[n-1].Until == 0 && w.Lifetime <= 0 {
		from := "new"
		if n > 1 {
			from = model.FormatDuration(w.Objects.Ages[n-2].Until) + " old"
		}
		notes = append(notes, fmt.Sprintf("objects.ages: the last band (forever, with objects kept) has no end to spread its ages to: its objects are taken as %s, the youngest they can be; give its until (the oldest objects' age) to count them older", from))
	}
	if w.Objects.AgesSteady {
		notes = append(notes, "the month-0 stock's ages are spread evenly over the lifetime (objects.ages: steady)")
	} else if len(w.Objects.Ages) > 0 {
		notes = append(notes, "the month-0 stock's ages follow objects.ages, spread evenly within each band")
	}
	if a := w.Reads.ActiveShare; a != nil {
		// Each object read in a month takes at least one GET.
		objects := w.Objects.Count.Add(w.UploadsPerMonth)
		if implied := a.Mul(objects); implied.GreaterThan(w.Reads.PerMonth) {
			notes = append(notes, fmt.Sprintf("reads.active_share %s%% means about %s objects read in month 0, more than reads.per_month (%s): check the two agree",
				a.Shift(2).String(), model.FormatCount(implied), model.FormatCount(w.Reads.PerMonth)))
		}
	}
	var defaults []string
	if w.Require.DefaultZones {
		defaults = append(defaults, "data in at least 3 availability zones (require.zones)")
	}
	if w.Require.DefaultFirstByte {
		defaults = append(defaults, "reads that start within "+model.FormatDuration(w.Require.FirstByte)+" (require.first_byte)")
	}
	if len(defaults) > 0 {
		notes = append(notes, "not required by the workload, so the defaults apply: "+strings.Join(defaults, ", ")+" (docs/cost-rules.md, Requirements)")
	}
	if !w.Transfer.InternetBytes.IsZero() {
		notes = append(notes, "internet transfer excludes the 100 GB monthly free tier (it is shared account-wide)")
	}
	return notes
}

// addPayback: when the stock sits in another class today, each class
// learns what moving costs (its transitions.* lines) and after how many
// months its cumulative cost falls to that of staying put, the source
// class's own estimate (priced even if it is not a candidate).
func addPayback(w model.Workload, s *Sheet, t *timeline, mix mixFacts, results []model.Estimate) {
	from := w.Objects.From
	if from == "" || w.Objects.Count.IsZero() {
		return
	}
	var stay *model.Estimate
	for i := range results {
		if results[i].Class == from {
			stay = &results[i]
		}
	}
	if stay == nil {
		c, ok := model.LookupClass(from)
		if !ok {
			return
		}
		e := estimate(w, s, c, t, mix)
		stay = &e
	}
	if !stay.Priced() {
		return // nothing to compare a move with
	}
	for i := range results {
		e := &results[i]
		if e.Class == from || !e.Priced() || e.Plan != nil {
			// A rule's transitions are its running costs, not a move.
			continue
		}
		move := &model.Move{Cost: decimal.Zero}
		for _, l := range e.Lines {
			if l.Category() == "transitions" {
				move.Cost = move.Cost.Add(l.Cost)
			}
		}
		// Paid back from the month after which the class's running total
		// stays at or below staying put to the end of the horizon; never
		// if it costs more in all.
		mine, theirs := decimal.Zero, decimal.Zero
		lastAbove := -1
		for m := range e.Monthly {
			mine, theirs = mine.Add(e.Monthly[m]), theirs.Add(stay.Monthly[m])
			if mine.GreaterThan(theirs) {
				lastAbove = m
			}
		}
		if lastAbove < len(e.Monthly)-1 {
			move.PaybackMonths = lastAbove + 2
		}
		e.Move = move
	}
}

// rank orders estimates: eligible ones by total, then ineligible ones by
// total, then those the sheet cannot price.
func rank(results []model.Estimate) {
	group := func(e model.Estimate) int {
		switch {
		case e.Eligible:
			return 0
		case e.Priced():
			return 1
		case !e.NotOffered:
			return 2
		}
		return 3
	}
	sort.SliceStable(results, func(i, j int) bool {
		if gi, gj := group(results[i]), group(results[j]); gi != gj {
			return gi < gj
		}
		if !results[i].Total.Equal(results[j].Total) {
			return results[i].Total.LessThan(results[j].Total)
		}
		// A tie across regions (the same prices in several): the region
		// the data is in first, not the first in alphabetical order.
		return results[i].Home && !results[j].Home
	})
}

// Planner prices many lifecycle rules for one workload in one region (the
// plan search), sharing what does not depend on the rule. It is safe for
// concurrent use.
type Planner struct {
	w   model.Workload
	s   *Sheet
	t   *timeline
	mix mixFacts
	pop population
	// quotes keeps each distinct stage's cost for Quote.
	quotes *quoteCache
}

// NewPlanner prepares the rule-independent part of the workload's pricing.
func NewPlanner(w model.Workload, s *Sheet) *Planner {
	return &Planner{w: w, s: s, t: newTimeline(w), mix: newMixFacts(w), pop: newPopulation(w),
		quotes: &quoteCache{stages: map[string]*stageCost{}}}
}

// Rule prices one lifecycle rule, exactly as Compare prices it as a
// candidate.
func (p *Planner) Rule(plan model.Lifecycle) model.Estimate {
	e, _ := estimatePlan(p.w, p.s, plan, p.t, p.mix, &p.pop)
	return e
}

// requiredWithin says the first-byte limit a class misses: the workload's,
// or the default with the key that lifts it.
func requiredWithin(r model.Requirements, limit time.Duration) string {
	if r.DefaultFirstByte {
		return fmt.Sprintf("by default reads start within %s (require.first_byte: 12h accepts slower classes)", model.FormatDuration(limit))
	}
	return "required within " + model.FormatDuration(limit)
}

// storedShare is the share of month m with something stored: the
// timeline's, or, with an aged stock, the population's (its youngest
// objects may leave before the month ends).
func storedShare(t *timeline, pop *population, m int) decimal.Decimal {
	if pop == nil || len(pop.stock) == 0 || pop.stock[0].lo.IsZero() && len(pop.stock) == 1 && pop.stock[0].hi.IsZero() {
		return t.stored[m]
	}
	return pop.stored(m, t.upload, t.stock)
}

// archivable is the part of span at that Intelligent-Tiering's opt-in
// archive tiers can reach: objects at least the shorter of their months in
// the class (at.a is when they enter it). Empty when the stage is shorter.
func archivable(w model.Workload, c model.Class, at span) span {
	a := newITArchive(w, nil)
	k := a.archiveMonths
	if k == 0 || (a.deepMonths > 0 && a.deepMonths < k) {
		k = a.deepMonths
	}
	return intersect(span{a: at.a.Add(decimal.NewFromInt(k)), open: true}, at)
}
