package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/s3cost/s3cost/internal/chart"
	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/readfile"
	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/internal/whatif"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/workloads"
	"github.com/spf13/cobra"
)

// maxSteps bounds --steps: 20,000 points of product-images take 12 s and
// 100 MB here (a sweep keeps each point's figures, not its comparison).
const maxSteps = 20_000

// whatifOptions are the inputs shared by sweep and breakeven.
type whatifOptions struct {
	File    string
	Vary    string
	Steps   int
	Log     bool
	Format  string
	Dataset string
	// Chart: "" none, "-" the terminal, else an image file; LogY: its Y
	// axis logarithmic; Color: draw it in color; Width: the columns a
	// terminal chart may take (the terminal's, else 120).
	Chart   string
	LogY    bool
	Color   bool
	Width   int
	Between []string

	Out io.Writer
}

func (o *whatifOptions) register(cmd *cobra.Command, steps int) {
	f := cmd.Flags()
	addSetFlag(cmd)
	f.StringVar(&o.Vary, "vary", "", "the key to vary and its range, PATH=FROM..TO in the file's units, e.g. objects.size=16KiB..16MiB (required)")
	f.IntVar(&o.Steps, "steps", steps, "how many values to price across the range")
	f.BoolVar(&o.Log, "log", false, "space the values by equal ratios (for ranges over orders of magnitude)")
	f.StringVar(&o.Dataset, "dataset", "", "the dataset to vary, in a file with several")
}

// evaluator reads the file and checks --vary.
func (o *whatifOptions) evaluator(in *inputs) (*whatif.Evaluator, whatif.Range, error) {
	path, span, ok := strings.Cut(o.Vary, "=")
	if o.Vary == "" || !ok {
		return nil, whatif.Range{}, usageErrorf("--vary: want PATH=FROM..TO, e.g. reads.per_month=1e3..1e8, got %q", o.Vary)
	}
	path = strings.TrimSpace(path)
	// --dataset D --vary lifetime=... varies D's lifetime (a key of the
	// whole file, such as months, stays one).
	path = workloads.InDataset(o.Dataset, path)
	// As every workload: a regular file within the size limit (a pipe
	// would block, /dev/zero never end).
	data, err := readfile.Read(o.File, readfile.MaxBytes)
	if err != nil {
		return nil, whatif.Range{}, err
	}
	opts := workloads.Options{DefaultRegion: in.defaultRegion, KnownRegions: in.knownRegions, Set: in.sets}
	// The file must be valid before anything is varied.
	if _, err := workloads.DecodeFile(o.File, data, opts); err != nil {
		return nil, whatif.Range{}, err
	}
	e, err := whatif.NewEvaluator(o.File, data, opts, o.Dataset, path, in.sheets.Region)
	if err != nil {
		return nil, whatif.Range{}, fmt.Errorf("--vary %s: %w", path, err)
	}
	if o.Steps > maxSteps {
		return nil, whatif.Range{}, usageErrorf("--steps: at most %d, got %d", maxSteps, o.Steps)
	}
	r, err := whatif.ParseRange(e.Kind, span, o.Steps, o.Log)
	if err != nil {
		return nil, whatif.Range{}, fmt.Errorf("--vary %s: %w", o.Vary, err)
	}
	// A first evaluation turns a bad dataset name or value into a usage
	// error before the work starts.
	if _, err := e.Eval(r.From); err != nil {
		return nil, whatif.Range{}, fmt.Errorf("--vary %s: %w", o.Vary, err)
	}
	return e, r, nil
}

func newSweepCmd(app *App) *cobra.Command {
	opts := &whatifOptions{}
	cmd := &cobra.Command{
		Use:   "sweep FILE --vary PATH=FROM..TO",
		Short: "Price a workload across a range of one value: each class's monthly cost and the cheapest",
		Long: `Price the workload at --steps values of one key across a range: each class's
monthly average and the cheapest eligible class at each value. A class that
misses a requirement there is marked "*"; a class the price sheet cannot
price or the region does not sell has no amount ("-", null in JSON), and
CHEAPEST is then the cheapest of the classes priced.

Exit status: 0 with a table, 2 on bad input, 3 on an I/O error, 4 when no
class could be priced at any value (the table is written first).`,
		Example: `  s3cost sweep workloads/examples/product-images.yaml --vary reads.per_month=1e5..1e9 --log
  s3cost sweep logs.yaml --vary objects.size=4KiB..4MiB --log --steps 50 --chart
  s3cost sweep logs.yaml --vary reads.per_month=1e3..1e9 --log --chart=cost.svg --log-y
  s3cost sweep logs.yaml --vary lifetime=30d..3y --format csv > lifetime.csv`,
		Args: exactArgs(1, "one workload file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			opts.Out = cmd.OutOrStdout()
			opts.Color = app.colorOK(opts.Out)
			opts.Width = terminalWidth(opts.Out)
			if cmd.Flags().Changed("chart") && opts.Chart == "" {
				opts.Chart = "-" // --chart= draws in the terminal too
			}
			if err := app.chooseFormat(cmd, &opts.Format, whatif.SweepFormats.Names()); err != nil {
				return err
			}
			in, err := app.newInputs(cmd, false, nil)
			if err != nil {
				return err
			}
			return runSweep(cmd.Context(), opts, in)
		},
	}
	opts.register(cmd, 20)
	addFormatFlag(cmd, &opts.Format, whatif.SweepFormats.Names())
	addChartFlags(cmd, &opts.Chart, &opts.LogY)
	addPriceFlags(cmd)
	return cmd
}

// runSweep prices the workload across the range and writes the table or
// the chart; no class priced at any value is exit.ErrNothingPriced.
func runSweep(ctx context.Context, opts *whatifOptions, in *inputs) error {
	if err := chartAndFormat(opts.Chart, opts.Format, opts.LogY); err != nil {
		return err
	}
	if opts.Chart != "-" {
		if err := outputIsInput("--chart", opts.Chart, append([]string{opts.File}, in.read...)); err != nil {
			return err
		}
	}
	e, r, err := opts.evaluator(in)
	if err != nil {
		return err
	}
	s, err := e.Sweep(r)
	if err != nil {
		return err
	}
	if opts.Chart != "" {
		c := sweepChart(s, opts.Log)
		c.LogY = opts.LogY
		if err := drawChart(opts.Out, opts.Chart, c, opts.Color, opts.Width); err != nil {
			return err
		}
		return unpricedSweep(s)
	}
	if err := whatif.SweepFormats.Render(opts.Out, opts.Format, s); err != nil {
		return err
	}
	return unpricedSweep(s)
}

// unpricedSweep is the exit-4 error of a sweep that could price no class at
// any value, as compare's (the table, written first, says so).
func unpricedSweep(s whatif.Sweep) error {
	if !whatif.SweepNothingPriced(s) {
		return nil
	}
	return exit.NothingPricedf("no class could be priced at any value of %s", s.Path)
}

func newBreakevenCmd(app *App) *cobra.Command {
	opts := &whatifOptions{}
	cmd := &cobra.Command{
		Use:   "breakeven FILE --vary PATH=FROM..TO",
		Short: "Find the values at which the cheapest class changes (or two classes cost the same)",
		Long: `Scan the range of one workload value and find, by bisection, every value at
which the cheapest eligible class changes; with --between A,B, where the
cheaper of two classes changes. Whole-number values (objects, bytes) are found
to within one; others to a millionth of the value. Two changes between the
same two scanned values can hide each other: raise --steps to look closer.`,
		Example: `  s3cost breakeven w.yaml --vary objects.size=16KiB..16MiB --log --between STANDARD,INTELLIGENT_TIERING
  s3cost breakeven w.yaml --vary reads.per_month=0..1e8`,
		Args: exactArgs(1, "one workload file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			opts.Out = cmd.OutOrStdout()
			if err := app.chooseFormat(cmd, &opts.Format, whatif.BreakevenFormats.Names()); err != nil {
				return err
			}
			// A bad --between is reported before the sheets are loaded.
			if _, err := opts.pair(); err != nil {
				return err
			}
			in, err := app.newInputs(cmd, false, nil)
			if err != nil {
				return err
			}
			return runBreakeven(cmd.Context(), opts, in)
		},
	}
	opts.register(cmd, 64)
	addFormatFlag(cmd, &opts.Format, whatif.BreakevenFormats.Names())
	cmd.Flags().StringSliceVar(&opts.Between, "between", nil, "two classes A,B: where the cheaper of the two changes")
	addPriceFlags(cmd)
	return cmd
}

// pair reads --between: nil, or two different classes.
func (o *whatifOptions) pair() ([]model.ClassID, error) {
	if len(o.Between) == 0 {
		return nil, nil
	}
	if len(o.Between) != 2 {
		return nil, usageErrorf("--between takes two classes, A,B")
	}
	var pair []model.ClassID
	for _, s := range o.Between {
		id, err := model.ParseClassID(s)
		if err != nil {
			return nil, usageErrorf("--between: %v", err)
		}
		pair = append(pair, id)
	}
	if pair[0] == pair[1] {
		return nil, usageErrorf("--between takes two different classes, got %s twice", pair[0])
	}
	return pair, nil
}

// runBreakeven finds where the cheapest class (or the cheaper of --between)
// changes across the range and writes them.
func runBreakeven(ctx context.Context, opts *whatifOptions, in *inputs) error {
	pair, err := opts.pair()
	if err != nil {
		return err
	}
	e, r, err := opts.evaluator(in)
	if err != nil {
		return err
	}
	crossings, err := e.Crossings(r, pair)
	if err != nil {
		return err
	}
	first, _ := e.Eval(r.From)
	b := whatif.Breakeven{Path: e.Path, Kind: e.Kind, Workload: first.Workload, From: r.From, To: r.To,
		Pair: pair, Crossings: crossings, Pricing: first.Pricing, Precision: "within 1 of the value"}
	if !e.Whole {
		b.Precision = "within a millionth of the value"
	}
	if len(crossings) == 0 {
		// Say which class wins, not only that none overtakes it.
		if b.Throughout, err = e.Winner(r.From, pair); err != nil {
			return err
		}
	}
	return whatif.BreakevenFormats.Render(opts.Out, opts.Format, b)
}

// addChartFlags: --chart draws in the terminal; --chart FILE.svg or .png
// writes an image; --log-y makes its Y axis logarithmic.
func addChartFlags(cmd *cobra.Command, target *string, logY *bool) {
	cmd.Flags().StringVar(target, "chart", "", "draw a chart: in the terminal (--chart), or to an image (--chart=FILE.svg or .png)")
	cmd.Flags().Lookup("chart").NoOptDefVal = "-"
	cmd.Flags().BoolVar(logY, "log-y", false, "with --chart: a logarithmic cost axis, so that one costly class does not flatten the others into one line (costs of 0 or less are left out)")
}

// drawChart draws in the terminal ("-"), in color only on a terminal
// without NO_COLOR and within width columns, or writes an image file.
func drawChart(w io.Writer, target string, c chart.Chart, color bool, width int) error {
	if target != "" && target != "-" {
		if err := chart.Image(target, c); err != nil {
			// chart.Image classifies: a chart it cannot draw is bad input,
			// a file it cannot write I/O.
			return fmt.Errorf("--chart: %w", err)
		}
		fmt.Fprintf(w, "wrote %s\n", target)
		return nil
	}
	return chart.Text(w, c, width, color)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// sweepChart: each class's monthly cost against the varied value, with the
// values where the cheapest class changes marked.
func sweepChart(s whatif.Sweep, log bool) chart.Chart {
	c := chart.Chart{Title: fmt.Sprintf("%s: monthly cost by %s", s.Workload, s.Path), XLabel: s.Path + unitOf(s.Kind), YLabel: "USD a month", LogX: log}
	for i, id := range s.Classes {
		// A class that never meets the requirements is not a choice; it
		// would only stretch the axis.
		eligible := false
		for _, p := range s.Points {
			eligible = eligible || p.Eligible[i] && (i >= len(p.Priced) || p.Priced[i])
		}
		if !eligible {
			continue
		}
		series := chart.Series{Name: string(id)}
		for _, p := range s.Points {
			x, _ := p.X.Float64()
			y, _ := p.Monthly[i].Float64()
			series.Points = append(series.Points, chart.Point{X: x, Y: y})
		}
		c.Series = append(c.Series, series)
	}
	// The first series is drawn on top where lines overlap: the class
	// cheapest at the most values first, then by its mean cost, so that
	// the winner is what shows (catalogue order put STANDARD over a
	// cheaper GLACIER_IR).
	wins := map[string]int{}
	for _, p := range s.Points {
		wins[string(p.Cheapest)]++
	}
	mean := func(sr chart.Series) float64 {
		sum := 0.0
		for _, p := range sr.Points {
			sum += p.Y
		}
		return sum / float64(max(1, len(sr.Points)))
	}
	slices.SortStableFunc(c.Series, func(a, b chart.Series) int {
		return cmp.Or(cmp.Compare(wins[b.Name], wins[a.Name]), cmp.Compare(mean(a), mean(b)))
	})
	for i := 1; i < len(s.Points); i++ {
		if s.Points[i].Cheapest != s.Points[i-1].Cheapest {
			x, _ := s.Points[i].X.Float64()
			// The first value swept where the winner differs, not the
			// break-even itself (s3cost breakeven finds that).
			c.Marks = append(c.Marks, chart.Mark{X: x, Label: fmt.Sprintf("%s cheapest (was %s; breakeven finds where)",
				report.ClassOrNone(s.Points[i].Cheapest), report.ClassOrNone(s.Points[i-1].Cheapest))})
		}
	}
	return c
}

func unitOf(kind string) string {
	switch kind {
	case "size":
		return " (bytes)"
	case "duration":
		return " (seconds)"
	}
	return ""
}

// comparisonChart: each class's cumulative cost over the months.
func comparisonChart(c model.Comparison) chart.Chart {
	ch := chart.Chart{Title: fmt.Sprintf("%s: cumulative cost", c.Workload), XLabel: "month", YLabel: "USD"}
	left := 0
	for _, e := range c.Results {
		if !e.Eligible {
			left++
			continue // not a choice; it would only stretch the axis
		}
		series := chart.Series{Name: string(e.Class)}
		sum := 0.0
		for m, v := range e.Monthly {
			f, _ := v.Float64()
			sum += f
			series.Points = append(series.Points, chart.Point{X: float64(m + 1), Y: sum})
		}
		ch.Series = append(ch.Series, series)
	}
	if left > 0 {
		// Say so: a reader would otherwise take the chart for every class.
		ch.Title += fmt.Sprintf(" (%s that miss a requirement or have no price not drawn)", report.Plural(left, "candidate"))
	}
	return ch
}

// colorOK: color only on a terminal, not when NO_COLOR is set
// (https://no-color.org), and not on a terminal that says it has none
// (TERM=dumb).
func (app *App) colorOK(w io.Writer) bool {
	return isTerminal(w) && colorAllowed(app.Getenv)
}

// colorAllowed: the environment does not ask for no color.
func colorAllowed(getenv func(string) string) bool {
	return getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// chartAndFormat refuses --chart with a --format other than the table: the
// chart is drawn instead of the report, so the format would be ignored;
// and --log-y without --chart, which would be ignored too.
func chartAndFormat(chart, format string, logY bool) error {
	if chart != "" && format != "" && format != "table" {
		return usageErrorf("--chart draws a chart instead of the report: give --chart or --format %s, not both", format)
	}
	if logY && chart == "" {
		return usageErrorf("--log-y draws the chart's cost axis logarithmic: give --chart too")
	}
	return nil
}
