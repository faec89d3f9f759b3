package check

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/internal/report/reporttest"
	"github.com/s3cost/s3cost/model"
)

func TestGoldenDiff(t *testing.T) {
	fixtures := map[string]func() DiffReport{
		"diff":       diffFixture,
		"diff_limit": diffOverLimit,
	}
	for name, fixture := range fixtures {
		for _, format := range DiffFormats.Names() {
			t.Run(name+"/"+format, func(t *testing.T) {
				reporttest.Golden(t, name+"."+formatExt[format], []byte(render(t, DiffFormats, format, fixture())))
			})
		}
	}
}

func TestDiffTable(t *testing.T) {
	out := render(t, DiffFormats, "table", diffFixture())
	header, rows := reporttest.TableCells(t, out)
	wantHeader := []string{"FILE", "DATASET", "BEFORE", "AFTER", "CHANGE", "CHANGE %", "CLASS", "CHEAPEST"}
	if strings.Join(header, ",") != strings.Join(wantHeader, ",") {
		t.Errorf("header %q, want %q", header, wantHeader)
	}
	want := [][]string{
		// 124 columns unbroken: CHEAPEST breaks before its arrow.
		{"platform-storage", "app-logs", "$100.00", "$112.50", "+$12.50", "+12.5%", "STANDARD_IA", "STANDARD_IA"},
		{"", "", "", "", "", "", "", "-> GLACIER_IR *"},
		{"platform-storage", "audit", "$20.00", "$8.00", "-$12.00", "-60.0%", "GLACIER -> DEEP_ARCHIVE", "DEEP_ARCHIVE"},
		{"data-lake", "raw", "-", "$50.00", "+$50.00", "new", "STANDARD_IA", "STANDARD_IA"},
		{"data-lake", "tmp", "$30.00", "-", "-$30.00", "removed", "STANDARD", "STANDARD"},
		{"data-lake", "static", "$10.00", "$10.00", "$0.00", "0.0%", "STANDARD", "STANDARD"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(rows), len(want), out)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i, rows[i], want[i])
		}
	}
	for _, line := range []string{
		// 20.5 / 160 = 12.8125%
		"total: $160.00 -> $180.50 a month, +$20.50 (+12.8%)",
		"* cheapest class changed: platform-storage/app-logs: STANDARD_IA -> GLACIER_IR",
	} {
		if !strings.Contains(out, line+"\n") {
			t.Errorf("table lacks %q:\n%s", line, out)
		}
	}
	if strings.Contains(out, "PASS") || strings.Contains(out, "FAIL") {
		t.Errorf("a verdict without --fail-above:\n%s", out)
	}
}

func TestDiffVerdict(t *testing.T) {
	amount := func(limit string, failed bool) DiffReport {
		r := diffFixture()
		l := reporttest.Dec(limit)
		r.Limit, r.Failed = &l, failed
		return r
	}
	percent := func(limit string, failed bool) DiffReport {
		r := amount(limit, failed)
		r.LimitPercent = true
		return r
	}
	down := amount("5", false)
	down.After = reporttest.Dec("150")
	tests := []struct {
		name string
		r    DiffReport
		want string
	}{
		{"over an amount", amount("15", true),
			"FAIL: the monthly increase $20.50 is over the --fail-above limit $15.00."},
		{"within an amount", amount("25", false),
			"PASS: the monthly increase $20.50 is within the --fail-above limit $25.00."},
		// 10% of 160 = 16; 20.5 / 160 = 12.8125%.
		{"over a percentage", percent("10", true),
			"FAIL: the monthly increase $20.50 (+12.8%) is over the --fail-above limit 10.0% of before ($16.00)."},
		// 15% of 160 = 24.
		{"within a percentage", percent("15", false),
			"PASS: the monthly increase $20.50 (+12.8%) is within the --fail-above limit 15.0% of before ($24.00)."},
		{"a decrease", down,
			"PASS: no monthly increase (-$10.00); the --fail-above limit is $5.00."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, DiffFormats, "table", tt.r)
			if !strings.HasSuffix(out, "\n"+tt.want+"\n") {
				t.Errorf("want last line %q in:\n%s", tt.want, out)
			}
			md := render(t, DiffFormats, "markdown", tt.r)
			if !strings.Contains(md, "**"+tt.want+"**") {
				t.Errorf("markdown lacks the verdict %q:\n%s", tt.want, md)
			}
		})
	}
}

func TestDiffMarkdown(t *testing.T) {
	tests := []struct {
		name  string
		r     DiffReport
		first string
	}{
		{"no limit", diffFixture(), "### s3cost diff: +$20.50/month (+12.8%)"},
		{"over the limit", diffOverLimit(), "### ❌ s3cost diff: +$20.50/month (+12.8%)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, DiffFormats, "markdown", tt.r)
			if first, _, _ := strings.Cut(out, "\n"); first != tt.first {
				t.Errorf("first line %q, want %q", first, tt.first)
			}
			for _, want := range []string{
				"| FILE             | DATASET  |  BEFORE |",
				"\\* The cheapest class changed:\n\n- platform-storage/app-logs: STANDARD_IA -> GLACIER_IR\n",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("markdown lacks %q:\n%s", want, out)
				}
			}
		})
	}
	within := diffOverLimit()
	within.Failed = false
	if out := render(t, DiffFormats, "markdown", within); !strings.HasPrefix(out, "### ✅ s3cost diff:") {
		t.Errorf("within the limit: %s", strings.SplitN(out, "\n", 2)[0])
	}
}

// jsonDiffDoc mirrors the diff JSON for decoding with DisallowUnknownFields.
type jsonDiffDoc struct {
	Failed       bool    `json:"failed"`
	Limit        *string `json:"limit"`
	LimitPercent bool    `json:"limit_percent"`
	Currency     string  `json:"currency"`
	Pricing      struct {
		Sheet  string `json:"sheet"`
		AsOf   string `json:"as_of"`
		Source string `json:"source"`
	} `json:"pricing"`
	Before        string  `json:"before"`
	After         string  `json:"after"`
	Change        string  `json:"change"`
	ChangePercent *string `json:"change_percent"`
	Rows          []struct {
		File            string           `json:"file"`
		Dataset         string           `json:"dataset"`
		Status          string           `json:"status"`
		Before          *jsonDiffSideDoc `json:"before"`
		After           *jsonDiffSideDoc `json:"after"`
		Change          string           `json:"change"`
		ChangePercent   *string          `json:"change_percent"`
		CheapestChanged bool             `json:"cheapest_changed"`
	} `json:"rows"`
}

type jsonDiffSideDoc struct {
	Class          string `json:"class"`
	Cheapest       string `json:"cheapest"`
	MonthlyAverage string `json:"monthly_average"`
	Total          string `json:"total"`
	Priced         bool   `json:"priced"`
	NotOffered     bool   `json:"not_offered"`
}

func TestDiffJSON(t *testing.T) {
	out := render(t, DiffFormats, "json", diffFixture())
	var doc jsonDiffDoc
	reporttest.DecodeStrict(t, out, &doc)
	if doc.Failed || doc.Limit != nil || doc.Currency != "USD" || doc.Before != "160" || doc.After != "180.5" ||
		doc.Change != "20.5" || doc.ChangePercent == nil || *doc.ChangePercent != "12.8125" {
		t.Errorf("header = %+v", doc)
	}
	if !strings.Contains(out, `"limit": null`) {
		t.Error("limit is not null without --fail-above")
	}
	wantStatus := []string{"changed", "changed", "added", "removed", "unchanged"}
	for i, r := range doc.Rows {
		if r.Status != wantStatus[i] {
			t.Errorf("row %d (%s): status %q, want %q", i, r.Dataset, r.Status, wantStatus[i])
		}
	}
	logs := doc.Rows[0]
	if logs.Before == nil || logs.Before.MonthlyAverage != "100" || logs.After.Cheapest != "GLACIER_IR" ||
		logs.Change != "12.5" || logs.ChangePercent == nil || *logs.ChangePercent != "12.5" || !logs.CheapestChanged {
		t.Errorf("app-logs = %+v", logs)
	}
	if raw := doc.Rows[2]; raw.Before != nil || raw.After == nil || raw.ChangePercent != nil || raw.Change != "50" || raw.CheapestChanged {
		t.Errorf("added row = %+v", raw)
	}
	if tmp := doc.Rows[3]; tmp.After != nil || tmp.Change != "-30" || tmp.ChangePercent != nil {
		t.Errorf("removed row = %+v", tmp)
	}
	reporttest.KeyOrder(t, out, []string{"failed", "limit", "limit_percent", "currency", "pricing", "before", "after", "change", "change_percent", "rows"})

	var limited jsonDiffDoc
	reporttest.DecodeStrict(t, render(t, DiffFormats, "json", diffOverLimit()), &limited)
	if !limited.Failed || limited.Limit == nil || *limited.Limit != "15" || limited.LimitPercent {
		t.Errorf("with a limit: %+v", limited)
	}

	var empty jsonDiffDoc
	reporttest.DecodeStrict(t, render(t, DiffFormats, "json", DiffReport{}), &empty)
	if empty.Rows == nil || empty.ChangePercent != nil {
		t.Errorf("empty diff: rows %v change_percent %v", empty.Rows, empty.ChangePercent)
	}
}

// A dataset that cost nothing before has no percentage change.
func TestDiffZeroBefore(t *testing.T) {
	r := diffFixture()
	free := reporttest.Est(model.Standard, 3, nil, nil)
	r.Rows[0].Before = diffSide("platform-storage", "app-logs", true, model.StandardIA, "", free)
	_, rows := reporttest.TableCells(t, render(t, DiffFormats, "table", r))
	if rows[0][5] != "n/a" {
		t.Errorf("CHANGE %% = %q, want n/a", rows[0][5])
	}
}

func TestDiffUnknownFormat(t *testing.T) {
	err := DiffFormats.Render(io.Discard, "csv", diffFixture())
	if !errors.Is(err, report.ErrUnknownFormat) || !strings.Contains(err.Error(), "(valid: table, json, markdown)") {
		t.Errorf("err = %v", err)
	}
}

func TestDatasetWithoutAmounts(t *testing.T) {
	unpriced := pricedDataset("f", "logs", true, "", "0", reporttest.UnpricedEst(model.OneZoneIA, 1, "eu-west-1", "acme/eu-west-1", "classes.ONEZONE_IA.put_per_1k"))
	express := pricedDataset("f", "hot", true, "", "0", reporttest.NotOfferedEst(model.ExpressOneZone, 1, "eu-west-1"))
	if got := priced(unpriced, decimal.Zero); got != "not priced" {
		t.Errorf("unpriced: %q", got)
	}
	if got := priced(express, decimal.Zero); got != "not offered" {
		t.Errorf("not offered: %q", got)
	}
	// 1 GiB-month of STANDARD before (1 x 0.023): the change to a class
	// not offered is unknown, not -$0.02.
	before := pricedDataset("f", "hot", true, model.Standard, "", reporttest.Est(model.Standard, 1, nil, nil, reporttest.Line("storage", "1", "GB-Mo", "0.023")))
	r := DiffReport{Rows: []DiffRow{{File: "f", Dataset: "hot", Before: &before, After: &express}},
		Before: reporttest.Dec("0.023"), After: decimal.Zero, Unpriced: []string{"f/hot (not offered)"}}
	_, rows := reporttest.TableCells(t, render(t, DiffFormats, "table", r))
	// FILE, DATASET, BEFORE, AFTER, CHANGE, CHANGE %, CLASS, CHEAPEST
	if got := rows[0][2:6]; !slices.Equal(got, []string{"$0.02", "not offered", "n/a", "n/a"}) {
		t.Errorf("diff row %q", got)
	}
	var doc jsonDiffDoc
	out := render(t, DiffFormats, "json", r)
	reporttest.DecodeStrict(t, out, &doc)
	if row := doc.Rows[0]; row.After == nil || row.After.Priced || !row.After.NotOffered || !row.Before.Priced || row.ChangePercent != nil ||
		!strings.Contains(out, `"change": null`) {
		t.Errorf("diff JSON row: %s", out)
	}
	if table := render(t, DiffFormats, "table", r); !strings.Contains(table, "\nleft out of the totals: f/hot (not offered)\n") {
		t.Errorf("diff table lacks what it left out:\n%s", table)
	}
}

// A dataset whose class and cheapest class both change reads "A -> B" in
// two cells: with INTELLIGENT_TIERING the table was 146 columns (issue 14
// item 1). CHEAPEST, then CLASS, are broken before the arrow to fit 120,
// every class name kept; a lifecycle rule's name breaks at its own arrows;
// and when that is not enough, FILE, the same on every row, moves to the
// heading.
func TestDiffTableFits120Columns(t *testing.T) {
	const m = 12
	it := reporttest.Est(model.IntelligentTiering, m, nil, nil, reporttest.Line("storage", "1200000", "GB-Mo", "0.0125"))
	std := reporttest.Est(model.Standard, m, nil, nil, reporttest.Line("storage", "1200000", "GB-Mo", "0.023"))
	rule := reporttest.Est(model.ClassID("STANDARD → STANDARD_IA@30d → GLACIER_IR@90d → DEEP_ARCHIVE@180d → expire@2y"), m, nil, nil,
		reporttest.Line("storage", "1000000", "GB-Mo", "0.01"))
	itToStd := DiffRow{File: "platform-storage", Dataset: "build-artifacts",
		Before: diffSide("platform-storage", "build-artifacts", false, model.IntelligentTiering, "", it),
		After:  diffSide("platform-storage", "build-artifacts", false, model.Standard, "", std)}
	ruleToStd := DiffRow{File: "platform-storage", Dataset: "media",
		Before: diffSide("platform-storage", "media", true, rule.Class, "", rule),
		After:  diffSide("platform-storage", "media", true, model.Standard, "", std)}
	cheapOnly := DiffRow{File: "data-lake", Dataset: "raw",
		Before: diffSide("data-lake", "raw", true, model.IntelligentTiering, "", std),
		After:  diffSide("data-lake", "raw", true, model.Standard, "", std)}
	tests := []struct {
		name     string
		rows     []DiffRow
		heading  string
		cheapest []string // CHEAPEST of each dataset, its lines joined
		class    []string
	}{
		{"class and cheapest change", []DiffRow{itToStd, ruleToStd}, "Monthly cost of platform-storage before and after",
			[]string{"INTELLIGENT_TIERING -> STANDARD *", string(rule.Class) + " -> STANDARD *"},
			[]string{"INTELLIGENT_TIERING -> STANDARD", string(rule.Class) + " -> STANDARD"}},
		// Two files: FILE over DATASET in one column.
		{"a rule", []DiffRow{cheapOnly, ruleToStd}, "Monthly cost before and after",
			[]string{"INTELLIGENT_TIERING -> STANDARD *", string(rule.Class) + " -> STANDARD *"},
			[]string{"STANDARD", string(rule.Class) + " -> STANDARD"}},
		{"two files", []DiffRow{cheapOnly, itToStd}, "Monthly cost before and after",
			[]string{"INTELLIGENT_TIERING -> STANDARD *", "INTELLIGENT_TIERING -> STANDARD *"},
			[]string{"STANDARD", "INTELLIGENT_TIERING -> STANDARD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := DiffReport{Rows: tt.rows, Before: reporttest.Dec("1000"), After: reporttest.Dec("2000"),
				Currency: "USD", Pricing: reporttest.PricingUSEast1()}
			out := render(t, DiffFormats, "table", r)
			for _, l := range strings.Split(out, "\n") {
				if n := report.TextWidth(l); n > 120 {
					t.Errorf("a line of %d columns: %s\n%s", n, l, out)
				}
			}
			if !strings.HasPrefix(out, tt.heading+" (") {
				t.Errorf("heading: want %q in:\n%s", tt.heading, out)
			}
			header, rows := reporttest.TableCells(t, out)
			col := func(name string) int { return slices.Index(header, name) }
			var class, cheapest []string
			for _, row := range rows {
				if row[col("BEFORE")] != "" { // a dataset's first line ("-" when new)
					class, cheapest = append(class, row[col("CLASS")]), append(cheapest, row[col("CHEAPEST")])
					continue
				}
				class[len(class)-1] += " " + row[col("CLASS")]
				cheapest[len(cheapest)-1] += " " + row[col("CHEAPEST")]
			}
			for i := range class {
				class[i], cheapest[i] = strings.TrimSpace(class[i]), strings.TrimSpace(cheapest[i])
			}
			if !slices.Equal(cheapest, tt.cheapest) || !slices.Equal(class, tt.class) {
				t.Errorf("CHEAPEST %q, CLASS %q;\nwant %q, %q\n%s", cheapest, class, tt.cheapest, tt.class, out)
			}
			if !strings.Contains(out, "| INTELLIGENT_TIERING ") || !strings.Contains(out, "| -> STANDARD * ") {
				t.Errorf("CHEAPEST not broken before its arrow:\n%s", out)
			}
		})
	}
}
