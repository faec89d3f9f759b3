package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/s3cost/s3cost/internal/check"
	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"github.com/spf13/cobra"
)

// diffOptions are the inputs of `s3cost diff`.
type diffOptions struct {
	Base, Head string
	Format     string
	Out        string
	FailAbove  string

	// Stdout gets the report unless Out names a file; Highlight shows FAIL
	// in color there (a terminal that accepts color).
	Stdout    io.Writer
	Highlight bool
}

func newDiffCmd(app *App) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff BASE HEAD",
		Short: "What a change to workload files costs, dataset by dataset",
		Long: `Compare two versions of a workload file, or of a set of them (BASE and HEAD
may be directories, whose files are matched by their path inside them): per dataset, the monthly
cost before and after (in its pinned class, else the cheapest eligible one),
the change in money and percent, and whether the cheapest class changed.
--fail-above AMOUNT or PCT% exits 1 when the monthly increase of the sum is
larger. Monthly is the average month (total / months), as in check and
compare.`,
		Example: `  git show origin/main:storage.yaml > /tmp/base.yaml
  s3cost diff /tmp/base.yaml storage.yaml --format markdown --fail-above 10%`,
		Args: exactArgs(2, "BASE and HEAD"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Base, opts.Head = args[0], args[1]
			opts.Stdout = cmd.OutOrStdout()
			opts.Highlight = app.colorOK(opts.Stdout)
			if err := app.chooseFormat(cmd, &opts.Format, check.DiffFormats.Names()); err != nil {
				return err
			}
			in, err := app.newInputs(cmd, false, nil)
			if err != nil {
				return err
			}
			return runDiff(cmd.Context(), opts, in)
		},
	}
	f := cmd.Flags()
	addSetFlag(cmd)
	addFormatFlag(cmd, &opts.Format, check.DiffFormats.Names())
	f.StringVarP(&opts.Out, "out", "o", "", "write the report to this file (atomically) instead of standard output")
	f.StringVar(&opts.FailAbove, "fail-above", "", "exit 1 when the monthly increase exceeds AMOUNT (USD) or PCT% of the cost before")
	addPriceFlags(cmd)
	return cmd
}

// runDiff prices both versions, writes the report and fails
// (exit.ErrCheckFailed) when the increase is over --fail-above.
func runDiff(ctx context.Context, opts *diffOptions, in *inputs) error {
	if err := outputIsInput("--out", opts.Out, append([]string{opts.Base, opts.Head}, in.read...)); err != nil {
		return err
	}
	var limit *check.Limit
	if opts.FailAbove != "" {
		s := strings.TrimSpace(opts.FailAbove)
		percent := strings.HasSuffix(s, "%")
		amount, err := parsePercent(strings.TrimPrefix(s, "$"))
		if err != nil {
			return usageErrorf("--fail-above: want an amount such as 25 or a percentage such as 10%%, got %q", opts.FailAbove)
		}
		limit = &check.Limit{Amount: amount, Percent: percent}
	}
	if isFile(opts.Base) != isFile(opts.Head) && exists(opts.Base) && exists(opts.Head) {
		return usageErrorf("diff compares a file with a file or a directory with a directory; %s and %s are one of each", opts.Base, opts.Head)
	}
	base, err := in.load([]string{opts.Base})
	if err != nil {
		return err
	}
	head, err := in.load([]string{opts.Head})
	if err != nil {
		return err
	}
	// Files are matched by their path below BASE and HEAD. Two single files
	// are two versions of one file, whatever their names (the base is often
	// a temporary copy).
	relativeTo(opts.Base, base)
	relativeTo(opts.Head, head)
	if isFile(opts.Base) && isFile(opts.Head) && len(base) == 1 && len(head) == 1 {
		base[0].Path, base[0].Name = head[0].Path, head[0].Name
		if len(base[0].Datasets) == 1 && len(head[0].Datasets) == 1 {
			base[0].Datasets[0].Name = head[0].Datasets[0].Name
		}
	}
	r, err := check.Diff(base, head, in.sheets.Region, limit)
	if err != nil {
		return err
	}
	highlight := opts.Highlight && opts.Format == "table" && (opts.Out == "" || opts.Out == "-")
	if err := writeReport(opts.Stdout, opts.Out, func(w io.Writer) error {
		return renderHighlighted(w, highlight, func(w io.Writer) error { return check.DiffFormats.Render(w, opts.Format, r) })
	}); err != nil {
		return err
	}
	if r.Failed {
		return exit.CheckFailedf("the monthly increase is over --fail-above %s", opts.FailAbove)
	}
	return nil
}

func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir()
}

// relativeTo makes the paths of files read from a directory relative to it,
// so that BASE/team.yaml and HEAD/team.yaml match.
func relativeTo(root string, files []model.File) {
	if isFile(root) {
		return
	}
	for i := range files {
		if rel, err := filepath.Rel(root, files[i].Path); err == nil {
			files[i].Path = rel
		}
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
