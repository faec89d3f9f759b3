package main

import (
	"context"
	"strings"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/spf13/cobra"
)

// explainOptions are the inputs of `s3cost explain`.
type explainOptions struct {
	compare compareOptions
	Class   string
	Dataset string
}

func newExplainCmd(app *App) *cobra.Command {
	opts := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain FILE --class C",
		Short: "Show every line of one class's (or lifecycle rule's) estimate, the rules and assumptions behind it",
		Long: `Show the work behind one class's estimate so a reviewer can check it by hand:
every line (quantity, unit, unit price, cost), the billing rules that applied
(minimum size, archive overhead, early deletion, tier split, ...) with their
AWS sources, the assumptions, and the cost of each month.`,
		Example: `  s3cost explain workloads/examples/db-backups.yaml --class DEEP_ARCHIVE
  s3cost explain team.yaml --dataset app-logs --class STANDARD_IA --format json`,
		Args: exactArgs(1, "one workload file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.compare.Files = args
			opts.compare.Out = cmd.OutOrStdout()
			opts.compare.RegionSet = cmd.Flags().Changed("region")
			if err := app.chooseFormat(cmd, &opts.compare.Format, report.ExplainFormats.Names()); err != nil {
				return err
			}
			// explain's --class is the class to explain, not compare's
			// "only these classes": it is not among the overrides. With
			// --dataset, the flags change that dataset only (another's
			// settings may not take them, and are not shown).
			flags := opts.compare.overrides(cmd)
			for i := range flags {
				flags[i] = flags[i].inDataset(opts.Dataset)
			}
			in, err := app.newInputs(cmd, opts.compare.RegionSet, flags)
			if err != nil {
				return err
			}
			return runExplain(cmd.Context(), opts, in)
		},
	}
	f := cmd.Flags()
	addSetFlag(cmd)
	addLifecycleFlag(cmd)
	f.StringVar(&opts.Class, "class", "", "the class to explain (required); lifecycle, or a rule's name, explains the workload's lifecycle rule")
	f.StringVar(&opts.Dataset, "dataset", "", "the dataset to explain, in a file with several")
	f.IntVar(&opts.compare.Months, "months", 0, "horizon in months, overriding the workload's (as --set months=N after every --set)")
	f.StringVar(&opts.compare.Region, "region", "", "AWS region whose prices to use, overriding the workload's (as --set region=R after every --set)")
	opts.compare.Enc.register(cmd)
	registerCompletions(app, cmd)
	addFormatFlag(cmd, &opts.compare.Format, report.ExplainFormats.Names())
	addPriceFlags(cmd)
	return cmd
}

// runExplain writes one class's estimate of one dataset to opts.compare.Out;
// a class it cannot price is exit.ErrNothingPriced, after the report.
func runExplain(ctx context.Context, opts *explainOptions, in *inputs) error {
	if opts.Class == "" {
		return usageErrorf("explain needs --class (one of %s)", strings.Join(model.ClassNames(), ", "))
	}
	if opts.compare.RegionSet && multiRegion(opts.compare.Region) {
		return usageErrorf("explain shows one region; --region takes one (compare ranks several)")
	}
	// --class lifecycle (or a rule's name) explains a lifecycle rule of the
	// workload (its lifecycle key, --lifecycle) instead of a class.
	wantRule := strings.EqualFold(opts.Class, "lifecycle")
	id, err := model.ParseClassID(opts.Class)
	if err != nil && !wantRule {
		wantRule = true // perhaps a rule's name; checked below
	}
	files, err := in.load(opts.compare.Files)
	if err != nil {
		return err
	}
	f := files[0]
	w := f.Datasets[0]
	switch {
	case opts.Dataset != "":
		found := false
		for _, ds := range f.Datasets {
			if ds.Name == opts.Dataset {
				w, found = ds, true
			}
		}
		if !found {
			return usageErrorf("--dataset: %s has no dataset %q (it has: %s)", f.Path, opts.Dataset, datasetNames(f))
		}
	case len(f.Datasets) > 1:
		return usageErrorf("%s has %d datasets; choose one with --dataset (%s)", f.Path, len(f.Datasets), datasetNames(f))
	}
	// Explain the class even if the file's candidate list leaves it out
	// or pins another: this is what to show, not a change to the
	// workload, so it is no override.
	w.Classes = []model.ClassID{id}
	w.Class = ""
	if wantRule {
		rule, err := pickRule(w, opts.Class)
		if err != nil {
			return err
		}
		// Only the rule: no class is a candidate.
		w.Classes, w.Lifecycles = []model.ClassID{"-"}, []model.Lifecycle{rule}
		id = model.ClassID(rule.Describe(w.Lifetime))
	} else {
		w.Lifecycles = nil
	}
	sheet, err := in.sheets.Region(w.Region)
	if err != nil {
		return err
	}
	c := pricing.Compare(w, sheet)
	if err := report.ExplainFormats.Render(opts.compare.Out, opts.compare.Format, report.Explanation{Comparison: c, Class: id}); err != nil {
		return err
	}
	// A class without amounts is explained (what is missing), but there is
	// no figure to use: exit 4, as compare does when it can price nothing.
	for _, e := range c.Results {
		if e.Class == id && !e.Priced() {
			return exit.NothingPricedf("%s: %s", id, strings.Join(e.Violations, "; "))
		}
	}
	return nil
}

func datasetNames(f model.File) string {
	names := make([]string, len(f.Datasets))
	for i, ds := range f.Datasets {
		names[i] = ds.Name
	}
	return strings.Join(names, ", ")
}

// pickRule finds the rule --class names: "lifecycle" for the dataset's one
// rule, or a rule's name.
func pickRule(w model.Workload, name string) (model.Lifecycle, error) {
	var names []string
	for _, r := range w.Lifecycles {
		// A rule is named by its name, or as compare names it.
		if (r.Name != "" && r.Name == name) || r.Describe(w.Lifetime) == name {
			return r, nil
		}
		label := r.Describe(w.Lifetime)
		if r.Name != "" {
			label = r.Name + " (" + label + ")"
		}
		names = append(names, label)
	}
	switch {
	case !strings.EqualFold(name, "lifecycle"):
		if len(w.Lifecycles) == 0 {
			return model.Lifecycle{}, usageErrorf("--class: unknown class %q (one of %s, or lifecycle for the workload's lifecycle rule)", name, strings.Join(model.ClassNames(), ", "))
		}
		return model.Lifecycle{}, usageErrorf("--class: no class or rule named %q (the rules: %s)", name, strings.Join(names, "; "))
	case len(w.Lifecycles) == 0:
		return model.Lifecycle{}, usageErrorf("--class lifecycle: %s has no lifecycle rule (add a lifecycle key or --lifecycle FILE.json)", w.Name)
	case len(w.Lifecycles) > 1:
		return model.Lifecycle{}, usageErrorf("--class lifecycle: %s has %d rules; name one (%s)", w.Name, len(w.Lifecycles), strings.Join(names, "; "))
	}
	return w.Lifecycles[0], nil
}
