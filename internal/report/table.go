package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/s3cost/s3cost/model"
)

// Table writes c for a terminal: a heading line, a table of the classes in
// rank order (ineligible ones ranked "-", with the reason in NOTE; a class
// priced with a derived price marked, the footnote under the table), the
// verdict and what it left out, and the notes, all prose wrapped under 120
// columns. Only breakdown categories that cost something in some class get
// a column. Amounts are rounded to cents for display.
func Table(w io.Writer, c model.Comparison) error {
	return tableFor(w, c, Layout{})
}

// tableFor is Table laid out for l: cost categories that do not fit the
// width are left out (the cheapest first) and named under the table;
// l.Wide keeps them all.
func tableFor(w io.Writer, c model.Comparison, l Layout) error {
	if err := checkCategories(c); err != nil {
		return err
	}
	width := l.Width
	if width <= 0 {
		width = 120
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, heading(c))
	fmt.Fprintln(bw)
	if len(c.Results) > 0 {
		cats, dropped := visibleCategories(c), []string(nil)
		if !l.Wide {
			cats, dropped = fitCategories(c, width)
		}
		if err := RenderGrid(bw, tableGrid(c, cats)); err != nil {
			return err
		}
		periods := fmt.Sprintf("MONTHLY is the average month; TOTAL and the cost columns are sums over %s.", Plural(c.Months, "month"))
		if len(dropped) > 0 {
			var names []string
			for _, k := range dropped {
				name := categoryHeader(k)
				if v, same := sameForAll(c, k); same && v.IsPositive() {
					// The figure every class pays, so that a reader adding
					// up the columns shown knows where the rest went.
					name += fmt.Sprintf(" (%s for every class)", Money(v))
				}
				names = append(names, name)
			}
			periods += fmt.Sprintf(" Not shown for width: %s (--wide shows them).", strings.Join(names, ", "))
		}
		WriteWrapped(bw, periods)
		_, reasons := reasonNotes(c)
		for _, r := range reasons {
			WriteWrapped(bw, r)
		}
		for _, f := range derivedFootnotes(c) {
			WriteWrapped(bw, f)
		}
		fmt.Fprintln(bw)
	}
	WriteWrapped(bw, summary(c))
	WriteWrapped(bw, leftOutLine(c))
	WriteWrapped(bw, "encryption: "+c.Encryption.Describe())
	for _, n := range noteLines(c) {
		WriteWrapped(bw, "note: "+n)
	}
	return bw.Flush()
}

// WriteWrapped writes s wrapped under 120 columns (nothing for "").
func WriteWrapped(w io.Writer, s string) {
	for _, l := range WrapLine(s) {
		fmt.Fprintln(w, l)
	}
}

// RenderGrid draws g with tablewriter in a plain ASCII style that survives
// any terminal, CI log or pager: amounts right-aligned, headers as given.
func RenderGrid(w io.Writer, g Grid) error {
	align := make(tw.Alignment, len(g.Headers))
	for i, num := range g.Numeric {
		align[i] = tw.AlignLeft
		if num {
			align[i] = tw.AlignRight
		}
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Symbols: tw.NewSymbols(tw.StyleASCII),
		})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithAlignment(align),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	)
	t.Header(g.Headers)
	if err := t.Bulk(g.Rows); err != nil {
		return fmt.Errorf("report: table: %w", err)
	}
	if err := t.Render(); err != nil {
		return fmt.Errorf("report: table: %w", err)
	}
	return nil
}
