package report

import (
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/s3cost/s3cost/internal/report/reporttest"
	"github.com/s3cost/s3cost/model"
)

var (
	unpricedEst   = reporttest.UnpricedEst
	notOfferedEst = reporttest.NotOfferedEst
)

// leftOutComparison: an archive in eu-west-1 over one month (the monthly
// average is the total) whose custom sheet prices GLACIER and GLACIER_IR
// only, and lists EXPRESS_ONEZONE as not offered.
//
//	GLACIER     10,000 GB-Mo x 0.0036 = 36.00
//	GLACIER_IR  10,000 GB-Mo x 0.005  = 50.00
//	DEEP_ARCHIVE, ONEZONE_IA  not priced; EXPRESS_ONEZONE not offered
//
// Summary: 50 - 36 = 14 -> $14.00, 14 / 50 = 28.0%.
func leftOutComparison() model.Comparison {
	const m = 1
	const region, sheet = "eu-west-1", "acme/eu-west-1"
	return model.Comparison{
		Workload: "archive",
		Region:   region,
		Currency: "USD",
		Months:   m,
		Pricing:  model.PricingInfo{Sheet: sheet, AsOf: "2026-01-01", Source: "our enterprise agreement"},
		Notes:    []string{"reads need a restore in GLACIER and DEEP_ARCHIVE; restore tier: standard"},
		Results: []model.Estimate{
			est(model.Glacier, m, nil, nil, line("storage", "10000", "GB-Mo", "0.0036")),
			est(model.GlacierIR, m, nil, nil, line("storage", "10000", "GB-Mo", "0.005")),
			unpricedEst(model.DeepArchive, m, region, sheet, "classes.DEEP_ARCHIVE.storage", "classes.DEEP_ARCHIVE.put_per_1k"),
			unpricedEst(model.OneZoneIA, m, region, sheet, "classes.ONEZONE_IA.put_per_1k"),
			notOfferedEst(model.ExpressOneZone, m, region),
		},
	}
}

const (
	leftOutVerdict = "Cheapest: GLACIER at $36.00/month (of the classes priced); $14.00/month (28.0%) less than GLACIER_IR."
	leftOutNamed   = "Left out: not priced in eu-west-1: DEEP_ARCHIVE, ONEZONE_IA; not offered in eu-west-1: EXPRESS_ONEZONE."
)

func TestLeftOutTable(t *testing.T) {
	out := render(t, "table", leftOutComparison())
	if !strings.Contains(out, "\n"+leftOutVerdict+"\n"+leftOutNamed+"\n") {
		t.Errorf("table lacks the verdict with what it left out:\n%s", out)
	}
	_, rows := tableHeader(t, out)
	for _, r := range rows[2:] {
		// RANK, CLASS, MONTHLY, TOTAL, STORAGE: no amounts, never $0.00.
		if r[0] != "-" || r[2] != "-" || r[3] != "-" || r[4] != "-" {
			t.Errorf("%s: row %q, want '-' for rank and amounts", r[1], r)
		}
	}
	// The reason is a numbered footnote under the table, not a column.
	if class := rows[4][1]; class != "EXPRESS_ONEZONE [3]" || !strings.Contains(out, "\n[3] not offered in eu-west-1\n") {
		t.Errorf("EXPRESS_ONEZONE %q, footnote missing:\n%s", class, out)
	}
	if strings.Contains(out, "$0.00") {
		t.Errorf("a class without amounts shows $0.00:\n%s", out)
	}
}

func TestLeftOutMarkdown(t *testing.T) {
	out := render(t, "markdown", leftOutComparison())
	// One paragraph: the cheapest class never without what it was not compared with.
	if want := "**" + leftOutVerdict + "** " + leftOutNamed + "\n\n"; !strings.Contains(out, want) {
		t.Errorf("markdown lacks %q:\n%s", want, out)
	}
}

func TestLeftOutJSON(t *testing.T) {
	out := render(t, "json", leftOutComparison())
	var doc jsonDoc
	reporttest.DecodeStrict(t, out, &doc)
	type entry struct{ class, region, reason, missing string }
	var got []entry
	for _, l := range doc.LeftOut {
		got = append(got, entry{l.Class, l.Region, l.Reason, strings.Join(l.Missing, ",")})
		if l.Missing == nil {
			t.Errorf("%s: missing is null", l.Class)
		}
	}
	want := []entry{
		{"DEEP_ARCHIVE", "eu-west-1", "not_priced", "classes.DEEP_ARCHIVE.storage,classes.DEEP_ARCHIVE.put_per_1k"},
		{"ONEZONE_IA", "eu-west-1", "not_priced", "classes.ONEZONE_IA.put_per_1k"},
		{"EXPRESS_ONEZONE", "eu-west-1", "not_offered", ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("left_out = %+v\nwant       %+v", got, want)
	}
	for _, r := range doc.Results {
		if r.NotOffered != (r.Class == "EXPRESS_ONEZONE") {
			t.Errorf("%s: not_offered %v", r.Class, r.NotOffered)
		}
	}
}

func TestLeftOutCSV(t *testing.T) {
	records, err := csv.NewReader(strings.NewReader(render(t, "csv", leftOutComparison()))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := records[0]
	status, total := slices.Index(header, "status"), slices.Index(header, "total")
	want := map[string]string{"GLACIER": "priced", "GLACIER_IR": "priced", "DEEP_ARCHIVE": "not_priced", "ONEZONE_IA": "not_priced", "EXPRESS_ONEZONE": "not_offered"}
	for _, r := range records[1:] {
		if r[status] != want[r[1]] {
			t.Errorf("%s: status %q, want %q", r[1], r[status], want[r[1]])
		}
		if (r[total] == "") != (want[r[1]] != "priced") {
			t.Errorf("%s: total %q (empty exactly when there are no amounts)", r[1], r[total])
		}
	}
}

func TestSummaryLeftOut(t *testing.T) {
	const m, region, sheet = 1, "eu-west-1", "acme/eu-west-1"
	cls := func(id model.ClassID, total string, violations ...string) model.Estimate {
		return est(id, m, violations, nil, line("storage", total, "GB-Mo", "1"))
	}
	comp := func(results ...model.Estimate) model.Comparison {
		return model.Comparison{Months: m, Region: region, Results: results}
	}
	std := unpricedEst(model.Standard, m, region, sheet, "classes.STANDARD.storage")
	express := notOfferedEst(model.ExpressOneZone, m, region)
	tests := []struct {
		name       string
		c          model.Comparison
		want, left string
	}{
		{
			// The others are left out, not ineligible; an unpriced
			// STANDARD is not said to miss the requirements.
			"one priced",
			comp(cls(model.GlacierIR, "4"), std, express),
			"Cheapest: GLACIER_IR at $4.00/month (of the classes priced); the only class priced.",
			"Left out: not priced in eu-west-1: STANDARD; not offered in eu-west-1: EXPRESS_ONEZONE.",
		},
		{
			// 5 - 4 = 1, 1 / 5 = 20.0%.
			"STANDARD unpriced is not 'does not meet the requirements'",
			comp(cls(model.GlacierIR, "4"), cls(model.StandardIA, "5"), std),
			"Cheapest: GLACIER_IR at $4.00/month (of the classes priced); $1.00/month (20.0%) less than STANDARD_IA.",
			"Left out: not priced in eu-west-1: STANDARD.",
		},
		{
			"nothing priced",
			comp(std, express),
			"No class could be priced in eu-west-1: not priced: STANDARD; not offered: EXPRESS_ONEZONE.",
			"",
		},
		{
			"nothing offered",
			comp(express),
			"No class could be priced in eu-west-1: not offered: EXPRESS_ONEZONE.",
			"",
		},
		{
			"priced ones miss the requirements",
			comp(cls(model.Glacier, "1", "slow"), std),
			"No class priced meets the requirements.",
			"Left out: not priced in eu-west-1: STANDARD.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summary(tt.c); got != tt.want {
				t.Errorf("summary:\n got %s\nwant %s", got, tt.want)
			}
			if got := leftOutLine(tt.c); got != tt.left {
				t.Errorf("left out:\n got %q\nwant %q", got, tt.left)
			}
		})
	}
}

// With several regions, regions that leave out the same classes for the
// same reason share a group, so that --region all stays readable.
func TestLeftOutTextRegions(t *testing.T) {
	inRegion := func(e model.Estimate, region string) model.Estimate {
		e.Region = region
		return e
	}
	c := model.Comparison{Months: 1, Region: "us-east-1, eu-west-1, eu-west-2", Results: []model.Estimate{
		inRegion(est(model.Standard, 1, nil, nil, line("storage", "1", "GB-Mo", "1")), "us-east-1"),
		inRegion(unpricedEst(model.OneZoneIA, 1, "eu-west-2", "aws/eu-west-2", "classes.ONEZONE_IA.put_per_1k"), "eu-west-2"),
		inRegion(notOfferedEst(model.ExpressOneZone, 1, "eu-west-1"), "eu-west-1"),
		inRegion(notOfferedEst(model.ExpressOneZone, 1, "eu-west-2"), "eu-west-2"),
	}}
	want := "not priced in eu-west-2: ONEZONE_IA; not offered in eu-west-1, eu-west-2: EXPRESS_ONEZONE"
	if got := leftOutText(leftOut(c), false); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := summary(c); !strings.HasPrefix(got, "Cheapest: STANDARD in us-east-1 at $1.00/month (of the classes priced);") {
		t.Errorf("summary %s", got)
	}
	// Nothing priced in any region: the verdict names each region.
	c.Results = c.Results[1:]
	if got, want := summary(c), "No class could be priced in any of us-east-1, eu-west-1, eu-west-2: "+want+"."; got != want {
		t.Errorf("summary\n got %s\nwant %s", got, want)
	}
}

// A long list of what was left out wraps under 120 columns, continuation
// lines indented, no word lost.
func TestLeftOutWraps(t *testing.T) {
	c := model.Comparison{Months: 1, Region: "many", Pricing: pricingUSEast1()}
	c.Results = append(c.Results, est(model.Standard, 1, nil, nil, line("storage", "1", "GB-Mo", "1")))
	var regions []string
	for i := range 30 {
		r := fmt.Sprintf("xx-region-%d", i)
		regions = append(regions, r)
		e := notOfferedEst(model.ExpressOneZone, 1, r)
		e.Region = r
		c.Results = append(c.Results, e)
	}
	out := render(t, "table", c)
	words := 0
	for _, l := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(l); n >= 120 && !strings.HasPrefix(l, "|") && !strings.HasPrefix(l, "+") {
			t.Errorf("%d columns: %s", n, l)
		}
		for _, r := range regions {
			if strings.Contains(l, r+",") || strings.HasSuffix(l, r+":") || strings.Contains(l, r+":") {
				words++
			}
		}
	}
	if words != len(regions) {
		t.Errorf("%d of %d regions named:\n%s", words, len(regions), out)
	}
	if !strings.Contains(out, "\n  ") {
		t.Errorf("no continuation line:\n%s", out)
	}
}

func TestWrapLine(t *testing.T) {
	short := "Cheapest: STANDARD at $1.00/month; the only class compared."
	if got := WrapLine(short); !slices.Equal(got, []string{short}) {
		t.Errorf("short line wrapped: %q", got)
	}
	long := strings.Repeat("abcd ", 30) // 150 columns
	got := WrapLine(long)
	if len(got) != 2 || utf8.RuneCountInString(got[0]) > maxLineWidth || !strings.HasPrefix(got[1], "  abcd") {
		t.Errorf("wrapped = %q", got)
	}
	if strings.Join(strings.Fields(strings.Join(got, " ")), " ") != strings.TrimSpace(long) {
		t.Error("words lost or reordered")
	}
}

func TestExplainNotPriced(t *testing.T) {
	c := leftOutComparison()
	text, js := renderExplain(t, c, model.DeepArchive)
	for _, want := range []string{
		"DEEP_ARCHIVE for archive in eu-west-1, 1 month (prices: acme/eu-west-1 as of 2026-01-01)\n",
		"not priced in eu-west-1: the acme/eu-west-1 sheet lacks 2 prices this workload needs in DEEP_ARCHIVE:\n" +
			"- classes.DEEP_ARCHIVE.storage\n- classes.DEEP_ARCHIVE.put_per_1k\n",
		"Assumptions:\n- reads need a restore",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("explain lacks %q:\n%s", want, text)
		}
	}
	for _, absent := range []string{"$", "total", "Month by month", "Rules that applied", "eligible:"} {
		if strings.Contains(text, absent) {
			t.Errorf("explain of an unpriced class shows %q:\n%s", absent, text)
		}
	}
	var doc jsonExplainDoc
	reporttest.DecodeStrict(t, js, &doc)
	if doc.Total != nil || len(doc.Lines) != 0 || len(doc.Monthly) != 0 || len(doc.Rules) != 0 || doc.NotOffered ||
		!slices.Equal(doc.Unpriced, []string{"classes.DEEP_ARCHIVE.storage", "classes.DEEP_ARCHIVE.put_per_1k"}) {
		t.Errorf("explain JSON of an unpriced class: %s", js)
	}
	if doc.Lines == nil || doc.Monthly == nil || doc.Rules == nil {
		t.Errorf("null arrays in:\n%s", js)
	}

	text, js = renderExplain(t, c, model.ExpressOneZone)
	if want := "\nnot offered in eu-west-1: the region does not sell EXPRESS_ONEZONE, so there is nothing to price.\n"; !strings.Contains(text, want) {
		t.Errorf("explain lacks %q:\n%s", want, text)
	}
	if strings.Contains(text, "$") || strings.Contains(text, "not priced") {
		t.Errorf("not offered explained as priced or not priced:\n%s", text)
	}
	reporttest.DecodeStrict(t, js, &doc)
	if !doc.NotOffered || doc.Total != nil {
		t.Errorf("explain JSON of a class not offered: %s", js)
	}
}

// A class that misses a requirement is no candidate, priced or not: it is
// not "left out" of the answer. With only a class not offered left out,
// the verdict says "of the classes offered".
func TestLeftOutIgnoresClassesMissingRequirements(t *testing.T) {
	c := leftOutComparison()
	for i := range c.Results {
		if c.Results[i].Class == model.DeepArchive {
			// DEEP_ARCHIVE cannot answer in a second anyway.
			c.Results[i].Requirements = []string{"first byte too slow (standard restore: within 12 hours); required within 1s"}
		}
		if c.Results[i].Class == model.OneZoneIA {
			c.Results[i].Requirements = []string{"stores data in 1 AZ, fewer than the required 3"}
		}
	}
	got := summary(c)
	want := "Cheapest: GLACIER at $36.00/month (of the classes offered); $14.00/month (28.0%) less than GLACIER_IR."
	if got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if got := leftOutText(leftOut(c), false); got != "not offered in eu-west-1: EXPRESS_ONEZONE" {
		t.Errorf("left out %q", got)
	}
	// Nothing priced, and everything unpriced misses a requirement.
	c.Results = c.Results[2:4]
	if got := summary(c); got != "No class meets the requirements, and none could be priced." {
		t.Errorf("summary %q", got)
	}
}
