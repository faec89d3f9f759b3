package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/s3cost/s3cost/model"
)

// Markdown writes c as a GitHub-flavoured Markdown report, for pull-request
// comments and docs: a heading, the verdict, the same table as Table (amounts
// rounded to cents, derived prices marked and footnoted), the notes (wrapped
// under 120 columns), and where the prices come from.
func Markdown(w io.Writer, c model.Comparison) error {
	if err := checkCategories(c); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# S3 storage cost: %s\n\n", c.Workload)
	fmt.Fprintf(bw, "%s in %s over %s.\n\n", c.Workload, regionsText(c), Plural(c.Months, "month"))
	fmt.Fprintf(bw, "**%s**", summary(c))
	if left := leftOutLine(c); left != "" {
		// In the verdict's paragraph: never a cheapest class without
		// what it was not compared with.
		fmt.Fprintf(bw, " %s", left)
	}
	fmt.Fprint(bw, "\n\n")
	if len(c.Results) > 0 {
		WriteMarkdownTable(bw, comparisonGrid(c, visibleCategories(c)))
		if _, reasons := reasonNotes(c); len(reasons) > 0 {
			// Why a class is not ranked, numbered as in the table.
			fmt.Fprintln(bw)
			for _, r := range reasons {
				WriteWrapped(bw, "- "+markdownEscapeReason(r))
			}
		}
		if notes := derivedFootnotes(c); len(notes) > 0 {
			fmt.Fprintln(bw)
			for _, f := range notes {
				// Escaped: a line opening with "* " would be a list item.
				WriteWrapped(bw, `\`+f)
			}
		}
		fmt.Fprintln(bw)
	}
	if notes := noteLines(c); len(notes) > 0 {
		fmt.Fprint(bw, "Notes:\n\n")
		for _, n := range notes {
			WriteWrapped(bw, "- "+markdownText.Replace(n))
		}
		fmt.Fprintln(bw)
	}
	if len(comparedRegions(c)) > maxListedRegions {
		fmt.Fprintf(bw, "Prices: %s", sheetsText(c))
	} else {
		fmt.Fprintf(bw, "Prices: sheet `%s` as of %s", c.Pricing.Sheet, c.Pricing.AsOf)
	}
	if c.Pricing.Source != "" {
		fmt.Fprintf(bw, " (source: <%s>)", c.Pricing.Source)
	}
	fmt.Fprintf(bw, ". Encryption: %s. Amounts in %s, rounded to cents; MONTHLY is the average month, TOTAL the whole horizon.\n", c.Encryption.Describe(), currencyName(c))
	return bw.Flush()
}

func currencyName(c model.Comparison) string {
	return CurrencyOr(c.Currency)
}

// CurrencyOr is the currency named, USD when none is.
func CurrencyOr(currency string) string {
	if currency == "" {
		return "USD"
	}
	return currency
}

// WriteMarkdownTable writes g as a pipe table, padded so that it also reads
// well as plain text, amounts right-aligned.
func WriteMarkdownTable(w io.Writer, g Grid) {
	widths := make([]int, len(g.Headers))
	// A pipe would end the cell; "<" start HTML; "@name" mention someone
	// on GitHub: a file or dataset name from a pull request must not.
	cell := func(s string) string { return markdownCell.Replace(s) }
	for i, h := range g.Headers {
		widths[i] = max(3, utf8.RuneCountInString(cell(h)))
	}
	for _, row := range g.Rows {
		for i, s := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell(s)))
		}
	}
	writeRow := func(cells []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, s := range cells {
			s = cell(s)
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(s))
			if g.Numeric[i] {
				b.WriteString(" " + pad + s + " |")
			} else {
				b.WriteString(" " + s + pad + " |")
			}
		}
		fmt.Fprintln(w, b.String())
	}
	writeRow(g.Headers)
	rule := make([]string, len(g.Headers))
	for i, n := range widths {
		if g.Numeric[i] {
			rule[i] = strings.Repeat("-", n-1) + ":"
		} else {
			rule[i] = strings.Repeat("-", n)
		}
	}
	// The rule row must not be escaped or right-padded like a cell.
	var b strings.Builder
	b.WriteString("|")
	for _, r := range rule {
		b.WriteString(" " + r + " |")
	}
	fmt.Fprintln(w, b.String())
	for _, row := range g.Rows {
		writeRow(row)
	}
}

// markdownEscapeReason keeps a footnote's "[n]" from reading as a link.
// (and, as in cells, "<" from opening HTML and "@name" from mentioning).
func markdownEscapeReason(r string) string {
	return markdownText.Replace(strings.Replace(r, "[", `\[`, 1))
}

var (
	markdownCell = strings.NewReplacer("|", `\|`, "<", "&lt;", "@", "&#64;")
	markdownText = strings.NewReplacer("<", "&lt;", "@", "&#64;")
)
