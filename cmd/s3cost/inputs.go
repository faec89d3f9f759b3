package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/s3cost/s3cost/internal/atomicfile"
	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/lifecycle"
	"github.com/s3cost/s3cost/internal/readfile"
	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/s3cost/s3cost/workloads"
	"github.com/spf13/cobra"
)

// inputs is what every command that reads workload files needs: the price
// sheets, the default region (from S3COST_REGION or the config file) and
// standard input.
type inputs struct {
	// customRegion is the region of a --pricing sheet ("" for none): a
	// run where no dataset is priced in it has used the sheet for nothing.
	customRegion  string
	regionFlagSet bool
	sheets        *pricing.Sheets
	defaultRegion string
	// knownRegions is nil when --region names several regions, which
	// compare prices instead of the files' own.
	knownRegions []string
	stdin        io.Reader
	// sets are the overrides applied to every file read: the --set list,
	// then the overrides made from flags (flags), which so win.
	sets  []string
	flags []flagOverride
	// rules are the lifecycle rules of --lifecycle files, priced as
	// candidates in every dataset read; notes say what of them was left
	// aside, printed once.
	rules []lifecycle.Rule
	notes []string
	// read are the files read besides the workloads (the --pricing sheet,
	// --lifecycle configurations): an output may not replace them either.
	read []string
}

// newInputs loads the sheets and checks the configured default region,
// naming where it came from when it has no sheet. regionFlagSet: --region
// was given (the default region is then not used); flags are the
// overrides made from the command's workload flags.
func (app *App) newInputs(cmd *cobra.Command, regionFlagSet bool, flags []flagOverride) (*inputs, error) {
	sheets, err := app.loadSheets(cmd)
	if err != nil {
		return nil, err
	}
	sets, _ := cmd.Flags().GetStringArray("set")
	sets = slices.Clone(sets)
	for _, f := range flags {
		sets = append(sets, f.set)
	}
	in := &inputs{sheets: sheets, defaultRegion: app.cfg.Region, knownRegions: sheets.Regions(), stdin: cmd.InOrStdin(), sets: sets, flags: flags,
		customRegion: app.customRegion, regionFlagSet: regionFlagSet}
	if app.customFile != "" {
		in.read = append(in.read, app.customFile)
	}
	if files, _ := cmd.Flags().GetStringArray("lifecycle"); len(files) > 0 {
		for _, name := range files {
			cfg, err := lifecycle.ReadFile(name)
			if err != nil {
				return nil, fmt.Errorf("--lifecycle: %w", err)
			}
			in.read = append(in.read, name)
			in.rules = append(in.rules, cfg.Rules...)
			for _, n := range cfg.Notes {
				in.notes = append(in.notes, name+": "+n)
			}
			for _, r := range cfg.Rules {
				for _, n := range r.Notes {
					in.notes = append(in.notes, name+": "+r.Label()+": "+n)
				}
			}
		}
		for _, n := range in.notes {
			report.WriteWrapped(cmd.ErrOrStderr(), "s3cost: note: "+n)
		}
	}
	if regionFlagSet {
		// One --region is an override of the files' region: the file's own
		// value is replaced before it is checked, so it need not have a
		// price sheet, and the flag's is checked against the sheets.
		// Several are priced side by side (compare) and the files' regions
		// are not used: they are not checked against the sheets.
		if region, _ := cmd.Flags().GetString("region"); multiRegion(region) {
			in.knownRegions = nil
		}
	} else if in.defaultRegion != "" {
		if _, err := sheets.Region(in.defaultRegion); err != nil {
			return nil, fmt.Errorf("%s: %w", app.cfg.RegionFrom, err)
		}
	}
	return in, nil
}

// maxDatasetMonths bounds one run: 50,000 dataset-months (4,166 datasets
// of 12 months, or 41 of 1,200) compare in about 6 s within about 500 MB
// here (8,300 x 12 took 12 s and 940 MB).
const maxDatasetMonths = 50_000

// load reads workload files; a directory stands for every *.yaml and *.yml
// file below it, in name order; "-" is standard input.
func (in *inputs) load(paths []string) ([]model.File, error) {
	var all []string
	for _, p := range paths {
		names, err := expand(p)
		if err != nil {
			return nil, err
		}
		all = append(all, names...)
	}
	// "check v.yaml v.yaml" (or a file and its folder) would sum it twice.
	if err := givenTwice(all); err != nil {
		return nil, err
	}
	var files []model.File
	for _, name := range all {
		f, err := in.loadOne(name)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	// Memory grows with datasets x months (each class's estimate keeps its
	// months): a limit refused at once beats gigabytes (issue 15).
	if err := checkWork(files, 1); err != nil {
		return nil, err
	}
	if in.customRegion != "" && !in.regionFlagSet {
		used := false
		for _, f := range files {
			for _, w := range f.Datasets {
				used = used || w.Region == in.customRegion
			}
		}
		if !used {
			return nil, usageErrorf("--pricing: the sheet is for %s, and no workload is in %s (add --region %s to use it)", in.customRegion, in.customRegion, in.customRegion)
		}
	}
	return files, nil
}

func (in *inputs) loadOne(path string) (model.File, error) {
	var data []byte
	var err error
	name := path
	if path == "-" {
		name = "<stdin>"
		data, err = readfile.ReadFrom(name, in.stdin, readfile.MaxBytes)
	} else {
		// A missing file is exit 3 (docs/ci.md); a pipe, a device or a
		// file over the limit is refused (exit 2).
		data, err = readfile.Read(path, readfile.MaxBytes)
	}
	if err != nil {
		return model.File{}, err
	}
	f, err := workloads.DecodeFile(name, data, workloads.Options{DefaultRegion: in.defaultRegion, KnownRegions: in.knownRegions, Set: in.sets})
	if err != nil {
		return f, flagError(err, in.flags)
	}
	for i := range f.Datasets {
		if err := addRules(&f.Datasets[i], in.rules); err != nil {
			return f, err
		}
	}
	return f, nil
}

// addRules makes each --lifecycle rule a candidate of the dataset. The
// workload's lifetime is when its objects are deleted, so a rule that
// expires them at another age describes another workload: refused, with
// the fix.
func addRules(w *model.Workload, rules []lifecycle.Rule) error {
	for _, r := range rules {
		if r.Expiration != 0 && r.Expiration != w.Lifetime {
			return usageErrorf("--lifecycle: %s expires objects after %s, and %s's lifetime is %s: set lifetime: %s (the rule's expiration is the lifetime s3cost prices)",
				r.Label(), model.FormatDuration(r.Expiration), w.Name, lifetimeText(w.Lifetime), model.FormatDuration(r.Expiration))
		}
		if err := r.Lifecycle.Validate(w.Lifetime); err != nil {
			return usageErrorf("--lifecycle: %s: %v", r.Label(), err)
		}
		w.Lifecycles = append(w.Lifecycles, r.Lifecycle)
	}
	return nil
}

func lifetimeText(d time.Duration) string {
	if d <= 0 {
		return "not set (objects are kept)"
	}
	return model.FormatDuration(d)
}

// expand turns a directory into its workload files.
func expand(path string) ([]string, error) {
	if path == "-" {
		return []string{path}, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Op = "open" // what the user asked for, not how we looked
		}
		return nil, exit.IO(err)
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	var out []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, exit.IO(err)
	}
	if len(out) == 0 {
		return nil, usageErrorf("%s: no workload files (*.yaml, *.yml) in this directory", path)
	}
	sort.Strings(out)
	return out, nil
}

// chooseFormat applies a configured default format (S3COST_FORMAT or the
// config file) when the flag was not set and the command offers it; it
// checks the result.
func (app *App) chooseFormat(cmd *cobra.Command, format *string, valid []string) error {
	*format = strings.ToLower(*format)
	if !cmd.Flags().Changed("format") && app.cfg.Format != "" {
		if f := strings.ToLower(app.cfg.Format); slices.Contains(valid, f) {
			*format = f
		} else if cmd.Name() == "compare" {
			// compare offers every format, so a bad default is an error
			// there; other commands fall back to their own default.
			return usageErrorf("%s: unknown format %q (use %s)", app.cfg.FormatFrom, app.cfg.Format, strings.Join(valid, ", "))
		}
	}
	if !slices.Contains(valid, *format) {
		return usageErrorf("unknown format %q (use %s)", *format, strings.Join(valid, ", "))
	}
	return nil
}

// addFormatFlag gives a command its --format flag: the help and the
// completion list the formats of the command's result (the default first),
// and chooseFormat checks the choice against the same list.
func addFormatFlag(cmd *cobra.Command, format *string, names []string) {
	cmd.Flags().StringVarP(format, "format", "f", names[0], "output format: "+strings.Join(names, ", "))
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(names))
}

// writeReport renders to standard output, or with --out to a file written
// atomically (internal/atomicfile), so a CI step never reads half a report.
func writeReport(stdout io.Writer, out string, render func(io.Writer) error) error {
	if out == "" || out == "-" {
		return render(stdout)
	}
	return atomicfile.Write(out, render)
}

// addLifecycleFlag gives a command that prices workloads the --lifecycle
// flag: the rules of a bucket's lifecycle configuration (docs/lifecycle-aws.md)
// priced as candidates beside the classes.
func addLifecycleFlag(cmd *cobra.Command) {
	cmd.Flags().StringArray("lifecycle", nil, "a lifecycle configuration FILE.json, as aws s3api get-bucket-lifecycle-configuration prints it, whose rules to price as candidates (repeatable)")
}

// addSetFlag gives a command that reads workload files the --set flag.
func addSetFlag(cmd *cobra.Command) {
	cmd.Flags().StringArray("set", nil, "override a workload value: PATH=VALUE in the file's units, e.g. reads.per_month=5e6, objects.size=256KiB, datasets.logs.lifetime=90d (repeatable; in order, the later wins; a dataset key without datasets.NAME sets every dataset)")
}

// checkWork refuses a run over maxDatasetMonths: datasets x months x the
// regions each is priced in (compare --region all prices every dataset in
// 36). The message names the file with the most dataset-months.
func checkWork(files []model.File, regions int) error {
	total, most, mostName := 0, 0, ""
	for _, f := range files {
		n := 0
		for _, w := range f.Datasets {
			n += w.Months
		}
		total += n * regions
		if n > most {
			most, mostName = n, f.Path
		}
	}
	if total <= maxDatasetMonths {
		return nil
	}
	per := "datasets x months"
	if regions > 1 {
		per = fmt.Sprintf("datasets x months x %d regions", regions)
	}
	return usageErrorf("%d %s in one run, over the %d s3cost prices at once (memory grows with them; the largest file, %s, has %d dataset-months): split the files, shorten months, or price fewer regions", total, per, maxDatasetMonths, mostName, most)
}
