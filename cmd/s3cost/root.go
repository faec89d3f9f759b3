package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/s3cost/s3cost/internal/atomicfile"
	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/pricing"
	"github.com/spf13/cobra"
)

// usageErrorf is bad input found by the command line itself, such as a
// flag's value: exit code 2. Errors from the packages carry their own
// class (internal/exit) and are passed on as they are.
func usageErrorf(format string, args ...any) error { return exit.Inputf(format, args...) }

// App is what every command shares: where to write, how to read the
// environment and the price sheets. Tests build their own.
type App struct {
	Out, Err io.Writer
	In       io.Reader
	// Getenv reads the environment (os.Getenv in the binary).
	Getenv func(string) string
	// LoadSheets loads the price sheets (the embedded ones in the binary).
	LoadSheets func() (*pricing.Sheets, error)
	Version    string

	// started is set once a command's RunE runs: an error before that came
	// from cobra's own parsing of flags and arguments, a usage error.
	started bool
	cfg     config
	// customRegion is the region of a --pricing sheet, if one is used, and
	// customFile its path.
	customRegion, customFile string
}

// Main runs s3cost with the process's arguments and streams and returns the
// exit code.
func Main() int {
	app := &App{
		Out: os.Stdout, Err: os.Stderr, In: os.Stdin, Getenv: os.Getenv,
		LoadSheets: func() (*pricing.Sheets, error) { return pricing.Load(pricing.Embedded()) },
		Version:    buildVersion(),
	}
	stop := cleanUpOnSignal()
	defer stop()
	return app.Run(context.Background(), os.Args[1:])
}

// cleanUpOnSignal removes the temporary files of the writes in progress
// (atomicfile.RemovePending) when s3cost is interrupted or terminated, then
// exits 130 after SIGINT, 143 after SIGTERM and 129 after SIGHUP (128 and the signal's
// number, as a shell reports a process a signal ended): a killed `check
// --out` left its hidden temporary file behind (issue 15 item 10).
func cleanUpOnSignal() (stop func()) {
	signals := make(chan os.Signal, 1)
	// SIGHUP too: a closed terminal or SSH session ends the run the same
	// way.
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			atomicfile.RemovePending()
			code := 128 + 2 // SIGINT
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}

// Run executes one command line and maps its error to an exit code,
// printing the error once, on one line.
func (app *App) Run(ctx context.Context, args []string) int {
	// Standard output's first write error is kept: output that was lost
	// (a full disk, a closed pipe) is an I/O failure, exit 3, whatever the
	// command (or cobra's --version and --help) made of it.
	out := &errWriter{w: app.Out}
	saved := app.Out
	app.Out = out
	defer func() { app.Out = saved }()
	root := newRootCmd(app)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if out.err != nil {
		err = exit.IO(fmt.Errorf("writing the output: %w", out.err))
	}
	if err == nil {
		return exit.CodeOK
	}
	code := exitCode(err, app.started)
	msg := clipMessage(strings.ReplaceAll(err.Error(), "\n", " "))
	fmt.Fprintf(app.Err, "s3cost: %s\n", msg)
	if code == exit.CodeInput && !app.started && cmd != nil && out.err == nil {
		fmt.Fprintf(app.Err, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return code
}

// exitCode is the exit code of err (docs/json.md): its class's
// (exit.Code), but for an error before a command's RunE started, which came
// from cobra's parsing of the command line: a usage error, exit code 2.
func exitCode(err error, started bool) int {
	code := exit.Code(err)
	if code == exit.CodeFailure && !started && !errors.Is(err, exit.ErrIO) {
		// An unclassified error before a command ran is cobra's: a flag
		// or argument it could not parse. A failed write stays I/O.
		return exit.CodeInput
	}
	return code
}

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "s3cost",
		Short: "Which Amazon S3 storage class is cheapest for your data, and what it will cost",
		Long: `s3cost prices a workload (objects, uploads, lifetimes, reads, transfer) in every
Amazon S3 storage class, with AWS's billing rules and embedded, dated prices,
and ranks the classes by cost. Everything runs offline.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			app.started = true
			cfg, warning, err := loadConfig(app.Getenv)
			if err != nil {
				return err
			}
			if warning != "" {
				fmt.Fprintln(app.Err, warning)
			}
			app.cfg = cfg
			return nil
		},
	}
	root.SetOut(app.Out)
	root.SetErr(app.Err)
	root.SetIn(app.In)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return exit.Input(cleanFlagError(err)) })
	root.Version = app.Version
	root.SetVersionTemplate("s3cost {{.Version}}\n")
	root.AddCommand(
		newCompareCmd(app),
		newCheckCmd(app),
		newDiffCmd(app),
		newExplainCmd(app),
		newPlanCmd(app),
		newSweepCmd(app),
		newBreakevenCmd(app),
		newClassesCmd(app),
		newSchemaCmd(app),
		newVersionCmd(app),
		newPricingCmd(app),
		newInventoryCmd(app),
		newAnalyticsCmd(app),
	)
	completeDatasets(root)
	return root
}

// exactArgs is cobra.ExactArgs returning a usage error.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s takes %s, got %d arguments", cmd.CommandPath(), what, len(args))
		}
		return nil
	}
}

// minArgs is cobra.MinimumNArgs returning a usage error.
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErrorf("%s takes %s, got %d arguments", cmd.CommandPath(), what, len(args))
		}
		return nil
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) != 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

// buildVersion names the build: the module version of a released build,
// else the commit Go embedded when it built from a git checkout (`go
// build`, `make build`, `go install ./cmd/s3cost`), with "+modified" when
// the tree had uncommitted changes, and the commit time; "dev" when
// neither is known (`go run`, `go test`, or a build with -buildvcs=false).
func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return versionOf(bi)
}

func versionOf(bi *debug.BuildInfo) string {
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	var rev, at string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "dev-" + rev
	if modified {
		v += "+modified"
	}
	if at != "" {
		v += " (" + at + ")"
	}
	return v
}

// strconvDetail matches the strconv wording pflag appends to a bad number,
// e.g. `: strconv.ParseInt: parsing "abc": invalid syntax`.
var strconvDetail = regexp.MustCompile(`: strconv\.Parse\w+: parsing "[^"]*": (.*)$`)

// cleanFlagError replaces Go's strconv details in a flag error with plain
// words: `invalid argument "abc" for "--months" flag: invalid syntax`.
func cleanFlagError(err error) error {
	msg := err.Error()
	if m := strconvDetail.FindStringSubmatchIndex(msg); m != nil {
		return errors.New(msg[:m[0]] + ": " + msg[m[2]:m[3]])
	}
	return err
}

// maxMessage is the most of an error message s3cost prints: a message
// quoting a 1 GB header line must not print it (issue 15).
const maxMessage = 2000

// clipMessage cuts a message longer than maxMessage runes, saying so.
func clipMessage(msg string) string {
	r := []rune(msg)
	if len(r) <= maxMessage {
		return msg
	}
	return string(r[:maxMessage]) + fmt.Sprintf("... (%d more characters)", len(r)-maxMessage)
}

// addPriceFlags gives a command that prices (and reads the price sheets)
// --pricing and --discount; commands that price nothing (classes, schema,
// inventory, analytics) do not offer them.
func addPriceFlags(cmd *cobra.Command) {
	cmd.Flags().String("pricing", "", "a price sheet file to use for its region instead of the embedded one (see docs/pricing.md)")
	cmd.Flags().String("discount", "", "a contract discount off every price, e.g. 7%")
}

// errWriter passes writes on and keeps the first error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}
