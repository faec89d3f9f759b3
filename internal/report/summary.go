package report

import (
	"fmt"
	"strings"

	"github.com/s3cost/s3cost/model"
)

// summary is the one-line verdict the human formats print: which class wins
// and by how much it beats the runner-up and STANDARD, per month on average.
// Differences are taken between the unrounded averages and rounded to cents
// only for display; percentages are relative to the more expensive class.
// When some candidate has no amounts (not priced, not offered), the verdict
// says it is the cheapest "of the classes priced", and leftOutLine names
// the others; when none has amounts, the verdict names them itself.
func summary(c model.Comparison) string {
	eligible := eligibleResults(c)
	left := leftOut(c)
	if len(eligible) == 0 {
		switch {
		case len(c.Results) == 0:
			return "No class was compared."
		case nothingPriced(c) && len(left) == 0:
			// Every class lacks prices, and misses a requirement anyway.
			return "No class meets the requirements, and none could be priced."
		case nothingPriced(c) && oneRegion(left):
			return fmt.Sprintf("No class could be priced in %s: %s.", left[0].Region, leftOutText(left, true))
		case nothingPriced(c):
			return fmt.Sprintf("No class could be priced in any of %s: %s.", c.Region, leftOutText(left, false))
		case len(left) > 0:
			return "No class priced meets the requirements."
		}
		return "No class meets the requirements."
	}
	win := eligible[0]

	var parts []string
	switch {
	case len(eligible) > 2 && isTie(win, eligible[2]):
		parts = append(parts, tiesWith(win, eligible[1:]))
	case len(eligible) > 1:
		parts = append(parts, against(win, eligible[1]))
	case len(c.Results) == 1:
		parts = append(parts, "the only class compared")
	case len(c.Results)-len(left) == 1:
		// The others are left out, not ineligible.
		parts = append(parts, "the only class priced")
	default:
		parts = append(parts, "the only class that meets the requirements")
	}
	clauses := []string{strings.Join(append(parts, againstStandard(c, eligible)...), ", ")}
	if std, ok := findClass(c, model.Standard); ok && std.Priced() && !std.Eligible && len(eligible) > 1 {
		// With one eligible class, "the only class that meets the
		// requirements" already says it. An unpriced STANDARD is named
		// by leftOutLine instead: it may well meet the requirements.
		clauses = append(clauses, "STANDARD does not meet the requirements")
	}
	of := ""
	for _, l := range left {
		of = " (of the classes offered)"
		if !l.NotOffered {
			of = " (of the classes priced)"
			break
		}
	}
	return fmt.Sprintf("Cheapest: %s at %s/month%s; %s.", label(win), Money(win.MonthlyAverage()), of, strings.Join(clauses, "; "))
}

// againstStandard compares the winner with STANDARD, the class people
// usually start from, unless STANDARD is the winner, the runner-up (already
// compared), ineligible or not a candidate.
func againstStandard(c model.Comparison, eligible []model.Estimate) []string {
	std, ok := findClass(c, model.Standard)
	if !ok || !std.Eligible || len(eligible) < 3 {
		// With fewer than three eligible classes an eligible STANDARD is
		// the winner or the runner-up.
		return nil
	}
	if eligible[0].Class == model.Standard || eligible[1].Class == model.Standard {
		return nil
	}
	return []string{against(eligible[0], std)}
}

// against describes how win compares with other: "$12.34/month (10.7%) less
// than STANDARD_IA", or "ties with X" when both cost exactly the same.
func against(win, other model.Estimate) string {
	winAvg, otherAvg := win.MonthlyAverage(), other.MonthlyAverage()
	if isTie(win, other) {
		return "ties with " + label(other)
	}
	diff, base, word := otherAvg.Sub(winAvg), otherAvg, "less than"
	if diff.IsNegative() {
		// Not expected from a ranked comparison, but say it truthfully.
		diff, base, word = diff.Neg(), winAvg, "more than"
	}
	pct := ""
	if base.IsPositive() {
		pct = " (" + diff.DivRound(base, 6).Shift(2).Round(1).StringFixed(1) + "%)"
	}
	amount := Money(diff)
	if amount == "$0.00" {
		// A real difference too small to show in cents is still a
		// difference: calling it a tie would hide which class is dearer.
		amount, pct = "under $0.01", ""
	}
	return fmt.Sprintf("%s/month%s %s %s", amount, pct, word, label(other))
}

// tiesWith names the candidates (ranked after win) that cost exactly what
// win costs: "ties with A, B and C", at most three named, then how many
// more ("--region all" can tie a class in many regions).
func tiesWith(win model.Estimate, others []model.Estimate) string {
	var names []string
	for _, e := range others {
		if !isTie(win, e) {
			break
		}
		names = append(names, label(e))
	}
	const named = 3
	if len(names) > named {
		return fmt.Sprintf("ties with %s and %d more", strings.Join(names[:named], ", "), len(names)-named)
	}
	return "ties with " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// isTie reports whether a and b cost exactly the same.
func isTie(a, b model.Estimate) bool {
	return a.Total.Equal(b.Total)
}

// eligibleResults returns the ranked (eligible) results in rank order.
func eligibleResults(c model.Comparison) []model.Estimate {
	var out []model.Estimate
	for _, e := range c.Results {
		if e.Eligible {
			out = append(out, e)
		}
	}
	return out
}

func findClass(c model.Comparison, id model.ClassID) (model.Estimate, bool) {
	for _, e := range c.Results {
		if e.Class == id {
			return e, true
		}
	}
	return model.Estimate{}, false
}

// noteLines are the comparison's notes, then the notes of the winner and of
// any class that ties with it, each prefixed with its class.
func noteLines(c model.Comparison) []string {
	lines := append([]string(nil), c.Notes...)
	eligible := eligibleResults(c)
	for _, e := range eligible {
		if !isTie(eligible[0], e) {
			break
		}
		for _, n := range e.Notes {
			lines = append(lines, fmt.Sprintf("%s: %s", label(e), n))
		}
	}
	return lines
}

// label names a result: its class, and its region when the comparison
// spans several.
func label(e model.Estimate) string {
	if e.Region != "" {
		return string(e.Class) + " in " + e.Region
	}
	return string(e.Class)
}
