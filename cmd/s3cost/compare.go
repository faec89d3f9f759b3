package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// compareOptions are the inputs of `s3cost compare`.
type compareOptions struct {
	Files  []string
	Format string
	// Months, a single Region, Classes and Enc change the workload: they
	// are overrides (overrides.go), applied when the files are read.
	Months int
	// RegionSet: --region was given; the file's region is then replaced,
	// so it need not have a price sheet. Several regions (a,b or all) are
	// compared side by side instead.
	RegionSet bool
	Region    string
	Classes   []string
	Enc       encryptionFlags
	// Wide: every cost category, whatever the width; Width: the columns a
	// table may take (the terminal's, else 120).
	Wide  bool
	Width int
	// Chart: "" none, "-" the terminal, else an image file; LogY: its Y
	// axis logarithmic; Color: draw it in color. A terminal chart takes
	// Width too.
	Chart string
	LogY  bool
	Color bool

	Out io.Writer
}

func newCompareCmd(app *App) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare FILE...",
		Short: "Rank every storage class by cost for workload files",
		Long: `Price each dataset of the workload FILEs (or standard input, for "-"; a
directory stands for the workload files in it) in every storage class and
rank the classes by total cost over the horizon. Classes that miss a
requirement (first-byte latency, availability, zones, encryption) are listed
after the ranked ones with the reason, then classes the price sheet cannot
price and classes the region does not sell, which the verdict names. A class
whose amounts rest on a derived price (docs/pricing.md) is marked "*", the
prices named under the table.

Exit status: 0 with an answer, 2 on bad input, 3 on an I/O error (such as a
file that cannot be read or written), 4 when no class of a dataset could be
priced (the report, which says what is missing, is written first).`,
		Example: `  s3cost compare workloads/examples/product-images.yaml
  s3cost compare backups.yaml --format json --months 36
  s3cost compare logs.yaml --class STANDARD --class GLACIER_IR
  s3cost compare events.yaml --encryption sse-kms --bucket-key
  s3cost compare archive.yaml --chart --log-y`,
		Args: minArgs(1, "at least one workload file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			opts.Out = cmd.OutOrStdout()
			opts.Color = app.colorOK(opts.Out)
			opts.Width = terminalWidth(opts.Out)
			opts.RegionSet = cmd.Flags().Changed("region")
			if err := app.chooseFormat(cmd, &opts.Format, report.ComparisonFormats.Names()); err != nil {
				return err
			}
			in, err := app.newInputs(cmd, opts.RegionSet, opts.overrides(cmd))
			if err != nil {
				return err
			}
			return runCompare(cmd.Context(), opts, in)
		},
	}
	f := cmd.Flags()
	addSetFlag(cmd)
	addLifecycleFlag(cmd)
	f.IntVar(&opts.Months, "months", 0, "horizon in months, overriding the workload's (as --set months=N after every --set)")
	f.StringVar(&opts.Region, "region", "", "AWS region whose prices to use, overriding the workload's (as --set region=R after every --set); several (a,b,c) or all rank region x class pairs in one table")
	f.StringSliceVar(&opts.Classes, "class", nil, "only these classes, repeatable or comma-separated (as --set classes=[...] after every --set; a pinned class stays a candidate)")
	opts.Enc.register(cmd)
	f.BoolVar(&opts.Wide, "wide", false, "show every cost category in the table, however wide (by default the table fits the terminal, or 120 columns)")
	addChartFlags(cmd, &opts.Chart, &opts.LogY)
	registerCompletions(app, cmd)
	addFormatFlag(cmd, &opts.Format, report.ComparisonFormats.Names())
	addPriceFlags(cmd)
	return cmd
}

// registerCompletions completes the flags compare, check and explain share.
func registerCompletions(app *App, cmd *cobra.Command) {
	_ = cmd.RegisterFlagCompletionFunc("class", fixedCompletion(model.ClassNames()))
	_ = cmd.RegisterFlagCompletionFunc("region", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		sheets, err := app.LoadSheets()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return sheets.Regions(), cobra.ShellCompDirectiveNoFileComp
	})
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
	}
}

// runCompare loads the workloads, applies the flags and prints a ranking
// per dataset.
func runCompare(ctx context.Context, opts *compareOptions, in *inputs) error {
	if err := chartAndFormat(opts.Chart, opts.Format, opts.LogY); err != nil {
		return err
	}
	if opts.Chart != "-" {
		if err := outputIsInput("--chart", opts.Chart, append(slices.Clone(opts.Files), in.read...)); err != nil {
			return err
		}
	}
	files, err := in.load(opts.Files)
	if err != nil {
		return err
	}
	regions, err := compareRegions(opts, in.sheets)
	if err != nil {
		return err
	}
	if len(regions) > 1 {
		// Each dataset is priced once per region.
		if err := checkWork(files, len(regions)); err != nil {
			return err
		}
	}
	var comparisons []model.Comparison
	var totals []string // a file of several datasets: what it costs in all
	for _, f := range files {
		first := len(comparisons)
		for _, w := range f.Datasets {
			if err := ctx.Err(); err != nil {
				return err
			}
			var c model.Comparison
			if regions != nil {
				c = pricing.CompareRegions(w, regions)
			} else {
				sheet, err := in.sheets.Region(w.Region)
				if err != nil {
					return err
				}
				c = pricing.Compare(w, sheet)
				if hint := bucketKeyHint(w, sheet, c); hint != "" {
					c.Notes = append(c.Notes, hint)
				}
			}
			if len(f.Datasets) > 1 {
				c.Workload = f.Name + "/" + w.Name
			}
			comparisons = append(comparisons, c)
		}
		if len(f.Datasets) > 1 && regions == nil {
			totals = append(totals, fileTotal(f.Name, comparisons[first:]))
		}
	}
	if opts.Chart != "" {
		if len(comparisons) != 1 && opts.Chart != "-" {
			return usageErrorf("--chart FILE draws one dataset; these files hold %d", len(comparisons))
		}
		for _, c := range comparisons {
			ch := comparisonChart(c)
			ch.LogY = opts.LogY
			if err := drawChart(opts.Out, opts.Chart, ch, opts.Color, opts.Width); err != nil {
				return err
			}
		}
		return unpricedComparisons(comparisons)
	}
	if err := report.ComparisonFormatsFor(report.Layout{Width: opts.Width, Wide: opts.Wide}).Render(opts.Out, opts.Format, comparisons); err != nil {
		return err
	}
	if opts.Format == "table" {
		for _, t := range totals {
			fmt.Fprintln(opts.Out)
			report.WriteWrapped(opts.Out, t)
		}
	}
	return unpricedComparisons(comparisons)
}

// fileTotal says what a file of several datasets costs in all, each
// dataset in its cheapest class that meets its requirements (the first
// ranked), and which datasets have none.
func fileTotal(name string, cs []model.Comparison) string {
	sum := decimal.Zero
	var parts, none []string
	for _, c := range cs {
		if len(c.Results) == 0 || !c.Results[0].Eligible {
			none = append(none, c.Workload)
			continue
		}
		e := c.Results[0]
		sum = sum.Add(e.MonthlyAverage())
		dataset := c.Workload[strings.LastIndexByte(c.Workload, '/')+1:]
		parts = append(parts, fmt.Sprintf("%s: %s %s", dataset, e.Class, report.Money(e.MonthlyAverage())))
	}
	line := fmt.Sprintf("%s in all: %s/month, each dataset in its cheapest class that meets its requirements (%s)",
		name, report.Money(sum), strings.Join(parts, ", "))
	if len(none) > 0 {
		line += fmt.Sprintf("; not counted, no class meets the requirements or could be priced: %s", strings.Join(none, ", "))
	}
	return line + "."
}

// unpricedComparisons is the exit-4 error when some dataset's comparison
// could price no candidate at all (in no region, with several): the report
// says what is missing, the exit code tells a script there is no answer.
// A comparison with a priced class that misses the requirements is an
// answer ("no class meets the requirements") and exits 0.
func unpricedComparisons(cs []model.Comparison) error {
	var names []string
	for _, c := range cs {
		if len(c.Results) > 0 && !slices.ContainsFunc(c.Results, model.Estimate.Priced) {
			names = append(names, c.Workload)
		}
	}
	if len(names) == 0 {
		return nil
	}
	return exit.NothingPricedf("no class could be priced for %s", strings.Join(names, ", "))
}

func fixedCompletion(values []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// describe is used by version: the sheet behind a region.
func describe(s *pricing.Sheet) string {
	return fmt.Sprintf("%s as of %s", s.ID, s.AsOf)
}

// multiRegion: --region names several regions ("a,b") or all of them.
func multiRegion(flag string) bool {
	return strings.Contains(flag, ",") || strings.EqualFold(strings.TrimSpace(flag), "all")
}

// compareRegions returns the sheets of --region a,b,c or --region all, or
// nil for a single region.
func compareRegions(opts *compareOptions, sheets *pricing.Sheets) ([]*pricing.Sheet, error) {
	if !opts.RegionSet || !multiRegion(opts.Region) {
		return nil, nil
	}
	names := strings.Split(strings.ToLower(opts.Region), ",")
	if strings.EqualFold(strings.TrimSpace(opts.Region), "all") {
		names = sheets.Regions()
	}
	var out []*pricing.Sheet
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if seen[n] {
			continue
		}
		seen[n] = true
		s, err := sheets.Region(n)
		if err != nil {
			return nil, fmt.Errorf("--region: %w", err)
		}
		out = append(out, s)
	}
	return out, nil
}

// terminalWidth is the width of the terminal w writes to, or 120 when it is
// not one (a pipe, a file, a CI log): tables are laid out for it.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && isTerminal(w) {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width >= 40 {
			return width
		}
	}
	return 120
}
