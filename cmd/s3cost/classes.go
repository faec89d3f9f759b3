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
			if err := app.chooseFormat(cmd, &opts.Format, report.ClassesFormats.Names()); err != nil {
				return err
			}
			return runClasses(cmd.Context(), opts)
		},
	}
	addFormatFlag(cmd, &opts.Format, report.ClassesFormats.Names())
	return cmd
}

// runClasses writes the class catalogue.
func runClasses(ctx context.Context, opts *classesOptions) error {
	return report.ClassesFormats.Render(opts.Out, opts.Format, model.Catalog())
}
