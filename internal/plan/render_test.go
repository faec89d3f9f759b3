package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/s3cost/s3cost/workloads"
)

const day = model.Day

// cand is a candidate priced over len(monthly) months; its total is the
// sum of monthly. The renderers only format, so the amounts are chosen by
// hand, not by the engine.
func cand(name string, rule *model.Lifecycle, eligible bool, monthly ...string) Candidate {
	c := Candidate{Name: name, Rule: rule, Eligible: eligible, Priced: true, Total: decimal.Zero}
	for _, m := range monthly {
		c.Monthly = append(c.Monthly, d(m))
		c.Total = c.Total.Add(d(m))
	}
	return c
}

func rule(name string, steps ...model.Transition) *model.Lifecycle {
	return &model.Lifecycle{Name: name, Start: model.Standard, Transitions: steps}
}

func step(days int, class model.ClassID) model.Transition {
	return model.Transition{After: time.Duration(days) * day, Class: class}
}

// handBuilt is a ranked result over two months, a lifetime of a year:
//
//	rank 1  rule A (3 transitions)    8 + 12 = 20, average 10
//	rank 2  GLACIER_IR alone         15 + 15 = 30, average 15 (the best class)
//	rank 3  rule B, given            18 + 18 = 36, average 18
//	rank 4  STANDARD alone           25 + 25 = 50, average 25
//	rank 5  rule C, ineligible        5 +  5 = 10
//	rank 6  rule D, given, ineligible 6 +  6 = 12
//	rank 7  DEEP_ARCHIVE, not priced
func handBuilt() Result {
	life := 365 * day
	a := cand("STANDARD → STANDARD_IA@30d → GLACIER_IR@90d → DEEP_ARCHIVE@180d → expire@1y",
		rule("", step(30, model.StandardIA), step(90, model.GlacierIR), step(180, model.DeepArchive)), true, "8", "12")
	gir := cand("GLACIER_IR", nil, true, "15", "15")
	b := cand("STANDARD → STANDARD_IA@30d → expire@1y", rule("my-rule", step(30, model.StandardIA)), true, "18", "18")
	b.Given = true
	std := cand("STANDARD", nil, true, "25", "25")
	c := cand("STANDARD → GLACIER@30d → expire@1y", rule("", step(30, model.Glacier)), false, "5", "5")
	c.Violations = []string{"first byte too slow"}
	dr := cand("STANDARD → DEEP_ARCHIVE@60d → expire@1y", rule("", step(60, model.DeepArchive)), false, "6", "6")
	dr.Given, dr.Violations = true, []string{"first byte too slow", "restores needed"}
	da := Candidate{Name: "DEEP_ARCHIVE", Monthly: []decimal.Decimal{decimal.Zero, decimal.Zero}, Total: decimal.Zero,
		Violations: []string{"not priced: classes.DEEP_ARCHIVE.storage"}}
	r := Result{Workload: "hand", Region: "us-east-1", Months: 2, Lifetime: life,
		Pricing:    model.PricingInfo{Sheet: "aws/us-east-1", AsOf: "2025-10-22", Source: "https://example.com/s3.json"},
		Candidates: []Candidate{a, gir, b, std, c, dr, da},
		Rules:      2, MaxTransitions: 3, Grid: []time.Duration{30 * day, 90 * day, 180 * day}}
	r.BestClass, r.Standard = &r.Candidates[1], &r.Candidates[3]
	return r
}

func render(t *testing.T, format string, r Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Formats.Render(&buf, format, r); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// The table, every figure worked out by hand from handBuilt: averages are
// totals over 2 months; VS STANDARD is the average less 25, VS BEST CLASS
// less 15; the verdict's percentages are of the dearer one: 5/15 = 33.3%,
// 15/25 = 60.0%. The best rule's 58 bytes (each "→" is three:
// report.TextWidth) would make the table 124 wide, so it breaks before its
// last arrow, and prose lines with arrows wrap a word early.
func TestTable(t *testing.T) {
	got := render(t, "table", Report{Result: handBuilt(), Top: 2})
	want := `hand in us-east-1, 2 months (prices: aws/us-east-1 as of 2025-10-22)
Rules start objects in STANDARD and expire them at 1y (the lifetime); "C (no rule)" is class C alone.

+------+----------------------------------+---------+--------------+-------------+---------------+
| RANK | RULE                             | MONTHLY | TOTAL (2 MO) | VS STANDARD | VS BEST CLASS |
+------+----------------------------------+---------+--------------+-------------+---------------+
|    1 | STANDARD_IA@30d → GLACIER_IR@90d |  $10.00 |       $20.00 |     -$15.00 |        -$5.00 |
|      | → DEEP_ARCHIVE@180d              |         |              |             |               |
|    2 | GLACIER_IR (no rule)             |  $15.00 |       $30.00 |     -$10.00 |         $0.00 |
|    3 | my-rule (given)                  |  $18.00 |       $36.00 |      -$7.00 |        +$3.00 |
|    - | DEEP_ARCHIVE@60d (given)         |   $6.00 |       $12.00 |     -$19.00 |        -$9.00 |
+------+----------------------------------+---------+--------------+-------------+---------------+
(given) my-rule (STANDARD → STANDARD_IA@30d → expire@1y), the workload's own rule: rank 3 of 4 that meet the
  requirements; $8.00/month more than the best.
(given) STANDARD → DEEP_ARCHIVE@60d → expire@1y, the workload's own rule: misses a requirement: first byte too
  slow; restores needed.

Best: STANDARD → STANDARD_IA@30d → GLACIER_IR@90d → DEEP_ARCHIVE@180d → expire@1y at $10.00/month, $5.00/month
  (33.3%) less than the best single class, GLACIER_IR; $15.00/month (60.0%) less than STANDARD.
Searched 2 rules of up to 3 transitions (at ages 30d, 90d, 180d), 2 given rules and 3 classes: 4 meet the requirements,
  2 miss one, 1 could not be priced.
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	checkWidth(t, got)
}

func checkWidth(t *testing.T, out string) {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if n := len(l); n > maxWidth { // bytes: report.TextWidth
			t.Errorf("%d columns: %s", n, l)
		}
	}
}

// Which rows: the top N eligible, the given ones wherever they rank, never
// an ineligible one that is not given, never one not priced.
func TestShown(t *testing.T) {
	r := handBuilt()
	for top, want := range map[int][]int{1: {0, 2, 5}, 2: {0, 1, 2, 5}, 3: {0, 1, 2, 5}, 4: {0, 1, 2, 3, 5}, 100: {0, 1, 2, 3, 5}} {
		if got := (Report{Result: r, Top: top}).Shown(); !slices.Equal(got, want) {
			t.Errorf("top %d: %v, want %v", top, got, want)
		}
	}
}

// A table that would be wider than 120 columns breaks its long rules at
// their arrows, and stays under.
func TestTableFits(t *testing.T) {
	r := handBuilt()
	// Every amount a million times larger, and a long rule first at
	// 1,234,567.89 a month.
	million := decimal.NewFromInt(1_000_000)
	for i := range r.Candidates {
		c := &r.Candidates[i]
		c.Total = c.Total.Mul(million)
		for m := range c.Monthly {
			c.Monthly[m] = c.Monthly[m].Mul(million)
		}
	}
	long := cand("STANDARD → INTELLIGENT_TIERING@120d → GLACIER_IR@180d → DEEP_ARCHIVE@545d → expire@1y",
		rule("", step(120, model.IntelligentTiering), step(180, model.GlacierIR), step(545, model.DeepArchive)), true,
		"1234567.89", "1234567.89")
	r.Candidates = append([]Candidate{long}, r.Candidates...)
	r.BestClass, r.Standard = &r.Candidates[2], &r.Candidates[4]
	out := render(t, "table", Report{Result: r, Top: 5})
	checkWidth(t, out)
	// 25,000,000 - 1,234,567.89 = 23,765,432.11.
	for _, part := range []string{"| INTELLIGENT_TIERING@120d ", "| → DEEP_ARCHIVE@545d ", " $2,469,135.78 |", "| -$23,765,432.11 |"} {
		if !strings.Contains(out, part) {
			t.Errorf("no %q in\n%s", part, out)
		}
	}
	if strings.Contains(out, "| INTELLIGENT_TIERING@120d → GLACIER_IR@180d → DEEP_ARCHIVE@545d |") {
		t.Errorf("the long rule is not broken:\n%s", out)
	}
	// A given rule's long name is not shown: its steps are.
	r.Candidates[3].Rule.Name = strings.Repeat("x", 60)
	out = render(t, "table", Report{Result: r, Top: 5})
	checkWidth(t, out)
	if !strings.Contains(out, "| STANDARD_IA@30d (given)") {
		t.Errorf("the given rule is not shown by its steps:\n%s", out)
	}
}

// The verdict when a class alone wins, when rules tie with it, when
// nothing meets the requirements, when nothing is priced.
func TestVerdicts(t *testing.T) {
	r := handBuilt()
	// GLACIER_IR alone first: 15 against rule A's 20 (average 10 -> 20 is
	// made 40: average 20, 5 more than 15).
	r.Candidates[0].Monthly = []decimal.Decimal{d("20"), d("20")}
	r.Candidates[0].Total = d("40")
	r.Candidates[0], r.Candidates[1] = r.Candidates[1], r.Candidates[0]
	r.BestClass = &r.Candidates[0]
	want := "Best: GLACIER_IR alone at $15.00/month: no lifecycle rule is cheaper (the best, STANDARD → STANDARD_IA@30d → GLACIER_IR@90d → DEEP_ARCHIVE@180d → expire@1y, costs $5.00/month more); $10.00/month (40.0%) less than STANDARD."
	if got := verdict(r); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	r.Candidates[1].Monthly = []decimal.Decimal{d("15"), d("15")}
	r.Candidates[1].Total = d("30")
	if got := verdict(r); !strings.Contains(got, "(the best, STANDARD → STANDARD_IA@30d → GLACIER_IR@90d → DEEP_ARCHIVE@180d → expire@1y, ties with it)") {
		t.Errorf("tie: %s", got)
	}

	none := handBuilt()
	for i := range none.Candidates {
		none.Candidates[i].Eligible = false
	}
	none.BestClass = nil
	if got := verdict(none); got != "No rule or class meets the requirements (s3cost compare says what each class misses)." {
		t.Errorf("none eligible: %s", got)
	}
	for i := range none.Candidates {
		none.Candidates[i].Priced = false
	}
	none.Standard = nil
	if !none.NothingPriced() {
		t.Error("NothingPriced is false")
	}
	if got := verdict(none); got != "No rule or class could be priced with the aws/us-east-1 prices (s3cost compare names what is missing)." {
		t.Errorf("none priced: %s", got)
	}
	out := render(t, "table", Report{Result: none, Top: 5})
	if !strings.Contains(out, "|    - | my-rule (given)          |       - |            - |           - |             - |") {
		t.Errorf("a given rule without figures:\n%s", out)
	}

	// No class eligible, a rule is; STANDARD priced but ineligible.
	r = handBuilt()
	r.Candidates[1].Eligible, r.Candidates[3].Eligible = false, false
	r.BestClass = nil
	want = "Best: STANDARD → STANDARD_IA@30d → GLACIER_IR@90d → DEEP_ARCHIVE@180d → expire@1y at $10.00/month, and no single class meets the requirements; STANDARD does not meet the requirements."
	if got := verdict(r); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// The JSON document: its keys in order, unrounded amounts as strings, null
// for what a candidate does not have, the given rules listed wherever they
// rank, STANDARD and the best class beside.
func TestJSON(t *testing.T) {
	out := render(t, "json", Report{Result: handBuilt(), Top: 1})
	var doc struct {
		Workload     string
		Region       string
		Months       int
		LifetimeDays json.Number `json:"lifetime_days"`
		Searched     struct {
			Rules          int
			MaxTransitions int     `json:"max_transitions"`
			GridDays       []int64 `json:"grid_days"`
			Given, Classes int
			Eligible       int
			Ineligible     int
			NotPriced      int `json:"not_priced"`
		}
		Standard  *jsonCandidate `json:"standard"`
		BestClass *jsonCandidate `json:"best_class"`
		Plans     []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Workload != "hand" || doc.Months != 2 || doc.LifetimeDays != "365" {
		t.Errorf("head: %+v", doc)
	}
	s := doc.Searched
	if s.Rules != 2 || s.MaxTransitions != 3 || !slices.Equal(s.GridDays, []int64{30, 90, 180}) || s.Given != 2 || s.Classes != 3 ||
		s.Eligible != 4 || s.Ineligible != 2 || s.NotPriced != 1 {
		t.Errorf("searched: %+v", s)
	}
	if doc.Standard == nil || *doc.Standard.Total != "50" || doc.Standard.Rank != 4 || *doc.Standard.Class != model.Standard {
		t.Errorf("standard: %+v", doc.Standard)
	}
	if doc.BestClass == nil || *doc.BestClass.MonthlyAverage != "15" || doc.BestClass.Plan != nil {
		t.Errorf("best class: %+v", doc.BestClass)
	}
	var ranks []float64
	for _, p := range doc.Plans {
		ranks = append(ranks, p["rank"].(float64))
	}
	if !slices.Equal(ranks, []float64{1, 3, 6}) {
		t.Errorf("ranks %v, want the best and the two given (3, 6)", ranks)
	}
	best := doc.Plans[0]
	if best["total"] != "20" || best["monthly_average"] != "10" || best["class"] != nil || best["given"] != false {
		t.Errorf("best: %v", best)
	}
	if m := best["monthly"].([]any); len(m) != 2 || m[0] != "8" || m[1] != "12" {
		t.Errorf("monthly: %v", m)
	}
	plan := best["plan"].(map[string]any)
	if plan["expire_days"] != 365.0 || len(plan["transitions"].([]any)) != 3 {
		t.Errorf("plan: %v", plan)
	}
	if v := doc.Plans[2]["violations"].([]any); len(v) != 2 {
		t.Errorf("violations: %v", v)
	}
	// Key order, as scripts and people read it.
	order := []string{`"workload"`, `"region"`, `"months"`, `"pricing"`, `"lifetime_days"`, `"searched"`, `"standard"`, `"best_class"`, `"plans"`}
	last := -1
	for _, k := range order {
		i := strings.Index(out, "\n  "+k)
		if i < last {
			t.Errorf("%s out of order", k)
		}
		last = i
	}
	entry := out[strings.Index(out, `"plans"`):]
	last = -1
	for _, k := range []string{"rank", "name", "plan", "class", "given", "eligible", "violations", "total", "monthly_average", "monthly"} {
		i := strings.Index(entry, `"`+k+`":`)
		if i < last {
			t.Errorf("plans: %s out of order", k)
		}
		last = i
	}

	// Null amounts for a candidate without figures, and a kept workload.
	r := handBuilt()
	r.Lifetime = 0
	r.Candidates[2].Priced = false
	out = render(t, "json", Report{Result: r, Top: 1})
	for _, s := range []string{`"lifetime_days": null`, `"total": null`, `"monthly_average": null`, `"monthly": [
        null,
        null
      ]`, `"expire_days": null`} {
		if !strings.Contains(out, s) {
			t.Errorf("no %s in\n%s", s, out)
		}
	}
}

// What --emit writes for each kind of best.
func TestToEmit(t *testing.T) {
	r := handBuilt()
	got, note, err := r.ToEmit()
	if err != nil {
		t.Fatal(err)
	}
	if got.Expiration != 365*day || len(got.Lifecycle.Transitions) != 3 || got.Lifecycle.Transitions[2].Class != model.DeepArchive {
		t.Errorf("rule: %+v", got)
	}
	if want := "emitting STANDARD → STANDARD_IA@30d → GLACIER_IR@90d → DEEP_ARCHIVE@180d → expire@1y at $10.00/month, $5.00/month (33.3%) less than the best single class, GLACIER_IR. " +
		"Before applying it: it applies to every object of the bucket (no prefix filter: add one to narrow it), and DELETES each object at 1y (the workload's lifetime); " +
		"applying it replaces every lifecycle rule the bucket has, so add it to the bucket's current rules (aws s3api get-bucket-lifecycle-configuration) to keep them."; note != want {
		t.Errorf("note %q", note)
	}
	var buf bytes.Buffer
	if err := EmitFormats.Render(&buf, "lifecycle-json", got); err != nil || !strings.Contains(buf.String(), `"ID": "s3cost-STANDARD_IA-30d-GLACIER_IR-90d-DEEP_ARCHIVE-180d-expire-365d"`) {
		t.Errorf("lifecycle-json (%v):\n%s", err, buf.String())
	}

	// STANDARD alone: a rule that only expires, with a lifetime.
	std := r
	std.Candidates = []Candidate{r.Candidates[3]}
	std.Standard, std.BestClass = &std.Candidates[0], &std.Candidates[0]
	got, note, err = std.ToEmit()
	if err != nil || len(got.Lifecycle.Transitions) != 0 || got.Expiration != 365*day || !strings.Contains(note, "only expires objects at 1y") {
		t.Errorf("STANDARD alone: %+v, %q, %v", got, note, err)
	}
	std.Lifetime = 0
	if _, _, err := std.ToEmit(); !errors.Is(err, exit.ErrNothingPriced) || !strings.Contains(err.Error(), "objects are kept") {
		t.Errorf("STANDARD alone, kept: %v", err)
	}
	// Another class alone: no rule can say it.
	gir := r
	gir.Candidates = []Candidate{r.Candidates[1], r.Candidates[0]}
	gir.Candidates[1].Total = d("40")
	gir.Candidates[1].Monthly = []decimal.Decimal{d("20"), d("20")}
	gir.BestClass = &gir.Candidates[0]
	_, _, err = gir.ToEmit()
	if !errors.Is(err, exit.ErrNothingPriced) || !strings.Contains(err.Error(), "no lifecycle rule beats GLACIER_IR alone ($15.00/month); the best rule, STANDARD → STANDARD_IA@30d → GLACIER_IR@90d → DEEP_ARCHIVE@180d → expire@1y, costs $5.00/month more: upload objects to GLACIER_IR") {
		t.Errorf("GLACIER_IR alone: %v", err)
	}
	// Nothing eligible.
	none := handBuilt()
	none.Candidates = none.Candidates[4:]
	if _, _, err := none.ToEmit(); !errors.Is(err, exit.ErrNothingPriced) || !strings.Contains(err.Error(), "meets the requirements") {
		t.Errorf("nothing eligible: %v", err)
	}
}

// Every shipped example (each dataset) fits 120 columns, with the default
// --top and a long one.
func TestExamplesFit(t *testing.T) {
	sheets, err := pricing.Load(pricing.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	ex := workloads.ExampleFS()
	names, err := fs.Glob(ex, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatal(names, err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(ex, name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := workloads.DecodeFile(name, data, workloads.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range f.Datasets {
			sheet, err := sheets.Region(w.Region)
			if err != nil {
				t.Fatal(err)
			}
			// A grid of four ages, three of three digits: the longest rule
			// names the default grid makes ("@545d"), in a search a tenth
			// the size (this runs under the race detector).
			res := Search(w, sheet, Options{Grid: []time.Duration{30 * model.Day, 180 * model.Day, 365 * model.Day, 545 * model.Day}})
			checkWidth(t, render(t, "table", Report{Result: res, Top: 40}))
		}
	}
}
