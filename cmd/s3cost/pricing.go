package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/s3cost/s3cost/internal/atomicfile"
	"github.com/s3cost/s3cost/internal/priceimport"
	"github.com/s3cost/s3cost/internal/readfile"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

// loadSheets loads the embedded sheets, adds a custom sheet (--pricing,
// S3COST_PRICING, config pricing:) and applies a contract discount
// (--discount, S3COST_DISCOUNT, config discount:). Flags win over the
// environment, which wins over the config file.
func (app *App) loadSheets(cmd *cobra.Command) (*pricing.Sheets, error) {
	sheets, err := app.LoadSheets()
	if err != nil {
		return nil, err
	}
	file, fileFrom := app.cfg.Pricing, app.cfg.PricingFrom
	if f := cmd.Flags().Lookup("pricing"); f != nil && f.Changed {
		file, fileFrom = f.Value.String(), "--pricing"
	}
	if file != "" {
		custom, err := pricing.LoadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fileFrom, err) // LoadFile's class: bad sheet 2, unreadable 3
		}
		app.customRegion, app.customFile = custom.Region, file
		sheets = sheets.With(custom)
	}
	discount, discountFrom := app.cfg.Discount, app.cfg.DiscountFrom
	if f := cmd.Flags().Lookup("discount"); f != nil && f.Changed {
		discount, discountFrom = f.Value.String(), "--discount"
	}
	if discount != "" {
		pct, err := parsePercent(discount)
		if err != nil || pct.GreaterThan(hundred()) {
			return nil, usageErrorf("%s: want a percentage from 0 to 100, such as 7%%, got %q", discountFrom, discount)
		}
		if pct.IsPositive() {
			sheets = sheets.Discounted(pct)
		}
	}
	return sheets, nil
}

func newPricingCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pricing",
		Short: "The price sheets: list them, show one, import one from AWS's Price List",
	}
	cmd.AddCommand(newPricingListCmd(app), newPricingShowCmd(app), newPricingImportCmd(app))
	return cmd
}

// pricingListOptions are the inputs of `s3cost pricing list`.
type pricingListOptions struct {
	Format string
	Out    io.Writer
}

func newPricingListCmd(app *App) *cobra.Command {
	opts := &pricingListOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Every price sheet: region, date, the prices it leaves out, the classes its region does not sell",
		Long: `List the price sheet of every region: its date, whether it is complete
(has every price of the classes the region offers) or how many prices it
lacks, and the classes the region does not sell (not offered: no price is
missing for them). --format json names the missing prices and adds the
source. The embedded sheets are built from AWS's S3 price feed, a data
transfer table and a supplement (docs/pricing.md); "s3cost pricing import"
refreshes one region from a newer feed or from Price List files.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out = cmd.OutOrStdout()
			if err := app.chooseFormat(cmd, &opts.Format, pricing.ListFormats.Names()); err != nil {
				return err
			}
			sheets, err := app.loadSheets(cmd)
			if err != nil {
				return err
			}
			return runPricingList(cmd.Context(), opts, sheets)
		},
	}
	addFormatFlag(cmd, &opts.Format, pricing.ListFormats.Names())
	addPriceFlags(cmd)
	return cmd
}

// runPricingList lists every sheet of sheets.
func runPricingList(ctx context.Context, opts *pricingListOptions, sheets *pricing.Sheets) error {
	var list []pricing.Summary
	for _, r := range sheets.Regions() {
		s, err := sheets.Region(r)
		if err != nil {
			return err
		}
		list = append(list, s.Summary())
	}
	return pricing.ListFormats.Render(opts.Out, opts.Format, list)
}

// pricingShowOptions are the inputs of `s3cost pricing show`.
type pricingShowOptions struct {
	Region string
	Format string
	// Class: only this class's prices ("" for all).
	Class string
	Out   io.Writer
}

func newPricingShowCmd(app *App) *cobra.Command {
	opts := &pricingShowOptions{}
	cmd := &cobra.Command{
		Use:   "show REGION",
		Short: "Every price of one region's sheet, the prices it lacks and the classes the region does not sell",
		Args:  exactArgs(1, "one region"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Region = args[0]
			opts.Out = cmd.OutOrStdout()
			if err := app.chooseFormat(cmd, &opts.Format, pricing.ShowFormats.Names()); err != nil {
				return err
			}
			sheets, err := app.loadSheets(cmd)
			if err != nil {
				return err
			}
			return runPricingShow(cmd.Context(), opts, sheets)
		},
	}
	addFormatFlag(cmd, &opts.Format, pricing.ShowFormats.Names())
	cmd.Flags().StringVar(&opts.Class, "class", "", "only this class's prices")
	cmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		sheets, err := app.LoadSheets()
		if err != nil || len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		regions := sheets.Regions()
		sort.Strings(regions)
		return regions, cobra.ShellCompDirectiveNoFileComp
	}
	_ = cmd.RegisterFlagCompletionFunc("class", fixedCompletion(model.ClassNames()))
	addPriceFlags(cmd)
	return cmd
}

// runPricingShow writes every price of one region's sheet, or of one class.
func runPricingShow(ctx context.Context, opts *pricingShowOptions, sheets *pricing.Sheets) error {
	s, err := sheets.Region(strings.ToLower(opts.Region))
	if err != nil {
		return err
	}
	items := s.Items()
	summary := s.Summary()
	if opts.Class != "" {
		id, err := model.ParseClassID(opts.Class)
		if err != nil {
			return usageErrorf("--class: %v", err)
		}
		prefix := "classes." + string(id) + "."
		var kept []pricing.Item
		for _, it := range items {
			if strings.HasPrefix(it.Key, prefix) {
				kept = append(kept, it)
			}
		}
		var missing []string
		for _, m := range summary.Missing {
			if strings.HasPrefix(m, prefix) {
				missing = append(missing, m)
			}
		}
		var notOffered []string
		if slices.Contains(summary.NotOffered, string(id)) {
			notOffered = []string{string(id)}
		}
		items, summary.Missing, summary.NotOffered = kept, missing, notOffered
	}
	return pricing.ShowFormats.Render(opts.Out, opts.Format, pricing.Detail{Summary: summary, Items: items})
}

func hundred() decimal.Decimal { return decimal.NewFromInt(100) }

// pricingImportOptions are the inputs of `s3cost pricing import`.
type pricingImportOptions struct {
	Files []string
	// Region, UsageTypePrefix, AsOf, Source: see priceimport.Options.
	Region, UsageTypePrefix, AsOf, Source string
	// Output is the sheet file ("" or "-": Out).
	Output string
	// Out gets the sheet, or the report when the sheet goes to Output;
	// Err gets the report when the sheet goes to Out.
	Out, Err io.Writer
}

func newPricingImportCmd(app *App) *cobra.Command {
	opts := &pricingImportOptions{}
	cmd := &cobra.Command{
		Use:   "import FILE... [--region REGION] [-o sheet.yaml]",
		Short: "Build a price sheet from AWS's price data (S3 pricing-page feed, Price List bulk offers, get-products output)",
		Long: `Read AWS's own price data and write a price sheet for one region: the S3
pricing page's price feed (every region, no AWS credentials needed), the
Price List Bulk API offer files (AmazonS3, AmazonS3GlacierDeepArchive and
AWSDataTransfer region index.json) and/or the JSON output of
"aws pricing get-products --service-code AmazonS3", in any mix. Files of
hundreds of MB are read as a stream. The sheet holds only prices read from
the files, and says which items it found and which it did not. Without
--region the region is the one the files price; files pricing several
regions (the feed prices them all) need --region. Use the sheet with
--pricing FILE.`,
		Example: `  curl -o s3.json ` + priceimport.FeedURL + `
  s3cost pricing import s3.json --region ap-south-1 -o ap-south-1.yaml
  s3cost compare w.yaml --pricing ap-south-1.yaml

  curl -O https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonS3/current/eu-west-1/index.json
  s3cost pricing import index.json -o eu-west-1.yaml   # the region is the file's`,
		Args: minArgs(1, "at least one price file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			opts.Out, opts.Err = cmd.OutOrStdout(), cmd.ErrOrStderr()
			return runPricingImport(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Region, "region", "", "the region whose prices to take, e.g. eu-west-1 (default: the one region the files price)")
	f.StringVarP(&opts.Output, "out", "o", "", "write the sheet to this file (atomically); default standard output")
	f.StringVar(&opts.AsOf, "as-of", "", "the date to record (default: the files' publication date)")
	f.StringVar(&opts.Source, "source", "", "the source to record (default: the offers or feed read)")
	f.StringVar(&opts.UsageTypePrefix, "usage-type-prefix", "", "the region's usage-type prefix (e.g. EUN1-); default: built in, or inferred from rows carrying the region's code")
	return cmd
}

// runPricingImport reads the price files and writes the sheet and a report
// of what was found.
func runPricingImport(ctx context.Context, opts *pricingImportOptions) error {
	if opts.UsageTypePrefix != "" && opts.Region == "" {
		return usageErrorf("pricing import: --usage-type-prefix needs --region (the region it belongs to)")
	}
	// The same file twice would count its rows twice; -o onto one of the
	// files would replace the price data with the sheet.
	if err := givenTwice(opts.Files); err != nil {
		return err
	}
	if err := outputIsInput("-o", opts.Output, opts.Files); err != nil {
		return err
	}
	var readers []io.Reader
	for _, name := range opts.Files {
		// Streamed (an offer file may be hundreds of MB), but a pipe or a
		// device is refused before it is opened.
		f, err := readfile.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		readers = append(readers, bufio.NewReaderSize(f, 1<<20))
	}
	res, err := priceimport.Import(priceimport.Options{Region: strings.ToLower(opts.Region), UsageTypePrefix: opts.UsageTypePrefix, AsOf: opts.AsOf, Source: opts.Source}, readers...)
	if err != nil {
		return fmt.Errorf("pricing import: %w", err)
	}
	sheet := res.SheetYAML()
	if _, err := pricing.ParseSheet(sheet); err != nil {
		// Not bad input: the importer wrote a sheet its own parser
		// refuses. Exit 3, as for any internal failure.
		return fmt.Errorf("pricing import: the sheet built does not load (a bug): %v", err)
	}
	toFile := opts.Output != "" && opts.Output != "-"
	if !toFile {
		if _, err := opts.Out.Write(sheet); err != nil {
			return err
		}
	} else if err := atomicfile.WriteFile(opts.Output, sheet); err != nil {
		return err
	}
	// The report goes to stderr when the sheet goes to stdout.
	report := opts.Err
	if toFile {
		report = opts.Out
	}
	fmt.Fprintf(report, "%s: %d prices found, %d products ignored\n", res.Region, len(res.Found), res.Ignored)
	if len(res.NotOffered) > 0 {
		fmt.Fprintf(report, "not offered in %s (the files price the region but have no item of it): %s\n", res.Region, strings.Join(res.NotOffered, ", "))
	}
	if missing := res.MissingFromInput(); len(missing) > 0 {
		fmt.Fprintf(report, "not in the files: %s\n", strings.Join(missing, ", "))
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(report, "warning: %s\n", w)
	}
	if toFile {
		fmt.Fprintf(report, "wrote %s\n", opts.Output)
	}
	return nil
}
