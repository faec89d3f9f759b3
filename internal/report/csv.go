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
// rank,[region,]class,eligible,monthly_average,total,<the nine breakdown
// keys>,violations,status,derived. Amounts are unrounded decimal strings,
// as in JSON; violations are joined with "; ". rank is the class's rank as
// the table shows it: empty for a class that is not ranked (ineligible,
// or without amounts), where the table shows "-". region appears when the
// comparison ranks the classes of several regions. status is priced,
// not_priced (the sheet lacks a price it needs) or not_offered (the region
// does not sell the class); the amounts of the last two are empty. derived
// lists the derived prices the amounts rest on, joined with ";".
func CSV(w io.Writer, c model.Comparison) error {
	return comparisonsCSV(w, []model.Comparison{c})
}

// comparisonsCSV writes one comparison as CSV describes, and several as one
// table under one header with a leading workload column.
func comparisonsCSV(w io.Writer, cs []model.Comparison) error {
	cw := csv.NewWriter(w)
	several := len(cs) > 1
	for i, c := range cs {
		rows, err := csvRows(c)
		if err != nil {
			return err
		}
		for j, row := range rows {
			if j == 0 && i > 0 {
				continue // one header for all
			}
			if several {
				first := c.Workload
				if j == 0 {
					first = "workload"
				}
				row = append([]string{first}, row...)
			}
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("report: csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	return nil
}

// csvRows is a comparison's CSV header and rows. Comparisons of one region
// and of several have different Headers: several such comparisons in one
// CSV have a region column if any of them has.
func csvRows(c model.Comparison) ([][]string, error) {
	if err := checkCategories(c); err != nil {
		return nil, err
	}
	keys := model.BreakdownKeys()
	withRegion := hasRegions(c)
	header := []string{"rank"}
	if withRegion {
		header = append(header, "region")
	}
	header = append(header, "class", "eligible", "monthly_average", "total")
	header = append(header, keys...)
	header = append(header, "violations", "status", "derived")
	rows := [][]string{header}
	for i, e := range c.Results {
		rank := ""
		if e.Eligible {
			rank = strconv.Itoa(i + 1)
		}
		row := []string{rank}
		if withRegion {
			row = append(row, e.Region)
		}
		row = append(row,
			string(e.Class),
			strconv.FormatBool(e.Eligible),
			csvAmount(e, e.MonthlyAverage()),
			csvAmount(e, e.Total),
		)
		b := e.Breakdown()
		for _, k := range keys {
			row = append(row, csvAmount(e, b[k]))
		}
		row = append(row, strings.Join(e.Violations, "; "), priceStatus(e), strings.Join(derivedOf(e), ";"))
		rows = append(rows, row)
	}
	return rows, nil
}

// csvAmount is empty for a class without amounts (not priced, not offered).
func csvAmount(e model.Estimate, d decimal.Decimal) string {
	if !e.Priced() {
		return ""
	}
	return d.String()
}
