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
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/model"
)

// ComparisonFormats are the output formats of `s3cost compare`, for one
// comparison or several: tables and Markdown one after another, JSON as an
// array of the single-comparison documents, CSV as one table with a leading
// workload column (docs/json.md).
var ComparisonFormats = ComparisonFormatsFor(Layout{})

// Layout is how much room a terminal table has: Width columns (0: 120),
// and Wide to show every cost category whatever the width.
type Layout struct {
	Width int
	Wide  bool
}

// ComparisonFormatsFor is ComparisonFormats with tables laid out for l.
func ComparisonFormatsFor(l Layout) Formats[[]model.Comparison] {
	return Formats[[]model.Comparison]{
		{Name: "table", Write: each(func(w io.Writer, c model.Comparison) error { return tableFor(w, c, l) })},
		{Name: "json", Write: comparisonsJSON},
		{Name: "csv", Write: comparisonsCSV},
		{Name: "markdown", Write: each(Markdown)},
	}
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
// cost categories cats, and PAYBACK when the stock moves. A class that is
// not ranked carries the number of its reason ("GLACIER [1]"), the reason
// itself a footnote under the table (reasonNotes): a NOTE column made the
// table hundreds of columns wide. Amounts are rounded to cents here, for
// display only.
func comparisonGrid(c model.Comparison, cats []string) Grid {
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
	marks, _ := reasonNotes(c)
	for i, e := range c.Results {
		rank := "-"
		if e.Eligible {
			rank = fmt.Sprint(i + 1)
		}
		class := classCell(e)
		if m := marks[i]; m != "" {
			class += " " + m
		}
		row := []string{rank, class, amount(e, e.MonthlyAverage()), amount(e, e.Total)}
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
		g.Rows = append(g.Rows, row)
	}
	return g
}

// FitColumn breaks column col's lifecycle rules over lines so that the
// table fits width columns, where breaking them can (WrapRules).
func FitColumn(g Grid, col, width int) Grid {
	return FitColumnAt(g, col, width, RuleArrow)
}

// FitColumnAt is FitColumn breaking column col's cells before any of
// arrows: diff's "A -> B" cells hold two classes, either of which may be a
// lifecycle rule.
func FitColumnAt(g Grid, col, width int, arrows ...string) Grid {
	room := width - (gridWidth(g) - columnWidth(g, col))
	return wrapAt(g, col, max(room, 20), arrows)
}

// RuleArrow joins the steps of a lifecycle rule's name.
const RuleArrow = " → "

// RuleRoom is how wide a lifecycle rule's name may run in a terminal
// table before it is broken over lines.
const RuleRoom = 44

// tableGrid is the terminal table's grid: comparisonGrid with rules'
// names broken over lines.
func tableGrid(c model.Comparison, cats []string) Grid {
	col := 1 // CLASS
	if hasRegions(c) {
		col = 2
	}
	return WrapRules(comparisonGrid(c, cats), col, RuleRoom)
}

// reasonNotes numbers the reasons classes are not ranked: marks[i] is
// result i's "[n]", and lines the footnotes, one per distinct reason.
func reasonNotes(c model.Comparison) (marks map[int]string, lines []string) {
	marks = map[int]string{}
	number := map[string]int{}
	for i, e := range c.Results {
		if e.Eligible || len(e.Violations) == 0 {
			continue
		}
		why := strings.Join(e.Violations, "; ")
		n, ok := number[why]
		if !ok {
			n = len(number) + 1
			number[why] = n
			lines = append(lines, fmt.Sprintf("[%d] %s", n, why))
		}
		marks[i] = fmt.Sprintf("[%d]", n)
	}
	return marks, lines
}

// contenders are the results a reader weighs against each other: the three
// cheapest that meet the requirements (the ranking is about them), or
// every priced result when fewer than two meet them. An outlier (GLACIER's
// $108,000 of retrieval) then cannot keep a category in view that does not
// tell the front runners apart, while one that does (the transitions that
// make INTELLIGENT_TIERING dearer than STANDARD) is kept.
func contenders(c model.Comparison) []model.Estimate {
	var out []model.Estimate
	for _, e := range c.Results {
		if e.Eligible && e.Priced() && len(out) < 3 {
			out = append(out, e)
		}
	}
	if len(out) >= 2 {
		return out
	}
	out = out[:0]
	for _, e := range c.Results {
		if e.Priced() {
			out = append(out, e)
		}
	}
	return out
}

// sameForAll is category k's amount when every priced result has the same.
func sameForAll(c model.Comparison, k string) (decimal.Decimal, bool) {
	var v decimal.Decimal
	first := true
	for _, e := range c.Results {
		if !e.Priced() {
			continue
		}
		x := e.Breakdown()[k]
		if !first && !x.Equal(v) {
			return decimal.Zero, false
		}
		v, first = x, false
	}
	return v, !first
}

// categorySpread is how far apart the contenders' amounts in category k
// are.
func categorySpread(c model.Comparison, k string) decimal.Decimal {
	var lo, hi decimal.Decimal
	first := true
	for _, e := range contenders(c) {
		v := e.Breakdown()[k]
		if first {
			lo, hi, first = v, v, false
		}
		lo, hi = decimal.Min(lo, v), decimal.Max(hi, v)
	}
	return hi.Sub(lo)
}

// fitCategories drops cost categories, those that tell the contenders
// apart least first, until the table
// fits width columns (or none is left to drop), and returns those kept and
// those dropped.
func fitCategories(c model.Comparison, width int) (kept, dropped []string) {
	kept = visibleCategories(c)
	for gridWidth(tableGrid(c, kept)) > width && len(kept) > 0 {
		// The category that differs least between the classes says least
		// about the choice (transfer costs every class the same); storage,
		// what every class is about, stays.
		least, leastSpread := -1, decimal.Decimal{}
		for i, k := range kept {
			if k == "storage" {
				continue
			}
			spread := categorySpread(c, k)
			if least < 0 || spread.LessThan(leastSpread) {
				least, leastSpread = i, spread
			}
		}
		if least < 0 {
			break
		}
		dropped = append(dropped, kept[least])
		kept = append(kept[:least:least], kept[least+1:]...)
	}
	return kept, dropped
}

// TextWidth is how many columns s is counted as taking when a table or a
// line is fitted to a width: its bytes, not its runes. A terminal shows
// "→" in one column, but it is three bytes in UTF-8, and pagers, CI logs
// and line-length checks that count bytes would see a 118-column table as
// 122; counting bytes keeps every line within the width either way, at
// the cost of breaking a rule a little earlier than a terminal needs.
func TextWidth(s string) int { return len(s) }

// GridWidth is how many columns RenderGrid's table of g takes.
func GridWidth(g Grid) int { return gridWidth(g) }

// gridWidth is how many columns RenderGrid's table takes: each column's
// widest cell plus a space either side and a bar, and the last bar.
func gridWidth(g Grid) int {
	width := 1
	for i := range g.Headers {
		width += columnWidth(g, i) + 3
	}
	return width
}

// columnWidth is the widest line of column i (a cell, or the header, may
// hold several).
func columnWidth(g Grid, i int) int {
	w := 0
	for _, l := range strings.Split(g.Headers[i], "\n") {
		w = max(w, TextWidth(l))
	}
	for _, r := range g.Rows {
		for _, l := range strings.Split(r[i], "\n") {
			w = max(w, TextWidth(l))
		}
	}
	return w
}

// WrapRules breaks the class cells of lifecycle rules ("STANDARD →
// STANDARD_IA@30d → ...") before an arrow, so that no line is longer than
// room where it can help it: a rule's name would otherwise take the room
// of the cost columns.
func WrapRules(g Grid, col, room int) Grid {
	return wrapAt(g, col, room, []string{RuleArrow})
}

// wrapAt breaks column col's cells before any of arrows (the arrow opens
// the next line), so that no line is longer than room where it can help it.
func wrapAt(g Grid, col, room int, arrows []string) Grid {
	for _, r := range g.Rows {
		cell := r[col]
		if TextWidth(cell) <= room {
			continue
		}
		var lines []string
		cur := ""
		for _, piece := range splitBefore(cell, arrows) {
			switch {
			case cur == "":
				cur = piece
			case TextWidth(cur)+1+TextWidth(piece) <= room:
				cur += " " + piece
			default:
				lines = append(lines, cur)
				cur = piece
			}
		}
		r[col] = strings.Join(append(lines, cur), "\n")
	}
	return g
}

// splitBefore cuts s before each of arrows ("A → B -> C": "A", "→ B",
// "-> C"), the spaces around an arrow dropped.
func splitBefore(s string, arrows []string) []string {
	var pieces []string
	lead := ""
	for {
		at, arrow := -1, ""
		for _, a := range arrows {
			if i := strings.Index(s, a); i >= 0 && (at < 0 || i < at) {
				at, arrow = i, a
			}
		}
		if at < 0 {
			return append(pieces, lead+s)
		}
		pieces = append(pieces, lead+s[:at])
		lead, s = strings.TrimSpace(arrow)+" ", s[at+len(arrow):]
	}
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
	case e.Plan != nil:
		// A rule's transitions, month 0's included, are its running
		// costs: there is no move to pay back.
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

// WrapColumnWords breaks column col's cells at spaces so that the table
// fits width, where it can: a text column (a check's detail, a class with
// "(pinned)") gives up room before the figures do. The column keeps at
// least minRoom columns; a word longer than the room stays whole.
func WrapColumnWords(g Grid, col, width, minRoom int) Grid {
	room := max(width-(gridWidth(g)-columnWidth(g, col)), minRoom)
	if columnWidth(g, col) <= room {
		return g
	}
	// The table pads cells to the widest as a terminal shows it (a "→" in
	// one column) while widths here count bytes (three): a line holding
	// arrows comes out that many bytes longer than the padding.
	extra := 0
	for _, r := range g.Rows {
		extra = max(extra, TextWidth(r[col])-utf8.RuneCountInString(r[col]))
	}
	room = max(room-extra, minRoom)
	out := Grid{Headers: g.Headers, Numeric: g.Numeric}
	for _, r := range g.Rows {
		row := slices.Clone(r)
		var lines []string
		for _, l := range strings.Split(r[col], "\n") {
			if TextWidth(l) <= room {
				lines = append(lines, l) // as it is, spaces and all
				continue
			}
			lines = append(lines, wrapWords(l, room, "")...)
		}
		row[col] = strings.Join(lines, "\n")
		out.Rows = append(out.Rows, row)
	}
	return out
}
