package main

import (
	"github.com/s3cost/s3cost/workloads"
	"github.com/spf13/cobra"
)

func newSchemaCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the workload file format",
		Long: `Print a JSON Schema (draft 2020-12) of the workload file format, for editors:
save it and point your YAML language server at it, e.g. with a first line
"# yaml-language-server: $schema=./s3cost.schema.json".`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := cmd.OutOrStdout().Write(workloads.Schema())
			return err
		},
	}
}
