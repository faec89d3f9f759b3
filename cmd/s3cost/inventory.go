package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/s3cost/s3cost/internal/atomicfile"
	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/inventory"
	"github.com/spf13/cobra"
)

// inventoryOptions are the inputs of `s3cost inventory`.
type inventoryOptions struct {
	Sources     []string
	Output      string
	Schema      string
	Versions    string
	SkipBadRows bool
	// SQL is the dialect of --sql (athena), Table its table; Histogram is
	// the result of that query, to turn into a workload.
	SQL, Table, Histogram string
	// Progress: draw a progress bar on Err (it is a terminal).
	Progress bool
	// SchemaSet, SkipBadRowsSet, VersionsSet: the flag was given (--sql
	// and --histogram refuse the first two, --histogram the third).
	SchemaSet, SkipBadRowsSet, VersionsSet bool

	Out, Err io.Writer
}

func newInventoryCmd(app *App) *cobra.Command {
	opts := &inventoryOptions{}
	cmd := &cobra.Command{
		Use:   "inventory SOURCE...",
		Short: "Build a workload file from an S3 Inventory report",
		Long: `Read an Amazon S3 Inventory report and write a workload file with one
dataset per storage class the objects sit in today: the object count, the
exact size mix and from: the class. SOURCE is the report's manifest.json
(its data files are read from the same folder) or CSV / CSV.gz data files
(no header row; --schema gives their columns). Delete markers and, unless
--versions all, non-current versions are skipped and counted.

For buckets too large to download, --sql athena --table T prints the Athena
SQL that computes the same exact size histogram over the S3 Inventory table
T, and --histogram turns that query's result CSV into the workload file. See
docs/inventory.md.`,
		Example: `  s3cost inventory inventory/manifest.json -o bucket.yaml
  s3cost inventory data/*.csv.gz --schema "Bucket, Key, Size, StorageClass"
  s3cost inventory manifest.json --versions all --skip-bad-rows -o all-versions.yaml
  s3cost inventory --sql athena --table inventory_db.photos > histogram.sql
  s3cost inventory --histogram result.csv -o photos.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.SQL != "" || opts.Histogram != "" {
				return noArgs(cmd, args)
			}
			return minArgs(1, "at least one manifest.json or data file")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Sources = args
			opts.Out = cmd.OutOrStdout()
			opts.Err = cmd.ErrOrStderr()
			opts.Progress = isTerminal(opts.Err)
			changed := cmd.Flags().Changed
			opts.SchemaSet, opts.SkipBadRowsSet, opts.VersionsSet = changed("schema"), changed("skip-bad-rows"), changed("versions")
			return runInventory(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "write the workload to this file (atomically) instead of standard output")
	f.StringVar(&opts.Schema, "schema", inventory.DefaultSchema, "columns of data files given without a manifest, comma-separated")
	f.StringVar(&opts.Versions, "versions", "current", "which versions to count: current or all")
	f.BoolVar(&opts.SkipBadRows, "skip-bad-rows", false, "skip and count malformed rows instead of failing")
	f.StringVar(&opts.SQL, "sql", "", "print the SQL computing the size histogram in this engine (athena) instead of reading a report")
	f.StringVar(&opts.Table, "table", "", "the S3 Inventory table of --sql: TABLE or DATABASE.TABLE")
	f.StringVar(&opts.Histogram, "histogram", "", "build the workload from this result CSV of the --sql query instead of a report")
	_ = cmd.RegisterFlagCompletionFunc("sql", fixedCompletion([]string{"athena"}))
	_ = cmd.RegisterFlagCompletionFunc("versions", fixedCompletion([]string{"current", "all"}))
	return cmd
}

// runInventory writes the workload of an inventory report, or the Athena
// query and the workload of its result (--sql, --histogram).
func runInventory(ctx context.Context, opts *inventoryOptions) error {
	if opts.SQL != "" || opts.Histogram != "" || opts.Table != "" {
		return runInventoryAthena(opts)
	}
	return scanInventory(ctx, opts)
}

// scanInventory reads the sources and writes the workload; nothing is
// written unless every file was read.
func scanInventory(ctx context.Context, opts *inventoryOptions) error {
	if opts.Versions != "current" && opts.Versions != "all" {
		return usageErrorf("--versions must be current or all, got %q", opts.Versions)
	}
	schema, err := inventory.ParseSchema(opts.Schema)
	if err != nil {
		return fmt.Errorf("--schema: %w", err)
	}
	src := inventory.Source{Names: opts.Sources}
	var files []string
	manifests := 0
	for _, s := range opts.Sources {
		if isManifest(s) {
			manifests++
		}
	}
	if manifests > 0 && manifests < len(opts.Sources) {
		return usageErrorf("give either manifests or data files, not both")
	}
	for i, s := range opts.Sources {
		if manifests == 0 {
			files = append(files, s)
			continue
		}
		m, ms, mfiles, err := inventory.ReadManifest(s)
		if err != nil {
			return err
		}
		if i > 0 && ms != schema {
			return usageErrorf("%s: fileSchema differs from the other manifests'", s)
		}
		schema = ms
		src.Bucket, src.CreationTimestamp = m.SourceBucket, m.CreationTimestamp
		files = append(files, mfiles...)
	}
	opt := inventory.Options{Schema: schema, AllVersions: opts.Versions == "all", SkipBadRows: opts.SkipBadRows}
	var stopBar func()
	if opts.Progress {
		opt.Progress = &inventory.Progress{}
		stopBar = progressBar(opts.Err, opt.Progress)
	}
	h, stats, err := inventory.Scan(ctx, files, opt)
	if stopBar != nil {
		stopBar()
	}
	if err != nil {
		return err
	}
	if stats.BadRows > 0 {
		fmt.Fprintf(opts.Err, "s3cost: skipped %d bad rows; the first:\n", stats.BadRows)
		for _, s := range stats.BadSamples {
			fmt.Fprintf(opts.Err, "  %s\n", s)
		}
	}
	if stats.Objects == 0 {
		return usageErrorf("no current objects in %s: nothing to write", strings.Join(opts.Sources, ", "))
	}
	data := inventory.WriteWorkload(h, stats, src)
	if opts.Output == "" || opts.Output == "-" {
		_, err := opts.Out.Write(data)
		return err
	}
	return atomicfile.WriteFile(opts.Output, data)
}

// runInventoryAthena prints the --sql query, or turns its --histogram
// result into the workload.
func runInventoryAthena(opts *inventoryOptions) error {
	switch {
	case opts.SQL != "" && opts.Histogram != "":
		return usageErrorf("give --sql or --histogram, not both")
	case opts.Table != "" && opts.SQL == "":
		return usageErrorf("--table goes with --sql athena")
	case opts.SchemaSet || opts.SkipBadRowsSet:
		return usageErrorf("--schema and --skip-bad-rows are for reports, not --sql or --histogram")
	}
	if opts.SQL != "" {
		if opts.SQL != "athena" {
			return usageErrorf("--sql must be athena, got %q", opts.SQL)
		}
		if opts.Table == "" {
			return usageErrorf("--sql athena needs --table, the S3 Inventory table in Athena")
		}
		if opts.Versions != "current" && opts.Versions != "all" {
			return usageErrorf("--versions must be current or all, got %q", opts.Versions)
		}
		sql, err := inventory.AthenaSQL(opts.Table, opts.Versions == "all")
		if err != nil {
			return fmt.Errorf("--table: %w", err)
		}
		return writeInventoryOutput(opts, []byte(sql))
	}
	if opts.VersionsSet {
		return usageErrorf("--versions goes with --sql: the query decides which versions are counted")
	}
	f, err := os.Open(opts.Histogram)
	if err != nil {
		return exit.IO(err)
	}
	defer f.Close()
	h, rows, err := inventory.ReadHistogram(f, opts.Histogram)
	if err != nil {
		return err
	}
	if len(h.Classes) == 0 {
		return usageErrorf("%s: no objects: nothing to write", opts.Histogram)
	}
	return writeInventoryOutput(opts, inventory.WriteHistogramWorkload(h, rows, inventory.Source{Names: []string{opts.Histogram}}))
}

// writeInventoryOutput writes data to -o (atomically) or standard output.
func writeInventoryOutput(opts *inventoryOptions, data []byte) error {
	if opts.Output == "" || opts.Output == "-" {
		_, err := opts.Out.Write(data)
		return err
	}
	return atomicfile.WriteFile(opts.Output, data)
}

// isManifest: a SOURCE ending in .json is a manifest, anything else a
// data file.
func isManifest(source string) bool {
	return strings.HasSuffix(strings.ToLower(source), ".json")
}

// progressBar redraws rows read, MB/s and the time left on w every 200 ms
// until the returned function is called.
func progressBar(w io.Writer, p *inventory.Progress) func() {
	done := make(chan struct{})
	finished := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-t.C:
			}
			read, total := p.ReadBytes.Load(), p.TotalBytes.Load()
			secs := time.Since(start).Seconds()
			rate := float64(read) / secs / 1e6
			eta := "?"
			if read > 0 && total > read {
				eta = time.Duration(float64(total-read) / (float64(read) / secs) * float64(time.Second)).Round(time.Second).String()
			}
			pct := 0.0
			if total > 0 {
				pct = 100 * float64(read) / float64(total)
			}
			fmt.Fprintf(w, "\r\033[K%5.1f%%  %d rows  %.0f MB/s  ETA %s", pct, p.Rows.Load(), rate, eta)
		}
	}()
	return func() { close(done); <-finished }
}
