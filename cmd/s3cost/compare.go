package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/s3cost/s3cost/workloads"
	"github.com/spf13/cobra"
)

// compareOptions are the inputs of `s3cost compare`.
type compareOptions struct {
	File   string
	Format string
	Months int
	// MonthsSet: --months was given (0 is then an error, not "unset").
	MonthsSet bool
	// RegionSet: --region was given; the file's region is then replaced,
	// so it need not have a price sheet.
	RegionSet bool
	Region    string
	Classes   []string
	Enc       encryptionFlags

	Out io.Writer
	In  io.Reader
}

func newCompareCmd(app *App) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare FILE",
		Short: "Rank every storage class by cost for a workload file",
		Long: `Price the workload in FILE (or standard input, for "-") in every storage class
and rank the classes by total cost over the horizon. Classes that miss a
requirement (first-byte latency, availability, zones) are listed after the
ranked ones with the reason.`,
		Example: `  s3cost compare workloads/examples/product-images.yaml
  s3cost compare backups.yaml --format json --months 36
  s3cost compare logs.yaml --class STANDARD --class GLACIER_IR`,
		Args: exactArgs(1, "one workload file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			opts.Out, opts.In = cmd.OutOrStdout(), cmd.InOrStdin()
			opts.MonthsSet = cmd.Flags().Changed("months")
			opts.Format = strings.ToLower(opts.Format)
			if !validFormat(opts.Format) {
				return usageErrorf("unknown format %q (use %s)", opts.Format, strings.Join(report.Formats(), ", "))
			}
			if !cmd.Flags().Changed("format") && app.cfg.Format != "" {
				opts.Format = strings.ToLower(app.cfg.Format)
				if !validFormat(opts.Format) {
					return usageErrorf("%s: unknown format %q (use %s)", app.cfg.FormatFrom, app.cfg.Format, strings.Join(report.Formats(), ", "))
				}
			}
			opts.RegionSet = cmd.Flags().Changed("region")
			sheets, err := app.LoadSheets()
			if err != nil {
				return err
			}
			defaultRegion := app.cfg.Region
			if defaultRegion != "" && !opts.RegionSet {
				if _, err := sheets.Region(defaultRegion); err != nil {
					return usageErrorf("%s: %v", app.cfg.RegionFrom, err)
				}
			}
			return runCompare(cmd.Context(), opts, sheets, defaultRegion)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "table", "output format: "+strings.Join(report.Formats(), ", "))
	f.IntVar(&opts.Months, "months", 0, "horizon in months (overrides the workload's months)")
	f.StringVar(&opts.Region, "region", "", "AWS region whose prices to use (overrides the workload's region)")
	f.StringSliceVar(&opts.Classes, "class", nil, "only these classes (repeatable or comma-separated)")
	opts.Enc.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(report.Formats()))
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
	return cmd
}

// runCompare loads the workload, applies the flags and prints the ranking.
func runCompare(ctx context.Context, opts *compareOptions, sheets *pricing.Sheets, defaultRegion string) error {
	if !validFormat(opts.Format) {
		return usageErrorf("unknown format %q (use %s)", opts.Format, strings.Join(report.Formats(), ", "))
	}
	known := sheets.Regions()
	if opts.RegionSet {
		// --region replaces whatever region the file names.
		known = nil
	}
	w, err := loadWorkload(opts.File, opts.In, known, defaultRegion)
	if err != nil {
		return err
	}
	if err := applyCompareFlags(&w, opts, sheets); err != nil {
		return err
	}
	sheet, err := sheets.Region(w.Region)
	if err != nil {
		return usageError{err}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return report.Render(opts.Out, opts.Format, pricing.Compare(w, sheet))
}

// loadWorkload reads and decodes a workload file ("-" is standard input).
func loadWorkload(path string, stdin io.Reader, knownRegions []string, defaultRegion string) (model.Workload, error) {
	var data []byte
	var err error
	name := path
	if path == "-" {
		name = "<stdin>"
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return model.Workload{}, err
	}
	return workloads.Decode(name, data, workloads.Options{DefaultRegion: defaultRegion, KnownRegions: knownRegions})
}

// applyCompareFlags lets --months, --region and --class override the file.
func applyCompareFlags(w *model.Workload, opts *compareOptions, sheets *pricing.Sheets) error {
	if opts.MonthsSet {
		if opts.Months < 1 || opts.Months > 1200 {
			return usageErrorf("--months must be between 1 and 1200, got %d", opts.Months)
		}
		w.Months = opts.Months
	}
	if opts.RegionSet {
		opts.Region = strings.ToLower(opts.Region)
		if _, err := sheets.Region(opts.Region); err != nil {
			return usageErrorf("--region: %v", err)
		}
		w.Region = opts.Region
	}
	if err := opts.Enc.apply(&w.Encryption); err != nil {
		return err
	}
	if len(opts.Classes) > 0 {
		w.Classes = nil
		for _, s := range opts.Classes {
			id, err := model.ParseClassID(s)
			if err != nil {
				return usageErrorf("--class: %v", err)
			}
			w.Classes = append(w.Classes, id)
		}
	}
	return nil
}

func validFormat(f string) bool {
	for _, ok := range report.Formats() {
		if f == ok {
			return true
		}
	}
	return false
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
