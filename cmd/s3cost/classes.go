package main

import (
	"context"
	"io"

	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
	"github.com/spf13/cobra"
)

// classesOptions are the inputs of `s3cost classes`.
type classesOptions struct {
	Format string
	Out    io.Writer
}

func newClassesCmd(app *App) *cobra.Command {
	opts := &classesOptions{}
	cmd := &cobra.Command{
		Use:   "classes",
		Short: "Show what each storage class guarantees and what it charges for",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out = cmd.OutOrStdout()
			if err := app.chooseFormat(cmd, &opts.Format, []string{"table", "json"}); err != nil {
				return err
			}
			return runClasses(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output format: table or json")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion([]string{"table", "json"}))
	return cmd
}

// runClasses writes the class catalogue.
func runClasses(ctx context.Context, opts *classesOptions) error {
	switch opts.Format {
	case "table":
		return report.Classes(opts.Out, model.Catalog())
	case "json":
		return report.ClassesJSON(opts.Out, model.Catalog())
	}
	return usageErrorf("unknown format %q for classes (use table or json)", opts.Format)
}
