package main

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/pricing"
	"github.com/spf13/cobra"
)

// versionOptions are the inputs of `s3cost version`.
type versionOptions struct {
	Version string
	Out     io.Writer
}

func newVersionCmd(app *App) *cobra.Command {
	opts := &versionOptions{}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version of s3cost and of its embedded prices",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Version, opts.Out = app.Version, cmd.OutOrStdout()
			sheets, err := app.loadSheets(cmd)
			if err != nil {
				return err
			}
			return runVersion(cmd.Context(), opts, sheets)
		},
	}
	addPriceFlags(cmd)
	return cmd
}

// runVersion writes the version and the date of every region's prices.
func runVersion(ctx context.Context, opts *versionOptions, sheets *pricing.Sheets) error {
	// Buffered, and the write's error returned: "version > /dev/full" must
	// not exit 0 with its output lost.
	bw := bufio.NewWriter(opts.Out)
	fmt.Fprintf(bw, "s3cost %s\n", opts.Version)
	for _, r := range sheets.Regions() {
		s, err := sheets.Region(r)
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "prices: %s\n", describe(s))
	}
	if err := bw.Flush(); err != nil {
		return exit.IO(fmt.Errorf("writing the version: %w", err))
	}
	return nil
}
