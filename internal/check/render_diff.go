package check

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
)

// DiffFormats are the output formats of `s3cost diff`. Every figure is a
// monthly average.
var DiffFormats = report.Formats[DiffReport]{
	{Name: "table", Write: diffTable},
	{Name: "json", Write: diffJSON},
	{Name: "markdown", Write: diffMarkdown},
}

// The status of a diff row, as JSON names it.
const (
	diffAdded     = "added"
	diffRemoved   = "removed"
	diffChanged   = "changed"
	diffUnchanged = "unchanged"
)

// diffStatus says whether the dataset is new, gone, or priced differently:
// another class, another cheapest class, or another total.
func diffStatus(row DiffRow) string {
	b, a := row.Before, row.After
	switch {
	case b == nil:
		return diffAdded
	case a == nil:
		return diffRemoved
	case b.Class != a.Class || b.Cheapest != a.Cheapest || !b.Estimate.Total.Equal(a.Estimate.Total) ||
		!b.Estimate.MonthlyAverage().Equal(a.Estimate.MonthlyAverage()):
		return diffChanged
	}
	return diffUnchanged
}

// monthlyOf is a side's monthly average, zero for a missing side.
func monthlyOf(d *DatasetCost) decimal.Decimal {
	if d == nil {
		return decimal.Zero
	}
	return d.Estimate.MonthlyAverage()
}

// rowChange is the change of the monthly average, a missing side counting
// as zero.
func rowChange(row DiffRow) decimal.Decimal {
	return monthlyOf(row.After).Sub(monthlyOf(row.Before))
}

// rowKnown: every side the row has has amounts; a side not priced or not
// offered has none, and then neither has the change.
func rowKnown(row DiffRow) bool {
	for _, d := range []*DatasetCost{row.Before, row.After} {
		if d != nil && !d.Estimate.Priced() {
			return false
		}
	}
	return true
}

// changeCell is CHANGE: the signed change, "n/a" when a side has no amounts.
func changeCell(row DiffRow) string {
	if !rowKnown(row) {
		return "n/a"
	}
	return report.SignedMoney(rowChange(row))
}

// cheapestChanged reports whether a dataset present on both sides has
// another cheapest class after.
func cheapestChanged(row DiffRow) bool {
	return row.Before != nil && row.After != nil && row.Before.Cheapest != row.After.Cheapest
}

// rowChangePercent is CHANGE %: "+10.5%", or "new", "removed", or "n/a"
// when the dataset cost nothing before.
func rowChangePercent(row DiffRow) string {
	switch {
	case row.Before == nil:
		return "new"
	case row.After == nil:
		return "removed"
	case !rowKnown(row):
		return "n/a"
	}
	pct, ok := report.ChangePercent(monthlyOf(row.Before), monthlyOf(row.After))
	if !ok {
		return "n/a"
	}
	return report.SignedPercent(pct)
}

// sides renders a value of both sides: "A -> B" when it differs, else the
// one value.
func sides(row DiffRow, value func(DatasetCost) string) string {
	switch {
	case row.Before == nil:
		return value(*row.After)
	case row.After == nil:
		return value(*row.Before)
	}
	b, a := value(*row.Before), value(*row.After)
	if b == a {
		return b
	}
	return b + " -> " + a
}

func monthlyCell(d *DatasetCost) string {
	if d == nil {
		return "-"
	}
	if !d.Estimate.Priced() {
		return noAmount(d.Estimate)
	}
	return report.Money(d.Estimate.MonthlyAverage())
}

// diffGrid lays out one row per dataset. A cheapest class that changed is
// marked with "*", explained under the table.
func diffGrid(r DiffReport) report.Grid {
	g := report.Grid{
		Headers: []string{"FILE", "DATASET", "BEFORE", "AFTER", "CHANGE", "CHANGE %", "CLASS", "CHEAPEST"},
		Numeric: []bool{false, false, true, true, true, true, false, false},
	}
	for _, row := range r.Rows {
		cheapest := sides(row, func(d DatasetCost) string { return report.ClassOrNone(d.Cheapest) })
		if cheapestChanged(row) {
			cheapest += " *"
		}
		g.Rows = append(g.Rows, []string{
			row.File, row.Dataset,
			monthlyCell(row.Before), monthlyCell(row.After),
			changeCell(row), rowChangePercent(row),
			sides(row, func(d DatasetCost) string { return report.ClassOrNone(d.Class) }),
			cheapest,
		})
	}
	return g
}

// diffWidth is the width the diff table is fitted to, as check's tables.
const diffWidth = 120

// fitDiffGrid breaks CHEAPEST and CLASS, "A -> B" when a dataset's class
// changed, before their arrows (and a lifecycle rule's) until the table
// fits width: two class names and an arrow took 146 columns. CHEAPEST is
// broken first, being the wider with its "*"; CHEAPEST again last, with
// the room CLASS left it.
func fitDiffGrid(g report.Grid, width int) report.Grid {
	class, cheapest := len(g.Headers)-2, len(g.Headers)-1
	for _, col := range []int{cheapest, class, cheapest} {
		g = report.FitColumnAt(g, col, width, " -> ", report.RuleArrow)
	}
	return g
}

// oneFile is the file every row of r belongs to, if they share one.
func oneFile(r DiffReport) (string, bool) {
	for _, row := range r.Rows {
		if row.File != r.Rows[0].File {
			return "", false
		}
	}
	if len(r.Rows) == 0 {
		return "", false
	}
	return r.Rows[0].File, true
}

// withoutFile is g without its first column, FILE; stacked puts each
// row's file above its dataset ("platform-storage/" over "app-logs") in
// a "FILE/DATASET" column.
func withoutFile(g report.Grid, stacked bool) report.Grid {
	out := report.Grid{Headers: slices.Clone(g.Headers[1:]), Numeric: g.Numeric[1:]}
	if stacked {
		out.Headers[0] = "FILE/DATASET"
	}
	for _, row := range g.Rows {
		row = slices.Clone(row[1:])
		if stacked {
			row[0] = g.Rows[len(out.Rows)][0] + "/\n" + row[0]
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// diffTotal is the total line: "total: $100.00 -> $112.34 a month, +$12.34
// (+12.3%)".
func diffTotal(r DiffReport) string {
	return fmt.Sprintf("total: %s -> %s a month, %s (%s)",
		report.Money(r.Before), report.Money(r.After), report.SignedMoney(r.After.Sub(r.Before)), totalChangePercent(r))
}

func totalChangePercent(r DiffReport) string {
	pct, ok := report.ChangePercent(r.Before, r.After)
	if !ok {
		return "n/a"
	}
	return report.SignedPercent(pct)
}

// limitAmount is the --fail-above limit as an amount a month: the limit
// itself, or that percentage of the monthly cost before.
func limitAmount(r DiffReport) decimal.Decimal {
	if r.LimitPercent {
		return r.Before.Mul(*r.Limit).Shift(-2)
	}
	return *r.Limit
}

// limitText describes the --fail-above limit: "$10.00", or "10.0% of
// before ($12.34)".
func limitText(r DiffReport) string {
	if r.LimitPercent {
		return fmt.Sprintf("%s of before (%s)", report.LimitPercent(*r.Limit), report.Money(limitAmount(r)))
	}
	return report.Money(*r.Limit)
}

// diffVerdict is the verdict against --fail-above ("" without a limit),
// taken from r.Failed.
func diffVerdict(r DiffReport) string {
	if r.Limit == nil {
		return ""
	}
	change := r.After.Sub(r.Before)
	pct := ""
	if r.LimitPercent {
		pct = " (" + totalChangePercent(r) + ")"
	}
	switch {
	case r.Failed && len(r.Unpriced) > 0 && !change.GreaterThan(limitAmount(r)):
		return fmt.Sprintf("FAIL: the monthly increase cannot be checked against --fail-above %s: %s.", limitText(r), strings.Join(r.Unpriced, ", "))
	case !change.IsPositive() && !r.Failed:
		return fmt.Sprintf("PASS: no monthly increase (%s%s); the --fail-above limit is %s.", report.SignedMoney(change), pct, limitText(r))
	case !change.IsPositive():
		// Only a limit below zero fails without an increase; say it as it is.
		return fmt.Sprintf("FAIL: the monthly change %s%s is over the --fail-above limit %s.", report.SignedMoney(change), pct, limitText(r))
	case r.Failed:
		return fmt.Sprintf("FAIL: the monthly increase %s%s is over the --fail-above limit %s.", report.Money(change), pct, limitText(r))
	}
	return fmt.Sprintf("PASS: the monthly increase %s%s is within the --fail-above limit %s.", report.Money(change), pct, limitText(r))
}

// cheapestChanges describes each dataset whose cheapest class changed:
// "platform/app-logs: STANDARD_IA -> GLACIER_IR".
func cheapestChanges(r DiffReport) []string {
	var out []string
	for _, row := range r.Rows {
		if cheapestChanged(row) {
			out = append(out, fmt.Sprintf("%s: %s -> %s", report.DatasetLabel(row.File, row.Dataset),
				report.ClassOrNone(row.Before.Cheapest), report.ClassOrNone(row.After.Cheapest)))
		}
	}
	return out
}

// diffTable writes r for a terminal or a CI log: the datasets, the total
// line, the datasets whose cheapest class changed, and the verdict against
// --fail-above when one was given.
func diffTable(w io.Writer, r DiffReport) error {
	bw := bufio.NewWriter(w)
	g, of := fitDiffGrid(diffGrid(r), diffWidth), ""
	if report.GridWidth(g) > diffWidth {
		// Still too wide: FILE gives its room to the class names. When it
		// says the same on every row it goes to the heading, else it
		// shares a cell with DATASET, one above the other.
		file, one := oneFile(r)
		g = fitDiffGrid(withoutFile(diffGrid(r), !one), diffWidth)
		if one {
			of = " of " + file
		}
	}
	report.WriteWrapped(bw, "Monthly cost"+of+" before and after ("+report.PricesLine(r.Pricing)+"; BEFORE and AFTER are average months)")
	if len(r.Rows) > 0 {
		fmt.Fprintln(bw)
		if err := report.RenderGrid(bw, g); err != nil {
			return err
		}
	}
	fmt.Fprintln(bw)
	report.WriteWrapped(bw, diffTotal(r))
	for _, c := range cheapestChanges(r) {
		report.WriteWrapped(bw, "* cheapest class changed: "+c)
	}
	if len(r.Unpriced) > 0 {
		report.WriteWrapped(bw, "left out of the totals: "+strings.Join(r.Unpriced, ", "))
	}
	if v := diffVerdict(r); v != "" {
		report.WriteWrapped(bw, v)
	}
	return bw.Flush()
}

// diffMarkdown writes r as a pull-request comment: a one-line summary
// heading (❌ when over --fail-above, ✅ within it), the verdict, the table,
// and the datasets whose cheapest class changed.
func diffMarkdown(w io.Writer, r DiffReport) error {
	bw := bufio.NewWriter(w)
	mark := ""
	if r.Limit != nil {
		mark = "✅ "
		if r.Failed {
			mark = "❌ "
		}
	}
	fmt.Fprintf(bw, "### %ss3cost diff: %s/month (%s)\n\n", mark, report.SignedMoney(r.After.Sub(r.Before)), totalChangePercent(r))
	fmt.Fprintf(bw, "%s -> %s a month on average.", report.Money(r.Before), report.Money(r.After))
	if v := diffVerdict(r); v != "" {
		fmt.Fprintf(bw, " **%s**", v)
	}
	fmt.Fprint(bw, "\n\n")
	if len(r.Rows) > 0 {
		report.WriteMarkdownTable(bw, diffGrid(r))
		fmt.Fprintln(bw)
	}
	if changes := cheapestChanges(r); len(changes) > 0 {
		fmt.Fprint(bw, "\\* The cheapest class changed:\n\n")
		for _, c := range changes {
			fmt.Fprintf(bw, "- %s\n", report.MarkdownInline(c))
		}
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw, report.MarkdownPrices(r.Pricing, r.Currency)+" BEFORE and AFTER are average months.")
	return bw.Flush()
}

// The JSON document of `s3cost diff`. Amounts are unrounded decimal strings
// (monthly averages); a missing side and an undefined percentage are null.
type jsonDiffReport struct {
	Failed        bool               `json:"failed"`
	Limit         *string            `json:"limit"`
	LimitPercent  bool               `json:"limit_percent"`
	Currency      string             `json:"currency"`
	Pricing       report.JSONPricing `json:"pricing"`
	Before        string             `json:"before"`
	After         string             `json:"after"`
	Change        string             `json:"change"`
	ChangePercent *string            `json:"change_percent"`
	Rows          []jsonDiffRow      `json:"rows"`
}

type jsonDiffRow struct {
	File            string        `json:"file"`
	Dataset         string        `json:"dataset"`
	Status          string        `json:"status"`
	Before          *jsonDiffSide `json:"before"`
	After           *jsonDiffSide `json:"after"`
	Change          *string       `json:"change"`
	ChangePercent   *string       `json:"change_percent"`
	CheapestChanged bool          `json:"cheapest_changed"`
}

// jsonDiffSide is one version of a dataset. Priced is false when its class
// is not priced or not offered (NotOffered); its amounts are then zero and
// meaningless, and the row's change is null.
type jsonDiffSide struct {
	Class          model.ClassID `json:"class"`
	Cheapest       model.ClassID `json:"cheapest"`
	MonthlyAverage string        `json:"monthly_average"`
	Total          string        `json:"total"`
	Priced         bool          `json:"priced"`
	NotOffered     bool          `json:"not_offered"`
}

func diffSideJSON(d *DatasetCost) *jsonDiffSide {
	if d == nil {
		return nil
	}
	return &jsonDiffSide{
		Class:          d.Class,
		Cheapest:       d.Cheapest,
		MonthlyAverage: d.Estimate.MonthlyAverage().String(),
		Total:          d.Estimate.Total.String(),
		Priced:         d.Estimate.Priced(),
		NotOffered:     d.Estimate.NotOffered,
	}
}

// percentJSON is the change in percent of before, null when before is zero.
func percentJSON(before, after decimal.Decimal) *string {
	pct, ok := report.ChangePercent(before, after)
	if !ok {
		return nil
	}
	s := pct.String()
	return &s
}

// diffJSON writes r as JSON: failed, limit, limit_percent, currency,
// pricing, before, after, change, change_percent, and rows [{file, dataset,
// status, before, after, change, change_percent, cheapest_changed}].
// change_percent is null for a new or removed dataset and when before is 0;
// change and change_percent are null when a side is not priced or not offered.
func diffJSON(w io.Writer, r DiffReport) error {
	doc := jsonDiffReport{
		Failed:        r.Failed,
		LimitPercent:  r.LimitPercent,
		Currency:      report.CurrencyOr(r.Currency),
		Pricing:       report.PricingJSON(r.Pricing),
		Before:        r.Before.String(),
		After:         r.After.String(),
		Change:        r.After.Sub(r.Before).String(),
		ChangePercent: percentJSON(r.Before, r.After),
		Rows:          make([]jsonDiffRow, 0, len(r.Rows)),
	}
	if r.Limit != nil {
		s := r.Limit.String()
		doc.Limit = &s
	}
	for _, row := range r.Rows {
		jr := jsonDiffRow{
			File:            row.File,
			Dataset:         row.Dataset,
			Status:          diffStatus(row),
			Before:          diffSideJSON(row.Before),
			After:           diffSideJSON(row.After),
			CheapestChanged: cheapestChanged(row),
		}
		if rowKnown(row) {
			change := rowChange(row).String()
			jr.Change = &change
		}
		if row.Before != nil && row.After != nil && rowKnown(row) {
			jr.ChangePercent = percentJSON(monthlyOf(row.Before), monthlyOf(row.After))
		}
		doc.Rows = append(doc.Rows, jr)
	}
	return report.EncodeJSON(w, doc)
}
