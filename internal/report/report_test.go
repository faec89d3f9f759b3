package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/report/reporttest"
	"github.com/s3cost/s3cost/model"
)

var assertGolden = reporttest.Golden

func fixtures() map[string]func() model.Comparison {
	return map[string]func() model.Comparison{
		"main":          mainComparison,
		"single":        singleEligible,
		"none":          noneEligible,
		"standard_wins": standardWins,
		"kms":           kmsEncrypted,
		"left_out":      leftOutComparison,
		"regions":       regionsComparison,
	}
}

func render(t *testing.T, format string, c model.Comparison) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, format, c); err != nil {
		t.Fatalf("Render(%q): %v", format, err)
	}
	return buf.String()
}

func TestGolden(t *testing.T) {
	exts := map[string]string{"table": "txt", "json": "json", "csv": "csv", "markdown": "md"}
	for name, fixture := range fixtures() {
		for _, format := range ComparisonFormats.Names() {
			t.Run(name+"/"+format, func(t *testing.T) {
				got := render(t, format, fixture())
				assertGolden(t, name+"."+exts[format], []byte(got))
			})
		}
	}
}

func TestGoldenClasses(t *testing.T) {
	var table, js bytes.Buffer
	if err := Classes(&table, model.Catalog()); err != nil {
		t.Fatal(err)
	}
	if err := ClassesJSON(&js, model.Catalog()); err != nil {
		t.Fatal(err)
	}
	assertGolden(t, "classes.txt", table.Bytes())
	assertGolden(t, "classes.json", js.Bytes())
}

func TestMoney(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "$0.00"},
		{"0.004", "$0.00"},
		{"0.005", "$0.01"}, // half rounds away from zero
		{"-0.005", "-$0.01"},
		{"-0.004", "$0.00"}, // no "-$0.00"
		{"2.675", "$2.68"},
		{"1215", "$1,215.00"},
		{"999.995", "$1,000.00"},
		{"100", "$100.00"},
		{"123456.7", "$123,456.70"},
		{"1234567.891", "$1,234,567.89"},
		{"-1234567.891", "-$1,234,567.89"},
		{"102.88065", "$102.88"},
		{"0.0000000000001", "$0.00"},
	}
	for _, tt := range tests {
		if got := Money(dec(tt.in)); got != tt.want {
			t.Errorf("Money(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTableMain(t *testing.T) {
	out := render(t, "table", mainComparison())
	header, rows := tableHeader(t, out)
	wantHeader := []string{"RANK", "CLASS", "MONTHLY", "TOTAL (12 MO)", "STORAGE", "REQUESTS", "RETRIEVAL", "MONITORING"}
	if !slices.Equal(header, wantHeader) {
		t.Errorf("header = %q, want %q (zero categories hidden)", header, wantHeader)
	}
	for _, hidden := range []string{"TRANSITIONS", "EARLY DELETE", "TRANSFER", "ENCRYPTION"} {
		if strings.Contains(out, hidden) {
			t.Errorf("column %s is zero in every class but shown", hidden)
		}
	}
	for _, want := range []string{
		"product-images in us-east-1, 12 months (prices: aws/us-east-1 as of 2025-10-28)\n",
		"$1,234.57", // GLACIER_IR total 1234.5678
		"$180.01",   // monitoring 180.005 rounds half away from zero
		"$9,000.01", // EXPRESS_ONEZONE 9000.005
		// The verdict is 122 columns: wrapped under 120, the rest indented.
		"Cheapest: GLACIER_IR at $102.88/month; $12.34/month (10.7%) less than STANDARD_IA, $45.67/month (30.7%) less than\n  STANDARD.\n",
		"note: reads.active_share derived as 0.15 (reads / objects stored)\n",
		"note: GLACIER_IR: the month-0 stock is uploaded (PUT) at month 0\n",
		// Why a class is not ranked: a numbered footnote, each reason once.
		"\n[3] " + availabilityShort + "; " + zonesViolation + "\n",
		"\n[4] " + zonesViolation + "\n",
		"MONTHLY is the average month; TOTAL and the cost columns are sums over 12 months.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// Ranked classes are numbered, the ineligible ones show "-".
	wantRanks := []string{"1", "2", "3", "4", "-", "-", "-", "-"}
	for i, r := range rows {
		if r[0] != wantRanks[i] {
			t.Errorf("row %d (%s): rank %q, want %q", i, r[1], r[0], wantRanks[i])
		}
	}
}

func TestTableStandardWins(t *testing.T) {
	out := render(t, "table", standardWins())
	header, _ := tableHeader(t, out)
	if slices.Contains(header, "NOTE") {
		t.Errorf("NOTE column shown though every class is eligible: %q", header)
	}
	for _, want := range []string{
		"$1,215.00", // STANDARD total
		"$101.25",
		"TRANSITIONS", // 0.6 and 1.2: shown
		"Cheapest: STANDARD at $101.25/month; $23.80/month (19.0%) less than STANDARD_IA.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

var tableHeader = reporttest.TableCells

// jsonDoc mirrors docs/json.md for decoding. Slices decode to nil
// from null and to empty from [], which the test tells apart.
type jsonDoc struct {
	Workload string `json:"workload"`
	Region   string `json:"region"`
	Currency string `json:"currency"`
	Months   int    `json:"months"`
	Pricing  struct {
		Sheet  string `json:"sheet"`
		AsOf   string `json:"as_of"`
		Source string `json:"source"`
	} `json:"pricing"`
	Encryption struct {
		Type        string `json:"type"`
		Key         string `json:"key"`
		Keys        int    `json:"keys"`
		Rotation    bool   `json:"rotation"`
		BucketKey   bool   `json:"bucket_key"`
		Requesters  int    `json:"requesters"`
		KMSFreeTier bool   `json:"kms_free_tier"`
		Description string `json:"description"`
	} `json:"encryption"`
	LeftOut []struct {
		Class   string   `json:"class"`
		Region  string   `json:"region"`
		Reason  string   `json:"reason"`
		Missing []string `json:"missing"`
	} `json:"left_out"`
	Results []struct {
		Rank           int                `json:"rank"`
		Class          string             `json:"class"`
		Eligible       bool               `json:"eligible"`
		Violations     []string           `json:"violations"`
		Region         string             `json:"region"`
		Total          *string            `json:"total"`
		MonthlyAverage *string            `json:"monthly_average"`
		Breakdown      map[string]*string `json:"breakdown"`
		Lines          []struct {
			Item     string `json:"item"`
			Quantity string `json:"quantity"`
			Unit     string `json:"unit"`
			Price    string `json:"price"`
			Cost     string `json:"cost"`
		} `json:"lines"`
		Monthly []*string `json:"monthly"`
		Notes   []string  `json:"notes"`
		Move    *struct {
			Cost          string `json:"cost"`
			PaybackMonths *int   `json:"payback_months"`
		} `json:"move"`
		Unpriced   []string `json:"unpriced"`
		NotOffered bool     `json:"not_offered"`
		Derived    []string `json:"derived"`
	} `json:"results"`
	Notes []string `json:"notes"`
}

// str shows a JSON amount that may be null.
func str(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

func TestJSONContract(t *testing.T) {
	for name, fixture := range fixtures() {
		t.Run(name, func(t *testing.T) {
			c := fixture()
			out := render(t, "json", c)
			if !strings.HasSuffix(out, "}\n") || !strings.HasPrefix(out, "{\n  \"workload\": ") {
				t.Errorf("not two-space indented with a trailing newline:\n%s", out)
			}
			jd := json.NewDecoder(strings.NewReader(out))
			jd.DisallowUnknownFields()
			var doc jsonDoc
			if err := jd.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			if doc.Workload != c.Workload || doc.Region != c.Region || doc.Currency != "USD" ||
				doc.Months != c.Months || doc.Pricing.Sheet != c.Pricing.Sheet ||
				doc.Pricing.AsOf != c.Pricing.AsOf || doc.Pricing.Source != c.Pricing.Source {
				t.Errorf("header fields = %+v", doc)
			}
			if doc.Notes == nil || doc.LeftOut == nil {
				t.Error("notes or left_out is null, want an array")
			}
			if len(doc.Results) != len(c.Results) {
				t.Fatalf("%d results, want %d", len(doc.Results), len(c.Results))
			}
			for i, r := range doc.Results {
				e := c.Results[i]
				if r.Rank != i+1 || r.Class != string(e.Class) || r.Eligible != e.Eligible {
					t.Errorf("result %d: rank %d class %s eligible %v", i, r.Rank, r.Class, r.Eligible)
				}
				if r.Violations == nil || r.Notes == nil || r.Lines == nil || r.Monthly == nil || r.Derived == nil {
					t.Errorf("%s: violations, notes, lines, monthly and derived must be arrays, not null", r.Class)
				}
				if !slices.Equal(r.Derived, e.Derived) && !(len(r.Derived) == 0 && len(e.Derived) == 0) {
					t.Errorf("%s: derived %q, want %q", r.Class, r.Derived, e.Derived)
				}
				if !e.Priced() {
					// No amounts: null, never a zero that reads as free.
					if r.Total != nil || r.MonthlyAverage != nil || len(r.Lines) != 0 || len(r.Monthly) != c.Months {
						t.Errorf("%s without amounts: total %v, average %v, %d lines, %d months", r.Class, r.Total, r.MonthlyAverage, len(r.Lines), len(r.Monthly))
					}
					for k, v := range r.Breakdown {
						if v != nil {
							t.Errorf("%s without amounts: breakdown %s = %s, want null", r.Class, k, *v)
						}
					}
					for _, m := range r.Monthly {
						if m != nil {
							t.Errorf("%s without amounts: a monthly figure %s, want null", r.Class, *m)
						}
					}
					continue
				}
				if e.Eligible && len(r.Violations) != 0 {
					t.Errorf("%s: eligible with violations %q", r.Class, r.Violations)
				}
				// Unrounded decimal strings that add up.
				if r.Total == nil || r.MonthlyAverage == nil || *r.Total != e.Total.String() || *r.MonthlyAverage != e.MonthlyAverage().String() {
					t.Errorf("%s: total %s average %s, want %s %s", r.Class, str(r.Total), str(r.MonthlyAverage), e.Total, e.MonthlyAverage())
				}
				if len(r.Breakdown) != len(model.BreakdownKeys()) {
					t.Errorf("%s: breakdown has %d keys, want 8", r.Class, len(r.Breakdown))
				}
				sum := decimal.Zero
				for _, k := range model.BreakdownKeys() {
					v, ok := r.Breakdown[k]
					if !ok {
						t.Errorf("%s: breakdown lacks %q", r.Class, k)
						continue
					}
					if v == nil {
						t.Errorf("%s: breakdown %s is null", r.Class, k)
						continue
					}
					sum = sum.Add(dec(*v))
				}
				if !sum.Equal(e.Total) {
					t.Errorf("%s: breakdown sums to %s, total %s", r.Class, sum, e.Total)
				}
				monthly := decimal.Zero
				for _, m := range r.Monthly {
					if m == nil {
						t.Errorf("%s: a monthly figure is null", r.Class)
						continue
					}
					monthly = monthly.Add(dec(*m))
				}
				if len(r.Monthly) != c.Months || !monthly.Equal(e.Total) {
					t.Errorf("%s: %d months summing to %s, want %d summing to %s", r.Class, len(r.Monthly), monthly, c.Months, e.Total)
				}
				if len(r.Lines) != len(e.Lines) {
					t.Errorf("%s: %d lines, want %d", r.Class, len(r.Lines), len(e.Lines))
				}
			}
		})
	}
}

func TestJSONUnroundedAndOrdered(t *testing.T) {
	out := render(t, "json", mainComparison())
	for _, want := range []string{
		`"total": "1234.5678"`,
		`"monthly_average": "102.88065"`,
		`"monitoring": "180.005"`,
		`"violations": []`,
		`{"item": "storage", "quantity": "250030.85", "unit": "GB-Mo", "price": "0.004", "cost": "1000.1234"}`,
	} {
		if want[0] == '{' {
			// Lines are indented over several lines; compare compacted.
			var compact bytes.Buffer
			if err := json.Compact(&compact, []byte(out)); err != nil {
				t.Fatal(err)
			}
			want = strings.NewReplacer(`": "`, `":"`, `", "`, `","`).Replace(want)
			if !strings.Contains(compact.String(), want) {
				t.Errorf("JSON lacks %s", want)
			}
			continue
		}
		if !strings.Contains(out, want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	// Keys come in the documented order, breakdown in BreakdownKeys order.
	assertKeyOrder(t, out, []string{"workload", "region", "currency", "months", "pricing", "encryption", "left_out", "results", "notes"})
	first := strings.Index(out, `"breakdown"`)
	assertKeyOrder(t, out[first+len(`"breakdown": `):], model.BreakdownKeys())
}

var assertKeyOrder = reporttest.KeyOrder

func TestCSV(t *testing.T) {
	out := render(t, "csv", mainComparison())
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := "rank,class,eligible,monthly_average,total,storage,requests,retrieval,monitoring,transitions,early_delete,transfer,replication,encryption,violations,status,derived"
	if got := strings.Join(records[0], ","); got != wantHeader {
		t.Errorf("header %s\nwant   %s", got, wantHeader)
	}
	if len(records) != 9 {
		t.Fatalf("%d records, want header + 8", len(records))
	}
	wantRows := [][]string{
		{"1", "GLACIER_IR", "true", "102.88065", "1234.5678", "1000.1234", "34.4444", "200", "0", "0", "0", "0", "0", "0", "", "priced", ""},
		// Not ranked: no rank number, as the table's "-".
		{"", "ONEZONE_IA", "false", "91.666666666667", "1100", "968", "22", "110", "0", "0", "0", "0", "0", "0", availabilityShort + "; " + zonesViolation, "priced", ""},
	}
	if !slices.Equal(records[1], wantRows[0]) {
		t.Errorf("row 1 = %q\nwant    %q", records[1], wantRows[0])
	}
	if !slices.Equal(records[7], wantRows[1]) {
		t.Errorf("row 7 = %q\nwant    %q", records[7], wantRows[1])
	}
}

func TestMarkdown(t *testing.T) {
	out := render(t, "markdown", mainComparison())
	for _, want := range []string{
		"# S3 storage cost: product-images\n",
		"**Cheapest: GLACIER_IR at $102.88/month; $12.34/month (10.7%) less than STANDARD_IA, $45.67/month (30.7%) less than STANDARD.**\n",
		"| RANK | CLASS               | MONTHLY | TOTAL (12 MO) |   STORAGE |  REQUESTS | RETRIEVAL | MONITORING |\n",
		"| ---: | ------------------- | ------: | ------------: | --------: |",
		"|    1 | GLACIER_IR          | $102.88 |     $1,234.57 |",
		"- GLACIER_IR: the month-0 stock is uploaded (PUT) at month 0\n",
		"Prices: sheet `aws/us-east-1` as of 2025-10-28",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "TRANSFER") {
		t.Error("hidden column TRANSFER in markdown")
	}
}

// A reason with a pipe is a footnote under the table, not a cell: the
// table keeps its columns, and the footnote reads as written.
func TestMarkdownEscapesPipes(t *testing.T) {
	c := noneEligible()
	c.Results[0].Violations = []string{"a | b"}
	out := render(t, "markdown", c)
	if !strings.Contains(out, "\n- \\[1] a | b\n") {
		t.Errorf("the reason is not a footnote:\n%s", out)
	}
	cols := -1
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "|") {
			continue
		}
		n := strings.Count(l, "|") - strings.Count(l, `\|`)
		if cols == -1 {
			cols = n
		} else if n != cols {
			t.Errorf("a table row with %d bars, the header has %d: %s", n, cols, l)
		}
	}
}

func TestSummary(t *testing.T) {
	const m = 1
	// With one month the monthly average is the total.
	cls := func(id model.ClassID, total string, violations ...string) model.Estimate {
		return est(id, m, violations, nil, line("storage", total, "GB-Mo", "1"))
	}
	comp := func(results ...model.Estimate) model.Comparison {
		return model.Comparison{Months: m, Results: results}
	}
	tests := []struct {
		name string
		c    model.Comparison
		want string
	}{
		{
			// 150 - 100 = 50, 50 / 150 = 33.33% ; 200 - 100 = 100, 100 / 200 = 50%.
			"runner-up and STANDARD",
			comp(cls(model.GlacierIR, "100"), cls(model.StandardIA, "150"), cls(model.Standard, "200")),
			"Cheapest: GLACIER_IR at $100.00/month; $50.00/month (33.3%) less than STANDARD_IA, $100.00/month (50.0%) less than STANDARD.",
		},
		{
			// STANDARD is the runner-up: compared once. 1 / 3 = 33.3%.
			"STANDARD runner-up",
			comp(cls(model.StandardIA, "2"), cls(model.Standard, "3"), cls(model.GlacierIR, "4")),
			"Cheapest: STANDARD_IA at $2.00/month; $1.00/month (33.3%) less than STANDARD.",
		},
		{
			// 8 - 7 = 1, 1 / 8 = 12.5%.
			"STANDARD wins",
			comp(cls(model.Standard, "7"), cls(model.StandardIA, "8")),
			"Cheapest: STANDARD at $7.00/month; $1.00/month (12.5%) less than STANDARD_IA.",
		},
		{
			"tie with the runner-up",
			comp(cls(model.StandardIA, "10.004"), cls(model.OneZoneIA, "10.004"), cls(model.Standard, "20")),
			"Cheapest: STANDARD_IA at $10.00/month; ties with ONEZONE_IA, $10.00/month (50.0%) less than STANDARD.",
		},
		{
			// Every class that ties is named, not only the runner-up.
			"three-way tie",
			comp(cls(model.StandardIA, "10"), cls(model.OneZoneIA, "10"), cls(model.GlacierIR, "10"), cls(model.Standard, "20")),
			"Cheapest: STANDARD_IA at $10.00/month; ties with ONEZONE_IA and GLACIER_IR, $10.00/month (50.0%) less than STANDARD.",
		},
		{
			// Three named, then how many more.
			"five-way tie",
			comp(cls(model.StandardIA, "10"), cls(model.OneZoneIA, "10"), cls(model.GlacierIR, "10"), cls(model.Glacier, "10"), cls(model.DeepArchive, "10"), cls(model.Standard, "20")),
			"Cheapest: STANDARD_IA at $10.00/month; ties with ONEZONE_IA, GLACIER_IR, GLACIER and 1 more, $10.00/month (50.0%) less than STANDARD.",
		},
		{
			// 10.004 - 10.001 = 0.003 a month: real, but under a cent.
			"sub-cent difference is not a tie",
			comp(cls(model.StandardIA, "10.001"), cls(model.OneZoneIA, "10.004"), cls(model.Standard, "20")),
			"Cheapest: STANDARD_IA at $10.00/month; under $0.01/month less than ONEZONE_IA, $10.00/month (50.0%) less than STANDARD.",
		},
		{
			"tie with STANDARD",
			comp(cls(model.StandardIA, "10"), cls(model.Standard, "10")),
			"Cheapest: STANDARD_IA at $10.00/month; ties with STANDARD.",
		},
		{
			"STANDARD ineligible",
			comp(cls(model.GlacierIR, "100"), cls(model.StandardIA, "150"), cls(model.Standard, "200", "needs 4 zones")),
			"Cheapest: GLACIER_IR at $100.00/month; $50.00/month (33.3%) less than STANDARD_IA; STANDARD does not meet the requirements.",
		},
		{
			"STANDARD not a candidate",
			comp(cls(model.GlacierIR, "100"), cls(model.StandardIA, "125")),
			"Cheapest: GLACIER_IR at $100.00/month; $25.00/month (20.0%) less than STANDARD_IA.",
		},
		{
			"one eligible, STANDARD ineligible",
			comp(cls(model.GlacierIR, "100"), cls(model.Standard, "200", "x")),
			"Cheapest: GLACIER_IR at $100.00/month; the only class that meets the requirements.",
		},
		{
			"one class compared",
			comp(cls(model.Standard, "1215")),
			"Cheapest: STANDARD at $1,215.00/month; the only class compared.",
		},
		{
			"none eligible",
			comp(cls(model.Glacier, "1", "slow")),
			"No class meets the requirements.",
		},
		{
			"nothing compared",
			comp(),
			"No class was compared.",
		},
		{
			// Not a ranked order; say so rather than print a negative saving.
			// 5 / 15 = 33.3%, relative to the dearer class.
			"out of order",
			comp(cls(model.GlacierIR, "15"), cls(model.StandardIA, "10")),
			"Cheapest: GLACIER_IR at $15.00/month; $5.00/month (33.3%) more than STANDARD_IA.",
		},
		{
			"free runner-up",
			comp(cls(model.GlacierIR, "-1"), cls(model.StandardIA, "0")),
			"Cheapest: GLACIER_IR at -$1.00/month; $1.00/month less than STANDARD_IA.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summary(tt.c); got != tt.want {
				t.Errorf("summary:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestNotesOfTiedWinners(t *testing.T) {
	c := model.Comparison{
		Months: 1,
		Notes:  []string{"global"},
		Results: []model.Estimate{
			est(model.StandardIA, 1, nil, []string{"a"}, line("storage", "10", "GB-Mo", "1")),
			est(model.OneZoneIA, 1, nil, []string{"b"}, line("storage", "10", "GB-Mo", "1")),
			est(model.Standard, 1, nil, []string{"c"}, line("storage", "20", "GB-Mo", "1")),
		},
	}
	want := []string{"global", "STANDARD_IA: a", "ONEZONE_IA: b"}
	if got := noteLines(c); !slices.Equal(got, want) {
		t.Errorf("noteLines = %q, want %q", got, want)
	}
}

func TestRenderUnknownFormat(t *testing.T) {
	err := Render(io.Discard, "xml", mainComparison())
	if !errors.Is(err, ErrUnknownFormat) {
		t.Fatalf("err = %v, want ErrUnknownFormat", err)
	}
	if want := `unknown output format "xml" (valid: table, json, csv, markdown)`; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
}

func TestFormatsNamesIsACopy(t *testing.T) {
	ComparisonFormats.Names()[0] = "mutated"
	if ComparisonFormats.Names()[0] != "table" {
		t.Error("Names shares its slice")
	}
}

func TestUnknownCategoryIsAnError(t *testing.T) {
	c := mainComparison()
	c.Results[2].Lines = append(c.Results[2].Lines, line("bogus.thing", "1", "x", "1"))
	for _, format := range ComparisonFormats.Names() {
		if err := Render(io.Discard, format, c); err == nil || !strings.Contains(err.Error(), `"bogus"`) {
			t.Errorf("%s: err = %v, want one naming category \"bogus\"", format, err)
		}
	}
}

func TestClasses(t *testing.T) {
	var buf bytes.Buffer
	if err := Classes(&buf, model.Catalog()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	header, rows := tableHeader(t, out)
	// Durability, the same for every class, is a line under the table, and
	// the names a list: the table fits 120 columns.
	wantHeader := []string{"CLASS", "AVAIL.", "SLA", "AZS", "FIRST BYTE", "MIN DURATION", "MIN SIZE", "OVERHEAD"}
	if !slices.Equal(header, wantHeader) {
		t.Errorf("header %q, want %q", header, wantHeader)
	}
	// A cell of several lines continues in rows with an empty CLASS.
	byClass := map[string][]string{}
	last := ""
	for _, r := range rows {
		if r[0] != "" {
			last = r[0]
			byClass[last] = append([]string(nil), r...)
			continue
		}
		for i, cell := range r {
			if cell != "" {
				byClass[last][i] += "\n" + cell
			}
		}
	}
	tests := []struct {
		class model.ClassID
		col   int
		want  string
	}{
		{model.Standard, 1, "99.99%"},
		{model.StandardIA, 2, "99.0%"},
		{model.OneZoneIA, 3, "1"},
		{model.Standard, 4, "milliseconds"},
		{model.Glacier, 4, "expedited 1-5 minutes\nstandard 3-5 hours\nbulk 5-12 hours"},
		{model.DeepArchive, 4, "standard within 12 hours\nbulk within 48 hours"},
		{model.Standard, 5, "-"},
		{model.StandardIA, 5, "30 days"},
		{model.DeepArchive, 5, "180 days"},
		{model.GlacierIR, 6, "128 KiB"},
		{model.Glacier, 6, "-"},
		{model.Glacier, 7, "32 KiB\n+ 8 KiB Standard"},
		{model.StandardIA, 7, "-"},
	}
	for _, tt := range tests {
		if got := byClass[string(tt.class)][tt.col]; got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.class, wantHeader[tt.col], got, tt.want)
		}
	}
	for _, want := range []string{
		"note: ONEZONE_IA durability: in a single AZ",
		"Every class is designed for 99.999999999% durability.",
		"GLACIER is S3 Glacier\n  Flexible Retrieval;",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if n := len([]rune(l)); n > 120 {
			t.Errorf("%d columns: %s", n, l)
		}
	}
}

func TestClassesJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := ClassesJSON(&buf, model.Catalog()); err != nil {
		t.Fatal(err)
	}
	type retrieval struct {
		Tier      string `json:"tier"`
		FirstByte string `json:"first_byte"`
	}
	type class struct {
		Class                 string      `json:"class"`
		Availability          string      `json:"availability"`
		Retrieval             []retrieval `json:"retrieval"`
		MinDurationDays       int         `json:"min_duration_days"`
		OverheadStandardBytes int64       `json:"overhead_standard_bytes"`
	}
	var got []class
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(model.Catalog()) {
		t.Fatalf("%d classes, want %d", len(got), len(model.Catalog()))
	}
	i := slices.IndexFunc(got, func(c class) bool { return c.Class == "GLACIER" })
	if i < 0 {
		t.Fatal("no GLACIER")
	}
	g := got[i]
	if g.Availability != "0.9999" || g.MinDurationDays != 90 || g.OverheadStandardBytes != 8192 ||
		len(g.Retrieval) != 3 || g.Retrieval[0].Tier != "expedited" || g.Retrieval[0].FirstByte != "5min" {
		t.Errorf("GLACIER = %+v", g)
	}
}

// The encryption priced is stated in every format: the table and markdown
// footers, the JSON encryption block; the ENCRYPTION column appears.
func TestEncryptionShown(t *testing.T) {
	c := kmsEncrypted()
	table := render(t, "table", c)
	for _, want := range []string{"ENCRYPTION", "$360.00", "encryption: SSE-KMS, 1 customer managed key, no S3 Bucket Key",
		"Cheapest: STANDARD at $49.17/month; $7.92/month (13.9%) less than STANDARD_IA."} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if md := render(t, "markdown", c); !strings.Contains(md, "Encryption: SSE-KMS, 1 customer managed key, no S3 Bucket Key.") {
		t.Errorf("markdown lacks the encryption:\n%s", md)
	}
	js := render(t, "json", c)
	for _, want := range []string{`"type": "sse-kms"`, `"key": "customer-managed"`, `"keys": 1`, `"bucket_key": false`, `"encryption": "360"`} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	if csv := render(t, "csv", c); !strings.Contains(csv, ",360,") {
		t.Errorf("CSV lacks the encryption amount:\n%s", csv)
	}
}

// A stock in STANDARD today: each other class shows its payback, STANDARD
// stays; the JSON carries the move (null for the class that stays).
func TestPaybackShown(t *testing.T) {
	c := standardWins()
	c.Results[1].Move = &model.Move{Cost: decimal.RequireFromString("0.6"), PaybackMonths: 0}
	c.Results[2].Move = &model.Move{Cost: decimal.RequireFromString("1.2"), PaybackMonths: 4}
	table := render(t, "table", c)
	for _, want := range []string{"PAYBACK", "(stays)", "never", "4 months"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	js := render(t, "json", c)
	for _, want := range []string{`"move": null`, `"cost": "0.6"`, `"payback_months": null`, `"payback_months": 4`} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}
