package main

import (
	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
	"github.com/spf13/cobra"
)

func newClassesCmd(app *App) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "classes",
		Short: "Show what each storage class guarantees and what it charges for",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := app.chooseFormat(cmd, &format, report.ClassesFormats.Names()); err != nil {
				return err
			}
			return report.ClassesFormats.Render(cmd.OutOrStdout(), format, model.Catalog())
		},
	}
	addFormatFlag(cmd, &format, report.ClassesFormats.Names())
	return cmd
}
