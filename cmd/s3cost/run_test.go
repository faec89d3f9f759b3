package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/pricing"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

// TestExitCode: the class of an error decides the exit code, however it is
// wrapped; an unclassified error is 3 once a command ran and 2 before
// (cobra's own parsing of the command line).
func TestExitCode(t *testing.T) {
	plain := errors.New("plain")
	for _, c := range []struct {
		err     error
		started bool
		want    int
	}{
		{plain, true, 3},
		{plain, false, 2},
		{exit.IO(plain), true, 3},
		{exit.Input(plain), true, 2},
		{fmt.Errorf("--region: %w", exit.Input(plain)), true, 2},
		{usageErrorf("--months must be between 1 and 1200, got %d", 0), true, 2},
		{exit.CheckFailedf("1 of 2 checks fails"), true, 1},
		{exit.CheckFailedf("1 of 2 checks fails"), false, 1},
		{exit.NothingPricedf("no class could be priced for w"), true, 4},
		{fmt.Errorf("x: %w", exit.NothingPricedf("none")), true, 4},
	} {
		if got := exitCode(c.err, c.started); got != c.want {
			t.Errorf("exitCode(%v, started %v) = %d, want %d", c.err, c.started, got, c.want)
		}
	}
}

func testInputs(t *testing.T) *inputs {
	t.Helper()
	sheets, err := pricing.Load(pricing.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return &inputs{sheets: sheets, knownRegions: sheets.Regions(), stdin: strings.NewReader("")}
}

func writeTemp(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const smallWorkload = "version: 1\nregion: us-east-1\nobjects: {count: 1000, size: 1MiB}\n"

// TestRunFunctions calls commands' run functions directly, without cobra,
// and checks the class of the error each returns: the packages classify
// their own errors, and the run functions pass them on as they are.
func TestRunFunctions(t *testing.T) {
	ctx := context.Background()
	in := testInputs(t)
	var out bytes.Buffer
	// The encryption flags ask the command which of them were given.
	compareOpts := func(files ...string) *compareOptions {
		o := &compareOptions{Files: files, Format: "table", Out: &out}
		o.Enc.register(&cobra.Command{})
		return o
	}
	overBudget := writeTemp(t, "over.yaml", smallWorkload+"budget: {monthly: 0.000001}\n")

	for _, c := range []struct {
		name  string
		run   func() error
		class error
	}{
		{"compare: a missing file is I/O", func() error {
			return runCompare(ctx, compareOpts(filepath.Join(t.TempDir(), "missing.yaml")), in)
		}, exit.ErrIO},
		{"compare: an invalid workload is bad input", func() error {
			return runCompare(ctx, compareOpts(writeTemp(t, "bad.yaml", "version: 1\nobjects: {count: lots}\n")), in)
		}, exit.ErrInput},
		{"compare: an unknown --region is bad input", func() error {
			o := compareOpts(writeTemp(t, "w.yaml", smallWorkload))
			o.Region, o.RegionSet = "mars-north-1,us-east-1", true
			return runCompare(ctx, o, in)
		}, exit.ErrInput},
		{"check: a budget exceeded fails the check", func() error {
			return runCheck(ctx, &checkOptions{Files: []string{overBudget}, Format: "table", Stdout: &out}, in)
		}, exit.ErrCheckFailed},
		{"check: an unwritable --out is I/O", func() error {
			return runCheck(ctx, &checkOptions{Files: []string{overBudget}, Format: "table", Out: filepath.Join(t.TempDir(), "no", "r.md"), Stdout: &out}, in)
		}, exit.ErrIO},
		{"explain: a class the region does not sell prices nothing", func() error {
			o := &explainOptions{Class: "EXPRESS_ONEZONE"}
			o.compare = *compareOpts(writeTemp(t, "w.yaml", smallWorkload))
			// --region ap-south-2 reaches the workload as an override.
			ap := *in
			ap.sets = []string{`region="ap-south-2"`}
			return runExplain(ctx, o, &ap)
		}, exit.ErrNothingPriced},
		{"sweep: a key that cannot be varied is bad input", func() error {
			return runSweep(ctx, &whatifOptions{File: writeTemp(t, "w.yaml", smallWorkload), Vary: "class=1..2", Steps: 3, Format: "table", Out: &out}, in)
		}, exit.ErrInput},
		{"breakeven: a class not compared is bad input", func() error {
			return runBreakeven(ctx, &whatifOptions{File: writeTemp(t, "w.yaml", smallWorkload+"classes: [STANDARD]\n"), Vary: "objects.size=1KiB..1MiB", Steps: 3,
				Between: []string{"STANDARD", "GLACIER"}, Format: "table", Out: &out}, in)
		}, exit.ErrInput},
		{"classes: an unknown format is bad input", func() error {
			return runClasses(ctx, &classesOptions{Format: "xml", Out: &out})
		}, exit.ErrInput},
		{"pricing show: an unknown region is bad input", func() error {
			return runPricingShow(ctx, &pricingShowOptions{Region: "mars-north-1", Format: "table", Out: &out}, in.sheets)
		}, exit.ErrInput},
		{"pricing import: a missing file is I/O", func() error {
			return runPricingImport(ctx, &pricingImportOptions{Files: []string{filepath.Join(t.TempDir(), "s3.json")}, Out: &out, Err: &out})
		}, exit.ErrIO},
		{"pricing import: a malformed feed is bad input", func() error {
			return runPricingImport(ctx, &pricingImportOptions{Files: []string{writeTemp(t, "s3.json", `{"regions": `)}, Region: "eu-west-1", Out: &out, Err: &out})
		}, exit.ErrInput},
		{"inventory: a bad row is bad input", func() error {
			return runInventory(ctx, &inventoryOptions{Sources: []string{writeTemp(t, "inv.csv", `"b","k","12kb","STANDARD"`+"\n")},
				Schema: "Bucket, Key, Size, StorageClass", Versions: "current", Out: &out, Err: &out})
		}, exit.ErrInput},
		{"inventory: a missing data file is I/O", func() error {
			return runInventory(ctx, &inventoryOptions{Sources: []string{filepath.Join(t.TempDir(), "inv.csv")},
				Schema: "Bucket, Key, Size, StorageClass", Versions: "current", Out: &out, Err: &out})
		}, exit.ErrIO},
		{"inventory: a bad --table is bad input", func() error {
			return runInventory(ctx, &inventoryOptions{SQL: "athena", Table: "a;b", Versions: "current", Out: &out, Err: &out})
		}, exit.ErrInput},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.run()
			if !errors.Is(err, c.class) {
				t.Fatalf("err = %v, want %v", err, c.class)
			}
			for _, other := range []error{exit.ErrInput, exit.ErrIO, exit.ErrCheckFailed, exit.ErrNothingPriced} {
				if other != c.class && errors.Is(err, other) {
					t.Errorf("err = %v is also %v", err, other)
				}
			}
		})
	}

	// The report comes first, then the exit-1 error.
	out.Reset()
	err := runCheck(ctx, &checkOptions{Files: []string{overBudget}, Format: "json", Stdout: &out}, in)
	if !errors.Is(err, exit.ErrCheckFailed) || !strings.Contains(out.String(), `"passed": false`) {
		t.Errorf("check: %v, report %q", err, out.String())
	}
	// A missing file keeps the os package's error in the chain.
	err = runCompare(ctx, compareOpts(filepath.Join(t.TempDir(), "missing.yaml")), in)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("compare of a missing file: %v, want fs.ErrNotExist in the chain", err)
	}
	// Commands without an error class to check still run directly.
	out.Reset()
	if err := runSchema(ctx, &schemaOptions{Out: &out}); err != nil || !strings.Contains(out.String(), "$schema") {
		t.Errorf("schema: %v", err)
	}
	out.Reset()
	if err := runVersion(ctx, &versionOptions{Version: "v9", Out: &out}, in.sheets); err != nil || !strings.HasPrefix(out.String(), "s3cost v9\nprices: aws/") {
		t.Errorf("version: %v, %q", err, out.String())
	}
	out.Reset()
	if err := runPricingList(ctx, &pricingListOptions{Format: "json", Out: &out}, in.sheets); err != nil || !strings.Contains(out.String(), "us-east-1") {
		t.Errorf("pricing list: %v", err)
	}
}

// The version names the commit Go embedded and whether the tree was
// modified; a released module version wins; nothing known is "dev".
func TestVersionOf(t *testing.T) {
	vcs := func(kv ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}
		for i := 0; i < len(kv); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return bi
	}
	for _, c := range []struct {
		bi   *debug.BuildInfo
		want string
	}{
		{vcs(), "dev"},
		{vcs("vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-11-30T10:00:00Z", "vcs.modified", "false"), "dev-0123456789ab (2026-11-30T10:00:00Z)"},
		{vcs("vcs.revision", "0123456789abcdef0123", "vcs.modified", "true"), "dev-0123456789ab+modified"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
	} {
		if got := versionOf(c.bi); got != c.want {
			t.Errorf("versionOf = %q, want %q", got, c.want)
		}
	}
}

// compare of a file of several datasets ends with what the file costs in
// all: the sum of each dataset's first-ranked class's monthly average, here
// summed independently from the engine's comparisons (issue 14, item 6).
func TestCompareFileTotal(t *testing.T) {
	in := testInputs(t)
	files, err := in.load([]string{"../../workloads/examples/team-buckets.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	sum := decimal.Zero
	for _, w := range files[0].Datasets {
		sheet, err := in.sheets.Region(w.Region)
		if err != nil {
			t.Fatal(err)
		}
		c := pricing.Compare(w, sheet)
		if !c.Results[0].Eligible {
			t.Fatalf("%s: no eligible class", w.Name)
		}
		sum = sum.Add(c.Results[0].MonthlyAverage())
	}
	var out bytes.Buffer
	opts := &compareOptions{Files: []string{"../../workloads/examples/team-buckets.yaml"}, Format: "table", Out: &out}
	if err := runCompare(context.Background(), opts, in); err != nil {
		t.Fatal(err)
	}
	want := "platform-storage in all: " + report.Money(sum) + "/month, each dataset in its cheapest class"
	if !strings.Contains(out.String(), want) {
		t.Errorf("no %q in:\n%s", want, out.String())
	}
}

// A version that cannot be written is an I/O error, not a success
// ("version > /dev/full" exited 0 with its output lost; issue 15).
func TestVersionWriteError(t *testing.T) {
	sheets, err := pricing.Load(pricing.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	err = runVersion(context.Background(), &versionOptions{Version: "dev", Out: failingWriter{}}, sheets)
	if !errors.Is(err, exit.ErrIO) {
		t.Errorf("err = %v, want an I/O error", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// An error message quoting a huge input is cut (issue 15, item 6).
func TestClipMessage(t *testing.T) {
	long := strings.Repeat("x", 5000)
	got := clipMessage(long)
	if want := strings.Repeat("x", 2000) + "... (3000 more characters)"; got != want {
		t.Errorf("clipped to %d runes: %.40q...", len([]rune(got)), got)
	}
	if clipMessage("short") != "short" {
		t.Error("a short message changed")
	}
}

// No color when NO_COLOR is set or the terminal says it has none
// (TERM=dumb; issue 14, item 7).
func TestColorAllowed(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	if !colorAllowed(env("TERM", "xterm-256color")) {
		t.Error("xterm: no color")
	}
	if colorAllowed(env("TERM", "dumb")) || colorAllowed(env("NO_COLOR", "1")) {
		t.Error("color on a dumb terminal or with NO_COLOR")
	}
}

// Lost output is an I/O failure (exit 3) whatever wrote it: `--version >
// /dev/full` exited 2 and `version > /dev/full` 0 (issue 15, item 10).
func TestLostOutputIsIO(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}, {"classes"}} {
		var errOut bytes.Buffer
		app := &App{Out: failingWriter{}, Err: &errOut, In: strings.NewReader(""), Getenv: func(string) string { return "" }, Version: "dev",
			LoadSheets: func() (*pricing.Sheets, error) { return pricing.Load(pricing.Embedded()) }}
		if code := app.Run(context.Background(), args); code != 3 {
			t.Errorf("%v: exit %d, want 3: %s", args, code, errOut.String())
		}
		if !strings.Contains(errOut.String(), "writing the output: no space left on device") {
			t.Errorf("%v: %q", args, errOut.String())
		}
	}
}

// On a terminal that accepts color, check's and diff's FAIL stands out in
// bold red; a file, another format or a terminal without color gets plain
// text.
func TestFailIsHighlighted(t *testing.T) {
	ctx := context.Background()
	in := testInputs(t)
	over := writeTemp(t, "over.yaml", smallWorkload+"budget: {monthly: 0.000001}\n")
	bigger := writeTemp(t, "bigger.yaml", strings.Replace(smallWorkload, "1000", "2000", 1))
	for _, c := range []struct {
		name      string
		run       func(out *bytes.Buffer, highlight bool) error
		format    string
		wantColor bool
	}{
		{"check table", func(out *bytes.Buffer, h bool) error {
			return runCheck(ctx, &checkOptions{Files: []string{over}, Format: "table", Stdout: out, Highlight: h}, in)
		}, "table", true},
		{"check markdown", func(out *bytes.Buffer, h bool) error {
			return runCheck(ctx, &checkOptions{Files: []string{over}, Format: "markdown", Stdout: out, Highlight: h}, in)
		}, "markdown", false},
		{"diff table", func(out *bytes.Buffer, h bool) error {
			return runDiff(ctx, &diffOptions{Base: over, Head: bigger, FailAbove: "0", Format: "table", Stdout: out, Highlight: h}, in)
		}, "table", true},
	} {
		for _, highlight := range []bool{false, true} {
			var out bytes.Buffer
			if err := c.run(&out, highlight); !errors.Is(err, exit.ErrCheckFailed) {
				t.Fatalf("%s: err = %v, want a failed check", c.name, err)
			}
			text := out.String()
			if !strings.Contains(text, "FAIL") {
				t.Fatalf("%s: no FAIL in %q", c.name, text)
			}
			colored := strings.Contains(text, "\x1b[1;31mFAIL\x1b[0m")
			if want := highlight && c.wantColor; colored != want {
				t.Errorf("%s, highlight %v: colored FAIL %v, want %v:\n%s", c.name, highlight, colored, want, text)
			}
			if plain := strings.ReplaceAll(text, "\x1b[1;31mFAIL\x1b[0m", "FAIL"); strings.Contains(plain, "\x1b") {
				t.Errorf("%s: other escape codes in %q", c.name, text)
			}
		}
	}
}
