package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/s3cost/s3cost/internal/readfile"
	"github.com/spf13/viper"
)

// config is what the environment and the config file say, read once per
// run. Flags the user sets override it; it overrides built-in defaults.
// Each value remembers where it came from, so that an error can say so.
type config struct {
	Region     string // S3COST_REGION, config "region"
	RegionFrom string
	Format     string // S3COST_FORMAT, config "format"
	FormatFrom string
	// Pricing is a custom price sheet file (S3COST_PRICING, config
	// "pricing"); Discount a contract discount (S3COST_DISCOUNT, config
	// "discount", e.g. "7%").
	Pricing, PricingFrom   string
	Discount, DiscountFrom string
}

// configKeys are the keys a config file may hold.
func configKeys() []string { return []string{"discount", "format", "pricing", "region"} }

// configPath is $XDG_CONFIG_HOME/s3cost/config.yaml, else
// ~/.config/s3cost/config.yaml.
func configPath(getenv func(string) string) string {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "s3cost", "config.yaml")
}

// loadConfig reads the config file (if any) and the S3COST_* environment
// with a fresh viper instance: env overrides the file. Unknown keys in the
// file are errors, as they are in workload files.
//
// The warning, when not empty, says why the config file was not read.
func loadConfig(getenv func(string) string) (cfg config, warning string, err error) {
	v := viper.New()
	v.SetConfigType("yaml")
	p := configPath(getenv)
	from := map[string]string{}
	if p != "" {
		// A pipe or device would block or never end: refused unopened,
		// then skipped with a warning like any unreadable file.
		data, err := readfile.Read(p, readfile.MaxBytes)
		switch {
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
			// No config file: HOME or XDG_CONFIG_HOME may not even be a
			// folder (issue 15 item 10: a missing default location is not
			// an error).
		case err != nil:
			// Unreadable (a home folder s3cost may not enter, a folder
			// where the file should be): not an error either, as every
			// command would fail for a file that may not exist; said once.
			reason := strings.TrimPrefix(unwrapPathError(err).Error(), p+": ") // the path is said once
			warning = fmt.Sprintf("s3cost: warning: config file %s not read (%s); going on without it", p, reason)
		default:
			if err := v.ReadConfig(strings.NewReader(string(data))); err != nil {
				return config{}, "", usageErrorf("config file %s: not valid YAML (%s)", p, cleanYAMLError(err))
			}
			for _, k := range v.AllKeys() {
				if !slices.Contains(configKeys(), k) {
					return config{}, "", usageErrorf("config file %s: unknown key %q (known: %s)", p, k, strings.Join(configKeys(), ", "))
				}
				from[k] = "config file " + p
			}
		}
	}
	for _, key := range configKeys() {
		// The injected getenv, not viper's AutomaticEnv, so tests control it.
		env := "S3COST_" + strings.ToUpper(key)
		if val := getenv(env); val != "" {
			v.Set(key, val)
			from[key] = env
		}
	}
	return config{
		Region: v.GetString("region"), RegionFrom: from["region"],
		Format: v.GetString("format"), FormatFrom: from["format"],
		Pricing: v.GetString("pricing"), PricingFrom: from["pricing"],
		Discount: v.GetString("discount"), DiscountFrom: from["discount"],
	}, warning, nil
}

// unwrapPathError keeps the cause of a *fs.PathError, whose message would
// repeat the path.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// cleanYAMLError keeps the useful part of a YAML library message.
func cleanYAMLError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "yaml: "); i >= 0 {
		msg = msg[i+len("yaml: "):]
	}
	return msg
}
