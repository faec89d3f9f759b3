package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/s3cost/s3cost/model"
)

// SheetList writes `s3cost pricing list`: every sheet with its date,
// source and the prices it leaves out.
func SheetList(w io.Writer, format string, sheets []model.SheetSummary) error {
	switch format {
	case "json":
		type doc struct {
			Region   string   `json:"region"`
			Sheet    string   `json:"sheet"`
			AsOf     string   `json:"as_of"`
			Source   string   `json:"source"`
			Discount string   `json:"discount"`
			Missing  []string `json:"missing"`
		}
		out := []doc{}
		for _, s := range sheets {
			out = append(out, doc{s.Region, s.Sheet, s.AsOf, s.Source, s.Discount, nonNil(s.Missing)})
		}
		return encodeJSON(w, out)
	case "table":
		bw := bufio.NewWriter(w)
		g := grid{headers: []string{"REGION", "SHEET", "AS OF", "COMPLETE", "MISSING"}, numeric: []bool{false, false, false, false, false}}
		for _, s := range sheets {
			complete := "yes"
			if len(s.Missing) > 0 {
				complete = fmt.Sprintf("%d missing", len(s.Missing))
			}
			g.rows = append(g.rows, []string{s.Region, s.Sheet, s.AsOf, complete, shortMissing(s.Missing)})
		}
		if err := renderGrid(bw, g); err != nil {
			return err
		}
		fmt.Fprintln(bw, "A class that needs a missing price is shown as not priced in that region; `s3cost pricing show REGION` lists every price, `s3cost pricing import` builds a complete sheet from AWS's Price List files.")
		return bw.Flush()
	}
	return unknownFormat(format, []string{"table", "json"})
}

// shortMissing keeps the MISSING column readable: keys grouped by class,
// "INTELLIGENT_TIERING: put, get; transfer: internet".
func shortMissing(keys []string) string {
	if len(keys) == 0 {
		return "-"
	}
	var groups []string
	byGroup := map[string][]string{}
	for _, k := range keys {
		k = strings.TrimPrefix(k, "classes.")
		group, item, ok := strings.Cut(k, ".")
		if !ok {
			group, item = k, ""
		}
		item = strings.NewReplacer("_per_1k", "", "_per_gb", "", ".request", " request").Replace(item)
		if _, seen := byGroup[group]; !seen {
			groups = append(groups, group)
		}
		if item != "" {
			byGroup[group] = append(byGroup[group], item)
		} else {
			byGroup[group] = byGroup[group][:0:0]
		}
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = g
		if items := byGroup[g]; len(items) > 0 {
			parts[i] += ": " + strings.Join(items, ", ")
		}
	}
	return strings.Join(parts, "; ")
}

// SheetShow writes every price of one sheet.
func SheetShow(w io.Writer, format string, s model.SheetSummary, items []model.PriceItem) error {
	switch format {
	case "json":
		doc := struct {
			Region   string            `json:"region"`
			Sheet    string            `json:"sheet"`
			AsOf     string            `json:"as_of"`
			Source   string            `json:"source"`
			Discount string            `json:"discount"`
			Prices   []model.PriceItem `json:"prices"`
			Missing  []string          `json:"missing"`
		}{s.Region, s.Sheet, s.AsOf, s.Source, s.Discount, items, nonNil(s.Missing)}
		if doc.Prices == nil {
			doc.Prices = []model.PriceItem{}
		}
		return encodeJSON(w, doc)
	case "table":
		bw := bufio.NewWriter(w)
		fmt.Fprintf(bw, "%s (%s), as of %s; source: %s", s.Sheet, s.Region, s.AsOf, s.Source)
		if s.Discount != "" {
			fmt.Fprintf(bw, "; discount %s applied", s.Discount)
		}
		fmt.Fprint(bw, "\n\n")
		g := grid{headers: []string{"ITEM", "PRICE", "UNIT"}, numeric: []bool{false, true, false}}
		for _, it := range items {
			g.rows = append(g.rows, []string{it.Key, it.Price, it.Unit})
		}
		if err := renderGrid(bw, g); err != nil {
			return err
		}
		if len(s.Missing) > 0 {
			fmt.Fprintf(bw, "not in this sheet: %s\n", strings.Join(s.Missing, ", "))
		}
		return bw.Flush()
	}
	return unknownFormat(format, []string{"table", "json"})
}
