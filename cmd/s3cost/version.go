package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of s3cost and of its embedded prices",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			sheets, err := app.loadSheets(cmd)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "s3cost %s\n", app.Version)
			for _, r := range sheets.Regions() {
				s, _ := sheets.Region(r)
				fmt.Fprintf(cmd.OutOrStdout(), "prices: %s\n", describe(s))
			}
			return nil
		},
	}
}
