// Package chart draws line charts of cost series: as text for a terminal
// (asciigraph) and as SVG or PNG images (go-chart).
//
// Both renderers share one view of the data: points that cannot be drawn
// (NaN, ±Inf, beyond ±1e300, and X <= 0 or Y <= 0 on a logarithmic axis)
// are skipped, and a coordinate is plotted as its log10 when its axis is
// logarithmic.
package chart

import (
	"cmp"
	"math"
	"slices"
	"strconv"
)

// Point is one point of a series. Floats are fine here: charts are for
// the eye; the money figures stay exact decimals everywhere else.
type Point struct{ X, Y float64 }

// Series is one named line of a chart.
type Series struct {
	Name   string
	Points []Point
}

// Mark labels an X position, e.g. where the cheapest class changes.
type Mark struct {
	X     float64
	Label string
}

// Chart is what to draw: titled, labelled series over a shared X axis.
type Chart struct {
	Title, XLabel, YLabel string
	Series                []Series
	Marks                 []Mark
	LogX                  bool // the X axis is logarithmic (values > 0)
	// LogY: the Y axis is logarithmic (values > 0), so that one class
	// costing a thousand times the others does not flatten them into one
	// line at the bottom.
	LogY bool
}

// plotX maps x onto the plotted X scale (log10 x on a log axis); ok is
// false when x cannot be drawn there.
func (c Chart) plotX(x float64) (px float64, ok bool) { return toPlot(x, c.LogX) }

// plotY is plotX for Y.
func (c Chart) plotY(y float64) (py float64, ok bool) { return toPlot(y, c.LogY) }

// toPlot maps v onto an axis' plotted scale: log10 v on a log axis, where
// v <= 0 cannot be drawn.
func toPlot(v float64, log bool) (float64, bool) {
	if log {
		if v <= 0 {
			return 0, false
		}
		v = math.Log10(v)
	}
	return v, drawable(v)
}

// dataX maps a plotted X back to the data's X, for labelling ticks.
func (c Chart) dataX(px float64) float64 { return fromPlot(px, c.LogX) }

// dataY is dataX for Y.
func (c Chart) dataY(py float64) float64 { return fromPlot(py, c.LogY) }

func fromPlot(pv float64, log bool) float64 {
	if log {
		return math.Pow(10, pv)
	}
	return pv
}

// plotted returns each series' drawable points, X on the plotted scale,
// sorted by X. A series with nothing drawable gets an empty slice, so the
// result lines up with c.Series.
func (c Chart) plotted() [][]Point {
	all := make([][]Point, len(c.Series))
	for i, s := range c.Series {
		var pts []Point
		for _, p := range s.Points {
			px, okX := c.plotX(p.X)
			py, okY := c.plotY(p.Y)
			if okX && okY {
				pts = append(pts, Point{px, py})
			}
		}
		slices.SortStableFunc(pts, func(a, b Point) int { return cmp.Compare(a.X, b.X) })
		all[i] = pts
	}
	return all
}

// nothingDrawn says why c has no point to draw: a logarithmic axis is
// named when it is what left nothing, since the data then looks fine.
func (c Chart) nothingDrawn() string {
	linear := c
	linear.LogX, linear.LogY = false, false
	if _, _, ok := extent(linear.plotted(), pointX); !ok {
		return "no drawable point"
	}
	switch {
	case c.LogX && c.LogY:
		return "no point with X and Y above zero to draw on logarithmic axes"
	case c.LogX:
		return "no point with X above zero to draw on a logarithmic X axis"
	default:
		return "no point with Y above zero to draw on a logarithmic Y axis"
	}
}

// extent is the smallest and largest coord over all points; ok is false
// when there are no points.
func extent(series [][]Point, coord func(Point) float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, pts := range series {
		for _, p := range pts {
			lo, hi = math.Min(lo, coord(p)), math.Max(hi, coord(p))
		}
	}
	return lo, hi, lo <= hi
}

// widen gives a range too narrow to scale (one X value, equal Y values, or
// a span that is only float rounding noise) some room around its middle.
func widen(lo, hi float64) (float64, float64) {
	if hi-lo > 1e-9*math.Max(math.Abs(lo), math.Abs(hi)) {
		return lo, hi
	}
	mid := lo + (hi-lo)/2
	pad := math.Max(math.Abs(mid)/10, 1)
	return mid - pad, mid + pad
}

func pointX(p Point) float64 { return p.X }
func pointY(p Point) float64 { return p.Y }

// maxDrawable bounds the coordinates drawn, so that the span of an axis
// (hi - lo) and the scaling of both libraries stay finite.
const maxDrawable = 1e300

// drawable reports whether v can be a coordinate: not NaN, not infinite,
// and within ±maxDrawable.
func drawable(v float64) bool { return math.Abs(v) <= maxDrawable }

// compact formats an axis value in at most three significant digits with
// an SI suffix: 11, 5.5, 1.54k, 2.3M, 4G.
func compact(v float64) string { return compactDigits(v, 3) }

// compactDigits is compact with digits significant digits (1 to 15).
func compactDigits(v float64, digits int) string {
	const suffixes = " kMGTPE"
	// From here on v would round to "1e+03" at digits digits (999.5 at
	// three): use the next suffix.
	next := 1000 - 0.5*math.Pow(10, float64(3-digits))
	i := 0
	for math.Abs(v) >= next && i < len(suffixes)-1 {
		v /= 1000
		i++
	}
	s := strconv.FormatFloat(v, 'g', digits, 64)
	if i > 0 {
		s += suffixes[i : i+1]
	}
	return s
}
