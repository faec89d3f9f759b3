package report

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/s3cost/s3cost/internal/report/reporttest"
	"github.com/s3cost/s3cost/model"
)

// regionsComparison: an archive ranked across four regions (--region
// a,b,c,d), one month (the monthly average is the total), 10,000 GB and
// 10,000 PUTs (10 x 1K):
//
//	DEEP_ARCHIVE us-east-1       10,000 x 0.00099 = 9.90                      =  9.90
//	DEEP_ARCHIVE eu-west-1       9.90 + 10 x 0.055 (PUT, derived)  = 9.90 + 0.55 = 10.45
//	DEEP_ARCHIVE af-south-1      10,000 x 0.0018 (derived) = 18.00, + 10 x 0.06 (derived) = 0.60 -> 18.60
//	DEEP_ARCHIVE ap-southeast-7  10,000 x 0.002 (derived) = 20.00, + 10 x 0.06 (derived) = 0.60 -> 20.60
//	GLACIER_IR   us-east-1       10,000 x 0.004 = 40.00
//	EXPRESS_ONEZONE af-south-1   not offered
//
// Summary: 10.45 - 9.90 = 0.55 -> $0.55, 0.55 / 10.45 = 0.05263... -> 5.3%.
// The af-south-1 sheet is older (2025-08-28) than the others (2025-10-22).
func regionsComparison() model.Comparison {
	const m = 1
	in := func(e model.Estimate, region string, derived ...string) model.Estimate {
		e.Region, e.Home, e.Derived = region, region == "us-east-1", derived
		return e
	}
	storage, put := "classes.DEEP_ARCHIVE.storage", "classes.DEEP_ARCHIVE.put_per_1k"
	restoreNote := "every read restores the whole object (standard tier) and keeps the restored copy for 1 day, billed at the STANDARD storage rate in the region"
	return model.Comparison{
		Workload: "archive",
		Region:   "us-east-1, eu-west-1, af-south-1, ap-southeast-7",
		Currency: "USD",
		Months:   m,
		Pricing: model.PricingInfo{
			Sheet: "aws/us-east-1 (2025-10-22), aws/eu-west-1 (2025-10-22), aws/af-south-1 (2025-08-28), aws/ap-southeast-7 (2025-10-22)",
			AsOf:  "2025-08-28", Source: "https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/s3/USD/current/s3.json",
		},
		Encryption: model.Encryption{Type: model.SSEKMS, Key: model.CustomerManagedKey, Keys: 1, Rotation: true,
			RotationPeriod: model.DefaultRotationPeriod, Requesters: 1, BucketKeyReuse: model.DefaultBucketKeyReuse},
		Results: []model.Estimate{
			in(est(model.DeepArchive, m, nil, []string{restoreNote},
				line("storage", "10000", "GB-Mo", "0.00099"), line("requests.put", "10", "1K requests", "0")), "us-east-1"),
			in(est(model.DeepArchive, m, nil, nil,
				line("storage", "10000", "GB-Mo", "0.00099"), line("requests.put", "10", "1K requests", "0.055")), "eu-west-1", put),
			in(est(model.DeepArchive, m, nil, nil,
				line("storage", "10000", "GB-Mo", "0.0018"), line("requests.put", "10", "1K requests", "0.06")), "af-south-1", storage, put),
			in(est(model.DeepArchive, m, nil, nil,
				line("storage", "10000", "GB-Mo", "0.002"), line("requests.put", "10", "1K requests", "0.06")), "ap-southeast-7", storage, put),
			in(est(model.GlacierIR, m, nil, nil, line("storage", "10000", "GB-Mo", "0.004")), "us-east-1"),
			in(notOfferedEst(model.ExpressOneZone, m, "af-south-1"), "af-south-1"),
		},
	}
}

const (
	regionsHeading  = "archive in 4 regions, 1 month (prices: aws/<region> sheets as of 2025-08-28 to 2025-10-22)"
	derivedEUWest1  = "* priced with a derived price in eu-west-1 (rule in `s3cost pricing show eu-west-1`): classes.DEEP_ARCHIVE.put_per_1k"
	derivedTwoLines = "* priced with a derived price in af-south-1, ap-southeast-7 (rule in `s3cost pricing show REGION`):\n" +
		"  classes.DEEP_ARCHIVE.storage, classes.DEEP_ARCHIVE.put_per_1k"
)

func TestDerivedTable(t *testing.T) {
	out := render(t, "table", regionsComparison())
	if !strings.HasPrefix(out, regionsHeading+"\n") {
		t.Errorf("heading: want %q:\n%s", regionsHeading, out)
	}
	_, rows := tableHeader(t, out)
	// RANK, REGION, CLASS: rows resting on a derived price are marked.
	var marked []string
	for _, r := range rows {
		if strings.HasSuffix(r[2], " *") {
			marked = append(marked, r[1]+" "+r[2])
		}
	}
	if want := []string{"eu-west-1 DEEP_ARCHIVE *", "af-south-1 DEEP_ARCHIVE *", "ap-southeast-7 DEEP_ARCHIVE *"}; !slices.Equal(marked, want) {
		t.Errorf("marked rows %q, want %q", marked, want)
	}
	// Under the table: what the columns cover, the reasons classes are not
	// ranked, then the derived prices.
	if !strings.Contains(out, "+\nMONTHLY is the average month; TOTAL and the cost columns are sums over 1 month.\n[1] not offered in af-south-1\n"+derivedEUWest1+"\n"+derivedTwoLines+"\n\n") {
		t.Errorf("no footnotes under the table:\n%s", out)
	}
	for _, want := range []string{
		"Cheapest: DEEP_ARCHIVE in us-east-1 at $9.90/month (of the classes offered); $0.55/month (5.3%) less than DEEP_ARCHIVE\n  in eu-west-1.\n",
		"Left out: not offered in af-south-1: EXPRESS_ONEZONE.\n",
		// A key new at month 0 is "new", not "0s old".
		"encryption: SSE-KMS, 1 customer managed key, rotated every 1y, new at month 0, no S3 Bucket Key\n",
		// The winner's note is wrapped like the verdict.
		"note: DEEP_ARCHIVE in us-east-1: every read restores the whole object (standard tier) and keeps the restored copy for 1\n  day, billed at the STANDARD storage rate in the region\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	assertProseWidth(t, out)
}

// assertProseWidth: every line that is not a table row fits in 120 columns.
func assertProseWidth(t *testing.T, out string) {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "|") || strings.HasPrefix(l, "+") {
			continue
		}
		if n := utf8.RuneCountInString(l); n > maxLineWidth {
			t.Errorf("%d columns: %s", n, l)
		}
	}
}

func TestDerivedSingleRegion(t *testing.T) {
	c := leftOutComparison()
	c.Results[1].Derived = []string{"classes.GLACIER_IR.put_per_1k", "classes.GLACIER_IR.storage"}
	// A class without amounts is never marked, whatever it lists.
	c.Results[2].Derived = []string{"classes.DEEP_ARCHIVE.storage"}
	out := render(t, "table", c)
	want := "* priced with a derived price (rule in `s3cost pricing show eu-west-1`): classes.GLACIER_IR.put_per_1k,\n  classes.GLACIER_IR.storage\n"
	if !strings.Contains(out, want) || strings.Count(out, "GLACIER_IR *") != 1 || strings.Contains(out, "DEEP_ARCHIVE *") {
		t.Errorf("want GLACIER_IR marked once and the footnote %q:\n%s", want, out)
	}
	md := render(t, "markdown", c)
	if !strings.Contains(md, "| GLACIER_IR *") || !strings.Contains(md, "\n\n\\"+want+"\n") {
		t.Errorf("markdown lacks the mark or the escaped footnote:\n%s", md)
	}
	// Without a derived price, no mark and no footnote.
	if out := render(t, "table", leftOutComparison()); strings.Contains(out, "derived") || strings.Contains(out, " *") {
		t.Errorf("a footnote without derived prices:\n%s", out)
	}
}

func TestDerivedMarkdown(t *testing.T) {
	out := render(t, "markdown", regionsComparison())
	for _, want := range []string{
		"archive in 4 regions over 1 month.\n",
		"| ap-southeast-7 | DEEP_ARCHIVE *      |",
		"\n\\" + derivedEUWest1 + "\n\\" + derivedTwoLines + "\n",
		"Prices: aws/<region> sheets as of 2025-08-28 to 2025-10-22 (source: <",
		"- DEEP_ARCHIVE in us-east-1: every read restores the whole object (standard tier) and keeps the restored copy for 1\n  day, billed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "aws/eu-west-1") {
		t.Errorf("markdown lists the sheets of more than 3 regions:\n%s", out)
	}
}

func TestRegionsCSV(t *testing.T) {
	records, err := csv.NewReader(strings.NewReader(render(t, "csv", regionsComparison()))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(records[0][:4], ","), "rank,region,class,eligible"; got != want {
		t.Errorf("header starts %s, want %s", got, want)
	}
	derived := slices.Index(records[0], "derived")
	if derived != len(records[0])-1 {
		t.Fatalf("derived is column %d of %q, want the last", derived, records[0])
	}
	type row struct{ rank, region, class, total, derived string }
	var got []row
	for _, r := range records[1:] {
		got = append(got, row{r[0], r[1], r[2], r[5], r[derived]})
	}
	want := []row{
		{"1", "us-east-1", "DEEP_ARCHIVE", "9.9", ""},
		{"2", "eu-west-1", "DEEP_ARCHIVE", "10.45", "classes.DEEP_ARCHIVE.put_per_1k"},
		{"3", "af-south-1", "DEEP_ARCHIVE", "18.6", "classes.DEEP_ARCHIVE.storage;classes.DEEP_ARCHIVE.put_per_1k"},
		{"4", "ap-southeast-7", "DEEP_ARCHIVE", "20.6", "classes.DEEP_ARCHIVE.storage;classes.DEEP_ARCHIVE.put_per_1k"},
		{"5", "us-east-1", "GLACIER_IR", "40", ""},
		// Not offered: not ranked, no amounts.
		{"", "af-south-1", "EXPRESS_ONEZONE", "", ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
	// One region: no region column.
	one, err := csv.NewReader(strings.NewReader(render(t, "csv", leftOutComparison()))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(one[0], "region") {
		t.Errorf("a one-region CSV has a region column: %q", one[0])
	}
}

func TestRegionsJSONKeepsTheFullLists(t *testing.T) {
	c := regionsComparison()
	out := render(t, "json", c)
	var doc jsonDoc
	reporttest.DecodeStrict(t, out, &doc)
	if doc.Region != c.Region || doc.Pricing.Sheet != c.Pricing.Sheet {
		t.Errorf("region %q sheet %q, want the full lists", doc.Region, doc.Pricing.Sheet)
	}
	if d := doc.Results[2].Derived; !slices.Equal(d, []string{"classes.DEEP_ARCHIVE.storage", "classes.DEEP_ARCHIVE.put_per_1k"}) {
		t.Errorf("af-south-1 derived %q", d)
	}
}

func TestHeadingRegions(t *testing.T) {
	c := regionsComparison()
	// Three regions are still named, with each sheet.
	three := c
	three.Region = "us-east-1, eu-west-1, af-south-1"
	three.Pricing.Sheet = "aws/us-east-1 (2025-10-22), aws/eu-west-1 (2025-10-22), aws/af-south-1 (2025-08-28)"
	three.Results = c.Results[:3]
	if got, want := heading(three), "archive in us-east-1, eu-west-1, af-south-1, 1 month (prices: aws/us-east-1 (2025-10-22), aws/eu-west-1 (2025-10-22), aws/af-south-1 (2025-08-28) as of 2025-08-28)"; got != want {
		t.Errorf("heading\n%s\nwant\n%s", got, want)
	}
	// Every sheet of the same date; a custom sheet is named; a discount said.
	same := c
	same.Pricing.Sheet = "aws/us-east-1 (2025-10-22), acme/eu-west-1 (2025-10-22), aws/af-south-1 (2025-10-22), aws/ap-southeast-7 (2025-10-22)"
	same.Pricing.Discount = "7%"
	if got, want := heading(same), "archive in 4 regions, 1 month (prices: aws/<region> sheets, acme/eu-west-1 as of 2025-10-22, less a 7% discount)"; got != want {
		t.Errorf("heading\n%s\nwant\n%s", got, want)
	}
}
