package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// writeImage writes c to name in a fresh directory and returns its path.
func writeImage(t *testing.T, name string, c Chart) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := Image(path, c); err != nil {
		t.Fatalf("Image(%s): %v", name, err)
	}
	return path
}

// assertOnlyFile checks that path is the only file in its directory: no
// temporary file of the atomic write is left behind.
func assertOnlyFile(t *testing.T, path string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != filepath.Base(path) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only %s", names, filepath.Base(path))
	}
}

// validXML reports the first XML syntax error in data, if any.
func validXML(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.Token(); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

func TestImageSVG(t *testing.T) {
	c := cumulativeCost()
	c.Series[0].Name = "STANDARD <hot> & co" // go-chart leaves text unescaped
	c.Marks = []Mark{{X: 6, Label: "GLACIER_IR < STANDARD"}}
	for name, c := range map[string]Chart{"linear.svg": c, "log.SVG": costByReads()} {
		t.Run(name, func(t *testing.T) {
			path := writeImage(t, name, c)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := validXML(data); err != nil {
				t.Fatalf("SVG does not parse as XML: %v", err)
			}
			var doc struct{ XMLName xml.Name }
			if err := xml.Unmarshal(data, &doc); err != nil || doc.XMLName.Local != "svg" {
				t.Errorf("root element %q (%v), want svg", doc.XMLName.Local, err)
			}
			text := xmlText(t, data)
			for _, s := range c.Series {
				if !strings.Contains(text, s.Name) {
					t.Errorf("SVG text lacks series %q", s.Name)
				}
			}
			for _, m := range c.Marks {
				if !strings.Contains(text, m.Label) {
					t.Errorf("SVG text lacks mark %q", m.Label)
				}
			}
			assertOnlyFile(t, path)
		})
	}
}

// xmlText is the character data of an XML document, unescaped.
func xmlText(t *testing.T, data []byte) string {
	t.Helper()
	var b strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
			b.WriteByte('\n')
		}
	}
}

func TestImagePNG(t *testing.T) {
	path := writeImage(t, "cost.png", costByReads())
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	if size := img.Bounds().Size(); size.X != imageWidth || size.Y != imageHeight {
		t.Errorf("PNG is %v, want %dx%d", size, imageWidth, imageHeight)
	}
	assertOnlyFile(t, path)
}

func TestImageBadExtension(t *testing.T) {
	for _, name := range []string{"cost.jpg", "cost", "cost.svg.txt"} {
		dir := t.TempDir()
		err := Image(filepath.Join(dir, name), cumulativeCost())
		if err == nil || !strings.Contains(err.Error(), ".svg") || !strings.Contains(err.Error(), ".png") {
			t.Errorf("Image(%s) = %v, want an error naming .svg and .png", name, err)
		}
		if !errors.Is(err, exit.ErrInput) {
			t.Errorf("Image(%s) = %v, want bad input (exit.ErrInput)", name, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("Image(%s) left %d files behind", name, len(entries))
		}
	}
}

// An image that cannot be written is an I/O error, not bad input.
func TestImageUnwritable(t *testing.T) {
	err := Image(filepath.Join(t.TempDir(), "missing-dir", "cost.svg"), cumulativeCost())
	if !errors.Is(err, exit.ErrIO) || errors.Is(err, exit.ErrInput) {
		t.Errorf("err = %v, want exit.ErrIO only", err)
	}
}

// TestImageReplacesAtomically overwrites an existing image and checks the
// rename left exactly the new file.
func TestImageReplacesAtomically(t *testing.T) {
	path := writeImage(t, "cost.svg", cumulativeCost())
	if err := Image(path, costByReads()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "GB read per month") {
		t.Error("the second image did not replace the first")
	}
	assertOnlyFile(t, path)
}

func TestImageEdgeCases(t *testing.T) {
	series := func(pts ...Point) []Series { return []Series{{Name: "s", Points: pts}} }
	tests := []struct {
		name    string
		c       Chart
		wantErr bool
	}{
		{"no series", Chart{}, true},
		{"no drawable point", Chart{LogX: true, Series: series(Point{0, 1})}, true},
		{"single point", Chart{Series: series(Point{3, 7})}, false},
		{"single point log", Chart{LogX: true, Series: series(Point{100, 7}), Marks: []Mark{{X: 100, Label: "here"}}}, false},
		{"equal Y", Chart{Series: series(Point{0, 5}, Point{1, 5})}, false},
		{"empty series beside data", Chart{Series: []Series{{Name: "empty"}, {Name: "s", Points: []Point{{0, 1}, {1, 2}}}}}, false},
		{"mark off a log axis", Chart{LogX: true, Series: series(Point{1, 1}, Point{10, 2}), Marks: []Mark{{X: -1, Label: "skipped"}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, ext := range []string{".svg", ".png"} {
				dir := t.TempDir()
				err := Image(filepath.Join(dir, "chart"+ext), tt.c)
				if (err != nil) != tt.wantErr {
					t.Errorf("%s: err = %v, want error %v", ext, err, tt.wantErr)
				}
				entries, _ := os.ReadDir(dir)
				if want := map[bool]int{true: 0, false: 1}[tt.wantErr]; len(entries) != want {
					t.Errorf("%s: directory holds %d files, want %d", ext, len(entries), want)
				}
			}
		})
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []float64
	}{
		{0, 11, []float64{0, 2, 4, 6, 8, 10, 12}},                    // 11/8 = 1.4: step 2
		{230, 2760, []float64{0, 500, 1000, 1500, 2000, 2500, 3000}}, // 316: step 500
		{5, 5, []float64{4, 4.5, 5, 5.5, 6}},                         // equal: widened to 4..6, step 0.5 (0.25 rounds up)
		{-3, 3, []float64{-3, -2, -1, 0, 1, 2, 3}},                   // 0.75: step 1
	}
	for _, tt := range tests {
		got := niceTicks(tt.lo, tt.hi)
		if len(got) != len(tt.want) {
			t.Errorf("niceTicks(%v, %v) = %v, want %v", tt.lo, tt.hi, got, tt.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-9 {
				t.Errorf("niceTicks(%v, %v) = %v, want %v", tt.lo, tt.hi, got, tt.want)
				break
			}
		}
	}
}

// svgOf renders c as SVG and returns it.
func svgOf(t *testing.T, c Chart) []byte {
	t.Helper()
	data, err := os.ReadFile(writeImage(t, "chart.svg", c))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// seriesStrokes are the colors of the lines drawn 2 pixels wide: the
// series and their legend keys (axes and marks are 1 pixel).
func seriesStrokes(t *testing.T, data []byte) map[string]bool {
	t.Helper()
	colors := map[string]bool{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return colors
		}
		if err != nil {
			t.Fatal(err)
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "path" {
			for _, a := range el.Attr {
				if a.Name.Local == "style" && strings.Contains(a.Value, "stroke-width:2;") {
					_, color, _ := strings.Cut(a.Value, "stroke:")
					color, _, _ = strings.Cut(color, ";")
					colors[color] = true
				}
			}
		}
	}
}

// Every series of a chart gets its own color: eight classes and some
// lifecycle rules (go-chart's default colors repeat after five).
func TestImageDistinctColors(t *testing.T) {
	for _, n := range []int{1, 5, 6, 8, 12, 20} {
		c := Chart{}
		for i := range n {
			c.Series = append(c.Series, Series{Name: "class " + strconv.Itoa(i), Points: []Point{{0, float64(i)}, {1, float64(i + 1)}}})
		}
		if got := seriesStrokes(t, svgOf(t, c)); len(got) != n {
			t.Errorf("%d series drawn in %d colors: %v", n, len(got), got)
		}
	}
	// Far apart, not merely unequal: the first twelve (eight classes and
	// four rules) differ by at least 60 in RGB distance of 441.
	colors := palette(12)
	for i := range colors {
		for j := range i {
			a, b := colors[i], colors[j]
			dr, dg, db := float64(a.R)-float64(b.R), float64(a.G)-float64(b.G), float64(a.B)-float64(b.B)
			if d := math.Sqrt(dr*dr + dg*dg + db*db); d < 60 {
				t.Errorf("colors %d %v and %d %v are %.0f apart", j, b, i, a, d)
			}
		}
	}
	seen := map[drawing.Color]bool{}
	for _, color := range palette(200) {
		if seen[color] {
			t.Fatalf("palette(200) repeats %v", color)
		}
		seen[color] = true
	}
}

// The X axis starts and ends where the data does, on a linear and a log
// axis: months 1 to 37 are not drawn on an axis to 40, nor sizes of 64 KiB
// to 4 MiB on one from 10k to 10M.
func TestImageXAxisEndsAtData(t *testing.T) {
	months := Chart{Series: []Series{{Name: "s", Points: []Point{{1, 5}, {37, 9}}}}}
	sizes := Chart{LogX: true, Series: []Series{{Name: "s", Points: []Point{{65536, 5}, {4 << 20, 9}}}}}
	for _, tt := range []struct {
		name        string
		c           Chart
		first, last string
		absent      string
	}{
		{"linear", months, "1", "37", "40"},
		{"log", sizes, "65.5k", "4.19M", "10M"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			graph, err := imageGraph(tt.c, func(s string) string { return s })
			if err != nil {
				t.Fatal(err)
			}
			ticks := graph.XAxis.Ticks
			if ticks[0].Label != tt.first || ticks[len(ticks)-1].Label != tt.last {
				t.Errorf("X ticks %v, want from %s to %s (go-chart spans the ticks)", ticks, tt.first, tt.last)
			}
			text := xmlText(t, svgOf(t, tt.c))
			if slices.Contains(strings.Split(text, "\n"), tt.absent) {
				t.Errorf("the SVG labels %s, beyond the data", tt.absent)
			}
		})
	}
}

// A log Y axis is labelled with the data's values, and spreads a cheap
// class far from a costly one; Y <= 0 is skipped, and a chart left with
// nothing is bad input saying why.
func TestImageLogY(t *testing.T) {
	c := flattened()
	c.LogY = true
	graph, err := imageGraph(c, func(s string) string { return s })
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, tick := range graph.YAxis.Ticks {
		labels = append(labels, tick.Label)
	}
	if want := []string{"10", "100", "1k", "10k", "76k"}; !slices.Equal(labels, want) {
		t.Errorf("log Y ticks %v, want %v", labels, want)
	}
	if err := validXML(svgOf(t, c)); err != nil {
		t.Error(err)
	}
	withZero := Chart{LogY: true, Series: []Series{{Name: "s", Points: []Point{{1, 0}, {2, 10}, {3, 100}}}}}
	writeImage(t, "zero.svg", withZero)
	withZero.Series[0].Points = []Point{{1, 0}, {2, -3}}
	err = Image(filepath.Join(t.TempDir(), "none.svg"), withZero)
	if !errors.Is(err, exit.ErrInput) || !strings.Contains(err.Error(), "no point with Y above zero to draw on a logarithmic Y axis") {
		t.Errorf("err = %v, want bad input naming the log Y axis", err)
	}
}

// svgCoordinates are the x and y coordinates of every element and path
// point of an SVG (go-chart's paths are M, L and Z commands).
func svgCoordinates(t *testing.T, data []byte) (xs, ys []float64) {
	t.Helper()
	number := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("coordinate %q: %v", s, err)
		}
		return v
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return xs, ys
		}
		if err != nil {
			t.Fatal(err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "x", "cx":
				xs = append(xs, number(a.Value))
			case "y", "cy":
				ys = append(ys, number(a.Value))
			case "d":
				fields := strings.Fields(a.Value)
				for i := 0; i < len(fields); i += 3 {
					if fields[i] == "Z" { // closes the path: no coordinates
						i -= 2
						continue
					}
					if cmd := fields[i]; (cmd != "M" && cmd != "L") || i+2 >= len(fields) {
						t.Fatalf("unexpected path data %q", a.Value)
					}
					xs, ys = append(xs, number(fields[i+1])), append(ys, number(fields[i+2]))
				}
			}
		}
	}
}

// No coordinate of the SVG falls off the image, whatever the data: a
// hidden axis go-chart drew anyway put labels at y="-9223372036854775354"
// (int of NaN) in every chart, and a mark beyond the data was drawn off it.
func TestImageCoordinatesOnTheImage(t *testing.T) {
	series := func(pts ...Point) []Series { return []Series{{Name: "s", Points: pts}} }
	flat := series(Point{1, 5}, Point{2, 5}, Point{3, 5})
	tests := map[string]Chart{
		"ordinary":           cumulativeCost(),
		"log X with marks":   costByReads(),
		"one point":          {Series: series(Point{3, 7})},
		"one point log":      {LogX: true, LogY: true, Series: series(Point{100, 7})},
		"all equal Y":        {Series: flat},
		"all equal Y log Y":  {LogY: true, Series: flat},
		"all zero":           {Series: series(Point{0, 0}, Point{1, 0})},
		"zero X range":       {Series: series(Point{2, 1}, Point{2, 9})},
		"huge Y":             {Series: series(Point{0, 1e300}, Point{1, -1e300}, Point{2, 0})},
		"huge X":             {Series: series(Point{-1e300, 1}, Point{1e300, 2})},
		"huge Y log":         {LogY: true, Series: series(Point{1, 1e-300}, Point{2, 1e300})},
		"tiny range":         {Series: series(Point{0, 1e-9}, Point{1e-12, 2e-9})},
		"float noise":        {Series: series(Point{0, 0.1 + 0.2}, Point{1, 0.3})},
		"negative":           {Series: series(Point{0, -5}, Point{1, -7})},
		"marks off the data": {Series: flat, Marks: []Mark{{X: -100, Label: "before"}, {X: 1e9, Label: "after"}, {X: 2, Label: "in"}}},
		"many series":        flattened(),
	}
	for name, c := range tests {
		t.Run(name, func(t *testing.T) {
			xs, ys := svgCoordinates(t, svgOf(t, c))
			if len(xs) == 0 || len(ys) == 0 {
				t.Fatal("no coordinates found")
			}
			for _, x := range xs {
				if x < 0 || x > imageWidth {
					t.Errorf("x = %v, off the %d-pixel image", x, imageWidth)
				}
			}
			for _, y := range ys {
				if y < 0 || y > imageHeight {
					t.Errorf("y = %v, off the %d-pixel image", y, imageHeight)
				}
			}
		})
	}
}
