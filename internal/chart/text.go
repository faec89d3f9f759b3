package chart

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/guptarohit/asciigraph"
)

const (
	defaultWidth = 72 // plot columns when Text is given no width
	plotRows     = 12 // asciigraph would otherwise use one row per Y unit
	xTickCount   = 3  // min, middle, max
)

// seriesColors and seriesSymbols tell the series apart, with and without
// color; both repeat past their length.
var (
	seriesColors  = []asciigraph.AnsiColor{asciigraph.Blue, asciigraph.Red, asciigraph.Green, asciigraph.Yellow, asciigraph.Magenta, asciigraph.Cyan}
	seriesSymbols = []string{"*", "o", "+", "x", "#", "@", "%", "="}
)

// Text draws c for a terminal: with color=true (a terminal) an asciigraph
// line chart, one colored line per series, with a legend, the axis labels,
// and the marks listed under it; with color=false the same plot without
// ANSI colors (legend by letter/symbol), so it stays readable in a CI log or a
// file. width is the plot width in columns (0: 72). It never panics on
// empty series, a single point, equal Y values, NaN/Inf (skipped), or
// series of different lengths or X values: every series is resampled onto
// the same width columns.
func Text(w io.Writer, c Chart, width int, color bool) error {
	if width <= 0 {
		width = defaultWidth
	}
	var b strings.Builder
	for _, line := range []string{c.Title, c.YLabel} {
		if line != "" {
			b.WriteString(line + "\n")
		}
	}
	b.WriteString(plot(c, width, color) + "\n")
	if len(c.Series) > 0 {
		b.WriteString(legend(c.Series, color) + "\n")
	}
	for _, m := range c.Marks {
		fmt.Fprintf(&b, "  at %s: %s\n", compact(m.X), m.Label)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// plot is the asciigraph chart of c's series resampled onto width columns,
// with X ticks and XLabel under it, or a placeholder when nothing is
// drawable (asciigraph panics on empty data).
func plot(c Chart, width int, color bool) string {
	series := c.plotted()
	lo, hi, ok := extent(series, pointX)
	if !ok {
		return "(no data to plot)"
	}
	lo, hi = widen(lo, hi)
	columns := make([][]float64, len(series))
	for i, pts := range series {
		columns[i] = resample(pts, lo, hi, width)
	}
	// Equal Y values get a Y axis around them rather than rows of one
	// label repeated over float noise.
	ylo, yhi, _ := extent(series, pointY)
	ylo, yhi = widen(ylo, yhi)
	opts := []asciigraph.Option{
		asciigraph.Height(plotRows),
		asciigraph.LowerBound(ylo),
		asciigraph.UpperBound(yhi),
		asciigraph.XAxisRange(lo, hi),
		asciigraph.XAxisTickCount(xTickCount),
		asciigraph.XAxisValueFormatter(func(px float64) string { return compact(c.dataX(px)) }),
		asciigraph.Caption(c.XLabel),
	}
	if color {
		opts = append(opts, asciigraph.SeriesColors(colorsFor(len(series))...))
	} else {
		opts = append(opts, asciigraph.SeriesChars(charSetsFor(len(series))...))
	}
	return asciigraph.PlotMany(columns, opts...)
}

// resample samples pts (sorted by X) at width columns evenly spaced from
// lo to hi, interpolating linearly in plotted X. Columns outside the
// series' own X range are NaN, which asciigraph leaves blank.
func resample(pts []Point, lo, hi float64, width int) []float64 {
	out := make([]float64, width)
	for i := range out {
		out[i] = math.NaN()
	}
	if len(pts) == 0 {
		return out
	}
	step := (hi - lo) / float64(max(width-1, 1))
	column := func(x float64) int { return int(math.Round((x - lo) / step)) }
	first, last := pts[0].X, pts[len(pts)-1].X
	// Rounding to the nearest column keeps a series' end points, and a
	// single point, on the plot.
	for col := column(first); col <= column(last) && col < width; col++ {
		x := math.Min(math.Max(lo+float64(col)*step, first), last)
		out[col] = interpolate(pts, x)
	}
	return out
}

// interpolate is the Y of pts (sorted by X) at x, which lies within their
// X range, on the straight line between the neighbouring points.
func interpolate(pts []Point, x float64) float64 {
	i := sort.Search(len(pts), func(i int) bool { return pts[i].X >= x })
	if i == 0 || pts[i].X == x {
		return pts[i].Y
	}
	a, b := pts[i-1], pts[i]
	f := (x - a.X) / (b.X - a.X) // first, so huge values cannot overflow
	return a.Y + (b.Y-a.Y)*f
}

// legend names each series after its color box or, without color, after
// the symbol its line is drawn with. asciigraph's own legend is not used:
// it writes an ANSI reset even when no colors are set.
func legend(series []Series, color bool) string {
	items := make([]string, len(series))
	for i, s := range series {
		key := seriesSymbols[i%len(seriesSymbols)]
		if color {
			key = seriesColors[i%len(seriesColors)].String() + "■" + asciigraph.Default.String()
		}
		items[i] = key + " " + s.Name
	}
	return "  " + strings.Join(items, "   ")
}

func colorsFor(n int) []asciigraph.AnsiColor {
	colors := make([]asciigraph.AnsiColor, n)
	for i := range colors {
		colors[i] = seriesColors[i%len(seriesColors)]
	}
	return colors
}

func charSetsFor(n int) []asciigraph.CharSet {
	sets := make([]asciigraph.CharSet, n)
	for i := range sets {
		sets[i] = asciigraph.CreateCharSet(seriesSymbols[i%len(seriesSymbols)])
	}
	return sets
}
