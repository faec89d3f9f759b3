package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/s3cost/s3cost/internal/check"
	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

// checkOptions are the inputs of `s3cost check`.
type checkOptions struct {
	Files        []string
	Format       string
	Out          string
	Budget       []string
	MaxOverspend string

	// Stdout gets the report unless Out names a file; Highlight shows FAIL
	// in color there (a terminal that accepts color).
	Stdout    io.Writer
	Highlight bool
}

func newCheckCmd(app *App) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check FILE...",
		Short: "Fail (exit 1) when workloads cost more than their budgets",
		Long: `Price every dataset of the workload FILEs (directories stand for the workload
files in them) in the class it is kept in (its class: key, else the cheapest
eligible class), sum them per file and overall, and hold the sums against the
budgets: budget.monthly (the average month, the MONTHLY figure),
budget.peak_month (the dearest month) and budget.total (the horizon) of each
dataset and file, and --budget for the sum of all files.
--max-overspend fails a dataset whose pinned class costs more than that
percentage above the cheapest eligible class. Every check is listed with its
limit, the actual figure and the verdict.

Exit status: 0 when every check holds, 1 when one fails, 2 on bad input, 3 on
an I/O error (such as a file that cannot be read or written).`,
		Example: `  s3cost check workloads/
  s3cost check storage.yaml --budget monthly=500 --max-overspend 20
  s3cost check storage.yaml --format markdown --out cost-report.md`,
		Args: minArgs(1, "at least one workload file or directory"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			opts.Stdout = cmd.OutOrStdout()
			opts.Highlight = app.colorOK(opts.Stdout)
			if err := app.chooseFormat(cmd, &opts.Format, check.CheckFormats.Names()); err != nil {
				return err
			}
			in, err := app.newInputs(cmd, false, nil)
			if err != nil {
				return err
			}
			return runCheck(cmd.Context(), opts, in)
		},
	}
	f := cmd.Flags()
	addSetFlag(cmd)
	addLifecycleFlag(cmd)
	addFormatFlag(cmd, &opts.Format, check.CheckFormats.Names())
	f.StringVarP(&opts.Out, "out", "o", "", "write the report to this file (atomically) instead of standard output")
	f.StringSliceVar(&opts.Budget, "budget", nil, "budget for the sum of all files: AMOUNT (the average month), monthly=AMOUNT, peak_month=AMOUNT, total=AMOUNT")
	f.StringVar(&opts.MaxOverspend, "max-overspend", "", "fail when a pinned class costs more than PCT% above the cheapest eligible class")
	addPriceFlags(cmd)
	return cmd
}

// runCheck prices the files, writes the report and fails (exit.ErrCheckFailed)
// when a check does not hold.
func runCheck(ctx context.Context, opts *checkOptions, in *inputs) error {
	if err := outputIsInput("--out", opts.Out, append(slices.Clone(opts.Files), in.read...)); err != nil {
		return err
	}
	var checkOpts check.Options
	budget, err := parseBudget(opts.Budget)
	if err != nil {
		return err
	}
	checkOpts.Budget = budget
	if opts.MaxOverspend != "" {
		pct, err := parsePercent(opts.MaxOverspend)
		if err != nil {
			return usageErrorf("--max-overspend: %v", err)
		}
		checkOpts.MaxOverspend = &pct
	}
	files, err := in.load(opts.Files)
	if err != nil {
		return err
	}
	r, err := check.Run(files, in.sheets.Region, checkOpts)
	if err != nil {
		return err
	}
	highlight := opts.Highlight && opts.Format == "table" && (opts.Out == "" || opts.Out == "-")
	if err := writeReport(opts.Stdout, opts.Out, func(w io.Writer) error {
		return renderHighlighted(w, highlight, func(w io.Writer) error { return check.CheckFormats.Render(w, opts.Format, r) })
	}); err != nil {
		return err
	}
	if failed := r.Failed(); len(failed) > 0 {
		verb := "fail"
		if len(failed) == 1 {
			verb = "fails"
		}
		return exit.CheckFailedf("%d of %d checks %s", len(failed), len(r.Checks), verb)
	}
	return nil
}

// parseBudget reads --budget: "500" (the average month), "monthly=500",
// "peak_month=650", "total=6000".
func parseBudget(values []string) (model.Budget, error) {
	var b model.Budget
	for _, v := range values {
		kind, amount, ok := strings.Cut(v, "=")
		if !ok {
			kind, amount = "monthly", v
		}
		d, err := model.ParseCount(strings.TrimPrefix(strings.TrimSpace(amount), "$"))
		if err != nil {
			return b, usageErrorf("--budget %s: the amount must be a non-negative number of USD", v)
		}
		switch strings.TrimSpace(kind) {
		case "monthly":
			b.Monthly = &d
		case "peak_month":
			b.PeakMonth = &d
		case "total":
			b.Total = &d
		default:
			return b, usageErrorf("--budget %s: use AMOUNT, monthly=AMOUNT, peak_month=AMOUNT or total=AMOUNT", v)
		}
	}
	return b, nil
}

// parsePercent reads "20" or "20%" as 20 (percent).
func parsePercent(s string) (decimal.Decimal, error) {
	d, err := model.ParseCount(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if err != nil {
		return d, fmt.Errorf("want a percentage such as 20 or 20%%, got %q", s)
	}
	return d, nil
}
