package chart

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/golden"
)

// cumulativeCost is a year of cumulative cost for 10 TB in three classes:
// each month adds the monthly cost, and the colder classes start with a
// one-off transition fee. The figures are round, not AWS prices.
func cumulativeCost() Chart {
	classes := []struct {
		name            string
		upfront, perMon float64
	}{
		{"STANDARD", 0, 230},
		{"STANDARD_IA", 500, 125},
		{"GLACIER_IR", 1000, 40},
	}
	c := Chart{Title: "Cumulative cost of 10 TB", XLabel: "months", YLabel: "USD"}
	for _, class := range classes {
		s := Series{Name: class.name}
		for month := range 12 {
			s.Points = append(s.Points, Point{float64(month), class.upfront + class.perMon*float64(month+1)})
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// costByReads is the monthly cost of 10 TB by GB read per month, on a log
// X axis, with marks where the cheapest class changes: storage per month
// plus $0.01/GB (STANDARD_IA) or $0.03/GB (GLACIER_IR) retrieval.
//
//	STANDARD_IA overtakes GLACIER_IR at 125 + 0.01x = 40 + 0.03x: x = 4250
//	STANDARD overtakes STANDARD_IA at 230 = 125 + 0.01x:         x = 10500
func costByReads() Chart {
	c := Chart{
		Title: "Monthly cost of 10 TB by reads", XLabel: "GB read per month", YLabel: "USD/month", LogX: true,
		Marks: []Mark{{X: 4250, Label: "STANDARD_IA becomes cheapest"}, {X: 10500, Label: "STANDARD becomes cheapest"}},
	}
	classes := []struct {
		name             string
		storage, perRead float64
	}{
		{"STANDARD", 230, 0},
		{"STANDARD_IA", 125, 0.01},
		{"GLACIER_IR", 40, 0.03},
	}
	for _, class := range classes {
		s := Series{Name: class.name}
		for quarterDecade := range 21 { // 1 to 100k GB
			gb := math.Pow(10, float64(quarterDecade)/4)
			s.Points = append(s.Points, Point{gb, class.storage + class.perRead*gb})
		}
		c.Series = append(c.Series, s)
	}
	return c
}

func renderText(t *testing.T, c Chart, width int, color bool) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Text(&buf, c, width, color); err != nil {
		t.Fatalf("Text: %v", err)
	}
	return buf.String()
}

func TestTextGolden(t *testing.T) {
	tests := map[string]Chart{
		"cumulative": cumulativeCost(),
		"log_marks":  costByReads(),
		"log_y":      logYChart(),
	}
	for name, c := range tests {
		t.Run(name, func(t *testing.T) {
			golden.Check(t, name+".txt.golden", []byte(renderText(t, c, 0, false)))
		})
	}
}

// logYChart is flattened on a log Y axis.
func logYChart() Chart {
	c := flattened()
	c.LogY = true
	return c
}

func TestTextColor(t *testing.T) {
	tests := []struct {
		color    bool
		wantANSI bool
	}{
		{color: true, wantANSI: true},
		{color: false, wantANSI: false},
	}
	for _, tt := range tests {
		out := renderText(t, cumulativeCost(), 0, tt.color)
		if got := strings.Contains(out, "\x1b["); got != tt.wantANSI {
			t.Errorf("color=%v: ANSI escapes present = %v, want %v\n%s", tt.color, got, tt.wantANSI, out)
		}
	}
}

func TestTextLegendNamesEverySeries(t *testing.T) {
	for _, color := range []bool{true, false} {
		out := renderText(t, cumulativeCost(), 0, color)
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		legendLine := lines[len(lines)-1]
		for _, s := range cumulativeCost().Series {
			if !strings.Contains(legendLine, s.Name) {
				t.Errorf("color=%v: legend %q lacks %q", color, legendLine, s.Name)
			}
		}
	}
}

func TestTextListsMarks(t *testing.T) {
	out := renderText(t, costByReads(), 0, false)
	for _, want := range []string{"at 4.25k: STANDARD_IA becomes cheapest", "at 10.5k: STANDARD becomes cheapest"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q\n%s", want, out)
		}
	}
}

// TestTextEdgeCases checks that awkward data draws without a panic, in
// both modes and at odd widths, and still names every series where
// there is room.
func TestTextEdgeCases(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	series := func(pts ...Point) Series { return Series{Name: "s", Points: pts} }
	tests := []struct {
		name string
		c    Chart
	}{
		{"no series", Chart{}},
		{"empty series", Chart{Series: []Series{{Name: "empty"}}}},
		{"single point", Chart{Series: []Series{series(Point{3, 7})}}},
		{"single point log", Chart{LogX: true, Series: []Series{series(Point{100, 7})}}},
		{"equal Y", Chart{Series: []Series{series(Point{0, 5}, Point{1, 5}, Point{2, 5})}}},
		{"all zero", Chart{Series: []Series{series(Point{0, 0}, Point{1, 0})}}},
		{"NaN and Inf skipped", Chart{Series: []Series{series(Point{0, 1}, Point{nan, 2}, Point{2, nan}, Point{inf, 3}, Point{4, -inf}, Point{5, 6})}}},
		{"only NaN", Chart{Series: []Series{series(Point{nan, nan}, Point{inf, 1})}}},
		{"log X drops X <= 0", Chart{LogX: true, Series: []Series{series(Point{-1, 1}, Point{0, 2}, Point{10, 3}, Point{1000, 4})}}},
		{"log X all <= 0", Chart{LogX: true, Series: []Series{series(Point{-1, 1}, Point{0, 2})}}},
		{"different lengths and X", Chart{Series: []Series{
			{Name: "long", Points: []Point{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}}},
			{Name: "short", Points: []Point{{1.5, 9}, {2.5, 0}}},
			{Name: "lone", Points: []Point{{3.7, 4}}},
			{Name: "none"},
		}}},
		{"unsorted and duplicate X", Chart{Series: []Series{series(Point{2, 1}, Point{0, 3}, Point{2, 5}, Point{1, 0})}}},
		{"extreme magnitudes", Chart{Series: []Series{series(Point{-1e300, -1e300}, Point{1e300, 1e300}, Point{math.MaxFloat64, 1}, Point{2, -math.MaxFloat64})}}},
		{"tiny range", Chart{Series: []Series{series(Point{0, 1e-9}, Point{1e-12, 2e-9})}}},
		{"marks without data", Chart{Marks: []Mark{{X: nan, Label: "nowhere"}, {X: -5, Label: "before"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Below 40 bytes Text only promises not to panic: a name may be cut.
			for _, width := range []int{0, 1, 2, 5, 40, 57} {
				for _, color := range []bool{true, false} {
					out := renderText(t, tt.c, width, color)
					for _, s := range tt.c.Series {
						if (width == 0 || width >= 40) && !strings.Contains(out, s.Name) {
							t.Errorf("width %d, color %v: output lacks series %q\n%s", width, color, s.Name, out)
						}
					}
				}
			}
		})
	}
}

func TestCompact(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{5.5, "5.5"},
		{11, "11"},
		{999, "999"},
		{999.5, "1k"}, // not "1e+03"
		{1536, "1.54k"},
		{2_300_000, "2.3M"},
		{4e9, "4G"},
		{-1500, "-1.5k"},
		{0.125, "0.125"},
	}
	for _, tt := range tests {
		if got := compact(tt.v); got != tt.want {
			t.Errorf("compact(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestResample(t *testing.T) {
	pts := []Point{{0, 0}, {2, 10}, {4, 0}}
	got := resample(pts, 0, 4, 5) // columns at X = 0, 1, 2, 3, 4
	want := []float64{0, 5, 10, 5, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("resample = %v, want %v", got, want)
		}
	}
	// A series covering only part of the axis leaves the rest blank.
	got = resample([]Point{{1, 3}, {2, 4}}, 0, 4, 5)
	if !math.IsNaN(got[0]) || got[1] != 3 || got[2] != 4 || !math.IsNaN(got[3]) {
		t.Errorf("partial resample = %v, want [NaN 3 4 NaN NaN]", got)
	}
}

// flattened is the case --log-y is for: five classes between $10 and $160
// a month beside one of $76k, which on a linear axis squeezes the five
// into the bottom row.
func flattened() Chart {
	c := Chart{Title: "Monthly cost", XLabel: "month", YLabel: "USD"}
	for i, cost := range []float64{10, 20, 40, 80, 160, 76_000} {
		s := Series{Name: seriesSymbols[i] + "-class"}
		for month := 1; month <= 12; month++ {
			s.Points = append(s.Points, Point{float64(month), cost})
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// plotRowsOf returns, for each series symbol of c's plain text chart, the
// plot rows (from the top) it is drawn on.
func plotRowsOf(t *testing.T, c Chart) map[string][]int {
	t.Helper()
	rows := map[string][]int{}
	for i, l := range strings.Split(renderText(t, c, 80, false), "\n") {
		_, body, ok := strings.Cut(l, "|")
		if !ok {
			continue
		}
		for _, sym := range seriesSymbols[:len(c.Series)] {
			if strings.Contains(body, sym) {
				rows[sym] = append(rows[sym], i)
			}
		}
	}
	return rows
}

func TestTextLogY(t *testing.T) {
	// On a linear axis the five cheap series share the bottom row, each
	// drawn over the one before.
	linear := plotRowsOf(t, flattened())
	var cheapRows []int
	for _, sym := range seriesSymbols[:5] {
		cheapRows = append(cheapRows, linear[sym]...)
	}
	if slices.Sort(cheapRows); len(slices.Compact(cheapRows)) != 1 {
		t.Fatalf("linear Y: the five cheap series on rows %v, want one (the case for --log-y)", cheapRows)
	}
	c := flattened()
	c.LogY = true
	logRows := plotRowsOf(t, c)
	seen := map[int]string{}
	for _, sym := range seriesSymbols[:len(c.Series)] {
		if len(logRows[sym]) != 1 {
			t.Errorf("log Y: series %q on rows %v, want one row (a flat line)", sym, logRows[sym])
			continue
		}
		if other, ok := seen[logRows[sym][0]]; ok {
			t.Errorf("log Y: series %q and %q share row %d", sym, other, logRows[sym][0])
		}
		seen[logRows[sym][0]] = sym
	}
	out := renderText(t, c, 80, false)
	// The Y labels are data values: the top row is $76k, the bottom $10.
	for _, want := range []string{" 76k |", " 10 |"} {
		if !strings.Contains(out, want) {
			t.Errorf("log Y: no label %q\n%s", want, out)
		}
	}
}

// On a log Y axis, Y <= 0 cannot be drawn: such points are skipped, and
// a chart left with none says so.
func TestTextLogYSkipsNonPositive(t *testing.T) {
	c := Chart{LogY: true, Series: []Series{{Name: "s", Points: []Point{{1, 0}, {2, -5}, {3, 100}, {4, 1000}}}}}
	out := renderText(t, c, 60, false)
	if !strings.Contains(out, " 1k |") || !strings.Contains(out, " 100 |") {
		t.Errorf("the points above zero are not drawn from 100 to 1k:\n%s", out)
	}
	c.Series[0].Points = []Point{{1, 0}, {2, -5}}
	out = renderText(t, c, 60, false)
	if want := "(no point with Y above zero to draw on a logarithmic Y axis)"; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}

// widthCharts are charts that tend to run wide: eight classes and long
// lifecycle rule names, huge values, long labels and marks.
func widthCharts() map[string]Chart {
	many := Chart{Title: "product-images: monthly cost by datasets.thumbnails.reads.per_month with a title longer than any terminal line is wide",
		XLabel: "datasets.thumbnails.reads.per_month (requests)", YLabel: "USD a month", LogX: true}
	names := []string{"STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE", "REDUCED_REDUNDANCY",
		"lifecycle: STANDARD → STANDARD_IA at 30d → GLACIER_IR at 90d → DEEP_ARCHIVE at 180d", "a-rule-name-without-any-space-that-is-longer-than-a-line-of-forty-bytes"}
	for i, name := range names {
		s := Series{Name: name}
		for x := 1.0; x <= 1e9; x *= 10 {
			s.Points = append(s.Points, Point{x, float64(i+1) * 123456.789 * math.Log10(x+10)})
		}
		many.Series = append(many.Series, s)
	}
	many.Marks = []Mark{{X: 12345678, Label: "cheapest: GLACIER_IR from 12,345,678 requests, where STANDARD_IA's retrieval fees overtake its storage savings"}}
	huge := Chart{Series: []Series{{Name: "huge", Points: []Point{{-1e300, -1e300}, {1e300, 1e300}}}}}
	logY := many
	logY.LogY = true
	return map[string]Chart{"cumulative": cumulativeCost(), "log marks": costByReads(), "many": many, "many log Y": logY, "huge": huge, "flattened": flattened()}
}

// Every line of the text chart is at most the width it is given, in
// bytes (report.TextWidth) once color codes, which take no column, are
// left out.
func TestTextFitsWidth(t *testing.T) {
	for name, c := range widthCharts() {
		for _, width := range []int{40, 57, 80, 120, 200} {
			for _, color := range []bool{false, true} {
				out := renderText(t, c, width, color)
				for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
					if n := len(ansiEscape.ReplaceAllString(l, "")); n > width {
						t.Errorf("%s, width %d, color %v: a line of %d bytes: %q", name, width, color, n, l)
					}
				}
				if !color && strings.ContainsFunc(out, func(r rune) bool { return r > '~' && r != '→' }) {
					t.Errorf("%s, width %d: non-ASCII drawing characters (3 bytes a column):\n%s", name, width, out)
				}
			}
		}
	}
	// The default is 120, the width off a terminal.
	for _, l := range strings.Split(renderText(t, widthCharts()["many"], 0, false), "\n") {
		if len(l) > 120 {
			t.Errorf("width 0: a line of %d bytes: %q", len(l), l)
		}
	}
}

// The plot uses the width: it does not stay at a fixed 72 columns on a
// wide terminal.
func TestTextUsesWidth(t *testing.T) {
	out := renderText(t, cumulativeCost(), 200, false)
	widest := 0
	for _, l := range strings.Split(out, "\n") {
		widest = max(widest, len(l))
	}
	if widest < 190 {
		t.Errorf("at width 200 the widest line is %d bytes", widest)
	}
}

// Where lines overlap, the first series' symbol shows: it is the cheapest
// class, rank 1, which asciigraph drew first and so under every later
// series (issue 14: STANDARD's "*" was hidden under INTELLIGENT_TIERING's
// "o" on the whole plot of team-buckets.yaml).
func TestTextFirstSeriesOnTop(t *testing.T) {
	line := func(name string, ys ...float64) Series {
		s := Series{Name: name}
		for i, y := range ys {
			s.Points = append(s.Points, Point{float64(i), y})
		}
		return s
	}
	c := Chart{Series: []Series{
		line("CHEAPEST", 10, 10, 10, 10, 10),
		line("SAME", 10, 10, 10, 10, 10),  // hidden under the first all along
		line("ABOVE", 10, 10, 20, 30, 40), // parts from it after two points
	}}
	out := renderText(t, c, 60, false)
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	plotted := strings.Join(lines[:len(lines)-1], "\n") // without the legend
	if !strings.Contains(plotted, "*") {
		t.Errorf("the first series' * is hidden:\n%s", out)
	}
	if strings.Contains(plotted, "o") {
		t.Errorf("the second series' o is drawn over the first, which it equals:\n%s", out)
	}
	// The row of the common value: the first series' symbol where all three meet.
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "10 ") || strings.HasPrefix(strings.TrimSpace(l), "10.0 ") {
			if !strings.Contains(l, "*") {
				t.Errorf("row of 10 has no *: %q", l)
			}
		}
	}
	if legend := lines[len(lines)-1]; !strings.Contains(legend, "* CHEAPEST") || !strings.Contains(legend, "o SAME") || !strings.Contains(legend, "+ ABOVE") {
		t.Errorf("legend %q: symbols no longer match the series", legend)
	}
}
