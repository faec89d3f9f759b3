package chart

import (
	"bytes"
	"errors"
	"html"
	"math"
	"path/filepath"
	"strings"

	"github.com/s3cost/s3cost/internal/atomicfile"
	"github.com/s3cost/s3cost/internal/exit"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

const (
	imageWidth  = 1024 // pixels
	imageHeight = 512
)

// markStyle draws a mark as a thin dashed grey vertical line.
var markStyle = gochart.Style{
	StrokeColor:     drawing.ColorFromHex("888888"),
	StrokeWidth:     1,
	StrokeDashArray: []float64{4, 4},
}

// Image writes c to path as SVG or PNG, chosen by the extension (.svg,
// .png; anything else is an error naming the valid ones), with go-chart:
// one line per series with a legend, axis titles, the marks as vertical
// annotations. It writes atomically (temp file in the same dir + rename),
// and fails on a chart with no drawable point. A chart that cannot be drawn
// is bad input (exit.ErrInput); one that cannot be written, exit.ErrIO.
func Image(path string, c Chart) error {
	renderer, text, err := rendererFor(path)
	if err != nil {
		return err
	}
	graph, err := imageGraph(c, text)
	if err != nil {
		return exit.Inputf("drawing %s: %w", path, err)
	}
	var buf bytes.Buffer
	if err := graph.Render(renderer, &buf); err != nil {
		// go-chart fails on data it cannot scale (nothing to draw, a
		// range it cannot span): the range or the workload asked for it.
		return exit.Inputf("drawing %s: %w", path, err)
	}
	return atomicfile.WriteFile(path, buf.Bytes())
}

// rendererFor picks the go-chart renderer for path's extension, and how
// to pass text to it: go-chart writes SVG text unescaped, so a name like
// "A & B" would break the XML unless escaped first.
func rendererFor(path string) (gochart.RendererProvider, func(string) string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".svg":
		return gochart.SVG, html.EscapeString, nil
	case ".png":
		return gochart.PNG, func(s string) string { return s }, nil
	default:
		return nil, nil, exit.Inputf("chart image %s: unknown extension %q; use .svg or .png", path, ext)
	}
}

// imageGraph is the go-chart line chart of c, every string passed
// through text. It fails when c has no drawable point.
func imageGraph(c Chart, text func(string) string) (*gochart.Chart, error) {
	series := c.plotted()
	xlo, xhi, ok := extent(series, pointX)
	if !ok {
		return nil, errors.New(c.nothingDrawn())
	}
	ylo, yhi, _ := extent(series, pointY)
	// Explicit ticks also set each axis' range (go-chart spans the
	// ticks), which keeps a zero-width range from breaking its scaling.
	xTicks, yTicks := c.imageXTicks(xlo, xhi), c.imageYTicks(ylo, yhi)
	graph := &gochart.Chart{
		Title:      text(c.Title),
		Width:      imageWidth,
		Height:     imageHeight,
		Background: gochart.Style{Padding: gochart.Box{Top: 50, Left: 20, Right: 20, Bottom: 20}},
		XAxis:      gochart.XAxis{Name: text(c.XLabel), Ticks: xTicks},
		// The zero line go-chart draws on the Y axis (invisible, 0 wide)
		// lies off the image when 0 is outside the axis: hidden, no SVG
		// coordinate falls outside the image.
		YAxis: gochart.YAxis{Name: text(c.YLabel), Ticks: yTicks, Zero: gochart.GridLine{Style: gochart.Hidden()}},
		// go-chart draws the secondary Y axis unless it is hidden, even
		// with no series on it. Its range is then 0 to 0, every tick's
		// position a division by zero, and int(NaN) put its ticks at
		// y="-9223372036854775354" in the SVG.
		YAxisSecondary: gochart.YAxis{Style: gochart.Hidden()},
	}
	colors := palette(len(series))
	for i, pts := range series {
		graph.Series = append(graph.Series, line(text(c.Series[i].Name), pts, gochart.Style{
			StrokeColor: colors[i],
			StrokeWidth: 2,
		}))
	}
	graph.Series = append(graph.Series, marks(c, text, xTicks[0].Value, xTicks[len(xTicks)-1].Value, yTicks[0].Value, yTicks[len(yTicks)-1].Value)...)
	graph.Elements = []gochart.Renderable{gochart.Legend(graph)}
	return graph, nil
}

// seriesPalette is the first colors of palette, for the eight classes
// and a few lifecycle rules: Tableau 10 without its grey (the marks'
// color), then navy, gold and maroon, chosen as the farthest from those;
// any two are at least 76 apart in RGB.
var seriesPalette = []drawing.Color{
	drawing.ColorFromHex("1f77b4"), // blue
	drawing.ColorFromHex("ff7f0e"), // orange
	drawing.ColorFromHex("2ca02c"), // green
	drawing.ColorFromHex("d62728"), // red
	drawing.ColorFromHex("9467bd"), // purple
	drawing.ColorFromHex("8c564b"), // brown
	drawing.ColorFromHex("e377c2"), // pink
	drawing.ColorFromHex("bcbd22"), // olive
	drawing.ColorFromHex("17becf"), // cyan
	drawing.ColorFromHex("000080"), // navy
	drawing.ColorFromHex("ffd700"), // gold
	drawing.ColorFromHex("800000"), // maroon
}

// palette is n different colors, one per series. go-chart's own default
// colors are five, repeating, so that a compare of eight classes drew
// three pairs of them alike. Past seriesPalette, hues follow each other
// by the golden angle (every new hue falls in the widest gap left) at
// three lightnesses; a color equal to an earlier one is passed over.
func palette(n int) []drawing.Color {
	colors := make([]drawing.Color, 0, n)
	seen := make(map[drawing.Color]bool, n)
	for i := 0; len(colors) < n; i++ {
		var color drawing.Color
		if i < len(seriesPalette) {
			color = seriesPalette[i]
		} else {
			color = goldenHue(i - len(seriesPalette))
		}
		if !seen[color] {
			seen[color] = true
			colors = append(colors, color)
		}
	}
	return colors
}

// goldenHue is the k-th generated color of palette (k >= 0).
func goldenHue(k int) drawing.Color {
	hue := math.Mod(20+float64(k)*137.50776, 360)
	lightness := []float64{0.38, 0.52, 0.30}[k%3]
	return hsl(hue, 0.75, lightness)
}

// hsl is the opaque color of hue (degrees), saturation and lightness (0
// to 1).
func hsl(hue, saturation, lightness float64) drawing.Color {
	chroma := (1 - math.Abs(2*lightness-1)) * saturation
	h := hue / 60
	x := chroma * (1 - math.Abs(math.Mod(h, 2)-1))
	var r, g, b float64
	switch {
	case h < 1:
		r, g = chroma, x
	case h < 2:
		r, g = x, chroma
	case h < 3:
		g, b = chroma, x
	case h < 4:
		g, b = x, chroma
	case h < 5:
		r, b = x, chroma
	default:
		r, b = chroma, x
	}
	m := lightness - chroma/2
	byte := func(v float64) uint8 { return uint8(math.Round((v + m) * 255)) }
	return drawing.Color{R: byte(r), G: byte(g), B: byte(b), A: 255}
}

// imageXTicks are the X ticks over [xlo, xhi] (plotted scale), which
// start and end where the data does: round values in between, or powers
// of ten on a log axis. go-chart's own LogarithmicRange maps
// log10(x - min), not log10(x), so X is plotted as log10 X on a linear
// axis and only the tick labels are data values.
func (c Chart) imageXTicks(xlo, xhi float64) []gochart.Tick {
	xlo, xhi = widen(xlo, xhi) // a single X value
	return edgeTicks(xlo, xhi, c.LogX, func(px float64) string { return compact(c.dataX(px)) })
}

// imageYTicks are the Y ticks over [ylo, yhi] (plotted scale): round
// values from at or below ylo to at or above yhi (so a cost axis usually
// starts at 0), or on a log axis the ticks of edgeTicks: rounding out to
// powers of ten could leave the data a sliver of the height.
func (c Chart) imageYTicks(ylo, yhi float64) []gochart.Tick {
	if !c.LogY {
		return labelTicks(niceTicks(ylo, yhi), compact)
	}
	ylo, yhi = widen(ylo, yhi)
	return edgeTicks(ylo, yhi, true, func(py float64) string { return compact(c.dataY(py)) })
}

// edgeMargin is how close, as a share of the axis, a round tick may come
// to an end tick: closer, their labels (about 35 pixels of 1,000) could
// overlap.
const edgeMargin = 0.06

// edgeTicks are ticks at lo and hi (plotted scale), so that the axis ends
// where the data does, not at a round number beyond it (go-chart spans the
// ticks), with round ones in between: niceTicks, or on a log axis powers
// of ten (and 2 and 5 times them when fewer than three fall inside).
func edgeTicks(lo, hi float64, log bool, label func(float64) string) []gochart.Tick {
	inner := niceTicks(lo, hi)
	if log {
		inner = logTicks(lo, hi)
	}
	values := []float64{lo}
	for _, v := range inner {
		if v > lo+edgeMargin*(hi-lo) && v < hi-edgeMargin*(hi-lo) {
			values = append(values, v)
		}
	}
	return labelTicks(append(values, hi), label)
}

// logTicks are the exponents of the powers of ten within [lo, hi], and of
// 2 and 5 times them when fewer than three powers fall inside.
func logTicks(lo, hi float64) []float64 {
	var decades, all []float64
	for exp := math.Ceil(lo); exp <= hi; exp++ {
		decades = append(decades, exp)
	}
	if len(decades) >= 3 {
		return decades
	}
	for exp := math.Floor(lo); exp <= hi; exp++ {
		for _, v := range []float64{exp, exp + math.Log10(2), exp + math.Log10(5)} {
			if v >= lo && v <= hi {
				all = append(all, v)
			}
		}
	}
	return all
}

// niceTicks are about eight round values, 1, 2 or 5 × 10^n apart, from
// at or below lo to at or above hi.
func niceTicks(lo, hi float64) []float64 {
	lo, hi = widen(lo, hi)
	rough := (hi - lo) / 8
	magnitude := math.Pow(10, math.Floor(math.Log10(rough)))
	step := 10 * magnitude
	for _, m := range []float64{1, 2, 5} {
		if m*magnitude >= rough {
			step = m * magnitude
			break
		}
	}
	var ticks []float64
	for i := math.Floor(lo / step); i <= math.Ceil(hi/step); i++ {
		ticks = append(ticks, i*step)
	}
	return ticks
}

// labelTicks makes go-chart ticks at values, labelled by label.
func labelTicks(values []float64, label func(float64) string) []gochart.Tick {
	ticks := make([]gochart.Tick, len(values))
	for i, v := range values {
		ticks[i] = gochart.Tick{Value: v, Label: label(v)}
	}
	return ticks
}

// marks draws each mark within the axes (xlo to xhi) as a dashed vertical
// line from ylo to yhi with its label near the top, successive labels a
// little lower so that close marks stay legible. A mark beyond the axes
// would be drawn off the chart (go-chart does not clip). The lines are
// unnamed, so the legend skips them.
func marks(c Chart, text func(string) string, xlo, xhi, ylo, yhi float64) []gochart.Series {
	var lines []gochart.Series
	var labels []gochart.Value2
	for _, m := range c.Marks {
		x, ok := c.plotX(m.X)
		if !ok || x < xlo || x > xhi {
			continue
		}
		lines = append(lines, line("", []Point{{x, ylo}, {x, yhi}}, markStyle))
		labelY := yhi - float64(len(labels)%3)*(yhi-ylo)/10
		labels = append(labels, gochart.Value2{XValue: x, YValue: labelY, Label: text(m.Label)})
	}
	if len(labels) == 0 {
		return nil
	}
	return append(lines, gochart.AnnotationSeries{Annotations: labels})
}

// line is a go-chart line through pts.
func line(name string, pts []Point, style gochart.Style) gochart.ContinuousSeries {
	s := gochart.ContinuousSeries{Name: name, Style: style}
	for _, p := range pts {
		s.XValues = append(s.XValues, p.X)
		s.YValues = append(s.YValues, p.Y)
	}
	return s
}
