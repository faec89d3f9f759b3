package whatif

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// SweepFormats are the formats of `s3cost sweep`.
var SweepFormats = report.Formats[Sweep]{
	{Name: "table", Write: sweepTable},
	{Name: "json", Write: sweepJSON},
	{Name: "csv", Write: sweepCSV},
}

// sweepTable writes a sweep: per value of the varied key, each class's
// monthly average and the cheapest class. Ineligible classes are marked
// with "*", classes without amounts shown "-"; then CHEAPEST is the
// cheapest of the classes priced, and the table says so.
func sweepTable(w io.Writer, s Sweep) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s: monthly cost by %s (prices: %s as of %s)\n\n", s.Workload, s.Path, s.Pricing.Sheet, s.Pricing.AsOf)
	// A class priced at every value and meeting the requirements at none is
	// no choice anywhere in the range: named under the table, not a
	// column, so that the table fits 120 columns. (A class without a price
	// stays, shown "-".)
	var shown []int
	var never []string
	for i, id := range s.Classes {
		ok := false
		for _, p := range s.Points {
			ok = ok || p.Eligible[i] || !sweepPriced(p, i)
		}
		if ok {
			shown = append(shown, i)
		} else {
			never = append(never, string(id))
		}
	}
	// Amounts in cents, else (when eight classes of millions do not fit
	// 120 columns) in whole dollars, else in thousands and millions: the
	// sweep is for seeing where classes part, and CSV keeps every digit.
	var g report.Grid
	var ineligible, unpriced bool
	rounding := ""
	for _, style := range []struct {
		money func(decimal.Decimal) string
		note  string
		// breakNames: class names in the header broken at "_"
		// (INTELLIGENT_ over TIERING), the key at ".".
		breakNames bool
	}{
		{report.Money, "", false},
		{report.Money, "", true},
		{wholeDollars, "Amounts are rounded to whole dollars to fit 120 columns (--format csv has every digit).", true},
		{shortMoney, "Amounts of $10,000 and more are rounded to thousands (K), millions (M) or billions (B) to fit 120 columns (--format csv has every digit).", true},
	} {
		g, ineligible, unpriced = sweepGrid(s, shown, style.money)
		if style.breakNames {
			// The varied key at its dots (READS. over PER_MONTH).
			g.Headers[0] = strings.ReplaceAll(g.Headers[0], ".", ".\n")
			for i := 1; i < len(g.Headers)-1; i++ {
				g.Headers[i] = strings.ReplaceAll(g.Headers[i], "_", "_\n")
			}
		}
		rounding = style.note
		if report.GridWidth(report.FitColumn(g, len(g.Headers)-1, 120)) <= 120 {
			break
		}
	}
	// CHEAPEST may be a lifecycle rule's long name.
	if err := report.RenderGrid(bw, report.FitColumn(g, len(g.Headers)-1, 120)); err != nil {
		return err
	}
	if rounding != "" {
		report.WriteWrapped(bw, rounding)
	}
	if ineligible {
		fmt.Fprintln(bw, "* misses a requirement at this value: not ranked")
	}
	if len(never) > 0 {
		report.WriteWrapped(bw, "Not shown, missing a requirement at every value: "+strings.Join(never, ", ")+" (--format csv lists them).")
	}
	if unpriced {
		report.WriteWrapped(bw, fmt.Sprintf("- not priced or not offered with the %s prices at this value (s3cost compare names what is missing)", s.Pricing.Sheet))
	}
	switch {
	case SweepNothingPriced(s):
		report.WriteWrapped(bw, fmt.Sprintf("No class could be priced at any value of %s.", s.Path))
	case unpriced:
		fmt.Fprintln(bw, "CHEAPEST is the cheapest of the classes priced at that value.")
	}
	return bw.Flush()
}

// sweepGrid is the sweep's table with amounts written by money, and
// whether some cell is ineligible ("*") or not priced ("-").
func sweepGrid(s Sweep, shown []int, money func(decimal.Decimal) string) (g report.Grid, ineligible, unpriced bool) {
	g = report.Grid{Headers: []string{strings.ToUpper(s.Path)}, Numeric: []bool{true}}
	for _, i := range shown {
		g.Headers = append(g.Headers, string(s.Classes[i]))
		g.Numeric = append(g.Numeric, true)
	}
	g.Headers = append(g.Headers, "CHEAPEST")
	g.Numeric = append(g.Numeric, false)
	for _, p := range s.Points {
		row := []string{model.FormatValue(s.Kind, p.X)}
		for _, i := range shown {
			cell := money(p.Monthly[i])
			switch {
			case !sweepPriced(p, i):
				cell = "-"
				unpriced = true
			case !p.Eligible[i]:
				cell += "*"
				ineligible = true
			}
			row = append(row, cell)
		}
		cheapest := string(p.Cheapest)
		if cheapest == "" {
			cheapest = "-"
		}
		g.Rows = append(g.Rows, append(row, cheapest))
	}
	return g, ineligible, unpriced
}

// wholeDollars is an amount rounded to whole dollars: "$600,001,073".
func wholeDollars(d decimal.Decimal) string {
	m := report.Money(d.Round(0))
	return strings.TrimSuffix(m, ".00")
}

// shortMoney is an amount of $10,000 or more in thousands, millions or
// billions to one decimal ("$214.4K", "$600.0M"); smaller ones in cents.
func shortMoney(d decimal.Decimal) string {
	abs := d.Abs()
	if abs.LessThan(decimal.NewFromInt(10_000)) {
		return report.Money(d)
	}
	sign := ""
	if d.IsNegative() {
		sign = "-"
	}
	// The smallest unit that keeps the figure under 1,000 once rounded
	// ($999,990 is $1.0M, not $1000.0K).
	units := []struct {
		exp    int32
		suffix string
	}{{3, "K"}, {6, "M"}, {9, "B"}, {12, "T"}}
	for i, u := range units {
		v := abs.Shift(-u.exp).Round(1)
		if v.LessThan(decimal.NewFromInt(1000)) || i == len(units)-1 {
			return sign + "$" + v.StringFixed(1) + u.suffix
		}
	}
	return report.Money(d) // not reached
}

// SweepNothingPriced: no class has amounts at any value of the sweep
// (nothing to act on: `s3cost sweep` exits 4, as compare does).
func SweepNothingPriced(s Sweep) bool {
	for _, p := range s.Points {
		for i := range p.Monthly {
			if sweepPriced(p, i) {
				return false
			}
		}
	}
	return len(s.Points) > 0 && len(s.Classes) > 0
}

// sweepPriced: the class has amounts at the point (sweeps built before
// Priced existed have none: priced).
func sweepPriced(p SweepPoint, i int) bool { return i >= len(p.Priced) || p.Priced[i] }

func sweepCSV(w io.Writer, s Sweep) error {
	cw := csv.NewWriter(w)
	header := []string{s.Path}
	for _, id := range s.Classes {
		header = append(header, string(id))
	}
	header = append(header, "cheapest")
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, p := range s.Points {
		row := []string{p.X.String()}
		for i, m := range p.Monthly {
			if !sweepPriced(p, i) {
				row = append(row, "") // no amount, as compare's CSV
				continue
			}
			row = append(row, m.String())
		}
		if err := cw.Write(append(row, string(p.Cheapest))); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

type sweepJSONDoc struct {
	Workload string             `json:"workload"`
	Path     string             `json:"path"`
	Kind     string             `json:"kind"`
	Pricing  report.JSONPricing `json:"pricing"`
	Classes  []model.ClassID    `json:"classes"`
	Points   []sweepJSONPoint   `json:"points"`
}

type sweepJSONPoint struct {
	Value    string    `json:"value"`
	Monthly  []*string `json:"monthly_average"`
	Eligible []bool    `json:"eligible"`
	Priced   []bool    `json:"priced"`
	Cheapest string    `json:"cheapest"`
}

func sweepJSON(w io.Writer, s Sweep) error {
	doc := sweepJSONDoc{Workload: s.Workload, Path: s.Path, Kind: s.Kind, Classes: s.Classes, Points: []sweepJSONPoint{},
		Pricing: report.JSONPricing{Sheet: s.Pricing.Sheet, AsOf: s.Pricing.AsOf, Source: s.Pricing.Source}}
	for _, p := range s.Points {
		jp := sweepJSONPoint{Value: p.X.String(), Eligible: p.Eligible, Cheapest: string(p.Cheapest), Monthly: []*string{}, Priced: []bool{}}
		for i, m := range p.Monthly {
			priced := sweepPriced(p, i)
			jp.Priced = append(jp.Priced, priced)
			if !priced {
				jp.Monthly = append(jp.Monthly, nil) // null: no amount
				continue
			}
			text := m.String()
			jp.Monthly = append(jp.Monthly, &text)
		}
		doc.Points = append(doc.Points, jp)
	}
	return report.EncodeJSON(w, doc)
}

// BreakevenFormats are the formats of `s3cost breakeven`: where the
// cheapest class (or the cheaper of a pair) changes, or that it does not
// within the range.
var BreakevenFormats = report.Formats[Breakeven]{
	{Name: "table", Write: breakevenText},
	{Name: "json", Write: breakevenJSONDoc},
}

type crossingJSON struct {
	Before string `json:"before"`
	After  string `json:"after"`
	Lo     string `json:"lo"`
	Hi     string `json:"hi"`
	At     string `json:"at"`
	// Unpriced: the change comes from a price the sheet lacks, not from
	// costs ("" for a real break-even).
	Unpriced string `json:"unpriced,omitempty"`
}

type breakevenJSON struct {
	Workload  string         `json:"workload"`
	Path      string         `json:"path"`
	Kind      string         `json:"kind"`
	From      string         `json:"from"`
	To        string         `json:"to"`
	Pair      []string       `json:"between"`
	Crossings []crossingJSON `json:"crossings"`
	// Throughout: with no crossing, the class cheapest over the whole
	// range (null with crossings, or when no class is eligible).
	Throughout *string            `json:"cheapest_throughout"`
	Precision  string             `json:"precision"`
	Pricing    report.JSONPricing `json:"pricing"`
}

func breakevenJSONDoc(w io.Writer, b Breakeven) error {
	doc := breakevenJSON{Workload: b.Workload, Path: b.Path, Kind: b.Kind, From: b.From.String(), To: b.To.String(),
		Pair: []string{}, Crossings: []crossingJSON{}, Precision: b.Precision,
		Pricing: report.JSONPricing{Sheet: b.Pricing.Sheet, AsOf: b.Pricing.AsOf, Source: b.Pricing.Source}}
	for _, id := range b.Pair {
		doc.Pair = append(doc.Pair, string(id))
	}
	if len(b.Crossings) == 0 && b.Throughout != "" {
		t := string(b.Throughout)
		doc.Throughout = &t
	}
	for _, c := range b.Crossings {
		doc.Crossings = append(doc.Crossings, crossingJSON{string(c.Before), string(c.After), c.Lo.String(), c.Hi.String(), c.At().String(), c.Unpriced})
	}
	return report.EncodeJSON(w, doc)
}

func breakevenText(w io.Writer, b Breakeven) error {
	bw := bufio.NewWriter(w)
	what := "the cheapest class"
	if len(b.Pair) == 2 {
		what = fmt.Sprintf("the cheaper of %s and %s", b.Pair[0], b.Pair[1])
	}
	fmt.Fprintf(bw, "%s: where %s changes as %s goes from %s to %s\n", b.Workload, what, b.Path,
		model.FormatValue(b.Kind, b.From), model.FormatValue(b.Kind, b.To))
	switch {
	case len(b.Crossings) > 0:
	case b.Throughout != "":
		fmt.Fprintf(bw, "no crossover in range: %s is %s throughout\n", b.Throughout, what)
	case len(b.Pair) == 2:
		fmt.Fprintln(bw, "no crossover in range")
	default:
		fmt.Fprintln(bw, "no crossover in range: no class meets the requirements anywhere in it")
	}
	for _, c := range b.Crossings {
		line := fmt.Sprintf("%s -> %s at %s = %s (between %s)", c.Before, c.After, b.Path,
			model.FormatValue(b.Kind, c.At()), bracket(b.Kind, c))
		if c.Unpriced != "" {
			// Not a break-even: the sheet lacks a price on one side.
			line += "; not a cost crossover: " + c.Unpriced
		}
		report.WriteWrapped(bw, line)
	}
	fmt.Fprintf(bw, "precision: %s; prices: %s as of %s\n", b.Precision, b.Pricing.Sheet, b.Pricing.AsOf)
	return bw.Flush()
}

// bracket shows the interval a crossing was narrowed to, with just the
// decimals that tell its ends apart: whole bytes for sizes (a rounded KiB
// would show the same number twice), days (or hours) for durations.
func bracket(kind string, c Crossing) string {
	return model.FormatRange(kind, c.Lo, c.Hi)
}
