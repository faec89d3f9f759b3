package check

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
)

// CheckFormats are the output formats of `s3cost check`: the outcome
// written for a terminal or CI log, as the JSON document of docs/json.md,
// or as a pull-request comment.
var CheckFormats = report.Formats[CheckReport]{
	{Name: "table", Write: checkTable},
	{Name: "json", Write: checkJSON},
	{Name: "markdown", Write: checkMarkdown},
}

// checkReportCategories refuses a dataset estimate with a line outside the
// breakdown categories, as checkCategories does for a comparison.
func checkReportCategories(r CheckReport) error {
	for _, f := range r.Files {
		for _, d := range f.Datasets {
			if err := report.EstimateCategories(d.Estimate); err != nil {
				return fmt.Errorf("%s: %w", report.DatasetLabel(f.Name, d.Dataset), err)
			}
		}
	}
	return nil
}

// checkTable writes r for a terminal or a CI log: the verdict first (so that
// `| head -1` tells it), where the prices come from, the datasets with their
// sums, every check, and one "failed:" line per failed check.
func checkTable(w io.Writer, r CheckReport) error {
	if err := checkReportCategories(r); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, checkVerdict(r))
	fmt.Fprintln(bw, report.PricesLine(r.Pricing)+"; MONTHLY is the average month, PEAK MONTH the dearest")
	if datasetCount(r) > 0 {
		fmt.Fprintln(bw)
		// CLASS may hold a lifecycle rule's long name: broken over lines.
		g := report.WrapRules(datasetsGrid(r), 2, report.RuleRoom)
		if report.GridWidth(g) > 120 {
			// Many files: FILE and DATASET in one column, a single-dataset
			// file's name once (it names its dataset too).
			g = mergeFileAndDataset(g)
			// Still too wide: "(pinned)", "(cheapest)" go under the class.
			g = report.WrapColumnWords(g, 1, 120, 20)
		}
		if err := report.RenderGrid(bw, g); err != nil {
			return err
		}
		if commonMonths(r) == 0 && datasetCount(r) > 1 {
			report.WriteWrapped(bw, "The datasets' horizons differ: a sum of their totals would add unlike spans, so the sums show MONTHLY and PEAK MONTH only (TOTAL -).")
		}
	}
	if len(r.Checks) > 0 {
		fmt.Fprintln(bw)
		// LIMIT holds a requirement's detail, text that can wrap.
		if err := report.RenderGrid(bw, report.WrapColumnWords(report.FitColumn(checksGrid(r), 2, 120), 2, 120, 30)); err != nil {
			return err
		}
	}
	if failed := r.Failed(); len(failed) > 0 {
		fmt.Fprintln(bw)
		for _, c := range failed {
			// A long scope and class names took 132 columns: wrapped as
			// compare's notes are.
			report.WriteWrapped(bw, "failed: "+failureText(r, c))
		}
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(bw)
		for _, n := range r.Notes {
			report.WriteWrapped(bw, "note: "+n)
		}
	}
	return bw.Flush()
}

// checkVerdict is the table's first line: "PASS: all 5 checks hold." or
// "FAIL: 2 of 5 checks fail."
func checkVerdict(r CheckReport) string {
	n, failed := len(r.Checks), len(r.Failed())
	switch {
	case n == 0:
		return "PASS: no checks to run."
	case failed == 0 && n == 1:
		return "PASS: the only check holds."
	case failed == 0:
		return fmt.Sprintf("PASS: all %d checks hold.", n)
	case n == 1:
		return "FAIL: the only check fails."
	case failed == 1:
		return fmt.Sprintf("FAIL: 1 of %d checks fails.", n)
	}
	return fmt.Sprintf("FAIL: %d of %d checks fail.", failed, n)
}

func datasetCount(r CheckReport) int {
	n := 0
	for _, f := range r.Files {
		n += len(f.Datasets)
	}
	return n
}

// commonMonths is the horizon every dataset shares, or 0 when they differ.
func commonMonths(r CheckReport) int {
	months := -1
	for _, f := range r.Files {
		for _, d := range f.Datasets {
			if months >= 0 && d.Months != months {
				return 0
			}
			months = d.Months
		}
	}
	return max(months, 0)
}

// datasetClass is the class priced, marked "(pinned)" when the workload
// chose it and "(cheapest)" otherwise.
func datasetClass(d DatasetCost) string {
	switch {
	case d.Class == "":
		return "none"
	case d.Pinned:
		return string(d.Class) + " (pinned)"
	}
	return string(d.Class) + " (cheapest)"
}

// cheapestAverage is the cheapest eligible class's monthly average.
func cheapestAverage(d DatasetCost) decimal.Decimal {
	return report.AverageOver(d.CheapestTotal, d.Months)
}

// datasetCheapest is the cheapest eligible class and its monthly average,
// "-" when that is the class priced, "none eligible" when there is none.
func datasetCheapest(d DatasetCost) string {
	switch {
	case d.Cheapest == "":
		return "none eligible"
	case d.Cheapest == d.Class:
		return "-"
	}
	return fmt.Sprintf("%s %s", d.Cheapest, report.Money(cheapestAverage(d)))
}

// datasetsGrid lays out one row per dataset, a sum row per file of several
// datasets when there are several files, and the overall sum when there is
// more than one dataset.
func datasetsGrid(r CheckReport) report.Grid {
	total := "TOTAL"
	if m := commonMonths(r); m > 0 {
		total = fmt.Sprintf("TOTAL (%d MO)", m)
	}
	g := report.Grid{
		Headers: []string{"FILE", "DATASET", "CLASS", "MONTHLY", "PEAK MONTH", total, "CHEAPEST"},
		Numeric: []bool{false, false, false, true, true, true, false},
	}
	// A sum of totals over different horizons (84 months and 12) adds
	// unlike things: such a sum row shows the months only (they add up),
	// and a line under the table says why.
	mixed := commonMonths(r) == 0
	sumRow := func(file, dataset string, s CostSeries, months map[int]bool) []string {
		total := report.Money(s.Total)
		if mixed && len(months) > 1 {
			total = "-"
		}
		return []string{file, dataset, "", report.Money(s.MonthlyAverage()), report.Money(s.PeakMonth()), total, ""}
	}
	allMonths := map[int]bool{}
	for _, f := range r.Files {
		fileMonths := map[int]bool{}
		for _, d := range f.Datasets {
			fileMonths[d.Months], allMonths[d.Months] = true, true
			g.Rows = append(g.Rows, []string{
				f.Name, d.Dataset, datasetClass(d),
				priced(d, d.Estimate.MonthlyAverage()), priced(d, d.PeakMonth()), priced(d, d.Estimate.Total),
				datasetCheapest(d),
			})
		}
		if len(f.Datasets) > 1 && len(r.Files) > 1 {
			g.Rows = append(g.Rows, sumRow(f.Name, "(sum)", f.Sum, fileMonths))
		}
	}
	if datasetCount(r) > 1 {
		g.Rows = append(g.Rows, sumRow("(all files)", "", r.Overall, allMonths))
	}
	return g
}

// mergeFileAndDataset turns datasetsGrid's FILE and DATASET columns into
// one, "file/dataset" as check's scopes read ("file" when the dataset has
// the file's name, "file (sum)" for a file's sum).
func mergeFileAndDataset(g report.Grid) report.Grid {
	out := report.Grid{Headers: append([]string{"FILE/DATASET"}, g.Headers[2:]...), Numeric: append([]bool{false}, g.Numeric[2:]...)}
	for _, row := range g.Rows {
		file, dataset := row[0], row[1]
		label := report.DatasetLabel(file, dataset)
		switch {
		case dataset == file:
			label = file
		case dataset == "(sum)":
			label = file + " (sum)"
		}
		out.Rows = append(out.Rows, append([]string{label}, row[2:]...))
	}
	return out
}

// checksGrid lays out one row per check: amounts as Money, the overspend as
// a percentage, and a requirements check's detail in place of its limit.
// LIMIT and ACTUAL are left-aligned: each row compares its own pair, and a
// requirement's detail is text, which reads badly right-aligned.
func checksGrid(r CheckReport) report.Grid {
	g := report.Grid{
		Headers: []string{"SCOPE", "CHECK", "LIMIT", "ACTUAL", "VERDICT"},
		Numeric: []bool{false, false, false, false, false},
	}
	for _, c := range r.Checks {
		limit, actual := checkFigures(c)
		if overspendUndefined(r, c) || budgetUnknown(c) {
			actual = "n/a"
		}
		g.Rows = append(g.Rows, []string{c.Scope, string(c.Kind), limit, actual, verdictWord(c.Pass)})
	}
	return g
}

// checkFigures renders a check's limit and actual for the tables. A
// requirements check has no figures: its detail takes the limit's place.
func checkFigures(c Check) (limit, actual string) {
	switch {
	case !checkHasFigures(c):
		detail := c.Detail
		if detail == "" {
			detail = "met"
		}
		return detail, ""
	case c.Kind == CheckOverspend:
		return report.LimitPercent(c.Limit), report.PercentFixed(c.Actual)
	}
	return report.Money(c.Limit), report.Money(c.Actual)
}

// overspendUndefined reports whether c is an overspend check of a dataset
// whose overspend has no percentage: no class is eligible, or the cheapest
// costs nothing. Its Actual is then zero, which must not read as "0.0%".
func overspendUndefined(r CheckReport, c Check) bool {
	if c.Kind != CheckOverspend {
		return false
	}
	d, ok := findDataset(r, c.Scope)
	return ok && (d.Cheapest == "" || d.CheapestTotal.IsZero())
}

// checkHasFigures says whether a check compares a limit with an actual
// figure (every kind but requirements).
func checkHasFigures(c Check) bool {
	switch c.Kind {
	case CheckMonthly, CheckPeakMonth, CheckTotal, CheckOverspend:
		return true
	}
	return false
}

// budgetUnknown: a budget check over a sum that includes a dataset
// without amounts (not priced, not offered). Its actual figure leaves that
// dataset out, so it is not shown; the detail says what is missing.
func budgetUnknown(c Check) bool {
	return isBudget(c) && c.Detail != ""
}

// isBudget: c holds a figure against one of the budget keys.
func isBudget(c Check) bool {
	return c.Kind == CheckMonthly || c.Kind == CheckPeakMonth || c.Kind == CheckTotal
}

func verdictWord(pass bool) string {
	if pass {
		return "pass"
	}
	return "FAIL"
}

// checkSource says where a check's limit came from, for the failure lines:
// "dataset budget", "file budget", or the flag ("--budget"). A requirements
// check has no limit: its detail says it all.
func checkSource(c Check) string {
	switch {
	case !checkHasFigures(c):
		return ""
	case c.Source == "" || strings.HasPrefix(c.Source, "-"):
		return c.Source
	case isBudget(c):
		return c.Source + " budget"
	}
	return c.Source
}

// failureText says in words why c fails: "platform/app-logs: peak-month
// budget: highest month $312.40 is over the $250.00 limit (dataset
// budget)".
func failureText(r CheckReport, c Check) string {
	var why string
	switch {
	case budgetUnknown(c):
		why = c.Detail
	case c.Kind == CheckMonthly:
		why = fmt.Sprintf("average month %s is over the %s limit", moneyAgainst(c.Actual, c.Limit), report.Money(c.Limit))
	case c.Kind == CheckPeakMonth:
		why = fmt.Sprintf("highest month %s is over the %s limit", moneyAgainst(c.Actual, c.Limit), report.Money(c.Limit))
	case c.Kind == CheckTotal:
		why = fmt.Sprintf("total %s is over the %s limit", moneyAgainst(c.Actual, c.Limit), report.Money(c.Limit))
	case c.Kind == CheckOverspend:
		d, ok := findDataset(r, c.Scope)
		var than string
		switch {
		case ok && overspendUndefined(r, c):
			than = fmt.Sprintf("%s costs %s a month where %s costs nothing", d.Class, report.Money(d.Estimate.MonthlyAverage()), report.ClassOrNone(d.Cheapest))
		case ok:
			than = fmt.Sprintf("%s costs %s more than %s", d.Class, report.PercentFixed(c.Actual), d.Cheapest)
		default:
			than = fmt.Sprintf("%s above the cheapest eligible class", report.PercentFixed(c.Actual))
		}
		why = fmt.Sprintf("%s, over the %s limit", than, report.LimitPercent(c.Limit))
	default:
		why = c.Detail
		if why == "" {
			why = "does not hold"
		}
	}
	if src := checkSource(c); src != "" {
		why += " (" + src + ")"
	}
	return fmt.Sprintf("%s: %s: %s", c.Scope, c.Kind, why)
}

// moneyAgainst is report.Money(actual), with the exact amount added when it rounds
// to the limit's cents: "$250.00 (250.004)" rather than an apparent tie.
func moneyAgainst(actual, limit decimal.Decimal) string {
	if report.Money(actual) == report.Money(limit) && !actual.Equal(limit) {
		return fmt.Sprintf("%s (%s)", report.Money(actual), actual)
	}
	return report.Money(actual)
}

// findDataset finds the dataset a check's "file/dataset" scope names.
func findDataset(r CheckReport, scope string) (DatasetCost, bool) {
	for _, f := range r.Files {
		for _, d := range f.Datasets {
			if report.DatasetLabel(f.Name, d.Dataset) == scope {
				return d, true
			}
		}
	}
	return DatasetCost{}, false
}

// checkMarkdown writes r as a pull-request comment: a one-line summary
// heading, the failed checks in bold, a compact table of the datasets, and
// the full checks table folded in <details>.
func checkMarkdown(w io.Writer, r CheckReport) error {
	if err := checkReportCategories(r); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, checkMarkdownSummary(r))
	fmt.Fprintln(bw)
	if failed := r.Failed(); len(failed) > 0 {
		for _, c := range failed {
			fmt.Fprintf(bw, "- ❌ **%s** — %s\n", report.MarkdownInline(c.Scope+": "+string(c.Kind)), report.MarkdownInline(failureReason(r, c)))
		}
		fmt.Fprintln(bw)
	}
	if datasetCount(r) > 0 {
		report.WriteMarkdownTable(bw, compactDatasetsGrid(r))
		fmt.Fprintln(bw)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(bw, "Note: %s\n\n", report.MarkdownInline(n))
	}
	fmt.Fprintln(bw, "<details><summary>All checks</summary>")
	fmt.Fprintln(bw)
	if len(r.Checks) > 0 {
		report.WriteMarkdownTable(bw, checksGrid(r))
		fmt.Fprintln(bw)
	} else {
		fmt.Fprint(bw, "No checks to run.\n\n")
	}
	fmt.Fprintf(bw, "%s MONTHLY is the average month, PEAK MONTH the dearest.\n", report.MarkdownPrices(r.Pricing, r.Currency))
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "</details>")
	return bw.Flush()
}

// checkMarkdownSummary is the heading a reviewer reads first:
// "### ✅ s3cost: all 5 checks pass — $123.45/month".
func checkMarkdownSummary(r CheckReport) string {
	n, failed := len(r.Checks), len(r.Failed())
	mark, says := "✅", ""
	switch {
	case n == 0:
		says = "no checks to run"
	case failed == 0 && n == 1:
		says = "the only check passes"
	case failed == 0:
		says = fmt.Sprintf("all %d checks pass", n)
	case n == 1:
		mark, says = "❌", "the only check fails"
	case failed == 1:
		mark, says = "❌", fmt.Sprintf("1 of %d checks fails", n)
	default:
		mark, says = "❌", fmt.Sprintf("%d of %d checks fail", failed, n)
	}
	return fmt.Sprintf("### %s s3cost: %s — %s/month", mark, says, report.Money(r.Overall.MonthlyAverage()))
}

// failureReason is failureText without its "scope: check: " prefix.
func failureReason(r CheckReport, c Check) string {
	return strings.TrimPrefix(failureText(r, c), fmt.Sprintf("%s: %s: ", c.Scope, c.Kind))
}

// compactDatasetsGrid is the Markdown summary of the datasets: one row per
// dataset and the overall sum, without the file sums and the totals.
func compactDatasetsGrid(r CheckReport) report.Grid {
	g := report.Grid{
		Headers: []string{"DATASET", "CLASS", "MONTHLY", "PEAK MONTH", "CHEAPEST"},
		Numeric: []bool{false, false, true, true, false},
	}
	for _, f := range r.Files {
		for _, d := range f.Datasets {
			g.Rows = append(g.Rows, []string{
				report.DatasetLabel(f.Name, d.Dataset), datasetClass(d),
				priced(d, d.Estimate.MonthlyAverage()), priced(d, d.PeakMonth()), datasetCheapest(d),
			})
		}
	}
	if datasetCount(r) > 1 {
		// Amounts not in bold: "**$1.00**" puts a "$" right after a
		// non-space, which GitHub's math syntax may take for a delimiter.
		g.Rows = append(g.Rows, []string{"**all files**", "", report.Money(r.Overall.MonthlyAverage()), report.Money(r.Overall.PeakMonth()), ""})
	}
	return g
}

// The JSON document of `s3cost check`. Structs fix the key order; amounts
// are unrounded decimal strings; lists are never null.
type jsonCheckReport struct {
	Passed   bool               `json:"passed"`
	Currency string             `json:"currency"`
	Pricing  report.JSONPricing `json:"pricing"`
	Overall  jsonSeries         `json:"overall"`
	Files    []jsonFileCost     `json:"files"`
	Checks   []jsonCheckResult  `json:"checks"`
	Notes    []string           `json:"notes"`
}

type jsonSeries struct {
	MonthlyAverage string   `json:"monthly_average"`
	PeakMonth      string   `json:"peak_month"`
	Total          string   `json:"total"`
	Monthly        []string `json:"monthly"`
}

func seriesJSON(s CostSeries) jsonSeries {
	return jsonSeries{
		MonthlyAverage: s.MonthlyAverage().String(),
		PeakMonth:      s.PeakMonth().String(),
		Total:          s.Total.String(),
		Monthly:        report.DecimalStrings(s.Monthly),
	}
}

type jsonFileCost struct {
	Name     string            `json:"name"`
	Path     string            `json:"path"`
	Sum      jsonSeries        `json:"sum"`
	Datasets []jsonDatasetCost `json:"datasets"`
}

type jsonDatasetCost struct {
	Dataset        string               `json:"dataset"`
	Class          model.ClassID        `json:"class"`
	Pinned         bool                 `json:"pinned"`
	Cheapest       model.ClassID        `json:"cheapest"`
	CheapestTotal  string               `json:"cheapest_total"`
	Eligible       bool                 `json:"eligible"`
	Violations     []string             `json:"violations"`
	MonthlyAverage string               `json:"monthly_average"`
	PeakMonth      string               `json:"peak_month"`
	Total          string               `json:"total"`
	Breakdown      report.JSONBreakdown `json:"breakdown"`
}

// jsonCheckResult is one check. Limit, actual and unit are null for a
// requirements check, which has no figures; actual is null for an
// overspend that has no percentage (nothing eligible, or the cheapest
// class costs nothing).
type jsonCheckResult struct {
	Scope  string    `json:"scope"`
	Check  CheckKind `json:"check"`
	Source string    `json:"source"`
	Limit  *string   `json:"limit"`
	Actual *string   `json:"actual"`
	Unit   *string   `json:"unit"`
	Pass   bool      `json:"pass"`
	Detail string    `json:"detail"`
}

// checkJSON writes r as JSON: passed, currency, pricing, overall {monthly_average,
// peak_month, total, monthly}, files [{name, path, sum, datasets [...]}] and
// checks [{scope, check, source, limit, actual, unit, pass, detail}].
// cheapest is "" when no class is eligible.
func checkJSON(w io.Writer, r CheckReport) error {
	if err := checkReportCategories(r); err != nil {
		return err
	}
	doc := jsonCheckReport{
		Passed:   r.Passed(),
		Currency: report.CurrencyOr(r.Currency),
		Pricing:  report.PricingJSON(r.Pricing),
		Overall:  seriesJSON(r.Overall),
		Files:    make([]jsonFileCost, 0, len(r.Files)),
		Checks:   make([]jsonCheckResult, 0, len(r.Checks)),
		Notes:    report.NonNil(r.Notes),
	}
	for _, f := range r.Files {
		jf := jsonFileCost{Name: f.Name, Path: f.Path, Sum: seriesJSON(f.Sum), Datasets: make([]jsonDatasetCost, 0, len(f.Datasets))}
		for _, d := range f.Datasets {
			jf.Datasets = append(jf.Datasets, jsonDatasetCost{
				Dataset:        d.Dataset,
				Class:          d.Class,
				Pinned:         d.Pinned,
				Cheapest:       d.Cheapest,
				CheapestTotal:  d.CheapestTotal.String(),
				Eligible:       d.Estimate.Eligible,
				Violations:     report.NonNil(d.Estimate.Violations),
				MonthlyAverage: d.Estimate.MonthlyAverage().String(),
				PeakMonth:      d.PeakMonth().String(),
				Total:          d.Estimate.Total.String(),
				Breakdown:      report.JSONBreakdown{Estimate: d.Estimate},
			})
		}
		doc.Files = append(doc.Files, jf)
	}
	for _, c := range r.Checks {
		jc := jsonCheckResult{Scope: c.Scope, Check: c.Kind, Source: c.Source, Pass: c.Pass, Detail: c.Detail}
		if checkHasFigures(c) {
			limit, actual, unit := c.Limit.String(), c.Actual.String(), report.CurrencyOr(r.Currency)
			if c.Kind == CheckOverspend {
				unit = "%"
			}
			jc.Limit, jc.Actual, jc.Unit = &limit, &actual, &unit
			if overspendUndefined(r, c) {
				jc.Actual = nil
			}
		}
		doc.Checks = append(doc.Checks, jc)
	}
	return report.EncodeJSON(w, doc)
}

// priced shows a dataset's amount, or why it has none: "not priced" when
// the price sheet lacks prices it needs, "not offered" when the region does
// not sell its class (a zero would read as free).
func priced(d DatasetCost, amount decimal.Decimal) string {
	if !d.Estimate.Priced() {
		return noAmount(d.Estimate)
	}
	return report.Money(amount)
}

// noAmount is what stands in a dataset's amount cells when it has none.
func noAmount(e model.Estimate) string {
	if e.NotOffered {
		return "not offered"
	}
	return "not priced"
}
