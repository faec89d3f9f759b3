package plan

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
)

// Report is a search as `s3cost plan` shows it: the Top eligible
// candidates in rank order, and the workload's own rules wherever they
// rank (docs/plan.md).
type Report struct {
	Result
	// Top is how many eligible candidates to list (at least 1).
	Top int
}

// Formats are the formats of `s3cost plan`.
var Formats = report.Formats[Report]{
	{Name: "table", Write: table},
	{Name: "json", Write: jsonReport},
}

// maxWidth is the widest line the table may have (the width prose is
// wrapped to: report.WrapLine).
const maxWidth = 120

// givenMark follows the RULE of the workload's own rules in the table.
const givenMark = " (given)"

// maxGivenName is the longest rule name the RULE column shows for a given
// rule; a longer one is shown by its steps (the line under the table
// names it).
const maxGivenName = 40

// Shown are the indexes in r.Candidates of the candidates listed, in rank
// order: the first Top eligible ones, and every given one.
func (r Report) Shown() []int {
	var out []int
	listed := 0
	for i, c := range r.Candidates {
		top := c.Eligible && listed < r.Top
		if top {
			listed++
		}
		if top || c.Given {
			out = append(out, i)
		}
	}
	return out
}

// Counts are how many candidates meet the requirements, miss one, and
// could not be priced.
func (r Result) Counts() (eligible, ineligible, unpriced int) {
	for _, c := range r.Candidates {
		switch {
		case c.Eligible:
			eligible++
		case c.Priced:
			ineligible++
		default:
			unpriced++
		}
	}
	return
}

// NothingPriced: no candidate has figures (`s3cost plan` exits 4, as
// compare does).
func (r Result) NothingPriced() bool {
	for _, c := range r.Candidates {
		if c.Priced {
			return false
		}
	}
	return true
}

// classes is how many single classes were priced.
func (r Result) classes() int {
	n := 0
	for _, c := range r.Candidates {
		if c.Rule == nil {
			n++
		}
	}
	return n
}

// given is how many of the workload's own rules were priced.
func (r Result) given() int {
	n := 0
	for _, c := range r.Candidates {
		if c.Given {
			n++
		}
	}
	return n
}

// RuleCell is a candidate's RULE in the table: a class alone is "C (no
// rule)"; a rule starting in STANDARD is its transitions,
// "STANDARD_IA@30d → GLACIER@90d", the start and the expiration at the
// lifetime being every searched rule's (the line above the table says
// so); a rule starting in another class names it first. Candidate.Name
// is the full form the verdict and the JSON use.
func RuleCell(c Candidate) string {
	if c.Rule == nil {
		return c.Name + " (no rule)"
	}
	var parts []string
	if c.Rule.Start != model.Standard {
		parts = append(parts, string(c.Rule.Start))
	}
	for _, t := range c.Rule.Transitions {
		parts = append(parts, fmt.Sprintf("%s@%s", t.Class, model.FormatDuration(t.After)))
	}
	if len(parts) == 0 {
		return string(c.Rule.Start) + " (no transition)"
	}
	return strings.Join(parts, " → ")
}

// givenCell is a given rule's RULE: its name (its ID in the bucket, or
// the lifecycle key's name), else its steps, marked; the line under the
// table says what it is in full.
func givenCell(c Candidate) string {
	if c.Rule != nil && c.Rule.Name != "" && report.TextWidth(c.Rule.Name) <= maxGivenName && !strings.Contains(c.Rule.Name, "\n") {
		return c.Rule.Name + givenMark
	}
	return RuleCell(c) + givenMark
}

// table writes the heading, the ranking, what the given rules are, the
// verdict and what was searched, every line under 120 columns.
func table(w io.Writer, r Report) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s in %s, %s (%s)\n", r.Workload, r.Region, report.Plural(r.Months, "month"), report.PricesLine(r.Pricing))
	report.WriteWrapped(bw, startLine(r.Result))
	fmt.Fprintln(bw)
	if shown := r.Shown(); len(shown) > 0 {
		if err := report.RenderGrid(bw, report.FitColumn(grid(r, shown), 1, maxWidth)); err != nil {
			return err
		}
		for _, i := range shown {
			if c := r.Candidates[i]; c.Given {
				report.WriteWrapped(bw, givenLine(r.Result, i))
			}
		}
		fmt.Fprintln(bw)
	}
	report.WriteWrapped(bw, verdict(r.Result))
	report.WriteWrapped(bw, searchedLine(r.Result))
	for _, n := range r.Notes {
		report.WriteWrapped(bw, "note: "+n)
	}
	return bw.Flush()
}

// startLine says what every searched rule shares, which the RULE column
// leaves out.
func startLine(r Result) string {
	end := "keep them (the workload sets no lifetime)"
	if r.Lifetime > 0 {
		end = "expire them at " + model.FormatDuration(r.Lifetime) + " (the lifetime)"
	}
	return "Rules start objects in STANDARD and " + end + `; "C (no rule)" is class C alone.`
}

// grid lays out the candidates shown: RANK ("-" for one that misses a
// requirement), RULE, MONTHLY, TOTAL, and the monthly difference from
// STANDARD and from the best single class (negative: cheaper).
func grid(r Report, shown []int) report.Grid {
	g := report.Grid{
		Headers: []string{"RANK", "RULE", "MONTHLY", fmt.Sprintf("TOTAL (%d MO)", r.Months), "VS STANDARD", "VS BEST CLASS"},
		Numeric: []bool{true, false, true, true, true, true},
	}
	for _, i := range shown {
		c := r.Candidates[i]
		rank := "-"
		if c.Eligible {
			rank = model.FormatCount(decimal.NewFromInt(int64(i + 1)))
		}
		rule := RuleCell(c)
		if c.Given {
			rule = givenCell(c)
		}
		g.Rows = append(g.Rows, []string{rank, rule, money(c, c.MonthlyAverage()), money(c, c.Total),
			versus(c, r.Standard), versus(c, r.BestClass)})
	}
	return g
}

// money is an amount, or "-" for a candidate without figures.
func money(c Candidate, d decimal.Decimal) string {
	if !c.Priced {
		return "-"
	}
	return report.Money(d)
}

// versus is c's monthly average less base's, or "-" when either has no
// figures.
func versus(c Candidate, base *Candidate) string {
	if base == nil || !c.Priced || !base.Priced {
		return "-"
	}
	return report.SignedMoney(c.MonthlyAverage().Sub(base.MonthlyAverage()))
}

// fullName is a candidate's rule in full, with its name and size filters
// when it has them.
func fullName(c Candidate) string {
	if c.Rule == nil {
		return c.Name + " alone"
	}
	s := c.Name
	if c.Rule.Name != "" {
		s = c.Rule.Name + " (" + s + ")"
	}
	var filter []string
	if c.Rule.SizeGreaterThan.IsPositive() {
		filter = append(filter, "over "+model.FormatBytes(c.Rule.SizeGreaterThan))
	}
	if c.Rule.SizeLessThan.IsPositive() {
		filter = append(filter, "under "+model.FormatBytes(c.Rule.SizeLessThan))
	}
	if len(filter) > 0 {
		s += ", for objects " + strings.Join(filter, " and ")
	}
	if c.Rule.MinimumObjectSize == model.VariesByStorageClass {
		s += ", " + model.VariesByStorageClass
	}
	return s
}

// givenLine says what a given rule is and how it fares.
func givenLine(r Result, i int) string {
	c := r.Candidates[i]
	head := "(given) " + fullName(c) + ", the workload's own rule"
	switch {
	case !c.Priced:
		return head + ": could not be priced with the " + r.Pricing.Sheet + " prices (s3cost compare names what is missing)."
	case !c.Eligible:
		return head + ": misses a requirement: " + strings.Join(c.Violations, "; ") + "."
	}
	eligible, _, _ := r.Counts()
	best, _ := r.Best()
	s := fmt.Sprintf("%s: rank %s of %s that meet the requirements", head,
		model.FormatCount(decimal.NewFromInt(int64(i+1))), model.FormatCount(decimal.NewFromInt(int64(eligible))))
	if i > 0 {
		s += "; " + moreThan(c, best, "the best")
	}
	return s + "."
}

// verdict is the one-line answer: the best candidate, and how it compares
// with the best single class and with STANDARD.
func verdict(r Result) string {
	best, ok := r.Best()
	if !ok {
		if r.NothingPriced() {
			return fmt.Sprintf("No rule or class could be priced with the %s prices (s3cost compare names what is missing).", r.Pricing.Sheet)
		}
		return "No rule or class meets the requirements (s3cost compare says what each class misses)."
	}
	head := fmt.Sprintf("Best: %s at %s/month", fullName(best), report.Money(best.MonthlyAverage()))
	if best.Given {
		head += " (the workload's own rule)"
	}
	var clauses []string
	if best.Rule != nil {
		if r.BestClass != nil {
			head += ", " + lessThan(best, *r.BestClass, "the best single class, "+r.BestClass.Name)
		} else {
			head += ", and " + noClass(r)
		}
	} else {
		if rule, found := bestRule(r); found {
			head += ": no lifecycle rule is cheaper (the best, " + rule.Name + ", " + costsMore(rule, best) + ")"
		} else {
			head += ": no lifecycle rule meets the requirements"
		}
	}
	// STANDARD, unless it is the best class, already compared.
	if std := r.Standard; std != nil && std != r.BestClass {
		if std.Eligible {
			clauses = append(clauses, lessThan(best, *std, "STANDARD"))
		} else {
			clauses = append(clauses, "STANDARD does not meet the requirements")
		}
	}
	return strings.Join(append([]string{head}, clauses...), "; ") + "."
}

// noClass says why there is no best class: none meets the requirements,
// or none could be priced.
func noClass(r Result) string {
	for _, c := range r.Candidates {
		if c.Rule == nil && c.Priced {
			return "no single class meets the requirements"
		}
	}
	return "no single class could be priced"
}

// bestRule is the cheapest eligible rule with transitions.
func bestRule(r Result) (Candidate, bool) {
	for _, c := range r.Candidates {
		if c.Eligible && c.Rule != nil {
			return c, true
		}
	}
	return Candidate{}, false
}

// lessThan says how much less win costs than other a month: "$12.34/month
// (10.7%) less than NAME", the percentage of other's; "ties with NAME"
// for equal totals.
func lessThan(win, other Candidate, name string) string {
	diff := other.MonthlyAverage().Sub(win.MonthlyAverage())
	if win.Total.Equal(other.Total) {
		return "ties with " + name
	}
	if diff.IsNegative() {
		return moreThan(win, other, name)
	}
	pct := ""
	if base := other.MonthlyAverage(); base.IsPositive() {
		pct = " (" + report.PercentFixed(diff.Shift(2).DivRound(base, 6)) + ")"
	}
	amount := report.Money(diff) + "/month"
	if report.Money(diff) == "$0.00" {
		amount, pct = "under $0.01/month", ""
	}
	return amount + pct + " less than " + name
}

// costsMore says how much more c costs than other, which it does not
// beat: "costs $1.23/month more", or "ties with it".
func costsMore(c, other Candidate) string {
	if c.Total.Equal(other.Total) {
		return "ties with it"
	}
	return "costs " + amountMore(c, other) + " more"
}

// moreThan says how much more c costs than other a month.
func moreThan(c, other Candidate, name string) string {
	return amountMore(c, other) + " more than " + name
}

// amountMore is c's monthly average less other's, "$1.23/month" (under a
// cent said so).
func amountMore(c, other Candidate) string {
	diff := c.MonthlyAverage().Sub(other.MonthlyAverage())
	if diff.IsPositive() && report.Money(diff) == "$0.00" {
		return "under $0.01/month"
	}
	return report.Money(diff) + "/month"
}

// searchedLine says what was searched and how much of it meets the
// requirements.
func searchedLine(r Result) string {
	steps := fmt.Sprintf("of up to %d transitions", r.MaxTransitions)
	if r.MaxTransitions == 1 {
		steps = "of one transition"
	}
	ages := make([]string, len(r.Grid))
	for i, a := range r.Grid {
		ages[i] = model.FormatDuration(a)
	}
	at := "at ages " + strings.Join(ages, ", ")
	if len(ages) == 0 {
		at = "no age of the grid comes before the lifetime"
	}
	what := fmt.Sprintf("Searched %s %s (%s)", count(r.Rules, "rule"), steps, at)
	if n := r.given(); n > 0 {
		what += ", " + count(n, "given rule")
	}
	what += " and " + count(r.classes(), "class")
	eligible, ineligible, unpriced := r.Counts()
	tail := fmt.Sprintf("%s meet the requirements, %s miss one", model.FormatCount(decimal.NewFromInt(int64(eligible))),
		model.FormatCount(decimal.NewFromInt(int64(ineligible))))
	if unpriced > 0 {
		tail += fmt.Sprintf(", %s could not be priced", model.FormatCount(decimal.NewFromInt(int64(unpriced))))
	}
	return what + ": " + tail + "."
}

// count is "3,430 rules", "1 class".
func count(n int, unit string) string {
	s := model.FormatCount(decimal.NewFromInt(int64(n)))
	if n == 1 {
		return s + " " + unit
	}
	if strings.HasSuffix(unit, "s") {
		return s + " " + unit + "es"
	}
	return s + " " + unit + "s"
}

// The JSON document (docs/plan.md): amounts are unrounded decimal
// strings, null for a candidate without figures; lists are never null.
type (
	jsonDoc struct {
		Workload string             `json:"workload"`
		Region   string             `json:"region"`
		Months   int                `json:"months"`
		Pricing  report.JSONPricing `json:"pricing"`
		// LifetimeDays: null when objects are kept.
		LifetimeDays *json.Number `json:"lifetime_days"`
		Searched     jsonSearched `json:"searched"`
		// Standard and BestClass are what the savings are measured
		// against, wherever they rank; null when not priced (STANDARD) or
		// none is eligible (the best class).
		Standard  *jsonCandidate  `json:"standard"`
		BestClass *jsonCandidate  `json:"best_class"`
		Plans     []jsonCandidate `json:"plans"`
		// Notes are the workload's assumptions, as compare's notes.
		Notes []string `json:"notes"`
	}
	jsonSearched struct {
		Rules          int     `json:"rules"`
		MaxTransitions int     `json:"max_transitions"`
		GridDays       []int64 `json:"grid_days"`
		Given          int     `json:"given"`
		Classes        int     `json:"classes"`
		Eligible       int     `json:"eligible"`
		Ineligible     int     `json:"ineligible"`
		NotPriced      int     `json:"not_priced"`
	}
	jsonCandidate struct {
		Rank int    `json:"rank"`
		Name string `json:"name"`
		// Plan is the rule (null for a class alone), Class the class
		// (null for a rule).
		Plan           *report.JSONPlan `json:"plan"`
		Class          *model.ClassID   `json:"class"`
		Given          bool             `json:"given"`
		Eligible       bool             `json:"eligible"`
		Violations     []string         `json:"violations"`
		Total          *string          `json:"total"`
		MonthlyAverage *string          `json:"monthly_average"`
		Monthly        []*string        `json:"monthly"`
	}
)

// jsonReport writes the document: the candidates Shown, in rank order,
// each with its rank among all candidates.
func jsonReport(w io.Writer, r Report) error {
	eligible, ineligible, unpriced := r.Counts()
	p := r.Pricing
	doc := jsonDoc{Workload: r.Workload, Region: r.Region, Months: r.Months,
		Pricing: report.JSONPricing{Sheet: p.Sheet, AsOf: p.AsOf, Source: p.Source, Discount: p.Discount},
		Searched: jsonSearched{Rules: r.Rules, MaxTransitions: r.MaxTransitions, GridDays: []int64{}, Given: r.given(),
			Classes: r.classes(), Eligible: eligible, Ineligible: ineligible, NotPriced: unpriced},
		Plans: []jsonCandidate{}, Notes: report.NonNil(r.Notes)}
	if r.Lifetime > 0 {
		days := json.Number(decimal.NewFromInt(int64(r.Lifetime)).DivRound(decimal.NewFromInt(int64(model.Day)), 6).String())
		doc.LifetimeDays = &days
	}
	for _, a := range r.Grid {
		doc.Searched.GridDays = append(doc.Searched.GridDays, int64(a/model.Day))
	}
	for i := range r.Candidates {
		c := &r.Candidates[i]
		if c == r.Standard {
			doc.Standard = ptr(candidateJSON(r.Result, i))
		}
		if c == r.BestClass {
			doc.BestClass = ptr(candidateJSON(r.Result, i))
		}
	}
	for _, i := range r.Shown() {
		doc.Plans = append(doc.Plans, candidateJSON(r.Result, i))
	}
	return report.EncodeJSON(w, doc)
}

func ptr[T any](v T) *T { return &v }

// candidateJSON is candidate i; its rule carries the expiration, as
// compare's results carry it.
func candidateJSON(r Result, i int) jsonCandidate {
	c := r.Candidates[i]
	j := jsonCandidate{Rank: i + 1, Name: c.Name, Given: c.Given, Eligible: c.Eligible,
		Violations: report.NonNil(c.Violations), Monthly: []*string{}}
	if c.Rule != nil {
		rule := *c.Rule
		rule.Expiration = r.Lifetime
		j.Plan = report.PlanJSON(rule)
	} else {
		j.Class = ptr(model.ClassID(c.Name))
	}
	if c.Priced {
		j.Total = ptr(c.Total.String())
		j.MonthlyAverage = ptr(c.MonthlyAverage().String())
	}
	for _, m := range c.Monthly {
		if c.Priced {
			j.Monthly = append(j.Monthly, ptr(m.String()))
		} else {
			j.Monthly = append(j.Monthly, nil)
		}
	}
	return j
}
