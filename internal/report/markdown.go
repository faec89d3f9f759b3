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
	name := MarkdownInline(c.Workload) // the file's to choose
	fmt.Fprintf(bw, "# S3 storage cost: %s\n\n", name)
	fmt.Fprintf(bw, "%s in %s over %s.\n\n", name, regionsText(c), Plural(c.Months, "month"))
	fmt.Fprintf(bw, "**%s**", MarkdownInline(summary(c)))
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
				// "[1]" escaped as before, though alone it links nowhere.
				WriteWrapped(bw, "- "+strings.Replace(MarkdownInline(r), "[", `\[`, 1))
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
			WriteWrapped(bw, "- "+MarkdownInline(n))
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

// MarkdownInline escapes what in a line of Markdown would format text or
// reach beyond the report: bold or code ("*", "`", "\\"), a link or an
// image ("](" begins its target; "[1]" alone stays), an HTML tag or
// comment ("<": an unclosed "<!--" hides the rest of a pull-request
// comment), an entity ("&") and a GitHub @mention ("@" would notify a team
// named in a dataset's name). Underscores are left alone: inside a word
// (GLACIER_IR) they emphasise nothing.
func MarkdownInline(s string) string { return markdownText.Replace(s) }

var (
	markdownText = strings.NewReplacer(`\`, `\\`, "*", `\*`, "`", "\\`", "](", `\](`, "<", "&lt;", "&", "&amp;", "@", "&#64;")
	// A table cell: "|", which would end the cell, and what reaches
	// beyond the report: a link or an image ("](" is where one begins its
	// target; "[1]" alone stays as it reads), HTML, entities, mentions. A
	// class's derived-price mark "*" stays as it is.
	markdownCell = strings.NewReplacer(`\`, `\\`, "](", `\](`, "<", "&lt;", "&", "&amp;", "@", "&#64;", "|", `\|`)
)
