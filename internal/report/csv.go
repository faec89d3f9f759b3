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
// rank,class,eligible,monthly_average,total,<the eight breakdown keys>,violations.
// Amounts are unrounded decimal strings, as in JSON; violations are joined
// with "; ". Every result has a rank, as in JSON; eligible tells the ranked
// ones from the others.
func CSV(w io.Writer, c model.Comparison) error {
	if err := checkCategories(c); err != nil {
		return err
	}
	keys := model.BreakdownKeys()
	cw := csv.NewWriter(w)
	header := append([]string{"rank", "class", "eligible", "monthly_average", "total"}, keys...)
	header = append(header, "violations")
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
		row = append(row, strings.Join(e.Violations, "; "))
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

// csvAmount is empty for a class the price sheet cannot price.
func csvAmount(e model.Estimate, d decimal.Decimal) string {
	if len(e.Unpriced) > 0 {
		return ""
	}
	return d.String()
}
