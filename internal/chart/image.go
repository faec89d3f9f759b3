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
		return nil, errors.New("no drawable points")
	}
	ylo, yhi, _ := extent(series, pointY)
	// Explicit round ticks also set each axis' range (go-chart spans the
	// ticks), which keeps a zero-width range from breaking its scaling.
	yTicks := niceTicks(ylo, yhi)
	graph := &gochart.Chart{
		Title:      text(c.Title),
		Width:      imageWidth,
		Height:     imageHeight,
		Background: gochart.Style{Padding: gochart.Box{Top: 50, Left: 20, Right: 20, Bottom: 20}},
		XAxis:      gochart.XAxis{Name: text(c.XLabel), Ticks: c.imageXTicks(xlo, xhi)},
		YAxis:      gochart.YAxis{Name: text(c.YLabel), Ticks: labelTicks(yTicks, compact)},
	}
	for i, pts := range series {
		graph.Series = append(graph.Series, line(text(c.Series[i].Name), pts, gochart.Style{
			StrokeColor: gochart.GetDefaultColor(i),
			StrokeWidth: 2,
		}))
	}
	graph.Series = append(graph.Series, marks(c, text, yTicks[0], yTicks[len(yTicks)-1])...)
	graph.Elements = []gochart.Renderable{gochart.Legend(graph)}
	return graph, nil
}

// imageXTicks are the X ticks over [xlo, xhi] (plotted scale): round
// values, or one per power of ten on a log axis. go-chart's own
// LogarithmicRange maps log10(x - min), not log10(x), so X is plotted as
// log10 X on a linear axis and only the tick labels are powers of ten.
func (c Chart) imageXTicks(xlo, xhi float64) []gochart.Tick {
	if !c.LogX {
		return labelTicks(niceTicks(xlo, xhi), compact)
	}
	var exps []float64
	for exp := math.Floor(xlo); exp <= math.Max(math.Ceil(xhi), math.Floor(xlo)+1); exp++ {
		exps = append(exps, exp)
	}
	return labelTicks(exps, func(exp float64) string { return compact(c.dataX(exp)) })
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

// marks draws each mark as a dashed vertical line from ylo to yhi with its
// label near the top, successive labels a little lower so that close
// marks stay legible. The lines are unnamed, so the legend skips them.
func marks(c Chart, text func(string) string, ylo, yhi float64) []gochart.Series {
	var lines []gochart.Series
	var labels []gochart.Value2
	for _, m := range c.Marks {
		x, ok := c.plotX(m.X)
		if !ok {
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
