package chart

import (
	"bytes"
	"math"
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
	}
	for name, c := range tests {
		t.Run(name, func(t *testing.T) {
			golden.Check(t, name+".txt.golden", []byte(renderText(t, c, 0, false)))
		})
	}
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
// both modes and at odd widths, and still names every series.
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
			for _, width := range []int{0, 1, 2, 5} {
				for _, color := range []bool{true, false} {
					out := renderText(t, tt.c, width, color)
					for _, s := range tt.c.Series {
						if !strings.Contains(out, s.Name) {
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
