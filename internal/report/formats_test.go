package report

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
)

func TestFormatsRender(t *testing.T) {
	var got []string
	fs := Formats[int]{
		{Name: "a", Write: func(_ io.Writer, v int) error { got = append(got, "a"); return nil }},
		{Name: "b", Write: func(_ io.Writer, v int) error { got = append(got, "b"); return nil }},
	}
	if names := fs.Names(); !slices.Equal(names, []string{"a", "b"}) {
		t.Errorf("Names = %q", names)
	}
	if err := fs.Render(io.Discard, "b", 1); err != nil || !slices.Equal(got, []string{"b"}) {
		t.Errorf("Render b: %v, wrote %q", err, got)
	}
	err := fs.Render(io.Discard, "c", 1)
	if !errors.Is(err, ErrUnknownFormat) || !errors.Is(err, exit.ErrInput) || err.Error() != `unknown output format "c" (valid: a, b)` {
		t.Errorf("Render c: %v", err)
	}
}

// Several comparisons: JSON is an array of the single-comparison documents,
// CSV one table under one header with a leading workload column, tables one
// after another.
func TestSeveralComparisons(t *testing.T) {
	a, b := mainComparison(), standardWins()
	a.Workload, b.Workload = "team/logs", "team/images"
	both := []model.Comparison{a, b}

	var arr []json.RawMessage
	if err := json.Unmarshal([]byte(renderAll(t, "json", both)), &arr); err != nil || len(arr) != 2 {
		t.Fatalf("JSON of two comparisons is not an array of two: %v", err)
	}
	for i, c := range both {
		var got, want any
		if err := json.Unmarshal(arr[i], &got); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(render(t, "json", c)), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("element %d differs from %s's own document", i, c.Workload)
		}
	}

	records, err := csv.NewReader(strings.NewReader(renderAll(t, "csv", both))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	one, err := csv.NewReader(strings.NewReader(render(t, "csv", a))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := append([]string{"workload"}, one[0]...); !slices.Equal(records[0], want) {
		t.Errorf("header %q, want %q", records[0], want)
	}
	if n := 1 + len(a.Results) + len(b.Results); len(records) != n {
		t.Fatalf("%d records, want one header and %d rows", len(records), n-1)
	}
	for i, r := range records[1:] {
		want := a.Workload
		if i >= len(a.Results) {
			want = b.Workload
		}
		if r[0] != want {
			t.Errorf("row %d: workload %q, want %q", i+1, r[0], want)
		}
	}
	if got, want := records[1][1:], one[1]; !slices.Equal(got, want) {
		t.Errorf("first row %q, want the single CSV's %q", got, want)
	}

	table := renderAll(t, "table", both)
	if want := render(t, "table", a) + "\n" + render(t, "table", b); table != want {
		t.Errorf("tables are not the two tables, a blank line apart:\n%s", table)
	}
}

func renderAll(t *testing.T, format string, cs []model.Comparison) string {
	t.Helper()
	var sb strings.Builder
	if err := ComparisonFormats.Render(&sb, format, cs); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return sb.String()
}

// A table fits its width: cost categories are left out, the cheapest
// first, and named under the table; Wide keeps them all.
func TestTableFitsWidth(t *testing.T) {
	c := mainComparison()
	// Every category costs something in the first class, so all nine
	// would be columns.
	for _, k := range model.BreakdownKeys() {
		c.Results[0].Lines = append(c.Results[0].Lines, line(k+".x", "1", "x", "0.5"))
	}
	var narrow, wide strings.Builder
	if err := ComparisonFormatsFor(Layout{Width: 120}).Render(&narrow, "table", []model.Comparison{c}); err != nil {
		t.Fatal(err)
	}
	if err := ComparisonFormatsFor(Layout{Width: 120, Wide: true}).Render(&wide, "table", []model.Comparison{c}); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(narrow.String(), "\n") {
		if n := len([]rune(l)); n > 120 {
			t.Errorf("%d columns: %s", n, l)
		}
	}
	if !strings.Contains(narrow.String(), "(--wide shows them)") {
		t.Errorf("no word of the columns left out:\n%s", narrow.String())
	}
	header, _ := tableHeader(t, wide.String())
	if len(header) != 4+len(model.BreakdownKeys()) {
		t.Errorf("--wide header %q, want every category", header)
	}
	// The categories left out are the cheapest: STORAGE (the largest) stays.
	if header, _ := tableHeader(t, narrow.String()); !slices.Contains(header, "STORAGE") {
		t.Errorf("narrow header %q lost STORAGE", header)
	}
}

// A name from a pull request cannot mention someone or open HTML in a
// Markdown report (issue 15, item 11).
func TestMarkdownEscapesMentionsAndHTML(t *testing.T) {
	c := mainComparison()
	c.Results[4].Violations = []string{"see @octocat <b>now</b>"}
	out := render(t, "markdown", c)
	if strings.Contains(out, "@octocat") || strings.Contains(out, "<b>") {
		t.Errorf("mention or HTML not escaped:\n%s", out)
	}
}

// The columns kept are those that tell the three cheapest eligible classes
// apart, not those an outlier spreads: GLACIER's huge retrieval must not
// keep RETRIEVAL in view while the requests that separate the front
// runners are hidden. A category every class pays alike is named with its
// amount when left out. Width 72 leaves room for STORAGE and one more.
func TestTableKeepsWhatSeparatesContenders(t *testing.T) {
	mk := func(class model.ClassID, storage, requests, retrieval string) model.Estimate {
		return est(class, 1, nil, nil,
			line("storage", "1", "GB-Mo", storage),
			line("requests.put", "1", "1K requests", requests),
			line("retrieval.bytes", "1", "GB", retrieval),
			line("transfer.internet", "1", "GB", "90"))
	}
	c := model.Comparison{Workload: "w", Region: "us-east-1", Currency: "USD", Months: 1, Pricing: pricingUSEast1(),
		Results: []model.Estimate{
			mk(model.Standard, "10", "1", "0"),
			mk(model.StandardIA, "5", "9", "1"),
			mk(model.GlacierIR, "4", "14", "2"),
			mk(model.Glacier, "1", "20", "100000"), // the outlier, fourth
		}}
	for i := range c.Results {
		c.Results[i].Eligible = true
	}
	var out strings.Builder
	if err := ComparisonFormatsFor(Layout{Width: 72}).Render(&out, "table", []model.Comparison{c}); err != nil {
		t.Fatal(err)
	}
	header, _ := tableHeader(t, out.String())
	// Among the first three, REQUESTS spreads 1..14 (13), RETRIEVAL 0..2,
	// TRANSFER 0: REQUESTS is what tells them apart.
	if !slices.Contains(header, "REQUESTS") || slices.Contains(header, "RETRIEVAL") {
		t.Errorf("header %q: want REQUESTS kept and RETRIEVAL left out\n%s", header, out.String())
	}
	if !strings.Contains(strings.Join(strings.Fields(out.String()), " "), "TRANSFER ($90.00 for every class)") {
		t.Errorf("no amount for TRANSFER, left out:\n%s", out.String())
	}
}

// A workload's name is the file's to choose: in Markdown it must not open
// an HTML comment (hiding the rest of a pull-request comment), mention a
// team, link or load an image, or format text (issue 15 item 11).
func TestMarkdownEscapesTheName(t *testing.T) {
	c := mainComparison()
	c.Workload = "x <!-- @org/team ![i](http://e/i.png) [l](http://e) &amp; *b* `c`"
	var b strings.Builder
	if err := ComparisonFormats.Render(&b, "markdown", []model.Comparison{c}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// "\](" is the escaped form; "](" left bare would make a link.
	bare := strings.NewReplacer(`\](`, "", `\*`, "", "\\`", "").Replace(out)
	for _, bad := range []string{"<!--", "@org", "](http", "*b*", "`c`"} {
		if strings.Contains(bare, bad) {
			t.Errorf("markdown holds %q:\n%.400s", bad, out)
		}
	}
	if !strings.Contains(out, "# S3 storage cost: x &lt;!-- &#64;org/team ![i\\](http://e/i.png) [l\\](http://e) &amp;amp; \\*b\\* \\`c\\`\n") {
		t.Errorf("heading not escaped as expected:\n%.300s", out)
	}
}

// A custom sheet's source in words is text in Markdown, not "<...>", which
// GitHub takes for an HTML tag and hides; a URL stays a link.
func TestMarkdownPricesSource(t *testing.T) {
	words := MarkdownPrices(model.PricingInfo{Sheet: "acme/us-east-1", AsOf: "2026-01-01", Source: "our enterprise agreement"}, "USD")
	if !strings.Contains(words, "(source: our enterprise agreement)") || strings.Contains(words, "<") {
		t.Errorf("words: %s", words)
	}
	url := MarkdownPrices(model.PricingInfo{Sheet: "aws/us-east-1", AsOf: "2025-10-22", Source: "https://aws.amazon.com/s3/pricing/"}, "USD")
	if !strings.Contains(url, "(source: <https://aws.amazon.com/s3/pricing/>)") {
		t.Errorf("url: %s", url)
	}
}
