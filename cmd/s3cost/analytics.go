package main

import (
	"context"
	"io"
	"slices"
	"strings"

	"github.com/s3cost/s3cost/internal/analytics"
	"github.com/s3cost/s3cost/model"
	"github.com/spf13/cobra"
)

// analyticsOptions are the inputs of `s3cost analytics`.
type analyticsOptions struct {
	Exports []string
	Output  string
	Format  string
	// Filter is the ConfigId to profile; Class the storage class;
	// Lifetime the workload's lifetime, as given (empty for none).
	Filter, Class, Lifetime string

	Out io.Writer
}

func newAnalyticsCmd(app *App) *cobra.Command {
	opts := &analyticsOptions{}
	cmd := &cobra.Command{
		Use:   "analytics EXPORT.csv...",
		Short: "Write a workload's reads block from S3 Storage Class Analysis exports",
		Long: `Read the daily exports of Amazon S3 Storage Class Analysis and write the
workload's reads block: GETs a month (the ALL rows' daily mean x 365/12),
the mean bytes per GET, and by_age, the share of the GETs on each age group
of objects of 128 KB and more. Comments say which files, dates,
configuration and class were used, the share of GETs on objects under 128 KB
(counted in per_month, not placed in an age band: they have no age in the
export) and AWS's own RecommendedObjectAgeForSIATransition. Paste the block
into the workload and run s3cost plan on it: see docs/access-data.md.

Several files combine: days are averaged, the same day's row in two files is
counted once. Rows of several analysis configurations (filters) are refused
unless --filter picks one: their objects differ and their reads are never
summed. --format json prints the per-group profile.

Exit status: 0 with the block written, 2 on bad input (a malformed row,
named by file and row; an unknown column, age group or class), 3 on an I/O
error.`,
		Example: `  s3cost analytics export.csv -o reads.yaml
  s3cost analytics logs-2025-03.csv logs-2025-04.csv --lifetime 1y
  s3cost analytics all-filters.csv --filter images --format json`,
		Args: minArgs(1, "at least one Storage Class Analysis export (CSV)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Exports = args
			opts.Out = cmd.OutOrStdout()
			if err := app.chooseFormat(cmd, &opts.Format, analytics.Formats.Names()); err != nil {
				return err
			}
			return runAnalytics(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "write to this file (atomically) instead of standard output")
	f.StringVar(&opts.Filter, "filter", "", "the analysis configuration (ConfigId) to use when the files hold several")
	f.StringVar(&opts.Class, "class", analytics.DefaultClass, "the storage class whose rows to use")
	f.StringVar(&opts.Lifetime, "lifetime", "", "the workload's lifetime (e.g. 1y, 400d): age bands from the one reaching it on become the last, forever")
	addFormatFlag(cmd, &opts.Format, analytics.Formats.Names())
	_ = cmd.RegisterFlagCompletionFunc("class", fixedCompletion(analytics.StorageClasses))
	return cmd
}

// runAnalytics reads every export, then writes the block; nothing is
// written unless every file was read.
func runAnalytics(ctx context.Context, opts *analyticsOptions) error {
	sel := analytics.Options{ConfigID: opts.Filter}
	class, err := analyticsClass(opts.Class)
	if err != nil {
		return err
	}
	sel.Class = class
	if opts.Lifetime != "" {
		d, err := model.ParseDuration(opts.Lifetime)
		if err != nil {
			return usageErrorf("--lifetime: %v", err)
		}
		if d <= 0 {
			return usageErrorf("--lifetime must be longer than 0, got %q", opts.Lifetime)
		}
		sel.Lifetime = d
	}
	if err := outputIsInput("-o", opts.Output, opts.Exports); err != nil {
		return err
	}
	r := analytics.NewReader()
	for _, name := range opts.Exports {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.ReadFile(name); err != nil {
			return err
		}
	}
	p, err := r.Profile(sel)
	if err != nil {
		return err
	}
	return writeReport(opts.Out, opts.Output, func(w io.Writer) error {
		return analytics.Formats.Render(w, opts.Format, p)
	})
}

// analyticsClass reads --class: one of AWS's storage classes, or one of
// s3cost's aliases (standard-ia).
func analyticsClass(s string) (string, error) {
	if id, err := model.ParseClassID(s); err == nil {
		return string(id), nil
	}
	up := strings.ToUpper(strings.TrimSpace(s))
	if !slices.Contains(analytics.StorageClasses, up) {
		return "", usageErrorf("--class: unknown storage class %q (AWS's are %s)", s, strings.Join(analytics.StorageClasses, ", "))
	}
	return up, nil
}
