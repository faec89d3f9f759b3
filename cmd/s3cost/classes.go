package main

import (
	"strings"

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
			// A configured default format applies where classes has it:
			// csv or markdown set for compare must not break classes.
			if !cmd.Flags().Changed("format") {
				if f := strings.ToLower(app.cfg.Format); f == "table" || f == "json" {
					format = f
				}
			}
			switch strings.ToLower(format) {
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
