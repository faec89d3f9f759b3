// Package reporttest holds what the renderers' tests share, in internal/report
// and in the domain packages that render their own results (internal/check,
// internal/whatif, pricing): hand-built estimates, golden files, and readers
// of the rendered table and JSON. Only tests import it.
package reporttest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/golden"
	"github.com/s3cost/s3cost/model"
)

// Golden compares got with testdata/<name>.golden of the package under
// test, or rewrites the file under -update (golden.Check).
func Golden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, name+".golden", got)
}

// Dec is a decimal from a string that must be one.
func Dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Line is a horizon line whose cost is quantity x price.
func Line(item, quantity, unit, price string) model.Line {
	q, p := Dec(quantity), Dec(price)
	return model.Line{Item: item, Quantity: q, Unit: unit, Price: p, Cost: q.Mul(p)}
}

// Est builds an estimate whose Total is the sum of its lines and whose
// Monthly has one entry per month summing exactly to Total (the remainder
// of the even split goes to the last month). The renderers only format, so
// the amounts are chosen to exercise the formatting, not computed by the
// engine.
func Est(class model.ClassID, months int, violations []string, notes []string, lines ...model.Line) model.Estimate {
	total := decimal.Zero
	for _, l := range lines {
		total = total.Add(l.Cost)
	}
	monthly := make([]decimal.Decimal, months)
	share := total.DivRound(decimal.NewFromInt(int64(months)), 6)
	rest := total
	for i := range monthly {
		monthly[i] = share
		if i == months-1 {
			monthly[i] = rest
		}
		rest = rest.Sub(share)
	}
	return model.Estimate{
		Class:      class,
		Eligible:   len(violations) == 0,
		Violations: violations,
		Lines:      lines,
		Monthly:    monthly,
		Total:      total,
		Notes:      notes,
	}
}

// UnpricedEst is a class the sheet cannot price, as the engine builds it:
// zero amounts, the missing keys, not eligible.
func UnpricedEst(class model.ClassID, months int, region, sheet string, missing ...string) model.Estimate {
	e := Est(class, months, []string{fmt.Sprintf("not priced in %s (the %s sheet has no %s)", region, sheet, strings.Join(missing, ", "))}, nil)
	e.Unpriced = missing
	return e
}

// NotOfferedEst is a class the region does not sell.
func NotOfferedEst(class model.ClassID, months int, region string) model.Estimate {
	e := Est(class, months, []string{"not offered in " + region}, nil)
	e.NotOffered = true
	return e
}

// PricingUSEast1 is the sheet the fixtures say they were priced with.
func PricingUSEast1() model.PricingInfo {
	return model.PricingInfo{
		Sheet:  "aws/us-east-1",
		AsOf:   "2025-10-28",
		Source: "https://aws.amazon.com/s3/pricing/",
	}
}

// TableCells parses the ASCII table out of a rendered report: the header
// cells and the cells of each row.
func TableCells(t *testing.T, out string) (header []string, rows [][]string) {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "|") {
			continue
		}
		var cells []string
		for _, c := range strings.Split(strings.Trim(l, "|"), "|") {
			cells = append(cells, strings.TrimSpace(c))
		}
		if header == nil {
			header = cells
		} else {
			rows = append(rows, cells)
		}
	}
	if header == nil {
		t.Fatalf("no table in:\n%s", out)
	}
	return header, rows
}

// KeyOrder checks the keys of the JSON object at the start of s.
func KeyOrder(t *testing.T, s string, want []string) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("no object: %v %v", tok, err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
}

// DecodeStrict decodes the JSON s into v, refusing a key v does not have:
// a renderer that writes a key the contract does not name fails.
func DecodeStrict(t *testing.T, s string, v any) {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(s))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		t.Fatalf("%v in:\n%s", err, s)
	}
}
