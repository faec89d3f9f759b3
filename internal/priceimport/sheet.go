package priceimport

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/shopspring/decimal"
)

// Sheet builds the sheet of the prices found, dated and sourced as the
// result is, with the classes not offered, and the comment of each price:
// the usage type or feed label it came from. A tier of a tiered price that
// does not join the others cannot be found (ladder leaves the whole price
// out), so every price found converts.
func (r Result) Sheet() (*pricing.Sheet, map[string]string) {
	s := pricing.NewSheet("aws/"+r.Region, r.Region, "USD", r.AsOf, r.Source)
	for _, c := range r.NotOffered {
		s.SetNotOffered(model.ClassID(c))
	}
	comments := map[string]string{}
	tiers := map[string]pricing.Tiers{}
	var order []string
	for _, it := range r.Found {
		price, err := decimal.NewFromString(it.Price)
		if err != nil {
			continue // Found holds decimals the importer formatted itself
		}
		comments[it.Key] = commentSafe(it.From)
		base, _, tiered := strings.Cut(it.Key, "[")
		if !tiered {
			_ = s.SetPrice(it.Key, pricing.Flat(price), "", "")
			continue
		}
		t := pricing.Tier{Price: price, Unbounded: it.UpToGB == ""}
		if it.UpToGB != "" {
			t.UpTo, _ = decimal.NewFromString(it.UpToGB)
		}
		if _, seen := tiers[base]; !seen {
			order = append(order, base)
		}
		tiers[base] = append(tiers[base], t)
	}
	for _, k := range order {
		_ = s.SetPrice(k, tiers[k], "", "")
	}
	return s, comments
}

// SheetYAML renders the result as a price sheet with pricing.Format, the
// writer of the embedded sheets: only the prices found, in sheet order,
// each followed by the usage type or feed label it came from; the classes
// not offered; missing prices listed in the header with the reason, never
// filled in.
func (r Result) SheetYAML() []byte {
	s, comments := r.Sheet()
	why := map[string]string{}
	for _, k := range r.Missing {
		if NotImported(k) {
			why[k] = "not in AWS's S3 price data: add it by hand"
		} else {
			why[k] = "no input priced it"
		}
	}
	header := []string{
		"Amazon S3 prices for " + commentSafe(r.Region) + ", in USD, imported from AWS's price data by `s3cost pricing import`.",
		"",
		"Every price below was read from the input, with the usage type and operation (or",
		"the feed label) it came from in the comment after it; none is guessed.",
		"Units: storage $ per GB-month (1 GB = 2^30 bytes, 730-hour month); requests $ per",
		"1,000 (AWS quotes them one by one: \"0.0000050000\" = 0.005 per 1,000); retrieval",
		"and transfer $ per GB. Tiers list upto_gb boundaries in GB on the month's total.",
	}
	if len(r.NotOffered) > 0 {
		header = append(header, "", "not_offered: the input prices this region's STANDARD storage but has no item",
			"at all of these classes: the region does not sell them.")
	}
	if len(r.Warnings) > 0 {
		header = append(header, "", "Warnings:")
		for _, w := range r.Warnings {
			header = append(header, "  "+commentSafe(w))
		}
	}
	return pricing.Format(s, pricing.FormatOptions{Header: header, Comments: comments, Missing: why})
}

// commentSafe keeps text read from the input on one comment line: anything
// YAML could take for a line break or that is not printable becomes '?'.
func commentSafe(s string) string {
	s = strings.ToValidUTF8(s, "?")
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return '?'
		}
		return r
	}, s)
}
