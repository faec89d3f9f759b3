package main

import (
	"github.com/s3cost/s3cost/internal/readfile"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// completeDatasets makes --dataset complete, on every command that has it
// (explain, plan, sweep, breakeven), the dataset names of the workload file
// given as the command's first argument.
func completeDatasets(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.Flags().Lookup("dataset") != nil {
			_ = c.RegisterFlagCompletionFunc("dataset", datasetCompletion)
		}
	}
}

// datasetCompletion lists datasets[].name of the file in args[0]. It reads
// the names only, not the whole workload, so a file being edited (invalid
// elsewhere) still completes; a file it cannot read completes nothing.
func datasetCompletion(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	const none = cobra.ShellCompDirectiveNoFileComp
	if len(args) == 0 || args[0] == "-" {
		return nil, none
	}
	data, err := readfile.Read(args[0], readfile.MaxBytes)
	if err != nil {
		return nil, none
	}
	var file struct {
		Datasets []struct {
			Name string `yaml:"name"`
		} `yaml:"datasets"`
	}
	_ = yaml.Unmarshal(data, &file) // a type error still fills what it can
	var names []string
	for _, d := range file.Datasets {
		if d.Name != "" {
			names = append(names, d.Name)
		}
	}
	return names, none
}
