package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// CSV writes one row per result in rank order under the header
// rank,class,eligible,monthly_average,total,<the nine breakdown keys>,violations,status.
// Amounts are unrounded decimal strings, as in JSON; violations are joined
// with "; ". Every result has a rank, as in JSON; eligible tells the ranked
// ones from the others. status is priced, not_priced (the sheet lacks a
// price it needs) or not_offered (the region does not sell the class); the
// amounts of the last two are empty.
func CSV(w io.Writer, c model.Comparison) error {
	if err := checkCategories(c); err != nil {
		return err
	}
	keys := model.BreakdownKeys()
	cw := csv.NewWriter(w)
	header := append([]string{"rank", "class", "eligible", "monthly_average", "total"}, keys...)
	header = append(header, "violations", "status")
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	for i, e := range c.Results {
		row := []string{
			strconv.Itoa(i + 1),
			string(e.Class),
			strconv.FormatBool(e.Eligible),
			csvAmount(e, e.MonthlyAverage()),
			csvAmount(e, e.Total),
		}
		b := e.Breakdown()
		for _, k := range keys {
			row = append(row, csvAmount(e, b[k]))
		}
		row = append(row, strings.Join(e.Violations, "; "), priceStatus(e))
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("report: csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	return nil
}

// csvAmount is empty for a class without amounts (not priced, not offered).
func csvAmount(e model.Estimate, d decimal.Decimal) string {
	if !e.Priced() {
		return ""
	}
	return d.String()
}
