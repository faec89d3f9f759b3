package chart

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/guptarohit/asciigraph"
)

const (
	// defaultWidth is the width of a line when Text is given none: the
	// width tables are laid out for off a terminal (report.Layout).
	defaultWidth = 120
	plotRows     = 12 // asciigraph would otherwise use one row per Y unit
	xTickCount   = 3  // min, middle, max
)

// seriesColors and seriesSymbols tell the series apart: every series is
// drawn with its symbol, and in color on a terminal; both repeat past
// their length. Twelve symbols cover the eight classes and a few
// lifecycle rules.
var (
	seriesColors  = []asciigraph.AnsiColor{asciigraph.Blue, asciigraph.Red, asciigraph.Green, asciigraph.Yellow, asciigraph.Magenta, asciigraph.Cyan}
	seriesSymbols = []string{"*", "o", "+", "x", "#", "@", "%", "=", "&", "$", "~", "^"}
)

// asciiAxes turns the box-drawing characters asciigraph draws its axes
// with into ASCII. Widths are counted in bytes (report.TextWidth), and
// each of those is three bytes in UTF-8: a 72-column X axis was 216 bytes,
// so no plot of a useful width would fit 120 counted that way.
var asciiAxes = strings.NewReplacer("┤", "|", "┼", "|", "└", "+", "┬", "+", "─", "-")

// ansiEscape matches the color codes asciigraph writes; they take no
// column on the terminal that asked for them.
var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")

// Text draws c for a terminal: an asciigraph line chart, each series drawn
// with its own symbol, with a legend, the axis labels, and the marks listed
// under it; with color=true (a terminal) each series also in its own ANSI
// color, with color=false none, so it stays readable in a CI log or a file.
// Every line is at most width bytes (0: 120), not counting color codes,
// for any width of 40 or more (the least s3cost lays out for): the plot
// takes what the axis labels leave, and long text is wrapped. Every
// character is ASCII but for the text of c, so bytes are columns. It never
// panics on empty series, a single point, equal Y values, NaN/Inf
// (skipped), or series of different lengths or X values: every series is
// resampled onto the plot's columns.
func Text(w io.Writer, c Chart, width int, color bool) error {
	if width <= 0 {
		width = defaultWidth
	}
	var lines []string
	for _, line := range []string{c.Title, c.YLabel} {
		if line != "" {
			lines = append(lines, wrap(line, width, "")...)
		}
	}
	lines = append(lines, plot(c, width, color)...)
	if len(c.Series) > 0 {
		lines = append(lines, legend(c.Series, width, color)...)
	}
	for _, m := range c.Marks {
		lines = append(lines, wrap(fmt.Sprintf("at %s: %s", compact(m.X), m.Label), width, "  ")...)
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
	return err
}

// plot is the asciigraph chart of c's series, resampled onto as many
// columns as fit width beside the Y labels, with X ticks and XLabel under
// it; or, when nothing is drawable (asciigraph panics on empty data), a
// line saying why.
func plot(c Chart, width int, color bool) []string {
	series := c.plotted()
	lo, hi, ok := extent(series, pointX)
	if !ok {
		return wrap("("+c.nothingDrawn()+")", width, "")
	}
	lo, hi = widen(lo, hi)
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
		// Our labels rather than asciigraph's %f ones: those are as long
		// as the number (301 digits for 1e300) and leave no room to plot.
		asciigraph.YAxisValueFormatter(c.yLabel(ylo, yhi)),
		asciigraph.SeriesChars(reversed(charSetsFor(len(series)))...),
	}
	if color {
		opts = append(opts, asciigraph.SeriesColors(reversed(colorsFor(len(series)))...))
	}
	draw := func(columns int) []string {
		// asciigraph draws each series over the ones before it, so they go
		// to it last first: the first series, the cheapest class (rank 1)
		// that a reader looks for, is drawn last and shows where lines
		// overlap, rather than hidden under a dearer class that costs the
		// same there.
		data := make([][]float64, len(series))
		for i, pts := range series {
			data[len(series)-1-i] = resample(pts, lo, hi, columns)
		}
		return strings.Split(asciiAxes.Replace(asciigraph.PlotMany(data, opts...)), "\n")
	}
	// The Y labels and the overhang of the last X label take the same room
	// at any plot width, so one narrowing by the excess fits; the loop
	// only guards against that changing.
	columns := width
	lines := draw(columns)
	for over := widest(lines) - width; over > 0 && columns > 1; over = widest(lines) - width {
		columns = max(columns-over, 1)
		lines = draw(columns)
	}
	if c.XLabel != "" {
		plotWidth := widest(lines)
		for _, l := range wrap(c.XLabel, width, "") {
			lines = append(lines, strings.Repeat(" ", max(plotWidth-len(l), 0)/2)+l)
		}
	}
	return lines
}

// yLabel formats the Y axis' row labels between plotted ylo and yhi with
// enough significant digits (3 to 7) that neighbouring rows differ: 3
// would label every row of a chart from 1000 to 1010 "1.01k".
func (c Chart) yLabel(ylo, yhi float64) func(float64) string {
	step := (yhi - ylo) / plotRows
	// rel is the smallest difference between neighbouring rows relative
	// to their values.
	rel := step / math.Max(math.Abs(ylo), math.Abs(yhi))
	if c.LogY {
		rel = math.Pow(10, step) - 1
	}
	digits := 3
	if rel > 0 && rel < 1 {
		digits = min(max(int(math.Ceil(-math.Log10(rel)))+1, 3), 7)
	}
	return func(py float64) string { return compactDigits(c.dataY(py), digits) }
}

// widest is the width of the longest line, color codes not counted.
func widest(lines []string) int {
	n := 0
	for _, l := range lines {
		n = max(n, len(ansiEscape.ReplaceAllString(l, "")))
	}
	return n
}

// wrap breaks text at spaces into lines of at most width bytes, each
// starting with indent (the ones after the first two spaces more). A word
// longer than a line is cut between runes, filling the line it starts on.
func wrap(text string, width int, indent string) []string {
	var lines []string
	line, empty := indent, true
	flush := func() {
		lines = append(lines, line)
		line, empty = indent+"  ", true
	}
	for _, word := range strings.Fields(text) {
		for word != "" {
			sep := " "
			if empty {
				sep = ""
			}
			room := width - len(line) - len(sep)
			if len(word) <= room {
				line, empty, word = line+sep+word, false, ""
				continue
			}
			if empty || len(word) > width-len(indent)-2 {
				cut := runeCut(word, room)
				if cut == 0 && empty {
					// Not one rune fits: take one anyway, or nothing would.
					_, cut = utf8.DecodeRuneInString(word)
				}
				if cut > 0 {
					line, word = line+sep+word[:cut], word[cut:]
				}
			}
			flush()
		}
	}
	if !empty {
		lines = append(lines, line)
	}
	return lines
}

// runeCut is the length of the longest prefix of s of at most n bytes
// that ends between runes.
func runeCut(s string, n int) int {
	if n <= 0 {
		return 0
	}
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
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

// legend names each series after the symbol its line is drawn with,
// colored like the line on a terminal, as many to a line as fit width.
// asciigraph's own legend is not used: it writes an ANSI reset even when
// no colors are set, and one line however long.
func legend(series []Series, width int, color bool) []string {
	var lines []string
	line := "  "
	for i, s := range series {
		symbol := seriesSymbols[i%len(seriesSymbols)]
		item := wrap(symbol+" "+s.Name, width, "  ")
		if color {
			// The symbol leads the item's first line, after the indent.
			item[0] = "  " + seriesColors[i%len(seriesColors)].String() + symbol + asciigraph.Default.String() + item[0][2+len(symbol):]
		}
		plain := len(ansiEscape.ReplaceAllString(item[0], "")) - 2
		switch {
		case len(item) == 1 && line == "  ":
			line = item[0]
		case len(item) == 1 && len(ansiEscape.ReplaceAllString(line, ""))+3+plain <= width:
			line += "   " + item[0][2:]
		default:
			if line != "  " {
				lines = append(lines, line)
			}
			lines = append(lines, item[:len(item)-1]...)
			line = item[len(item)-1]
		}
	}
	return append(lines, line)
}

// reversed is s in reverse order, for asciigraph's drawing order (plot).
func reversed[T any](s []T) []T {
	s = slices.Clone(s)
	slices.Reverse(s)
	return s
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
