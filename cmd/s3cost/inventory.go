package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/s3cost/s3cost/internal/analytics"
	"github.com/s3cost/s3cost/internal/atomicfile"
	"github.com/s3cost/s3cost/internal/inventory"
	"github.com/s3cost/s3cost/internal/readfile"
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
	// AsOf is --as-of, the inventory date of data files given without a
	// manifest; Ages (--ages) counts the objects' ages at all.
	AsOf string
	Ages bool
	// Analytics are S3 Storage Class Analysis exports whose reads go to
	// the dataset of their storage class.
	Analytics []string
	// Progress: draw a progress bar on Err (it is a terminal).
	Progress bool
	// SchemaSet, SkipBadRowsSet, VersionsSet, AgesSet: the flag was given
	// (--sql and --histogram refuse the first two, --histogram the third and
	// the fourth).
	SchemaSet, SkipBadRowsSet, VersionsSet, AgesSet bool

	Out, Err io.Writer
}

func newInventoryCmd(app *App) *cobra.Command {
	opts := &inventoryOptions{}
	cmd := &cobra.Command{
		Use:   "inventory SOURCE...",
		Short: "Build a workload file from an S3 Inventory report",
		Long: `Read an Amazon S3 Inventory report and write a workload file with one
dataset per storage class the objects sit in today: the object count, the
exact size mix, from: the class and, from LastModifiedDate, objects.ages:
the exact share of the objects in each age band as of the inventory date.
SOURCE is the report's manifest.json (its data files are read from the same
folder; its creationTimestamp is the inventory date) or CSV / CSV.gz /
Parquet data files (no header row; --schema gives the CSV columns; --as-of
the inventory date). Delete markers and, unless --versions all, non-current
versions are skipped and counted. IntelligentTieringAccessTier, when the
report has it, is reported in comments.

For buckets too large to download, --sql athena --table T prints the Athena
SQL that computes the same exact size histogram and ages over the S3
Inventory table T, and --histogram turns that query's result CSV into the
workload file. See docs/inventory.md.`,
		Example: `  s3cost inventory inventory/manifest.json -o bucket.yaml
  s3cost inventory data/*.csv.gz --as-of 2026-11-29 -o bucket.yaml
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
			opts.AgesSet = changed("ages")
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
	f.StringVar(&opts.AsOf, "as-of", "", "the inventory date of data files given without a manifest, for the ages: YYYY-MM-DD (midnight UTC) or an RFC 3339 time")
	f.StringArrayVar(&opts.Analytics, "analytics", nil, "an S3 Storage Class Analysis export (CSV) whose reads become the reads block of its storage class's dataset (repeatable; see s3cost analytics)")
	f.BoolVar(&opts.Ages, "ages", true, "count the objects' ages from LastModifiedDate (objects.ages); --ages=false writes none, and --sql prints the query without them")
	_ = cmd.RegisterFlagCompletionFunc("sql", fixedCompletion([]string{"athena"}))
	_ = cmd.RegisterFlagCompletionFunc("versions", fixedCompletion([]string{"current", "all"}))
	return cmd
}

// runInventory writes the workload of an inventory report, or the Athena
// query and the workload of its result (--sql, --histogram).
func runInventory(ctx context.Context, opts *inventoryOptions) error {
	// "inventory x.csv -o x.csv" would replace the data with the workload.
	inputs := append(append(slices.Clone(opts.Sources), opts.Analytics...), opts.Histogram)
	if err := outputIsInput("-o", opts.Output, inputs); err != nil {
		return err
	}
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
	var asOf int64
	if opts.AsOf != "" {
		if asOf, err = inventory.ParseAsOf(opts.AsOf); err != nil {
			return usageErrorf("--as-of: %v", err)
		}
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
	// The same file given twice would be counted twice (issue 15, item 8).
	if i, j, ok := sameFileTwice(opts.Sources); ok {
		return usageErrorf("%s and %s are the same file: it would be counted twice; give it once", opts.Sources[i], opts.Sources[j])
	}
	// The inventory date of each file: its manifest's creationTimestamp,
	// else --as-of (docs/inventory.md, "Ages").
	var fileAsOf []time.Time
	var fileFrom []string // each file's manifest
	var dates []string
	undated, dated := 0, 0
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
		var at time.Time // undated: no ages for its files
		if opts.AsOf != "" {
			at = time.UnixMilli(asOf)
		}
		if m.CreationTimestamp != "" {
			ms, _ := inventory.ParseCreationTimestamp(m.CreationTimestamp) // checked by ReadManifest
			at = time.UnixMilli(ms)
			dated++
			if d := inventory.FormatMs(ms); !slices.Contains(dates, d) {
				dates = append(dates, d)
			}
		} else {
			undated++
		}
		for range mfiles {
			fileAsOf = append(fileAsOf, at)
			fileFrom = append(fileFrom, s)
		}
		files = append(files, mfiles...)
	}
	if i, j, ok := sameFileTwice(files); ok && manifests > 0 {
		return usageErrorf("%s (listed in %s) and %s (listed in %s) are the same data file: it would be counted twice", files[i], fileFrom[i], files[j], fileFrom[j])
	}
	// -o onto a data file a manifest lists would replace the data.
	if err := outputIsInput("-o", opts.Output, files); err != nil {
		return err
	}
	switch {
	case !opts.Ages:
		src.NoAges = "No ages (--ages=false)."
		fileAsOf = nil
	case manifests > 0 && opts.AsOf != "" && undated == 0:
		return usageErrorf("--as-of is for data files given without a manifest, or a manifest without creationTimestamp: the manifest's creationTimestamp is the inventory date")
	case manifests > 0:
		if undated > 0 && opts.AsOf == "" && schema.LastModified >= 0 {
			return usageErrorf("%s has no creationTimestamp, the inventory date the objects' ages are counted from: give --as-of YYYY-MM-DD, or --ages=false", strings.Join(opts.Sources, ", "))
		}
		if dated > 0 {
			src.AsOfFrom = "the manifest's creationTimestamp"
			if len(dates) == 1 && undated == 0 {
				src.AsOf, _ = inventory.ParseCreationTimestamp(src.CreationTimestamp)
			} else {
				src.AsOfFrom = "each manifest's creationTimestamp: " + strings.Join(dates, ", ")
				if undated > 0 {
					src.AsOfFrom += "; --as-of " + opts.AsOf + " for the others"
				}
			}
		} else {
			src.AsOf, src.AsOfFrom = asOf, "--as-of"
		}
	case opts.AsOf != "":
		src.AsOf, src.AsOfFrom = asOf, "--as-of"
	case schema.LastModified >= 0 && !allParquet(files):
		return usageErrorf("data files given without a manifest have no inventory date to count the objects' ages from: give --as-of YYYY-MM-DD, the date of the report (its folder is named YYYY-MM-DDTHH-MMZ), or --ages=false, or --schema without LastModifiedDate")
	}
	opt := inventory.Options{Schema: schema, AllVersions: opts.Versions == "all", SkipBadRows: opts.SkipBadRows, FileAsOf: fileAsOf}
	if opts.Ages && manifests == 0 && opts.AsOf != "" {
		opt.AsOf = time.UnixMilli(asOf)
	}
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
		if manifests == 0 && !opts.SchemaSet {
			return schemaHint(err)
		}
		return err
	}
	if opts.Ages && stats.ModifiedColumn && stats.Dated == 0 && stats.Objects > 0 && src.NoAges == "" && src.AsOfFrom == "" {
		// Parquet data files, whose columns are known once read.
		return usageErrorf("the data files have a last_modified_date column but no inventory date to count the objects' ages from: give --as-of YYYY-MM-DD, the date of the report (its folder is named YYYY-MM-DDTHH-MMZ), or --ages=false")
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
	// Other inputs add to each class's dataset through src.Extra: the reads
	// of an S3 Storage Class Analysis export (--analytics) go there.
	if len(opts.Analytics) > 0 {
		class, block, err := analyticsReads(ctx, opts.Analytics)
		if err != nil {
			return err
		}
		if h.Classes[class] == nil {
			return usageErrorf("--analytics: the export's reads are of %s, and the inventory holds no %s objects", class, class)
		}
		src.Extra = map[string]string{class: block}
	}
	return writeInventoryOutput(opts, inventory.WriteWorkload(h, stats, src))
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
	case opts.AsOf != "":
		return usageErrorf("--as-of is for data files given without a manifest: the query takes the inventory date from dt")
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
		sql, err := inventory.AthenaSQL(opts.Table, opts.Versions == "all", opts.Ages)
		if err != nil {
			return fmt.Errorf("--table: %w", err)
		}
		return writeInventoryOutput(opts, []byte(sql))
	}
	if opts.VersionsSet || opts.AgesSet {
		return usageErrorf("--versions and --ages go with --sql: the query decides which versions are counted and whether ages are")
	}
	// The query's result is small (classes x size buckets x ages): read
	// whole within bounds, a pipe or a device refused.
	data, err := readfile.Read(opts.Histogram, readfile.MaxBytes)
	if err != nil {
		return err
	}
	h, rows, err := inventory.ReadHistogram(bytes.NewReader(data), opts.Histogram)
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
	if err := atomicfile.WriteFile(opts.Output, data); err != nil {
		return err
	}
	// Say what was written, as pricing import does: a file on disk is
	// otherwise silent.
	fmt.Fprintf(opts.Err, "wrote %s\n", opts.Output)
	return nil
}

// allParquet: every data file is named .parquet, so --schema (and its
// LastModifiedDate) does not apply; their own columns are known once read.
func allParquet(files []string) bool {
	for _, f := range files {
		if !strings.EqualFold(filepath.Ext(f), ".parquet") {
			return false
		}
	}
	return len(files) > 0
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

// analyticsReads reads Storage Class Analysis exports (one filter, the
// class the analysis studies: STANDARD) into the YAML reads block that
// s3cost analytics writes, for that class's dataset.
func analyticsReads(ctx context.Context, exports []string) (string, string, error) {
	r := analytics.NewReader()
	for _, name := range exports {
		if err := ctx.Err(); err != nil {
			return "", "", err
		}
		if err := r.ReadFile(name); err != nil {
			return "", "", fmt.Errorf("--analytics: %w", err)
		}
	}
	p, err := r.Profile(analytics.Options{Class: analytics.DefaultClass})
	if err != nil {
		return "", "", fmt.Errorf("--analytics: %w", err)
	}
	var b strings.Builder
	if err := analytics.Formats.Render(&b, "yaml", p); err != nil {
		return "", "", err
	}
	return p.Class, b.String(), nil
}

// schemaHint adds to a wrong column count in data files read with the
// default --schema what to do: an inventory configured with more (or
// fewer) optional fields than the common nine has other columns, listed in
// its manifest's fileSchema (docs/inventory.md).
func schemaHint(err error) error {
	var in *inventory.InputError
	if !errors.As(err, &in) || !strings.Contains(in.Msg, "columns") {
		return err
	}
	hint := *in
	hint.Msg += fmt.Sprintf(" (read with the default --schema %q: give the manifest.json instead, or --schema with the columns of its fileSchema)", inventory.DefaultSchema)
	return &hint
}
