package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/viper"
)

// config is what the environment and the config file say, read once per
// run. Flags the user sets override it; it overrides built-in defaults.
type config struct {
	Region string // S3COST_REGION, config "region"
	Format string // S3COST_FORMAT, config "format"
}

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
// with a fresh viper instance: env overrides the file.
func loadConfig(getenv func(string) string) (config, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	if p := configPath(getenv); p != "" {
		f, err := os.Open(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return config{}, err
		default:
			defer f.Close()
			if err := v.ReadConfig(f); err != nil {
				return config{}, usageErrorf("config file %s: %v", p, err)
			}
		}
	}
	for _, key := range []string{"region", "format"} {
		// The injected getenv, not viper's AutomaticEnv, so tests control it.
		if val := getenv("S3COST_" + strings.ToUpper(key)); val != "" {
			v.Set(key, val)
		}
	}
	return config{Region: v.GetString("region"), Format: v.GetString("format")}, nil
}
