package pricing

import (
	"strings"
	"sync"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// A plan search prices thousands of rules whose stages repeat: the same
// class over the same ages for the same sizes. A rule's cost is the sum of
// its stages' costs and of what does not depend on the rule (PUTs in the
// start class, LISTs, transfer, replication, moving the stock), except
// where the stages share something non-linear: a volume-tiered price whose
// month total crosses a tier boundary, and KMS (Bucket Keys cap requests,
// the free tier is subtracted once). So Quote prices each distinct stage
// once, in a ledger of its own, adds the costs, prices KMS on the summed
// work, and checks that every tiered key's month total stays in the tier
// each part was priced in; where one does not, it prices the rule in full
// (Rule). Either way the figure is Rule's, to the last digit
// (TestQuoteIsRule).

// Quote is a rule's figures without lines: what ranking needs.
type Quote struct {
	Rule       model.Lifecycle
	Name       string
	Monthly    []decimal.Decimal
	Total      decimal.Decimal
	Eligible   bool
	Priced     bool
	Violations []string
}

// stageCost is one stage's charges over the horizon, in a ledger of its
// own.
type stageCost struct {
	monthly    []decimal.Decimal
	missing    []string
	tierUse    map[tierSlot]decimal.Decimal
	work       []kmsWork
	violations []string
}

type quoteCache struct {
	mu     sync.Mutex
	stages map[string]*stageCost
	common *stageCost
}

// Quote prices a rule starting in STANDARD for ranking; its figures are
// Rule's.
func (p *Planner) Quote(plan model.Lifecycle) Quote {
	q := Quote{Rule: plan, Name: plan.Describe(p.w.Lifetime)}
	// The common part is priced for rules that start in STANDARD, with a
	// stock that is new or sits in STANDARD; anything else prices in full.
	if plan.Start != model.Standard || p.w.Replication != nil || (p.w.Objects.From != "" && p.w.Objects.From != plan.Start) {
		return p.quoteInFull(q)
	}
	stages, err := planStages(p.w, p.s, plan, p.pop, true)
	if err != nil {
		return p.quoteInFull(q)
	}
	setReadShares(stages, p.w, p.pop)
	if p.w.Objects.From != "" {
		stockTransitionsAtStart(stages, p.w, p.pop)
	}
	common := p.commonCost()
	parts := []*stageCost{common}
	var violations []string
	for i := range stages {
		if p.s.NotOffered[stages[i].c.ID] {
			return p.quoteInFull(q)
		}
		sc := p.stageCost(&stages[i])
		parts = append(parts, sc)
		for _, v := range sc.violations {
			if !containsString(violations, v) {
				violations = append(violations, v)
			}
		}
	}
	start, _ := model.LookupClass(plan.Start)
	violations = append(violations, encryptionViolations(p.w.Encryption, start)...)

	// Tiered keys: exact only while every month's total stays in the tier
	// each part was priced in, the first (parts never cross one alone
	// here: a part that did would have used a later tier).
	totals := map[tierSlot]decimal.Decimal{}
	for _, part := range parts {
		for slot, use := range part.tierUse {
			totals[slot] = totals[slot].Add(use)
		}
	}
	for slot, use := range totals {
		tiers := p.tiersOf(slot.key)
		if len(tiers) > 0 && !tiers[0].Unbounded && !use.LessThanOrEqual(tiers[0].UpTo) {
			return p.quoteInFull(q) // past the first tier, or past a bounded ladder
		}
	}

	months := p.t.months
	q.Monthly = zeros(months)
	for _, part := range parts {
		if len(part.missing) > 0 {
			return p.quoteInFull(q) // not priced: Rule says what is missing
		}
		for m, v := range part.monthly {
			q.Monthly[m] = q.Monthly[m].Add(v)
		}
	}
	if enc := p.w.Encryption; enc.UsesKMS() {
		if !p.s.KMS.Known {
			return p.quoteInFull(q)
		}
		l := newLedger(months)
		for m := 0; m < months; m++ {
			work := kmsWork{writes: decimal.Zero, reads: decimal.Zero, writtenGB: decimal.Zero}
			for _, part := range parts {
				w := part.work[m]
				work.add(w.writes, w.reads, w.writtenGB)
			}
			priceEncryption(l, m, enc, start, p.s.KMS, work)
		}
		for m, v := range l.monthly {
			q.Monthly[m] = q.Monthly[m].Add(v)
		}
	}
	q.Total = decimal.Zero
	for _, v := range q.Monthly {
		q.Total = q.Total.Add(v)
	}
	q.Priced, q.Violations, q.Eligible = true, violations, len(violations) == 0
	return q
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// quoteInFull prices the rule with every line (Rule).
func (p *Planner) quoteInFull(q Quote) Quote {
	e := p.Rule(q.Rule)
	q.Monthly, q.Total, q.Eligible, q.Priced, q.Violations = e.Monthly, e.Total, e.Eligible, e.Priced(), e.Violations
	return q
}

// tiersOf is the ladder of a tiered key: a class's storage.
func (p *Planner) tiersOf(key string) Tiers {
	id, ok := strings.CutPrefix(key, "classes.")
	if !ok {
		return nil
	}
	id, _, _ = strings.Cut(id, ".")
	return p.s.Classes[model.ClassID(id)].Storage
}

// stageCost prices one stage on its own, once per distinct stage.
func (p *Planner) stageCost(st *stage) *stageCost {
	var key strings.Builder
	key.WriteString(string(st.c.ID) + " " + st.span.key() + " " + st.share.String())
	key.WriteString(" " + st.meanBytes.String() + " " + st.paddingBytes.String() + " " + st.readBytes.String() + " " + st.it.largeBytes.scaled.String())
	if st.entries != nil {
		key.WriteString(" in")
		// The stock's move at month 0 depends on the stage's start only,
		// which the span names.
	}
	k := key.String()
	p.quotes.mu.Lock()
	sc, ok := p.quotes.stages[k]
	p.quotes.mu.Unlock()
	if ok {
		return sc
	}
	months := p.t.months
	l := newLedger(months)
	sp := newStagePricing(p.w, p.s)
	r, _ := newStageRules(p.w, *st)
	sc = &stageCost{work: make([]kmsWork, months)}
	for m := 0; m < months; m++ {
		reads := st.readsIn(m, p.readsNow(m))
		sp.storage(l, m, st, &r, reads)
		sc.work[m] = kmsWork{writes: decimal.Zero, reads: decimal.Zero, writtenGB: decimal.Zero}
		sp.access(l, m, st, &r, reads, &sc.work[m])
	}
	sc.monthly, sc.missing, sc.tierUse = l.monthly, l.missing, l.tierUse
	sc.violations = violations(p.w, st.c, st.cp, st.span)
	p.quotes.mu.Lock()
	p.quotes.stages[k] = sc
	p.quotes.mu.Unlock()
	return sc
}

// readsNow is the month's reads: reads happen while something is stored.
func (p *Planner) readsNow(m int) decimal.Decimal {
	stored := storedShare(p.t, &p.pop, m)
	if stored.Equal(one) {
		return p.w.Reads.PerMonth
	}
	return p.w.Reads.PerMonth.Mul(stored)
}

// commonCost is what a rule starting in STANDARD costs whatever its
// transitions: PUTs, LISTs, transfer, moving the stock, and their KMS
// work.
func (p *Planner) commonCost() *stageCost {
	p.quotes.mu.Lock()
	defer p.quotes.mu.Unlock()
	if p.quotes.common != nil {
		return p.quotes.common
	}
	w, s, t := p.w, p.s, p.t
	c, _ := model.LookupClass(model.Standard)
	cp := s.Classes[c.ID]
	std := cp
	l := newLedger(t.months)
	sc := &stageCost{work: make([]kmsWork, t.months)}
	_, moveWork := moveStock(l, w, s, c, cp)
	meanGB := p.mix.meanBytes.gb()
	for m := 0; m < t.months; m++ {
		puts := t.upload
		if m == 0 && w.Objects.From == "" {
			puts = puts.Add(t.stock)
		}
		l.charge(m, "requests.put", unitKRequests, puts.Shift(-3), classKey(c, "put_per_1k"), cp.PutPer1K)
		work := kmsWork{writes: puts, reads: p.readsNow(m), writtenGB: meanGB.times(puts)}
		if m == 0 {
			work.add(moveWork.writes, moveWork.reads, moveWork.writtenGB)
		}
		sc.work[m] = work
	}
	l.chargeEvery("requests.list", unitKRequests, w.ListsPerMonth.Shift(-3), "classes.STANDARD.put_per_1k", std.PutPer1K)
	l.chargeTieredEvery("transfer.internet", unitGB, bytesToGB(w.Transfer.InternetBytes), "transfer.internet", s.Transfer.Internet)
	l.chargeEvery("transfer.inter_region", unitGB, bytesToGB(w.Transfer.InterRegionBytes), "transfer.inter_region", s.Transfer.InterRegion)
	sc.monthly, sc.missing, sc.tierUse = l.monthly, l.missing, l.tierUse
	p.quotes.common = sc
	return sc
}
