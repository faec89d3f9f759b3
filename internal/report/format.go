package report

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/model"
)

// Small formatting helpers shared by the check, diff and explain renderers.
// Like Money, they round for display only.

// SignedMoney is Money with an explicit sign for a change: "+$12.34",
// "-$5.00", and "$0.00" for a change that rounds to nothing.
func SignedMoney(d decimal.Decimal) string {
	s := Money(d)
	if d.IsPositive() && s != "$0.00" {
		return "+" + s
	}
	return s
}

// PercentFixed renders a percentage (already multiplied by 100) with one
// decimal, rounded half away from zero: 12.345 -> "12.3%".
func PercentFixed(pct decimal.Decimal) string {
	return pct.Round(1).StringFixed(1) + "%"
}

// SignedPercent is PercentFixed with an explicit "+" for a rise: "+10.5%",
// "-3.0%", "0.0%".
func SignedPercent(pct decimal.Decimal) string {
	s := PercentFixed(pct)
	if pct.Round(1).IsPositive() {
		return "+" + s
	}
	return s
}

// LimitPercent renders a percentage limit as given, never rounded (a limit
// shown rounded could look met when it is not), with at least one decimal:
// 10 -> "10.0%", 12.25 -> "12.25%".
func LimitPercent(pct decimal.Decimal) string {
	s := pct.String()
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s + "%"
}

// ChangePercent is the change from before to after in percent of before,
// unrounded to 12 decimals; ok is false when before is zero.
func ChangePercent(before, after decimal.Decimal) (pct decimal.Decimal, ok bool) {
	if before.IsZero() {
		return decimal.Zero, false
	}
	return after.Sub(before).Shift(2).DivRound(before, 12), true
}

// AverageOver spreads total over months, as Estimate.MonthlyAverage does.
func AverageOver(total decimal.Decimal, months int) decimal.Decimal {
	if months <= 0 {
		return decimal.Zero
	}
	return total.DivRound(decimal.NewFromInt(int64(months)), 12)
}

// DatasetLabel names a dataset as checks scope it: "file/dataset", or the
// file alone for a dataset without a name.
func DatasetLabel(file, dataset string) string {
	switch {
	case dataset == "":
		return file
	case file == "":
		return dataset
	}
	return file + "/" + dataset
}

// ClassOrNone is the class, or "none" for no class (no eligible class, or
// none could be priced).
func ClassOrNone(c model.ClassID) string {
	if c == "" {
		return "none"
	}
	return string(c)
}

// PricesLine says which price sheet the figures come from.
func PricesLine(p model.PricingInfo) string {
	return fmt.Sprintf("prices: %s as of %s%s", p.Sheet, p.AsOf, discountText(p))
}

// discountText says a contract discount was applied, so that discounted
// figures never pass for list prices.
func discountText(p model.PricingInfo) string {
	if p.Discount == "" {
		return ""
	}
	return ", less a " + p.Discount + " discount"
}

// MarkdownPrices is PricesLine for Markdown, with the source as a link.
func MarkdownPrices(p model.PricingInfo, currency string) string {
	s := fmt.Sprintf("Prices: sheet `%s` as of %s%s", p.Sheet, p.AsOf, discountText(p))
	switch {
	case strings.HasPrefix(p.Source, "https://"), strings.HasPrefix(p.Source, "http://"):
		s += fmt.Sprintf(" (source: <%s>)", p.Source)
	case p.Source != "":
		// A custom sheet's words ("our enterprise agreement"): in <...>
		// they would read as an HTML tag, and vanish.
		s += fmt.Sprintf(" (source: %s)", MarkdownInline(p.Source))
	}
	return s + fmt.Sprintf(". Amounts in %s, rounded to cents.", CurrencyOr(currency))
}

func PricingJSON(p model.PricingInfo) JSONPricing {
	return JSONPricing{Sheet: p.Sheet, AsOf: p.AsOf, Source: p.Source}
}

// DecimalStrings turns amounts into unrounded decimal strings, never nil.
func DecimalStrings(ds []decimal.Decimal) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

// OneLine is s as it may go into a line of a file s3cost writes (a YAML
// comment): as it is, or quoted with Go's escapes when it holds a line
// break or another character that does not print. A file name or bucket
// holding "\nregion: eu-west-1" would otherwise write a live key into the
// workload (issue 15 item 7).
func OneLine(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return strconv.Quote(s)
	}
	return s
}
