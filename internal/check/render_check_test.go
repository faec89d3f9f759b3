package check

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/internal/report/reporttest"
	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// formatExt is the golden file extension of each format.
var formatExt = map[string]string{"table": "txt", "json": "json", "markdown": "md"}

// render renders v in one of formats, failing the test on an error.
func render[T any](t *testing.T, formats report.Formats[T], format string, v T) string {
	t.Helper()
	var buf bytes.Buffer
	if err := formats.Render(&buf, format, v); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.String()
}

func TestGoldenCheck(t *testing.T) {
	fixtures := map[string]func() CheckReport{
		"check_pass": checkPassing,
		"check_fail": checkFailing,
	}
	for name, fixture := range fixtures {
		for _, format := range CheckFormats.Names() {
			t.Run(name+"/"+format, func(t *testing.T) {
				reporttest.Golden(t, name+"."+formatExt[format], []byte(render(t, CheckFormats, format, fixture())))
			})
		}
	}
}

func TestCheckTableVerdictFirst(t *testing.T) {
	tests := []struct {
		name string
		r    CheckReport
		want string
	}{
		{"pass", checkPassing(), "PASS: all 5 checks hold."},
		{"fail", checkFailing(), "FAIL: 4 of 7 checks fail."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, CheckFormats, "table", tt.r)
			if first, _, _ := strings.Cut(out, "\n"); first != tt.want {
				t.Errorf("first line %q, want %q", first, tt.want)
			}
		})
	}
}

func TestCheckVerdictCounts(t *testing.T) {
	pass := Check{Scope: "f", Kind: CheckRequirements, Pass: true}
	fail := Check{Scope: "f", Kind: CheckRequirements}
	tests := []struct {
		checks       []Check
		table, title string
	}{
		{nil, "PASS: no checks to run.", "### ✅ s3cost: no checks to run — $0.00/month"},
		{[]Check{pass}, "PASS: the only check holds.", "### ✅ s3cost: the only check passes — $0.00/month"},
		{[]Check{fail}, "FAIL: the only check fails.", "### ❌ s3cost: the only check fails — $0.00/month"},
		{[]Check{pass, fail}, "FAIL: 1 of 2 checks fails.", "### ❌ s3cost: 1 of 2 checks fails — $0.00/month"},
		{[]Check{fail, fail, pass}, "FAIL: 2 of 3 checks fail.", "### ❌ s3cost: 2 of 3 checks fail — $0.00/month"},
	}
	for _, tt := range tests {
		r := CheckReport{Checks: tt.checks}
		if got := checkVerdict(r); got != tt.table {
			t.Errorf("checkVerdict = %q, want %q", got, tt.table)
		}
		if got := checkMarkdownSummary(r); got != tt.title {
			t.Errorf("checkMarkdownSummary = %q, want %q", got, tt.title)
		}
	}
}

// failedLines are the "failed:" lines of a check table, each joined again
// from its wrapped lines; each of their lines must fit 120 columns (issue 14 item 1:
// a long scope and class names took 132).
func failedLines(t *testing.T, out string) []string {
	t.Helper()
	var failed []string
	inFailed := false
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "failed: "):
			failed, inFailed = append(failed, l), true
		case inFailed && strings.HasPrefix(l, "  "):
			failed[len(failed)-1] += " " + strings.TrimSpace(l)
		default:
			inFailed = false
			continue
		}
		if n := report.TextWidth(l); n > 120 {
			t.Errorf("a failed: line of %d columns: %s", n, l)
		}
	}
	return failed
}

func TestCheckTableFailedLines(t *testing.T) {
	out := render(t, CheckFormats, "table", checkFailing())
	failed := failedLines(t, out)
	want := []string{
		"failed: platform-storage/app-logs: peak-month budget: highest month $312.40 is over the $250.00 limit (dataset budget)",
		// (805 - 360) / 360 = 123.6111...%
		"failed: platform-storage/app-logs: max overspend: STANDARD costs 123.6% more than GLACIER_IR, over the 25.0% limit (--max-overspend)",
		"failed: platform-storage/audit: requirements: DEEP_ARCHIVE misses a requirement: " + archiveViolation,
		"failed: data-lake: total budget: total $1,025.00 is over the $900.00 limit (file budget)",
	}
	if !slices.Equal(failed, want) {
		t.Errorf("failed lines:\n%s\nwant:\n%s", strings.Join(failed, "\n"), strings.Join(want, "\n"))
	}
	if strings.Contains(render(t, CheckFormats, "table", checkPassing()), "failed:") {
		t.Error("a passing report has failed: lines")
	}
}

func TestCheckTableFigures(t *testing.T) {
	out := render(t, CheckFormats, "table", checkFailing())
	_, rows := reporttest.TableCells(t, out)
	byKey := map[string][]string{}
	var last []string
	for _, r := range rows {
		if r[0] == "" && r[1] == "" && last != nil {
			// A cell broken over lines (a long detail wrapped to fit 120
			// columns): its words join the row above.
			for i := range r {
				if r[i] != "" {
					last[i] += " " + r[i]
				}
			}
			continue
		}
		last = slices.Clone(r)
		byKey[r[0]+"|"+r[1]] = last
	}
	tests := []struct {
		key  string
		col  int
		want string
	}{
		// Datasets: FILE, DATASET, CLASS, MONTHLY, PEAK MONTH, TOTAL (3 MO), CHEAPEST.
		{"platform-storage|app-logs", 2, "STANDARD (pinned)"},
		{"platform-storage|app-logs", 3, "$268.33"},            // 805 / 3
		{"platform-storage|app-logs", 4, "$312.40"},            // peak
		{"platform-storage|app-logs", 6, "GLACIER_IR $120.00"}, // 360 / 3
		{"data-lake|raw", 2, "STANDARD_IA (cheapest)"},
		{"data-lake|raw", 6, "-"},
		{"platform-storage|(sum)", 4, "$320.46"}, // 320.456666
		{"(all files)|", 3, "$618.06"},           // 1854.17 / 3
		{"(all files)|", 5, "$1,854.17"},
		// Checks: SCOPE, CHECK, LIMIT, ACTUAL, VERDICT.
		{"platform-storage/app-logs|max overspend", 2, "25.0%"},
		{"platform-storage/app-logs|max overspend", 3, "123.6%"},
		{"platform-storage/app-logs|max overspend", 4, "FAIL"},
		{"platform-storage/audit|requirements", 2, "DEEP_ARCHIVE misses a requirement: " + archiveViolation},
		{"data-lake/raw|requirements", 2, "STANDARD_IA meets the requirements"},
		{"all files|peak-month budget", 3, "$695.46"},
		{"all files|peak-month budget", 4, "pass"},
	}
	for _, tt := range tests {
		row, ok := byKey[tt.key]
		if !ok {
			t.Errorf("no row %s in:\n%s", tt.key, out)
			continue
		}
		if row[tt.col] != tt.want {
			t.Errorf("%s column %d = %q, want %q", tt.key, tt.col, row[tt.col], tt.want)
		}
	}
	if !strings.Contains(out, "| TOTAL (3 MO) |") {
		t.Errorf("no TOTAL (3 MO) header:\n%s", out)
	}
}

// A file of a single dataset gets no sum row (it would repeat the
// dataset), and a report of one dataset no overall row.
func TestCheckTableSumRows(t *testing.T) {
	r := checkPassing()
	out := render(t, CheckFormats, "table", r)
	if strings.Contains(out, "(sum)") || !strings.Contains(out, "(all files)") {
		t.Errorf("one file of two datasets: want the overall row only:\n%s", out)
	}
	r.Files[0].Datasets = r.Files[0].Datasets[:1]
	if out := render(t, CheckFormats, "table", r); strings.Contains(out, "(all files)") {
		t.Errorf("one dataset: overall row shown:\n%s", out)
	}
}

func TestCheckMarkdown(t *testing.T) {
	out := render(t, CheckFormats, "markdown", checkFailing())
	lines := strings.Split(out, "\n")
	// 1854.17 / 3 = 618.0566...
	if want := "### ❌ s3cost: 4 of 7 checks fail — $618.06/month"; lines[0] != want {
		t.Errorf("first line %q, want %q", lines[0], want)
	}
	for _, want := range []string{
		"- ❌ **platform-storage/app-logs: peak-month budget** — highest month $312.40 is over the $250.00 limit (dataset budget)\n",
		"- ❌ **data-lake: total budget** — total $1,025.00 is over the $900.00 limit (file budget)\n",
		"| DATASET                   | CLASS                  |",
		"| platform-storage/app-logs | STANDARD (pinned)      |",
		"| **all files**",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	// The full checks table is inside <details>, the dataset table before it.
	open := strings.Index(out, "<details><summary>All checks</summary>\n\n")
	closing := strings.Index(out, "</details>")
	checks := strings.Index(out, "| SCOPE ")
	datasets := strings.Index(out, "| DATASET ")
	if open < 0 || closing < open || checks < open || checks > closing || datasets > open {
		t.Errorf("<details> (%d..%d) must wrap the checks table (%d), after the datasets (%d):\n%s", open, closing, checks, datasets, out)
	}
	inside := out[open:closing]
	for _, want := range []string{"| all files ", "| max overspend ", "aws/us-east-1", "2025-10-28"} {
		if !strings.Contains(inside, want) {
			t.Errorf("<details> lacks %q:\n%s", want, inside)
		}
	}
	if !strings.HasSuffix(out, "</details>\n") {
		t.Errorf("markdown does not end with </details>:\n%s", out)
	}

	pass := render(t, CheckFormats, "markdown", checkPassing())
	if want := "### ✅ s3cost: all 5 checks pass — $58.17/month\n"; !strings.HasPrefix(pass, want) {
		t.Errorf("passing markdown starts %q, want %q", strings.SplitN(pass, "\n", 2)[0], want)
	}
	if strings.Contains(pass, "❌") {
		t.Error("passing markdown shows a failure")
	}
}

func TestCheckMarkdownEscapes(t *testing.T) {
	r := checkFailing()
	r.Files[0].Datasets[0].Dataset = "a|b"
	r.Checks[4].Detail = "needs *3* zones <now>"
	out := render(t, CheckFormats, "markdown", r)
	for _, want := range []string{`platform-storage/a\|b`, `needs \*3\* zones &lt;now>`} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}

// jsonCheckDoc mirrors the check JSON for decoding with
// DisallowUnknownFields: a key added or renamed fails the test.
type jsonCheckDoc struct {
	Passed   bool   `json:"passed"`
	Currency string `json:"currency"`
	Pricing  struct {
		Sheet  string `json:"sheet"`
		AsOf   string `json:"as_of"`
		Source string `json:"source"`
	} `json:"pricing"`
	Overall jsonSeriesDoc `json:"overall"`
	Files   []struct {
		Name     string        `json:"name"`
		Path     string        `json:"path"`
		Sum      jsonSeriesDoc `json:"sum"`
		Datasets []struct {
			Dataset        string            `json:"dataset"`
			Class          string            `json:"class"`
			Pinned         bool              `json:"pinned"`
			Cheapest       string            `json:"cheapest"`
			CheapestTotal  string            `json:"cheapest_total"`
			Eligible       bool              `json:"eligible"`
			Violations     []string          `json:"violations"`
			MonthlyAverage string            `json:"monthly_average"`
			PeakMonth      string            `json:"peak_month"`
			Total          string            `json:"total"`
			Breakdown      map[string]string `json:"breakdown"`
		} `json:"datasets"`
	} `json:"files"`
	Checks []struct {
		Scope  string  `json:"scope"`
		Check  string  `json:"check"`
		Source string  `json:"source"`
		Limit  *string `json:"limit"`
		Actual *string `json:"actual"`
		Unit   *string `json:"unit"`
		Pass   bool    `json:"pass"`
		Detail string  `json:"detail"`
	} `json:"checks"`
	Notes []string `json:"notes"`
}

type jsonSeriesDoc struct {
	MonthlyAverage string   `json:"monthly_average"`
	PeakMonth      string   `json:"peak_month"`
	Total          string   `json:"total"`
	Monthly        []string `json:"monthly"`
}

func TestCheckJSON(t *testing.T) {
	out := render(t, CheckFormats, "json", checkFailing())
	var doc jsonCheckDoc
	reporttest.DecodeStrict(t, out, &doc)
	if doc.Passed || doc.Currency != "USD" || doc.Pricing.Sheet != "aws/us-east-1" {
		t.Errorf("passed %v currency %q pricing %+v", doc.Passed, doc.Currency, doc.Pricing)
	}
	// Unrounded: 1854.17 / 3 = 618.05666666666666666... to 16 places.
	if doc.Overall.Total != "1854.17" || doc.Overall.PeakMonth != "695.456666" ||
		doc.Overall.MonthlyAverage != "618.0566666666666667" || len(doc.Overall.Monthly) != 3 {
		t.Errorf("overall = %+v", doc.Overall)
	}
	if len(doc.Files) != 2 || len(doc.Files[0].Datasets) != 2 || doc.Files[1].Path != "workloads/data-lake.yaml" {
		t.Fatalf("files = %+v", doc.Files)
	}
	logs := doc.Files[0].Datasets[0]
	if logs.Class != "STANDARD" || !logs.Pinned || logs.Cheapest != "GLACIER_IR" || logs.CheapestTotal != "360" ||
		logs.Total != "805" || logs.PeakMonth != "312.4" || logs.MonthlyAverage != "268.333333333333" {
		t.Errorf("app-logs = %+v", logs)
	}
	for _, f := range doc.Files {
		if f.Sum.Monthly == nil {
			t.Errorf("%s: sum.monthly is null", f.Name)
		}
		for _, d := range f.Datasets {
			if d.Violations == nil {
				t.Errorf("%s: violations is null", d.Dataset)
			}
			if keys := len(d.Breakdown); keys != len(model.BreakdownKeys()) {
				t.Errorf("%s: %d breakdown keys", d.Dataset, keys)
			}
		}
	}
	if audit := doc.Files[0].Datasets[1]; audit.Eligible || !slices.Equal(audit.Violations, []string{archiveViolation}) {
		t.Errorf("audit = %+v", audit)
	}
	if len(doc.Checks) != 7 {
		t.Fatalf("%d checks", len(doc.Checks))
	}
	over := doc.Checks[3]
	if over.Limit == nil || *over.Limit != "25" || over.Actual == nil || *over.Actual != "123.6111111111111111" || *over.Unit != "%" || over.Pass ||
		over.Detail != "STANDARD against the cheapest, GLACIER_IR" {
		t.Errorf("overspend check = %+v", over)
	}
	if c := doc.Checks[1]; *c.Unit != "USD" || *c.Actual != "312.4" || *c.Limit != "250" || c.Source != "dataset" {
		t.Errorf("monthly check = %+v", c)
	}
	if req := doc.Checks[4]; req.Limit != nil || req.Actual != nil || req.Unit != nil || req.Detail == "" {
		t.Errorf("requirements check = %+v, want null limit, actual and unit", req)
	}
	reporttest.KeyOrder(t, out, []string{"passed", "currency", "pricing", "overall", "files", "checks", "notes"})
	if doc.Notes == nil || len(doc.Notes) != 0 {
		t.Errorf("notes = %#v, want [] (no steady stock)", doc.Notes)
	}
	first := strings.Index(out, `"breakdown"`)
	reporttest.KeyOrder(t, out[first+len(`"breakdown": `):], model.BreakdownKeys())

	// An empty report still has arrays.
	var empty bytes.Buffer
	if err := CheckFormats.Render(&empty, "json", CheckReport{}); err != nil {
		t.Fatal(err)
	}
	var e jsonCheckDoc
	reporttest.DecodeStrict(t, empty.String(), &e)
	if !e.Passed || e.Files == nil || e.Checks == nil || e.Overall.Monthly == nil {
		t.Errorf("empty report: %s", empty.String())
	}
}

func TestCheckUnknownFormat(t *testing.T) {
	err := CheckFormats.Render(io.Discard, "csv", checkPassing())
	if !errors.Is(err, report.ErrUnknownFormat) {
		t.Fatalf("err = %v, want report.ErrUnknownFormat", err)
	}
	if want := `unknown output format "csv" (valid: table, json, markdown)`; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
}

func TestCheckUnknownCategory(t *testing.T) {
	r := checkPassing()
	r.Files[0].Datasets[1].Estimate.Lines = append(r.Files[0].Datasets[1].Estimate.Lines, reporttest.Line("bogus", "1", "x", "1"))
	for _, format := range CheckFormats.Names() {
		if err := CheckFormats.Render(io.Discard, format, r); err == nil || !strings.Contains(err.Error(), "media/originals") {
			t.Errorf("%s: err = %v, want one naming media/originals", format, err)
		}
	}
}

// A monthly figure that rounds to the limit's cents says its exact value,
// so "$250.00 is over the $250.00 limit" never shows.
func TestFailureTextExactWhenRoundedEqual(t *testing.T) {
	c := Check{Scope: "f/d", Kind: CheckMonthly, Source: "--budget", Limit: reporttest.Dec("250"), Actual: reporttest.Dec("250.004")}
	want := "f/d: monthly budget: average month $250.00 (250.004) is over the $250.00 limit (--budget)"
	if got := failureText(CheckReport{}, c); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// Without the dataset in the report the overspend sentence is generic.
	c = Check{Scope: "f/d", Kind: CheckOverspend, Source: "--max-overspend", Limit: reporttest.Dec("12.25"), Actual: reporttest.Dec("12.26")}
	want = "f/d: max overspend: 12.3% above the cheapest eligible class, over the 12.25% limit (--max-overspend)"
	if got := failureText(CheckReport{}, c); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// An overspend without a percentage (the cheapest class costs nothing, or
// nothing is eligible) shows n/a, not "0.0%", and says why it fails.
func TestOverspendUndefined(t *testing.T) {
	r := checkFailing()
	r.Files[0].Datasets[0].CheapestTotal = reporttest.Dec("0")
	r.Checks[3].Actual = reporttest.Dec("0")
	out := render(t, CheckFormats, "table", r)
	_, rows := reporttest.TableCells(t, out)
	found := false
	for _, row := range rows {
		if row[0] == "platform-storage/app-logs" && row[1] == "max overspend" {
			found = true
			if row[3] != "n/a" {
				t.Errorf("ACTUAL = %q, want n/a", row[3])
			}
		}
	}
	if !found {
		t.Fatalf("no overspend row:\n%s", out)
	}
	// 805 / 3 = 268.333...
	want := "failed: platform-storage/app-logs: max overspend: STANDARD costs $268.33 a month where GLACIER_IR costs nothing, over the 25.0% limit (--max-overspend)"
	if !slices.Contains(failedLines(t, out), want) {
		t.Errorf("lacks %q:\n%s", want, out)
	}
	var doc jsonCheckDoc
	reporttest.DecodeStrict(t, render(t, CheckFormats, "json", r), &doc)
	if c := doc.Checks[3]; c.Actual != nil || c.Limit == nil {
		t.Errorf("overspend JSON = %+v, want a limit and a null actual", c)
	}
}

func TestPercentFormatting(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{report.PercentFixed(reporttest.Dec("12.5")), "12.5%"},
		{report.PercentFixed(reporttest.Dec("12.25")), "12.3%"}, // half away from zero
		{report.PercentFixed(reporttest.Dec("123.611111")), "123.6%"},
		{report.PercentFixed(reporttest.Dec("0")), "0.0%"},
		{report.SignedPercent(reporttest.Dec("10.49")), "+10.5%"},
		{report.SignedPercent(reporttest.Dec("-60")), "-60.0%"},
		{report.SignedPercent(reporttest.Dec("0.04")), "0.0%"}, // rounds to nothing: no sign
		{report.SignedPercent(reporttest.Dec("-0.04")), "0.0%"},
		{report.LimitPercent(reporttest.Dec("10")), "10.0%"},
		{report.LimitPercent(reporttest.Dec("12.25")), "12.25%"}, // a limit is never rounded
		{report.SignedMoney(reporttest.Dec("12.345")), "+$12.35"},
		{report.SignedMoney(reporttest.Dec("-5")), "-$5.00"},
		{report.SignedMoney(reporttest.Dec("0.004")), "$0.00"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: %q, want %q", i, tt.got, tt.want)
		}
	}
}

// Totals over different horizons are not summed (issue 14, item 6): 12
// months of $1 and 84 of $1 are $12 and $84, and "$96 in all" would add
// unlike spans; the monthly figures ($1 + $1 = $2) add up.
func TestCheckMixedHorizons(t *testing.T) {
	one := func(months int) model.Estimate {
		e := reporttest.Est(model.Standard, months, nil, nil, reporttest.Line("storage", fmt.Sprint(months), "GB-Mo", "1"))
		return e
	}
	a := pricedDataset("a", "a", true, model.Standard, "", one(12))
	b := pricedDataset("b", "b", true, model.Standard, "", one(84))
	r := CheckReport{
		Files: []FileCost{
			{Name: "a", Datasets: []DatasetCost{a}, Sum: series(decimalStrings(a.Estimate.Monthly)...)},
			{Name: "b", Datasets: []DatasetCost{b}, Sum: series(decimalStrings(b.Estimate.Monthly)...)},
		},
		Overall: CostSeries{Total: reporttest.Dec("96"), Average: reporttest.Dec("2")},
	}
	out := render(t, CheckFormats, "table", r)
	_, rows := reporttest.TableCells(t, out)
	last := rows[len(rows)-1]
	// FILE, DATASET, CLASS, MONTHLY, PEAK MONTH, TOTAL, CHEAPEST
	if last[0] != "(all files)" || last[3] != "$2.00" || last[5] != "-" {
		t.Errorf("sum row %q, want MONTHLY $2.00 and no TOTAL", last)
	}
	if !strings.Contains(out, "The datasets' horizons differ") {
		t.Errorf("no word of the horizons:\n%s", out)
	}
}

func decimalStrings(ds []decimal.Decimal) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}
