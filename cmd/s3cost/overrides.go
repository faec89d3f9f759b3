package main

import (
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/workloads"
	"github.com/spf13/cobra"
)

// The flags that change a workload (--months, a single --region, --class,
// --encryption and the other encryption flags) are --set overrides under
// another name: each becomes a PATH=VALUE placed after the command line's
// own --set list, so that the workloads package checks the value with the
// rules and messages of the file, picks the datasets it applies to (every
// one), and reconciles it with the file's other keys (set.go). Being last,
// a flag wins over a --set of the same key.

// flagOverride is an override made from a flag.
type flagOverride struct {
	flag string // "--months", named in errors
	path string // "months"
	set  string // "months=36"
	// dataset: the override is of the dataset named by --dataset only
	// (inDataset), which is named in an error picking it.
	dataset string
}

// inDataset makes the override change only the dataset named (explain
// --dataset), when the key is one a dataset has.
func (f flagOverride) inDataset(name string) flagOverride {
	path := workloads.InDataset(name, f.path)
	if path != f.path {
		f.set = path + strings.TrimPrefix(f.set, f.path)
		f.dataset = name
	}
	return f
}

func newFlagOverride(flag, path, value string) flagOverride {
	return flagOverride{flag: flag, path: path, set: path + "=" + value}
}

// yamlString quotes a flag's text as a YAML string, so that the workload
// reads exactly what was typed ("a: b" or "[x]" is a value, not a mapping
// or a list); the file's parsers accept quoted numbers and names alike.
func yamlString(s string) string {
	b, _ := json.Marshal(s) // a JSON string is a YAML double-quoted scalar
	return string(b)
}

// overrides returns the overrides of the flags compare and explain share.
// A --region of several regions is not one: compare prices the workload in
// each (compareRegions).
func (o *compareOptions) overrides(cmd *cobra.Command) []flagOverride {
	changed := cmd.Flags().Changed
	var out []flagOverride
	if changed("months") {
		out = append(out, newFlagOverride("--months", "months", strconv.Itoa(o.Months)))
	}
	if o.RegionSet && !multiRegion(o.Region) {
		// Region codes are lower case; the flag has always taken any case.
		out = append(out, newFlagOverride("--region", "region", yamlString(strings.ToLower(o.Region))))
	}
	out = append(out, o.Enc.overrides()...)
	if len(o.Classes) > 0 {
		// Candidates are a set, and a repeated --class (or a class and its
		// alias, standard-ia and STANDARD_IA) has always been harmless;
		// the list in a file refuses repeats, so each class is passed
		// once. A name that is no class is passed on for the workload to
		// refuse.
		var names []string
		seen := map[string]bool{}
		for _, c := range o.Classes {
			key := c
			if id, err := model.ParseClassID(c); err == nil {
				key = string(id)
			}
			if !seen[key] {
				seen[key] = true
				names = append(names, yamlString(c))
			}
		}
		out = append(out, newFlagOverride("--class", "classes", "["+strings.Join(names, ", ")+"]"))
	}
	return out
}

// datasetPrefix and itemIndex are the parts of an error's field that say
// where, not what: which dataset a flag's override met the rule in, and
// which entry of --class.
var (
	datasetPrefix = regexp.MustCompile(`^datasets(\[[0-9]+\]|\.[^.]+)\.`)
	itemIndex     = regexp.MustCompile(`\[[0-9]+\]$`)
)

// flagError turns an error about an override made from a flag into one
// about the flag: "--months: must be a whole number from 1 to 1200, got
// "0"", not a --set the user never typed. Other errors pass unchanged.
func flagError(err error, flags []flagOverride) error {
	var we *workloads.Error
	if !errors.As(err, &we) || we.Set == "" {
		return err
	}
	for _, f := range flags {
		if f.set != we.Set {
			continue
		}
		if f.dataset != "" && we.Field == "datasets" {
			// The dataset --dataset names is not in the file.
			return usageErrorf("--dataset: %s", we.Msg)
		}
		field := itemIndex.ReplaceAllString(datasetPrefix.ReplaceAllString(we.Field, ""), "")
		if field == f.path || we.Field == "" {
			return usageErrorf("%s: %s", f.flag, we.Msg)
		}
		return usageErrorf("%s: %s: %s", f.flag, we.Field, we.Msg)
	}
	return err
}
