package main

import (
	"context"
	"io"

	"github.com/s3cost/s3cost/workloads"
	"github.com/spf13/cobra"
)

// schemaOptions are the inputs of `s3cost schema`.
type schemaOptions struct {
	Out io.Writer
}

func newSchemaCmd(app *App) *cobra.Command {
	opts := &schemaOptions{}
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the workload file format",
		Long: `Print a JSON Schema (draft 2020-12) of the workload file format, for editors:
save it and point your YAML language server at it, e.g. with a first line
"# yaml-language-server: $schema=./s3cost.schema.json".`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out = cmd.OutOrStdout()
			return runSchema(cmd.Context(), opts)
		},
	}
}

// runSchema writes the JSON Schema of the workload format.
func runSchema(ctx context.Context, opts *schemaOptions) error {
	_, err := opts.Out.Write(workloads.Schema())
	return err
}
