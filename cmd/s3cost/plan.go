package main

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/plan"
	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
	"github.com/spf13/cobra"
)

// planOptions are the inputs of `s3cost plan`.
type planOptions struct {
	// compare holds the file, --format, and --months and --region, which
	// are overrides as in compare (of --dataset's dataset only).
	compare        compareOptions
	Dataset        string
	Top            int
	MaxTransitions int
	// Emit: "" the ranking, else the best rule in that format
	// (plan.EmitFormats); FormatSet: --format was given.
	Emit      string
	FormatSet bool

	Err io.Writer
}

func newPlanCmd(app *App) *cobra.Command {
	opts := &planOptions{}
	cmd := &cobra.Command{
		Use:   "plan FILE",
		Short: "Find the cheapest lifecycle rule for a workload, and emit it for AWS or Terraform",
		Long: `Price every lifecycle rule that starts objects in STANDARD and moves them down
the waterfall (up to --max-transitions transitions, at ages 30d, 45d, 60d,
90d, 120d, 150d, 180d, 270d, 1y, 545d and 2y before the lifetime), beside
every class alone, and rank them as compare ranks classes. The table lists
the --top cheapest that meet the requirements, and the workload's own rules
(its lifecycle key, --lifecycle) wherever they rank. A file with several
datasets needs --dataset.

--emit writes the best rule instead, as the put-bucket-lifecycle-configuration
document (lifecycle-json) or a Terraform resource (terraform); see
docs/plan.md and docs/lifecycle-aws.md.

Exit status: 0 with an answer, 2 on bad input, 3 on an I/O error, 4 when
nothing could be priced (the report is written first), or, with --emit,
when there is no rule to emit: nothing meets the requirements, or a class
alone is cheapest (STANDARD alone, with a lifetime, is emitted as a rule
that only expires objects).`,
		Example: `  s3cost plan logs.yaml
  s3cost plan logs.yaml --lifecycle current.json --top 10
  s3cost plan team.yaml --dataset app-logs --format json
  s3cost plan logs.yaml --emit lifecycle-json > rule.json
  s3cost plan logs.yaml --emit terraform > lifecycle.tf`,
		Args: exactArgs(1, "one workload file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.compare.Files = args
			opts.compare.Out = cmd.OutOrStdout()
			opts.Err = cmd.ErrOrStderr()
			opts.compare.RegionSet = cmd.Flags().Changed("region")
			opts.FormatSet = cmd.Flags().Changed("format")
			if err := app.chooseFormat(cmd, &opts.compare.Format, plan.Formats.Names()); err != nil {
				return err
			}
			if err := opts.check(); err != nil {
				return err
			}
			flags := opts.overrides(cmd)
			in, err := app.newInputs(cmd, opts.compare.RegionSet, flags)
			if err != nil {
				return err
			}
			return runPlan(cmd.Context(), opts, in)
		},
	}
	f := cmd.Flags()
	addSetFlag(cmd)
	addLifecycleFlag(cmd)
	f.StringVar(&opts.Dataset, "dataset", "", "the dataset to plan, in a file with several")
	f.IntVar(&opts.Top, "top", 5, "how many of the cheapest rules and classes that meet the requirements to list (the workload's own rules are listed too)")
	f.IntVar(&opts.MaxTransitions, "max-transitions", 3, "the most transitions a rule may have, 1 to 3")
	f.StringVar(&opts.Emit, "emit", "", "write the best rule instead of the ranking: "+strings.Join(plan.EmitFormats.Names(), ", "))
	_ = cmd.RegisterFlagCompletionFunc("emit", fixedCompletion(plan.EmitFormats.Names()))
	f.IntVar(&opts.compare.Months, "months", 0, "horizon in months, overriding the workload's (as --set months=N after every --set)")
	f.StringVar(&opts.compare.Region, "region", "", "AWS region whose prices to use, overriding the workload's (as --set region=R after every --set)")
	registerCompletions(app, cmd)
	addFormatFlag(cmd, &opts.compare.Format, plan.Formats.Names())
	addPriceFlags(cmd)
	return cmd
}

// overrides are the overrides of --months and --region (as compare's),
// of --dataset's dataset only when it is given.
func (o *planOptions) overrides(cmd *cobra.Command) []flagOverride {
	var out []flagOverride
	if cmd.Flags().Changed("months") {
		out = append(out, newFlagOverride("--months", "months", strconv.Itoa(o.compare.Months)))
	}
	if o.compare.RegionSet && !multiRegion(o.compare.Region) {
		out = append(out, newFlagOverride("--region", "region", yamlString(strings.ToLower(o.compare.Region))))
	}
	for i := range out {
		out[i] = out[i].inDataset(o.Dataset)
	}
	return out
}

// check refuses flags out of range before anything is read.
func (o *planOptions) check() error {
	switch {
	case o.Top < 1:
		return usageErrorf("--top: at least 1, got %d", o.Top)
	case o.MaxTransitions < 1 || o.MaxTransitions > 3:
		return usageErrorf("--max-transitions: 1, 2 or 3, got %d", o.MaxTransitions)
	case o.Emit != "" && !slices.Contains(plan.EmitFormats.Names(), o.Emit):
		return usageErrorf("--emit: unknown format %q (use %s)", o.Emit, strings.Join(plan.EmitFormats.Names(), ", "))
	case o.Emit != "" && o.FormatSet:
		return usageErrorf("--emit writes the rule instead of the ranking: give --emit or --format, not both")
	case o.compare.RegionSet && multiRegion(o.compare.Region):
		return usageErrorf("plan searches one region; --region takes one (compare ranks several)")
	}
	return nil
}

// runPlan searches one dataset and writes the ranking, or with --emit the
// best rule (and a note on standard error saying which).
func runPlan(ctx context.Context, opts *planOptions, in *inputs) error {
	if err := opts.check(); err != nil {
		return err
	}
	files, err := in.load(opts.compare.Files)
	if err != nil {
		return err
	}
	f := files[0]
	w, err := chooseDataset(f, opts.Dataset)
	if err != nil {
		return err
	}
	sheet, err := in.sheets.Region(w.Region)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	res := plan.Search(w, sheet, plan.Options{MaxTransitions: opts.MaxTransitions})
	if len(f.Datasets) > 1 {
		res.Workload = f.Name + "/" + w.Name
	}
	if opts.Emit != "" {
		rule, note, err := res.ToEmit()
		if err != nil {
			return err
		}
		if err := plan.EmitFormats.Render(opts.compare.Out, opts.Emit, rule); err != nil {
			return err
		}
		// The note goes to stderr, so that the rule on stdout can be
		// redirected to a file; wrapped to 120 columns.
		var b strings.Builder
		report.WriteWrapped(&b, "s3cost: note: "+note)
		_, err = io.WriteString(opts.Err, b.String())
		return err
	}
	if err := plan.Formats.Render(opts.compare.Out, opts.compare.Format, plan.Report{Result: res, Top: opts.Top}); err != nil {
		return err
	}
	if res.NothingPriced() {
		return exit.NothingPricedf("no rule or class could be priced for %s", res.Workload)
	}
	return nil
}

// chooseDataset is the dataset named, or the file's only one.
func chooseDataset(f model.File, name string) (model.Workload, error) {
	switch {
	case name != "":
		for _, ds := range f.Datasets {
			if ds.Name == name {
				return ds, nil
			}
		}
		return model.Workload{}, usageErrorf("--dataset: %s has no dataset %q (it has: %s)", f.Path, name, datasetNames(f))
	case len(f.Datasets) > 1:
		return model.Workload{}, usageErrorf("%s has %d datasets; choose one with --dataset (%s)", f.Path, len(f.Datasets), datasetNames(f))
	}
	return f.Datasets[0], nil
}
