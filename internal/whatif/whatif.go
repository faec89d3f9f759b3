// Package whatif answers "what if" questions about a workload: it prices the
// workload with one value changed (Eval), at many values (Sweep), and finds
// where the cheapest class changes (Breakeven). Values are changed with the
// same --set overrides the CLI offers, so they meet the file's rules.
package whatif

import (
	"fmt"
	"math"
	"strings"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/s3cost/s3cost/workloads"
	"github.com/shopspring/decimal"
)

// SheetFor returns the price sheet of a region.
type SheetFor func(region string) (*pricing.Sheet, error)

// Evaluator prices one dataset of a workload file with Path set to a value.
type Evaluator struct {
	Filename string
	Data     []byte
	// Opts are the decoding options, with the user's own --set overrides.
	Opts workloads.Options
	// Dataset picks a dataset in a file with several ("" for a single).
	Dataset string
	Sheets  SheetFor
	// Path is the varied key; Kind its ValueKind; Whole says the value is
	// a whole number (objects, bytes).
	Path  string
	Kind  string
	Whole bool
}

// NewEvaluator checks the path can be varied (bad input, exit.ErrInput,
// when it cannot).
func NewEvaluator(filename string, data []byte, opts workloads.Options, dataset, path string, sheets SheetFor) (*Evaluator, error) {
	kind, err := workloads.ValueKind(path)
	if err != nil {
		return nil, err
	}
	whole := kind == "size" || workloads.IsWhole(path)
	return &Evaluator{Filename: filename, Data: data, Opts: opts, Dataset: dataset, Sheets: sheets, Path: path, Kind: kind, Whole: whole}, nil
}

// Eval prices the dataset with Path = x, x in base units: bytes for sizes,
// seconds for durations, a plain number otherwise. A value the file's rules
// refuse, or a dataset that is not there, is bad input (exit.ErrInput).
func (e *Evaluator) Eval(x decimal.Decimal) (model.Comparison, error) {
	opts := e.Opts
	opts.Set = append(append([]string(nil), e.Opts.Set...), e.Path+"="+ValueText(e.Kind, x))
	f, err := workloads.DecodeFile(e.Filename, e.Data, opts)
	if err != nil {
		return model.Comparison{}, err
	}
	w, err := pick(f, e.Dataset)
	if err != nil {
		return model.Comparison{}, err
	}
	sheet, err := e.Sheets(w.Region)
	if err != nil {
		return model.Comparison{}, err
	}
	return pricing.Compare(w, sheet), nil
}

func pick(f model.File, dataset string) (model.Workload, error) {
	if dataset == "" {
		if len(f.Datasets) != 1 {
			names := make([]string, len(f.Datasets))
			for i, d := range f.Datasets {
				names[i] = d.Name
			}
			return model.Workload{}, exit.Inputf("%s has %d datasets; choose one with --dataset (%s)", f.Path, len(f.Datasets), strings.Join(names, ", "))
		}
		return f.Datasets[0], nil
	}
	for _, d := range f.Datasets {
		if d.Name == dataset {
			return d, nil
		}
	}
	return model.Workload{}, exit.Inputf("%s has no dataset %q", f.Path, dataset)
}

// ParseValue reads a value of the given kind in the file's units (1.5MiB,
// 30d, 99.9%, 5e6) into base units.
func ParseValue(kind, s string) (decimal.Decimal, error) {
	switch kind {
	case "size":
		return model.ParseSize(s)
	case "duration":
		d, err := model.ParseDuration(s)
		return decimal.NewFromInt(int64(d)).Shift(-9), err
	case "fraction":
		return model.ParseFraction(s)
	}
	return model.ParseCount(s)
}

// ValueText writes a base-unit value back in a form the file accepts.
func ValueText(kind string, x decimal.Decimal) string {
	switch kind {
	case "duration":
		return x.String() + "s"
	case "size":
		// With its unit: transfer sizes refuse a bare number.
		return x.String() + "B"
	}
	return x.String()
}

// Range is the span a value is varied over.
type Range struct {
	From, To decimal.Decimal
	Steps    int
	Log      bool
}

// ParseRange reads "FROM..TO" in the file's units. Errors are bad input
// (exit.ErrInput).
func ParseRange(kind, s string, steps int, log bool) (Range, error) {
	from, to, ok := strings.Cut(s, "..")
	if !ok {
		return Range{}, exit.Inputf("want FROM..TO, e.g. 16KiB..16MiB, got %q", s)
	}
	lo, err := ParseValue(kind, strings.TrimSpace(from))
	if err != nil {
		return Range{}, exit.Inputf("FROM: %v", err)
	}
	hi, err := ParseValue(kind, strings.TrimSpace(to))
	if err != nil {
		return Range{}, exit.Inputf("TO: %v", err)
	}
	if !hi.GreaterThan(lo) {
		hint := ""
		if t := strings.TrimSpace(to); kind == "size" && t != "" && strings.Trim(t, "0123456789._eE+-") == "" {
			hint = fmt.Sprintf(" (%s has no unit: it is %s bytes)", t, t)
		}
		return Range{}, exit.Inputf("TO must be above FROM, got %s..%s%s", from, to, hint)
	}
	if log && !lo.IsPositive() {
		return Range{}, exit.Inputf("a logarithmic range needs FROM above 0")
	}
	if steps < 2 {
		return Range{}, exit.Inputf("--steps must be at least 2, got %d", steps)
	}
	return Range{From: lo, To: hi, Steps: steps, Log: log}, nil
}

// Points spreads Steps values from From to To, evenly or (Log) by equal
// ratios; whole-number values are rounded, and repeats dropped. The points
// are inputs to the engine, not money, so the spacing is computed in
// floating point and each point then taken exactly as a decimal.
func (r Range) Points(whole bool) []decimal.Decimal {
	lo, _ := r.From.Float64()
	hi, _ := r.To.Float64()
	var out []decimal.Decimal
	for i := 0; i < r.Steps; i++ {
		var x decimal.Decimal
		switch {
		case i == 0:
			x = r.From
		case i == r.Steps-1:
			x = r.To
		default:
			t := float64(i) / float64(r.Steps-1)
			v := lo + t*(hi-lo)
			if r.Log {
				v = lo * math.Pow(hi/lo, t)
			}
			x = decimal.NewFromFloat(v).Round(9)
		}
		if whole {
			x = x.Round(0)
		}
		if len(out) > 0 && x.Equal(out[len(out)-1]) {
			continue
		}
		out = append(out, x)
	}
	return out
}
