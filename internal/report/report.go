// Package report renders a ranked model.Comparison for people (a terminal
// table, a Markdown report) and for programs (JSON, the output contract of
// docs/json.md, and CSV), and lists the storage-class model for
// `s3cost classes`. It only formats: every figure comes from the estimate.
// It is the only package that imports tablewriter.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/model"
)

// ComparisonFormats are the output formats of `s3cost compare`, for one
// comparison or several: tables and Markdown one after another, JSON as an
// array of the single-comparison documents, CSV as one table with a leading
// workload column (docs/json.md).
var ComparisonFormats = Formats[[]model.Comparison]{
	{Name: "table", Write: each(Table)},
	{Name: "json", Write: comparisonsJSON},
	{Name: "csv", Write: comparisonsCSV},
	{Name: "markdown", Write: each(Markdown)},
}

// Render writes one comparison in the named format: one of
// ComparisonFormats.
func Render(w io.Writer, format string, c model.Comparison) error {
	return ComparisonFormats.Render(w, format, []model.Comparison{c})
}

// each writes the comparisons one after another, a blank line between.
func each(write func(io.Writer, model.Comparison) error) func(io.Writer, []model.Comparison) error {
	return func(w io.Writer, cs []model.Comparison) error {
		for i, c := range cs {
			if i > 0 {
				if _, err := fmt.Fprintln(w); err != nil {
					return err
				}
			}
			if err := write(w, c); err != nil {
				return err
			}
		}
		return nil
	}
}

// checkCategories makes sure every line of every result falls in one of the
// breakdown categories. A line outside them would vanish from the breakdown
// columns while still counting in the total, so it is refused rather than
// rendered as a breakdown that does not add up.
func checkCategories(c model.Comparison) error {
	for _, e := range c.Results {
		if err := EstimateCategories(e); err != nil {
			return err
		}
	}
	return nil
}

// EstimateCategories is checkCategories for one estimate.
func EstimateCategories(e model.Estimate) error {
	keys := model.BreakdownKeys()
	for _, l := range e.Lines {
		if !slices.Contains(keys, l.Category()) {
			return fmt.Errorf("report: %s: line %q: category %q is not one of %s",
				e.Class, l.Item, l.Category(), strings.Join(keys, ", "))
		}
	}
	return nil
}

// NonNil returns s, or an empty slice for nil, so that JSON shows [] and
// never null.
func NonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// visibleCategories returns the breakdown keys, in BreakdownKeys order, that
// are non-zero in at least one result: the human formats hide the rest.
func visibleCategories(c model.Comparison) []string {
	breakdowns := make([]map[string]decimal.Decimal, len(c.Results))
	for i, e := range c.Results {
		breakdowns[i] = e.Breakdown()
	}
	var keys []string
	for _, k := range model.BreakdownKeys() {
		for _, b := range breakdowns {
			if !b[k].IsZero() {
				keys = append(keys, k)
				break
			}
		}
	}
	return keys
}

// categoryHeader turns a breakdown key into a column header: "early_delete"
// becomes "EARLY DELETE".
func categoryHeader(key string) string {
	return strings.ToUpper(strings.ReplaceAll(key, "_", " "))
}

// hasIneligible reports whether some result is not eligible, which adds the
// NOTE column to the human formats.
func hasIneligible(c model.Comparison) bool {
	for _, e := range c.Results {
		if !e.Eligible {
			return true
		}
	}
	return false
}

// heading is the one-line description above the table. A comparison of
// more than maxListedRegions regions counts them instead of naming them
// (the JSON keeps the full lists).
func heading(c model.Comparison) string {
	return fmt.Sprintf("%s in %s, %s (prices: %s%s)",
		c.Workload, regionsText(c), Plural(c.Months, "month"), sheetsText(c), discountText(c.Pricing))
}

// maxListedRegions: the human formats name up to this many regions of a
// multi-region comparison, and count more.
const maxListedRegions = 3

// comparedRegions are the regions a multi-region comparison spans (its
// Region is their list), nil for one region.
func comparedRegions(c model.Comparison) []string {
	if !hasRegions(c) {
		return nil
	}
	return strings.Split(c.Region, ", ")
}

// regionsText is the comparison's region, its regions, or "36 regions".
func regionsText(c model.Comparison) string {
	if rs := comparedRegions(c); len(rs) > maxListedRegions {
		return fmt.Sprintf("%d regions", len(rs))
	}
	return c.Region
}

// sheetsText names the prices behind c: "aws/us-east-1 as of 2025-10-22",
// and for more than maxListedRegions regions "aws/<region> sheets as of
// 2025-08-28 to 2025-10-22" (a custom sheet named after them), from the
// list "aws/af-south-1 (2025-10-22), ..." pricing.CompareRegions builds.
func sheetsText(c model.Comparison) string {
	full := c.Pricing.Sheet + " as of " + c.Pricing.AsOf
	regions := comparedRegions(c)
	if len(regions) <= maxListedRegions {
		return full
	}
	var others []string
	standard := 0
	oldest, newest := "", ""
	for _, entry := range strings.Split(c.Pricing.Sheet, ", ") {
		id, date, ok := strings.Cut(entry, " (")
		date, closed := strings.CutSuffix(date, ")")
		if !ok || !closed || date == "" {
			return full // not the list CompareRegions builds: as it is
		}
		if r, aws := strings.CutPrefix(id, "aws/"); aws && slices.Contains(regions, r) {
			standard++
		} else {
			others = append(others, id)
		}
		if oldest == "" || date < oldest {
			oldest = date
		}
		if date > newest {
			newest = date
		}
	}
	var names []string
	if standard > 0 {
		names = append(names, "aws/<region> sheets")
	}
	names = append(names, others...)
	dates := oldest
	if newest != oldest {
		dates = oldest + " to " + newest
	}
	return strings.Join(names, ", ") + " as of " + dates
}

func Plural(n int, unit string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// Grid is the table the human formats share: headers, one row per result in
// rank order, and which columns hold amounts (right-aligned).
type Grid struct {
	Headers []string
	Rows    [][]string
	Numeric []bool
}

// comparisonGrid lays out c as RANK, CLASS, MONTHLY, TOTAL (<N> MO), the
// non-zero breakdown categories, and NOTE when some class is ineligible.
// Amounts are rounded to cents here, for display only.
func comparisonGrid(c model.Comparison) Grid {
	cats := visibleCategories(c)
	withNote := hasIneligible(c)

	g := Grid{
		Headers: []string{"RANK", "CLASS", "MONTHLY", fmt.Sprintf("TOTAL (%d MO)", c.Months)},
		Numeric: []bool{true, false, true, true},
	}
	withRegion := hasRegions(c)
	if withRegion {
		g.Headers = append([]string{g.Headers[0], "REGION"}, g.Headers[1:]...)
		g.Numeric = append([]bool{true, false}, g.Numeric[1:]...)
	}
	for _, k := range cats {
		g.Headers = append(g.Headers, categoryHeader(k))
		g.Numeric = append(g.Numeric, true)
	}
	withPayback := hasMove(c)
	if withPayback {
		g.Headers = append(g.Headers, "PAYBACK")
		g.Numeric = append(g.Numeric, false)
	}
	if withNote {
		g.Headers = append(g.Headers, "NOTE")
		g.Numeric = append(g.Numeric, false)
	}

	for i, e := range c.Results {
		rank := "-"
		if e.Eligible {
			rank = fmt.Sprint(i + 1)
		}
		row := []string{rank, classCell(e), amount(e, e.MonthlyAverage()), amount(e, e.Total)}
		if withRegion {
			row = append([]string{rank, e.Region}, row[1:]...)
		}
		b := e.Breakdown()
		for _, k := range cats {
			row = append(row, amount(e, b[k]))
		}
		if withPayback {
			row = append(row, paybackText(e))
		}
		if withNote {
			row = append(row, strings.Join(e.Violations, "; "))
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

// hasMove: the stock sits in a class today, so moves have a payback.
func hasMove(c model.Comparison) bool {
	for _, e := range c.Results {
		if e.Move != nil {
			return true
		}
	}
	return false
}

// paybackText: "(stays)" for the class the stock is in, else after how
// many months the move has paid for itself, or "never" within the horizon;
// "-" where there is nothing to say (not priced, not offered, another
// region).
func paybackText(e model.Estimate) string {
	m := e.Move
	switch {
	case !e.Priced() || (m == nil && e.Region != "" && !e.Home):
		return "-"
	case m == nil:
		return "(stays)"
	case m.PaybackMonths == 0:
		return "never"
	case m.PaybackMonths == 1:
		return "1 month"
	}
	return fmt.Sprintf("%d months", m.PaybackMonths)
}

// amount shows money, or "-" for a class without amounts: not priced, or
// not offered in the region (its zero would read as free). NOTE says which.
func amount(e model.Estimate, d decimal.Decimal) string {
	if !e.Priced() {
		return "-"
	}
	return Money(d)
}

// hasRegions: the comparison ranks classes of several regions.
func hasRegions(c model.Comparison) bool {
	for _, e := range c.Results {
		if e.Region != "" {
			return true
		}
	}
	return false
}
