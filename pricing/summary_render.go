package pricing

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/s3cost/s3cost/internal/report"
)

// ListFormats are the output formats of `s3cost pricing list`.
var ListFormats = report.Formats[[]Summary]{
	{Name: "table", Write: listTable},
	{Name: "json", Write: listJSON},
}

// ShowFormats are the output formats of `s3cost pricing show`.
var ShowFormats = report.Formats[Detail]{
	{Name: "table", Write: showTable},
	{Name: "json", Write: showJSON},
}

// listJSON and listTable write `s3cost pricing list`: every sheet with its date,
// source, the prices it leaves out (how many in the table, their names in
// JSON) and the classes its region does not sell. COMPLETE means the sheet
// has every price of the classes the region offers.
func listJSON(w io.Writer, sheets []Summary) error {
	type doc struct {
		Region   string   `json:"region"`
		Sheet    string   `json:"sheet"`
		AsOf     string   `json:"as_of"`
		Source   string   `json:"source"`
		Discount string   `json:"discount"`
		Missing  []string `json:"missing"`
		// NotOffered: the classes the region does not sell.
		NotOffered []string `json:"not_offered"`
	}
	out := []doc{}
	for _, s := range sheets {
		out = append(out, doc{s.Region, s.Sheet, s.AsOf, s.Source, s.Discount, report.NonNil(s.Missing), report.NonNil(s.NotOffered)})
	}
	return report.EncodeJSON(w, out)
}

func listTable(w io.Writer, sheets []Summary) error {
	// The names of the missing prices make a row hundreds of columns
	// wide: they are in --format json and `pricing show`; the table
	// counts them, so that 36 regions fit in 120 columns.
	bw := bufio.NewWriter(w)
	g := report.Grid{Headers: []string{"REGION", "SHEET", "AS OF", "COMPLETE", "NOT OFFERED"}, Numeric: []bool{false, false, false, false, false}}
	regionsNotOffering := 0
	for _, s := range sheets {
		complete := "yes"
		if len(s.Missing) > 0 {
			complete = fmt.Sprintf("no, %d missing", len(s.Missing))
		}
		if len(s.NotOffered) > 0 {
			regionsNotOffering++
		}
		g.Rows = append(g.Rows, []string{s.Region, s.Sheet, s.AsOf, complete, notOfferedCell(s.NotOffered)})
	}
	if err := report.RenderGrid(bw, g); err != nil {
		return err
	}
	report.WriteWrapped(bw, "COMPLETE: the sheet has every price of the classes its region offers; a class that needs a missing price is shown as not priced there.")
	report.WriteWrapped(bw, fmt.Sprintf("NOT OFFERED: the classes the region does not sell (in %d of %s), shown as not offered there.",
		regionsNotOffering, report.Plural(len(sheets), "region")))
	report.WriteWrapped(bw, "`s3cost pricing show REGION` (or --format json) names the missing prices. `s3cost pricing import` refreshes a region's prices from a newer S3 price feed or AWS Price List files (docs/pricing.md).")
	return bw.Flush()
}

// notOfferedCell is the NOT OFFERED cell of `pricing list`: the classes,
// or how many when their names would widen the table past 120 columns
// with 36 regions; "-" for none.
func notOfferedCell(classes []string) string {
	switch names := strings.Join(classes, ", "); {
	case len(classes) == 0:
		return "-"
	case len(names) <= 32:
		return names
	default:
		return fmt.Sprintf("%d classes", len(classes))
	}
}

// showJSON and showTable write every price of one sheet, then the prices
// it lacks and the classes its region does not sell.
func showJSON(w io.Writer, d Detail) error {
	s, items := d.Summary, d.Items
	doc := struct {
		Region   string   `json:"region"`
		Sheet    string   `json:"sheet"`
		AsOf     string   `json:"as_of"`
		Source   string   `json:"source"`
		Discount string   `json:"discount"`
		Prices   []Item   `json:"prices"`
		Missing  []string `json:"missing"`
		// NotOffered: the classes the region does not sell.
		NotOffered []string `json:"not_offered"`
	}{s.Region, s.Sheet, s.AsOf, s.Source, s.Discount, items, report.NonNil(s.Missing), report.NonNil(s.NotOffered)}
	if doc.Prices == nil {
		doc.Prices = []Item{}
	}
	return report.EncodeJSON(w, doc)
}

func showTable(w io.Writer, d Detail) error {
	s, items := d.Summary, d.Items
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s (%s), as of %s", s.Sheet, s.Region, s.AsOf)
	if s.Discount != "" {
		fmt.Fprintf(bw, "; discount %s applied", s.Discount)
	}
	fmt.Fprintf(bw, "\nsource: %s\n\n", s.Source)
	// Derived prices are marked in the table and their rules listed
	// under it; prices from another source than the sheet's are listed
	// by source, each with its date.
	g := report.Grid{Headers: []string{"ITEM", "PRICE", "UNIT"}, Numeric: []bool{false, true, false}}
	var rules []string
	type other struct {
		source, asOf string
		keys         []string
	}
	var others []*other
	for _, it := range items {
		price := it.Price
		if it.Derived != "" {
			price += " *"
			rules = append(rules, fmt.Sprintf("* %s: derived, %s", it.Key, it.Derived))
		}
		g.Rows = append(g.Rows, []string{it.Key, price, it.Unit})
		if it.Source == s.Source && it.AsOf == s.AsOf {
			continue
		}
		var o *other
		for _, x := range others {
			if x.source == it.Source && x.asOf == it.AsOf {
				o = x
			}
		}
		if o == nil {
			o = &other{source: it.Source, asOf: it.AsOf}
			others = append(others, o)
		}
		o.keys = append(o.keys, it.Key)
	}
	if len(items) > 0 {
		// No table of nothing: a class filtered to no price is not
		// offered, or lacks its prices (said below).
		if err := report.RenderGrid(bw, g); err != nil {
			return err
		}
	}
	for _, r := range rules {
		for _, l := range report.WrapLine(r) {
			fmt.Fprintln(bw, l)
		}
	}
	if len(others) > 0 {
		fmt.Fprintln(bw, "Every price is from the source above unless listed here:")
		for _, o := range others {
			for _, l := range report.WrapLine(fmt.Sprintf("%s (as of %s): %s", o.source, o.asOf, strings.Join(o.keys, ", "))) {
				fmt.Fprintln(bw, "  "+l)
			}
		}
	}
	if len(s.Missing) > 0 {
		for _, l := range report.WrapLine("not in this sheet: " + strings.Join(s.Missing, ", ")) {
			fmt.Fprintln(bw, l)
		}
	}
	if len(s.NotOffered) > 0 {
		report.WriteWrapped(bw, fmt.Sprintf("not offered in %s: %s", s.Region, strings.Join(s.NotOffered, ", ")))
	}
	if len(items) == 0 && len(s.Missing) == 0 && len(s.NotOffered) == 0 {
		fmt.Fprintln(bw, "no prices")
	}
	return bw.Flush()
}
