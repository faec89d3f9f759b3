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
			if err := app.chooseFormat(cmd, &format, []string{"table", "json"}); err != nil {
				return err
			}
			switch format {
			case "table":
				return report.Classes(cmd.OutOrStdout(), model.Catalog())
			case "json":
				return report.ClassesJSON(cmd.OutOrStdout(), model.Catalog())
			}
			return usageErrorf("unknown format %q for classes (use table or json)", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "output format: table or json")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion([]string{"table", "json"}))
	return cmd
}
